// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace cp {

/// A frozen imported table: its bytes are stored verbatim and named by their SHA-256.
struct TableRecord {
    std::int64_t id = 0;
    std::string name;
    std::string format;     ///< "csv" or "jsonl"
    std::string sha256;
    std::int64_t bytes = 0;
    std::string imported;   ///< ISO 8601 UTC
};

/// A version of the audit spec (JSON text, validated before it is stored).
struct SpecRecord {
    std::int64_t id = 0;
    std::string sha256;
    std::string name;
    std::string json;
    std::string created;
};

/// One audit run: which table and spec, when, the decision and the full result document.
struct RunRecord {
    std::int64_t id = 0;
    std::int64_t tableId = 0;
    std::int64_t specId = 0;
    std::string created;
    std::optional<std::string> decision; ///< "APPROVED", "BLOCKED" or none (no contract)
    std::string resultJson;
};

/// A project: one SQLite file holding specs, frozen tables, runs and decisions.
/// Every write is one transaction. One instance per thread (each holds its own connection).
class ProjectStore
{
public:
    /// 1: specs, tables, runs. 2: probe sets (see probesetstore.h). 3: scoring (scorestore.h).
    /// 4: reviews (core/review/reviewstore.h). Older files are migrated on
    /// open, in one transaction.
    static constexpr int SchemaVersion = 4;
    /// ExistingQuick: as ExistingOnly, without the whole-file integrity check (quick_check
    /// reads every page: the better part of a second on a 2,000,000-row project, and seconds
    /// from a cold disk). For short reads on a UI thread; the worker that audits the file opens
    /// it with ExistingOnly, which checks it (once per process and file).
    enum class OpenMode { CreateIfMissing, ExistingOnly, ExistingQuick };

    static Result<std::unique_ptr<ProjectStore>> open(const std::string &path,
                                                      OpenMode mode = OpenMode::ExistingOnly);
    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    const std::string &path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    /// Project-level name shown in titles.
    Result<std::string> projectName();
    Status setProjectName(const std::string &name);

    /// Freezes a table. Importing identical bytes again returns the existing record (no copy),
    /// whatever name it is given.
    Result<TableRecord> importTable(const std::string &name, const std::string &bytes,
                                    const std::string &format);
    /// Reads and freezes a file; the name defaults to the file's stem.
    Result<TableRecord> importTableFile(const std::string &path, std::string name = {});
    /// The imported tables, oldest first; tables holding the rows of probe sets are listed by
    /// probeSets() (probesetstore.h) instead.
    Result<std::vector<TableRecord>> tables();
    /// The newest table with that name (or id, when the text is a number).
    Result<TableRecord> findTable(const std::string &nameOrId);
    Result<std::string> tableContent(std::int64_t tableId);

    /// Validates and stores a spec version; identical text returns the existing version.
    Result<SpecRecord> saveSpec(const std::string &json);
    /// The newest spec version, if any.
    Result<std::optional<SpecRecord>> currentSpec();

    Result<RunRecord> recordRun(std::int64_t tableId, std::int64_t specId,
                                const std::optional<std::string> &decision,
                                const std::string &resultJson);
    Result<std::vector<RunRecord>> runs();

    /// Writes a consistent copy of the project to another file (VACUUM INTO).
    Status saveCopy(const std::string &path);

    /// The connection, for the store's other parts (probesetstore.cpp). Not for ui/ or app/.
    sqlite3 *connection() const { return m_db; }
    /// An ErrorCode::Storage error naming the file, with SQLite's message appended.
    Error storageError(const std::string &what) const;

private:
    ProjectStore() = default;
    Status initialise(bool fresh, bool checkIntegrity);
    Status migrate();

    sqlite3 *m_db = nullptr;
    std::string m_path;
    int m_schemaVersion = 0;
};

/// Imports a sample project folder (project.json naming a spec and tables) into a store.
/// Returns the number of tables imported. Errors name the folder's files.
Result<int> importProjectFolder(ProjectStore &store, const std::string &folder);

} // namespace cp
