// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Metric edge cases on tables small enough to work out by hand. Each table is a CSV string read
// with readCsv and audited with runAudit; the expected values are written out in the comments
// (or recomputed here from REFERENCE.md's formulas), never copied from the engine's output.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/audit/metricrules.h>
#include <core/report/reportformat.h>
#include <core/report/reportsections.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include "../support/testsupport.h"

#include "../support/oracles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>
#include <vector>

using namespace cp;
using nlohmann::json;

using namespace cp::test;

namespace {

/// Theil index straight from the definition over the b_i (0·ln 0 = 0); nullopt when μ = 0.
std::optional<double> theilOracle(const std::vector<int> &b)
{
    double mu = 0;
    for (int v : b)
        mu += v;
    mu /= double(b.size());
    if (b.empty() || mu == 0)
        return std::nullopt;
    double t = 0;
    for (int v : b)
        if (v > 0)
            t += (v / mu) * std::log(v / mu);
    return t / double(b.size());
}

/// Exact McNemar from REFERENCE.md: min(1, 2·Σ_{i≤min(b,c)} C(b+c, i)·0.5^(b+c)).
double mcnemarOracle(int b, int c)
{
    const int n = b + c;
    if (n == 0)
        return 1;
    double sum = 0, binom = 1;
    for (int i = 0; i <= std::min(b, c); ++i) {
        sum += binom * std::pow(0.5, n);
        binom = binom * (n - i) / (i + 1);
    }
    return std::min(1.0, 2 * sum);
}

/// Confusion counts of one group, turned into rows: TP scores 0.9 with y 1, FN 0.1 with y 1,
/// FP 0.9 with y 0, TN 0.1 with y 0 (threshold 0.5).
struct GroupCounts {
    const char *group;
    int tp = 0, fn = 0, fp = 0, tn = 0;
};

QByteArray tableFrom(const std::vector<GroupCounts> &groups)
{
    QByteArray csv = "g,y,score\n";
    for (const GroupCounts &c : groups) {
        for (int i = 0; i < c.tp; ++i)
            csv += QByteArray(c.group) + ",1,0.9\n";
        for (int i = 0; i < c.fn; ++i)
            csv += QByteArray(c.group) + ",1,0.1\n";
        for (int i = 0; i < c.fp; ++i)
            csv += QByteArray(c.group) + ",0,0.9\n";
        for (int i = 0; i < c.tn; ++i)
            csv += QByteArray(c.group) + ",0,0.1\n";
    }
    return csv;
}

/// A spec over g (groups as given, reference a) with y and score ≥ 0.5, plus extra top-level
/// keys (e.g. a contract) spliced in.
std::string specText(const char *groups, const char *extra = "")
{
    std::string s = std::string(R"({"name": "hand-worked",
  "protected": [{"name": "g", "groups": )") + groups + R"(, "reference": "a"}],
  "y_true": {"column": "y", "positive": ["1"], "negative": ["0"]},
  "prediction": {"stage": "model", "score": "score", "threshold": 0.5})";
    if (*extra)
        s += std::string(",\n  ") + extra;
    return s + "}";
}

Result<AuditResult> auditCsv(const QByteArray &csv, const std::string &specJson)
{
    auto spec = parseAuditSpecText(specJson, "spec");
    if (!spec)
        return spec.error();
    auto table = readTable(std::string_view(csv.constData(), std::size_t(csv.size())),
                           TableFormat::Csv, "mem.csv", spec->columns());
    if (!table)
        return table.error();
    return runAudit(*table, *spec);
}

const PairTest *pairTest(const AuditResult &r, const std::string &attribute)
{
    for (const auto &t : r.pairTests)
        if (t.attribute == attribute)
            return &t;
    return nullptr;
}


} // namespace

Q_DECLARE_METATYPE(cp::Metric)
Q_DECLARE_METATYPE(cp::CheckStatus)

class tst_Metrics : public QObject
{
    Q_OBJECT

private slots:
    void emptyGroup();
    void singleGroup();
    void allFavourable();
    void theil_data();
    void theil();
    void zeroReferenceSelection();
    void threeGroups_data();
    void threeGroups();
    void fullFactorialFamilies();
    void stageAttribution();
    void checkStatus_data();
    void checkStatus();
    void decision_data();
    void decision();
    void everyMetricHasItsOwnValue();
};

