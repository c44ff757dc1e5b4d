// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The family stage of the probe set check (integrity, one family at a time) and the balance.

#include "probesetchecker.h"

#include <algorithm>

namespace cp::probesetcheck {

std::string Checker::groupsOf(const FamilyRows &fam, std::size_t row,
                                      const std::vector<int> &which) const
{
    std::string s;
    for (int k : which)
        (s += s.empty() ? "" : "/") += m_groupLevels[std::size_t(k)].name(
            fam.groups[row * m_p + std::size_t(k)]);
    return s;
}

void Checker::checkFamily(const FamilyRows &r, std::string_view text)
{
    IntegrityReport &report = m_integrity;
    const std::size_t k = r.size();
    const std::string family = m_familyNames[r.code];
    const std::size_t first = 0;
    if (k == 1) {
        report.singleVariantFamilies.add(
            {family, r.line[first], m_layout.familyColumn, "the family has a single variant"});
        return;
    }
    // Every twin must equal the family's first variant outside protected and linked columns.
    std::vector<std::string> firstFields;
    for (std::size_t row = 1; row < k; ++row) {
        if (r.fixedHash[row] == r.fixedHash[first])
            continue;
        if (report.fieldsDifferOutside.examples.size() >= IntegrityFinding::MaxExamples) {
            ++report.fieldsDifferOutside.count;
            continue;
        }
        if (firstFields.empty())
            firstFields = fieldsAt(text, r.offset[first], r.line[first]);
        const auto fields = fieldsAt(text, r.offset[row], r.line[row]);
        std::size_t c = 0;
        while (c < fields.size() && (m_roles[c].role != Role::Fixed || fields[c] == firstFields[c]))
            ++c;
        const std::string column = c < m_header.size() ? m_header[c] : std::string();
        report.fieldsDifferOutside.add(
            {family, r.line[row], column,
             c < fields.size()
                 ? "'" + fields[c] + "', but '" + firstFields[c] + "' on line "
                       + std::to_string(r.line[first])
                 : std::string("differs from line ") + std::to_string(r.line[first])});
    }
    auto sameGroups = [&](std::size_t a, std::size_t b, const std::vector<int> *which) {
        if (!which)
            return std::equal(&r.groups[a * m_p], &r.groups[a * m_p] + m_p, &r.groups[b * m_p]);
        for (int g : *which)
            if (r.groups[a * m_p + std::size_t(g)] != r.groups[b * m_p + std::size_t(g)])
                return false;
        return true;
    };
    auto lessGroups = [&](std::size_t a, std::size_t b, const std::vector<int> *which) {
        for (std::size_t g = 0; g < (which ? which->size() : m_p); ++g) {
            const std::size_t col = which ? std::size_t((*which)[g]) : g;
            const auto x = r.groups[a * m_p + col], y = r.groups[b * m_p + col];
            if (x != y)
                return x < y;
        }
        return false;
    };
    std::vector<std::uint32_t> &order = m_sortScratch;
    auto reset = [&] {
        order.resize(k);
        for (std::size_t j = 0; j < k; ++j)
            order[j] = std::uint32_t(j);
    };
    // Duplicates: sort the family's rows by their groups; equal neighbours repeat a variant.
    reset();
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return lessGroups(a, b, nullptr) || (!lessGroups(b, a, nullptr) && a < b);
    });
    for (std::size_t j = 1; j < k; ++j)
        if (sameGroups(order[j - 1], order[j], nullptr))
            report.duplicateVariants.add(
                {family, r.line[order[j]], m_layout.variantColumn,
                 "groups '" + groupsOf(r, order[j], m_all) + "' already on line "
                     + std::to_string(r.line[order[j - 1]])});
    // Linked values: pairs whose followed groups differ must not share the value.
    struct Found {
        std::uint32_t later, earlier;
        std::size_t column;
        std::int64_t pairs;
    };
    std::vector<Found> found;
    for (std::size_t c = 0; c < m_l; ++c) {
        const std::vector<int> &follows = m_follows[c];
        if (follows.empty())
            continue;
        auto value = [&](std::uint32_t row) { return r.linked[row * m_l + c]; };
        reset();
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (value(a) != value(b))
                return value(a) < value(b);
            if (lessGroups(a, b, &follows) || lessGroups(b, a, &follows))
                return lessGroups(a, b, &follows);
            return a < b;
        });
        for (std::size_t begin = 0; begin < k;) {
            std::size_t end = begin + 1;
            while (end < k && value(order[end]) == value(order[begin]))
                ++end;
            // Pairs in the run minus pairs that share the followed groups.
            const auto m = std::int64_t(end - begin);
            std::int64_t pairs = m * (m - 1) / 2;
            std::size_t other = end;
            for (std::size_t t = begin; t < end;) {
                std::size_t u = t + 1;
                while (u < end && sameGroups(order[t], order[u], &follows))
                    ++u;
                const auto mt = std::int64_t(u - t);
                pairs -= mt * (mt - 1) / 2;
                if (t > begin && other == end)
                    other = t;
                t = u;
            }
            if (pairs > 0)
                found.push_back({std::max(order[begin], order[other]),
                                 std::min(order[begin], order[other]), c, pairs});
            begin = end;
        }
    }
    // Examples in file order, whatever order the hashes sorted the values in.
    std::sort(found.begin(), found.end(),
              [](const Found &a, const Found &b) { return a.later < b.later; });
    for (const Found &x : found) {
        const auto col = std::size_t(m_linkedColumn[x.column]);
        const std::vector<int> &follows = m_follows[x.column];
        std::string detail = "the same value as line " + std::to_string(r.line[x.earlier])
                             + " although the groups differ ('" + groupsOf(r, x.earlier, follows)
                             + "' vs '" + groupsOf(r, x.later, follows) + "')";
        if (report.identicalLinked.examples.size() < IntegrityFinding::MaxExamples) {
            const auto fields = fieldsAt(text, r.offset[x.later], r.line[x.later]);
            if (col < fields.size())
                detail = "'" + fields[col] + "', " + detail;
        }
        report.identicalLinked.add({family, r.line[x.later], m_header[col], detail}, x.pairs);
    }
}

