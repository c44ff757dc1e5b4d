// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "csvexport.h"

#include "htmlreport.h"
#include "reportcharts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace cp {

namespace {

/// Builds one CSV table row by row.
class CsvWriter
{
public:
    explicit CsvWriter(const PrivacyFloor &floor) : m_floor(floor) {}

    CsvWriter &text(std::string_view v)
    {
        std::string s(v);
        const bool numeric = !s.empty() && std::isfinite(std::strtod(s.c_str(), nullptr))
                             && s.find_first_not_of("0123456789+-.eE") == std::string::npos;
        // A spreadsheet reads a cell starting with = + - @ as a formula, and so after a TAB or
        // CR (OWASP's list): such text gets a leading apostrophe. Numbers stay numbers.
        const bool formula = !s.empty()
                             && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@'
                                 || s[0] == '\t' || s[0] == '\r');
        if (formula && !numeric)
            s.insert(0, 1, '\'');
        return raw(s);
    }
    CsvWriter &count(std::int64_t n) { return raw(m_floor.count(n)); }
    CsvWriter &number(const std::optional<double> &v, bool withheld = false)
    {
        if (!v)
            return raw("undefined");
        if (withheld)
            return raw("suppressed");
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.10g", *v);
        return raw(buf);
    }
    /// value, k, n, ci_low, ci_high
    CsvWriter &proportion(const Proportion &p)
    {
        const bool hidden = m_floor.hides(p);
        number(p.value(), hidden);
        count(p.k);
        count(p.n);
        const auto ci = p.ci();
        number(ci ? std::optional(ci->low) : std::nullopt, hidden);
        return number(ci ? std::optional(ci->high) : std::nullopt, hidden);
    }
    /// value, n, ci_low, ci_high of a mean over n families or variants, withheld with its n.
    CsvWriter &mean(const stats::MeanEstimate &m)
    {
        const bool hidden = m_floor.hides(m);
        number(m.value(), hidden);
        count(m.n);
        const auto ci = m.ci();
        number(ci ? std::optional(ci->low) : std::nullopt, hidden);
        return number(ci ? std::optional(ci->high) : std::nullopt, hidden);
    }
    CsvWriter &header(std::initializer_list<std::string> names)
    {
        for (const std::string &n : names)
            raw(n);
        return end();
    }
    CsvWriter &end()
    {
        m_out += '\n';
        m_first = true;
        return *this;
    }
    std::string take() { return std::move(m_out); }

private:
    CsvWriter &raw(std::string_view v)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
            m_out += v;
            return *this;
        }
        m_out += '"';
        for (char c : v) {
            if (c == '"')
                m_out += '"';
            m_out += c;
        }
        m_out += '"';
        return *this;
    }

    const PrivacyFloor &m_floor;
    std::string m_out;
    bool m_first = true;
};

std::vector<std::string> proportionColumns(const std::string &m)
{
    return {m, m + "_k", m + "_n", m + "_ci_low", m + "_ci_high"};
}

std::vector<std::string> meanColumns(const std::string &m)
{
    return {m, m + "_n", m + "_ci_low", m + "_ci_high"};
}

/// Column names: `fixed`, then each group of `more` in turn.
void headerOf(CsvWriter &w, std::vector<std::string> fixed,
              std::initializer_list<std::vector<std::string>> more)
{
    for (const std::vector<std::string> &names : more)
        fixed.insert(fixed.end(), names.begin(), names.end());
    for (const std::string &c : fixed)
        w.text(c);
    w.end();
}

void headerWith(CsvWriter &w, std::vector<std::string> fixed,
                const std::vector<std::string> &rates, std::vector<std::string> tail = {})
{
    for (const std::string &r : rates)
        for (const std::string &c : proportionColumns(r))
            fixed.push_back(c);
    for (std::string &t : tail)
        fixed.push_back(std::move(t));
    for (const std::string &c : fixed)
        w.text(c);
    w.end();
}

