// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>

namespace cp {

/// Callbacks a long core operation uses to report progress and to learn of a cancel.
/// Core calls report() every few thousand rows, never per row.
struct Progress {
    std::function<void(std::int64_t done, std::int64_t total)> report = [](auto, auto) {};
    std::function<bool()> isCancelled = [] { return false; };
};

} // namespace cp
