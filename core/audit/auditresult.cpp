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
