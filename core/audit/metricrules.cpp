// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "metricrules.h"

namespace cp {

std::vector<Metric> metricsForPopulation(Population population)
{
    switch (population) {
    case Population::Positives: return {Metric::Tpr};
    case Population::Negatives: return {Metric::Fpr};
    case Population::All: break;
    }
    return {Metric::SelectionRate, Metric::Tpr, Metric::Fpr, Metric::Precision};
}

Metric defaultMetric(Population population)
{
    return metricsForPopulation(population).front();
}

Metric primaryMetric(const AuditSpec &spec)
{
    if (spec.contract && spec.contract->primary)
        return spec.contract->primary->metric;
    if (spec.contract && !spec.contract->guardrails.empty())
        return spec.contract->guardrails.front().metric;
    return spec.truth ? Metric::Tpr : Metric::SelectionRate;
}

} // namespace cp
