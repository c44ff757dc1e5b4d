// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/store/projectrecords.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace cp {

class ProjectStore;

/// Writes a frozen table's bytes as they come, in chunks of StoreOptions::chunkBytes, so no
/// table is ever one value and no writer holds more than one chunk. Use it inside a
/// StoreTransaction: the table exists for others only once that commits, and a rollback (or a
/// crash) leaves nothing. The caller hashes the bytes (a probe set's checker does it anyway).
class TableWriter
{
public:
    /// Creates the table, without content and not yet named by a hash.
    static Result<TableWriter> create(ProjectStore &store, const std::string &name,
                                      const std::string &format);

    /// Appends bytes; a full chunk is stored at once.
    Status write(std::string_view bytes);
    /// Stores the last chunk and names the table by its SHA-256. When a table with those bytes
    /// exists already, the new one is removed and the existing one returned, `existed` set.
    Result<TableRecord> finish(const std::string &sha256, bool *existed = nullptr);

    std::int64_t id() const { return m_id; }
    std::int64_t bytes() const { return m_bytes; }

private:
    TableWriter(ProjectStore &store, TableRecord record);
    Status store(std::string_view chunk);

    ProjectStore *m_store;
    TableRecord m_record;
    std::int64_t m_id = 0;
    std::int64_t m_seq = 0;
    std::int64_t m_bytes = 0;
    std::string m_buffer;
};

} // namespace cp
