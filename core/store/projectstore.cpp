// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectstore.h"

#include "sqlite/sqlitebackend.h"
#include "storeclock.h"
#include "storetransaction.h"
#include "tablewriter.h"

#include <core/audit/auditspec.h>
#include <core/common/sha256.h>
#include <core/table/tablereader.h>


#include <filesystem>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace cp {

namespace {

Error damaged(const ProjectStore &store, const std::string &what)
{
    return Error{ErrorCode::Storage, store.path(), 0, {}, what};
}

} // namespace

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string &locator,
                                                         OpenMode mode,
                                                         const StoreOptions &options)
{
    auto parsed = ProjectLocator::parse(locator);
    if (!parsed)
        return parsed.error();
    return open(*parsed, mode, options);
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const ProjectLocator &locator,
                                                         OpenMode mode,
                                                         const StoreOptions &options)
{
    if (options.chunkBytes == 0)
        return Error{ErrorCode::Invalid, locator.display(), 0, "chunkBytes",
                     "the chunk size must be at least one byte"};
    std::unique_ptr<StoreBackend> backend;
    switch (locator.kind()) {
    case ProjectLocator::Kind::File: {
        auto sqlite = SqliteBackend::open(locator.text(), mode, options);
        if (!sqlite)
            return sqlite.error();
        backend = std::move(*sqlite);
        break;
    }
    case ProjectLocator::Kind::Server:
        return Error{ErrorCode::Invalid, locator.display(), 0, {},
                     "server projects are not built into this version (a " + locator.scheme()
                         + ":// project needs the server backend of issue 19); open a project "
                           "file instead"};
    }
    if (auto s = migrateSchema(*backend, locator.display()); !s)
        return s.error();
    std::unique_ptr<ProjectStore> store(new ProjectStore);
    store->m_backend = std::move(backend);
    store->m_locator = locator;
    store->m_options = options;
    return store;
}

ProjectStore::~ProjectStore() = default;

Result<std::string> ProjectStore::projectName()
{
    auto name = m_backend->setting("name");
    if (!name)
        return name.error();
    if (*name)
        return **name;
    return std::filesystem::path(path()).stem().string();
}

Status ProjectStore::setProjectName(const std::string &name)
{
    return m_backend->setSetting("name", name);
}

Result<TableRecord> ProjectStore::importTable(const std::string &name, std::string_view bytes,
                                              const std::string &format)
{
    if (format != "csv" && format != "jsonl")
        return Error{ErrorCode::Invalid, name, 0, {}, "unknown table format '" + format + "'"};
    if (auto s = checkTableBytes(bytes, format == "csv" ? TableFormat::Csv : TableFormat::JsonLines,
                                 name);
        !s)
        return s.error();
    const std::string sha = Sha256::hex(bytes);
    // Look up inside the write transaction: two processes importing the same bytes at once
    // must both get the one version, not a UNIQUE-constraint error.
    StoreTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    auto existing = m_backend->tableBySha(sha);
    if (!existing)
        return existing.error();
    if (*existing)
        return **existing;
    auto writer = TableWriter::create(*this, name, format);
    if (!writer)
        return writer.error();
    if (auto s = writer->write(bytes); !s)
        return s.error();
    auto record = writer->finish(sha);
    if (!record)
        return record.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return record;
}

Result<TableRecord> ProjectStore::importTableFile(const std::string &path, std::string name)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    if (name.empty())
        name = std::filesystem::path(path).stem().string();
    return importTable(name, *bytes, formatName(formatForPath(path)));
}

Result<std::vector<TableRecord>> ProjectStore::tables()
{
    return m_backend->tables();
}

Result<TableRecord> ProjectStore::findTable(const std::string &nameOrId)
{
    auto found = m_backend->findTable(nameOrId);
    if (!found)
        return found.error();
    if (!*found)
        return Error{ErrorCode::Invalid, path(), 0, {},
                     "the project has no table '" + nameOrId + "'"};
    return **found;
}

Result<std::string> ProjectStore::tableContent(std::int64_t tableId, const Progress &progress)
{
    auto table = m_backend->tableById(tableId);
    if (!table)
        return table.error();
    if (!*table)
        return damaged(*this, "cannot read table " + std::to_string(tableId)
                                  + ": the project has no such table");
    // The hash runs on a thread of its own a chunk behind the read, so checking a gigabyte
    // costs the wall time of reading it, not that plus hashing it.
    std::string content;
    std::mutex mutex;
    std::condition_variable moved;
    std::size_t filled = 0;
    bool done = false;
    Sha256 hash;
    std::thread hasher([&] {
        std::size_t hashed = 0;
        for (;;) {
            std::size_t until;
            bool last;
            {
                std::unique_lock lock(mutex);
                moved.wait(lock, [&] { return done || filled > hashed; });
                until = filled;
                last = done;
            }
            if (until > hashed)
                hash.update(std::string_view(content).substr(hashed, until - hashed));
            hashed = until;
            if (last)
                return;
        }
    });
    auto s = m_backend->readTableContent(
        tableId, (*table)->bytes, content, [&](std::size_t at, std::size_t total) {
            {
                std::lock_guard lock(mutex);
                filled = at;
            }
            moved.notify_one();
            progress.report(std::int64_t(at), std::int64_t(total));
            return !progress.isCancelled();
        });
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    moved.notify_one();
    hasher.join();
    if (!s)
        return s.error();
    // A frozen table must still be what it was when it was frozen.
    if (std::int64_t(content.size()) != (*table)->bytes || hash.hexDigest() != (*table)->sha256)
        return damaged(*this, "table " + std::to_string(tableId)
                                  + " no longer matches its SHA-256");
    return content;
}

