// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The report and gate commands: audit a table or a scoring run of a project, optionally
// against a baseline on the same probe set, and write the HTML and PDF reports, the CSV tables
// and the JUnit XML. The gate's exit status is the decision: 0 APPROVED, 1 BLOCKED, 2 any error.

#include "commands.h"

#include <core/audit/auditjson.h>
#include <core/report/csvexport.h>
#include <core/report/gateverdict.h>
#include <core/report/htmlreport.h>
#include <core/report/junitreport.h>
#include <core/report/pdfreport.h>
#include <core/report/reportformat.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/sourceaudit.h>
#include <core/workflow/reportbuilder.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace cli {

namespace {

int failIn(cp::Error e, const std::string &project)
{
    if (e.file.empty())
        e.file = project;
    return fail(e);
}

/// "  (regressed, beyond the regression threshold)": which way, as the workbench says it.
std::string beyondText(bool beyond, cp::DeltaChange change)
{
    if (!beyond)
        return {};
    return std::string("  (") + cp::deltaChangeKey(change) + ", beyond the regression threshold)";
}

void printSummary(const cp::Report &report)
{
    const cp::AuditResult &r = report.result;
    std::cout << report.verdict().word() << "  " << report.tested.sourceKind << " '"
              << report.tested.sourceLabel << "'";
    if (!report.tested.contractVersion.empty())
        std::cout << " · contract version " << report.tested.contractVersion;
    std::cout << "\n";
    if (const std::string families = r.familiesSentence(); !families.empty())
        std::cout << "  Families: " << families << "\n";
    for (const cp::Check &c : r.checks) {
        const char *word = c.status == cp::CheckStatus::Passed   ? "passed      "
                           : c.status == cp::CheckStatus::Failed ? "FAILED      "
                                                                 : "INSUFFICIENT";
        std::cout << "  " << word << "  " << cp::checkMessage(c, r, report.floor, true) << "\n";
    }
    for (const std::string &m : r.missing)
        std::cout << "  MISSING       required attestation: " << m << "\n";
    if (const auto &c = report.comparison) {
        std::cout << "baseline '" << c->baselineLabel << "' -> candidate '" << c->candidateLabel
                  << "': " << cp::decisionText(c->baselineDecision) << " -> "
                  << cp::decisionText(c->candidateDecision) << "\n";
        for (const cp::MetricDelta &d : c->gaps) {
            if (!d.delta || d.withheld || std::abs(*d.delta) < 1e-12)
                continue;
            std::cout << "  " << cp::metricLabel(d.metric) << " gap (" << d.attribute << "): "
                      << cp::formatPercent(*d.baseline) << " -> " << cp::formatPercent(*d.candidate)
                      << beyondText(d.beyondThreshold, d.change) << "\n";
        }
        // The LLM outputs' deltas that changed; a pair's or group's label after the attribute.
        for (const cp::LlmDelta &d : c->llm) {
            if (!d.delta || d.withheld || std::abs(*d.delta) < 1e-12)
                continue;
            const std::string group = d.groupLabel();
            std::cout << "  " << cp::llmMetricLabel(d.metric) << " (" << d.attribute
                      << (group.empty() ? "" : ", " + group) << "): "
                      << cp::formatLlmValue(d.metric, *d.baseline) << " -> "
                      << cp::formatLlmValue(d.metric, *d.candidate)
                      << beyondText(d.beyondThreshold, d.change) << "\n";
        }
        std::cout << "  flips fixed " << report.floor.count(std::int64_t(c->flipsFixed.size()))
                  << ", introduced " << report.floor.count(std::int64_t(c->flipsIntroduced.size()))
                  << ", kept " << report.floor.count(c->flipsKept) << "\n";
        if (c->repairedOnRegressionSet)
            std::cout << "  NOTE: " << c->caveat << "\n";
    }
}

int run(const Args &args, bool gate)
{
    const char *name = gate ? "gate" : "report";
    for (const char *output : {"--html", "--pdf", "--junit", "--csv"})
        if (args.flag(output))
            return usageError(std::string(name) + ": " + output + " needs a path");
    if (auto bad = args.unknown({"--project", "--run", "--table", "--baseline", "--baseline-table",
                                 "--junit", "--html", "--pdf", "--csv"},
                                {"--no-pair-text"});
        !bad.empty())
        return usageError(std::string(name) + ": unknown option " + bad);
    if (!args.has("--project"))
        return usageError(std::string(name) + " needs --project P");
    if (args.has("--run") && args.has("--table"))
        return usageError(std::string(name) + " takes --run R or --table T, not both");
    if (args.has("--baseline") && args.has("--baseline-table"))
        return usageError(std::string(name)
                          + " takes --baseline R0 or --baseline-table T0, not both");
    if (!gate && !args.has("--html") && !args.has("--pdf"))
        return usageError("report needs --html OUT.html or --pdf OUT.pdf");
    if (!gate && args.has("--junit"))
        return usageError("report writes no JUnit XML: use gate --junit");

    const std::string projectPath = args.get("--project");
    auto project = openProject(args);
    if (!project)
        return failIn(project.error(), projectPath);
    cp::ProjectStore &store = project->store();

    auto spec = store.currentSpec();
    if (!spec)
        return failIn(spec.error(), projectPath);
    if (!spec->has_value())
        return failIn(cp::Error{cp::ErrorCode::Invalid, projectPath, 0, "spec",
                                "the project has no audit spec (counterpart-cli spec --project P "
                                "--set SPEC.json)"},
                      projectPath);
    auto parsed = cp::parseAuditSpecText((*spec)->json, projectPath + " (spec)");
    if (!parsed)
        return failIn(parsed.error(), projectPath);
    if (gate && !parsed->contract)
        return failIn(cp::Error{cp::ErrorCode::Invalid, projectPath, 0, "contract",
                                "the project's spec has no contract, so there is nothing to gate "
                                "on; add a contract to the spec"},
                      projectPath);

    auto source = sourceFromArgs(store, args, "--run", "--table");
    if (!source)
        return failIn(source.error(), projectPath);
    // A kept audit comes with its top flips' families: the whole probe set is read only when
    // the report or the comparison needs more of it.
    auto candidate = cp::auditSource(store, *source, {}, false, cp::PairsWhen::Later);
    if (!candidate)
        return failIn(candidate.error(), projectPath);

    std::optional<cp::RunComparison> comparison;
    if (args.has("--baseline") || args.has("--baseline-table")) {
        auto baseSource = sourceFromArgs(store, args, "--baseline", "--baseline-table");
        if (!baseSource)
            return failIn(baseSource.error(), projectPath);
        auto baseline = cp::auditSource(store, *baseSource, {}, false, cp::PairsWhen::Later);
        if (!baseline)
            return failIn(baseline.error(), projectPath);
        auto compared = cp::compareRuns(store, *baseline, *candidate, *parsed);
        if (!compared) {
            cp::Error e = compared.error();
            if (e.field == "baseline")
                e.field = args.has("--baseline") ? "--baseline" : "--baseline-table";
            return failIn(e, projectPath);
        }
        comparison = std::move(*compared);
    }

    cp::ReportOptions options;
    options.includePairText = !args.flag("--no-pair-text");
    options.toolVersion = "counterpart-cli " COUNTERPART_VERSION;
    if (auto read = cp::readReportPairs(store, *candidate, options); !read)
        return failIn(read.error(), projectPath);
    auto report = cp::buildReport(store, *candidate, options);
    if (!report)
        return failIn(report.error(), projectPath);
    report->comparison = std::move(comparison);
    if (project->isSample())
        report->tested.projectFile = project->displayName();

    printSummary(*report);
    if (args.has("--html")) {
        if (auto ok = cp::writeReportFile(args.get("--html"), cp::renderHtml(*report)); !ok)
            return fail(ok.error());
        std::cout << "wrote " << args.get("--html") << "\n";
    }
    if (args.has("--pdf")) {
        if (auto ok = cp::writeReportFile(args.get("--pdf"), cp::renderPdf(*report)); !ok)
            return fail(ok.error());
        std::cout << "wrote " << args.get("--pdf") << "\n";
    }
    if (args.has("--csv")) {
        auto written = cp::writeCsvTables(*report, args.get("--csv"));
        if (!written)
            return fail(written.error());
        std::cout << "wrote " << written->size() << " CSV tables to " << args.get("--csv") << "\n";
    }
    if (args.has("--junit")) {
        if (auto ok = cp::writeReportFile(args.get("--junit"), cp::junitXml(*report)); !ok)
            return fail(ok.error());
        std::cout << "wrote " << args.get("--junit") << "\n";
    }
    std::cout.flush();
    if (!gate)
        return ExitOk;
    // The verdict is core's (core/report/gateverdict.h): the same one the JUnit, HTML and PDF
    // outputs above show, so the exit status cannot disagree with them.
    const cp::GateVerdict verdict = report->verdict();
    if (verdict.outcome == cp::GateVerdict::Outcome::NotValidated)
        std::cout << "GATE BLOCKED: the candidate's checks pass, but it was repaired on the "
                     "regression set and is not validated for release; run the gate on a fresh "
                     "probe set\n";
    return verdict.blocks() ? ExitBlocked : ExitOk;
}

} // namespace

int runGate(const Args &args)
{
    return run(args, true);
}

int runReport(const Args &args)
{
    return run(args, false);
}

} // namespace cli