std::string slicesCsv(const Report &report)
{
    const AuditResult &r = report.result;
    CsvWriter w(report.floor);
    std::vector<std::string> metrics;
    for (int m = 0; m < MetricCount; ++m)
        metrics.push_back(metricKey(Metric(m)));
    headerWith(w, {"attribute", "group", "reference", "below_min_support", "n", "positives",
                   "negatives", "favourable"},
               metrics, {"mean_score"});
    for (const AttributeSlices &a : r.slices)
        for (const SliceRates &g : a.groups) {
            const bool low = g.reportOnly();
            w.text(a.attribute).text(g.group)
                .text(a.reference && *a.reference == g.group ? "yes" : "no")
                .text(low ? "yes" : "no").count(g.n).count(g.positives).count(g.negatives)
                .count(g.favourable);
            for (int m = 0; m < MetricCount; ++m)
                w.proportion(g.rates[std::size_t(m)]);
            w.number(g.meanScore, report.floor.hides(g.n)).end();
        }
    return w.take();
}

std::string gapsCsv(const Report &report)
{
    const AuditResult &r = report.result;
    CsvWriter w(report.floor);
    w.header({"attribute", "metric", "difference", "ratio", "ci_low", "ci_high", "max_group",
              "min_group", "groups_compared"});
    for (const AttributeGaps &a : r.gaps)
        for (const Gap &g : a.gaps) {
            const bool hidden = gapWithheld(report.floor, r, a.attribute, g);
            w.text(a.attribute).text(metricKey(g.metric)).number(g.difference, hidden)
                .number(g.ratio, hidden)
                .number(g.ci ? std::optional(g.ci->low) : std::nullopt, hidden)
                .number(g.ci ? std::optional(g.ci->high) : std::nullopt, hidden)
                .text(hidden ? "suppressed" : g.maxGroup).text(hidden ? "suppressed" : g.minGroup)
                .text(std::to_string(g.groupsCompared)).end();
        }
    return w.take();
}

std::string referenceGapsCsv(const Report &report)
{
    const AuditResult &r = report.result;
    CsvWriter w(report.floor);
    w.header({"attribute", "reference", "group", "spd", "di", "eod", "aod", "fnr_difference"});
    for (const AttributeReferenceGaps &a : r.referenceGaps)
        for (const ReferenceGap &g : a.groups) {
            auto hidden = [&](std::initializer_list<Metric> ms) {
                return referenceGapWithheld(report.floor, r, a.attribute, a.reference, g.group, ms);
            };
            const bool sr = hidden({Metric::SelectionRate}), tpr = hidden({Metric::Tpr});
            w.text(a.attribute).text(a.reference).text(g.group).number(g.spd, sr).number(g.di, sr)
                .number(g.eod, tpr).number(g.aod, hidden({Metric::Tpr, Metric::Fpr}))
                .number(g.fnrDifference, tpr).end();
        }
    return w.take();
}

std::string pairTestsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerWith(w, {"attribute", "group_a", "group_b", "pairs", "a_only", "b_only", "mcnemar_p",
                   "mean_score_shift", "mean_abs_score_delta"},
               {"discordant_rate"});
    for (const PairTest &t : report.result.pairTests) {
        const bool pHidden = report.floor.hides(t.aOnly) || report.floor.hides(t.bOnly);
        const bool meanHidden = report.floor.hides(t.pairs);
        w.text(t.attribute).text(t.a).text(t.b).count(t.pairs).count(t.aOnly).count(t.bOnly)
            .number(t.mcnemarP, pHidden).number(t.meanShift, meanHidden)
            .number(t.meanAbsDelta, meanHidden).proportion(t.discordant).end();
    }
    return w.take();
}

std::string intersectionsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerWith(w, {"grid", "dimensions", "population", "min_support", "cell", "n", "positives",
                   "negatives", "status"},
               {"selection_rate", "tpr", "fpr", "precision"});
    for (std::size_t i = 0; i < report.result.intersections.size(); ++i) {
        const Intersection &x = report.result.intersections[i];
        std::string dims;
        for (const std::string &d : x.dimensions)
            dims += (dims.empty() ? "" : "/") + d;
        for (const IntersectionCell &c : x.cells) {
            std::string key;
            for (const std::string &k : c.key)
                key += (key.empty() ? "" : "/") + k;
            w.text(std::to_string(i + 1)).text(dims).text(populationKey(x.population))
                .text(std::to_string(x.minSupport)).text(key).count(c.n).count(c.positives)
                .count(c.negatives)
                .text(c.status == CellStatus::Eligible ? "eligible" : "report_only")
                .proportion(c.rate(Metric::SelectionRate)).proportion(c.rate(Metric::Tpr))
                .proportion(c.rate(Metric::Fpr)).proportion(c.rate(Metric::Precision)).end();
        }
    }
    return w.take();
}

