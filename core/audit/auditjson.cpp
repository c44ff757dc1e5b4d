// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditjson.h"

#include <nlohmann/json.hpp>

namespace cp {

using nlohmann::json;

namespace {

json opt(const std::optional<double> &v) { return v ? json(*v) : json(nullptr); }

json proportion(const Proportion &p)
{
    json j = {{"value", opt(p.value())}, {"k", p.k}, {"n", p.n}};
    if (const auto ci = p.ci())
        j["ci"] = {ci->low, ci->high};
    else
        j["ci"] = nullptr;
    return j;
}

json interval(const std::optional<stats::Interval> &ci)
{
    return ci ? json::array({ci->low, ci->high}) : json(nullptr);
}

} // namespace

std::string decisionKey(Decision d) { return d == Decision::Approved ? "APPROVED" : "BLOCKED"; }

json auditToJson(const AuditResult &r)
{
    json out;
    out["decision"] = r.decision ? json(decisionKey(*r.decision)) : json(nullptr);
    out["rows"] = r.rows;
    out["families"] = r.families ? json(*r.families) : json(nullptr);

    json flips = json::array();
    for (const Flip &f : r.flips) {
        json outcomes = json::object();
        for (const auto &[variant, outcome] : f.outcomes)
            outcomes[variant] = outcome;
        flips.push_back({{"family", f.family}, {"outcomes", outcomes}, {"stage", f.stage},
                         {"score_range", opt(f.scoreRange)}});
    }
    out["flips"] = flips;
    out["flip_rate"] = r.flipRate ? proportion(*r.flipRate) : json(nullptr);

    json tests = json::array();
    for (const PairTest &t : r.pairTests)
        tests.push_back({{"attribute", t.attribute}, {"a", t.a}, {"b", t.b}, {"pairs", t.pairs},
                         {"a_only", t.aOnly}, {"b_only", t.bOnly}, {"mcnemar_p", t.mcnemarP},
                         {"discordant", proportion(t.discordant)},
                         {"mean_score_shift", opt(t.meanShift)},
                         {"mean_abs_score_delta", opt(t.meanAbsDelta)}});
    out["pair_tests"] = tests;

    json slices = json::object();
    for (const AttributeSlices &a : r.slices) {
        json groups = json::object();
        for (const SliceRates &s : a.groups) {
            json g = {{"n", s.n}, {"positives", s.positives}, {"negatives", s.negatives}};
            for (int m = 0; m < MetricCount; ++m)
                g[metricKey(Metric(m))] = proportion(s.rates[std::size_t(m)]);
            g["mean_score"] = opt(s.meanScore);
            groups[s.group] = g;
        }
        slices[a.attribute] = groups;
    }
    out["slices"] = slices;

    json gaps = json::object();
    for (const AttributeGaps &a : r.gaps) {
        json metrics = json::object();
        for (const Gap &g : a.gaps)
            metrics[metricKey(g.metric)] = {{"difference", opt(g.difference)},
                                            {"ratio", opt(g.ratio)}, {"ci", interval(g.ci)},
                                            {"max_group", g.maxGroup}, {"min_group", g.minGroup},
                                            {"groups_compared", g.groupsCompared}};
        gaps[a.attribute] = metrics;
    }
    out["gaps"] = gaps;

    json refs = json::object();
    for (const AttributeReferenceGaps &a : r.referenceGaps) {
        json groups = json::object();
        for (const ReferenceGap &g : a.groups)
            groups[g.group] = {{"spd", opt(g.spd)}, {"di", opt(g.di)}, {"eod", opt(g.eod)},
                               {"aod", opt(g.aod)}, {"fnr_difference", opt(g.fnrDifference)}};
        refs[a.attribute] = {{"reference", a.reference}, {"groups", groups}};
    }
    out["reference_gaps"] = refs;
    out["balanced_accuracy"] = opt(r.balancedAccuracy);
    out["theil_index"] = opt(r.theilIndex);

    json intersections = json::array();
    for (const Intersection &x : r.intersections) {
        json cells = json::array();
        for (const IntersectionCell &c : x.cells) {
            json key = json::object();
            for (std::size_t i = 0; i < x.dimensions.size(); ++i)
                key[x.dimensions[i]] = c.key[i];
            cells.push_back({{"key", key}, {"n", c.n}, {"positives", c.positives},
                             {"negatives", c.negatives},
                             {"status", c.status == CellStatus::Eligible ? "eligible" : "report_only"},
                             {"selection_rate", proportion(c.rate(Metric::SelectionRate))},
                             {"tpr", proportion(c.rate(Metric::Tpr))},
                             {"fpr", proportion(c.rate(Metric::Fpr))},
                             {"precision", proportion(c.rate(Metric::Precision))}});
        }
        intersections.push_back({{"dimensions", x.dimensions},
                                 {"population", populationKey(x.population)},
                                 {"min_support", x.minSupport}, {"cells", cells}});
    }
    out["intersections"] = intersections;

    json calibration = json::array();
    for (const CalibrationCell &c : r.calibration)
        calibration.push_back({{"attribute", c.attribute}, {"group", c.group}, {"band", c.band},
                               {"n", c.n}, {"observed", proportion(c.observed)},
                               {"mean_score", opt(c.meanScore)},
                               {"status", c.eligible ? "eligible" : "insufficient"}});
    out["calibration"] = calibration;

    json checks = json::array();
    for (const Check &c : r.checks)
        checks.push_back({{"name", c.name}, {"attribute", c.attribute}, {"value", opt(c.value)},
                          {"limit", c.limit}, {"limit_kind", c.upperLimit ? "max" : "min"},
                          {"passed", c.status == CheckStatus::Passed},
                          {"status", checkStatusKey(c.status)}, {"detail", c.detail}});
    out["checks"] = checks;
    out["missing"] = r.missing;

    json warnings = json::array();
    for (const AuditWarning &w : r.warnings)
        warnings.push_back({{"line", w.line}, {"field", w.field}, {"message", w.message}});
    out["warnings"] = warnings;
    out["warnings_omitted"] = r.warningsOmitted;
    if (r.reviews) {
        const ReviewEvidence &e = *r.reviews;
        json agreement = json::array();
        for (const ReviewAgreementFigure &f : e.agreement)
            agreement.push_back({{"question", f.question}, {"statistic", f.statistic},
                                 {"reviewers", f.reviewers}, {"value", opt(f.value)},
                                 {"items", f.items}, {"detail", f.detail}});
        out["reviews"] = {{"subject", e.subject}, {"consensus", e.consensus},
                          {"reviewers", e.reviewers}, {"adjudicators", e.adjudicators},
                          {"reviewed_families", e.reviewedFamilies}, {"equivalent", e.equivalent},
                          {"excluded_not_equivalent", e.excludedNotEquivalent},
                          {"excluded_rows", e.excludedRows}, {"unsure", e.unsure},
                          {"awaiting_adjudication", e.awaitingAdjudication},
                          {"adjudicated", e.adjudicated},
                          {"truth_from_reviews", e.truthFromReviews}, {"agreement", agreement}};
    }
    out["versions"] = {{"contract", r.contractVersion.empty() ? json(nullptr)
                                                              : json(r.contractVersion)},
                       {"table_sha256", r.tableSha256}, {"spec", r.specName}};
    return out;
}

} // namespace cp
