// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "balancereport.h"

#include <nlohmann/json.hpp>

namespace cp {

namespace {

void to_json(nlohmann::json &j, const GroupBalance &g)
{
    nlohmann::json counts = nlohmann::json::array();
    for (const GroupCount &c : g.counts) {
        nlohmann::json cell = {{"group", c.group}, {"count", c.count}};
        if (!g.stratumColumn.empty())
            cell["stratum"] = c.stratum;
        counts.push_back(std::move(cell));
    }
    j = {{"column", g.column}, {"counts", std::move(counts)}, {"balanced", g.balanced}};
    if (!g.stratumColumn.empty())
        j["stratum_column"] = g.stratumColumn;
}

void from_json(const nlohmann::json &j, GroupBalance &g)
{
    g.column = j.at("column").get<std::string>();
    g.stratumColumn = j.value("stratum_column", std::string());
    g.balanced = j.at("balanced").get<bool>();
    g.counts.clear();
    for (const auto &c : j.at("counts"))
        g.counts.push_back(GroupCount{c.value("stratum", std::string()),
                                      c.at("group").get<std::string>(),
                                      c.at("count").get<std::int64_t>()});
}

std::string countsLine(const GroupBalance &g)
{
    std::string s;
    std::string stratum;
    bool first = true;
    for (const GroupCount &c : g.counts) {
        if (!g.stratumColumn.empty() && (first || c.stratum != stratum)) {
            s += (first ? "" : "; ") + c.stratum + ": ";
            stratum = c.stratum;
            first = true;
        }
        s += (first ? "" : ", ") + c.group + " " + std::to_string(c.count);
        first = false;
    }
    return s;
}

} // namespace

std::string BalanceReport::summary() const
{
    std::string s = "balance: " + std::string(balanced ? "balanced" : "NOT balanced") + " ("
                    + std::to_string(families) + " families, " + std::to_string(variants)
                    + " variants)\n";
    auto line = [&](const std::string &title, const GroupBalance &g) {
        s += "  " + title + (g.balanced ? "" : " [unbalanced]") + ": " + countsLine(g) + "\n";
    };
    for (const GroupBalance &g : groups)
        line(g.column, g);
    if (groups.size() > 1)
        line(intersection.column, intersection);
    for (const GroupBalance &g : strata)
        line(g.stratumColumn + " × " + g.column, g);
    return s;
}

void to_json(nlohmann::json &j, const BalanceReport &r)
{
    j = {{"families", r.families},
         {"variants", r.variants},
         {"balanced", r.balanced},
         {"groups", nlohmann::json::array()},
         {"strata", nlohmann::json::array()},
         {"intersection", nlohmann::json()}};
    for (const GroupBalance &g : r.groups)
        to_json(j["groups"].emplace_back(), g);
    for (const GroupBalance &g : r.strata)
        to_json(j["strata"].emplace_back(), g);
    to_json(j["intersection"], r.intersection);
}

void from_json(const nlohmann::json &j, BalanceReport &r)
{
    r.families = j.at("families").get<std::int64_t>();
    r.variants = j.at("variants").get<std::int64_t>();
    r.balanced = j.at("balanced").get<bool>();
    r.groups.clear();
    r.strata.clear();
    for (const auto &g : j.at("groups"))
        from_json(g, r.groups.emplace_back());
    for (const auto &g : j.at("strata"))
        from_json(g, r.strata.emplace_back());
    from_json(j.at("intersection"), r.intersection);
}

} // namespace cp
