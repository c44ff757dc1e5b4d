// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A scored table without a CSV copy: the rows' own bytes (a probe set's canonical CSV, or a file
// to score) joined, row by row and only when asked, to a run's results.

#include "scorer.h"

#include <core/table/csvrows.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>

namespace cp {

/// The result columns a scored table appends after the rows' own columns.
inline constexpr std::array<const char *, 9> ResultColumnNames = {
    "score", "label", "refused", "score_error", "repeat_agreement",
    "logprob", "reply", "repeat_favourable", "repeat_tie"};
/// The column after them in a run of an embeddings scorer only (so that every other scored
/// table, and its hash, stays as it was): the vector as text (core/common/embedding.h).
inline constexpr const char *EmbeddingColumnName = "embedding";
inline constexpr std::size_t EmbeddingResultColumn = ResultColumnNames.size();

/// How a run's answers become outcomes, for the share of favourable repeats: a score against
/// the threshold when there is one, else a label among the favourable ones.
struct OutcomeRule {
    std::optional<double> threshold;
    std::vector<std::string> favourableLabels;
    int repeats = 1;    ///< > 1: keep each row's favourable share and tie
};

/// A run's results per row, aggregated over its repeats: score is the mean, label the majority
/// (a tie goes to the label that sorts first, and is flagged Tie), agreement the share of the
/// answered repeats that gave the majority label. 17 bytes per row, plus what the run has: the
/// log of the mean probability of the target token (8 bytes), the reply of the first repeat
/// that gave one (its bytes and 12), the share of favourable repeats with repeats (4).
struct RowResults {
    enum Flag : std::uint8_t {
        Usable = 1,      ///< has a score, a label or an embedding
        Refused = 2,     ///< most of its repeats refused
        Unstable = 4,    ///< repeats disagree: labels, or scores on both sides of the threshold
        Tie = 8,         ///< the majority label is tied with another
    };
    std::vector<double> score;            ///< NaN: no score
    std::vector<std::int32_t> label;      ///< index into labels; -1: none
    std::vector<std::uint32_t> agreement; ///< (majority count << 16) | answered; 0: none
    std::vector<std::uint8_t> flags;
    std::vector<std::string> labels;
    std::vector<double> logprob;          ///< empty: the run has none; NaN: this row has none
    std::string replies;                  ///< every row's reply, one after another
    std::vector<std::uint64_t> replyAt;   ///< empty: the run has none; else offset per row
    std::vector<std::uint32_t> replyLength; ///< UINT32_MAX: this row has none
    std::vector<float> favourableShare;   ///< with repeats: k_v / answered; NaN: none
    /// The embedding of the first repeat that gave one, rows one after another.
    std::vector<float> embeddingValues;
    std::vector<std::uint64_t> embeddingAt;   ///< empty: the run has none; else offset per row
    std::vector<std::uint32_t> embeddingSize; ///< 0: this row has none
    bool repeated = false;                ///< the run has repeats (favourableShare, Tie)
    /// Rows without any answer, with the first error they got, by row.
    std::vector<std::pair<std::int64_t, std::string>> errors;

    std::int64_t unscored = 0;            ///< rows neither Usable nor Refused
    std::int64_t refused = 0;
    std::int64_t unstable = 0;

