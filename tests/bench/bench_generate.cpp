// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_generate [FAMILIES] [OUT_DIR]
//
// FAMILIES (default 1,000,000) families × 2 variants (gender) of a 10-field record with a linked
// first name, a pronoun set and one templated sentence, with 1 and 2 threads:
//  - streamed to a CSV file in OUT_DIR (default the temp folder) as `counterpart-cli generate
//    --out` does: the headline variants/s, spec to closed file;
//  - generated into memory (as a freeze does before storing), with its SHA-256, which must be
//    the same for both thread counts, and the integrity figures, from the generator and from
//    the independent freeze-time check.
// Prints peak RSS. Never fails on time.

#include <core/probeset/probesetcheck.h>
#include <core/common/sha256.h>
#include <core/generate/generator.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace cp;
using Clock = std::chrono::steady_clock;

namespace {

const char *Spec = R"({
  "name": "bench", "seed": 42, "families": 1000000,
  "protected": [{"name": "gender", "groups": ["female", "male"], "reference": "male"}],
  "linked": [
    {"name": "first_name", "provider": "first_names", "by": ["gender"]},
    {"name": "pronoun", "pronouns": {"female": "she", "male": "he"}, "by": ["gender"]}],
  "fields": [
    {"name": "applicant_id", "kind": "id", "prefix": "A-"},
    {"name": "last_name", "kind": "provider", "provider": "last_names"},
    {"name": "role", "kind": "choice", "values": ["engineer", "analyst", "designer"],
     "weights": [3, 2, 1]},
    {"name": "age", "kind": "int", "min": 22, "max": 64},
    {"name": "years", "kind": "int", "min": 0, "max": {"field": "age", "offset": -18}},
    {"name": "salary", "kind": "conditional", "on": "role", "cases": {
        "engineer": {"kind": "normal", "mean": 90000, "sd": 15000, "min": 40000,
                     "max": 200000, "decimals": 0},
        "default": {"kind": "lognormal", "mu": 11.0, "sigma": 0.3, "decimals": 0}}},
    {"name": "rating", "kind": "real", "min": 0, "max": 5, "decimals": 1},
    {"name": "start_date", "kind": "date", "from": "2015-01-01", "to": "2025-12-31"},
    {"name": "city", "kind": "provider", "provider": "cities"},
    {"name": "summary", "kind": "template",
     "text": "{first_name} {last_name} has {years} years as {role}. {They} {is|are} based in {city}; {their} references are attached."}
  ]})";

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

