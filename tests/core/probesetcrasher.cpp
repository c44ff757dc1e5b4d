// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Helper for tst_probesets' crash test: freezes synthetic probe sets into a project, one after
// another, until it is killed. Prints "ready" before the first freeze and "frozen ID" after each.
// Links counterpart::core only.
//
//   probesetcrasher PROJECT FAMILIES [COUNT]

#include "../support/syntheticprobeset.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: probesetcrasher PROJECT FAMILIES [COUNT]\n");
        return 2;
    }
    const std::int64_t families = std::atoll(argv[2]);
    const int count = argc > 3 ? std::atoi(argv[3]) : 1000;
    auto store = cp::ProjectStore::open(argv[1], cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().toString().c_str());
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    for (int i = 0; i < count; ++i) {
        const std::string csv = cptest::syntheticProbeSet(families, std::uint64_t(i) + 1);
        cp::ProbeSetOrigin origin{"generated", "crash", "{\"seed\": " + std::to_string(i + 1) + "}",
                                  std::uint64_t(i) + 1, std::nullopt};
        auto frozen = cp::freezeProbeSet(**store, origin, cptest::syntheticLayout(), csv);
        if (!frozen) {
            std::fprintf(stderr, "%s\n", frozen.error().toString().c_str());
            return 1;
        }
        std::printf("frozen %lld\n", static_cast<long long>(frozen->id));
        std::fflush(stdout);
    }
    return 0;
}
