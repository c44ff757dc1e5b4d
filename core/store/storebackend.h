// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The persistence operations of a project, behind ProjectStore (projectstore.h). A backend
// holds one connection to one project (an SQLite file today, core/store/sqlite/; a PostgreSQL
// database with issue 19) and runs every statement; it decides nothing. The rules that do not
// depend on the engine live above it, once: identical bytes return the existing record, a spec
// is validated before it is stored, a changed review label appends to the history, a table's
// bytes are cut into chunks of StoreOptions::chunkBytes and checked against their SHA-256 when
// read. So a new backend implements this interface and the schema steps (schema.h), nothing
// else, and the engine and the front ends do not change.
//
// Conventions: every operation returns an Error (ErrorCode::Storage, naming the project and
// what failed, with the engine's message) rather than throwing; "find" operations return an
// empty optional when nothing matches. Operations are single statements or loops of one
// statement; atomicity across several is the caller's, through begin() / commit() (see
// StoreTransaction, storetransaction.h), and no operation opens a transaction of its own. One
// backend instance is used by one thread at a time.

#include <core/common/result.h>
#include <core/store/projectrecords.h>
#include <core/store/reviewrecords.h>
#include <core/store/scorerecords.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// Receives stored bytes in order, one chunk at a time; the view is valid during the call only.
/// An error stops the reading and is returned.
using ChunkVisitor = std::function<Status(std::string_view chunk)>;

/// A probe set version as stored (table probe_sets): the reports as their JSON text. The facade
/// (probesetstore.cpp) parses them into a ProbeSetRecord.
struct StoredProbeSet {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    std::string sha256;
    std::int64_t tableId = 0;
    std::string specJson;
    std::optional<std::string> seed;        ///< decimal text: the column holds 64-bit seeds
    std::optional<std::int64_t> parentId;
    std::string created;
    std::int64_t families = 0;
    std::int64_t variants = 0;
    std::string layoutJson;
    std::string balanceJson;
    std::string integrityJson;
};

/// A review history entry as stored: the labels before and after as JSON text (unset = none).
struct StoredReviewChange {
    std::int64_t id = 0;
    std::int64_t tableId = 0;
    std::string family;
    std::string reviewer;
    bool adjudication = false;
    std::string at;
    std::optional<std::string> before;
    std::optional<std::string> after;
    std::string source;
};

/// The reviewed rows as stored: a frozen table and, when they are a probe set's, that set.
struct StoredReviewSubject {
    std::int64_t tableId = 0;
    std::string sha256;
    std::string tableName;
    std::optional<std::int64_t> probeSetId;
    std::string probeSetName;
};

/// One line of a scoring run's log.
struct RunLogLine {
    std::string at;
    std::string line;
};

class StoreBackend
{
public:
    virtual ~StoreBackend() = default;

    /// The project as named in errors and titles (the file path; a server URL without password).
    virtual const std::string &where() const = 0;

    // --- Transactions (see the conventions above). BEGIN takes the write lock at once, so two
    // writers wait for each other instead of failing half-way.
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;

    // --- The schema (schema.h runs the steps).
    /// The version the project holds; 0 for a new, empty project this open may create.
    virtual Result<int> storedSchemaVersion() = 0;
    /// Applies step `version` of the schema (its DDL, and any data the step moves).
    virtual Status applySchemaStep(int version) = 0;
    /// Records the version reached; `created` when the project was created by this migration.
    virtual Status recordSchemaVersion(int version, bool created) = 0;

    /// Writes a consistent copy of the whole project to a new SQLite file at `path`.
    virtual Status saveCopy(const std::string &path) = 0;

    // --- Project settings (key → text): the project name, the current spec.
    virtual Result<std::optional<std::string>> setting(const std::string &key) = 0;
    virtual Status setSetting(const std::string &key, const std::string &value) = 0;

