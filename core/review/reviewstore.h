// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Reviewers' labels of matched pairs (schema v4; the records are in core/store/reviewrecords.h).
// A label belongs to a family of a frozen table: the rows of a probe set version, or an
// imported table; so every scoring run of a probe set sees the same reviews, and a packet names
// the version by its SHA-256. Each save is its own transaction (committed at once) and appends
// the change to an append-only history. These are the rules; the statements are the store
// backend's (core/store/storebackend.h).

#include <core/common/result.h>
#include <core/store/reviewrecords.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

class ProjectStore;
struct AuditSource;

/// The rows an audit source reads: a table itself, or the probe set a scoring run scored.
Result<ReviewSubject> reviewSubject(ProjectStore &store, const AuditSource &source);
/// The table with this content hash; a clear error when the project has no such version.
Result<ReviewSubject> reviewSubjectBySha(ProjectStore &store, const std::string &sha256);

/// Saves a label (one transaction; the history gets the change). Returns false, writing
/// nothing, when the stored label already has the same answers and note. A label with neither
/// answer nor note is refused: removeReviewLabel says that instead.
Result<bool> saveReviewLabel(ProjectStore &store, ReviewLabel label);
/// Saves many labels in one transaction (a packet); returns how many changed.
Result<std::int64_t> saveReviewLabels(ProjectStore &store, std::vector<ReviewLabel> labels);
/// Removes a label (undo of a first answer); the history keeps what it was. False if none.
Result<bool> removeReviewLabel(ProjectStore &store, std::int64_t tableId, const std::string &family,
                               const std::string &reviewer, bool adjudication,
                               const std::string &source = "local");

Result<std::vector<ReviewLabel>> reviewLabels(ProjectStore &store, std::int64_t tableId);
Result<std::optional<ReviewLabel>> reviewLabel(ProjectStore &store, std::int64_t tableId,
                                               const std::string &family,
                                               const std::string &reviewer, bool adjudication);
/// Oldest first; every family when family is empty.
Result<std::vector<ReviewChange>> reviewHistory(ProjectStore &store, std::int64_t tableId,
                                                const std::string &family = {});

/// Records a packet exported or imported (PacketRecord, core/store/reviewrecords.h).
Status recordPacket(ProjectStore &store, const PacketRecord &packet);
Result<std::vector<PacketRecord>> packets(ProjectStore &store, std::int64_t tableId);

} // namespace cp
