// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "agreement.h"

#include <algorithm>
#include <map>

namespace cp {

AgreementValue cohensKappa(const std::vector<int> &a, const std::vector<int> &b)
{
    AgreementValue out;
    std::map<int, std::int64_t> countA, countB;
    std::int64_t agree = 0;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] < 0 || b[i] < 0)
            continue;
        ++out.items;
        ++countA[a[i]];
        ++countB[b[i]];
        if (a[i] == b[i])
            ++agree;
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

AgreementValue krippendorffAlpha(const std::vector<std::vector<int>> &units)
{
    AgreementValue out;
    // Coincidences: within a unit of m answers, each ordered pair of different answers counts
    // 1/(m − 1).
    std::map<std::pair<int, int>, double> coincidence;
    std::map<int, double> marginal;
    double total = 0;
    for (const std::vector<int> &unit : units) {
        std::map<int, std::int64_t> counts;
        std::int64_t m = 0;
        for (int v : unit)
            if (v >= 0) {
                ++counts[v];
                ++m;
            }
        if (m < 2)
            continue;
        ++out.items;
        for (const auto &[c, nc] : counts)
            for (const auto &[k, nk] : counts) {
                const double pairs = c == k ? double(nc) * double(nc - 1) : double(nc) * double(nk);
                coincidence[{c, k}] += pairs / double(m - 1);
            }
        for (const auto &[c, nc] : counts)
            marginal[c] += double(nc);
        total += double(m);
    }
    if (out.items == 0) {
        out.detail = "no item was answered by two or more reviewers";
        return out;
    }
    double observedDisagreement = 0;
    for (const auto &[ck, o] : coincidence)
        if (ck.first != ck.second)
            observedDisagreement += o;
    double expectedDisagreement = 0;
    for (const auto &[c, nc] : marginal)
        for (const auto &[k, nk] : marginal)
            if (c != k)
                expectedDisagreement += nc * nk;
    if (expectedDisagreement <= 0) {
        out.detail = "every answer is the same, so there is no variation to agree on and α is "
                     "undefined";
        return out;
    }
    out.value = 1.0 - (total - 1.0) * observedDisagreement / expectedDisagreement;
    return out;
}

} // namespace cp
