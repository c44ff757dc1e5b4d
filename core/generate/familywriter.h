// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to core/generate: writes the rows of one family at a time. One per thread; it keeps
// its buffers between families so that the hot loop does not allocate.

#include "counterstream.h"
#include "generationplan.h"
#include "generator.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// Counts a FamilyWriter keeps as it writes; additive, so per-thread stats merge exactly.
struct FamilyStats {
    std::vector<std::int64_t> variantRows;          ///< per variant
    std::vector<std::int64_t> strataVariantRows;    ///< [stratum combination × variants + v]
    std::int64_t twinPairs = 0;
    std::int64_t boundsInverted = 0;
    std::vector<std::int64_t> identicalLinked;      ///< per linked field
    /// Per linked list field l and variant v (index l × variants + v): counts of
    /// (rank in the reference variant's list, rank in v's list); empty when not compared.
    std::vector<std::vector<std::int64_t>> rankPairs;

    void init(const GenerationPlan &plan);
    void merge(const FamilyStats &other);
};

class FamilyWriter
{
public:
    FamilyWriter(const GenerationPlan &plan, OutputFormat format);

    /// The CSV header line (nothing for JSON Lines).
    void header(std::string &out) const;
    /// Appends the rows of family (0-based) to out.
    void write(std::int64_t family, std::string &out);
    const FamilyStats &stats() const { return m_stats; }

private:
    /// Draws one base field: its text (in buffer, or a view of a list value), whether that
    /// text needs quoting or escaping in the output format, its number and its choice index.
    void drawField(const PlanField &f, std::int64_t family, const CounterStream &s,
                   std::string &buffer, std::string_view &text, bool &escape, double &number,
                   int &choice);
    void render(const PlanField &f, int variant, std::string &out) const;
    void beginRow(std::int64_t family, int variant, std::string &out) const;
    void cell(std::size_t column, std::string_view text, bool numeric, std::string &out) const;
    double boundValue(const PlanBound &b) const
    {
        return b.field >= 0 ? m_number[std::size_t(b.field)] + b.offset : b.value;
    }
    void assignStrata(std::int64_t family);
    /// A dependent template for one variant, with the pieces fixed by the variant (literals,
    /// protected groups, pronouns, verb forms) joined into text at construction.
    struct Segment {
        enum class Kind { Text, Base, Linked, Dependent };
        Kind kind = Kind::Text;
        int index = -1;
        std::string text;
        bool escape = false;    ///< Text: needs quoting or escaping in the output format
    };
    void compileDependent(const PlanField &f, std::size_t variant, std::vector<Segment> &out) const;
    std::string_view segmentText(const Segment &s, std::size_t variant) const;
    void writeRowsSlowly(std::string_view id, std::string &out);

    const GenerationPlan &m_plan;
    OutputFormat m_format;
    int m_variants;
    std::vector<std::string> m_buffer;      ///< per field: its formatted text when not a view
    std::vector<std::string_view> m_text;   ///< per field: its text in the current family
    std::vector<char> m_escape;             ///< per field: its text needs quoting/escaping
    std::vector<double> m_number;           ///< per field
    std::vector<int> m_choice;              ///< per field: the value index of a choice
    std::vector<std::string_view> m_linked; ///< [linked × variants + v]
    std::vector<std::size_t> m_linkedRank;  ///< [linked × variants + v]
    std::vector<std::string> m_dependent;   ///< [slot × variants + v]
    std::vector<std::string> m_jsonKeys;    ///< ,"column": per column
    std::vector<std::int64_t> m_permutation;
    std::int64_t m_permutationBlock = -1;
    std::vector<int> m_strataValue;         ///< per stratum field of the current family
    std::int64_t m_stratum = 0;
    std::vector<std::string> m_variantPrefix; ///< per variant: its label and protected cells
    std::vector<std::vector<Segment>> m_segments; ///< [slot × variants + v]
    std::vector<char> m_linkedEscape;       ///< [linked × variants + v]: needs quoting/escaping
    std::vector<char> m_dependentEscape;    ///< [slot × variants + v]: needs quoting/escaping
    std::string m_shared;                   ///< the current family's cells common to all variants
    FamilyStats m_stats;
};

/// Appends v in fixed notation with `decimals` digits after the point: the digits of
/// std::to_chars(fixed) (correctly rounded), never "-0.0"; a non-finite v is written as 0.
void appendFixed(std::string &out, double v, int decimals);

/// Spearman's rank correlation from a table of counts over (x category, y category), both
/// ordered; ties take mid-ranks. nullopt when either side is constant.
std::optional<double> spearmanFromCounts(const std::vector<std::int64_t> &counts,
                                         std::size_t xCategories, std::size_t yCategories);

} // namespace cp
