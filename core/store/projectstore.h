// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/store/projectlocator.h>
#include <core/store/projectrecords.h>
#include <core/store/schema.h>
#include <core/store/storebackend.h>
#include <core/store/storeoptions.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// A project: specs, frozen tables, audit runs, probe sets, scoring and reviews, behind one
/// facade every caller holds. The persistence is a StoreBackend (storebackend.h; SQLite today,
/// core/store/sqlite/); the rules that do not depend on the engine are here and in the store's
/// free functions (probesetstore.h, scorestore.h, core/review/reviewstore.h). Every write is one
/// transaction (StoreTransaction, storetransaction.h, joins a caller's). One instance per
/// thread: each holds its own connection.
class ProjectStore
{
public:
    /// The schema version of schema.h, where the steps are listed. Older projects are migrated
    /// on open, in one transaction.
    static constexpr int SchemaVersion = cp::SchemaVersion;
    /// ExistingQuick: as ExistingOnly, without the whole-file integrity check (quick_check
    /// reads every page: the better part of a second on a 2,000,000-row project, and seconds
    /// from a cold disk). For short reads on a UI thread; the worker that audits the file opens
    /// it with ExistingOnly, which checks it (once per process and file).
    enum class OpenMode { CreateIfMissing, ExistingOnly, ExistingQuick };

    /// The one place a project is opened: a file locator opens (or creates) an SQLite project;
    /// a server locator is refused by this build ("server projects are not built into this
    /// version"). Migrates an older schema.
    static Result<std::unique_ptr<ProjectStore>> open(const ProjectLocator &locator,
                                                      OpenMode mode = OpenMode::ExistingOnly,
                                                      const StoreOptions &options = {});
    /// As above, for what a user typed: a path or a URL (ProjectLocator::parse).
    static Result<std::unique_ptr<ProjectStore>> open(const std::string &locator,
                                                      OpenMode mode = OpenMode::ExistingOnly,
                                                      const StoreOptions &options = {});
    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    const ProjectLocator &locator() const { return m_locator; }
    /// The project as errors and titles name it: the file path (a server URL without password).
    const std::string &path() const { return m_locator.display(); }
    int schemaVersion() const { return SchemaVersion; }
    const StoreOptions &options() const { return m_options; }

    /// Project-level name shown in titles; the file's stem until one is set.
    Result<std::string> projectName();
    Status setProjectName(const std::string &name);

    /// Freezes a table. Importing identical bytes again returns the existing record (no copy),
    /// whatever name it is given.
    Result<TableRecord> importTable(const std::string &name, std::string_view bytes,
                                    const std::string &format);
    /// Reads and freezes a file; the name defaults to the file's stem.
    Result<TableRecord> importTableFile(const std::string &path, std::string name = {});
    /// The imported tables, oldest first; tables holding the rows of probe sets are listed by
    /// probeSets() (probesetstore.h) instead.
    Result<std::vector<TableRecord>> tables();
    /// The newest table with that name (or id, when the text is a number).
    Result<TableRecord> findTable(const std::string &nameOrId);
    /// A frozen table's bytes, read into one buffer and checked against its SHA-256 (while they
    /// are read). Progress counts bytes read, from the first chunk; a cancel stops the read.
    Result<std::string> tableContent(std::int64_t tableId, const Progress &progress = {});
    /// The same bytes chunk by chunk, for a consumer that streams them (an export, a hash):
    /// nothing holds the whole table. The SHA-256 can only be checked at the end: then an error
    /// says that what the visitor received must be thrown away.
    Status visitTableContent(std::int64_t tableId, const ChunkVisitor &visit);

    /// Validates and stores a spec version; identical text returns the existing version.
    Result<SpecRecord> saveSpec(const std::string &json);
    /// The newest spec version, if any.
    Result<std::optional<SpecRecord>> currentSpec();

    Result<RunRecord> recordRun(std::int64_t tableId, std::int64_t specId,
                                const std::optional<std::string> &decision,
                                const std::string &resultJson);
    Result<std::vector<RunRecord>> runs();

    /// Writes a consistent copy of the project to another file.
    Status saveCopy(const std::string &path);

    /// Keeps a finished audit for the next opening (item 9 of issue 12): replaces the entry with
    /// the same key. The key does not cover review labels: a caller that caches an audit with
    /// reviews applied invalidates it when a label changes. Committing scores to a run, or
    /// finishing it, invalidates that run's entries (scorestore.h).
    Status saveAuditCache(const AuditCacheKey &key, std::string_view blob);
    /// The entry with exactly this key, checked against its SHA-256; none when there is none.
    Result<std::optional<AuditCacheEntry>> loadAuditCache(const AuditCacheKey &key);
    /// Removes the entries of a source key ("run:2"), or every entry for an empty key; returns
    /// how many were removed.
    Result<std::int64_t> invalidateAuditCache(const std::string &source);

    /// The persistence behind the facade, for the store's free functions and core/review. Not
    /// for ui/ or app/, which call the facade and those functions.
    StoreBackend &backend() { return *m_backend; }

private:
    friend class StoreTransaction;
    ProjectStore() = default;

    std::unique_ptr<StoreBackend> m_backend;
    ProjectLocator m_locator;
    StoreOptions m_options;
    // Nesting of StoreTransaction: the outermost one begins and commits.
    int m_transactionDepth = 0;
    bool m_transactionFailed = false;
};

} // namespace cp
