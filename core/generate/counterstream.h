// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace cp {

/// Counter-based random numbers: every draw is a pure function of (seed, family, stream, draw),
/// so families can be generated in any order, on any thread, or alone, and give the same values.
/// A stream is a field (keyed by a hash of its name, so adding a field leaves the others alone).
/// No std::*_distribution is used: their algorithms differ between standard libraries.
class CounterStream
{
public:
    /// SplitMix64's finaliser: a bijection on 64 bits with full avalanche.
    static constexpr std::uint64_t mix(std::uint64_t z)
    {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// FNV-1a over a name: the stream key of a field.
    static constexpr std::uint64_t key(std::string_view name)
    {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : name) {
            h ^= std::uint8_t(c);
            h *= 0x100000001b3ULL;
        }
        return h;
    }

    CounterStream(std::uint64_t seed, std::uint64_t family, std::uint64_t stream)
        : m_base(mix(familyKey(seed, family) ^ stream))
    {}

    /// The part of a stream's key that all streams of one family share. A writer computes it
    /// once per family and builds each field's stream with fromFamilyKey(): the same draws as
    /// the three-argument constructor, for a third of the mixing.
    static constexpr std::uint64_t familyKey(std::uint64_t seed, std::uint64_t family)
    {
        return mix(mix(seed) ^ family);
    }
    static CounterStream fromFamilyKey(std::uint64_t familyKey, std::uint64_t stream)
    {
        return CounterStream(mix(familyKey ^ stream));
    }

    std::uint64_t bits(std::uint32_t draw) const
    {
        return mix(m_base ^ (std::uint64_t(draw) * 0xd1b54a32d192ed03ULL));
    }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform(std::uint32_t draw) const { return double(bits(draw) >> 11) * 0x1.0p-53; }
    /// Standard normal by Box–Muller from draws 2k and 2k+1.
    double normal(std::uint32_t k) const
    {
        const double u1 = 1.0 - uniform(2 * k);  // (0, 1]
        const double u2 = uniform(2 * k + 1);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
    }

private:
    explicit CounterStream(std::uint64_t base) : m_base(base) {}

    std::uint64_t m_base;
};

} // namespace cp