std::string calibrationCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerWith(w, {"attribute", "group", "band", "n", "status"}, {"observed"}, {"mean_score"});
    for (const CalibrationCell &c : report.result.calibration)
        w.text(c.attribute).text(c.group).text(c.band).count(c.n)
            .text(c.eligible ? "eligible" : "insufficient").proportion(c.observed)
            .number(c.meanScore, report.floor.hides(c.n)).end();
    return w.take();
}

std::string checksCsv(const Report &report)
{
    const AuditResult &r = report.result;
    CsvWriter w(report.floor);
    w.header({"name", "attribute", "value", "limit", "limit_kind", "status", "detail"});
    for (const Check &c : r.checks) {
        w.text(c.name).text(c.attribute);
        if (checkValueIsCount(c) && c.value)
            w.count(std::int64_t(*c.value));
        else
            w.number(c.value, checkValueWithheld(report.floor, r, c));
        std::string detail = c.detail;
        if (checkValueWithheld(report.floor, r, c))
            detail = c.status == CheckStatus::Insufficient ? "slices lack minimum support" : "";
        w.number(c.limit).text(c.upperLimit ? "max" : "min").text(checkStatusKey(c.status))
            .text(report.floor.mask(detail)).end();
    }
    // Required attestations not done: the decision lists them as missing.
    for (const std::string &m : r.missing)
        w.text("attestation").text(m).text("").text("").text("").text("missing")
            .text("required attestation not recorded").end();
    return w.take();
}

std::string comparisonCsv(const RunComparison &c, const PrivacyFloor &floor)
{
    CsvWriter w(floor);
    w.header({"kind", "attribute", "group", "metric", "baseline", "candidate", "delta",
              "beyond_threshold", "change", "threshold"});
    auto rows = [&](const char *kind, const std::vector<MetricDelta> &ds) {
        for (const MetricDelta &d : ds) {
            const bool beyond = d.beyondThreshold && !d.withheld;
            w.text(kind).text(d.attribute).text(d.group).text(metricKey(d.metric))
                .number(d.baseline, d.withheld).number(d.candidate, d.withheld)
                .number(d.delta, d.withheld).text(beyond ? "yes" : "no")
                .text(beyond ? deltaChangeKey(d.change) : "none").number(c.threshold).end();
        }
    };
    rows("gap", c.gaps);
    rows("rate", c.rates);
    return w.take();
}

// ---- LLM outputs: one table per kind of evidence the audit has ------------------------------

std::string refusalRatesCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group", "below_min_support"}, {proportionColumns("refusal_rate")});
    for (const AttributeRefusals &a : report.result.refusals->attributes)
        for (const GroupRefusals &g : a.groups)
            w.text(a.attribute).text(g.group)
                .text(g.status == CellStatus::ReportOnly ? "yes" : "no").proportion(g.refused)
                .end();
    return w.take();
}

std::string refusalGapsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    w.header({"attribute", "difference", "answer_ratio", "ci_low", "ci_high", "max_group",
              "min_group", "groups_compared"});
    for (const AttributeRefusals &a : report.result.refusals->attributes) {
        const bool hidden = refusalGapWithheld(report.floor, a);
        const auto compared = std::count_if(a.groups.begin(), a.groups.end(),
                                            [](const GroupRefusals &g) {
                                                return g.refused.defined();
                                            });
        const bool shown = a.gap && !hidden;
        w.text(a.attribute).number(a.gap, hidden).number(a.answerRatio, hidden)
            .number(a.gapCi ? std::optional(a.gapCi->low) : std::nullopt, hidden)
            .number(a.gapCi ? std::optional(a.gapCi->high) : std::nullopt, hidden)
            .text(shown ? a.maxGroup : hidden ? "suppressed" : "undefined")
            .text(shown ? a.minGroup : hidden ? "suppressed" : "undefined")
            .text(std::to_string(compared)).end();
    }
    return w.take();
}