    std::int64_t rowCount() const { return std::int64_t(flags.size()); }
    bool usable(std::int64_t row) const { return flags[std::size_t(row)] & Usable; }
    bool isRefused(std::int64_t row) const { return flags[std::size_t(row)] & Refused; }
    bool hasLogprobs() const { return !logprob.empty(); }
    bool hasReplies() const { return !replyAt.empty(); }
    bool hasEmbeddings() const { return !embeddingAt.empty(); }
    std::span<const float> embedding(std::int64_t row) const
    {
        if (embeddingAt.empty())
            return {};
        const auto r = std::size_t(row);
        return {embeddingValues.data() + embeddingAt[r], embeddingSize[r]};
    }
    bool isUnstable(std::int64_t row) const { return flags[std::size_t(row)] & Unstable; }
    std::string_view error(std::int64_t row) const;
    std::string_view reply(std::int64_t row) const;
    /// The text of result column c (an index into ResultColumnNames, or EmbeddingResultColumn)
    /// of a row, as the scored table's CSV holds it; numbers are written into scratch.
    std::string_view text(std::size_t c, std::int64_t row, std::string &scratch) const;
};

/// Adds results up per row, in any order, or row by row (a run's stored results, ordered by
/// row and repeat) in constant memory per row.
class ResultAggregator
{
public:
    /// threshold: a row whose repeats' scores fall on both sides of it is unstable.
    ResultAggregator(std::int64_t rows, bool ordered, std::optional<double> threshold);
    /// The same, with the rule that counts each row's favourable repeats.
    ResultAggregator(std::int64_t rows, bool ordered, OutcomeRule rule);
    ~ResultAggregator();
    void add(std::int64_t row, const ScoreResult &result);
    void add(const ScoreOutcome &outcome);
    RowResults finish();

private:
    struct Pending;
    void finalize(std::int64_t row, Pending &p);

    void keep(std::int64_t row, const ScoreOutcome &r);

    RowResults m_out;
    std::optional<double> m_threshold;
    OutcomeRule m_rule;
    std::vector<std::uint8_t> m_favourableLabel;  ///< by label id
    bool m_ordered;
    std::int64_t m_current = -1;
    std::unique_ptr<Pending> m_pending;           ///< ordered: the current row
    std::vector<Pending> m_all;                   ///< unordered: every row
    std::unordered_map<std::string, int> m_labelIds;
    std::vector<std::string> m_errorTexts;
    int m_lastLabel = -1;
    std::vector<float> m_embedding;               ///< scratch: an embedding unpacked
    int labelId(std::string_view label);
};

/// A scored table as text: rows of `rows` (all, or the ones listed, in order) with the result
/// columns of `results` after their own; a row of a family isolated as unstable has its first
/// cell (the family id) followed by "~r<k>", its place in the family.
class ScoredRows : public TextRows
{
public:
    /// Every row.
    ScoredRows(std::shared_ptr<const CsvRows> rows, std::shared_ptr<const RowResults> results);
    /// The rows listed, in that order; isolated is empty or gives each listed row its k.
    ScoredRows(std::shared_ptr<const CsvRows> rows, std::shared_ptr<const RowResults> results,
               std::vector<std::uint32_t> sourceRows, std::vector<std::uint32_t> isolated);

    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return m_rowCount; }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override;
    std::string_view cell(std::int64_t row, std::size_t column,
                          std::string &scratch) const override;

    /// The row of the underlying rows that a row shows.
    std::int64_t sourceRow(std::int64_t row) const
    {
        return m_selects ? std::int64_t(m_sourceRows[std::size_t(row)]) : row;
    }
    /// Whether rows are a selection (some left out, or some isolated) rather than every row.
    bool selects() const { return m_selects; }
    /// k ≥ 1 when the row's family is isolated as unstable ("12~r<k>"), else 0.
    std::uint32_t isolation(std::int64_t row) const
    {
        return m_isolated.empty() ? 0 : m_isolated[std::size_t(row)];
    }
    const CsvRows &sourceRows() const { return *m_rows; }
    const RowResults &results() const { return *m_results; }

    /// The table as CSV, in pieces of about a megabyte: the header in canonical form, then each
    /// row's own bytes and its result cells in canonical form, one line each.
    void write(const std::function<void(std::string_view)> &out) const;
    std::string csv() const;
    /// SHA-256 of csv(), without holding it.
    std::string sha256() const;

private:
    void init();

    std::shared_ptr<const CsvRows> m_rows;
    std::shared_ptr<const RowResults> m_results;
    bool m_selects = false;
    std::vector<std::uint32_t> m_sourceRows;
    std::vector<std::uint32_t> m_isolated;
    std::vector<std::string> m_columns;
    std::int64_t m_rowCount = 0;
    std::size_t m_ownColumns = 0;
    enum class IdKind { FamilyVariant, Column, RowNumber } m_idKind = IdKind::RowNumber;
    std::size_t m_idColumn = 0;
};

} // namespace cp
