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

    /// A Progress for one phase of a longer task: the phase's done/total is mapped onto
    /// [from, to] of a 0–1000 scale reported to this one, so one bar can run through all phases.
    Progress phase(int from, int to) const
    {
        Progress p;
        p.report = [parent = *this, from, to](std::int64_t done, std::int64_t total) {
            const double f = total > 0 ? double(done) / double(total) : 1.0;
            parent.report(from + std::int64_t(f * (to - from)), 1000);
        };
        p.isCancelled = isCancelled;
        return p;
    }
};

} // namespace cp
