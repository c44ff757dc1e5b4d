// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the audit engine: the resolved columns shared by its passes. Not a public API.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/table/table.h>

#include <cstdint>
#include <vector>

namespace cp::detail {

/// A categorical dimension (protected attribute, stratum or stage) mapped to group indices.
struct Dimension {
    std::string name;
    const CategoricalColumn *column = nullptr;
    std::vector<std::string> groups;     ///< group index → name
    std::vector<std::uint32_t> lut;      ///< level code → group index

    std::uint32_t groupOf(std::int64_t row) const { return lut[column->code(std::size_t(row))]; }
};

/// Truth codes: 0 negative, 1 positive, 2 unknown. Outcome ids: 0 unfavourable, 1 favourable,
/// 2 + s failed gate stage s.
struct AuditContext {
    const Table *table = nullptr;
    const AuditSpec *spec = nullptr;
    std::vector<Dimension> protectedDims;
    std::vector<Dimension> strataDims;
    const CategoricalColumn *truthColumn = nullptr;
    /// level → truth code; at least 256 entries, so a narrow column's missing byte (255) → 2
    std::vector<std::uint8_t> truthLut;
    const NumericColumn *score = nullptr;
    const CategoricalColumn *labelColumn = nullptr;
    std::vector<std::uint8_t> favourableLut;     ///< level → 1 if favourable
    std::vector<const CategoricalColumn *> stageColumns;
    std::vector<std::vector<std::uint8_t>> stagePassLut; ///< empty when the stage has no gate
    const CategoricalColumn *familyColumn = nullptr;

    std::vector<AuditWarning> warnings;
    std::int64_t warningsOmitted = 0;

    void warn(std::int64_t line, std::string field, std::string message);
    std::uint8_t truthOf(std::int64_t row) const
    {
        if (!truthColumn)
            return 2;
        const std::uint32_t code = truthColumn->code(std::size_t(row));
        return code == CategoricalColumn::Missing ? 2 : truthLut[code];
    }
    std::uint8_t outcomeOf(std::int64_t row) const;
    std::string outcomeLabel(std::uint8_t outcome) const;
    /// Resolves columns, builds look-up tables and validates values. With outcomesMayBeMissing
    /// (the LLM pass over refused variants too), a row may lack its score or label.
    static Result<AuditContext> resolve(const Table &table, const AuditSpec &spec,
                                        bool outcomesMayBeMissing = false);
};

/// Per-family work: flips, stage attribution, pair tests, duplicate and truth checks.
Status auditFamilies(AuditContext &ctx, AuditResult &result, const Progress &progress);

/// Gaps, reference gaps, checks and the decision, from the slices already in result.
void evaluateContract(const AuditContext &ctx, AuditResult &result);

} // namespace cp::detail
