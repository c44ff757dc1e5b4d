// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What every benchmark prints with: wall time between two points, peak RSS, and an error.

#include <core/common/result.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>

namespace cpbench {

using Clock = std::chrono::steady_clock;

inline double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

/// Peak resident set size of this process so far, in MB.
inline double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

/// Prints the error on stderr and returns the benchmarks' failure status, 2.
inline int failed(const cp::Error &e)
{
    std::fprintf(stderr, "%s\n", e.toString().c_str());
    return 2;
}

} // namespace cpbench