std::string refusalPairTestsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    w.header({"attribute", "group_a", "group_b", "pairs", "a_only", "b_only", "mcnemar_p"});
    for (const AttributeRefusals &a : report.result.refusals->attributes)
        for (const RefusalPairTest &t : a.pairs)
            w.text(a.attribute).text(t.a).text(t.b).count(t.pairs).count(t.aOnly)
                .count(t.bOnly)
                .number(t.mcnemarP, report.floor.hides(t.aOnly) || report.floor.hides(t.bOnly))
                .end();
    return w.take();
}

std::string repeatsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group"},
             {proportionColumns("self_disagreement"), {"ties"}, meanColumns("favourable_share")});
    for (const AttributeRepeats &a : report.result.repeats->attributes)
        for (const GroupRepeats &g : a.groups)
            w.text(a.attribute).text(g.group).proportion(g.noisy).count(g.ties)
                .mean(g.favourableShare).end();
    return w.take();
}

std::string repeatPairTestsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group_a", "group_b"}, {meanColumns("share_difference")});
    for (const AttributeRepeats &a : report.result.repeats->attributes)
        for (const RepeatPairTest &p : a.pairs)
            w.text(a.attribute).text(p.a).text(p.b).mean(p.shareDifference).end();
    return w.take();
}

std::string lpbsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group_a", "group_b", "families"},
             {meanColumns("lpbs"), meanColumns("probability_shift"),
              meanColumns("probability_difference"), meanColumns("prior_normalised"),
              {"favoured", "check_value"}});
    for (const LpbsPair &p : report.result.lpbs->pairs) {
        const bool hidden = report.floor.hides(p.delta);
        w.text(p.attribute).text(p.a).text(p.b).count(p.delta.n).mean(p.delta)
            .mean(p.probabilityShift).mean(p.probabilityDifference);
        if (p.priorNormalised)
            w.mean(*p.priorNormalised);
        else   // no neutral variant in the spec: not computed at all
            w.text("undefined").text("undefined").text("undefined").text("undefined");
        // The favoured group says the sign of a withheld mean.
        w.text(!p.delta.defined()   ? "undefined"
               : hidden             ? "suppressed"
               : p.favoured.empty() ? "neither"
                                    : p.favoured)
            .number(p.checkValue, hidden).end();
    }
    return w.take();
}

std::string lpbsAssociationsCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group", "neutral"}, {meanColumns("association")});
    for (const GroupAssociation &a : report.result.lpbs->associations)
        w.text(a.attribute).text(a.group).text(a.neutral).mean(a.association).end();
    return w.take();
}

std::string categoricalBiasCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "groups"}, {meanColumns("categorical_bias")});
    for (const CategoricalBias &b : report.result.lpbs->categorical)
        w.text(b.attribute).text(std::to_string(b.groups)).mean(b.variance).end();
    return w.take();
}

std::string replySimilarityCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group_a", "group_b", "families"},
             {meanColumns("rouge_l"), meanColumns("bleu"), proportionColumns("exact_match"),
              meanColumns("length_difference")});
    for (const ReplyPairSimilarity &p : report.result.replySimilarity->pairs)
        w.text(p.attribute).text(p.a).text(p.b).count(p.rougeL.n).mean(p.rougeL).mean(p.bleu)
            .proportion(p.exactMatch).mean(p.lengthDifference).end();
    return w.take();
}

std::string embeddingSimilarityCsv(const Report &report)
{
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group_a", "group_b", "families", "zero_vector_pairs"},
             {meanColumns("cosine")});
    for (const EmbeddingPairSimilarity &p : report.result.embeddingSimilarity->pairs)
        w.text(p.attribute).text(p.a).text(p.b).count(p.cosine.n).count(p.undefined)
            .mean(p.cosine).end();
    return w.take();
}

