// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart-cli models | score: scorer configs in a project, scoring runs over probe sets,
// and the file form that scores any table.

#include "commands.h"

#include <core/common/jsontext.h>
#include <core/common/utf8.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringestimate.h>
#include <core/score/scoringrun.h>
#include <core/score/trust.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/replyprobeset.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

namespace cli {

namespace {

/// A progress line on stderr at most every half second.
cp::Progress stderrProgress()
{
    cp::Progress p;
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    p.report = [last](std::int64_t done, std::int64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (now - *last < std::chrono::milliseconds(500) && done < total)
            return;
        *last = now;
        std::fprintf(stderr, "\rscored %lld of %lld", static_cast<long long>(done),
                     static_cast<long long>(total));
        std::fflush(stderr);
    };
    p.isCancelled = [] { return InterruptGuard::interrupted(); };
    return p;
}

void printRun(const cp::ScoreRunRecord &r)
{
    std::cout << "run " << r.id << ": model '" << r.modelName << "' version " << r.modelVersion
              << " (config " << r.configSha256.substr(0, 12) << ") on probe set '"
              << r.probeSetName << "' (id " << r.probeSetId << "), " << r.repeats
              << (r.repeats == 1 ? " repeat" : " repeats") << "\n"
              << "  " << r.status << ": " << r.scored << " scored, " << r.errors << " error(s), "
              << r.refused << " refused, of " << r.tasks << " task(s); started " << r.started
              << (r.finished.empty() ? "" : ", ended " + r.finished) << "\n";
    if (!r.message.empty())
        std::cout << "  " << r.message << "\n";
}

/// Before a run: what it would do. With --estimate that is all (exit 0, or 2 when the run would
/// stop before its first task), and the return value is the exit status; without, the estimate
/// of a command or HTTP run is printed (requests cost time or money) and -1 lets the run go on.
int estimateFirst(const Args &args, const std::function<cp::Result<cp::ScoringEstimate>()> &make,
                  const std::string &what, const std::string &kind)
{
    const bool only = args.flag("--estimate");
    if (!only && kind != "command" && kind != "http")
        return -1; // in-process scoring costs nothing: no need to read the rows twice
    const cp::Result<cp::ScoringEstimate> estimate = make();
    if (!estimate) {
        // Without --estimate the run itself reports the same error, in its own words.
        return only ? fail(estimate.error()) : -1;
    }
    if (only || kind == "command" || kind == "http")
        std::cout << "estimate for " << what << ": " << cp::estimateText(*estimate) << "\n";
    if (!only)
        return -1;
    if (estimate->needsTrust && !args.flag("--trust"))
        std::cout << "  the run would ask to trust this scorer first (--trust)\n";
    if (estimate->wouldStop) {
        std::cout << "  the run would stop before its first task:\n";
        return fail(*estimate->wouldStop);
    }
    std::cout << "  nothing was scored (--estimate)\n";
    return ExitOk;
}

int scoreFileForm(const Args &args)
{
    if (!args.has("--in") || !args.has("--scorer") || !args.has("--out"))
        return usageError("score needs --in ROWS --scorer SCORER.json --out SCORED.csv "
                          "(or --project P --probe-set V --model NAME)");
    auto config = cp::loadScorerConfig(args.get("--scorer"));
    if (!config)
        return fail(config.error());
    if (int status = estimateFirst(
            args, [&] { return cp::estimateScoringFile(args.get("--in"), *config); },
            "'" + config->name + "' on " + args.get("--in"), config->kind);
        status >= 0)
        return status;
    auto scorer = cp::makeScorer(*config);
    if (!scorer)
        return fail(scorer.error());
    InterruptGuard guard;
    const auto t0 = std::chrono::steady_clock::now();
    auto table = cp::scoreFile(
        args.get("--in"), **scorer, config->repeats,
        [](std::string_view line) { std::cerr << "log: " << line << "\n"; }, stderrProgress());
    std::cerr << "\n";
    if (!table)
        return fail(table.error());
    const std::string out = args.get("--out");
    const std::string partial = out + ".partial";
    {
        std::ofstream f(partial, std::ios::binary | std::ios::trunc);
        f << table->csv;
        if (!f)
            return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, "cannot write the scored table"});
    }
    std::error_code ec;
    std::filesystem::rename(partial, out, ec);
    if (ec)
        return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, ec.message()});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "scored " << table->rows << " row(s) with '" << config->name << "' in "
              << seconds << " s; " << table->unscored << " without a score (errors), "
              << table->refused << " refused; wrote " << out << "\n";
    return table->unscored > 0 ? ExitError : ExitOk;
}

} // namespace