void tst_Metrics::emptyGroup()
{
    // c is declared but has no rows.
    // a: TP 1, FN 1, FP 1, TN 1 → SR 2/4, TPR 1/2, FPR 1/2, precision 1/2, accuracy 2/4.
    // b: TP 1, TN 1            → SR 1/2, TPR 1/1, FPR 0/1, precision 1/1, accuracy 2/2.
    const QByteArray csv = tableFrom({{"a", 1, 1, 1, 1}, {"b", 1, 0, 0, 1}});
    auto r = auditCsv(csv, specText(R"(["a", "b", "c"])"));
    CP_VERIFY_OK(r);
    const SliceRates *c = r->findSlice("g", "c");
    QVERIFY(c);
    QCOMPARE(qint64(c->n), qint64(0));
    for (int m = 0; m < MetricCount; ++m) {
        const Proportion &p = c->rate(Metric(m));
        QVERIFY2(!p.value() && !p.ci(), metricKey(Metric(m)).c_str());
    }
    QVERIFY(!c->meanScore);
    const json doc = auditToJson(*r);
    for (int m = 0; m < MetricCount; ++m) {
        const json &p = doc["slices"]["g"]["c"][metricKey(Metric(m))];
        QVERIFY2(p["value"].is_null() && p["ci"].is_null(), p.dump().c_str());
    }
    QVERIFY(doc["slices"]["g"]["c"]["mean_score"].is_null());

    // Gaps over the two groups that have rows.
    const Gap *tpr = r->findGap("g", Metric::Tpr);
    QVERIFY(tpr && tpr->difference);
    QCOMPARE(tpr->groupsCompared, 2);
    QCOMPARE(*tpr->difference, 0.5);
    QCOMPARE(tpr->maxGroup, std::string("b"));
    QCOMPARE(tpr->minGroup, std::string("a"));
    QVERIFY(tpr->ratio && fuzzy(*tpr->ratio, 0.5));
    QVERIFY(tpr->ci);
    const auto [low, high] = newcombeOracle(1, 1, 1, 2);
    QVERIFY2(fuzzy(tpr->ci->low, low, 1e-12) && fuzzy(tpr->ci->high, high, 1e-12),
             qPrintable(QStringLiteral("[%1, %2] vs [%3, %4]")
                            .arg(tpr->ci->low)
                            .arg(tpr->ci->high)
                            .arg(low)
                            .arg(high)));
    const Gap *fpr = r->findGap("g", Metric::Fpr);
    QVERIFY(fpr && fpr->difference);
    QCOMPARE(*fpr->difference, 0.5);
    QCOMPARE(fpr->maxGroup, std::string("a"));
    QCOMPARE(fpr->minGroup, std::string("b"));
    QVERIFY(fpr->ratio);
    QCOMPARE(*fpr->ratio, 0.0);
    const Gap *sr = r->findGap("g", Metric::SelectionRate);
    QVERIFY(sr && sr->difference && sr->ratio);
    QCOMPARE(*sr->difference, 0.0);
    QCOMPARE(*sr->ratio, 1.0);
    // Reference gaps of c against a are all undefined.
    const ReferenceGap *cr = r->findReferenceGap("g", "c");
    QVERIFY(cr);
    QVERIFY(!cr->spd && !cr->di && !cr->eod && !cr->aod && !cr->fnrDifference);
    QVERIFY(doc["reference_gaps"]["g"]["groups"]["c"]["di"].is_null());
    // b against a: SPD 0, DI 1, EOD 0.5, AOD ½[(0 − ½) + (1 − ½)] = 0, FNR diff 0 − ½.
    const ReferenceGap *br = r->findReferenceGap("g", "b");
    QVERIFY(br && br->spd && br->di && br->eod && br->aod && br->fnrDifference);
    QCOMPARE(*br->spd, 0.0);
    QCOMPARE(*br->di, 1.0);
    QCOMPARE(*br->eod, 0.5);
    QCOMPARE(*br->aod, 0.0);
    QCOMPARE(*br->fnrDifference, -0.5);
}

void tst_Metrics::singleGroup()
{
    // One group: nothing to compare, so every gap is undefined and a gap check cannot pass.
    const QByteArray csv = tableFrom({{"a", 30, 10, 10, 30}});
    auto r = auditCsv(csv, specText(R"(["a"])", R"("contract": {
        "primary": {"metric": "tpr", "max_gap": 0.1},
        "guardrails": [{"metric": "selection_rate", "min_ratio": 0.8}]})"));
    CP_VERIFY_OK(r);
    for (int m = 0; m < MetricCount; ++m) {
        const Gap *g = r->findGap("g", Metric(m));
        QVERIFY(g);
        QVERIFY2(!g->difference && !g->ratio && !g->ci, metricKey(Metric(m)).c_str());
        QCOMPARE(g->groupsCompared, 1);
    }
    for (const char *name : {"tpr_gap", "selection_rate_ratio"}) {
        const Check *c = r->findCheck(name, "g");
        QVERIFY2(c, name);
        QVERIFY2(!c->value, name);
        QVERIFY2(c->status == CheckStatus::Insufficient, name);
    }
    QCOMPARE(r->decision, std::optional(Decision::Blocked));
    const json doc = auditToJson(*r);
    QVERIFY(doc["gaps"]["g"]["tpr"]["difference"].is_null());
    QCOMPARE(doc["checks"][0]["status"].get<std::string>(), std::string("insufficient"));
    QVERIFY(doc["checks"][0]["value"].is_null());
}