std::string scoreParityCsv(const Report &report)
{
    const ScoreParityEvidence &e = *report.result.scoreParity;
    CsvWriter w(report.floor);
    headerOf(w, {"attribute", "group_a", "group_b", "scored_a", "scored_b", "wasserstein1",
                 "threshold"},
             {proportionColumns("above_threshold_a"), proportionColumns("above_threshold_b"),
              {"weak_gap", "weak_gap_ci_low", "weak_gap_ci_high"}});
    for (const ScoreParityPair &p : e.pairs) {
        const bool hidden = report.floor.hides(p.na) || report.floor.hides(p.nb);
        // The weak gap is a difference of the two proportions: withheld with either.
        const bool gapHidden = hidden || report.floor.hides(p.aAbove)
                               || report.floor.hides(p.bAbove);
        w.text(p.attribute).text(p.a).text(p.b).count(p.na).count(p.nb)
            .number(p.wasserstein1, hidden).number(e.threshold).proportion(p.aAbove)
            .proportion(p.bAbove).number(p.weakGap, gapHidden)
            .number(p.weakGapCi ? std::optional(p.weakGapCi->low) : std::nullopt, gapHidden)
            .number(p.weakGapCi ? std::optional(p.weakGapCi->high) : std::nullopt, gapHidden)
            .end();
    }
    return w.take();
}

std::string llmComparisonCsv(const RunComparison &c, const PrivacyFloor &floor)
{
    CsvWriter w(floor);
    w.header({"metric", "attribute", "group", "versus", "baseline", "candidate", "delta",
              "beyond_threshold", "change", "threshold"});
    for (const LlmDelta &d : c.llm) {
        const bool beyond = d.beyondThreshold && !d.withheld;
        w.text(llmMetricKey(d.metric)).text(d.attribute).text(d.group).text(d.versus)
            .number(d.baseline, d.withheld).number(d.candidate, d.withheld)
            .number(d.delta, d.withheld).text(beyond ? "yes" : "no")
            .text(beyond ? deltaChangeKey(d.change) : "none").number(c.threshold).end();
    }
    return w.take();
}

} // namespace

std::vector<CsvTable> csvTables(const Report &report)
{
    std::vector<CsvTable> out = {
        {"slices.csv", slicesCsv(report)},
        {"gaps.csv", gapsCsv(report)},
        {"reference_gaps.csv", referenceGapsCsv(report)},
        {"pair_tests.csv", pairTestsCsv(report)},
        {"intersections.csv", intersectionsCsv(report)},
        {"calibration.csv", calibrationCsv(report)},
        {"checks.csv", checksCsv(report)},
    };
    const AuditResult &r = report.result;
    if (r.refusals) {
        out.push_back({"refusal_rates.csv", refusalRatesCsv(report)});
        out.push_back({"refusal_gaps.csv", refusalGapsCsv(report)});
        out.push_back({"refusal_pair_tests.csv", refusalPairTestsCsv(report)});
    }
    if (r.repeats) {
        out.push_back({"repeats.csv", repeatsCsv(report)});
        out.push_back({"repeat_pair_tests.csv", repeatPairTestsCsv(report)});
    }
    if (r.lpbs) {
        out.push_back({"lpbs.csv", lpbsCsv(report)});
        if (!r.lpbs->associations.empty())
            out.push_back({"lpbs_associations.csv", lpbsAssociationsCsv(report)});
        out.push_back({"categorical_bias.csv", categoricalBiasCsv(report)});
    }
    if (r.replySimilarity)
        out.push_back({"reply_similarity.csv", replySimilarityCsv(report)});
    if (r.scoreParity)
        out.push_back({"score_parity.csv", scoreParityCsv(report)});
    if (r.embeddingSimilarity)
        out.push_back({"embedding_similarity.csv", embeddingSimilarityCsv(report)});
    if (report.comparison) {
        out.push_back({"comparison.csv", comparisonCsv(*report.comparison, report.floor)});
        if (!report.comparison->llm.empty())
            out.push_back({"llm_comparison.csv",
                           llmComparisonCsv(*report.comparison, report.floor)});
    }
    return out;
}

Result<std::vector<std::string>> writeCsvTables(const Report &report, const std::string &folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder, ec))
        return Error{ErrorCode::Io, folder, 0, {}, "cannot create the CSV folder"};
    std::vector<std::string> written;
    for (const CsvTable &t : csvTables(report)) {
        const std::string path = (fs::path(folder) / t.name).string();
        if (auto ok = writeReportFile(path, t.content); !ok)
            return ok.error();
        written.push_back(path);
    }
    return written;
}

} // namespace cp
