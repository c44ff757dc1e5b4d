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

/// A mean with its support and 95 % t interval; n = 0 is undefined (null).
json mean(const stats::MeanEstimate &m)
{
    return {{"value", opt(m.value())}, {"n", m.n}, {"sd", opt(m.sd())}, {"ci", interval(m.ci())}};
}

std::string statusKey(CellStatus s) { return s == CellStatus::Eligible ? "eligible" : "report_only"; }

json refusalsJson(const RefusalEvidence &e)
{
    json attributes = json::array();
    for (const AttributeRefusals &a : e.attributes) {
        json groups = json::object();
        for (const GroupRefusals &g : a.groups) {
            json p = proportion(g.refused);
            p["status"] = statusKey(g.status);
            groups[g.group] = p;
        }
        json pairs = json::array();
        for (const RefusalPairTest &p : a.pairs)
            pairs.push_back({{"a", p.a}, {"b", p.b}, {"pairs", p.pairs},
                             {"a_refused_b_answered", p.aOnly}, {"b_refused_a_answered", p.bOnly},
                             {"mcnemar_p", p.mcnemarP}});
        attributes.push_back({{"attribute", a.attribute}, {"groups", groups},
                              {"gap", opt(a.gap)}, {"gap_ci", interval(a.gapCi)},
                              {"max_group", a.maxGroup}, {"min_group", a.minGroup},
                              {"answer_ratio", opt(a.answerRatio)}, {"pairs", pairs}});
    }
    json intersections = json::array();
    for (const RefusalIntersection &x : e.intersections) {
        json cells = json::array();
        for (const RefusalCell &c : x.cells) {
            json key = json::object();
            for (std::size_t i = 0; i < x.dimensions.size(); ++i)
                key[x.dimensions[i]] = c.key[i];
            json p = proportion(c.refused);
            cells.push_back({{"key", key}, {"refused", p}, {"status", statusKey(c.status)}});
        }
        intersections.push_back({{"dimensions", x.dimensions}, {"cells", cells}});
    }
    return {{"column", e.column}, {"overall", proportion(e.overall)}, {"families", e.families},
            {"families_with_refusal", e.familiesWithRefusal},
            {"families_all_refused", e.familiesAllRefused}, {"refusal_flips", e.refusalFlips},
            {"attributes", attributes}, {"intersections", intersections}};
}

json repeatsJson(const RepeatEvidence &e)
{
    json attributes = json::array();
    for (const AttributeRepeats &a : e.attributes) {
        json groups = json::object();
        for (const GroupRepeats &g : a.groups)
            groups[g.group] = {{"self_disagreement", proportion(g.noisy)}, {"ties", g.ties},
                               {"favourable_share", mean(g.favourableShare)}};
        json pairs = json::array();
        for (const RepeatPairTest &p : a.pairs)
            pairs.push_back({{"a", p.a}, {"b", p.b},
                             {"share_difference", mean(p.shareDifference)}});
        attributes.push_back({{"attribute", a.attribute}, {"groups", groups}, {"pairs", pairs}});
    }
    return {{"repeats", e.repeats}, {"variants", e.variants},
            {"noisy_variants", e.noisyVariants}, {"ties", e.ties}, {"families", e.families},
            {"noisy_families", e.noisyFamilies}, {"flips", e.flips},
            {"flips_in_noisy_families", e.flipsInNoisyFamilies}, {"attributes", attributes}};
}

json lpbsJson(const LogprobEvidence &e)
{
    json pairs = json::array();
    for (const LpbsPair &p : e.pairs) {
        json j = {{"attribute", p.attribute}, {"a", p.a}, {"b", p.b},
                  {"lpbs", mean(p.delta)},
                  {"probability_shift", mean(p.probabilityShift)},
                  {"probability_difference", mean(p.probabilityDifference)},
                  {"favoured", p.favoured.empty() ? json(nullptr) : json(p.favoured)},
                  {"check_value", opt(p.checkValue)},
                  {"delta_histogram", {{"low", LpbsPair::HistogramLow},
                                       {"width", LpbsPair::HistogramWidth},
                                       {"counts", p.histogram}}}};
        if (p.priorNormalised)
            j["prior_normalised"] = mean(*p.priorNormalised);
        pairs.push_back(std::move(j));
    }
    json associations = json::array();
    for (const GroupAssociation &a : e.associations)
        associations.push_back({{"attribute", a.attribute}, {"group", a.group},
                                {"neutral", a.neutral}, {"association", mean(a.association)}});
    return {{"column", e.column}, {"scale", lpbsScaleKey(e.scale)},
            {"variants_with_logprob", e.variantsWithLogprob},
            {"variants_without_logprob", e.variantsWithout}, {"pairs", pairs},
            {"associations", associations}};
}

} // namespace

std::string decisionKey(Decision d) { return d == Decision::Approved ? "APPROVED" : "BLOCKED"; }