void tst_Metrics::allFavourable()
{
    // Every row scores 0.9: a has y 1, 0, 0; b has y 1, 0.
    const QByteArray csv = tableFrom({{"a", 1, 0, 2, 0}, {"b", 1, 0, 1, 0}});
    auto r = auditCsv(csv, specText(R"(["a", "b"])"));
    CP_VERIFY_OK(r);
    for (const char *g : {"a", "b"}) {
        const SliceRates *s = r->findSlice("g", g);
        QVERIFY(s);
        QCOMPARE(s->rate(Metric::SelectionRate).value(), std::optional(1.0));
        QCOMPARE(s->rate(Metric::Tpr).value(), std::optional(1.0));
        QCOMPARE(s->rate(Metric::Fpr).value(), std::optional(1.0));
        QCOMPARE(s->rate(Metric::Fnr).value(), std::optional(0.0));
        // Wilson of n/n tops out at exactly 1.
        QCOMPARE(s->rate(Metric::SelectionRate).ci()->high, 1.0);
    }
    QCOMPARE(r->findSlice("g", "a")->rate(Metric::Precision).value(), std::optional(1.0 / 3));
    QCOMPARE(r->findSlice("g", "b")->rate(Metric::Precision).value(), std::optional(0.5));
    const Gap *sr = r->findGap("g", Metric::SelectionRate);
    QVERIFY(sr && sr->difference && sr->ratio);
    QCOMPARE(*sr->difference, 0.0);
    QCOMPARE(*sr->ratio, 1.0);
    // A tie names two different groups, not one group twice.
    QVERIFY(sr->maxGroup != sr->minGroup);
    const ReferenceGap *b = r->findReferenceGap("g", "b");
    QVERIFY(b && b->di && b->spd);
    QCOMPARE(*b->di, 1.0);
    QCOMPARE(*b->spd, 0.0);
    // Overall: TPR 2/2, TNR 0/3 → balanced accuracy ½.
    QVERIFY(r->balancedAccuracy);
    QCOMPARE(*r->balancedAccuracy, 0.5);
    // b_i = ŷ − y + 1 = 1, 2, 2, 1, 2.
    const auto t = theilOracle({1, 2, 2, 1, 2});
    QVERIFY(r->theilIndex && t);
    QVERIFY(fuzzy(*r->theilIndex, *t));
}

void tst_Metrics::theil_data()
{
    QTest::addColumn<QString>("truth");      // y per row
    QTest::addColumn<QString>("predicted");  // ŷ per row
    QTest::newRow("no errors") << "110010" << "110010";
    QTest::newRow("no errors, all negative") << "0000" << "0000";
    QTest::newRow("one FP") << "1100" << "1110";
    QTest::newRow("one FN") << "1100" << "1000";
    QTest::newRow("mixed") << "11110000" << "10011100";
    QTest::newRow("all wrong") << "1010" << "0101";
    QTest::newRow("all false negatives") << "111" << "000";
}

void tst_Metrics::theil()
{
    QFETCH(QString, truth);
    QFETCH(QString, predicted);
    QCOMPARE(truth.size(), predicted.size());
    QByteArray csv = "g,y,score\n";
    std::vector<int> b;
    for (qsizetype i = 0; i < truth.size(); ++i) {
        const int y = truth[i] == '1', yhat = predicted[i] == '1';
        csv += QByteArray(i % 2 ? "b" : "a") + "," + QByteArray::number(y) + ","
               + (yhat ? "0.8" : "0.2") + "\n";
        b.push_back(yhat - y + 1);
    }
    auto r = auditCsv(csv, specText(R"(["a", "b"])"));
    CP_VERIFY_OK(r);
    const auto expected = theilOracle(b);
    QCOMPARE(r->theilIndex.has_value(), expected.has_value());
    if (expected)
        QVERIFY2(fuzzy(*r->theilIndex, *expected, 1e-12),
                 qPrintable(QStringLiteral("%1 vs %2").arg(*r->theilIndex).arg(*expected)));
    if (truth == predicted)
        QCOMPARE(*r->theilIndex, 0.0); // exactly zero, not 1e-17
    const json doc = auditToJson(*r);
    QCOMPARE(doc["theil_index"].is_null(), !expected.has_value());
}

void tst_Metrics::zeroReferenceSelection()
{
    // Reference a selects nobody (SR 0/3); b selects 1 of 2. DI = SR_b / 0 is undefined (null),
    // SPD = ½ − 0 is defined; the between-groups ratio is 0 / ½ = 0.
    {
        const QByteArray csv = tableFrom({{"a", 0, 2, 0, 1}, {"b", 1, 0, 0, 1}});
        auto r = auditCsv(csv, specText(R"(["a", "b"])"));
        CP_VERIFY_OK(r);
        const ReferenceGap *b = r->findReferenceGap("g", "b");
        QVERIFY(b);
        QVERIFY(!b->di);
        QVERIFY(b->spd);
        QCOMPARE(*b->spd, 0.5);
        const json doc = auditToJson(*r);
        QVERIFY(doc["reference_gaps"]["g"]["groups"]["b"]["di"].is_null());
        QCOMPARE(doc["reference_gaps"]["g"]["groups"]["b"]["spd"].get<double>(), 0.5);
        const Gap *sr = r->findGap("g", Metric::SelectionRate);
        QVERIFY(sr && sr->ratio);
        QCOMPARE(*sr->ratio, 0.0);
    }
    // Nobody selected anywhere: DI undefined, the ratio min/max undefined (max = 0),
    // the difference 0 — and a min_ratio check therefore cannot pass.
    {
        const QByteArray csv = tableFrom({{"a", 0, 2, 0, 1}, {"b", 0, 1, 0, 1}});
        auto r = auditCsv(csv, specText(R"(["a", "b"])", R"("contract": {
            "primary": {"metric": "selection_rate", "min_ratio": 0.8}})"));
        CP_VERIFY_OK(r);
        const ReferenceGap *b = r->findReferenceGap("g", "b");
        QVERIFY(b && !b->di && b->spd);
        QCOMPARE(*b->spd, 0.0);
        const Gap *sr = r->findGap("g", Metric::SelectionRate);
        QVERIFY(sr && sr->difference && !sr->ratio);
        QCOMPARE(*sr->difference, 0.0);
        const Check *c = r->findCheck("selection_rate_ratio", "g");
        QVERIFY(c);
        QVERIFY(!c->value);
        QCOMPARE(c->status, CheckStatus::Insufficient);
    }
}

