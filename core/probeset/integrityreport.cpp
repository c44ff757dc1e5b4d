// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "integrityreport.h"

#include <nlohmann/json.hpp>

#include <array>

namespace cp {

namespace {

struct Kind {
    const char *key;
    const char *text;
    IntegrityFinding IntegrityReport::*finding;
};

constexpr std::array<Kind, 5> Kinds = {{
    {"fields_differ_outside", "twins differing outside protected/linked columns",
     &IntegrityReport::fieldsDifferOutside},
    {"identical_linked", "twins with an identical linked value",
     &IntegrityReport::identicalLinked},
    {"duplicate_variants", "duplicate variants in a family", &IntegrityReport::duplicateVariants},
    {"wrong_variant_labels", "variant labels disagreeing with the protected columns",
     &IntegrityReport::wrongVariantLabels},
    {"single_variant_families", "families with a single variant",
     &IntegrityReport::singleVariantFamilies},
}};

} // namespace

bool IntegrityReport::clean() const
{
    return violations() == 0;
}

std::int64_t IntegrityReport::violations() const
{
    std::int64_t n = 0;
    for (const Kind &k : Kinds)
        n += (this->*k.finding).count;
    return n;
}

std::optional<std::pair<std::string, IntegrityExample>> IntegrityReport::firstViolation() const
{
    std::optional<std::pair<std::string, IntegrityExample>> best;
    for (const Kind &k : Kinds) {
        for (const IntegrityExample &e : (this->*k.finding).examples)
            if (!best || e.line < best->second.line)
                best = std::pair(std::string(k.text), e);
    }
    return best;
}

std::string IntegrityReport::summary() const
{
    std::string s = "integrity: " + std::string(clean() ? "clean" : "VIOLATIONS") + " ("
                    + std::to_string(families) + " families, " + std::to_string(variants)
                    + " variants)\n";
    for (const Kind &k : Kinds) {
        const IntegrityFinding &f = this->*k.finding;
        s += "  " + std::string(k.text) + ": " + std::to_string(f.count) + "\n";
        for (const IntegrityExample &e : f.examples)
            s += "    family " + e.family + ", line " + std::to_string(e.line)
                 + (e.column.empty() ? "" : ", column " + e.column) + ": " + e.detail + "\n";
    }
    return s;
}

void to_json(nlohmann::json &j, const IntegrityReport &r)
{
    j = {{"families", r.families}, {"variants", r.variants}, {"clean", r.clean()}};
    for (const Kind &k : Kinds) {
        const IntegrityFinding &f = r.*k.finding;
        nlohmann::json examples = nlohmann::json::array();
        for (const IntegrityExample &e : f.examples)
            examples.push_back({{"family", e.family},
                                {"line", e.line},
                                {"column", e.column},
                                {"detail", e.detail}});
        j[k.key] = {{"count", f.count}, {"examples", std::move(examples)}};
    }
}

void from_json(const nlohmann::json &j, IntegrityReport &r)
{
    r.families = j.at("families").get<std::int64_t>();
    r.variants = j.at("variants").get<std::int64_t>();
    for (const Kind &k : Kinds) {
        IntegrityFinding &f = r.*k.finding;
        const auto &o = j.at(k.key);
        f.count = o.at("count").get<std::int64_t>();
        f.examples.clear();
        for (const auto &e : o.at("examples"))
            f.examples.push_back(IntegrityExample{e.at("family").get<std::string>(),
                                                  e.at("line").get<std::int64_t>(),
                                                  e.at("column").get<std::string>(),
                                                  e.at("detail").get<std::string>()});
    }
}

} // namespace cp
