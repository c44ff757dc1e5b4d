// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to core/generate: a spec compiled against the provider lists, with every name
// resolved to an index so that generating a family touches no map and allocates nothing.

#include "generatorspec.h"
#include "providercatalog.h"
#include "templatetext.h"

#include <core/probeset/probesetlayout.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// Values with cumulative weights; pick(u) is the entry at quantile u.
struct WeightedList {
    std::vector<std::string> values;
    std::vector<double> cumulative;   ///< ascending, last = 1
    std::vector<double> numbers;      ///< each value as a number, NaN if it is none
    /// Per value: bit 0 set when a CSV cell of it needs quotes, bit 1 when JSON needs escapes.
    std::vector<std::uint8_t> escaping;
    /// guide[k] = the entry at quantile k/G, so pick() searches only between two guide entries
    /// (G = guide.size() - 1; empty for short lists, searched whole). Same answer, fewer steps.
    std::vector<std::uint32_t> guide;

    void build(const std::vector<double> &weights);
    std::size_t pick(double u) const;
};

/// Whether a cell must be quoted (CSV: a comma, quote or line break) or escaped (JSON: a quote,
/// backslash or control byte).
bool needsEscaping(std::string_view text, bool csv);

struct PlanBound {
    bool set = false;
    double value = 0;
    int field = -1;        ///< an earlier field's number, plus offset
    double offset = 0;
};

struct PlanPiece {
    enum class Kind { Literal, Base, Protected, Linked, Dependent, Pronoun, Verb };
    Kind kind = Kind::Literal;
    std::string text;      ///< Literal text; Verb: he/she form
    std::string plural;    ///< Verb: they form
    int index = -1;        ///< Base: field; Protected: attribute; Linked; Dependent: slot
    PronounForm form = PronounForm::Subject;
    bool capital = false;
};

struct PlanField {
    FieldKind kind = FieldKind::Choice;
    std::string name;
    std::uint64_t stream = 0;
    bool numeric = false;            ///< written as a JSON number
    WeightedList list;               ///< choice, unkeyed provider
    int keyField = -1;               ///< keyed provider: the choice field
    std::vector<WeightedList> keyedLists;  ///< keyed provider: one per value of keyField
    PlanBound min, max;
    double mean = 0, sd = 1, mu = 0, sigma = 1;
    int decimals = 2;
    std::int64_t fromDay = 0, toDay = 0;
    std::string prefix;
    int idWidth = 1;
    int onField = -1;                ///< conditional
    std::vector<int> caseForValue;   ///< conditional: value of onField → case
    std::vector<PlanField> cases;
    std::vector<PlanPiece> pieces;   ///< template
    int pronounLinked = -1;          ///< template: the linked pronoun field
    int dependentSlot = -1;          ///< template that differs per variant: its slot
    int strataIndex = -1;            ///< an assigned stratum: its position in strata
};

struct PlanLinked {
    std::string name;
    LinkedSpec::Kind kind = LinkedSpec::Kind::Provider;
    std::uint64_t stream = 0;
    std::vector<int> byAttributes;
    std::vector<int> radix;               ///< groups per attribute of `by`
    std::vector<WeightedList> lists;      ///< per combination of the `by` groups
    std::vector<PronounSet> pronouns;     ///< Pronouns: per combination
    std::int64_t unisexRemoved = 0;
};

struct PlanVariant {
    std::vector<int> groups;              ///< per protected attribute
    std::string label;
    std::vector<int> linkedCombination;   ///< per linked field
};

struct GenerationPlan {
    std::uint64_t seed = 0;
    std::int64_t families = 0;
    std::vector<std::string> attributes;
    std::vector<std::vector<std::string>> groups;
    std::vector<PlanVariant> variants;
    int referenceVariant = 0;
    std::vector<PlanLinked> linked;
    std::vector<PlanField> fields;        ///< in spec order
    std::vector<int> dependentFields;     ///< templates that differ per variant, in order
    std::vector<int> baseFields;          ///< every other field, in order
    std::vector<int> strataFields;
    std::int64_t strataCombinations = 1;
    std::vector<std::string> columns;     ///< the output header
    ProbeSetLayout layout;
    std::vector<std::string> warnings;
};

Result<GenerationPlan> compilePlan(const GeneratorSpec &spec, const ProviderCatalog &catalog);

/// Which stratum combination a family is assigned (0 when there are no strata): families are
/// taken in consecutive blocks of strataCombinations, each block a seeded permutation of all
/// combinations, so counts are exactly equal (or differ by at most one).
std::int64_t stratumOf(const GenerationPlan &plan, std::int64_t family);

} // namespace cp