void tst_Metrics::threeGroups_data()
{
    // a: y 1,1,0,0 ŷ 1,0,0,0 → SR 1/4, TPR 1/2, FPR 0/2, precision 1/1, accuracy 3/4
    // b: y 1,1,0,0 ŷ 1,1,1,0 → SR 3/4, TPR 2/2, FPR 1/2, precision 2/3, accuracy 3/4
    // c: y 1,0,0   ŷ 0,1,1   → SR 2/3, TPR 0/1, FPR 2/2, precision 0/2, accuracy 0/3
    QTest::addColumn<cp::Metric>("metric");
    QTest::addColumn<double>("difference");
    QTest::addColumn<double>("ratio");   // -1: undefined
    QTest::addColumn<QString>("maxGroup");
    QTest::addColumn<QString>("minGroup");
    QTest::addColumn<int>("kMax");
    QTest::addColumn<int>("nMax");
    QTest::addColumn<int>("kMin");
    QTest::addColumn<int>("nMin");
    QTest::newRow("selection_rate (max is the middle group)")
        << Metric::SelectionRate << 0.5 << 1.0 / 3 << "b" << "a" << 3 << 4 << 1 << 4;
    QTest::newRow("tpr (min is the last group)")
        << Metric::Tpr << 1.0 << 0.0 << "b" << "c" << 2 << 2 << 0 << 1;
    QTest::newRow("fpr (max last, min first)")
        << Metric::Fpr << 1.0 << 0.0 << "c" << "a" << 2 << 2 << 0 << 2;
    QTest::newRow("fnr") << Metric::Fnr << 1.0 << 0.0 << "c" << "b" << 1 << 1 << 0 << 2;
    QTest::newRow("precision") << Metric::Precision << 1.0 << 0.0 << "a" << "c" << 1 << 1 << 0
                               << 2;
}

void tst_Metrics::threeGroups()
{
    QFETCH(cp::Metric, metric);
    QFETCH(double, difference);
    QFETCH(double, ratio);
    QFETCH(QString, maxGroup);
    QFETCH(QString, minGroup);
    QFETCH(int, kMax);
    QFETCH(int, nMax);
    QFETCH(int, kMin);
    QFETCH(int, nMin);
    const QByteArray csv = tableFrom({{"a", 1, 1, 0, 2}, {"b", 2, 0, 1, 1}, {"c", 0, 1, 2, 0}});
    auto r = auditCsv(csv, specText(R"(["a", "b", "c"])"));
    CP_VERIFY_OK(r);
    const Gap *g = r->findGap("g", metric);
    QVERIFY(g && g->difference);
    QCOMPARE(g->groupsCompared, 3);
    QVERIFY2(fuzzy(*g->difference, difference), qPrintable(QString::number(*g->difference)));
    if (ratio < 0) {
        QVERIFY(!g->ratio);
    } else {
        QVERIFY(g->ratio);
        QVERIFY2(fuzzy(*g->ratio, ratio), qPrintable(QString::number(*g->ratio)));
    }
    QCOMPARE(QString::fromStdString(g->maxGroup), maxGroup);
    QCOMPARE(QString::fromStdString(g->minGroup), minGroup);
    QVERIFY(g->ci);
    const auto [low, high] = newcombeOracle(kMax, nMax, kMin, nMin);
    QVERIFY2(fuzzy(g->ci->low, low, 1e-12) && fuzzy(g->ci->high, high, 1e-12),
             qPrintable(QStringLiteral("[%1, %2] vs [%3, %4]")
                            .arg(g->ci->low)
                            .arg(g->ci->high)
                            .arg(low)
                            .arg(high)));
    // The JSON names the same groups.
    const json doc = auditToJson(*r);
    const json &jg = doc["gaps"]["g"][metricKey(metric)];
    QCOMPARE(QString::fromStdString(jg["max_group"].get<std::string>()), maxGroup);
    QCOMPARE(QString::fromStdString(jg["min_group"].get<std::string>()), minGroup);
}

