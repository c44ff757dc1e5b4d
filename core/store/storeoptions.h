// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace cp {

/// How a project stores large values. The defaults are what every front end uses; tests use
/// tiny chunks to cross chunk boundaries with a few bytes.
struct StoreOptions {
    /// The default: large enough that a 5 GB probe set is a few hundred rows, small enough that
    /// a chunk is a small part of memory (SQLite refuses values over 1,000,000,000 bytes).
    static constexpr std::size_t DefaultChunkBytes = std::size_t(16) << 20;

    /// Table content and cached audits are stored in chunks of at most this many bytes (> 0).
    std::size_t chunkBytes = DefaultChunkBytes;
    /// The largest single value the backend accepts, 0 for the engine's own limit. Lowering it
    /// below chunkBytes makes storing a chunk fail: how tests see that a refused value is an
    /// error, not a silently missing chunk. (SQLite: its length limit, set once the file is
    /// open, since it bounds the schema's SQL text and whole rows too.)
    std::size_t maxValueBytes = 0;
};

} // namespace cp