Status ProjectStore::visitTableContent(std::int64_t tableId, const ChunkVisitor &visit)
{
    auto table = m_backend->tableById(tableId);
    if (!table)
        return table.error();
    if (!*table)
        return damaged(*this, "cannot read table " + std::to_string(tableId)
                                  + ": the project has no such table");
    Sha256 hash;
    std::int64_t bytes = 0;
    auto s = m_backend->visitTableContent(tableId, [&](std::string_view chunk) {
        hash.update(chunk);
        bytes += std::int64_t(chunk.size());
        return visit(chunk);
    });
    if (!s)
        return s;
    if (bytes != (*table)->bytes || hash.hexDigest() != (*table)->sha256)
        return damaged(*this, "table " + std::to_string(tableId)
                                  + " no longer matches its SHA-256 (discard what was read)");
    return Ok{};
}

Result<SpecRecord> ProjectStore::saveSpec(const std::string &json)
{
    auto parsed = parseAuditSpecText(json, path() + " (spec)");
    if (!parsed)
        return parsed.error();
    const std::string sha = Sha256::hex(json);
    StoreTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    // Saving a spec makes it the current one, also when identical text was saved before (going
    // back to an earlier version must not leave a later one current).
    auto existing = m_backend->specBySha(sha);
    if (!existing)
        return existing.error();
    SpecRecord record;
    if (*existing) {
        record = **existing;
    } else {
        record = SpecRecord{0, sha, parsed->name, json, nowUtc()};
        auto id = m_backend->insertSpec(record);
        if (!id)
            return id.error();
        record.id = *id;
    }
    if (auto s = m_backend->setSetting("current_spec", std::to_string(record.id)); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return record;
}

Result<std::optional<SpecRecord>> ProjectStore::currentSpec()
{
    // The spec saved last (the current_spec setting), else the newest.
    auto current = m_backend->setting("current_spec");
    if (!current)
        return current.error();
    if (*current) {
        char *end = nullptr;
        const long long id = std::strtoll((*current)->c_str(), &end, 10);
        if (end && *end == '\0' && id > 0) {
            auto spec = m_backend->specById(id);
            if (!spec)
                return spec.error();
            if (*spec)
                return spec;
        }
    }
    return m_backend->newestSpec();
}

Result<RunRecord> ProjectStore::recordRun(std::int64_t tableId, std::int64_t specId,
                                          const std::optional<std::string> &decision,
                                          const std::string &resultJson)
{
    RunRecord run{0, tableId, specId, nowUtc(), decision, resultJson};
    StoreTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    auto id = m_backend->insertRun(run);
    if (!id)
        return id.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    run.id = *id;
    return run;
}

Result<std::vector<RunRecord>> ProjectStore::runs()
{
    return m_backend->runs();
}

Status ProjectStore::saveCopy(const std::string &target)
{
    std::error_code ec;
    if (std::filesystem::exists(target, ec))
        std::filesystem::remove(target, ec);
    return m_backend->saveCopy(target);
}

Status ProjectStore::saveAuditCache(const AuditCacheKey &key, std::string_view blob)
{
    if (key.source.empty())
        return Error{ErrorCode::Invalid, path(), 0, "source", "a cached audit names no source"};
    StoreTransaction tx(*this);
    if (!tx.begun())
        return tx.begun();
    auto id = m_backend->createAuditCacheEntry(key, nowUtc(), Sha256::hex(blob),
                                               std::int64_t(blob.size()));
    if (!id)
        return id.error();
    const std::size_t chunk = m_options.chunkBytes;
    for (std::int64_t seq = 0; !blob.empty(); ++seq) {
        const std::string_view piece = blob.substr(0, chunk);
        if (auto s = m_backend->appendAuditCacheChunk(*id, seq, piece); !s)
            return s;
        blob.remove_prefix(piece.size());
    }
    return tx.commit();
}

Result<std::optional<AuditCacheEntry>> ProjectStore::loadAuditCache(const AuditCacheKey &key)
{
    auto entry = m_backend->auditCacheEntry(key);
    if (!entry)
        return entry.error();
    if (*entry && Sha256::hex((*entry)->blob) != (*entry)->sha256)
        return damaged(*this, "the cached audit of " + key.source
                                  + " no longer matches its SHA-256 (audit the source again)");
    return entry;
}

Result<std::int64_t> ProjectStore::invalidateAuditCache(const std::string &source)
{
    StoreTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    auto removed = m_backend->deleteAuditCache(source);
    if (!removed)
        return removed;
    if (auto s = tx.commit(); !s)
        return s.error();
    return removed;
}

} // namespace cp
