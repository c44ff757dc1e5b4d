// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
// The words of an audit spec: the keys, labels and meanings of its metrics and settings, as the
// spec, the JSON, the CSV and every view write them.
#include "auditspec.h"

namespace cp {

std::string metricKey(Metric m)
{
    switch (m) {
    case Metric::SelectionRate: return "selection_rate";
    case Metric::Tpr: return "tpr";
    case Metric::Fpr: return "fpr";
    case Metric::Fnr: return "fnr";
    case Metric::Precision: return "precision";
    case Metric::Accuracy: return "accuracy";
    }
    return {};
}

std::string metricLabel(Metric m)
{
    switch (m) {
    case Metric::SelectionRate: return "selection rate";
    case Metric::Tpr: return "TPR";
    case Metric::Fpr: return "FPR";
    case Metric::Fnr: return "FNR";
    case Metric::Precision: return "precision";
    case Metric::Accuracy: return "accuracy";
    }
    return {};
}

std::string metricMeaning(Metric m)
{
    switch (m) {
    case Metric::SelectionRate: return "rows predicted favourable";
    case Metric::Tpr: return "positives predicted favourable";
    case Metric::Fpr: return "negatives predicted favourable";
    case Metric::Fnr: return "positives predicted unfavourable";
    case Metric::Precision: return "favourable predictions that are positive";
    case Metric::Accuracy: return "labelled rows predicted correctly";
    }
    return {};
}

std::optional<Metric> metricFromKey(std::string_view key)
{
    if (key == "selection_rate" || key == "demographic_parity" || key == "statistical_parity")
        return Metric::SelectionRate;
    if (key == "tpr" || key == "equal_opportunity")
        return Metric::Tpr;
    if (key == "fpr")
        return Metric::Fpr;
    if (key == "fnr")
        return Metric::Fnr;
    if (key == "precision" || key == "predictive_parity")
        return Metric::Precision;
    if (key == "accuracy")
        return Metric::Accuracy;
    return std::nullopt;
}

std::string populationKey(Population p)
{
    switch (p) {
    case Population::All: return "all";
    case Population::Positives: return "positives";
    case Population::Negatives: return "negatives";
    }
    return {};
}

std::string lpbsScaleKey(LpbsScale s)
{
    return s == LpbsScale::Log ? "log" : "probability";
}

std::string consensusRuleKey(ConsensusRule r)
{
    return r == ConsensusRule::Unanimous ? "unanimous" : "majority";
}

} // namespace cp