void tst_Metrics::fullFactorialFamilies()
{
    // Two protected attributes p ∈ {x, y} and q ∈ {u, v}; each family has all four variants.
    // Pairs per attribute: only variants that differ in that one attribute —
    //   p: (xu, yu), (xv, yv);  q: (xu, xv), (yu, yv);  never the diagonals (xu, yv), (xv, yu).
    // f1: xu .9 F, xv .9 F, yu .2 U, yv .9 F
    //     p: (xu,yu) a-only; (xv,yv) —        q: (xu,xv) —; (yu,yv) b-only
    //     diagonal (xv,yu) is discordant and must not count anywhere.
    // f2: xu .2 U, xv .9 F, yu .9 F, yv .2 U
    //     p: (xu,yu) b-only; (xv,yv) a-only   q: (xu,xv) b-only; (yu,yv) a-only
    // f3: all .9 → no flip, 2 concordant pairs per attribute.
    // Totals: p 6 pairs, a-only 2, b-only 1; q 6 pairs, a-only 1, b-only 2. Rows are shuffled.
    const QByteArray csv = "fam,p,q,score\n"
                           "f2,y,v,0.2\n"
                           "f1,x,u,0.9\n"
                           "f3,x,u,0.9\n"
                           "f1,y,v,0.9\n"
                           "f2,x,u,0.2\n"
                           "f3,y,v,0.9\n"
                           "f1,x,v,0.9\n"
                           "f2,y,u,0.9\n"
                           "f3,x,v,0.9\n"
                           "f1,y,u,0.2\n"
                           "f2,x,v,0.9\n"
                           "f3,y,u,0.9\n";
    const std::string spec = R"({"family": "fam",
      "protected": [{"name": "p", "groups": ["x", "y"]}, {"name": "q", "groups": ["u", "v"]}],
      "prediction": {"score": "score", "threshold": 0.5},
      "outcomes": {"favourable": "F", "unfavourable": "U"}})";
    auto r = auditCsv(csv, spec);
    CP_VERIFY_OK(r);
    QCOMPARE(r->families, std::optional<std::int64_t>(3));
    QCOMPARE(r->flips.size(), std::size_t(2));
    QVERIFY(r->flipRate);
    QCOMPARE(qint64(r->flipRate->k), qint64(2));
    QCOMPARE(qint64(r->flipRate->n), qint64(3));
    QCOMPARE(r->pairTests.size(), std::size_t(2)); // one pair of groups per attribute

    struct Expect {
        const char *attribute, *a, *b;
        int aOnly, bOnly;
        double shiftSum; // Σ (score_b − score_a)
    };
    // p: f1 (.2−.9) + (.9−.9), f2 (.9−.2) + (.2−.9), f3 0 → −0.7; |Δ| sum 2.1
    // q: f1 (.9−.9) + (.9−.2), f2 (.9−.2) + (.2−.9), f3 0 → +0.7; |Δ| sum 2.1
    for (const Expect &e : {Expect{"p", "x", "y", 2, 1, -0.7}, Expect{"q", "u", "v", 1, 2, 0.7}}) {
        const PairTest *t = pairTest(*r, e.attribute);
        QVERIFY2(t, e.attribute);
        QCOMPARE(t->a, std::string(e.a));
        QCOMPARE(t->b, std::string(e.b));
        QCOMPARE(qint64(t->pairs), qint64(6));
        QCOMPARE(qint64(t->aOnly), qint64(e.aOnly));
        QCOMPARE(qint64(t->bOnly), qint64(e.bOnly));
        QVERIFY(fuzzy(t->mcnemarP, mcnemarOracle(e.aOnly, e.bOnly)));
        QCOMPARE(qint64(t->discordant.k), qint64(3));
        QCOMPARE(qint64(t->discordant.n), qint64(6));
        QVERIFY(t->meanShift && t->meanAbsDelta);
        QVERIFY2(fuzzy(*t->meanShift, e.shiftSum / 6), qPrintable(QString::number(*t->meanShift)));
        QVERIFY(fuzzy(*t->meanAbsDelta, 2.1 / 6));
    }
    // Flip outcomes name each variant by its groups.
    for (const Flip &f : r->flips) {
        QVERIFY(f.family == "f1" || f.family == "f2");
        QCOMPARE(f.outcomes.size(), std::size_t(4));
        QCOMPARE(f.stage, std::string("model"));
        QVERIFY(f.scoreRange && fuzzy(*f.scoreRange, 0.7));
        for (const auto &[variant, outcome] : f.outcomes) {
            const bool unfavourable = (f.family == "f1" && variant == "y / u")
                                      || (f.family == "f2"
                                          && (variant == "x / u" || variant == "y / v"));
            QCOMPARE(outcome, std::string(unfavourable ? "U" : "F"));
        }
    }
}

