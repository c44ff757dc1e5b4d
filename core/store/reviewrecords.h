// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The review records a project stores (schema v4): reviewers' labels of matched pairs, their
// append-only history, the rows reviewed and the packets exported and imported. The store layer
// owns them; core/review (reviewstore.h, packet.h, consensus.h) works with them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cp {

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
    std::string name;   ///< "probe set 'hiring-screen' v3" or "table 'shopflow'"
    std::optional<std::int64_t> probeSetId;
};

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

} // namespace cp