    // --- Frozen tables and their content, stored as chunks numbered from 0.
    virtual Result<std::optional<TableRecord>> tableById(std::int64_t id) = 0;
    virtual Result<std::optional<TableRecord>> tableBySha(const std::string &sha256) = 0;
    /// The newest table with that name, else the table with that id (when the text is one).
    /// Digits only: the record with that id; else the newest with that name (recordNameProblem).
    virtual Result<std::optional<TableRecord>> findTable(const std::string &nameOrId) = 0;
    /// Imported tables, oldest first, without the tables holding probe sets' rows.
    virtual Result<std::vector<TableRecord>> tables() = 0;
    /// A new table without content and not yet named by a hash: content follows with
    /// appendTableChunk, then sealTable gives its SHA-256 and size.
    virtual Result<std::int64_t> createTable(const std::string &name, const std::string &format,
                                             const std::string &imported) = 0;
    virtual Status appendTableChunk(std::int64_t tableId, std::int64_t seq,
                                    std::string_view bytes) = 0;
    virtual Status sealTable(std::int64_t tableId, const std::string &sha256,
                             std::int64_t bytes) = 0;
    /// Removes a table and its chunks (a table created in the open transaction and not needed).
    virtual Status deleteTable(std::int64_t tableId) = 0;
    /// The content into `out`, sized once and filled chunk after chunk straight into place;
    /// `bytes` is the size recorded, a hint. Whether the bytes are still the table's (size and
    /// SHA-256) is the caller's check. After each chunk, `filled(done, total)` is called with
    /// the bytes in place so far (out is sized before the first call and not moved after);
    /// when it returns false the read stops with ErrorCode::Cancelled.
    virtual Status readTableContent(
        std::int64_t tableId, std::int64_t bytes, std::string &out,
        const std::function<bool(std::size_t done, std::size_t total)> &filled) = 0;
    virtual Status visitTableContent(std::int64_t tableId, const ChunkVisitor &visit) = 0;

    // --- Spec versions and audit runs.
    virtual Result<std::optional<SpecRecord>> specById(std::int64_t id) = 0;
    virtual Result<std::optional<SpecRecord>> specBySha(const std::string &sha256) = 0;
    virtual Result<std::optional<SpecRecord>> newestSpec() = 0;
    virtual Result<std::int64_t> insertSpec(const SpecRecord &spec) = 0;
    virtual Result<std::int64_t> insertRun(const RunRecord &run) = 0;
    virtual Result<std::vector<RunRecord>> runs() = 0;

    // --- Probe sets (immutable once inserted).
    virtual Result<std::optional<StoredProbeSet>> probeSetById(std::int64_t id) = 0;
    virtual Result<std::optional<StoredProbeSet>> probeSetBySha(const std::string &sha256) = 0;
    /// The version with that id (when the text is one), else the newest with that name.
    virtual Result<std::optional<StoredProbeSet>> findProbeSet(const std::string &nameOrId) = 0;
    /// The newest version with exactly that name.
    virtual Result<std::optional<StoredProbeSet>> newestProbeSet(const std::string &name) = 0;
    virtual Result<std::vector<StoredProbeSet>> probeSets() = 0;
    virtual Result<std::int64_t> insertProbeSet(const StoredProbeSet &set) = 0;