void tst_Metrics::stageAttribution()
{
    // Evidence gate before the judge: ev must be "true", else blocked_by_evidence.
    // f1: x ev true .9 → F;  y ev false .9 → blocked   ⇒ flip caused by the evidence stage
    // f2: x ev true .9 → F;  y ev true  .2 → U         ⇒ flip caused by the judge
    // f3: x ev false .9, y ev false .2 → both blocked  ⇒ no flip although the scores differ
    // f4: x ev true .8, y ev true .7 → both F          ⇒ no flip
    const QByteArray csv = "fam,v,ev,score\n"
                           "f1,x,true,0.9\nf1,y,false,0.9\n"
                           "f2,x,true,0.9\nf2,y,true,0.2\n"
                           "f3,x,false,0.9\nf3,y,false,0.2\n"
                           "f4,x,true,0.8\nf4,y,true,0.7\n";
    const std::string spec = R"({"family": "fam",
      "protected": [{"name": "v", "groups": ["x", "y"]}],
      "prediction": {"stage": "judge", "score": "score", "threshold": 0.5},
      "outcomes": {"favourable": "auto_serve", "unfavourable": "human_review"},
      "stages": [{"name": "evidence", "column": "ev", "pass": ["true"],
                  "fail_outcome": "blocked_by_evidence"}]})";
    auto r = auditCsv(csv, spec);
    CP_VERIFY_OK(r);
    QCOMPARE(r->flips.size(), std::size_t(2));
    const Flip *f1 = nullptr, *f2 = nullptr;
    for (const Flip &f : r->flips) {
        if (f.family == "f1")
            f1 = &f;
        if (f.family == "f2")
            f2 = &f;
    }
    QVERIFY(f1 && f2);
    QCOMPARE(f1->stage, std::string("evidence"));
    QCOMPARE(f2->stage, std::string("judge"));
    using Outcomes = std::vector<std::pair<std::string, std::string>>;
    QCOMPARE(f1->outcomes, (Outcomes{{"x", "auto_serve"}, {"y", "blocked_by_evidence"}}));
    QCOMPARE(f2->outcomes, (Outcomes{{"x", "auto_serve"}, {"y", "human_review"}}));
    // A blocked row is not favourable: x 3 of 4, y 1 of 4.
    QCOMPARE(qint64(r->findSlice("v", "x")->favourable), qint64(3));
    QCOMPARE(qint64(r->findSlice("v", "y")->favourable), qint64(1));
    const PairTest *t = pairTest(*r, "v");
    QVERIFY(t);
    QCOMPARE(qint64(t->pairs), qint64(4));
    QCOMPARE(qint64(t->aOnly), qint64(2));
    QCOMPARE(qint64(t->bOnly), qint64(0));
    QVERIFY(fuzzy(t->mcnemarP, 0.5)); // 2·C(2,0)·¼
    const json doc = auditToJson(*r);
    bool seen = false;
    for (const json &f : doc["flips"])
        if (f["family"] == "f1") {
            seen = true;
            QCOMPARE(f["stage"].get<std::string>(), std::string("evidence"));
            QCOMPARE(f["outcomes"]["y"].get<std::string>(), std::string("blocked_by_evidence"));
        }
    QVERIFY(seen);
}

void tst_Metrics::checkStatus_data()
{
    // Two groups given as confusion counts (TP, FN, FP, TN), one contract, one check to inspect.
    QTest::addColumn<QList<int>>("a");
    QTest::addColumn<QList<int>>("b");
    QTest::addColumn<QString>("contract");
    QTest::addColumn<QString>("check");
    QTest::addColumn<cp::CheckStatus>("status");
    QTest::addColumn<double>("value");

    const QString tpr10 = R"("primary": {"metric": "tpr", "max_gap": 0.1})";
    // TPR 2/2 vs 0/2: gap 1 with 2 positives per slice — far beyond 0.1, so failed, whatever
    // the (tiny) support.
    QTest::newRow("beyond limit, tiny support → failed")
        << QList<int>{2, 0, 1, 1} << QList<int>{0, 2, 1, 1}
        << tpr10 + R"(, "min_positives": 50, "min_negatives": 50)" << "tpr_gap"
        << CheckStatus::Failed << 1.0;
    // TPR 1/2 vs 1/2: within the limit but 2 positives < 50 → insufficient, never passed.
    QTest::newRow("within limit, low support → insufficient")
        << QList<int>{1, 1, 1, 1} << QList<int>{1, 1, 1, 1}
        << tpr10 + R"(, "min_positives": 50)" << "tpr_gap" << CheckStatus::Insufficient << 0.0;
    QTest::newRow("within limit, low negatives only → insufficient")
        << QList<int>{1, 1, 1, 1} << QList<int>{1, 1, 1, 1}
        << tpr10 + R"(, "min_positives": 2, "min_negatives": 3)" << "tpr_gap"
        << CheckStatus::Insufficient << 0.0;
    QTest::newRow("within limit, enough support → passed")
        << QList<int>{1, 1, 1, 1} << QList<int>{1, 1, 1, 1}
        << tpr10 + R"(, "min_positives": 2, "min_negatives": 2)" << "tpr_gap"
        << CheckStatus::Passed << 0.0;
    QTest::newRow("no support minimum → passed")
        << QList<int>{1, 1, 1, 1} << QList<int>{1, 1, 1, 1} << tpr10 << "tpr_gap"
        << CheckStatus::Passed << 0.0;
    // 8/10 − 7/10 is 0.10000000000000009 in doubles: at the limit, not beyond it.
    QTest::newRow("at the limit (0.8 − 0.7) → passed")
        << QList<int>{8, 2, 0, 10} << QList<int>{7, 3, 0, 10} << tpr10 << "tpr_gap"
        << CheckStatus::Passed << 0.1;
    QTest::newRow("just beyond (0.8 − 0.69) → failed")
        << QList<int>{80, 20, 0, 10} << QList<int>{69, 31, 0, 10} << tpr10 << "tpr_gap"
        << CheckStatus::Failed << 0.11;
    // Selection 1/4 vs 3/4 → ratio 1/3 < 0.8.
    QTest::newRow("four-fifths ratio → failed")
        << QList<int>{1, 1, 0, 2} << QList<int>{2, 0, 1, 1}
        << R"("primary": {"metric": "selection_rate", "min_ratio": 0.8})"
        << "selection_rate_ratio" << CheckStatus::Failed << 1.0 / 3;
    // Selection 4/5 vs 5/5 → ratio 0.8, exactly at the limit.
    QTest::newRow("ratio at the limit → passed")
        << QList<int>{4, 1, 0, 0} << QList<int>{5, 0, 0, 0}
        << R"("primary": {"metric": "selection_rate", "min_ratio": 0.8})"
        << "selection_rate_ratio" << CheckStatus::Passed << 0.8;
    QTest::newRow("guardrail fpr beyond → failed")
        << QList<int>{1, 1, 2, 0} << QList<int>{1, 1, 0, 2}
        << tpr10 + R"(, "guardrails": [{"metric": "fpr", "max_gap": 0.2}])" << "fpr_gap"
        << CheckStatus::Failed << 1.0;
    QTest::newRow("min_positives check → failed with the least count")
        << QList<int>{3, 1, 1, 1} << QList<int>{1, 1, 1, 1} << tpr10 + R"(, "min_positives": 3)"
        << "min_positives" << CheckStatus::Failed << 2.0;
    QTest::newRow("min_negatives check → passed")
        << QList<int>{3, 1, 1, 1} << QList<int>{1, 1, 1, 1} << tpr10 + R"(, "min_negatives": 2)"
        << "min_negatives" << CheckStatus::Passed << 2.0;
}