void Checker::balance(BalanceReport &report)
{
    auto equal = [](const GroupBalance &g) {
        return std::all_of(g.counts.begin(), g.counts.end(),
                           [&](const GroupCount &c) { return c.count == g.counts[0].count; });
    };
    for (std::size_t k = 0; k < m_p; ++k) {
        GroupBalance g;
        g.column = m_layout.protectedColumns[k];
        for (std::uint32_t c = 0; c < m_groupLevels[k].size(); ++c)
            g.counts.push_back({{}, m_groupLevels[k].name(c),
                                c < m_groupCounts[k].size() ? m_groupCounts[k][c] : 0});
        g.balanced = equal(g);
        report.groups.push_back(std::move(g));
    }
    // Intersections: every protected code together, in first-appearance order.
    {
        GroupBalance &g = report.intersection;
        for (const auto &p : m_layout.protectedColumns)
            (g.column += g.column.empty() ? "" : "×") += p;
        for (const auto &[label, count] : m_cells)
            g.counts.push_back({{}, label, count});
        g.balanced = equal(g);
    }
    for (std::size_t s = 0; s < m_s; ++s) {
        for (std::size_t k = 0; k < m_p; ++k) {
            const auto &counts = m_strataCounts[s * m_p + k];
            auto count = [&](std::uint32_t st, std::uint32_t c) -> std::int64_t {
                const auto it = counts.find((std::uint64_t(st) << 32) | c);
                return it == counts.end() ? 0 : it->second;
            };
            GroupBalance g;
            g.column = m_layout.protectedColumns[k];
            g.stratumColumn = m_layout.strataColumns[s];
            for (std::uint32_t st = 0; st < m_strataLevels[s].size(); ++st) {
                for (std::uint32_t c = 0; c < m_groupLevels[k].size(); ++c) {
                    const std::int64_t n = count(st, c);
                    g.counts.push_back({m_strataLevels[s].name(st), m_groupLevels[k].name(c), n});
                    if (n != count(st, 0))
                        g.balanced = false;
                }
            }
            report.strata.push_back(std::move(g));
        }
    }
    report.families = std::int64_t(m_familyNames.size());
    report.variants = m_rows;
    report.balanced = report.intersection.balanced
                      && std::all_of(report.groups.begin(), report.groups.end(),
                                     [](const GroupBalance &g) { return g.balanced; })
                      && std::all_of(report.strata.begin(), report.strata.end(),
                                     [](const GroupBalance &g) { return g.balanced; });
}


} // namespace cp::probesetcheck
