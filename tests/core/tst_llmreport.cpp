// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// An LLM's evidence in the report's exports (core/report): the CSV tables of refusals,
// repeats, LPBS, categorical bias and reply similarity, and the report section, under the
// privacy floor; the run comparison's LLM deltas and checks, in the comparison, its CSV
// and the report document. Expected values are worked by hand in the comments
// (tests/support/llmtables.h describes the tables).

#include "../support/llmtables.h"

#include <core/audit/auditengine.h>
#include <core/audit/stats.h>
#include <core/report/csvexport.h>
#include <core/report/htmlreport.h>
#include <core/report/reportformat.h>
#include <core/report/runcomparison.h>
#include <core/table/tablereader.h>

#include "../support/csvaudit.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <cstdio>

using namespace cp;
using nlohmann::json;

namespace {

AuditResult audit(const std::string &csv, const json &specJson)
{
    return cptest::auditCsv(csv, specJson);
}

AuditSpec specOf(const json &j)
{
    auto spec = parseAuditSpec(j, "spec");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    return *spec;
}

/// The report of one audit, without a project: no pairs, the given privacy floor.
Report reportOf(const AuditResult &r, const json &spec, std::optional<std::int64_t> k = 0)
{
    ReportInput in;
    in.result = &r;
    in.spec = specOf(spec);
    in.tested.sourceKind = "table";
    in.tested.sourceLabel = "candidate";
    in.pairsError = "no pairs index in this test";
    ReportOptions options;
    options.privacyK = k;
    options.generatedAt = "2026-12-03T12:00:00Z";
    return buildReport(in, options);
}

QString csvOf(const Report &report, const std::string &name)
{
    for (const CsvTable &t : csvTables(report))
        if (t.name == name)
            return QString::fromStdString(t.content);
    return {};
}

QStringList tableNames(const Report &report)
{
    QStringList names;
    for (const CsvTable &t : csvTables(report))
        names << QString::fromStdString(t.name);
    return names;
}

/// The cells of the CSV row whose first cells are `key` (no quoted cells in these rows).
QStringList csvRow(const QString &csv, const QStringList &key)
{
    for (const QString &line : csv.split('\n')) {
        const QStringList cells = line.split(',');
        if (cells.mid(0, key.size()) == key)
            return cells;
    }
    return {};
}

QString cell(const QString &csv, const QStringList &key, const QString &name)
{
    const int at = csv.section('\n', 0, 0).split(',').indexOf(name);
    return at < 0 ? QStringLiteral("no column %1").arg(name) : csvRow(csv, key).value(at);
}

/// A number as the CSV writes it.
QString g10(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return QString::fromLatin1(buf);
}

const LlmDelta *findDelta(const RunComparison &c, LlmMetric m, const std::string &attribute,
                          const std::string &group = {}, const std::string &versus = {})
{
    for (const LlmDelta &d : c.llm)
        if (d.metric == m && d.attribute == attribute && d.group == group && d.versus == versus)
            return &d;
    return nullptr;
}

/// The baseline of the comparisons: female refuses in 2 of 10 families, ln P −0.5 vs −1,
/// male's reply differs in 2 families. The groups include nonbinary, which has no variant.
const json ThreeGroups = test::llmJudgeSpec({"female", "male", "nonbinary"});

} // namespace

class tst_LlmReport : public QObject
{
    Q_OBJECT

private slots:
    void reportSectionUnderTheFloor()
    {
        // The HTML's (and so the PDF's) LLM outputs section withholds what the CSV does: at
        // k = 10 the means over 8 families, the refusal gap of 2 refusals and its McNemar p.
        const AuditResult r = audit(test::llmJudgeTable(2, "-1", 2), ThreeGroups);
        auto section = [&](std::optional<std::int64_t> k) {
            const QString html = QString::fromStdString(renderHtml(reportOf(r, ThreeGroups, k)));
            const int at = html.indexOf("<h2>LLM outputs</h2>");
            return at < 0 ? QString() : html.mid(at, html.indexOf("<h2", at + 1) - at);
        };
        const QString open = section(0);
        QVERIFY(!open.isEmpty());
        for (const char *shown : {"0.5000 [0.5000, 0.5000]", "0.0625", "20.0 % (female − male)",
                                  "0.938", "0.5000"})
            QVERIFY2(open.contains(QString::fromUtf8(shown)), shown);
        const QString floored = section(10);
        QVERIFY(floored.contains("withheld"));
        for (const char *hidden : {"0.5000", "0.0625", "20.0 % (female", "0.938", "0.2387"})
            QVERIFY2(!floored.contains(QString::fromUtf8(hidden)), hidden);
    }