void tst_Metrics::checkStatus()
{
    QFETCH(QList<int>, a);
    QFETCH(QList<int>, b);
    QFETCH(QString, contract);
    QFETCH(QString, check);
    QFETCH(cp::CheckStatus, status);
    QFETCH(double, value);
    const QByteArray csv =
        tableFrom({{"a", a[0], a[1], a[2], a[3]}, {"b", b[0], b[1], b[2], b[3]}});
    const std::string extra = "\"contract\": {" + contract.toStdString() + "}";
    auto r = auditCsv(csv, specText(R"(["a", "b"])", extra.c_str()));
    CP_VERIFY_OK(r);
    const Check *c = r->findCheck(check.toStdString(), "g");
    QVERIFY2(c, qPrintable(check));
    QVERIFY2(c->status == status,
             qPrintable(QStringLiteral("status %1: %2")
                            .arg(QString::fromStdString(checkStatusKey(c->status)),
                                 QString::fromStdString(c->detail))));
    QVERIFY(c->value);
    QVERIFY2(fuzzy(*c->value, value), qPrintable(QString::number(*c->value, 'g', 17)));
    QVERIFY(!c->detail.empty());
    // Anything short of passed blocks.
    QVERIFY(r->decision);
    if (status != CheckStatus::Passed)
        QCOMPARE(*r->decision, Decision::Blocked);
    const json doc = auditToJson(*r);
    for (const json &j : doc["checks"])
        if (j["name"] == check.toStdString()) {
            QCOMPARE(j["status"].get<std::string>(), checkStatusKey(status));
            QCOMPARE(j["passed"].get<bool>(), status == CheckStatus::Passed);
        }
}

void tst_Metrics::decision_data()
{
    QTest::addColumn<QString>("contract");   // "" = no contract at all
    QTest::addColumn<QString>("decision");   // APPROVED, BLOCKED or null
    QTest::addColumn<QStringList>("missing");
    QTest::addColumn<int>("exitCode");

    // The table: a and b both TPR 10/20, FPR 5/20 → every gap 0, 20 positives and negatives.
    const QString passing = R"("primary": {"metric": "tpr", "max_gap": 0.1},
        "guardrails": [{"metric": "fpr", "max_gap": 0.1}],
        "min_positives": 20, "min_negatives": 20)";
    QTest::newRow("all checks pass, no attestations")
        << passing << "APPROVED" << QStringList() << 0;
    QTest::newRow("all checks pass, attestations done")
        << passing + R"(, "attestations": [{"name": "privacy review", "done": true}])"
        << "APPROVED" << QStringList() << 0;
    QTest::newRow("all checks pass, one attestation missing")
        << passing + R"(, "attestations": [{"name": "privacy review", "done": true},
                                           {"name": "monitoring owner", "done": false}])"
        << "BLOCKED" << QStringList{"monitoring owner"} << 1;
    QTest::newRow("attestation given as a bare name is not done")
        << passing + R"(, "attestations": ["monitoring owner"])" << "BLOCKED"
        << QStringList{"monitoring owner"} << 1;
    QTest::newRow("one check insufficient")
        << R"("primary": {"metric": "tpr", "max_gap": 0.1}, "min_positives": 21)" << "BLOCKED"
        << QStringList() << 1;
    QTest::newRow("flip rate without families is insufficient")
        << passing + R"(, "max_flip_rate": 0.5)" << "BLOCKED" << QStringList() << 1;
    QTest::newRow("no contract") << "" << "null" << QStringList() << 0;
}

