// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "tablewriter.h"

#include "projectstore.h"
#include "storeclock.h"

#include <algorithm>

namespace cp {

Result<TableWriter> TableWriter::create(ProjectStore &store, const std::string &name,
                                        const std::string &format)
{
    if (const std::string problem = recordNameProblem(name, "table"); !problem.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "name", problem};
    TableRecord record;
    record.name = name;
    record.format = format;
    record.imported = nowUtc();
    auto id = store.backend().createTable(name, format, record.imported);
    if (!id)
        return id.error();
    record.id = *id;
    return TableWriter(store, std::move(record));
}

TableWriter::TableWriter(ProjectStore &store, TableRecord record)
    : m_store(&store), m_record(std::move(record)), m_id(m_record.id)
{
}

Status TableWriter::store(std::string_view chunk)
{
    if (auto s = m_store->backend().appendTableChunk(m_id, m_seq, chunk); !s)
        return s;
    ++m_seq;
    return Ok{};
}

Status TableWriter::write(std::string_view bytes)
{
    const std::size_t chunk = std::max<std::size_t>(1, m_store->options().chunkBytes);
    m_bytes += std::int64_t(bytes.size());
    while (!bytes.empty()) {
        // Whole chunks of the caller's bytes go to the store as they are, without a copy.
        if (m_buffer.empty() && bytes.size() >= chunk) {
            if (auto s = store(bytes.substr(0, chunk)); !s)
                return s;
            bytes.remove_prefix(chunk);
            continue;
        }
        if (m_buffer.capacity() < chunk)
            m_buffer.reserve(chunk);
        const std::size_t take = std::min(chunk - m_buffer.size(), bytes.size());
        m_buffer.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (m_buffer.size() == chunk) {
            if (auto s = store(m_buffer); !s)
                return s;
            m_buffer.clear();
        }
    }
    return Ok{};
}

Result<TableRecord> TableWriter::finish(const std::string &sha256, bool *existed)
{
    if (existed)
        *existed = false;
    if (!m_buffer.empty()) {
        if (auto s = store(m_buffer); !s)
            return s.error();
        m_buffer.clear();
        m_buffer.shrink_to_fit();
    }
    StoreBackend &backend = m_store->backend();
    auto same = backend.tableBySha(sha256);
    if (!same)
        return same.error();
    if (*same) {
        if (auto s = backend.deleteTable(m_id); !s)
            return s.error();
        if (existed)
            *existed = true;
        return **same;
    }
    if (auto s = backend.sealTable(m_id, sha256, m_bytes); !s)
        return s.error();
    m_record.sha256 = sha256;
    m_record.bytes = m_bytes;
    return m_record;
}

} // namespace cp
