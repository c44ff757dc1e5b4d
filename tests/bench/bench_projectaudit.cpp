// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_projectaudit [FAMILIES] [DESIGN] [DIR]
//
// A scoring run audited from its project, as `counterpart-cli audit --project P --run R` and
// `gate --project P --run R --html … --pdf …` do it (issue 12). DESIGN is
//   hiring  (default) the hiring-screen sample with `versus_reference` variants: FAMILIES
//           (default 1,000,000) families × 5 variants, the sample's audit spec and its built-in
//           model (about 1 GB of probe set rows at 1,000,000 families);
//   pairs   bench_report's synthetic probe set: FAMILIES × 2 variants, its spec and model.
// The project is made once in DIR (default the temp folder) as
// bench_projectaudit-<DESIGN>-<FAMILIES>.counterpart and kept for the next run (delete it to make
// it again). Then, timed:
//   1. in-process, phase by phase (core/common/phasetrace.h): the run's audit alone (what
//      `audit --run` does: cold, kept, and after a spec change), then the gate's work: the audit with the pairs index, the report
//      model, HTML and PDF. Each phase prints its wall time, its own peak RSS and the RSS at its
//      end, so the store's reads and the parse (other helpers' work) show apart;
//   2. the whole process, counterpart-cli, for `audit` and for `gate` with HTML + PDF: wall time
//      and peak RSS (from wait4).
// Never fails on time. Not run by CTest.

#include "benchsupport.h"

#include "../support/syntheticprobeset.h"

#include <core/audit/auditjson.h>
#include <core/common/phasetrace.h>
#include <core/common/sha256.h>
#include <core/report/htmlreport.h>
#include <core/report/junitreport.h>
#include <core/report/pdfreport.h>
#include <core/report/report.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/tablereader.h>
#include <core/workflow/reportbuilder.h>
#include <core/workflow/runaudit.h>
#include <core/workflow/sourceaudit.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char **environ;

using namespace cp;
using cpbench::Clock;
using cpbench::failed;
using cpbench::seconds;

namespace fs = std::filesystem;

namespace {

// --- memory ------------------------------------------------------------------------------

long statusKb(const char *key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0)
            return std::atol(line.c_str() + n + 1);
    return -1;
}

