// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Reports from core (core/report): the HTML is well-formed and refers to nothing outside
// itself, the privacy floor reaches HTML, CSV and JUnit, pair texts can be left out, the
// JUnit XML has its shape, and the ShopFlow baseline and candidate compare as REFERENCE.md says.

#include "reporttestutil.h"

#include <core/workflow/samplefolder.h>
#include <core/report/csvexport.h>
#include <core/report/htmlreport.h>
#include <core/report/junitreport.h>
#include <core/report/runcomparison.h>
#include <core/report/trend.h>
#include <core/store/projectstore.h>
#include <core/workflow/sourceaudit.h>
#include <core/table/tablereader.h>
#include <core/workflow/reportbuilder.h>

#include <nlohmann/json.hpp>

#include <QtTest>

#include <memory>

using namespace reporttest;

namespace {

const std::string ShopFlow = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge";

std::unique_ptr<cp::ProjectStore> shopflowProject(const QTemporaryDir &dir)
{
    auto store = cp::ProjectStore::open(dir.filePath("shopflow.counterpart").toStdString(),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store || !cp::importProjectFolder(**store, ShopFlow))
        return nullptr;
    return std::move(*store);
}

cp::Result<cp::SourceAudit> auditTable(cp::ProjectStore &store, const std::string &name,
                                       bool record = false)
{
    cp::AuditSource s;
    s.label = name;
    return cp::auditSource(store, s, {}, record);
}

/// The ShopFlow spec with extra contract keys, saved as the project's current spec.
bool setContractKeys(cp::ProjectStore &store, const nlohmann::json &keys)
{
    auto text = cp::readFileBytes(ShopFlow + "/spec.json");
    if (!text)
        return false;
    nlohmann::json spec = nlohmann::json::parse(*text);
    for (const auto &[k, v] : keys.items())
        spec["contract"][k] = v;
    return bool(store.saveSpec(spec.dump(2)));
}

QString csvOf(const cp::Report &report, const std::string &name)
{
    for (const cp::CsvTable &t : cp::csvTables(report))
        if (t.name == name)
            return QString::fromStdString(t.content);
    return {};
}

/// The cells of the CSV row whose first cells are `key` (no quoted cells in these rows).
QStringList csvRow(const QString &csv, const QStringList &key)
{
    const QStringList lines = csv.split('\n');
    for (const QString &line : lines) {
        const QStringList cells = line.split(',');
        if (cells.mid(0, key.size()) == key)
            return cells;
    }
    return {};
}

int column(const QString &csv, const QString &name)
{
    return csv.section('\n', 0, 0).split(',').indexOf(name);
}

} // namespace

