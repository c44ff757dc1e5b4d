// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What the Pairs view lists: every family of an audited table (not only the flipped ones),
// with what its filters and sorting need, in compact per-row and per-family arrays, built from
// the audited Table itself (no second read); the rows' text stays in one copy of their bytes
// and is split only for the family on screen. Outcomes come from the audit engine's own rule
// (stages, label or score against the threshold), flips and their stages from the audit
// result, so the view shows exactly what the audit counted.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/table/table.h>
#include <core/table/textrows.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace cp {

struct PairsIndex {
    /// The row (of this index) of a family's v-th variant.
    std::int64_t row(std::size_t family, int v) const
    {
        return std::int64_t(familyRows[std::size_t(families[family].begin) + std::size_t(v)]);
    }

    struct Family {
        std::int64_t begin = 0;         ///< its rows: familyRows[begin, begin + variants)
        std::int32_t variants = 0;
        bool flipped = false;
        std::int16_t stage = -1;        ///< flipped: index into stages of the diverging stage
        float scoreRange = std::numeric_limits<float>::quiet_NaN();  ///< max − min score
        bool refusal = false;           ///< flipped: some variants refused, others answered
    };

    std::shared_ptr<const TextRows> rows;       ///< the text, split on demand
    std::vector<Family> families;               ///< in order of first appearance
    std::vector<std::uint32_t> familyRows;      ///< rows grouped by family, table order within
    std::vector<std::uint32_t> familyOfRow;     ///< row → index into families
    /// per row: 0 unfavourable, 1 favourable, 2 + s gate s, refusedOutcome when refused
    std::vector<std::uint8_t> outcome;
    std::optional<std::uint8_t> refusedOutcome; ///< set when the audit has a refusal column
    std::vector<std::string> outcomeLabels;     ///< outcome id → text
    std::vector<float> score;                   ///< per row; NaN without a score column
    std::optional<double> threshold;
    std::vector<std::string> stages;            ///< stage names, in spec order

    /// Protected attributes and strata: names, their column in rows->columns(), their groups
    /// and each row's group index (rows × dimensions, row-major).
    struct Dimension {
        std::string name;
        int column = -1;
        std::vector<std::string> groups;
        std::vector<std::uint16_t> groupOfRow;
    };
    std::vector<Dimension> protectedDims;
    std::vector<Dimension> strata;

    std::int64_t flippedFamilies = 0;

    /// Empty for the index of a whole table. For an excerpt (excerptPairs), the row of the
    /// whole table each of its rows is.
    std::vector<std::int64_t> sourceRows;

    /// The swapped words masked in replies before they are compared (protected values, short
    /// values of the linked columns, the spec's mask_words): what a reply diff greys.
    std::vector<std::string> replyMaskWords;

    /// The family holding a row of the audited table (a flip's firstRow); none when the row is
    /// not in the index (out of range, or not in an excerpt).
    std::optional<std::size_t> familyOfSourceRow(std::int64_t row) const;
};

/// The flips a report shows side by side: the largest score range first (undefined last),
/// table order among equals; at most `count`. A partial sort, so 500,000 flips cost one pass.
std::vector<const Flip *> topFlips(const std::vector<Flip> &flips, std::size_t count);

/// The part of an index that holds the families of these flips (every variant, every column
/// of their text), small enough to keep with the audit: what a report needs to show them side
/// by side without reading the table again. Flips whose row is not in the index are skipped.
std::shared_ptr<const PairsIndex> excerptPairs(const PairsIndex &index,
                                               const std::vector<const Flip *> &flips);

/// TextRows held cell by cell, with each row's id: an excerpt's text.
class CellRows : public TextRows
{
public:
    CellRows(std::vector<std::string> columns, std::vector<std::string> ids,
             std::vector<std::vector<std::string>> cells)
        : m_columns(std::move(columns)), m_ids(std::move(ids)), m_cells(std::move(cells))
    {}
    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return std::int64_t(m_cells.size()); }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override { return m_ids[std::size_t(row)]; }
    const std::vector<std::string> &ids() const { return m_ids; }
    const std::vector<std::string> &rowCells(std::int64_t row) const
    {
        return m_cells[std::size_t(row)];
    }

private:
    std::vector<std::string> m_columns;
    std::vector<std::string> m_ids;
    std::vector<std::vector<std::string>> m_cells;
};

/// Builds the index from the table the audit read (every row of it: families the reviewers
/// excluded are listed too), its spec, the audit's result (flips' firstRow are rows of table)
/// and the same rows as text (row r of rows is row r of table). The family column must be set
/// in the spec.
Result<std::shared_ptr<const PairsIndex>> buildPairsIndex(const Table &table,
                                                          std::shared_ptr<const TextRows> rows,
                                                          const AuditSpec &spec,
                                                          const AuditResult &result,
                                                          const Progress &progress = {});

/// The Pairs view's filters; unset members do not filter.
struct PairsFilter {
    bool flipsOnly = false;
    std::optional<FlipKind> flipKind;                    ///< flipped families of this kind
    /// Families in which the variants of group a and group b of this attribute (equal in every
    /// other attribute) got different outcomes.
    std::optional<std::tuple<int, int, int>> groupPair;  ///< attribute, group a, group b
    std::optional<int> stage;                            ///< flipped at this stage
    std::optional<std::pair<int, int>> stratum;          ///< stratum dimension, group
    /// Families with a variant in each of these groups (dimension index over protected then
    /// strata, group), e.g. an intersection cell: all must match one variant of the family.
    std::vector<std::pair<int, int>> cell;
    std::optional<double> minScoreRange;                 ///< |Δscore| at least this
    /// Review state per family (core/review/reviewqueue.h reviewStates) and the one wanted.
    std::shared_ptr<const std::vector<std::uint8_t>> reviewStates;
    std::optional<std::uint8_t> reviewState;
};

enum class PairsOrder { Table, ScoreRangeDescending, ScoreRangeAscending };

/// The indices (into index.families) that pass the filter, in the order asked.
std::vector<std::int32_t> filterFamilies(const PairsIndex &index, const PairsFilter &filter,
                                         PairsOrder order = PairsOrder::Table);

/// Word-level differences between two texts (whitespace-separated words, longest common
/// subsequence): the byte ranges [begin, end) of the words of `text` that are not in `other`.
/// Texts over 4,000 bytes compare as a whole (one range when they differ).
std::vector<std::pair<std::size_t, std::size_t>> changedWords(std::string_view text,
                                                              std::string_view other);

} // namespace cp