/// Resets the kernel's peak RSS of this process (VmHWM) to the current RSS.
void resetPeak()
{
    if (FILE *f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

// --- phases --------------------------------------------------------------------------------

struct Phase {
    std::string name;
    double seconds = 0;
    double cpu = 0;        ///< the thread that entered the phase
    double otherCpu = 0;   ///< every other thread meanwhile (the score reader, the hasher)
    double peakMb = 0;
    double endMb = 0;
};

/// CPU seconds so far (user + system) of this thread, or of the whole process: unlike wall
/// time, they move little when other work shares the cores.
double cpuSeconds(int who = RUSAGE_THREAD)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Phases {
    std::vector<Phase> done;
    std::string current;
    Clock::time_point start;
    double startCpu = 0;
    double startProcessCpu = 0;
    bool open = false;

    void close()
    {
        if (!open)
            return;
        const double cpu = cpuSeconds() - startCpu;
        const double all = cpuSeconds(RUSAGE_SELF) - startProcessCpu;
        done.push_back({current, seconds(start, Clock::now()), cpu, std::max(0.0, all - cpu),
                        double(statusKb("VmHWM:")) / 1024, double(statusKb("VmRSS:")) / 1024});
        open = false;
    }
    void enter(const char *name)
    {
        close();
        current = name;
        resetPeak();
        start = Clock::now();
        startCpu = cpuSeconds();
        startProcessCpu = cpuSeconds(RUSAGE_SELF);
        open = true;
    }
    /// Prints and forgets the phases; returns their total time and peak.
    void print(const char *title)
    {
        close();
        double total = 0, cpu = 0, other = 0, peak = 0;
        std::printf("\n%s\n  %-26s %8s %8s %10s %8s %8s\n", title, "phase", "wall s", "cpu s",
                    "+threads s", "peak MB", "end MB");
        for (const Phase &p : done) {
            std::printf("  %-26s %8.3f %8.3f %10.3f %8.0f %8.0f\n", p.name.c_str(), p.seconds,
                        p.cpu, p.otherCpu, p.peakMb, p.endMb);
            total += p.seconds;
            cpu += p.cpu;
            other += p.otherCpu;
            peak = std::max(peak, p.peakMb);
        }
        std::printf("  %-26s %8.3f %8.3f %10.3f %8.0f\n", "total", total, cpu, other, peak);
        done.clear();
    }
};

Phases s_phases;

void onPhase(const char *name)
{
    // Phases named "done" only close the one before.
    if (std::strcmp(name, "done") == 0)
        s_phases.close();
    else
        s_phases.enter(name);
}

// --- the whole process ----------------------------------------------------------------------

struct ProcessRun {
    int status = -1;
    double seconds = 0;
    double cpu = 0;
    double peakMb = 0;
};

ProcessRun runCli(const std::vector<std::string> &args, const std::string &log)
{
    std::vector<char *> argv;
    // COUNTERPART_BENCH_CLI runs another build's CLI on the same project (e.g. the base's).
    const char *other = std::getenv("COUNTERPART_BENCH_CLI");
    std::string cli = other && *other ? other : COUNTERPART_CLI;
    argv.push_back(cli.data());
    std::vector<std::string> copy = args;
    for (std::string &a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    ProcessRun out;
    const auto t0 = Clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, cli.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return out;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    out.seconds = seconds(t0, Clock::now());
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.peakMb = double(usage.ru_maxrss) / 1024;
    out.cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
              + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return out;
}

std::string lastLines(const std::string &path, int count)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line);
    std::string out;
    for (std::size_t i = lines.size() > std::size_t(count) ? lines.size() - std::size_t(count) : 0;
         i < lines.size(); ++i)
        out += "    | " + lines[i] + "\n";
    return out;
}

// --- setup -------------------------------------------------------------------------------

int setupHiring(const std::string &project, std::int64_t families, const fs::path &dir)
{
    const std::string sample = std::string(COUNTERPART_SOURCE_DIR) + "/sample_projects/hiring-screen";
    std::ifstream in(sample + "/generator.json");
    nlohmann::json generator = nlohmann::json::parse(in);
    generator["design"]["variants"] = "versus_reference";
    const std::string spec = (dir / "bench_projectaudit-generator.json").string();
    std::ofstream(spec) << generator.dump(2);
    const std::string log = (dir / "bench_projectaudit-setup.log").string();
    const std::vector<std::vector<std::string>> steps = {
        {"generate", "--spec", spec, "--project", project, "--families", std::to_string(families)},
        {"spec", "--project", project, "--set", sample + "/audit.json"},
        {"models", "--project", project, "--add", sample + "/model.json"},
        {"score", "--project", project, "--probe-set", "hiring-screen", "--model",
         "screening-v1"}};
    for (const auto &step : steps) {
        const ProcessRun r = runCli(step, log);
        std::printf("setup: counterpart-cli %s … %.1f s, %.0f MB\n", step[0].c_str(), r.seconds,
                    r.peakMb);
        if (r.status != 0) {
            std::fprintf(stderr, "setup step '%s' failed:\n%s", step[0].c_str(),
                         lastLines(log, 10).c_str());
            return 2;
        }
    }
    return 0;
}

int setupPairs(const std::string &project, std::int64_t families)
{
    const std::string csv = cptest::syntheticProbeSet(families);
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        return failed(store.error());
    if (auto s = (*store)->saveSpec(cptest::syntheticSpec("bench: scored pairs")); !s)
        return failed(s.error());
    auto set = freezeProbeSet(**store, {"generated", "bench", "{}", 1, {}},
                              cptest::syntheticLayout(), csv);
    if (!set)
        return failed(set.error());
    auto config = parseScorerConfig(cptest::SyntheticModel, "bench-model.json", {});
    if (!config)
        return failed(config.error());
    auto model = addModel(**store, *config);
    if (!model)
        return failed(model.error());
    ScoringOptions options;
    options.batchSize = 50000;
    auto outcome = scoreProbeSet(**store, *set, *model, options);
    if (!outcome)
        return failed(outcome.error());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::string design = argc > 2 ? argv[2] : "hiring";
    const fs::path dir = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path();
    if (design != "hiring" && design != "pairs") {
        std::fprintf(stderr, "DESIGN is hiring or pairs\n");
        return 2;
    }
    const std::string project = (dir / ("bench_projectaudit-" + design + "-"
                                        + std::to_string(families) + ".counterpart"))
                                    .string();
    if (!fs::exists(project)) {
        const auto s0 = Clock::now();
        const int rc = design == "hiring" ? setupHiring(project, families, dir)
                                          : setupPairs(project, families);
        if (rc != 0) {
            for (const char *suffix : {"", "-wal", "-shm"})
                fs::remove(project + suffix);
            return rc;
        }
        std::printf("setup: %s made in %.1f s\n", project.c_str(), seconds(s0, Clock::now()));
    } else {
        std::printf("setup: reusing %s\n", project.c_str());
    }

    std::int64_t runId = 0;
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ExistingQuick);
        if (!store)
            return failed(store.error());
        auto runs = scoreRuns(**store);
        if (!runs)
            return failed(runs.error());
        if (runs->empty()) {
            std::fprintf(stderr, "the project has no scoring run\n");
            return 2;
        }
        runId = runs->back().id;
        auto set = findProbeSet(**store, std::to_string(runs->back().probeSetId));
        if (!set)
            return failed(set.error());
        auto table = (*store)->findTable(std::to_string(set->tableId));
        std::printf("run %lld: %lld families × %lld variants, %s, probe set rows %.0f MB, "
                    "project %.0f MB\n",
                    static_cast<long long>(runId), static_cast<long long>(set->families),
                    static_cast<long long>(set->variants), runs->back().status.c_str(),
                    table ? double(table->bytes) / 1e6 : 0.0, double(fs::file_size(project)) / 1e6);
    }
    std::printf("SHA-256 with SHA-NI: %s; load average at start: ",
                Sha256::hardwareAccelerated() ? "yes" : "no");
    {
        std::ifstream load("/proc/loadavg");
        std::string a;
        std::getline(load, a);
        std::printf("%s\n", a.c_str());
    }

    trace::setPhaseSink(&onPhase);
    // Cold: with the project's kept audits removed; then kept: what the next call finds; then
    // after a spec change (another spec text: its audit is not kept, the run's table hash is).
    enum class Mode { Cold, Kept, SpecChanged };
    for (const Mode mode : {Mode::Cold, Mode::Kept, Mode::SpecChanged}) {
        const bool cold = mode == Mode::Cold;
        // What `audit --run` does: the run's audit, no pairs index, no report.
        s_phases.enter("store: open (integrity)");
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ExistingOnly);
        if (!store)
            return failed(store.error());
        if (cold) {
            s_phases.enter("store: forget kept audits");
            if (auto removed = (*store)->invalidateAuditCache(""); !removed)
                return failed(removed.error());
        }
        s_phases.enter("spec");
        auto current = (*store)->currentSpec();
        if (!current || !*current)
            return failed(current ? Error{ErrorCode::Invalid, project, 0, {}, "no spec"}
                                  : current.error());
        std::string specText = (*current)->json;
        if (mode == Mode::SpecChanged)
            specText.insert(specText.find('{') + 1, " \"name\": \"spec changed\",");
        auto result = auditRunWithSpec(**store, runId, specText, "spec");
        if (!result)
            return failed(result.error());
        s_phases.close();
        std::printf("\naudit: %lld rows, %zu flips, %s, table SHA-256 %.16s…\n",
                    static_cast<long long>(result->rows), result->flips.size(),
                    result->decision ? decisionKey(*result->decision).c_str() : "no decision", result->tableSha256.c_str());
        s_phases.print(mode == Mode::Cold
                           ? "in-process: the run's audit, cold (audit --project P --run R)"
                       : mode == Mode::Kept
                           ? "in-process: the run's audit, kept from the call before"
                           : "in-process: the run's audit after a spec change (the run's table "
                             "hash kept)");
    }
    {
        // What `gate --run … --html --pdf` does: the audit (kept, with its top flips' families;
        // the whole pairs index only if they do not cover the report), then the report.
        s_phases.enter("store: open (integrity)");
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ExistingOnly);
        if (!store)
            return failed(store.error());
        AuditSource source;
        source.kind = AuditSource::Kind::Run;
        source.id = runId;
        auto audit = auditSource(**store, source, {}, false, PairsWhen::Later);
        if (!audit)
            return failed(audit.error());
        ReportOptions options;
        options.toolVersion = "bench_projectaudit";
        if (auto read = readReportPairs(**store, *audit, options); !read)
            return failed(read.error());
        s_phases.enter("report model");
        auto report = buildReport(**store, *audit, options);
        if (!report)
            return failed(report.error());
        s_phases.enter("HTML");
        const std::string html = renderHtml(*report);
        if (auto ok = writeReportFile((dir / "bench_projectaudit.html").string(), html); !ok)
            return failed(ok.error());
        s_phases.enter("PDF");
        const std::string pdf = renderPdf(*report);
        if (auto ok = writeReportFile((dir / "bench_projectaudit.pdf").string(), pdf); !ok)
            return failed(ok.error());
        s_phases.enter("JUnit");
        const std::string junit = junitXml(*report);
        s_phases.close();
        std::printf("\ngate: %zu families in the %s, %zu top pairs; HTML %.0f KB, "
                    "PDF %.0f KB, JUnit %.1f KB\n",
                    audit->reportPairs() ? audit->reportPairs()->families.size() : std::size_t(0),
                    audit->pairs ? "pairs index" : "kept excerpt",
                    report->topPairs.size(), double(html.size()) / 1024,
                    double(pdf.size()) / 1024, double(junit.size()) / 1024);
        s_phases.print("in-process: the gate (audit + its pairs + report, HTML, PDF, JUnit)");
    }
    trace::setPhaseSink(nullptr);

    std::printf("\nwhole process (counterpart-cli), the audit kept from the calls above:\n");
    const std::string log = (dir / "bench_projectaudit-cli.log").string();
    const std::string id = std::to_string(runId);
    const auto cliAudit = [&](const char *what) {
        const ProcessRun audit = runCli({"audit", "--project", project, "--run", id, "--json",
                                         (dir / "bench_projectaudit.json").string()},
                                        log);
        std::printf("  audit --run %s --json … %-6s %7.2f s wall %7.2f s cpu %6.0f MB peak (exit %d)\n",
                    id.c_str(), what, audit.seconds, audit.cpu, audit.peakMb, audit.status);
    };
    const auto cliGate = [&](const char *what) {
        const ProcessRun gate = runCli({"gate", "--project", project, "--run", id, "--html",
                                        (dir / "bench_projectaudit-cli.html").string(), "--pdf",
                                        (dir / "bench_projectaudit-cli.pdf").string()},
                                       log);
        std::printf("  gate --run %s --html … --pdf … %-6s %7.2f s wall %7.2f s cpu %6.0f MB peak (exit %d)\n",
                    id.c_str(), what, gate.seconds, gate.cpu, gate.peakMb, gate.status);
    };
    cliAudit("kept");
    cliGate("kept");
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::ExistingOnly);
        if (!store || !(*store)->invalidateAuditCache(""))
            return failed(store ? Error{ErrorCode::Storage, project, 0, {}, "cannot forget"}
                                : store.error());
    }
    cliGate("cold");
    cliAudit("kept");
    std::printf("%s", lastLines(log, 3).c_str());
    return 0;
}