json auditToJson(const AuditResult &r)
{
    json out;
    out["decision"] = r.decision ? json(decisionKey(*r.decision)) : json(nullptr);
    out["rows"] = r.rows;
    out["families"] = r.families ? json(*r.families) : json(nullptr);
    out["families_input"] = r.familiesInput ? json(*r.familiesInput) : json(nullptr);
    json leftOut = json::array();
    for (const LeftOut &l : r.familiesLeftOut)
        leftOut.push_back({{"families", l.families}, {"reason", l.reason}});
    out["families_left_out"] = leftOut;

    json flips = json::array();
    for (const Flip &f : r.flips) {
        json outcomes = json::object();
        for (const auto &[variant, outcome] : f.outcomes)
            outcomes[variant] = outcome;
        flips.push_back({{"family", f.family}, {"outcomes", outcomes}, {"stage", f.stage},
                         {"score_range", opt(f.scoreRange)}, {"kind", flipKindKey(f.kind)},
                         {"noisy", f.noisy}});
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
    if (r.refusals)
        out["refusals"] = refusalsJson(*r.refusals);
    if (r.repeats)
        out["repeats"] = repeatsJson(*r.repeats);
    if (r.lpbs) {
        out["lpbs"] = lpbsJson(*r.lpbs);
        json categorical = json::array();
        for (const CategoricalBias &b : r.lpbs->categorical)
            categorical.push_back({{"attribute", b.attribute}, {"groups", b.groups},
                                   {"variance", "population"}, {"value", mean(b.variance)}});
        out["categorical_bias"] = {{"logprob", categorical}};
    }
    if (!r.labelDistances.empty()) {
        json distances = json::array();
        const LabelDistance *largest = nullptr;
        for (const LabelDistance &d : r.labelDistances) {
            distances.push_back({{"attribute", d.attribute}, {"a", d.a}, {"b", d.b},
                                 {"total_variation", opt(d.tvd)}});
            if (d.tvd && (!largest || *d.tvd > *largest->tvd))
                largest = &d;
        }
        json &cb = out["categorical_bias"];
        cb["label_distance"] = distances;
        cb["largest_label_distance"] =
            largest ? json{{"attribute", largest->attribute}, {"a", largest->a}, {"b", largest->b},
                           {"total_variation", *largest->tvd}}
                    : json(nullptr);
    }
    if (r.replySimilarity) {
        const ReplyEvidence &e = *r.replySimilarity;
        json pairs = json::array();
        for (const ReplyPairSimilarity &p : e.pairs) {
            json least = json::array();
            for (const auto &[family, rouge] : p.leastSimilar)
                least.push_back({{"family", family}, {"rouge_l", rouge}});
            pairs.push_back({{"attribute", p.attribute}, {"a", p.a}, {"b", p.b},
                             {"rouge_l", mean(p.rougeL)}, {"bleu", mean(p.bleu)},
                             {"exact_match", proportion(p.exactMatch)},
                             {"length_difference_words", mean(p.lengthDifference)},
                             {"least_similar", least}});
        }
        out["reply_similarity"] = {{"column", e.column},
                                   {"variants_with_reply", e.variantsWithReply},
                                   {"masked_words", e.maskedWords}, {"pairs", pairs}};
    }
    if (r.scoreParity) {
        const ScoreParityEvidence &e = *r.scoreParity;
        json pairs = json::array();
        for (const ScoreParityPair &p : e.pairs)
            pairs.push_back({{"attribute", p.attribute}, {"a", p.a}, {"b", p.b},
                             {"scored_a", p.na}, {"scored_b", p.nb},
                             {"wasserstein1", opt(p.wasserstein1)},
                             {"above_threshold_a", proportion(p.aAbove)},
                             {"above_threshold_b", proportion(p.bAbove)},
                             {"weak_gap", opt(p.weakGap)}, {"weak_gap_ci", interval(p.weakGapCi)}});
        out["score_parity"] = {{"column", e.column}, {"threshold", opt(e.threshold)},
                               {"strict", "Wasserstein-1 between the groups' scores"},
                               {"weak", "P_a(score > threshold) - P_b(score > threshold)"},
                               {"pairs", pairs}};
    }
    if (r.embeddingSimilarity) {
        const EmbeddingEvidence &e = *r.embeddingSimilarity;
        json pairs = json::array();
        for (const EmbeddingPairSimilarity &p : e.pairs) {
            json least = json::array();
            for (const auto &[family, cosine] : p.leastSimilar)
                least.push_back({{"family", family}, {"cosine", cosine}});
            pairs.push_back({{"attribute", p.attribute}, {"a", p.a}, {"b", p.b},
                             {"cosine", mean(p.cosine)}, {"zero_vector_pairs", p.undefined},
                             {"least_similar", least}});
        }
        out["embedding_similarity"] = {{"column", e.column},
                                       {"source", e.source.empty() ? json(nullptr)
                                                                   : json(e.source)},
                                       {"variants_with_embedding", e.variantsWithEmbedding},
                                       {"dimension", e.dimension}, {"pairs", pairs}};
    }
    out["versions"] = {{"contract", r.contractVersion.empty() ? json(nullptr)
                                                              : json(r.contractVersion)},
                       {"table_sha256", r.tableSha256}, {"spec", r.specName}};
    return out;
}

} // namespace cp
