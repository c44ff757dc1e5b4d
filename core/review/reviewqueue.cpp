// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewqueue.h"

#include <algorithm>
#include <map>
#include <random>

namespace cp {

namespace {

std::string cellOf(const PairsIndex &index, std::size_t family)
{
    const PairsIndex::Family &f = index.families[family];
    std::string key;
    const std::int64_t first = index.row(family, 0);
    for (const PairsIndex::Dimension &d : index.strata)
        key += std::to_string(d.groupOfRow[std::size_t(first)]) + "|";
    for (const PairsIndex::Dimension &d : index.protectedDims) {
        std::vector<std::uint16_t> groups;
        for (int v = 0; v < f.variants; ++v)
            groups.push_back(d.groupOfRow[std::size_t(index.row(family, v))]);
        std::sort(groups.begin(), groups.end());
        groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
        for (std::uint16_t g : groups)
            key += std::to_string(g) + ",";
        key += "|";
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
    std::map<std::string, std::vector<std::int32_t>> cells;
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
    std::vector<std::string_view> cells;
    std::string scratch;
    index.rows->cells(index.row(family, 0), cells, scratch);
    return keyColumn < int(cells.size()) ? std::string(cells[std::size_t(keyColumn)]) : std::string();
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

std::vector<std::uint8_t> reviewStates(const PairsIndex &index, int keyColumn,
                                       const ReviewSummary &summary)
{
    std::vector<std::uint8_t> out(index.families.size(), std::uint8_t(ReviewState::Unreviewed));
    if (summary.families.empty() || keyColumn < 0)
        return out;
    std::vector<std::string_view> cells;
    std::string scratch;
    for (std::size_t f = 0; f < index.families.size(); ++f) {
        index.rows->cells(index.row(f, 0), cells, scratch);
        if (keyColumn >= int(cells.size()))
            continue;
        const FamilyVerdict *v = summary.find(cells[std::size_t(keyColumn)]);
        if (!v)
            continue;
        ReviewState s = ReviewState::NoAnswer;
        if (v->disputed)
            s = ReviewState::AwaitingAdjudication;
        else if (v->equivalence == Equivalence::Equivalent)
            s = ReviewState::Equivalent;
        else if (v->equivalence == Equivalence::NotEquivalent)
            s = ReviewState::NotEquivalent;
        else if (v->equivalence == Equivalence::Unsure)
            s = ReviewState::Unsure;
        out[f] = std::uint8_t(s);
    }
    return out;
}

} // namespace cp