int runModels(const Args &args)
{
    if (auto bad = args.unknown({"--project", "--add", "--show"}, {}); !bad.empty())
        return usageError("models: unknown option " + bad);
    if (!args.has("--project"))
        return usageError("models needs --project P");
    auto opened = openProject(args, args.has("--add") ? cp::OpenedProject::Access::Create
                                                      : cp::OpenedProject::Access::ReadOnly);
    if (!opened)
        return fail(opened.error());
    if (args.has("--add")) {
        auto config = cp::loadScorerConfig(args.get("--add"));
        if (!config)
            return fail(config.error());
        auto model = cp::addModel(opened->store(), *config);
        if (!model)
            return fail(model.error());
        std::cout << (model->existed ? "already stored: " : "added ") << "model " << model->id
                  << " '" << model->name << "' version " << model->version << " (" << model->kind
                  << ", config " << model->configSha256.substr(0, 12) << ")\n";
        if (config->needsTrust())
            std::cout << "It is a " << config->kind
                      << " scorer: the first score run on this machine needs --trust.\n";
        return ExitOk;
    }
    if (args.has("--show")) {
        auto model = cp::findModel(opened->store(), args.get("--show"));
        if (!model)
            return fail(model.error());
        // The stored text as it is: a damaged one aborted here (parse threw).
        const auto shown = cp::jsontext::parse(model->configJson, "model " + model->name);
        std::cout << "model " << model->id << " '" << model->name << "' version "
                  << model->version << " (" << model->kind << "), added " << model->created
                  << "\nconfig sha256 " << model->configSha256 << "\n"
                  << (shown ? cp::jsontext::dump(*shown, 2)
                            : cp::utf8::printable(model->configJson, 4000, true))
                  << "\n";
        const cp::ScorerTrust trust = cp::scorerTrust(opened->store().path(), *model);
        if (!trust.configError.empty())
            std::cout << "damaged: " << trust.configError << " (it will not run)\n";
        else if (trust.needed())
            std::cout << (trust.trusted ? "trusted on this machine\n"
                                        : "not trusted on this machine" + cp::trustChangeText(trust)
                                              + " (score with --trust to trust it)\n");
        for (const auto &f : trust.files)
            std::cout << "  covered by trust: " << cp::utf8::printable(f.path, 400, true) << " (sha256 "
                      << (f.sha256.empty() ? std::string("unreadable") : f.sha256.substr(0, 12))
                      << ")\n";
        for (const auto &f : trust.uncoveredFiles)
            std::cout << "  runs but not covered (outside the project's folder): "
                      << cp::utf8::printable(f, 400, true) << "\n";
        return ExitOk;
    }
    auto list = cp::models(opened->store());
    if (!list)
        return fail(list.error());
    if (list->empty()) {
        std::cout << "no models (add one with counterpart-cli models --project P --add "
                     "SCORER.json)\n";
        return ExitOk;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto &m = (*list)[i];
        bool newest = true;
        for (std::size_t j = i + 1; j < list->size(); ++j)
            newest = newest && (*list)[j].name != m.name;
        std::cout << m.id << "  " << m.name << "  version " << m.version << "  " << m.kind
                  << "  config " << m.configSha256.substr(0, 12) << "  " << m.created
                  << (newest ? "" : "  (superseded)") << "\n";
    }
    return ExitOk;
}

