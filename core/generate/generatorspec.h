// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// The generator spec: what a counterfactual probe set is made of. The full key reference is
/// core/generate/SPEC.md; in short:
///
///   { "name", "seed", "families",
///     "design":    {"variants": "full_factorial"|"versus_reference", "strata": [choice fields]},
///     "protected": [{"name", "groups", "reference"?, "shares"?}],
///     "linked":    [{"name", "by": [attributes], one of "provider" | "pronouns" | "values"}],
///     "fields":    [{"name", "kind", …kind keys}],
///     "power":     {"gap", "base_rate"?, "discordance"?, "alpha"?, "power"?} }
///
/// Field kinds: id, choice, int, real, normal, lognormal, date, conditional, provider, template.
/// A field may use only earlier fields; only templates may use protected or linked columns
/// (everything else must be identical across a family's variants). Parse errors name the JSON
/// path in Error::field ("/fields/4/max/field").

struct ProtectedSpec {
    std::string name;
    std::vector<std::string> groups;
    std::string reference;              ///< defaults to the first group
    std::vector<double> shares;         ///< optional target-population shares (sum to 1)
};

struct LinkedSpec {
    enum class Kind { Provider, Pronouns, Values };
    struct Entry {
        std::string value;
        double weight = 1.0;
    };
    std::string name;
    Kind kind = Kind::Provider;
    std::vector<std::string> by;        ///< protected attributes the value depends on
    std::string provider;               ///< Provider: list name, keyed by the `by` groups
    /// Pronouns / Values: key = the `by` groups joined with "/" (e.g. "female" or
    /// "female/black"); Pronouns hold one entry ("he", "she" or "they").
    std::vector<std::pair<std::string, std::vector<Entry>>> lists;
    std::string path;                   ///< JSON path, for errors found later
};

/// A bound of int/real/normal/lognormal: a constant or an earlier field plus an offset.
struct Bound {
    std::optional<double> value;
    std::string field;
    double offset = 0.0;
    bool isSet() const { return value.has_value() || !field.empty(); }
};

enum class FieldKind { Id, Choice, Int, Real, Normal, Lognormal, Date, Conditional, Provider,
                       Template };
const char *fieldKindName(FieldKind kind);

struct FieldSpec {
    std::string name;                   ///< empty for a conditional's cases
    FieldKind kind = FieldKind::Choice;
    std::string path;                   ///< JSON path, for errors found later
    std::string prefix;                 ///< id
    std::vector<std::string> values;    ///< choice
    std::vector<double> weights;        ///< choice (empty = equal)
    Bound min, max;                     ///< int, real (range); normal, lognormal (clamps)
    double mean = 0, sd = 1;            ///< normal
    double mu = 0, sigma = 1;           ///< lognormal
    int decimals = -1;                  ///< real/normal/lognormal; -1 = kind default
    std::int64_t fromDay = 0, toDay = 0; ///< date, days since 1970-01-01
    std::string on;                     ///< conditional: an earlier choice field
    std::vector<std::string> caseKeys;  ///< conditional: values of `on`, "default" last if any
    std::vector<FieldSpec> cases;       ///< conditional: the field spec for each key
    std::string provider;               ///< provider: list name
    std::string key;                    ///< provider: earlier choice field keying the list
    std::string text;                   ///< template
    std::string pronoun;                ///< template: the linked pronoun field (default first)
};

enum class VariantDesign { FullFactorial, VersusReference };

struct PowerSpec {
    double gap = 0.1;                   ///< the contract's maximum gap Δ to detect
    std::optional<double> baseRate;
    std::optional<double> discordance;
    double alpha = 0.05;
    double power = 0.8;
};

struct GeneratorSpec {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    std::int64_t families = 1000;
    VariantDesign variants = VariantDesign::FullFactorial;
    std::vector<std::string> strata;
    std::vector<ProtectedSpec> protectedAttributes;
    std::vector<LinkedSpec> linked;
    std::vector<FieldSpec> fields;
    std::optional<PowerSpec> power;
    std::string source;                 ///< file name for errors
    std::string json;                   ///< the spec text, verbatim (stored with the probe set)
};

/// Limits a spec is checked against (SPEC.md): what a desktop generates in hours and a disk
/// holds, never a number that fills the disk or exhausts memory before anything is written.
inline constexpr std::int64_t MaxFamilies = 100'000'000;
inline constexpr std::int64_t MaxVariantsPerFamily = 4096;
inline constexpr std::int64_t MaxGroupCombinations = 65536;
/// Why the spec's protected attributes make too many variants per family, or empty.
std::string variantLimitProblem(const GeneratorSpec &spec);

/// Parses and checks a spec (everything that needs no provider list). Errors name the JSON path.
Result<GeneratorSpec> parseGeneratorSpec(std::string_view text, const std::string &source);
/// Reads the file and parses it.
Result<GeneratorSpec> loadGeneratorSpec(const std::string &path);
/// The spec as JSON text (two-space indented), for an editor that changed the struct: parsing
/// it gives the same spec. Keys follow SPEC.md's order; defaults are left out. The result's
/// `json` member is not consulted (it holds the text as read, not as edited).
std::string writeGeneratorSpec(const GeneratorSpec &spec);

/// "YYYY-MM-DD" → days since 1970-01-01; false if not a valid date.
bool parseIsoDate(std::string_view text, std::int64_t &days);
/// Days since 1970-01-01 → "YYYY-MM-DD" into out (10 chars).
void formatIsoDate(std::int64_t days, char *out);

} // namespace cp
