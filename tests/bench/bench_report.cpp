// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_report [FAMILIES] [OUT_DIR]
//
// Report generation for a scoring run of FAMILIES (default 1,000,000) two-variant families:
// the synthetic probe set of bench_score is frozen into a project in OUT_DIR (default the temp
// folder), scored with the built-in model and audited as `counterpart-cli gate --run` does
// (audit + pairs index). Then, timed apart: the report model (what was tested, the top flipped
// pairs side by side), the HTML, the CSV tables written to OUT_DIR/report-csv, the JUnit XML
// and the PDF; the HTML and the PDF are written to OUT_DIR/report.html and report.pdf. Prints
// seconds per step, the report total (target under 5 s), sizes and peak RSS. Never fails on
// time.

#include "benchsupport.h"

#include "../support/syntheticprobeset.h"

#include <core/report/csvexport.h>
#include <core/report/htmlreport.h>
#include <core/report/junitreport.h>
#include <core/report/pdfreport.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/workflow/runaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/sourceaudit.h>
#include <core/workflow/reportbuilder.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace cp;
using cpbench::Clock;
using cpbench::failed;
using cpbench::peakRssMb;
using cpbench::seconds;

namespace {

std::string Spec()
{
    return cptest::syntheticSpec("bench: 1M scored pairs");
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2])
                                               : std::filesystem::temp_directory_path();
    const std::string project = (dir / "bench_report.counterpart").string();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix);

    std::int64_t runId = 0;
    {
        // Setup, not timed as report generation: freeze, score.
        const std::string csv = cptest::syntheticProbeSet(families);
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return failed(store.error());
        if (auto s = (*store)->saveSpec(Spec()); !s)
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
        const auto s0 = Clock::now();
        auto outcome = scoreProbeSet(**store, *set, *model, options);
        if (!outcome)
            return failed(outcome.error());
        runId = outcome->run.id;
        std::printf(
                "setup: %lld families x 2 variants frozen and scored (run %lld, %s) in %.2f s\n",
                static_cast<long long>(families), static_cast<long long>(runId),
                outcome->run.status.c_str(), seconds(s0, Clock::now()));
    }

    auto store = ProjectStore::open(project);
    if (!store)
        return failed(store.error());
    {
        // Where the audit's time goes: the run's audit alone, without the pairs index.
        auto spec = parseAuditSpecText(Spec(), "bench spec");
        const auto t0 = Clock::now();
        auto result = auditScoreRun(**store, runId, *spec);
        if (!result)
            return failed(result.error());
        std::printf("audit of the run alone (no pairs index): %6.3f s\n",
                    seconds(t0, Clock::now()));
    }
    AuditSource source;
    source.kind = AuditSource::Kind::Run;
    source.id = runId;
    const auto a0 = Clock::now();
    auto audit = auditSource(**store, source, {}, false);
    const auto a1 = Clock::now();
    if (!audit)
        return failed(audit.error());
    std::printf("audit + pairs index (as gate --run):   %6.3f s  (%lld rows, %zu flips)\n",
                seconds(a0, a1), static_cast<long long>(audit->audit.result.rows),
                audit->audit.result.flips.size());
    std::printf("peak RSS after the audit:              %6.0f MB\n", peakRssMb());

    ReportOptions options;
    options.toolVersion = "bench_report";
    const auto r0 = Clock::now();
    auto report = buildReport(**store, *audit, options);
    const auto r1 = Clock::now();
    if (!report)
        return failed(report.error());
    const std::string html = renderHtml(*report);
    const auto r2 = Clock::now();
    if (auto ok = writeReportFile((dir / "report.html").string(), html); !ok)
        return failed(ok.error());
    const auto r3 = Clock::now();
    auto csv = writeCsvTables(*report, (dir / "report-csv").string());
    const auto r4 = Clock::now();
    if (!csv)
        return failed(csv.error());
    const std::string junit = junitXml(*report);
    const auto r5 = Clock::now();
    const std::string pdf = renderPdf(*report);
    const auto r6 = Clock::now();
    if (auto ok = writeReportFile((dir / "report.pdf").string(), pdf); !ok)
        return failed(ok.error());
    const auto r7 = Clock::now();
    std::uintmax_t csvBytes = 0;
    for (const std::string &p : *csv)
        csvBytes += std::filesystem::file_size(p);

    std::printf("report model (tested, top pairs):      %6.3f s\n", seconds(r0, r1));
    std::printf("HTML (%.0f KB): render %.3f s, write   %6.3f s\n", double(html.size()) / 1024,
                seconds(r1, r2), seconds(r2, r3));
    std::printf("CSV tables (%zu files, %.0f KB):         %6.3f s\n", csv->size(),
                double(csvBytes) / 1024, seconds(r3, r4));
    std::printf("JUnit XML (%.1f KB):                    %6.3f s\n", double(junit.size()) / 1024,
                seconds(r4, r5));
    std::printf("PDF (%.0f KB): render %.3f s, write    %6.3f s\n", double(pdf.size()) / 1024,
                seconds(r5, r6), seconds(r6, r7));
    std::printf("report generation, HTML + CSV:         %6.3f s\n", seconds(r0, r4));
    std::printf("report generation, all formats:        %6.3f s  (target < 5 s)\n",
                seconds(r0, r7));
    std::printf("audit + report, end to end:            %6.3f s\n", seconds(a0, r7));
    std::printf("peak RSS:                              %6.0f MB\n", peakRssMb());
    std::printf("report: %s, %s\n", (dir / "report.html").string().c_str(),
                (dir / "report.pdf").string().c_str());
    store->reset();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix);
    return 0;
}
