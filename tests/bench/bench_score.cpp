// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_score [FAMILIES] [OUT_DIR]
//
// The built-in model over FAMILIES (default 1,000,000) × 2 = 2,000,000 variants of an
// 11-column probe set (numeric, categorical and keyword weights over a quoted sentence), on one
// core: rows indexed, then every variant scored (target under 1 s). Then the same set frozen
// into a project file in OUT_DIR (default the temp folder) and scored there as
// `counterpart-cli score` does, with results committed in batches; then the run's scored table
// assembled for an audit. Prints variants/s and peak RSS. Never fails on time.

#include "benchsupport.h"

#include "../support/syntheticprobeset.h"

#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>

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

int main(int argc, char **argv)
{
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2])
                                               : std::filesystem::temp_directory_path();
    const std::string csv = cptest::syntheticProbeSet(families);
    std::printf("score: %lld families x 2 variants, %.1f MB of CSV\n",
                static_cast<long long>(families), double(csv.size()) / 1e6);
    auto config = parseScorerConfig(cptest::SyntheticModel, "bench-model.json", {});
    if (!config)
        return failed(config.error());

    {
        const auto t0 = Clock::now();
        auto rows = CsvRows::parse(csv, "bench");
        const auto t1 = Clock::now();
        if (!rows)
            return failed(rows.error());
        std::vector<ScoreTask> tasks(std::size_t((*rows)->rowCount()));
        for (std::size_t i = 0; i < tasks.size(); ++i)
            tasks[i].row = std::int64_t(i);
        auto scorer = makeScorer(*config);
        if (!scorer)
            return failed(scorer.error());
        std::vector<float> scores(tasks.size());
        std::int64_t positive = 0, errors = 0;
        const auto t2 = Clock::now();
        const Status s = (*scorer)->run(
            **rows, tasks,
            [&](std::size_t t, ScoreResult r) -> Status {
                if (!r.ok())
                    ++errors;
                scores[t] = float(r.score.value_or(0));
                positive += r.label == "1";
                return Ok{};
            },
            [](std::string_view) {}, {});
        const auto t3 = Clock::now();
        if (!s)
            return failed(s.error());
        std::printf("  built-in model, one core: index rows %.3f s; score %lld variants %.3f s = "
                    "%.0f variants/s (%lld at or above the threshold, %lld errors)\n",
                    seconds(t0, t1), static_cast<long long>(tasks.size()), seconds(t2, t3),
                    double(tasks.size()) / seconds(t2, t3), static_cast<long long>(positive),
                    static_cast<long long>(errors));
        std::printf("  peak RSS so far %.0f MB\n", peakRssMb());
    }

    const std::string project = (dir / "bench_score.counterpart").string();
    std::filesystem::remove(project);
    {
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return failed(store.error());
        const auto f0 = Clock::now();
        auto set = freezeProbeSet(**store, {"generated", "bench", "{}", 1, {}},
                                  cptest::syntheticLayout(), csv);
        const auto f1 = Clock::now();
        if (!set)
            return failed(set.error());
        auto model = addModel(**store, *config);
        if (!model)
            return failed(model.error());
        ScoringOptions options;
        options.batchSize = 20000;
        const auto s0 = Clock::now();
        auto outcome = scoreProbeSet(**store, *set, *model, options);
        const auto s1 = Clock::now();
        if (!outcome)
            return failed(outcome.error());
        std::printf("  into the project: freeze %.2f s; score run %s, %lld results committed in "
                    "%.2f s = %.0f variants/s (load, shuffle, score, batched inserts)\n",
                    seconds(f0, f1), outcome->run.status.c_str(),
                    static_cast<long long>(outcome->scoredNow), seconds(s0, s1),
                    double(outcome->scoredNow) / seconds(s0, s1));
        const auto a0 = Clock::now();
        auto table = scoredTable(**store, outcome->run.id, false);
        const auto a1 = Clock::now();
        if (!table)
            return failed(table.error());
        std::printf("  scored table for the audit: %lld rows, %.1f MB in %.2f s\n",
                    static_cast<long long>(table->rows), double(table->csv.size()) / 1e6,
                    seconds(a0, a1));
        std::printf("  peak RSS %.0f MB; project file %.0f MB\n", peakRssMb(),
                    double(std::filesystem::file_size(project)) / 1e6);
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix);
    return 0;
}
