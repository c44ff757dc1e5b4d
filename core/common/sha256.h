// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cp {

/// Incremental SHA-256 (FIPS 180-4). Used to freeze imported tables and specs by content.
class Sha256
{
public:
    Sha256();
    void update(std::string_view data);
    std::array<std::uint8_t, 32> finish();
    /// Lower-case hex digest; finishes the hash.
    std::string hexDigest();

    static std::string hex(std::string_view data);
    /// Whether this CPU's SHA instructions are used (x86 SHA-NI; COUNTERPART_NO_SHA_NI=1 turns
    /// them off, for comparing the two paths).
    static bool hardwareAccelerated();

private:
    void block(const std::uint8_t *p);
    void blocks(const std::uint8_t *p, std::size_t count);

    std::array<std::uint32_t, 8> m_h;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;
};

} // namespace cp
