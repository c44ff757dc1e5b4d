// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_audit [ROWS] [FAMILIES] [KEEP_PROJECT]
//
// 1. Observational scale (issue 2): a ROWS-row table (default 10,000,000) with three protected
//    attributes of 2, 4 and 3 groups, a score and an expected outcome, written as CSV in memory.
//    Reports CSV load throughput, SHA-256 throughput, and the time for the whole audit (every
//    attribute's slice rates, gaps, reference gaps, the 3-way intersection and the contract).
// 2. Counterfactual scale: FAMILIES families (default 1,000,000) × 2 variants with a family id,
//    through a project file: import (freeze), load and audit with flips and pair tests.
// Prints peak RSS after each part. Single-threaded. With KEEP_PROJECT, the family project is
// written there and kept (e.g. to open it in the workbench and measure the GUI).

#include "benchsupport.h"

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/common/sha256.h>
#include <core/workflow/projectaudit.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

using namespace cp;
using cpbench::Clock;
using cpbench::failed;
using cpbench::peakRssMb;
using cpbench::seconds;

namespace {



/// A small, fast, deterministic generator (SplitMix64) so the table is the same every run.
struct SplitMix {
    std::uint64_t s;
    std::uint64_t next()
    {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
};

const char *Sex[] = {"female", "male"};
const char *Ethnicity[] = {"asian", "black", "hispanic", "white"};
const char *Age[] = {"under_25", "25_45", "over_45"};

std::string observationalCsv(std::int64_t rows)
{
    std::string csv = "id,sex,ethnicity,age_band,score,y_true\n";
    csv.reserve(std::size_t(rows) * 40);
    SplitMix rng{42};
    char line[128];
    for (std::int64_t r = 0; r < rows; ++r) {
        const auto x = rng.next();
        const int s = int(x & 1), e = int((x >> 1) & 3), a = int((x >> 3) % 3);
        // A biased model: scores lean on sex and ethnicity, so gaps are not zero.
        const double score = std::min(1.0, rng.uniform() * 0.8 + 0.05 * s + 0.03 * e);
        const int truth = rng.uniform() < 0.4 + 0.1 * s;
        const int n = std::snprintf(line, sizeof line, "%lld,%s,%s,%s,%.4f,%d\n",
                                    static_cast<long long>(r), Sex[s], Ethnicity[e], Age[a],
                                    score, truth);
        csv.append(line, std::size_t(n));
    }
    return csv;
}

std::string familiesCsv(std::int64_t families)
{
    std::string csv = "family,sex,channel,score,y_true\n";
    csv.reserve(std::size_t(families) * 2 * 36);
    SplitMix rng{7};
    char line[128];
    for (std::int64_t f = 0; f < families; ++f) {
        const double base = rng.uniform();
        const int truth = rng.uniform() < 0.5;
        const char *channel = (f & 1) ? "email" : "chat";
        for (int s = 0; s < 2; ++s) {
            const double score = std::min(1.0, base + (s ? 0.04 : 0.0) * rng.uniform());
            const int n = std::snprintf(line, sizeof line, "f%lld,%s,%s,%.4f,%d\n",
                                        static_cast<long long>(f), Sex[s], channel, score, truth);
            csv.append(line, std::size_t(n));
        }
    }
    return csv;
}

const char *ObservationalSpec = R"({
  "name": "bench: 3 protected attributes",
  "protected": [
    {"name": "sex", "groups": ["female", "male"], "reference": "male"},
    {"name": "ethnicity", "groups": ["asian", "black", "hispanic", "white"], "reference": "white"},
    {"name": "age_band", "groups": ["under_25", "25_45", "over_45"]}
  ],
  "y_true": "y_true",
  "prediction": {"score": "score", "threshold": 0.5},
  "intersections": [{"dimensions": ["sex", "ethnicity", "age_band"]}],
  "contract": {"primary": {"metric": "tpr", "max_gap": 0.1},
               "guardrails": [{"metric": "fpr", "max_gap": 0.1},
                              {"metric": "selection_rate", "min_ratio": 0.8}],
               "min_positives": 50, "min_negatives": 50}
})";

const char *FamilySpec = R"({
  "name": "bench: 1M pairs",
  "family": "family",
  "protected": [{"name": "sex", "groups": ["female", "male"], "reference": "male"}],
  "strata": [{"name": "channel"}],
  "y_true": "y_true",
  "prediction": {"score": "score", "threshold": 0.5},
  "score_bands": [0.3, 0.5, 0.7, 0.9],
  "intersections": [{"dimensions": ["channel", "sex"], "population": "positives"}],
  "contract": {"primary": {"metric": "tpr", "max_gap": 0.05}, "min_positives": 50,
               "min_negatives": 50, "max_flip_rate": 0.05}
})";

