// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "agreement.h"

#include <algorithm>

namespace cp {

namespace {

template<typename Map, typename Key>
void addCount(Map &map, const Key &key, std::int64_t n)
{
    auto it = map.try_emplace(key, 0).first;
    it->second += n;
    if (it->second == 0)
        map.erase(it);  // a table that follows removals holds no empty entries
}

} // namespace

void KappaTable::add(int a, int b, std::int64_t n)
{
    if (a >= 0 && b >= 0 && n != 0)
        addCount(counts, std::pair{a, b}, n);
}

void CoincidenceTable::addUnit(const std::vector<int> &answers, int sign)
{
    std::map<int, std::int64_t> counts;
    std::int64_t m = 0;
    for (int v : answers)
        if (v >= 0) {
            ++counts[v];
            ++m;
        }
    if (m < 2)
        return;
    units += sign;
    total += sign * m;
    auto &pairs = pairsBySize[m];
    for (const auto &[c, nc] : counts) {
        addCount(marginal, c, sign * nc);
        for (const auto &[k, nk] : counts)
            addCount(pairs, std::pair{c, k}, sign * (c == k ? nc * (nc - 1) : nc * nk));
    }
    if (pairs.empty())
        pairsBySize.erase(m);
}

AgreementValue cohensKappaOf(const KappaTable &table)
{
    AgreementValue out;
    std::map<int, std::int64_t> countA, countB;
    std::int64_t agree = 0;
    for (const auto &[ab, n] : table.counts) {
        out.items += n;
        countA[ab.first] += n;
        countB[ab.second] += n;
        if (ab.first == ab.second)
            agree += n;
    }
    if (out.items == 0) {
        out.detail = "no item was answered by both reviewers";
        return out;
    }
    const double items = double(out.items);
    double expected = 0;
    for (const auto &[category, k] : countA) {
        const auto it = countB.find(category);
        if (it != countB.end())
            expected += (double(k) / items) * (double(it->second) / items);
    }
    const double observed = double(agree) / items;
    if (expected >= 1.0) {
        out.detail = "both reviewers gave one and the same answer to every item, so chance "
                     "agreement is 1 and κ is undefined";
        return out;
    }
    out.value = (observed - expected) / (1.0 - expected);
    return out;
}

AgreementValue cohensKappa(const std::vector<int> &a, const std::vector<int> &b)
{
    KappaTable table;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        table.add(a[i], b[i]);
    return cohensKappaOf(table);
}

AgreementValue krippendorffAlphaOf(const CoincidenceTable &table)
{
    AgreementValue out;
    out.items = table.units;
    if (table.units == 0) {
        out.detail = "no item was answered by two or more reviewers";
        return out;
    }
    // Observed disagreement: the coincidences of different answers, o_ck = Σ_m pairs / (m − 1).
    double observedDisagreement = 0;
    for (const auto &[m, pairs] : table.pairsBySize) {
        std::int64_t different = 0;
        for (const auto &[ck, n] : pairs)
            if (ck.first != ck.second)
                different += n;
        observedDisagreement += double(different) / double(m - 1);
    }
    double expectedDisagreement = 0;
    for (const auto &[c, nc] : table.marginal)
        for (const auto &[k, nk] : table.marginal)
            if (c != k)
                expectedDisagreement += double(nc) * double(nk);
    if (expectedDisagreement <= 0) {
        out.detail = "every answer is the same, so there is no variation to agree on and α is "
                     "undefined";
        return out;
    }
    out.value = 1.0 - (double(table.total) - 1.0) * observedDisagreement / expectedDisagreement;
    return out;
}

AgreementValue krippendorffAlpha(const std::vector<std::vector<int>> &units)
{
    CoincidenceTable table;
    for (const std::vector<int> &unit : units)
        table.addUnit(unit);
    return krippendorffAlphaOf(table);
}

} // namespace cp
