// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The SQLite backend: a project is one SQLite file in WAL mode. The only code that includes
// sqlite3.h (in its .cpp files; this header only names the connection type). The statements
// are split by concept: sqlitebackend.cpp (the file, settings, tables and their content, specs,
// runs, the audit cache), sqliteschema.cpp (the schema steps), sqlitescoring.cpp (probe sets,
// models, scoring runs) and sqlitereviews.cpp (reviews).

#include <core/store/projectstore.h>
#include <core/store/storebackend.h>
#include <core/store/storeoptions.h>

#include <memory>
#include <string>

struct sqlite3;

namespace cp {

namespace sqlite {
class Statement;
}

class SqliteBackend final : public StoreBackend
{
public:
    /// Opens (or, with CreateIfMissing, creates) the file and checks that it is a Counterpart
    /// project: a file that is not SQLite, an SQLite file of something else, or an empty file
    /// opened as ExistingOnly is an error and is left untouched.
    static Result<std::unique_ptr<SqliteBackend>> open(const std::string &path,
                                                       ProjectStore::OpenMode mode,
                                                       const StoreOptions &options);
    ~SqliteBackend() override;

    const std::string &where() const override { return m_path; }

    Status begin() override;
    Status commit() override;
    void rollback() override;

    Result<int> storedSchemaVersion() override;
    Status applySchemaStep(int version) override;
    Status recordSchemaVersion(int version, bool created) override;
    Status saveCopy(const std::string &path) override;

    Result<std::optional<std::string>> setting(const std::string &key) override;
    Status setSetting(const std::string &key, const std::string &value) override;

    Result<std::optional<TableRecord>> tableById(std::int64_t id) override;
    Result<std::optional<TableRecord>> tableBySha(const std::string &sha256) override;
    Result<std::optional<TableRecord>> findTable(const std::string &nameOrId) override;
    Result<std::vector<TableRecord>> tables() override;
    Result<std::int64_t> createTable(const std::string &name, const std::string &format,
                                     const std::string &imported) override;
    Status appendTableChunk(std::int64_t tableId, std::int64_t seq,
                            std::string_view bytes) override;
    Status sealTable(std::int64_t tableId, const std::string &sha256,
                     std::int64_t bytes) override;
    Status deleteTable(std::int64_t tableId) override;
    Status readTableContent(
        std::int64_t tableId, std::int64_t bytes, std::string &out,
        const std::function<bool(std::size_t done, std::size_t total)> &filled) override;
    Status visitTableContent(std::int64_t tableId, const ChunkVisitor &visit) override;

    Result<std::optional<SpecRecord>> specById(std::int64_t id) override;
    Result<std::optional<SpecRecord>> specBySha(const std::string &sha256) override;
    Result<std::optional<SpecRecord>> newestSpec() override;
    Result<std::int64_t> insertSpec(const SpecRecord &spec) override;
    Result<std::int64_t> insertRun(const RunRecord &run) override;
    Result<std::vector<RunRecord>> runs() override;

    Result<std::optional<StoredProbeSet>> probeSetById(std::int64_t id) override;
    Result<std::optional<StoredProbeSet>> probeSetBySha(const std::string &sha256) override;
    Result<std::optional<StoredProbeSet>> findProbeSet(const std::string &nameOrId) override;
    Result<std::optional<StoredProbeSet>> newestProbeSet(const std::string &name) override;
    Result<std::vector<StoredProbeSet>> probeSets() override;
    Result<std::int64_t> insertProbeSet(const StoredProbeSet &set) override;

    Result<std::optional<ModelRecord>> modelByConfig(const std::string &name,
                                                     const std::string &configSha256) override;
    Result<std::optional<ModelRecord>> findModel(const std::string &nameOrId) override;
    Result<std::vector<ModelRecord>> models() override;
    Result<std::int64_t> insertModel(const ModelRecord &model) override;
    Result<std::int64_t> insertScoreRun(const ScoreRunRecord &run) override;
    Result<std::optional<ScoreRunRecord>> scoreRun(std::int64_t id) override;
    Result<std::vector<ScoreRunRecord>> scoreRuns() override;
    Result<std::optional<ScoreRunRecord>> unfinishedScoreRun(std::int64_t probeSetId,
                                                            std::int64_t modelId) override;
    Status finishScoreRun(std::int64_t runId, const std::string &status,
                          const std::string &message, const std::string &finished) override;
    Status insertScores(std::int64_t runId, const std::vector<StoredScore> &batch) override;
    Status addScoreCounts(std::int64_t runId, std::int64_t scored, std::int64_t errors,
                          std::int64_t refused) override;
    Status visitScoreOutcomes(std::int64_t runId,
                              const std::function<void(const ScoreOutcome &)> &visit,
                              bool withOutputs = false) override;
    Status visitScores(std::int64_t runId,
                       const std::function<void(const StoredScore &)> &visit) override;
    Result<bool> runHasEmbeddings(std::int64_t runId) override;
    Result<std::int64_t> deleteScoreErrors(std::int64_t runId) override;
    Result<std::vector<StoredScore>> firstScoreErrors(std::int64_t runId,
                                                      std::int64_t limit) override;
    Status appendRunLog(std::int64_t runId, const std::string &at,
                        const std::vector<std::string> &lines) override;
    Result<std::vector<RunLogLine>> runLog(std::int64_t runId) override;

    Result<std::optional<ReviewLabel>> reviewLabel(std::int64_t tableId, const std::string &family,
                                                   const std::string &reviewer,
                                                   bool adjudication) override;
    Result<std::vector<ReviewLabel>> reviewLabels(std::int64_t tableId) override;
    Result<std::string> reviewStamp(std::int64_t tableId) override;
    Status putReviewLabel(const ReviewLabel &label) override;
    Status deleteReviewLabel(std::int64_t tableId, const std::string &family,
                             const std::string &reviewer, bool adjudication) override;
    Status appendReviewChange(const StoredReviewChange &change) override;
    Result<std::vector<StoredReviewChange>> reviewHistory(std::int64_t tableId,
                                                          const std::string &family) override;
    Result<std::optional<StoredReviewSubject>> reviewSubjectByTable(std::int64_t tableId) override;
    Result<std::optional<StoredReviewSubject>> reviewSubjectBySha(
        const std::string &sha256) override;
    Status insertPacket(const PacketRecord &packet) override;
    Result<std::vector<PacketRecord>> packets(std::int64_t tableId) override;

    Result<std::int64_t> createAuditCacheEntry(const AuditCacheKey &key, const std::string &created,
                                               const std::string &sha256,
                                               std::int64_t bytes) override;
    Status appendAuditCacheChunk(std::int64_t entryId, std::int64_t seq,
                                 std::string_view bytes) override;
    Result<std::optional<AuditCacheEntry>> auditCacheEntry(const AuditCacheKey &key) override;
    Result<std::int64_t> deleteAuditCache(const std::string &source) override;

    /// An ErrorCode::Storage error naming the file: what failed, with SQLite's message.
    Error fail(const std::string &what, const sqlite::Statement &statement) const;
    Error fail(const std::string &what, const std::string &detail) const;
    /// The same with the connection's last message.
    Error fail(const std::string &what) const;

private:
    SqliteBackend(std::string path, const StoreOptions &options);
    Status initialise(bool mayCreate, bool checkIntegrity);
    Status moveContentIntoChunks();
    std::int64_t lastInsertId() const;

    sqlite3 *m_db = nullptr;
    std::string m_path;
    StoreOptions m_options;
    bool m_empty = false;       ///< a new file, to be created by the migration from version 0
};

} // namespace cp