int fail(const Error &e)
{
    std::fprintf(stderr, "bench_audit: %s\n", e.toString().c_str());
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t rows = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    const std::int64_t families = argc > 2 ? std::atoll(argv[2]) : 1'000'000;

    // Part 1 — observational table.
    std::printf("== %lld-row table, 3 protected attributes (2 × 4 × 3 groups)\n",
                static_cast<long long>(rows));
    auto t0 = Clock::now();
    const std::string csv = observationalCsv(rows);
    auto t1 = Clock::now();
    const double mb = double(csv.size()) / 1e6;
    std::printf("generated %.1f MB of CSV in %.2f s\n", mb, seconds(t0, t1));

    auto spec = parseAuditSpecText(ObservationalSpec, "bench spec");
    if (!spec)
        return fail(spec.error());
    t0 = Clock::now();
    auto table = readCsv(csv, "bench.csv", spec->columns());
    t1 = Clock::now();
    if (!table)
        return fail(table.error());
    std::printf("CSV load:          %7.3f s  %7.1f MB/s  %6.2f M rows/s\n", seconds(t0, t1),
                mb / seconds(t0, t1), double(rows) / 1e6 / seconds(t0, t1));
    t0 = Clock::now();
    table->sha256 = Sha256::hex(csv);
    t1 = Clock::now();
    std::printf("SHA-256 (freeze):  %7.3f s  %7.1f MB/s\n", seconds(t0, t1), mb / seconds(t0, t1));

    double best = 1e9;
    Result<AuditResult> result = Error{};
    for (int run = 0; run < 5; ++run) {
        t0 = Clock::now();
        result = runAudit(*table, *spec);
        t1 = Clock::now();
        if (!result)
            return fail(result.error());
        best = std::min(best, seconds(t0, t1));
    }
    std::printf("audit (slices of each attribute, gaps, reference gaps, 3-way intersection, "
                "checks):\n                   %7.4f s  %7.1f M rows/s  (best of 5)\n",
                best, double(rows) / 1e6 / best);
    std::printf("decision %s, %zu intersection cells, tpr gap (sex) %.4f\n",
                decisionKey(*result->decision).c_str(), result->intersections[0].cells.size(),
                result->gaps[0].gaps[std::size_t(Metric::Tpr)].difference.value_or(-1));
    std::printf("peak RSS so far:   %7.0f MB\n", peakRssMb());

    // Part 2 — 1M families through a project file.
    if (families <= 0)
        return 0;
    std::printf("\n== %lld families × 2 variants through a project file\n",
                static_cast<long long>(families));
    const std::string famCsv = familiesCsv(families);
    const bool keep = argc > 3;
    const auto path = keep ? std::string(argv[3])
                           : (std::filesystem::temp_directory_path() / "bench_audit.counterpart")
                                 .string();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    {
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return fail(store.error());
        if (auto s = (*store)->saveSpec(FamilySpec); !s)
            return fail(s.error());
        t0 = Clock::now();
        auto rec = (*store)->importTable("pairs", famCsv, "csv");
        t1 = Clock::now();
        if (!rec)
            return fail(rec.error());
        std::printf("import (hash + store %.1f MB): %6.3f s\n", double(famCsv.size()) / 1e6,
                    seconds(t0, t1));
    }
    auto store = ProjectStore::open(path);
    if (!store)
        return fail(store.error());
    t0 = Clock::now();
    auto audited = auditProjectTable(**store, "pairs");
    t1 = Clock::now();
    if (!audited)
        return fail(audited.error());
    std::printf("load + audit + record run: %6.3f s  (%zu flips, McNemar p %.3g)\n",
                seconds(t0, t1), audited->result.flips.size(),
                audited->result.pairTests.at(0).mcnemarP);
    t0 = Clock::now();
    const std::string doc = auditToJson(audited->result).dump();
    t1 = Clock::now();
    std::printf("JSON document: %.1f MB in %.3f s\n", double(doc.size()) / 1e6, seconds(t0, t1));
    std::printf("peak RSS:          %7.0f MB\n", peakRssMb());
    store->reset();
    if (keep)
        std::printf("project kept at %s\n", path.c_str());
    else
        for (const char *suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    return 0;
}
