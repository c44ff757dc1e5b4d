// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The limits of a table (README "Limits"), one home for the CSV and JSON Lines readers. Beyond
// them a table is refused with its line named, before its values are copied: a 2 GB line was
// read whole into one value and aborted at 4.2 GB of memory.

#include <cstddef>

namespace cp {

/// The longest CSV field, and the longest JSON Lines line.
inline constexpr std::size_t MaxFieldBytes = std::size_t(64) << 20;
/// The most columns a CSV header, or the keys of all JSON Lines lines, may name.
inline constexpr std::size_t MaxColumns = 65536;

} // namespace cp
