// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generationreport.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace cp {

using nlohmann::json;

json toJson(const GenerationBalance &r)
{
    json j;
    j["families"] = r.families;
    j["variants_per_family"] = r.variantsPerFamily;
    j["rows"] = r.rows;
    j["groups_equal"] = r.groupsEqual;
    j["strata_equal"] = r.strataEqual;
    j["groups"] = json::array();
    for (const auto &g : r.groups)
        j["groups"].push_back({{"attribute", g.attribute}, {"group", g.group}, {"rows", g.rows}});
    j["strata"] = json::array();
    for (const auto &s : r.strata)
        j["strata"].push_back({{"stratum", s.stratum}, {"value", s.value},
                               {"attribute", s.attribute}, {"group", s.group},
                               {"rows", s.rows}});
    j["intersections"] = json::array();
    for (const auto &c : r.intersections)
        j["intersections"].push_back({{"variant", c.label}, {"rows", c.count}});
    j["strata_families"] = json::array();
    for (const auto &c : r.strataFamilies)
        j["strata_families"].push_back({{"stratum", c.label}, {"families", c.count}});
    return j;
}

json toJson(const GenerationIntegrity &r)
{
    json j;
    j["passed"] = r.passed();
    j["twin_pairs"] = r.twinPairs;
    j["twins_identical_linked"] = r.twinsIdenticalLinked;
    j["unisex_removed"] = r.unisexRemoved;
    j["spearman"] = r.spearman ? json(*r.spearman) : json(nullptr);
    j["bounds_inverted"] = r.boundsInverted;
    j["linked"] = json::array();
    for (const auto &l : r.linked)
        j["linked"].push_back({{"field", l.field},
                               {"unisex_removed", l.unisexRemoved},
                               {"identical_twins", l.identicalTwins},
                               {"spearman", l.spearman ? json(*l.spearman) : json(nullptr)}});
    return j;
}

std::string summaryText(const GenerationBalance &b, const GenerationIntegrity &r)
{
    auto fixed = [](double x, int decimals) {
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed,
                                       decimals);
        return std::string(buf, res.ptr);
    };
    std::string s;
    s += "Balance: " + std::to_string(b.families) + " families x "
         + std::to_string(b.variantsPerFamily) + " variants = " + std::to_string(b.rows)
         + " rows" + (b.groupsEqual ? " (groups equal)" : " (GROUPS UNEQUAL)") + "\n";
    std::string attribute;
    for (const auto &g : b.groups) {
        if (g.attribute != attribute) {
            s += (attribute.empty() ? "" : "\n") + std::string("  ") + g.attribute + ":";
            attribute = g.attribute;
        }
        s += " " + g.group + "=" + std::to_string(g.rows);
    }
    s += "\n";
    if (!b.strataFamilies.empty()) {
        s += std::string("  strata (families)") + (b.strataEqual ? "" : " UNEQUAL") + ":";
        for (const auto &c : b.strataFamilies)
            s += " " + c.label + "=" + std::to_string(c.count);
        s += "\n";
    }
    s += std::string("Integrity: ") + (r.passed() ? "passed" : "FAILED") + "\n";
    s += "  twin pairs: " + std::to_string(r.twinPairs)
         + " (fields outside protected/linked columns are checked when the set is frozen)\n";
    s += "  twins with an identical linked value: " + std::to_string(r.twinsIdenticalLinked)
         + "\n";
    s += "  shared (unisex) values removed from linked lists: " + std::to_string(r.unisexRemoved)
         + "\n";
    for (const auto &l : r.linked)
        if (l.spearman)
            s += "  " + l.field + ": rank correlation with twin (Spearman, lowest pair) "
                 + fixed(*l.spearman, 4) + "\n";
    if (r.boundsInverted > 0)
        s += "  int draws whose max fell below min (took min): "
             + std::to_string(r.boundsInverted) + "\n";
    return s;
}

} // namespace cp
