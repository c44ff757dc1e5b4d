// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace cp {

/// Instruction sets the CSV structural scan can use, chosen at run time.
enum class SimdLevel { Scalar, Sse42, Avx2, Avx512 };

/// The best level this CPU runs. COUNTERPART_SIMD=scalar|sse4.2|avx2|avx512 lowers it (for
/// comparing the paths; a level the CPU lacks is never chosen).
SimdLevel detectedSimdLevel();
/// Whether this CPU can run the level.
bool simdLevelSupported(SimdLevel level);
std::string simdLevelName(SimdLevel level);

/// How readCsv works; the defaults are what every caller wants. Tests and benchmarks set them
/// to compare the paths: all of them give the same Table or the same Error.
struct CsvReadOptions {
    int threads = 0;            ///< 0: the machine's cores (one for small inputs)
    std::size_t chunkBytes = 0; ///< bytes per parallel chunk; 0: chosen from the size
    std::optional<SimdLevel> level;  ///< unset: detectedSimdLevel()
    bool scalarReference = false;    ///< the byte-at-a-time reader the fast one is checked against
};

} // namespace cp
