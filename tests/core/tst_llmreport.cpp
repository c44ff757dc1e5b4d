// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// An LLM's evidence in the report's exports (core/report): the report section withholds
// what the privacy floor hides; the LLM checks of two runs compare by name and show as
// numbers. tests/support/llmtables.h describes the tables.

#include "../support/llmtables.h"

#include <core/audit/auditengine.h>
#include <core/report/htmlreport.h>
#include <core/report/runcomparison.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace cp;
using nlohmann::json;

namespace {

AuditResult audit(const std::string &csv, const json &specJson)
{
    auto spec = parseAuditSpec(specJson, "spec");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    auto t = readCsv(csv, "t.csv", spec->columns());
    if (!t)
        qFatal("%s", t.error().toString().c_str());
    auto r = runAudit(*t, *spec);
    if (!r)
        qFatal("%s", r.error().toString().c_str());
    return *r;
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
};

QTEST_GUILESS_MAIN(tst_LlmReport)
#include "tst_llmreport.moc"
