// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/probeset/balancereport.h>
#include <core/probeset/integrityreport.h>
#include <core/probeset/probesetlayout.h>
#include <core/store/scorerecords.h>
#include <core/store/storebackend.h>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

class ProjectStore;

/// A frozen probe set version (table `probe_sets`, schema v2). Its rows are a frozen table in
/// `tables` holding the canonical CSV (core/probeset/canonicalcsv.h); `sha256` is the SHA-256 of
/// those bytes. There is no way to change a version: a changed spec makes a new one.
struct ProbeSetRecord {
    std::int64_t id = 0;
    std::string name;
    std::string kind;           ///< "generated", "derived" or "imported"
    std::string sha256;
    std::int64_t tableId = 0;
    std::string specJson;
    std::optional<std::uint64_t> seed;
    std::optional<std::int64_t> parentId;
    std::string created;        ///< ISO 8601 UTC
    std::int64_t families = 0;
    std::int64_t variants = 0;
    ProbeSetLayout layout;
    BalanceReport balance;
    IntegrityReport integrity;
    /// Set by freezeProbeSet when identical content was already frozen and that version was
    /// returned instead of a copy.
    bool existed = false;
};

struct FreezeOptions {
    /// Freeze even if the integrity report is not clean (the report is stored either way).
    /// By default a set with violations is refused with integrityError().
    bool allowDirty = false;
    /// Name used in errors (e.g. the imported file); defaults to the origin's name.
    std::string source;
    Progress progress;
};

/// Checks a probe set's CSV (every column, see checkProbeSet), then stores its canonical bytes in
/// `tables` and its version in `probe_sets` in one transaction: a failure or a crash at any point
/// leaves neither behind. Content already frozen (same canonical SHA-256) returns that version
/// (existed = true) whatever its name; with a different layout it is an error. Without an
/// explicit parent, the newest version with the same name becomes the parent.
Result<ProbeSetRecord> freezeProbeSet(ProjectStore &store, const ProbeSetOrigin &origin,
                                      const ProbeSetLayout &layout, std::string_view csv,
                                      const FreezeOptions &options = {});

/// Writes the CSV of a probe set in order, a piece at a time (a generator's output); each
/// piece holds whole records. Returns what the producer returns; an error from the sink (a
/// failed check, a failed write) must stop it and be returned.
using CsvSink = std::function<Status(std::string_view records)>;
using CsvProducer = std::function<Status(const CsvSink &sink)>;

/// As freezeProbeSet(), for a probe set too large to hold: the producer's pieces are checked
/// family by family (ProbeSetStreamCheck, probesetcheck.h: each family's rows must be together),
/// hashed and stored in chunks as they come, so memory does not grow with the set. It is one
/// transaction all the same: a failure, a dirty set (unless allowDirty) or a crash at any point
/// leaves nothing behind; content already frozen returns that version (existed = true), at the
/// cost of having read it once.
Result<ProbeSetRecord> freezeProbeSetStream(ProjectStore &store, const ProbeSetOrigin &origin,
                                            const ProbeSetLayout &layout,
                                            const CsvProducer &produce,
                                            const FreezeOptions &options = {});

/// Reads a CSV or JSON Lines file (by extension), re-encodes it canonically and freezes it as
/// kind "imported". The name defaults to the file's stem. Errors name the file, line and column.
Result<ProbeSetRecord> importProbeSetFile(ProjectStore &store, const std::string &path,
                                          const ProbeSetLayout &layout, std::string name = {},
                                          const FreezeOptions &options = {});

/// Every version, oldest first.
Result<std::vector<ProbeSetRecord>> probeSets(ProjectStore &store);
/// The version with that id (when the text is a number), else the newest with that name.
Result<ProbeSetRecord> findProbeSet(ProjectStore &store, const std::string &nameOrId);

/// A scoring run with the probe set it scored.
struct RunAndProbeSet {
    ScoreRunRecord run;
    ProbeSetRecord probeSet;
};
/// The run with that id and its probe set; an error names the missing one.
Result<RunAndProbeSet> findRunAndProbeSet(ProjectStore &store, std::int64_t runId);
/// The canonical CSV of a version, checked against its SHA-256.
Result<std::string> probeSetContent(ProjectStore &store, std::int64_t id);
/// The same bytes chunk by chunk (ProjectStore::visitTableContent): for streaming consumers.
Status visitProbeSetContent(ProjectStore &store, std::int64_t id, const ChunkVisitor &visit);
/// Writes a version to a file: JSON Lines for .jsonl / .ndjson (one object per row, numbers as
/// numbers when reading them back gives the same text, see jsonLinesFromCsv), canonical CSV for .csv (streamed, chunk by chunk). The file appears under its name
/// only when complete and checked.
Status exportProbeSet(ProjectStore &store, std::int64_t id, const std::string &path);

nlohmann::json layoutToJson(const ProbeSetLayout &layout);
Result<ProbeSetLayout> layoutFromJson(const nlohmann::json &json, const std::string &source);

} // namespace cp