void tst_Metrics::decision()
{
    QFETCH(QString, contract);
    QFETCH(QString, decision);
    QFETCH(QStringList, missing);
    QFETCH(int, exitCode);
    const QByteArray csv = tableFrom({{"a", 10, 10, 5, 15}, {"b", 10, 10, 5, 15}});
    const std::string extra =
        contract.isEmpty() ? std::string() : "\"contract\": {" + contract.toStdString() + "}";
    const std::string spec = specText(R"(["a", "b"])", extra.c_str());
    auto r = auditCsv(csv, spec);
    CP_VERIFY_OK(r);
    const json doc = auditToJson(*r);
    if (decision == "null") {
        QVERIFY(!r->decision);
        QVERIFY(doc["decision"].is_null());
        QVERIFY(r->checks.empty());
        QVERIFY(doc["versions"]["contract"].is_null());
    } else {
        QVERIFY(r->decision);
        QCOMPARE(QString::fromStdString(decisionKey(*r->decision)), decision);
        QCOMPARE(QString::fromStdString(doc["decision"].get<std::string>()), decision);
        const bool allPassed = std::all_of(r->checks.begin(), r->checks.end(), [](const Check &c) {
            return c.status == CheckStatus::Passed;
        });
        QCOMPARE(decision == "APPROVED", allPassed && r->missing.empty());
    }
    QStringList actualMissing;
    for (const auto &m : r->missing)
        actualMissing << QString::fromStdString(m);
    QCOMPARE(actualMissing, missing);

    // The CLI agrees: 0 APPROVED or no contract, 1 BLOCKED.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile t(dir.filePath("t.csv")), s(dir.filePath("spec.json"));
    QVERIFY(t.open(QIODevice::WriteOnly) && s.open(QIODevice::WriteOnly));
    t.write(csv);
    s.write(QByteArray::fromStdString(spec));
    t.close();
    s.close();
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI),
            {"audit", "--table", t.fileName(), "--spec", s.fileName(), "--json", "-"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == exitCode, p.readAllStandardError().constData());
}


void tst_Metrics::everyMetricHasItsOwnValue()
{
    // Adding a Metric must not show another metric's number anywhere: every key round-trips,
    // every label is its own, and a slice and an intersection cell each carry the metric's own
    // value. tp 3, fn 1, fp 2, tn 4 give six different rates.
    auto expected = [](Metric m) -> Proportion {
        switch (m) { // no default: a new Metric is a -Wswitch warning here and fails below
        case Metric::SelectionRate: return {5, 10};
        case Metric::Tpr: return {3, 4};
        case Metric::Fpr: return {2, 6};
        case Metric::Fnr: return {1, 4};
        case Metric::Precision: return {3, 5};
        case Metric::Accuracy: return {7, 10};
        }
        return {};
    };
    QByteArray csv = tableFrom({{"a", 3, 1, 2, 4}, {"b", 3, 1, 2, 4}});
    csv.replace("\n", ",x\n");
    csv.replace("score,x\n", "score,h\n");
    auto r = auditCsv(csv, specText(R"(["a", "b"])",
                                    R"("strata": [{"name": "h", "column": "h"}],
  "intersections": [{"dimensions": ["g", "h"]}])"));
    CP_VERIFY_OK(r);
    QCOMPARE(r->intersections.size(), std::size_t(1));
    std::vector<std::string> keys, labels;
    for (int i = 0; i < MetricCount; ++i) {
        const Metric m = Metric(i);
        const QByteArray name = QByteArray::fromStdString(metricKey(m));
        QVERIFY2(!metricKey(m).empty() && !metricLabel(m).empty() && !metricMeaning(m).empty(),
                 name);
        QCOMPARE(metricFromKey(metricKey(m)), std::optional<Metric>(m));
        QVERIFY2(std::find(keys.begin(), keys.end(), metricKey(m)) == keys.end(), name);
        QVERIFY2(std::find(labels.begin(), labels.end(), metricLabel(m)) == labels.end(), name);
        keys.push_back(metricKey(m));
        labels.push_back(metricLabel(m));
        const Proportion want = expected(m);
        QVERIFY2(want.n > 0, name); // the oracle knows the metric
        const SliceRates *slice = r->findSlice("g", "a");
        QVERIFY(slice);
        QVERIFY2(slice->rate(m).k == want.k && slice->rate(m).n == want.n, name);
        for (const IntersectionCell &cell : r->intersections[0].cells)
            QVERIFY2(cell.rate(m).k == want.k && cell.rate(m).n == want.n, name);
        // The report's grid of that metric shows that metric's value in every cell.
        const GridFigure grid = sections::intersectionGrid(r->intersections[0], m,
                                                           PrivacyFloor(), 60);
        for (const GridFigure::Row &row : grid.rows)
            for (const GridCell &cell : row.cells)
                QCOMPARE(cell.lines.front(), formatPercent(double(want.k) / double(want.n)));
    }
    // Every population offers metrics, each one a real Metric.
    for (Population p : {Population::All, Population::Positives, Population::Negatives}) {
        const auto metrics = metricsForPopulation(p);
        QVERIFY(!metrics.empty());
        QCOMPARE(defaultMetric(p), metrics.front());
        for (Metric m : metrics)
            QVERIFY(int(m) >= 0 && int(m) < MetricCount);
    }
}

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
