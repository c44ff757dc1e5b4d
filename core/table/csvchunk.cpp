// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "csvchunk.h"

#include <core/table/tablelimits.h>

// The structural scan follows the simdjson / simdcsv idea: per 64-byte block, bit masks of
// quotes, commas and line feeds; a carry-less multiply turns the quote mask into "inside
// quotes"; separators are the commas and line feeds outside. The same source is compiled for
// each instruction set in its own `#pragma GCC target` region (csvchunkbody.inc), after every
// header, so no shared inline function is ever built for a set the CPU may lack.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CP_X86 1
#endif

namespace cp::csvdetail {

std::uint32_t LocalDict::add(const char *p, std::size_t n, std::uint64_t k0, std::uint64_t k1,
                             std::int64_t row)
{
    const auto code = std::uint32_t(levels.size());
    levels.emplace_back(p, n);
    firstRows.push_back(row);
    key0.push_back(k0);
    key1.push_back(k1);
    if (levels.size() > 16 && (table.empty() || levels.size() * 2 > table.size())) {
        rehash();
    } else if (!table.empty()) {
        const std::size_t mask = table.size() - 1;
        std::size_t h = hash(k0, k1) & mask;
        while (table[h] != 0)
            h = (h + 1) & mask;
        table[h] = code + 1;
    }
    return code;
}

void LocalDict::rehash()
{
    std::size_t size = 64;
    while (size < levels.size() * 4)
        size *= 2;
    table.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::uint32_t c = 0; c < levels.size(); ++c) {
        std::size_t h = hash(key0[c], key1[c]) & mask;
        while (table[h] != 0)
            h = (h + 1) & mask;
        table[h] = c + 1;
    }
}

void LocalDict::clear()
{
    levels.clear();
    firstRows.clear();
    key0.clear();
    key1.clear();
    table.clear();
    last = UINT32_MAX;
}

namespace {

constexpr double ExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool slowNumber(std::string_view text, double &out)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

} // namespace

bool parseNumber(const char *p, std::size_t n, double &out)
{
    // [-]digits[.digits] with at most 15 significant digits... and at most 2^53: the integer
    // and the power of ten are exact doubles, so one correctly rounded division gives the
    // correctly rounded value, the one from_chars gives (Clinger's fast path).
    const char *s = p, *e = p + n;
    bool negative = false;
    if (s < e && *s == '-') {
        negative = true;
        ++s;
    }
    std::uint64_t m = 0;
    const char *digits = s;
    while (s < e && unsigned(*s - '0') < 10)
        m = m * 10 + unsigned(*s++ - '0');
    std::size_t whole = std::size_t(s - digits), fraction = 0;
    if (s < e && *s == '.') {
        const char *f = ++s;
        while (s < e && unsigned(*s - '0') < 10)
            m = m * 10 + unsigned(*s++ - '0');
        fraction = std::size_t(s - f);
        if (fraction == 0)
            whole = 0;  // "5." goes the general way
    }
    if (s == e && whole > 0 && whole + fraction <= 19 && fraction <= 22
        && m <= (std::uint64_t(1) << 53)) {
        const double v = double(m) / ExactPow10[fraction];
        out = negative ? -v : v;
        return true;
    }
    return slowNumber(std::string_view(p, n), out);
}

// ---- one copy of the scan per instruction set

namespace scalar {
#define CP_LEVEL 0
#include "csvchunkbody.inc"
#undef CP_LEVEL
} // namespace scalar

#ifdef CP_X86
// GCC reads `#pragma GCC target`; clang (the fuzz build) ignores it and needs its attribute
// region instead. Both give every function of the included copy that instruction set.
#if defined(__clang__)
#define CP_TARGET_PUSH(features) \
    _Pragma(CP_STR(clang attribute push(__attribute__((target(features))), apply_to = function)))
#define CP_TARGET_POP _Pragma("clang attribute pop")
#else
#define CP_TARGET_PUSH(features) _Pragma("GCC push_options") _Pragma(CP_STR(GCC target(features)))
#define CP_TARGET_POP _Pragma("GCC pop_options")
#endif
#define CP_STR(x) #x

CP_TARGET_PUSH("sse4.2,pclmul,popcnt")
namespace sse42 {
#define CP_LEVEL 1
#include "csvchunkbody.inc"
#undef CP_LEVEL
} // namespace sse42
CP_TARGET_POP

CP_TARGET_PUSH("avx2,bmi,bmi2,pclmul,popcnt,lzcnt")
namespace avx2 {
#define CP_LEVEL 2
#include "csvchunkbody.inc"
#undef CP_LEVEL
} // namespace avx2
CP_TARGET_POP

CP_TARGET_PUSH("avx512f,avx512bw,avx2,bmi,bmi2,pclmul,popcnt,lzcnt")
namespace avx512 {
#define CP_LEVEL 3
#include "csvchunkbody.inc"
#undef CP_LEVEL
} // namespace avx512
CP_TARGET_POP
#endif

ChunkParser chunkParser(SimdLevel level)
{
#ifdef CP_X86
    switch (level) {
    case SimdLevel::Avx512: return &avx512::parseChunk;
    case SimdLevel::Avx2: return &avx2::parseChunk;
    case SimdLevel::Sse42: return &sse42::parseChunk;
    case SimdLevel::Scalar: break;
    }
#else
    (void)level;
#endif
    return &scalar::parseChunk;
}

Prescanner prescanner(SimdLevel level)
{
#ifdef CP_X86
    switch (level) {
    case SimdLevel::Avx512: return &avx512::prescan;
    case SimdLevel::Avx2: return &avx2::prescan;
    case SimdLevel::Sse42: return &sse42::prescan;
    case SimdLevel::Scalar: break;
    }
#else
    (void)level;
#endif
    return &scalar::prescan;
}

} // namespace cp::csvdetail

namespace cp {

bool simdLevelSupported(SimdLevel level)
{
#ifdef CP_X86
    switch (level) {
    case SimdLevel::Scalar: return true;
    case SimdLevel::Sse42:
        return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("pclmul")
               && __builtin_cpu_supports("popcnt");
    case SimdLevel::Avx2:
        return simdLevelSupported(SimdLevel::Sse42) && __builtin_cpu_supports("avx2")
               && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
    case SimdLevel::Avx512:
        return simdLevelSupported(SimdLevel::Avx2) && __builtin_cpu_supports("avx512f")
               && __builtin_cpu_supports("avx512bw");
    }
    return false;
#else
    return level == SimdLevel::Scalar;
#endif
}

std::string simdLevelName(SimdLevel level)
{
    switch (level) {
    case SimdLevel::Scalar: return "scalar";
    case SimdLevel::Sse42: return "sse4.2";
    case SimdLevel::Avx2: return "avx2";
    case SimdLevel::Avx512: return "avx512";
    }
    return "?";
}

SimdLevel detectedSimdLevel()
{
    static const SimdLevel level = [] {
        SimdLevel best = SimdLevel::Scalar;
        for (SimdLevel l : {SimdLevel::Sse42, SimdLevel::Avx2, SimdLevel::Avx512})
            if (simdLevelSupported(l))
                best = l;
        if (const char *cap = std::getenv("COUNTERPART_SIMD"); cap && *cap) {
            for (SimdLevel l : {SimdLevel::Scalar, SimdLevel::Sse42, SimdLevel::Avx2,
                                SimdLevel::Avx512})
                if (simdLevelName(l) == cap && int(l) < int(best))
                    best = l;
        }
        return best;
    }();
    return level;
}

} // namespace cp
