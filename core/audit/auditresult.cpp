// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditresult.h"

namespace cp {

bool SliceRates::supportShortFor(Metric m) const
{
    switch (m) {
    case Metric::Tpr:
    case Metric::Fnr: return positivesShort;
    case Metric::Fpr: return negativesShort;
    case Metric::SelectionRate:
    case Metric::Precision:
    case Metric::Accuracy: return positivesShort || negativesShort;
    }
    return positivesShort || negativesShort;
}

const SliceRates *AuditResult::findSlice(std::string_view attribute, std::string_view group) const
{
    for (const auto &a : slices)
        if (a.attribute == attribute)
            for (const auto &s : a.groups)
                if (s.group == group)
                    return &s;
    return nullptr;
}

const Gap *AuditResult::findGap(std::string_view attribute, Metric metric) const
{
    for (const auto &a : gaps)
        if (a.attribute == attribute)
            return &a.gaps[std::size_t(metric)];
    return nullptr;
}

const Check *AuditResult::findCheck(std::string_view name, std::string_view attribute) const
{
    for (const auto &c : checks)
        if (c.name == name && c.attribute == attribute)
            return &c;
    return nullptr;
}

const ReferenceGap *AuditResult::findReferenceGap(std::string_view attribute,
                                                  std::string_view group) const
{
    for (const auto &a : referenceGaps)
        if (a.attribute == attribute)
            for (const auto &g : a.groups)
                if (g.group == group)
                    return &g;
    return nullptr;
}

} // namespace cp

namespace cp {

std::string flipKindKey(FlipKind k)
{
    return k == FlipKind::Refusal ? "refusal" : "outcome";
}

std::int64_t AuditResult::familiesLeftOutTotal() const
{
    std::int64_t total = 0;
    for (const LeftOut &l : familiesLeftOut)
        total += l.families;
    return total;
}

std::string AuditResult::familiesSentence() const
{
    if (!families)
        return {};
    const std::int64_t audited = *families;
    const std::int64_t left = familiesLeftOutTotal();
    const std::int64_t input = familiesInput.value_or(audited + left);
    if (left == 0)
        return std::to_string(audited) + " families audited, none left out";
    std::string s = std::to_string(audited) + " of " + std::to_string(input)
                    + " families audited; " + std::to_string(left) + " left out: ";
    for (std::size_t i = 0; i < familiesLeftOut.size(); ++i) {
        if (i > 0)
            s += "; ";
        if (familiesLeftOut.size() > 1)
            s += std::to_string(familiesLeftOut[i].families) + " because ";
        s += familiesLeftOut[i].reason;
    }
    return s;
}

} // namespace cp
