// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Reviewers' labels of matched pairs (schema v4). A label belongs to a family of a frozen
// table: the rows of a probe set version, or an imported table; so every scoring run of a
// probe set sees the same reviews, and a packet names the version by its SHA-256. Each save is
// its own transaction (committed at once) and appends the change to an append-only history.

#include <core/common/result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

class ProjectStore;
struct AuditSource;

enum class Equivalence : std::int8_t { Equivalent, NotEquivalent, Unsure };
enum class ExpectedOutcome : std::int8_t { Favourable, Unfavourable };
std::string equivalenceKey(Equivalence e);          ///< "equivalent", "not_equivalent", "unsure"
std::optional<Equivalence> equivalenceFromKey(std::string_view key);
std::string expectedKey(ExpectedOutcome e);         ///< "favourable", "unfavourable"
std::optional<ExpectedOutcome> expectedFromKey(std::string_view key);

struct ReviewLabel {
    std::int64_t tableId = 0;
    std::string family;
    std::string reviewer;
    bool adjudication = false;      ///< an adjudicator's verdict, which settles a dispute
    std::optional<Equivalence> equivalence;
    std::optional<ExpectedOutcome> expected;
    std::string note;
    std::string updated;            ///< ISO 8601 UTC; set on save when empty
    std::string source = "local";   ///< "local", or "packet <id> (<file>)"

    /// Same answers and note (who, when and from where aside).
    bool sameAnswers(const ReviewLabel &o) const
    {
        return equivalence == o.equivalence && expected == o.expected && note == o.note;
    }
};

/// One entry of the history: a label before and after (unset = none).
struct ReviewChange {
    std::int64_t id = 0;
    std::string family;
    std::string reviewer;
    bool adjudication = false;
    std::string at;
    std::optional<ReviewLabel> before;
    std::optional<ReviewLabel> after;
    std::string source;
};

/// The rows reviewed: a frozen table by id, with its hash and a name for people.
struct ReviewSubject {
    std::int64_t tableId = 0;
    std::string sha256;
    std::string name;                       ///< "probe set 'hiring-screen' v3" or "table 'shopflow'"
    std::optional<std::int64_t> probeSetId;
};

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

/// A packet exported or imported (table review_packets).
struct PacketRecord {
    std::string packetId;
    std::string direction;   ///< "export" or "import"
    std::int64_t tableId = 0;
    std::string reviewer;
    std::string file;
    std::string sha256;
    std::string at;
    std::int64_t items = 0;
    std::int64_t changed = 0;
};
Status recordPacket(ProjectStore &store, const PacketRecord &packet);
Result<std::vector<PacketRecord>> packets(ProjectStore &store, std::int64_t tableId);

} // namespace cp