    void llmChecksAreComparedByName()
    {
        // The refusal-gap and LPBS checks fail in the baseline (0.2 > 0.15, 0.5 > 0.3) and
        // pass in the candidate (0.1, 0.1): CheckChange matches them by name and attribute.
        const json spec = test::llmJudgeSpec();
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), spec);
        const AuditResult cand = audit(test::llmJudgeTable(1, "-0.6", 2), spec);
        const RunComparison c = compareResults(base, cand, specOf(spec));
        auto change = [&](const std::string &name) -> const CheckChange * {
            for (const CheckChange &k : c.checks)
                if (k.name == name && k.attribute == "gender")
                    return &k;
            return nullptr;
        };
        const CheckChange *gap = change("refusal_gap");
        QVERIFY(gap);
        QCOMPARE(*gap->baseline, CheckStatus::Failed);
        QCOMPARE(*gap->candidate, CheckStatus::Passed);
        QCOMPARE(*gap->baselineValue, 0.2);
        QCOMPARE(*gap->candidateValue, 0.1);
        const CheckChange *lpbs = change("lpbs");
        QVERIFY(lpbs);
        QCOMPARE(*lpbs->baseline, CheckStatus::Failed);
        QCOMPARE(*lpbs->candidate, CheckStatus::Passed);
        QCOMPARE(*lpbs->baselineValue, 0.5);
        // Repaired on the very probe set that exposed them.
        QVERIFY(c.repairedOnRegressionSet);
        QCOMPARE(c.repairedChecks, (std::vector<std::string>{"refusal-rate gap (gender)",
                                                             "log-probability bias (gender)"}));
    }

    void comparedLlmCheckValuesAreNumbers()
    {
        // The LPBS check's values in the comparison's checks table are plain numbers, as in
        // the checks section, not percentages.
        const json spec = test::llmJudgeSpec();
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), spec);
        const AuditResult cand = audit(test::llmJudgeTable(1, "-0.6", 2), spec);
        Report report = reportOf(cand, spec);
        report.comparison = compareResults(base, cand, specOf(spec));
        const QString html = QString::fromStdString(renderHtml(report));
        const int at = html.indexOf("<h2>Baseline and candidate</h2>");
        QVERIFY(at >= 0);
        const QString checks = html.mid(at, html.indexOf("<h2", at + 1) - at);
        QVERIFY(checks.contains("0.500 · failed"));
        QVERIFY(checks.contains("0.100 · passed"));
        QVERIFY(!checks.contains("50.0 % · failed"));
    }

    void tablesOnlyWithTheirEvidence()
    {
        json plain = test::llmJudgeSpec();
        plain.erase("llm");
        plain.erase("contract");
        const AuditResult none = audit(test::llmJudgeTable(0, "-1", 0), plain);
        QCOMPARE(tableNames(reportOf(none, plain)),
                 (QStringList{"slices.csv", "gaps.csv", "reference_gaps.csv", "pair_tests.csv",
                              "intersections.csv", "calibration.csv", "checks.csv"}));
        const AuditResult all = audit(test::llmJudgeTable(2, "-1", 2), ThreeGroups);
        QCOMPARE(tableNames(reportOf(all, ThreeGroups)),
                 (QStringList{"slices.csv", "gaps.csv", "reference_gaps.csv", "pair_tests.csv",
                              "intersections.csv", "calibration.csv", "checks.csv",
                              "refusal_rates.csv", "refusal_gaps.csv", "refusal_pair_tests.csv",
                              "lpbs.csv", "categorical_bias.csv", "reply_similarity.csv"}));
    }

    void refusalTables()
    {
        const AuditResult r = audit(test::llmJudgeTable(2, "-1", 2), ThreeGroups);
        const Report report = reportOf(r, ThreeGroups);
        const QString rates = csvOf(report, "refusal_rates.csv");
        QCOMPARE(rates.section('\n', 0, 0),
                 QString("attribute,group,below_min_support,refusal_rate,refusal_rate_k,"
                         "refusal_rate_n,refusal_rate_ci_low,refusal_rate_ci_high"));
        // Female refused 2 of 10 variants (Wilson), male 0 of 10; nonbinary has none: its
        // rate is undefined, never 0, and below min_refusal_support (5).
        const stats::Interval wf = stats::wilson(2, 10), wm = stats::wilson(0, 10);
        QCOMPARE(csvRow(rates, {"gender", "female"}),
                 (QStringList{"gender", "female", "no", "0.2", "2", "10", g10(wf.low),
                              g10(wf.high)}));
        QCOMPARE(csvRow(rates, {"gender", "male"}),
                 (QStringList{"gender", "male", "no", "0", "0", "10", "0", g10(wm.high)}));
        QCOMPARE(csvRow(rates, {"gender", "nonbinary"}),
                 (QStringList{"gender", "nonbinary", "yes", "undefined", "0", "0", "undefined",
                              "undefined"}));

        // Gap 0.2 − 0 with Newcombe's interval; answer rates 0.8 and 1; two groups compared.
        const QString gaps = csvOf(report, "refusal_gaps.csv");
        QCOMPARE(gaps.section('\n', 0, 0),
                 QString("attribute,difference,answer_ratio,ci_low,ci_high,max_group,min_group,"
                         "groups_compared"));
        const stats::Interval nc = stats::newcombe(0.2, wf, 0.0, wm);
        QCOMPARE(csvRow(gaps, {"gender"}),
                 (QStringList{"gender", "0.2", "0.8", g10(nc.low), g10(nc.high), "female", "male",
                              "2"}));

        // Female refused and male answered in 2 families, never the reverse: exact McNemar
        // 2 · 0.5² = 0.5. No matched pair with nonbinary: p = 1 on no evidence.
        const QString tests = csvOf(report, "refusal_pair_tests.csv");
        QCOMPARE(tests.section('\n', 0, 0),
                 QString("attribute,group_a,group_b,pairs,a_only,b_only,mcnemar_p"));
        QCOMPARE(csvRow(tests, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "10", "2", "0", "0.5"}));
        QCOMPARE(csvRow(tests, {"gender", "female", "nonbinary"}),
                 (QStringList{"gender", "female", "nonbinary", "0", "0", "0", "1"}));
    }

    void logprobAndReplyTables()
    {
        const AuditResult r = audit(test::llmJudgeTable(2, "-1", 2), ThreeGroups);
        const Report report = reportOf(r, ThreeGroups);
        // 8 families where both answered, each Δ = −0.5 − (−1) = 0.5: LPBS 0.5 with a zero-width
        // interval; |P_a − P_b| = e^−0.5 − e^−1 every time; female favoured; on the log scale
        // the check reads |mean Δ| = 0.5. No neutral variant: no prior-normalised figure.
        const QString lpbs = csvOf(report, "lpbs.csv");
        QCOMPARE(lpbs.section('\n', 0, 0),
                 QString("attribute,group_a,group_b,families,lpbs,lpbs_n,lpbs_ci_low,lpbs_ci_high,"
                         "probability_shift,probability_shift_n,probability_shift_ci_low,"
                         "probability_shift_ci_high,probability_difference,"
                         "probability_difference_n,probability_difference_ci_low,"
                         "probability_difference_ci_high,prior_normalised,prior_normalised_n,"
                         "prior_normalised_ci_low,prior_normalised_ci_high,favoured,"
                         "check_value"));
        const QString shift = g10(std::exp(-0.5) - std::exp(-1.0));
        QCOMPARE(csvRow(lpbs, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "8", "0.5", "8", "0.5", "0.5", shift,
                              "8", shift, shift, shift, "8", shift, shift, "undefined",
                              "undefined", "undefined", "undefined", "female", "0.5"}));
        // No family has both female and nonbinary: every figure undefined, none 0.
        QCOMPARE(csvRow(lpbs, {"gender", "female", "nonbinary"}),
                 (QStringList{"gender", "female", "nonbinary", "0", "undefined", "0", "undefined",
                              "undefined", "undefined", "0", "undefined", "undefined",
                              "undefined", "0", "undefined", "undefined", "undefined",
                              "undefined", "undefined", "undefined", "undefined", "undefined"}));

        // Population variance of [−0.5, −1] = 0.0625 in each of the 8 families.
        const QString categorical = csvOf(report, "categorical_bias.csv");
        QCOMPARE(categorical,
                 QString("attribute,groups,categorical_bias,categorical_bias_n,"
                         "categorical_bias_ci_low,categorical_bias_ci_high\n"
                         "gender,3,0.0625,8,0.0625,0.0625\n"));

        // 8 reply pairs: 6 identical, 2 with ROUGE-L 0.75 → mean 0.9375; exact 6 of 8; the
        // same length everywhere.
        const QString replies = csvOf(report, "reply_similarity.csv");
        QCOMPARE(replies.section('\n', 0, 0),
                 QString("attribute,group_a,group_b,families,rouge_l,rouge_l_n,rouge_l_ci_low,"
                         "rouge_l_ci_high,bleu,bleu_n,bleu_ci_low,bleu_ci_high,exact_match,"
                         "exact_match_k,exact_match_n,exact_match_ci_low,exact_match_ci_high,"
                         "length_difference,length_difference_n,length_difference_ci_low,"
                         "length_difference_ci_high"));
        const ReplyPairSimilarity &p = r.replySimilarity->pairs.front();
        QCOMPARE(p.rougeL.mean, 0.9375);
        QVERIFY(p.bleu.mean < 1);
        const stats::Interval we = stats::wilson(6, 8);
        QCOMPARE(csvRow(replies, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "8", "0.9375", "8",
                              g10(p.rougeL.ci()->low), g10(p.rougeL.ci()->high),
                              g10(p.bleu.mean), "8", g10(p.bleu.ci()->low),
                              g10(p.bleu.ci()->high), "0.75", "6", "8", g10(we.low),
                              g10(we.high), "0", "8", "0", "0"}));
        QCOMPARE(cell(replies, {"gender", "male", "nonbinary"}, "rouge_l"), QString("undefined"));
        QCOMPARE(cell(replies, {"gender", "male", "nonbinary"}, "exact_match"),
                 QString("undefined"));
    }

    void lpbsAgainstANeutralVariant()
    {
        // Kurita et al. with ln P(he) = −0.5, ln P(she) = −1.5, ln P(neutral) = −1 in each of
        // 3 families: a(he) = 0.5, a(she) = −0.5, and the prior-normalised LPBS of (he, she)
        // is a(he) − a(she) = 1, as is its plain LPBS.
        std::string csv = "family,pronoun,logprob\n";
        for (int f = 0; f < 3; ++f)
            csv += std::to_string(f) + ",he,-0.5\n" + std::to_string(f) + ",she,-1.5\n"
                   + std::to_string(f) + ",neutral,-1\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "pronoun"},
                                           {"groups", {"he", "she", "neutral"}}}}},
                           {"prediction", {{"score", "logprob"}, {"threshold", -1.0}}},
                           {"llm", {{"logprob_column", "logprob"},
                                    {"neutral", {{"pronoun", "neutral"}}},
                                    {"lpbs_scale", "log"}}}};
        const Report report = reportOf(audit(csv, spec), spec);
        QVERIFY(tableNames(report).contains("lpbs_associations.csv"));
        QCOMPARE(csvOf(report, "lpbs_associations.csv"),
                 QString("attribute,group,neutral,association,association_n,association_ci_low,"
                         "association_ci_high\n"
                         "pronoun,he,neutral,0.5,3,0.5,0.5\n"
                         "pronoun,she,neutral,-0.5,3,-0.5,-0.5\n"));
        const QString lpbs = csvOf(report, "lpbs.csv");
        QCOMPARE(cell(lpbs, {"pronoun", "he", "she"}, "lpbs"), QString("1"));
        QCOMPARE(cell(lpbs, {"pronoun", "he", "she"}, "prior_normalised"), QString("1"));
        QCOMPARE(cell(lpbs, {"pronoun", "he", "she"}, "prior_normalised_n"), QString("3"));
        QCOMPARE(cell(lpbs, {"pronoun", "he", "she"}, "favoured"), QString("he"));
    }

    void repeatTables()
    {
        // 60 families × (a, b), 4 repeats: a favourable on every repeat; b on 4, 2 or 3 of 4
        // (share 1, 0.5, 0.75) by f % 3. b's repeats disagree in 40 variants, tie in 20; its
        // mean share is (1 + 0.5 + 0.75) / 3 = 0.75; p_a − p_b averages 0.25.
        std::string csv = "family,group,label,share,tie\n";
        for (int f = 0; f < 60; ++f)
            csv += std::to_string(f) + ",a,yes,1,false\n" + std::to_string(f) + ",b,"
                   + (f % 3 == 1 ? "no" : "yes") + ","
                   + (f % 3 == 0 ? "1" : f % 3 == 1 ? "0.5" : "0.75") + ","
                   + (f % 3 == 1 ? "true" : "false") + "\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "group"}}}},
                           {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                           {"llm", {{"repeat_share_column", "share"},
                                    {"repeat_tie_column", "tie"},
                                    {"repeats", 4}}}};
        const AuditResult r = audit(csv, spec);
        const Report report = reportOf(r, spec);
        QVERIFY(tableNames(report).contains("repeats.csv"));
        QVERIFY(!tableNames(report).contains("refusal_rates.csv"));
        const QString repeats = csvOf(report, "repeats.csv");
        QCOMPARE(repeats.section('\n', 0, 0),
                 QString("attribute,group,self_disagreement,self_disagreement_k,"
                         "self_disagreement_n,self_disagreement_ci_low,self_disagreement_ci_high,"
                         "ties,favourable_share,favourable_share_n,favourable_share_ci_low,"
                         "favourable_share_ci_high"));
        const stats::Interval wa = stats::wilson(0, 60), wb = stats::wilson(40, 60);
        QCOMPARE(csvRow(repeats, {"group", "a"}),
                 (QStringList{"group", "a", "0", "0", "60", "0", g10(wa.high), "0", "1", "60",
                              "1", "1"}));
        const GroupRepeats &b = r.repeats->attributes.front().groups[1];
        QVERIFY(std::abs(b.favourableShare.mean - 0.75) < 1e-12);
        QCOMPARE(csvRow(repeats, {"group", "b"}),
                 (QStringList{"group", "b", g10(40.0 / 60), "40", "60", g10(wb.low),
                              g10(wb.high), "20", g10(b.favourableShare.mean), "60",
                              g10(b.favourableShare.ci()->low),
                              g10(b.favourableShare.ci()->high)}));
        const QString pairs = csvOf(report, "repeat_pair_tests.csv");
        const stats::MeanEstimate &d = r.repeats->attributes.front().pairs.front().shareDifference;
        QVERIFY(std::abs(d.mean - 0.25) < 1e-12);
        QCOMPARE(pairs,
                 QString("attribute,group_a,group_b,share_difference,share_difference_n,"
                         "share_difference_ci_low,share_difference_ci_high\n"
                         "group,a,b,%1,60,%2,%3\n")
                     .arg(g10(d.mean), g10(d.ci()->low), g10(d.ci()->high)));
    }

    void scoreParityTable()
    {
        // A second scorer's parity, made by hand: female 12 scored, 6 above τ = 0.5; male 3
        // scored, 1 above; W1 0.25; weak gap 1/2 − 1/3 (Newcombe). Nonbinary has no score.
        ScoreParityEvidence e;
        e.column = "sentiment";
        e.threshold = 0.5;
        ScoreParityPair p;
        p.attribute = "gender";
        p.a = "female";
        p.b = "male";
        p.na = 12;
        p.nb = 3;
        p.wasserstein1 = 0.25;
        p.aAbove = {6, 12};
        p.bAbove = {1, 3};
        p.weakGap = 0.5 - 1.0 / 3;
        const stats::Interval wa = stats::wilson(6, 12), wb = stats::wilson(1, 3);
        p.weakGapCi = stats::newcombe(0.5, wa, 1.0 / 3, wb);
        ScoreParityPair none;
        none.attribute = "gender";
        none.a = "female";
        none.b = "nonbinary";
        none.na = 12;
        none.aAbove = {6, 12};
        e.pairs = {p, none};
        AuditResult r;
        r.scoreParity = e;

        const QString csv = csvOf(reportOf(r, ThreeGroups), "score_parity.csv");
        QCOMPARE(csv.section('\n', 0, 0),
                 QString("attribute,group_a,group_b,scored_a,scored_b,wasserstein1,threshold,"
                         "above_threshold_a,above_threshold_a_k,above_threshold_a_n,"
                         "above_threshold_a_ci_low,above_threshold_a_ci_high,above_threshold_b,"
                         "above_threshold_b_k,above_threshold_b_n,above_threshold_b_ci_low,"
                         "above_threshold_b_ci_high,weak_gap,weak_gap_ci_low,weak_gap_ci_high"));
        QCOMPARE(csvRow(csv, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "12", "3", "0.25", "0.5", "0.5", "6",
                              "12", g10(wa.low), g10(wa.high), g10(1.0 / 3), "1", "3",
                              g10(wb.low), g10(wb.high), g10(*p.weakGap),
                              g10(p.weakGapCi->low), g10(p.weakGapCi->high)}));
        QCOMPARE(csvRow(csv, {"gender", "female", "nonbinary"}).mid(3),
                 (QStringList{"12", "0", "undefined", "0.5", "0.5", "6", "12", g10(wa.low),
                              g10(wa.high), "undefined", "0", "0", "undefined", "undefined",
                              "undefined", "undefined", "undefined"}));
        // k = 5: male's 3 scores are below it, and so is everything computed from them.
        const QString five = csvOf(reportOf(r, ThreeGroups, 5), "score_parity.csv");
        QCOMPARE(csvRow(five, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "12", "<5", "suppressed", "0.5", "0.5",
                              "6", "12", g10(wa.low), g10(wa.high), "suppressed", "<5", "<5",
                              "suppressed", "suppressed", "suppressed", "suppressed",
                              "suppressed"}));
    }

    void privacyFloorInTheLlmTables()
    {
        const AuditResult r = audit(test::llmJudgeTable(2, "-1", 2), ThreeGroups);
        // k = 5: 2 refusals, 0 refusals and the 2 differing replies are below it.
        const Report five = reportOf(r, ThreeGroups, 5);
        const QString rates = csvOf(five, "refusal_rates.csv");
        QCOMPARE(csvRow(rates, {"gender", "female"}),
                 (QStringList{"gender", "female", "no", "suppressed", "<5", "10", "suppressed",
                              "suppressed"}));
        QCOMPARE(csvRow(rates, {"gender", "male"}).value(3), QString("suppressed"));
        QCOMPARE(csvRow(rates, {"gender", "nonbinary"}),
                 (QStringList{"gender", "nonbinary", "yes", "undefined", "<5", "<5", "undefined",
                              "undefined"}));
        // The gap is withheld with its groups: which one is most refused is the figure.
        QCOMPARE(csvRow(csvOf(five, "refusal_gaps.csv"), {"gender"}),
                 (QStringList{"gender", "suppressed", "suppressed", "suppressed", "suppressed",
                              "suppressed", "suppressed", "2"}));
        const QString tests = csvOf(five, "refusal_pair_tests.csv");
        QCOMPARE(csvRow(tests, {"gender", "female", "male"}),
                 (QStringList{"gender", "female", "male", "10", "<5", "<5", "suppressed"}));
        for (const char *name : {"refusal_rates.csv", "refusal_pair_tests.csv"})
            QVERIFY2(!csvOf(five, name).contains(",2,"), name);
        // Means over 8 families stand; exact match 6 of 8 leaves 2 out, so it is withheld.
        QCOMPARE(cell(csvOf(five, "lpbs.csv"), {"gender", "female", "male"}, "lpbs"),
                 QString("0.5"));
        const QString replies = csvOf(five, "reply_similarity.csv");
        QCOMPARE(cell(replies, {"gender", "female", "male"}, "rouge_l"), QString("0.9375"));
        QCOMPARE(cell(replies, {"gender", "female", "male"}, "exact_match"),
                 QString("suppressed"));
        QCOMPARE(cell(replies, {"gender", "female", "male"}, "exact_match_k"), QString("6"));

        // k = 10: a mean over 8 families is withheld, and so is the group it favours.
        const Report ten = reportOf(r, ThreeGroups, 10);
        const QString lpbs = csvOf(ten, "lpbs.csv");
        for (const char *column : {"lpbs", "lpbs_ci_low", "probability_shift", "favoured",
                                   "check_value"})
            QCOMPARE(cell(lpbs, {"gender", "female", "male"}, column), QString("suppressed"));
        QCOMPARE(cell(lpbs, {"gender", "female", "male"}, "families"), QString("<10"));
        QCOMPARE(cell(lpbs, {"gender", "female", "nonbinary"}, "lpbs"), QString("undefined"));
        QCOMPARE(csvRow(csvOf(ten, "categorical_bias.csv"), {"gender"}),
                 (QStringList{"gender", "3", "suppressed", "<10", "suppressed", "suppressed"}));
        QVERIFY(!lpbs.contains("0.5"));
    }

    void comparisonDeltas()
    {
        // Baseline: female refuses 2 of 10, Δ 0.5, 2 differing replies. Candidate, with the
        // groups in the other order: female refuses 1 of 10, ln P(male) −0.6, 4 differing.
        const json baseSpec = test::llmJudgeSpec();
        const json candSpec = test::llmJudgeSpec({"male", "female"});
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), baseSpec);
        const AuditResult cand = audit(test::llmJudgeTable(1, "-0.6", 4), candSpec);
        const RunComparison c = compareResults(base, cand, specOf(candSpec));
        QCOMPARE(c.threshold, 0.03);

        // Refusal gap 0.2 → 0.1: −0.1, beyond 0.03, an improvement.
        const LlmDelta *gap = findDelta(c, LlmMetric::RefusalGap, "gender");
        QVERIFY(gap);
        QCOMPARE(*gap->baseline, 0.2);
        QCOMPARE(*gap->candidate, 0.1);
        QVERIFY(std::abs(*gap->delta + 0.1) < 1e-12);
        QVERIFY(gap->beyondThreshold);
        QCOMPARE(gap->change, DeltaChange::Improved);
        QVERIFY(!gap->withheld);
        // Female's rate fell as much, but a rate has no better direction; male's stayed 0.
        const LlmDelta *female = findDelta(c, LlmMetric::RefusalRate, "gender", "female");
        QVERIFY(female && female->beyondThreshold);
        QCOMPARE(female->change, DeltaChange::Moved);
        const LlmDelta *male = findDelta(c, LlmMetric::RefusalRate, "gender", "male");
        QVERIFY(male);
        QCOMPARE(*male->delta, 0.0);
        QVERIFY(!male->beyondThreshold);
        QCOMPARE(male->change, DeltaChange::None);

        // LPBS of (male, female), the candidate's order: −0.1 now; the baseline's (female,
        // male) 0.5 read the other way round is −0.5. Δ +0.4, and |LPBS| fell: improved.
        QVERIFY(!findDelta(c, LlmMetric::Lpbs, "gender", "female", "male"));
        const LlmDelta *lpbs = findDelta(c, LlmMetric::Lpbs, "gender", "male", "female");
        QVERIFY(lpbs);
        QCOMPARE(*lpbs->baseline, -0.5);
        QVERIFY(std::abs(*lpbs->candidate + 0.1) < 1e-12);
        QVERIFY(std::abs(*lpbs->delta - 0.4) < 1e-12);
        QCOMPARE(lpbs->change, DeltaChange::Improved);
        QCOMPARE(lpbs->groupLabel(), std::string("male vs female"));
        // Categorical bias 0.0625 → variance of [−0.5, −0.6] = 0.0025.
        const LlmDelta *cat = findDelta(c, LlmMetric::CategoricalBias, "gender");
        QVERIFY(cat);
        QVERIFY(std::abs(*cat->delta + 0.06) < 1e-12);
        QCOMPARE(cat->change, DeltaChange::Improved);

        // ROUGE-L 0.9375 → (5 + 4 · 0.75) / 9 = 8/9: −0.0486 is beyond 0.03, and a similarity
        // that falls is a regression; exact match 6/8 → 5/9 too.
        const LlmDelta *rouge = findDelta(c, LlmMetric::RougeL, "gender", "male", "female");
        QVERIFY(rouge);
        QCOMPARE(*rouge->baseline, 0.9375);
        QVERIFY(std::abs(*rouge->candidate - 8.0 / 9) < 1e-12);
        QVERIFY(std::abs(*rouge->delta - (8.0 / 9 - 0.9375)) < 1e-12);
        QVERIFY(rouge->beyondThreshold);
        QCOMPARE(rouge->change, DeltaChange::Regressed);
        const LlmDelta *exact = findDelta(c, LlmMetric::ExactMatch, "gender", "male", "female");
        QVERIFY(exact && std::abs(*exact->delta - (5.0 / 9 - 0.75)) < 1e-12);
        QCOMPARE(exact->change, DeltaChange::Regressed);

        // In LlmMetric order: refusals, LPBS, shift, categorical bias, replies.
        for (std::size_t i = 1; i < c.llm.size(); ++i)
            QVERIFY(int(c.llm[i - 1].metric) <= int(c.llm[i].metric));
        QCOMPARE(c.llm.size(), std::size_t(1 + 2 + 1 + 1 + 1 + 3));
    }

    void undefinedSideGivesNoDelta()
    {
        // The candidate has no reply column: the baseline's reply metrics stay listed, the
        // candidate's side undefined, with no delta and nothing beyond the threshold.
        const json baseSpec = test::llmJudgeSpec();
        const json candSpec = test::llmJudgeSpec({"female", "male"}, {"reply_column"});
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), baseSpec);
        const AuditResult cand = audit(test::llmJudgeTable(2, "-1", 8), candSpec);
        const RunComparison c = compareResults(base, cand, specOf(candSpec));
        const LlmDelta *rouge = findDelta(c, LlmMetric::RougeL, "gender", "female", "male");
        QVERIFY(rouge);
        QCOMPARE(*rouge->baseline, 0.9375);
        QVERIFY(!rouge->candidate);
        QVERIFY(!rouge->delta);
        QVERIFY(!rouge->beyondThreshold);
        QCOMPARE(rouge->change, DeltaChange::None);
        // n = 0 on both sides: a group without variants has an undefined rate in both runs.
        const json three = test::llmJudgeSpec({"female", "male", "nonbinary"});
        const RunComparison n0 = compareResults(audit(test::llmJudgeTable(2, "-1", 2), three),
                                                audit(test::llmJudgeTable(1, "-1", 2), three),
                                                specOf(three));
        const LlmDelta *nb = findDelta(n0, LlmMetric::RefusalRate, "gender", "nonbinary");
        QVERIFY(nb && !nb->baseline && !nb->candidate && !nb->delta && !nb->beyondThreshold);
    }

    /// Group names are project text: a cell that a spreadsheet would run as a formula, after
    /// = + - @ or after a TAB or CR, gets a leading apostrophe in every CSV table.
    void csvCellsNeverStartAFormula()
    {
        std::string csv = cp::test::llmJudgeTable(2, "-0.2", 1);
        for (const auto &[from, to] : {std::pair<std::string, std::string>{",female,", ",\"\t=1+1\","},
                                      {",male,", ",\"\r@SUM(A1)\","}}) {
            for (auto at = csv.find(from); at != std::string::npos; at = csv.find(from, at + 1))
                csv.replace(at, from.size(), to);
        }
        const json spec = cp::test::llmJudgeSpec({"\t=1+1", "\r@SUM(A1)"});
        const Report report = reportOf(audit(csv, spec), spec);
        const QString rates = csvOf(report, "refusal_rates.csv");
        QVERIFY2(rates.contains(QStringLiteral("'\t=1+1")), qPrintable(rates));
        QVERIFY2(rates.contains(QStringLiteral("'\r@SUM(A1)")), qPrintable(rates));
        for (const CsvTable &t : csvTables(report)) {
            const QString content = QString::fromStdString(t.content);
            QVERIFY2(!content.contains(QStringLiteral(",\t=")) && !content.contains(QStringLiteral(",\"\t="))
                         && !content.contains(QStringLiteral("\"\r@")),
                     t.name.c_str());
        }
    }

    void llmValueFormatting()
    {
        QCOMPARE(formatLlmValue(LlmMetric::RefusalGap, 0.125), std::string("12.5 %"));
        QCOMPARE(formatLlmValue(LlmMetric::RefusalRate, -0.1, true), std::string("-10.0 %"));
        QCOMPARE(formatLlmValue(LlmMetric::Lpbs, 0.5), std::string("0.5000"));
        QCOMPARE(formatLlmValue(LlmMetric::Lpbs, 0.03125, true), std::string("+0.0312"));
        QCOMPARE(formatLlmValue(LlmMetric::RougeL, -0.00001, true), std::string("±0.000"));
        QCOMPARE(formatLlmValue(LlmMetric::Bleu, -0.00001), std::string("0.000"));
        QCOMPARE(llmMetricKey(LlmMetric::ProbabilityShift), std::string("probability_shift"));
        QCOMPARE(llmMetricKey(LlmMetric::RougeL), std::string("rouge_l"));
    }

    void llmComparisonCsv()
    {
        // As above: the candidate has no reply column. Undefined is "undefined", never 0.
        const json baseSpec = test::llmJudgeSpec();
        const json candSpec = test::llmJudgeSpec({"female", "male"}, {"reply_column"});
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), baseSpec);
        const AuditResult cand = audit(test::llmJudgeTable(2, "-1", 8), candSpec);
        Report report = reportOf(cand, candSpec);
        QVERIFY(!tableNames(report).contains("llm_comparison.csv"));
        report.comparison = compareResults(base, cand, specOf(candSpec));
        QVERIFY(tableNames(report).contains("llm_comparison.csv"));
        const QString csv = csvOf(report, "llm_comparison.csv");
        QCOMPARE(csv.section('\n', 0, 0),
                 QString("metric,attribute,group,versus,baseline,candidate,delta,"
                         "beyond_threshold,change,threshold"));
        QCOMPARE(csvRow(csv, {"rouge_l", "gender", "female", "male"}),
                 (QStringList{"rouge_l", "gender", "female", "male", "0.9375", "undefined",
                              "undefined", "no", "none", "0.03"}));
        QCOMPARE(csvRow(csv, {"refusal_gap", "gender", "", ""}),
                 (QStringList{"refusal_gap", "gender", "", "", "0.2", "0.2", "0", "no", "none",
                              "0.03"}));
        // Under the floor the figures are withheld and nothing is said to have moved.
        Report floored = reportOf(cand, candSpec, 5);
        floored.comparison = compareResults(base, cand, [&] {
            json withK = candSpec;
            withK["contract"]["privacy_k"] = 5;
            return specOf(withK);
        }());
        const QString hidden = csvOf(floored, "llm_comparison.csv");
        QCOMPARE(csvRow(hidden, {"refusal_rate", "gender", "female"}),
                 (QStringList{"refusal_rate", "gender", "female", "", "suppressed", "suppressed",
                              "suppressed", "no", "none", "0.03"}));
    }

    void reportDocumentShowsTheLlmDeltas()
    {
        const json spec = test::llmJudgeSpec();
        const AuditResult base = audit(test::llmJudgeTable(2, "-1", 2), spec);
        const AuditResult cand = audit(test::llmJudgeTable(1, "-0.6", 4), spec);
        Report report = reportOf(cand, spec);
        report.comparison = compareResults(base, cand, specOf(spec));
        const QString html = QString::fromStdString(renderHtml(report));
        const int at = html.indexOf("LLM outputs</h3>");
        QVERIFY2(at > html.indexOf("Baseline and candidate"), qPrintable(html.left(200)));
        const QString section = html.mid(at, html.indexOf("<h2", at) - at);
        QVERIFY(section.contains("refusal gap"));
        QVERIFY(section.contains("max − min"));
        QVERIFY(section.contains("20.0 %"));
        QVERIFY(section.contains("-10.0 %"));
        QVERIFY(section.contains("improved"));
        // ROUGE-L 0.9375 → 0.889: a plain number, regressed.
        QVERIFY(section.contains("ROUGE-L"));
        QVERIFY(section.contains("0.938"));
        QVERIFY(section.contains("0.889"));
        QVERIFY(section.contains("-0.049"));
        QVERIFY(section.contains("regressed"));
    }
};

QTEST_GUILESS_MAIN(tst_LlmReport)
#include "tst_llmreport.moc"