    // --- Models, scoring runs, their scores and logs.
    virtual Result<std::optional<ModelRecord>> modelByConfig(const std::string &name,
                                                             const std::string &configSha256) = 0;
    /// The model with that id (digits only), else the newest with that name.
    virtual Result<std::optional<ModelRecord>> findModel(const std::string &nameOrId) = 0;
    virtual Result<std::vector<ModelRecord>> models() = 0;
    virtual Result<std::int64_t> insertModel(const ModelRecord &model) = 0;
    /// Inserts a run in status 'running' (the record's id, names and counts are ignored).
    virtual Result<std::int64_t> insertScoreRun(const ScoreRunRecord &run) = 0;
    virtual Result<std::optional<ScoreRunRecord>> scoreRun(std::int64_t id) = 0;
    virtual Result<std::vector<ScoreRunRecord>> scoreRuns() = 0;
    /// The newest run of the model on the probe set whose status is not 'complete' or that
    /// has failed tasks.
    virtual Result<std::optional<ScoreRunRecord>> unfinishedScoreRun(std::int64_t probeSetId,
                                                                    std::int64_t modelId) = 0;
    virtual Status finishScoreRun(std::int64_t runId, const std::string &status,
                                  const std::string &message, const std::string &finished) = 0;
    virtual Status insertScores(std::int64_t runId, const std::vector<StoredScore> &batch) = 0;
    virtual Status addScoreCounts(std::int64_t runId, std::int64_t scored, std::int64_t errors,
                                  std::int64_t refused) = 0;
    /// The run's scores ordered by row and repeat; the reference is valid during the call.
    virtual Status visitScores(std::int64_t runId,
                               const std::function<void(const StoredScore &)> &visit) = 0;
    /// The same order, outcomes only (what an audit reads: a fraction of the columns, no copy).
    /// withOutputs: the reply text, the log-probability and the embedding too.
    virtual Status visitScoreOutcomes(std::int64_t runId,
                                      const std::function<void(const ScoreOutcome &)> &visit,
                                      bool withOutputs = false) = 0;
    /// The first `limit` scores with an error, by row and repeat (row, repeat and error only).
    /// Whether any result of the run has an embedding (stops at the first one found).
    virtual Result<bool> runHasEmbeddings(std::int64_t runId) = 0;
    virtual Result<std::vector<StoredScore>> firstScoreErrors(std::int64_t runId,
                                                              std::int64_t limit) = 0;
    /// Deletes the run's results that carry an error and takes them off its counts, so that
    /// they are scored again; returns how many.
    virtual Result<std::int64_t> deleteScoreErrors(std::int64_t runId) = 0;
    virtual Status appendRunLog(std::int64_t runId, const std::string &at,
                                const std::vector<std::string> &lines) = 0;
    virtual Result<std::vector<RunLogLine>> runLog(std::int64_t runId) = 0;

    // --- Review labels (one current label per table, family, reviewer and role), their
    // append-only history, the reviewed rows and the packets.
    virtual Result<std::optional<ReviewLabel>> reviewLabel(std::int64_t tableId,
                                                           const std::string &family,
                                                           const std::string &reviewer,
                                                           bool adjudication) = 0;
    /// Ordered by family, role and reviewer.
    virtual Result<std::vector<ReviewLabel>> reviewLabels(std::int64_t tableId) = 0;
    /// A short text that changes whenever a label of the table is put or deleted (counts and
    /// the newest change), without reading the labels: the audit cache's check on reviews.
    virtual Result<std::string> reviewStamp(std::int64_t tableId) = 0;
    /// Inserts the label or replaces the one with the same key.
    virtual Status putReviewLabel(const ReviewLabel &label) = 0;
    virtual Status deleteReviewLabel(std::int64_t tableId, const std::string &family,
                                     const std::string &reviewer, bool adjudication) = 0;
    virtual Status appendReviewChange(const StoredReviewChange &change) = 0;
    /// Oldest first; every family when `family` is empty.
    virtual Result<std::vector<StoredReviewChange>> reviewHistory(std::int64_t tableId,
                                                                  const std::string &family) = 0;
    virtual Result<std::optional<StoredReviewSubject>> reviewSubjectByTable(
        std::int64_t tableId) = 0;
    virtual Result<std::optional<StoredReviewSubject>> reviewSubjectBySha(
        const std::string &sha256) = 0;
    virtual Status insertPacket(const PacketRecord &packet) = 0;
    virtual Result<std::vector<PacketRecord>> packets(std::int64_t tableId) = 0;

    // --- The audit cache: one opaque blob per key, stored as chunks like table content.
    /// Removes the entry with this key, if any, and creates an empty one to append chunks to.
    virtual Result<std::int64_t> createAuditCacheEntry(const AuditCacheKey &key,
                                                       const std::string &created,
                                                       const std::string &sha256,
                                                       std::int64_t bytes) = 0;
    virtual Status appendAuditCacheChunk(std::int64_t entryId, std::int64_t seq,
                                         std::string_view bytes) = 0;
    /// The entry with this key, blob included.
    virtual Result<std::optional<AuditCacheEntry>> auditCacheEntry(const AuditCacheKey &key) = 0;
    /// Removes the entries of a source (every entry when `source` is empty); returns how many.
    virtual Result<std::int64_t> deleteAuditCache(const std::string &source) = 0;
};

} // namespace cp