/// User + system CPU seconds of the process so far: unlike wall time, not inflated when other
/// processes share the cores.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char **argv)
{
    auto spec = parseGeneratorSpec(Spec, "bench.json");
    if (!spec) {
        std::fprintf(stderr, "%s\n", spec.error().toString().c_str());
        return 2;
    }
    if (argc > 1)
        spec->families = std::atoll(argv[1]);
    const std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2])
                                               : std::filesystem::temp_directory_path();
    auto catalog = ProviderCatalog::loadDefault();
    if (!catalog) {
        std::fprintf(stderr, "%s\n", catalog.error().toString().c_str());
        return 2;
    }
    std::printf("generate: %lld families x 2 variants, 10 fields + linked name and pronoun\n",
                static_cast<long long>(spec->families));
    std::string firstHash;
    for (int threads : {1, 2}) {
        const GenerateOptions options{threads, OutputFormat::Csv, 4096};
        const std::string path = (dir / "bench_generate.csv").string();
        std::filesystem::remove(path);
        // Three runs, best and median: the headline must not hinge on one lucky or unlucky
        // moment on a shared machine (page-cache writeback of the previous run competes).
        std::vector<double> times;
        std::int64_t rows = 0, bytes = 0;
        for (int run = 0; run < 3; ++run) {
            const auto t0 = Clock::now();
            std::FILE *f = std::fopen(path.c_str(), "wb");
            if (!f) {
                std::fprintf(stderr, "cannot write %s\n", path.c_str());
                return 2;
            }
            bytes = 0;
            const auto sink = [&](std::string_view chunk) -> Status {
                bytes += std::int64_t(chunk.size());
                if (std::fwrite(chunk.data(), 1, chunk.size(), f) != chunk.size())
                    return Error{ErrorCode::Io, path, 0, {}, "write failed"};
                return Ok{};
            };
            auto set = generateTo(*spec, *catalog, options, sink);
            const bool closed = std::fclose(f) == 0;
            times.push_back(seconds(t0, Clock::now()));
            if (!set || !closed) {
                std::fprintf(stderr, "%s\n",
                             set ? "cannot close the CSV" : set.error().toString().c_str());
                return 2;
            }
            rows = set->rows;
            std::filesystem::remove(path);
        }
        std::sort(times.begin(), times.end());
        std::printf("  threads %d: streamed to a CSV file (spec to closed file), best of 3 %.3f s "
                    "= %.0f variants/s (%.0f MB/s); median %.3f s = %.0f variants/s\n",
                    threads, times[0], double(rows) / times[0], double(bytes) / 1e6 / times[0],
                    times[1], double(rows) / times[1]);
        const double cpu0 = cpuSeconds();
        const auto t0 = Clock::now();
        auto set = generate(*spec, *catalog, options);
        const auto t1 = Clock::now();
        const double cpu1 = cpuSeconds();
        if (!set) {
            std::fprintf(stderr, "%s\n", set.error().toString().c_str());
            return 2;
        }
        const double memoryRows = double(set->rows);
        const std::string hash = Sha256::hex(set->bytes);
        if (firstHash.empty())
            firstHash = hash;
        std::printf("  threads %d: into memory %.3f s = %.0f variants/s, CPU %.0f ns per variant; "
                    "%.1f MB; sha256 %s%s\n",
                    threads, seconds(t0, t1), memoryRows / seconds(t0, t1),
                    (cpu1 - cpu0) * 1e9 / memoryRows, double(set->bytes.size()) / 1e6, hash.c_str(),
                    hash == firstHash ? "" : " (DIFFERS!)");
        std::printf("  generator: twin pairs %lld, identical linked %lld, unisex removed %lld, "
                    "Spearman %.5f\n",
                    static_cast<long long>(set->integrity.twinPairs),
                    static_cast<long long>(set->integrity.twinsIdenticalLinked),
                    static_cast<long long>(set->integrity.unisexRemoved),
                    set->integrity.spearman.value_or(-1));
        // The independent check: re-parse the CSV as a freeze would.
        const auto c0 = Clock::now();
        auto check = checkProbeSet(set->bytes, set->layout, "bench");
        const auto c1 = Clock::now();
        if (!check) {
            std::fprintf(stderr, "%s\n", check.error().toString().c_str());
            return 2;
        }
        std::printf("  freeze-time check (%.2f s): twins differing outside protected/linked "
                    "%lld, twin pairs sharing a linked value %lld, %s\n",
                    seconds(c0, c1),
                    static_cast<long long>(check->integrity.fieldsDifferOutside.count),
                    static_cast<long long>(check->integrity.identicalLinked.count),
                    check->integrity.clean() ? "clean" : "NOT clean");
        std::printf("  peak RSS so far %.0f MB\n", peakRssMb());
        if (threads != 2)
            continue;
        // Into the project file, as `counterpart-cli generate --project` does: the set in
        // memory, then one freezing transaction (check, canonical CSV, SHA-256, store).
        const std::string project = (dir / "bench_generate.counterpart").string();
        std::filesystem::remove(project);
        const auto f0 = Clock::now();
        auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
        if (!store) {
            std::fprintf(stderr, "%s\n", store.error().toString().c_str());
            return 2;
        }
        const ProbeSetOrigin origin{"generated", spec->name, spec->json, spec->seed, {}};
        auto record = freezeProbeSet(**store, origin, set->layout, set->bytes);
        const auto f1 = Clock::now();
        if (!record) {
            std::fprintf(stderr, "%s\n", record.error().toString().c_str());
            return 2;
        }
        std::printf("  into the project file: freeze %.3f s = %.0f rows/s; generate (2 threads) "
                    "+ freeze %.3f s = %.0f rows/s; %.0f MB on disk; peak RSS %.0f MB\n",
                    seconds(f0, f1), memoryRows / seconds(f0, f1),
                    seconds(t0, t1) + seconds(f0, f1),
                    memoryRows / (seconds(t0, t1) + seconds(f0, f1)),
                    double(std::filesystem::file_size(project)) / 1e6, peakRssMb());
        store->reset();
        std::filesystem::remove(project);
    }
    return 0;
}
