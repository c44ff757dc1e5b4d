// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewqueue.h"

#include <algorithm>
#include <functional>
#include <map>
#include <random>

namespace cp {

namespace {

/// The family's cell as a hash of its stratum groups (first variant) and, per protected
/// attribute, the set of groups its variants are in (a bit set of the first 64 groups).
std::uint64_t cellOf(const PairsIndex &index, std::size_t family)
{
    const PairsIndex::Family &f = index.families[family];
    std::uint64_t key = 0xcbf29ce484222325ull;
    const auto mix = [&key](std::uint64_t v) {
        key ^= v + 0x9e3779b97f4a7c15ull + (key << 6) + (key >> 2);
    };
    const std::int64_t first = index.row(family, 0);
    for (const PairsIndex::Dimension &d : index.strata)
        mix(d.groupOfRow[std::size_t(first)]);
    for (const PairsIndex::Dimension &d : index.protectedDims) {
        std::uint64_t groups = 0;
        for (int v = 0; v < f.variants; ++v)
            groups |= 1ull << (d.groupOfRow[std::size_t(index.row(family, v))] & 63u);
        mix(groups);
    }
    return key;
}

} // namespace

std::vector<std::int32_t> buildReviewQueue(const PairsIndex &index, const ReviewQueueOptions &options)
{
    if (options.useChosen)
        return options.chosen;
    std::vector<std::int32_t> out;
    std::vector<bool> taken(index.families.size(), false);
    if (options.flipsFirst)
        for (std::size_t f = 0; f < index.families.size(); ++f)
            if (index.families[f].flipped) {
                out.push_back(std::int32_t(f));
                taken[f] = true;
            }
    if (options.sample <= 0)
        return out;
    std::map<std::uint64_t, std::vector<std::int32_t>> cells;
    for (std::size_t f = 0; f < index.families.size(); ++f)
        if (!taken[f])
            cells[cellOf(index, f)].push_back(std::int32_t(f));
    std::mt19937_64 rng(options.seed);
    std::vector<std::vector<std::int32_t> *> order;
    for (auto &[key, list] : cells) {
        std::shuffle(list.begin(), list.end(), rng);
        order.push_back(&list);
    }
    std::int64_t left = options.sample;
    for (std::size_t round = 0; left > 0; ++round) {
        bool any = false;
        for (auto *list : order) {
            if (round >= list->size() || left == 0)
                continue;
            out.push_back((*list)[round]);
            --left;
            any = true;
        }
        if (!any)
            break;
    }
    return out;
}

int familyKeyColumn(const PairsIndex &index, const std::string &familyColumn)
{
    if (!index.rows)
        return -1;
    const auto &columns = index.rows->columns();
    const auto it = std::find(columns.begin(), columns.end(), familyColumn);
    return it == columns.end() ? -1 : int(it - columns.begin());
}

std::string familyKey(const PairsIndex &index, int keyColumn, std::size_t family)
{
    if (keyColumn < 0 || !index.rows || family >= index.families.size())
        return {};
    std::string scratch;
    return std::string(index.rows->cell(index.row(family, 0), std::size_t(keyColumn), scratch));
}

FamilyKeyIndex::FamilyKeyIndex(std::shared_ptr<const PairsIndex> index, int keyColumn)
    : m_index(std::move(index))
    , m_keyColumn(keyColumn)
{
    if (!m_index || keyColumn < 0 || !m_index->rows)
        return;
    m_entries.reserve(m_index->families.size());
    std::string scratch;
    const std::hash<std::string_view> hash;
    for (std::size_t f = 0; f < m_index->families.size(); ++f)
        m_entries.emplace_back(
            hash(m_index->rows->cell(m_index->row(f, 0), std::size_t(keyColumn), scratch)),
            std::int32_t(f));
    std::sort(m_entries.begin(), m_entries.end());
}

int FamilyKeyIndex::find(std::string_view key) const
{
    const std::uint64_t h = std::hash<std::string_view>()(key);
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(),
                               std::pair<std::uint64_t, std::int32_t>(h, INT32_MIN));
    std::string scratch;
    for (; it != m_entries.end() && it->first == h; ++it)
        if (m_index->rows->cell(m_index->row(std::size_t(it->second), 0), std::size_t(m_keyColumn),
                                scratch)
            == key)
            return it->second;
    return -1;
}

std::string reviewStateLabel(ReviewState s)
{
    switch (s) {
    case ReviewState::Unreviewed: return "unreviewed";
    case ReviewState::Equivalent: return "equivalent";
    case ReviewState::NotEquivalent: return "not equivalent";
    case ReviewState::Unsure: return "unsure";
    case ReviewState::AwaitingAdjudication: return "awaiting adjudication";
    case ReviewState::NoAnswer: return "note only";
    }
    return "unreviewed";
}

ReviewState reviewStateOf(const FamilyVerdict &v)
{
    if (v.disputed)
        return ReviewState::AwaitingAdjudication;
    if (!v.equivalence)
        return ReviewState::NoAnswer;
    switch (*v.equivalence) {
    case Equivalence::Equivalent: return ReviewState::Equivalent;
    case Equivalence::NotEquivalent: return ReviewState::NotEquivalent;
    case Equivalence::Unsure: return ReviewState::Unsure;
    }
    return ReviewState::NoAnswer;
}

std::vector<std::int32_t> awaitingAdjudication(const std::vector<std::uint8_t> &states)
{
    std::vector<std::int32_t> out;
    for (std::size_t f = 0; f < states.size(); ++f)
        if (states[f] == std::uint8_t(ReviewState::AwaitingAdjudication))
            out.push_back(std::int32_t(f));
    return out;
}

std::vector<std::uint8_t> reviewStates(const PairsIndex &index, int keyColumn,
                                       const ReviewSummary &summary)
{
    std::vector<std::uint8_t> out(index.families.size(), std::uint8_t(ReviewState::Unreviewed));
    if (summary.families.empty() || keyColumn < 0)
        return out;
    std::string scratch;
    for (std::size_t f = 0; f < index.families.size(); ++f) {
        const FamilyVerdict *v = summary.find(
            index.rows->cell(index.row(f, 0), std::size_t(keyColumn), scratch));
        if (v)
            out[f] = std::uint8_t(reviewStateOf(*v));
    }
    return out;
}

} // namespace cp
