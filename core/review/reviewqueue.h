// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Which pairs reviewers see, in which order.

#include <core/audit/pairsindex.h>
#include <core/review/consensus.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

struct ReviewQueueOptions {
    bool flipsFirst = true;          ///< every flipped family first, in table order
    std::int64_t sample = 0;         ///< then this many more, stratified (see buildReviewQueue)
    std::uint64_t seed = 1;
    /// Instead of flips and a sample: exactly these families (e.g. the Pairs view's filter).
    std::vector<std::int32_t> chosen;
    bool useChosen = false;
};

/// Families (indices into index.families) to review. The sample is stratified over cells made
/// of each stratum's group (of the family's first variant) and each protected attribute's set
/// of groups across the variants: cells take turns, each giving a family drawn at random (with
/// the seed) until the sample is full, so small cells are not crowded out.
std::vector<std::int32_t> buildReviewQueue(const PairsIndex &index, const ReviewQueueOptions &options);

/// The column holding family keys in index.rows, or -1.
int familyKeyColumn(const PairsIndex &index, const std::string &familyColumn);
/// The key (family column value) of a family.
std::string familyKey(const PairsIndex &index, int keyColumn, std::size_t family);

/// Family key → family (index into index.families), from a sorted table of the keys' hashes
/// (16 bytes a family, a fifth of a hash map of the keys), each hit checked against the key.
class FamilyKeyIndex
{
public:
    FamilyKeyIndex() = default;
    FamilyKeyIndex(std::shared_ptr<const PairsIndex> index, int keyColumn);
    /// The family with that key, or −1.
    int find(std::string_view key) const;
    bool empty() const { return m_entries.empty(); }

private:
    std::shared_ptr<const PairsIndex> m_index;
    int m_keyColumn = -1;
    std::vector<std::pair<std::uint64_t, std::int32_t>> m_entries;  ///< (hash, family), sorted
};

/// A family's review state, for the Pairs view's filter and the review queue's badges.
enum class ReviewState : std::uint8_t {
    Unreviewed, Equivalent, NotEquivalent, Unsure, AwaitingAdjudication, NoAnswer
};
std::string reviewStateLabel(ReviewState s);   ///< "unreviewed", "not equivalent", …
/// A reviewed family's state under its verdict.
ReviewState reviewStateOf(const FamilyVerdict &verdict);
/// The families (indices) whose state is AwaitingAdjudication, in family order: the
/// adjudicator's queue.
std::vector<std::int32_t> awaitingAdjudication(const std::vector<std::uint8_t> &states);
/// The state of each family of the index (by its key) under the summary's verdicts.
std::vector<std::uint8_t> reviewStates(const PairsIndex &index, int keyColumn,
                                       const ReviewSummary &summary);

} // namespace cp
