// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Freezing a probe set into a project file: 1,000,000 families × 2 variants of an 11-column
// record (a quoted sentence among them), built in memory, then checked (balance and integrity
// reports), hashed and stored in one transaction. Prints rows/s and peak RSS. Target (issue #3):
// at least 500,000 rows/s into the project file.
//
//   bench_probesets [families] [project-file]

#include "../support/syntheticprobeset.h"

#include <core/probeset/probesetcheck.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::string path = argc > 2 ? argv[2]
                                      : (std::filesystem::temp_directory_path()
                                         / ("bench_probesets_" + std::to_string(::getpid())
                                            + ".counterpart"))
                                            .string();
    auto t0 = std::chrono::steady_clock::now();
    const std::string csv = cptest::syntheticProbeSet(families);
    const double build = seconds(t0);
    const auto rows = double(families * 2);
    std::printf("built %lld rows, %.1f MB of CSV in %.2f s (peak RSS %ld MiB)\n",
                static_cast<long long>(families * 2), double(csv.size()) / 1e6, build,
                peakRssMiB());

    t0 = std::chrono::steady_clock::now();
    auto check = cp::checkProbeSet(csv, cptest::syntheticLayout(), "bench");
    const double checkOnly = seconds(t0);
    if (!check) {
        std::fprintf(stderr, "%s\n", check.error().toString().c_str());
        return 1;
    }
    std::printf("check only: %.2f s, %.0f rows/s; balanced %s, integrity %s\n", checkOnly,
                rows / checkOnly, check->balance.balanced ? "yes" : "no",
                check->integrity.clean() ? "clean" : "VIOLATIONS");

    std::filesystem::remove(path);
    auto store = cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().toString().c_str());
        return 1;
    }
    cp::ProbeSetOrigin origin{"generated", "bench", "{}", 1, std::nullopt};
    t0 = std::chrono::steady_clock::now();
    auto frozen = cp::freezeProbeSet(**store, origin, cptest::syntheticLayout(), csv);
    const double freeze = seconds(t0);
    if (!frozen) {
        std::fprintf(stderr, "%s\n", frozen.error().toString().c_str());
        return 1;
    }
    std::printf("freeze into %s: %.2f s, %.0f rows/s (target 500000), peak RSS %ld MiB\n",
                path.c_str(), freeze, rows / freeze, peakRssMiB());
    t0 = std::chrono::steady_clock::now();
    auto again = cp::freezeProbeSet(**store, origin, cptest::syntheticLayout(), csv);
    std::printf("refreeze (same bytes, existing version %s): %.2f s\n",
                again && again->existed ? "returned" : "NOT returned", seconds(t0));
    store->reset();
    if (argc <= 2)
        for (const char *suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    return 0;
}
