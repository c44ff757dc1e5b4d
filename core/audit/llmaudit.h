// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the audit engine: an LLM's outputs as evidence (refusals, repeated sampling,
// log-probabilities, replies), over every row of the table, refused variants included. The
// counting engine (auditengine.cpp) audits the families in which every variant answered;
// this pass adds what it cannot see. Not a public API: runAudit() calls it when the spec's
// "llm" object names a column.

#include <core/audit/auditcontext.h>

#include <cstdint>
#include <vector>

namespace cp::detail {

/// The refusal column read as one byte per row: 1 refused, 0 answered. Accepts true/false,
/// 1/0, yes/no (any case); an empty or other value is an error naming the row.
Result<std::vector<std::uint8_t>> readRefusals(const Table &table, const std::string &column);

/// Refusal rates, gaps and discordant pairs; repeat noise; log-probability and categorical
/// bias; reply similarity; label distances. `ctx` is resolved on the whole table with missing
/// outcomes allowed (a refused variant has none); `refused` is empty or one byte per row.
/// Marks result.flips in noisy families and appends the refusal flips.
Status auditLlmOutputs(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                       AuditResult &result, const Progress &progress);

/// The words masked in replies before they are compared: the protected groups, the spec's
/// mask_words, and the values of its mask_columns that are short enough to be a swapped word
/// (at most MaxMaskWords words), not free text.
std::vector<std::string> replyMaskPhrases(const AuditContext &ctx);
inline constexpr int MaxMaskWords = 3;

/// Strict and weak parity of the score distributions (spec.llm.scoreParity), over every
/// answered row with a score: per attribute and pair of groups, Wasserstein-1 between the
/// groups' scores and the difference of P(score > τ). Sets result.scoreParity.
void auditScoreParity(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                      AuditResult &result);

/// Rows grouped by family: family f's rows are order[offsets[f]] … order[offsets[f + 1] − 1],
/// in row order; rows without a family are in none.
struct FamilyOrder {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> order;
};
FamilyOrder familyOrder(const CategoricalColumn &family, std::size_t rows);

/// Keeps the `keep` smallest (value, family) pairs seen, as a max-heap on the value (sort it
/// at the end): the least similar families of a metric.
void keepSmallest(std::vector<std::pair<double, std::uint32_t>> &heap, double value,
                  std::uint32_t family, std::size_t keep);

/// Cosine similarity between counterfactual replies from their embeddings
/// (spec.llm.embeddingColumn): per attribute and pair of groups, over the pairs of answered
/// variants that differ in that attribute only. Sets result.embeddingSimilarity; an error
/// names the row of a cell that is not a vector or has another dimension than the first.
Status auditEmbeddings(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                       AuditResult &result);

/// The contract's LLM checks (max_refusal_gap, min_answer_ratio, max_lpbs,
/// max_categorical_bias) from the evidence in result; then the decision again.
void evaluateLlmContract(const AuditSpec &spec, AuditResult &result);

} // namespace cp::detail