class tst_Report : public QObject
{
    Q_OBJECT

private slots:
    void htmlIsWellFormedAndSelfContained_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<bool>("withBaseline");
        QTest::newRow("baseline") << "baseline" << false;
        QTest::newRow("candidate vs baseline") << "candidate" << true;
    }

    void htmlIsWellFormedAndSelfContained()
    {
        QFETCH(QString, table);
        QFETCH(bool, withBaseline);
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto audit = auditTable(*store, table.toStdString());
        QVERIFY2(audit, audit ? "" : audit.error().toString().c_str());
        auto report = cp::buildReport(*store, *audit);
        QVERIFY(report);
        if (withBaseline) {
            auto base = auditTable(*store, "baseline");
            QVERIFY(base);
            auto spec = cp::parseAuditSpecText(audit->audit.spec.json, "spec");
            auto c = cp::compareRuns(*base, *audit, *spec);
            QVERIFY2(c, c ? "" : c.error().toString().c_str());
            report->comparison = *c;
        }
        const std::string html = cp::renderHtml(*report);
        const QString text = QString::fromStdString(html);
        QVERIFY(text.startsWith("<!DOCTYPE html>"));
        const QString error = xmlError(text);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList external = externalReferences(text);
        QVERIFY2(external.isEmpty(), qPrintable(external.join(", ")));
        const QString path = dir.filePath("report.html");
        QVERIFY(cp::writeReportFile(path.toStdString(), html));
        const QString python = pythonCheck(path);
        QVERIFY2(python.isEmpty() || python == "skipped", qPrintable(python));

        // Decision first: the verdict comes before every other section.
        const int verdict = text.indexOf("BLOCKED</div>");
        QVERIFY(verdict > 0);
        for (const char *id : {"tested", "flips", "slices", "gaps", "intersections", "calibration",
                               "reviews", "checks", "limitations", "versions"})
            QVERIFY2(text.indexOf(QStringLiteral("<section id=\"%1\">").arg(id)) > verdict, id);
        QVERIFY(text.contains("Synthetic fixtures are not population evidence"));
        QVERIFY(text.contains("No reviews recorded"));
        QVERIFY(text.contains("report-only · n=3 &lt; 50"));
        QVERIFY(text.contains(QString::fromStdString(audit->audit.result.tableSha256)));
        QVERIFY(text.contains("<svg"));
        if (table == "baseline") {
            // REFERENCE.md's figures, and the McNemar test of the three one-way flips.
            QVERIFY(text.contains("TPR gap (variant) 33.3 % &gt; limit 10.0 %: failed"));
            QVERIFY(text.contains("<td class=\"num\">0.2500</td>"));
            QVERIFY(text.contains("Family p4"));
        }
    }

    void privacyFloorInHtmlCsvAndJUnit()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        // The contract's privacy_k reaches the report without an override.
        QVERIFY(setContractKeys(*store, {{"privacy_k", 5}}));
        auto audit = auditTable(*store, "baseline");
        QVERIFY(audit);
        auto report = cp::buildReport(*store, *audit);
        QVERIFY(report);
        QVERIFY(report->floor.active());
        QCOMPARE(*report->floor.k(), std::int64_t(5));

        const QString html = QString::fromStdString(cp::renderHtml(*report));
        QVERIFY(xmlError(html).isEmpty());
        // 4 negatives per slice and 3 flips are below k; TPR 5/6 leaves 1 out; FPR 1/4.
        QVERIFY(html.contains("&lt;5"));
        for (const char *leak : {"25.0 %", "83.3 %", "1/4", "5/6", "0/4", " 4 negatives",
                                 "3 of 10", "Family p4", "0.2500"})
            QVERIFY2(!html.contains(QLatin1String(leak)), leak);
        QVERIFY(html.contains("withheld"));
        QVERIFY(html.contains("Fewer flipped families than the privacy floor"));

        const QString slices = csvOf(*report, "slices.csv");
        const QStringList formal = csvRow(slices, {"variant", "formal"});
        QVERIFY(!formal.isEmpty());
        QCOMPARE(formal[column(slices, "n")], QString("10"));
        QCOMPARE(formal[column(slices, "positives")], QString("6"));
        QCOMPARE(formal[column(slices, "negatives")], QString("<5"));
        QCOMPARE(formal[column(slices, "fpr")], QString("suppressed"));
        QCOMPARE(formal[column(slices, "fpr_k")], QString("<5"));
        QCOMPARE(formal[column(slices, "tpr")], QString("suppressed"));
        const QString checks = csvOf(*report, "checks.csv");
        QCOMPARE(csvRow(checks, {"min_negatives", "variant"}).value(2), QString("<5"));
        QCOMPARE(csvRow(checks, {"fpr_gap", "variant"}).value(2), QString("suppressed"));
        const QString cells = csvOf(*report, "intersections.csv");
        QVERIFY(cells.contains(",<5,<5,"));
        const QString tests = csvOf(*report, "pair_tests.csv");
        QVERIFY(tests.contains(",<5,<5,suppressed,"));
        for (const cp::CsvTable &t : cp::csvTables(*report))
            QVERIFY2(!QString::fromStdString(t.content).contains(",4,"), t.name.c_str());

        const JUnit j = parseJUnit(QString::fromStdString(cp::junitXml(*report)));
        QVERIFY(j.error.isEmpty());
        QVERIFY(j.failureMessages.join('\n').contains("minimum negatives per slice (variant) <5"));
        QVERIFY(!j.failureMessages.join('\n').contains("25.0 %"));

        // Without the floor the same figures are shown.
        cp::ReportOptions open;
        open.privacyK = 0;
        auto plain = cp::buildReport(*store, *audit, open);
        QVERIFY(plain && !plain->floor.active());
        const QString all = QString::fromStdString(cp::renderHtml(*plain));
        QVERIFY(all.contains("25.0 %"));
        QVERIFY(all.contains("Family p4"));
    }

    void pairTextsCanBeLeftOut()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        // The baseline with a text column: each pair in a formal and a conversational wording.
        auto bytes = cp::readFileBytes(ShopFlow + "/shopflow.csv");
        QVERIFY(bytes);
        std::string csv;
        int row = 0;
        for (const QString &line : QString::fromStdString(*bytes).split('\n', Qt::SkipEmptyParts)) {
            const bool formal = line.contains(",formal,");
            csv += line.toStdString() + ","
                   + (row++ == 0 ? "message"
                      : formal   ? "\"Dear Sir, my parcel 4711 has not arrived & I am worried.\""
                                 : "\"hey, my parcel 4711 hasn't arrived <again>\"")
                   + "\n";
        }
        QVERIFY(store->importTable("texts", csv, "csv"));
        auto audit = auditTable(*store, "texts");
        QVERIFY2(audit, audit ? "" : audit.error().toString().c_str());

        auto withText = cp::buildReport(*store, *audit);
        QVERIFY(withText);
        QVERIFY(!withText->topPairs.empty());
        const QString html = QString::fromStdString(cp::renderHtml(*withText));
        QVERIFY(xmlError(html).isEmpty());
        QVERIFY(html.contains("Dear Sir, my parcel 4711 has not arrived &amp; I am worried."));
        QVERIFY(html.contains("<mark class=\"changed\">hey,</mark>"));
        QVERIFY(html.contains("&lt;again&gt;"));
        QVERIFY(html.contains("<span class=\"ne\">≠ </span>"));

        cp::ReportOptions options;
        options.includePairText = false;
        auto without = cp::buildReport(*store, *audit, options);
        QVERIFY(without);
        QCOMPARE(without->topPairs.size(), withText->topPairs.size());
        for (const cp::ReportPair &p : without->topPairs)
            QVERIFY(p.fields.empty() && p.sameFields.empty());
        const QString bare = QString::fromStdString(cp::renderHtml(*without));
        QVERIFY(xmlError(bare).isEmpty());
        for (const char *text : {"parcel", "Dear Sir", "message", "<mark"})
            QVERIFY2(!bare.contains(QLatin1String(text)), text);
        QVERIFY(bare.contains("Pair texts are left out"));
        QVERIFY(bare.contains("p4"));   // family ids and outcomes stay
    }

    void junitShape()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto audit = auditTable(*store, "candidate");
        QVERIFY(audit);
        auto report = cp::buildReport(*store, *audit);
        QVERIFY(report);
        const JUnit j = parseJUnit(QString::fromStdString(cp::junitXml(*report)));
        QVERIFY2(j.error.isEmpty(), qPrintable(j.error));
        // 4 checks and 4 attestations; every one fails or is insufficient.
        QCOMPARE(j.tests, 8);
        QCOMPARE(j.cases, 8);
        QCOMPARE(j.failures, j.failureElements);
        QCOMPARE(j.failures, 8);
        QCOMPARE(j.errors, 0);
        QCOMPARE(j.decision, QString("BLOCKED"));
        QCOMPARE(j.failureTypes.count("insufficient"), 2);   // TPR and FPR gaps: 0.0 %
        QCOMPARE(j.failureTypes.count("failed"), 2);         // support
        QCOMPARE(j.failureTypes.count("missing"), 4);
        const int tpr = j.caseNames.indexOf("tpr_gap [variant]");
        QVERIFY(tpr >= 0);
        QVERIFY(j.failureMessages[tpr].contains("0.0 % against the limit <= 10.0 %"));
        QVERIFY(j.failureMessages[tpr].contains("insufficient evidence, never passed"));
        QVERIFY(j.failureMessages.join('\n').contains("6 < limit 50"));
    }

    void shopflowCandidateAgainstBaseline()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto base = auditTable(*store, "baseline");
        auto cand = auditTable(*store, "candidate");
        QVERIFY(base && cand);
        auto spec = cp::parseAuditSpecText(cand->audit.spec.json, "spec");
        QVERIFY(spec);
        auto c = cp::compareRuns(*base, *cand, *spec);
        QVERIFY2(c, c ? "" : c.error().toString().c_str());
        QCOMPARE(c->families, std::int64_t(10));
        QCOMPARE(c->threshold, 0.03);
        auto gap = [&](cp::Metric m) -> const cp::MetricDelta & {
            return *std::find_if(c->gaps.begin(), c->gaps.end(),
                                 [&](const cp::MetricDelta &d) { return d.metric == m; });
        };
        QCOMPARE(*gap(cp::Metric::Tpr).candidate, 0.0);
        QCOMPARE(*gap(cp::Metric::Fpr).candidate, 0.0);
        QVERIFY(std::abs(*gap(cp::Metric::Tpr).baseline - 1.0 / 3) < 1e-12);
        QVERIFY(std::abs(*gap(cp::Metric::Fpr).baseline - 0.25) < 1e-12);
        QVERIFY(gap(cp::Metric::Tpr).beyondThreshold);
        QCOMPARE(*c->baselineDecision, cp::Decision::Blocked);
        QCOMPARE(*c->candidateDecision, cp::Decision::Blocked);
        QVERIFY(!c->decisionChanged());
        QCOMPARE(c->flipsFixed, (std::vector<std::string>{"p4", "p5", "n1"}));
        QVERIFY(c->flipsIntroduced.empty());
        QVERIFY(c->repairedOnRegressionSet);
        QCOMPARE(c->repairedChecks.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(c->caveat)
                    .contains(cp::RegressionSetCaveat, Qt::CaseInsensitive));

        auto report = cp::buildReport(*store, *cand);
        QVERIFY(report);
        report->comparison = *c;
        const QString html = QString::fromStdString(cp::renderHtml(*report));
        QVERIFY(html.contains("epaired on the regression set, not validated for release"));
        QVERIFY(html.indexOf("epaired on the regression set") < html.indexOf("id=\"tested\""));
        QVERIFY(html.contains("Decision: BLOCKED → BLOCKED (unchanged)"));
        QVERIFY(html.contains("Fixed: p4, p5, n1"));
        QVERIFY(csvOf(*report, "comparison.csv").contains("gap,variant,,tpr,"));

        // The same comparison the other way round repairs nothing.
        auto back = cp::compareRuns(*cand, *base, *spec);
        QVERIFY(back && !back->repairedOnRegressionSet && back->caveat.empty());
        QCOMPARE(back->flipsIntroduced.size(), std::size_t(3));
    }

    void baselineOnAnotherProbeSetIsRefused()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto bytes = cp::readFileBytes(ShopFlow + "/candidate.csv");
        QVERIFY(bytes);
        std::string other = *bytes;
        for (std::size_t at = other.find("\np1,"); at != std::string::npos;
             at = other.find("\np1,"))
            other.replace(at, 4, "\nq9,");
        QVERIFY(store->importTable("other", other, "csv"));
        auto base = auditTable(*store, "other");
        auto cand = auditTable(*store, "candidate");
        QVERIFY(base && cand);
        auto spec = cp::parseAuditSpecText(cand->audit.spec.json, "spec");
        auto c = cp::compareRuns(*base, *cand, *spec);
        QVERIFY(!c);
        const QString message = QString::fromStdString(c.error().toString());
        QVERIFY2(message.contains("not the same probe set"), qPrintable(message));
        QVERIFY(message.contains("1 family only in the baseline (e.g. 'q9')"));
        QVERIFY(message.contains("1 family only in the candidate (e.g. 'p1')"));
        QCOMPARE(c.error().field, std::string("baseline"));
    }

    void trendFlagsChangesBeyondTheThreshold()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        QVERIFY(auditTable(*store, "baseline", true));
        QVERIFY(auditTable(*store, "candidate", true));
        auto runs = cp::recordedTrendRuns(*store);
        QVERIFY(runs);
        QCOMPARE(runs->size(), std::size_t(2));
        const auto series = cp::trendSeries(*runs, 0.03);
        auto find = [&](const std::string &metric) {
            return std::find_if(series.begin(), series.end(), [&](const cp::TrendSeries &s) {
                return s.metric == metric && s.attribute == "variant";
            });
        };
        const auto tpr = find("tpr_gap");
        QVERIFY(tpr != series.end());
        QCOMPARE(tpr->points.size(), std::size_t(2));
        QCOMPARE(tpr->points[0].modelVersion, std::string("baseline"));
        QCOMPARE(tpr->points[1].change, cp::TrendChange::Improvement);
        QVERIFY(!tpr->regressed);

        // Synthetic runs by date: a 2-point rise is within 0.03, a 5-point rise is flagged,
        // an undefined value breaks nothing, and the order is by date, not by input.
        auto run = [](const char *id, const char *date, nlohmann::json gap) {
            return cp::TrendRun{id, date, "m",
                                {{"gaps", {{"sex", {{"tpr", {{"difference", gap}}}}}}},
                                 {"flip_rate", {{"value", 0.01}}}}};
        };
        const auto s = cp::trendSeries({run("c", "2026-03-03", 0.17), run("a", "2026-03-01", 0.10),
                                        run("b", "2026-03-02", 0.12),
                                        run("d", "2026-03-04", nullptr)},
                                       0.03);
        const auto sex = std::find_if(
                s.begin(), s.end(), [](const cp::TrendSeries &x) { return x.attribute == "sex"; });
        QVERIFY(sex != s.end());
        QCOMPARE(sex->points.size(), std::size_t(4));
        QCOMPARE(sex->points[0].runId, std::string("a"));
        QCOMPARE(sex->points[1].change, cp::TrendChange::None);
        QCOMPARE(sex->points[2].change, cp::TrendChange::Regression);
        QVERIFY(!sex->points[3].value);
        QVERIFY(sex->regressed);
        QCOMPARE(sex->label, std::string("TPR gap · sex"));
    }

    void reviewSection()
    {
        const cp::PrivacyFloor none;
        QVERIFY(QString::fromStdString(cp::htmlReviewSection(std::nullopt, none))
                    .contains("No reviews recorded"));
        cp::ReviewEvidence e;
        e.subject = "table 'baseline'";
        e.consensus = "majority";
        e.reviewers = {"ana", "ben <lead>"};
        e.reviewedFamilies = 10;
        e.equivalent = 9;
        e.excludedNotEquivalent = 1;
        e.agreement = {{"equivalence", "cohen_kappa", "ana / ben", 0.615, 10, ""},
                       {"expected outcome", "krippendorff_alpha", "all", std::nullopt, 3,
                        "every label is the same"}};
        const QString html = QString::fromStdString(
            "<div>" + cp::htmlReviewSection(e, cp::PrivacyFloor(5)) + "</div>");
        QVERIFY2(xmlError(html).isEmpty(), qPrintable(xmlError(html)));
        QVERIFY(html.contains("ana, ben &lt;lead&gt;"));
        QVERIFY(html.contains("Cohen&#39;s κ"));
        QVERIFY(html.contains("0.615"));
        QVERIFY(html.contains("Krippendorff&#39;s α"));
        QVERIFY(html.contains(">withheld<"));   // 3 items < k = 5
        QVERIFY(!html.contains(">1<"));          // one excluded family is a count below k
    }

    void privacyMaskLeavesDecimalsAndPercentages()
    {
        const cp::PrivacyFloor floor(5);
        QCOMPARE(floor.mask("slice 'formal' has 4 negatives, fewer than 30"),
                 std::string("slice 'formal' has <5 negatives, fewer than 30"));
        QCOMPARE(floor.mask("3 of 10 families flipped (3.0 %), v2, 0.25, 4 %"),
                 std::string("<5 of 10 families flipped (3.0 %), v2, 0.25, 4 %"));
        QCOMPARE(floor.count(4), std::string("<5"));
        QCOMPARE(floor.count(5), std::string("5"));
        QCOMPARE(cp::PrivacyFloor().count(4), std::string("4"));
        QVERIFY(floor.hides(cp::Proportion{5, 6}));   // 1 left out
        QVERIFY(!floor.hides(cp::Proportion{5, 10}));
    }
};

QTEST_GUILESS_MAIN(tst_Report)
#include "tst_report.moc"