int runScore(const Args &args)
{
    if (auto bad = args.unknown({"--project", "--probe-set", "--model", "--run", "--in",
                                 "--scorer", "--out", "--batch", "--replies-of"},
                                {"--resume", "--trust", "--list", "--estimate"});
        !bad.empty())
        return usageError("score: unknown option " + bad);
    if (!args.has("--project"))
        return scoreFileForm(args);
    // Scoring writes to the project; listing its runs also reads a sample folder.
    auto opened = openProject(args, args.flag("--list") ? cp::OpenedProject::Access::ReadOnly
                                                        : cp::OpenedProject::Access::ReadWrite);
    if (!opened)
        return fail(opened.error());
    if (args.flag("--list")) {
        auto runs = cp::scoreRuns(opened->store());
        if (!runs)
            return fail(runs.error());
        if (runs->empty())
            std::cout << "no scoring runs\n";
        for (const auto &r : *runs)
            printRun(r);
        return ExitOk;
    }
    cp::ScoringOptions options;
    if (args.has("--run")) {
        options.runId = std::atoll(args.get("--run").c_str());
        if (options.runId <= 0)
            return usageError("--run needs a run id");
        auto run = cp::findScoreRun(opened->store(), options.runId);
        if (!run)
            return fail(run.error());
        // A run names its probe set and model version: nothing else to give.
        auto set = cp::findProbeSet(opened->store(), std::to_string(run->probeSetId));
        if (!set)
            return fail(set.error());
        auto model = cp::findModel(opened->store(), std::to_string(run->modelId));
        if (!model)
            return fail(model.error());
        if (int status = estimateFirst(
                args, [&] { return cp::estimateScoring(opened->store(), *set, *model, options); },
                "run " + std::to_string(options.runId), model->kind);
            status >= 0)
            return status;
        options.trust = args.flag("--trust");
        InterruptGuard guard;
        options.progress = stderrProgress();
        options.onLog = [](std::string_view line) { std::cerr << "\nlog: " << line << "\n"; };
        auto outcome = cp::scoreProbeSet(opened->store(), *set, *model, options);
        std::cerr << "\n";
        if (!outcome)
            return fail(outcome.error());
        printRun(outcome->run);
        return outcome->run.status == "complete" ? ExitOk : ExitError;
    }
    if (args.has("--probe-set") == args.has("--replies-of") || !args.has("--model"))
        return usageError("score needs --probe-set V (or --replies-of RUN) and --model NAME "
                          "(or --run R, or --list)");
    cp::Result<cp::ProbeSetRecord> set = cp::Error{};
    if (args.has("--replies-of")) {
        // A second scorer scores the replies of a run: they become a probe set of their own.
        const std::int64_t source = std::atoll(args.get("--replies-of").c_str());
        if (source <= 0)
            return usageError("--replies-of needs a run id");
        auto replies = cp::freezeReplyProbeSet(opened->store(), source);
        if (!replies)
            return fail(replies.error());
        std::cout << (replies->set.existed ? "probe set of replies, frozen before: "
                                           : "froze the probe set of replies ")
                  << replies->set.id << " '" << replies->set.name << "' (column "
                  << cp::SourceReplyColumn << "): " << replies->familiesKept << " families; "
                  << replies->familiesLeftOut
                  << " left out (a variant refused or gave no reply)\n";
        set = std::move(replies->set);
    } else {
        set = cp::findProbeSet(opened->store(), args.get("--probe-set"));
    }
    if (!set)
        return fail(set.error());
    auto model = cp::findModel(opened->store(), args.get("--model"));
    if (!model)
        return fail(model.error());
    options.resume = args.flag("--resume");
    if (int status = estimateFirst(
            args, [&] { return cp::estimateScoring(opened->store(), *set, *model, options); },
            "model '" + model->name + "' on probe set '" + set->name + "'", model->kind);
        status >= 0)
        return status;
    if (args.has("--batch")) {
        options.batchSize = std::atoll(args.get("--batch").c_str());
        if (options.batchSize < 1)
            return usageError("--batch needs a whole number >= 1");
    }
    options.trust = args.flag("--trust");
    InterruptGuard guard;
    options.progress = stderrProgress();
    options.onLog = [](std::string_view line) { std::cerr << "\nlog: " << line << "\n"; };
    const auto t0 = std::chrono::steady_clock::now();
    auto outcome = cp::scoreProbeSet(opened->store(), *set, *model, options);
    std::cerr << "\n";
    if (!outcome)
        return fail(outcome.error());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    printRun(outcome->run);
    std::cout << "  this call: " << outcome->scoredNow << " result(s) in " << seconds << " s";
    if (outcome->alreadyScored > 0)
        std::cout << "; " << outcome->alreadyScored << " already scored before, not rescored";
    std::cout << "\n";
    if (outcome->run.status != "complete") {
        std::cout << "  resume with: counterpart-cli score --project " << args.get("--project")
                  << " --run " << outcome->run.id << "\n";
        return ExitError;
    }
    // An embeddings run holds vectors, not outcomes: the run whose replies it embedded is the
    // one to audit (its audit reads them).
    const std::optional<cp::ReplySource> source = cp::replySourceOf(*set);
    if (source && cp::runProducesEmbeddings(opened->store(), outcome->run)) {
        std::cout << "  audit with: counterpart-cli audit --project " << args.get("--project")
                  << " --run " << source->run
                  << " [--spec AUDIT.json] (the cosine similarities of its replies, from run "
                  << outcome->run.id << ")\n";
        return ExitOk;
    }
    std::cout << "  audit with: counterpart-cli audit --project " << args.get("--project")
              << " --run " << outcome->run.id << " [--spec AUDIT.json]\n";
    return ExitOk;
}

} // namespace cli
