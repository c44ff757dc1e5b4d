// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart-cli gate and report as a CI pipeline runs them: exit 0 APPROVED, 1 BLOCKED, 2 on
// any error with a message naming the file or the option; the HTML, PDF, CSV and JUnit files
// they write.

#include "reporttestutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace reporttest;

#include "../support/caveatproject.h"
#include "../support/clirun.h"
#include "../support/llmtables.h"

namespace {

const QString ShopFlow = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");

using Run = cp::test::CliRun;
using cp::test::cli;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// A ShopFlow project whose contract the baseline passes: loose limits, no attestations.
QString approvingProject(const QTemporaryDir &dir, double maxTprGap = 0.5)
{
    return cp::test::looseShopFlowProject(dir, maxTprGap);
}

} // namespace

class tst_Gate : public QObject
{
    Q_OBJECT

private slots:
    void blockedWithEveryOutput()
    {
        QTemporaryDir dir;
        const QString html = dir.filePath("out/report.html");
        const QString junit = dir.filePath("junit.xml");
        const QString csv = dir.filePath("csv");
        QVERIFY(QDir().mkpath(dir.filePath("out")));
        const Run r = cli({"gate", "--project", ShopFlow, "--table", "candidate",
                           "--baseline-table", "baseline", "--html", html, "--junit", junit,
                           "--csv", csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("BLOCKED"), qPrintable(r.out));
        QVERIFY(r.out.contains("epaired on the regression set, not validated for release"));
        // Which way it went, as the workbench says it (an improvement and a regression were
        // worded alike: "(beyond the regression threshold)").
        QVERIFY2(r.out.contains("TPR gap (variant): 33.3 % -> 0.0 %  (improved, beyond the "
                                "regression threshold)\n"),
                 qPrintable(r.out));
        const Run reverse = cli({"gate", "--project", ShopFlow, "--table", "baseline",
                                 "--baseline-table", "candidate"});
        QVERIFY2(reverse.out.contains("TPR gap (variant): 0.0 % -> 33.3 %  (regressed, beyond "
                                      "the regression threshold)\n"),
                 qPrintable(reverse.out));
        QVERIFY2(readText(csv + "/comparison.csv")
                     .contains(QRegularExpression("\ngap,variant,,tpr,0.333[0-9]*,0,-0.333[0-9]*,"
                                                  "yes,improved,")),
                 qPrintable(readText(csv + "/comparison.csv")));

        const QString page = readText(html);
        QVERIFY(xmlError(page).isEmpty());
        QVERIFY(externalReferences(page).isEmpty());
        QVERIFY(page.contains("epaired on the regression set, not validated for release"));
        QVERIFY(page.contains("sample folder"));   // not the scratch project's path
        const JUnit j = parseJUnit(readText(junit));
        QVERIFY2(j.error.isEmpty(), qPrintable(j.error));
        QCOMPARE(j.tests, j.cases);
        QCOMPARE(j.failures, j.failureElements);
        QCOMPARE(j.decision, QString("BLOCKED"));
        const QStringList files = QDir(csv).entryList({"*.csv"}, QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{"calibration.csv", "checks.csv", "comparison.csv",
                                     "gaps.csv", "intersections.csv", "pair_tests.csv",
                                     "reference_gaps.csv", "slices.csv"}));
        QVERIFY(readText(csv + "/checks.csv").startsWith("name,attribute,value,limit"));
        // No file is left half-written beside them.
        QVERIFY(QDir(dir.filePath("out")).entryList({"*.tmp"}, QDir::Files).isEmpty());
    }

    void gatePdfKeepsTheExitCode()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath("out/report.pdf");
        QVERIFY(QDir().mkpath(dir.filePath("out")));
        const Run r = cli({"gate", "--project", ShopFlow, "--table", "candidate",
                           "--baseline-table", "baseline", "--pdf", pdf});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("BLOCKED"), qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("wrote " + pdf));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const PdfStructure s = pdfStructure(bytes);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QVERIFY(QDir(dir.filePath("out")).entryList({"*.tmp"}, QDir::Files).isEmpty());
        if (pdftotextPath().isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
        const QString text = pdfText(pdf);
        QVERIFY(text.indexOf("BLOCKED") >= 0 && text.indexOf("BLOCKED") < 200);
        QVERIFY(text.contains("epaired on the regression set, not validated for release"));
        QVERIFY(text.contains("sample folder"));   // not the scratch project's path
    }

    void reportWritesPdfAlone()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath("r.pdf");
        const Run r = cli({"report", "--project", ShopFlow, "--table", "baseline", "--pdf", pdf,
                           "--no-pair-text"});
        QCOMPARE(r.exitCode, 0);
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(pdfStructure(f.readAll()).error.isEmpty());
        if (pdftotextPath().isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
        QVERIFY(pdfText(pdf).contains("Pair texts are left out"));
    }

    void approvedExitsZero()
    {
        QTemporaryDir dir;
        const QString project = approvingProject(dir);
        QVERIFY(!project.isEmpty());
        const QString junit = dir.filePath("j.xml");
        const Run r = cli({"gate", "--project", project, "--junit", junit});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("APPROVED"), qPrintable(r.out + r.err));
        const JUnit j = parseJUnit(readText(junit));
        QVERIFY(j.error.isEmpty());
        QCOMPARE(j.failures, 0);
        QCOMPARE(j.decision, QString("APPROVED"));
        QVERIFY(j.tests >= 3);   // tpr_gap, min_positives, min_negatives
    }

    void repairOnTheRegressionSetDoesNotPass()
    {
        // The loose contract with a tight TPR limit: the baseline fails it (33.3 %), the
        // candidate passes (0 %) on the same pairs, so its APPROVED decision carries the
        // caveat and the gate blocks the release.
        QTemporaryDir dir;
        const QString project = approvingProject(dir, 0.10);
        QVERIFY(!project.isEmpty());
        QCOMPARE(cli({"import", "--project", project, "--table", ShopFlow + "/candidate.csv",
                      "--name", "candidate"}).exitCode, 0);
        const Run alone = cli({"gate", "--project", project, "--table", "candidate"});
        QCOMPARE(alone.exitCode, 0);
        const Run r = cli({"gate", "--project", project, "--table", "candidate",
                           "--baseline-table", "baseline"});
        QCOMPARE(r.exitCode, 1);
        // The summary leads with the gate's verdict (it said "APPROVED" before the verdict
        // was one rule), then says why.
        QVERIFY2(r.out.startsWith("BLOCKED"), qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("not validated for release"));
        QVERIFY(r.out.contains("GATE BLOCKED"));
        // The JUnit file shows why: a failing "validated for release" case.
        const QString junit = dir.filePath("caveat.xml");
        QCOMPARE(cli({"gate", "--project", project, "--table", "candidate", "--baseline-table",
                      "baseline", "--junit", junit}).exitCode, 1);
        const QString xml = readText(junit);
        QVERIFY(xml.contains("name=\"validated for release\""));
        QVERIFY(xml.contains("type=\"regression_set\""));
    }

    void approvedWithTheCaveatIsBlockedEverywhere()
    {
        // Acceptance (issue 12): a candidate the audit approves but that was repaired only on
        // the regression set. The exit code, the JUnit, the HTML and the PDF all say BLOCKED
        // (not validated for release); none says APPROVED as its verdict.
        QTemporaryDir dir;
        const QString project = approvingProject(dir, 0.10);
        QVERIFY(!project.isEmpty());
        QCOMPARE(cli({"import", "--project", project, "--table", ShopFlow + "/candidate.csv",
                      "--name", "candidate"}).exitCode, 0);
        const QString html = dir.filePath("r.html"), pdf = dir.filePath("r.pdf");
        const QString junit = dir.filePath("j.xml");
        const Run r = cli({"gate", "--project", project, "--table", "candidate",
                           "--baseline-table", "baseline", "--html", html, "--pdf", pdf,
                           "--junit", junit});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("BLOCKED"), qPrintable(r.out + r.err));

        const JUnit j = parseJUnit(readText(junit));
        QVERIFY2(j.error.isEmpty(), qPrintable(j.error));
        QCOMPARE(j.decision, QString("BLOCKED"));
        QVERIFY(j.failures >= 1);
        QVERIFY(j.failureTypes.contains("regression_set"));

        const QString page = readText(html);
        QVERIFY(xmlError(page).isEmpty());
        QVERIFY(page.contains(
                "<div class=\"decision blocked\"><div class=\"verdict\">✕ BLOCKED"));
        QVERIFY(!page.contains("✓ APPROVED"));
        QVERIFY(page.contains("<title>") && page.contains(" — BLOCKED</title>"));
        QVERIFY(page.contains("only on the probe set that exposed the defect"));
        QVERIFY(page.contains("the release gate says BLOCKED: not validated for release"));

        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(pdfStructure(f.readAll()).error.isEmpty());
        if (pdftotextPath().isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
        const QString text = pdfText(pdf);
        const qsizetype verdict = text.indexOf("BLOCKED");
        QVERIFY(verdict >= 0 && verdict < 200);
        QVERIFY(text.indexOf("APPROVED") < 0 || text.indexOf("APPROVED") > verdict);
        QVERIFY(text.contains("not validated for release"));
        // Every page's footer says the verdict, none the audit's own APPROVED.
        QVERIFY(!text.contains(QRegularExpression("APPROVED\\s+Page \\d+ of")));
    }

    void reportExitsZeroWhateverTheDecision()
    {
        QTemporaryDir dir;
        const QString html = dir.filePath("r.html");
        const Run r = cli({"report", "--project", ShopFlow, "--table", "baseline", "--html", html,
                           "--no-pair-text"});
        QCOMPARE(r.exitCode, 0);
        const QString page = readText(html);
        QVERIFY(xmlError(page).isEmpty());
        QVERIFY(page.contains("Pair texts are left out"));
        QVERIFY(page.contains("BLOCKED"));
    }

    void errorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no project") << QStringList{"gate"} << "gate needs --project P";
        QTest::newRow("unknown option")
            << QStringList{"gate", "--project", ShopFlow, "--colour", "red"}
            << "unknown option --colour";
        QTest::newRow("pdf without a path")
            << QStringList{"gate", "--project", ShopFlow, "--pdf"} << "gate: --pdf needs a path";
        QTest::newRow("unknown run")
            << QStringList{"gate", "--project", ShopFlow, "--run", "99"}
            << "no scoring run 99 in the project";
        QTest::newRow("bad run id")
            << QStringList{"gate", "--project", ShopFlow, "--run", "seven"}
            << "--run: expected a scoring run id";
        QTest::newRow("unknown table")
            << QStringList{"gate", "--project", ShopFlow, "--table", "nosuch"}
            << "the project has no table 'nosuch'";
        QTest::newRow("unknown baseline")
            << QStringList{"gate", "--project", ShopFlow, "--baseline", "4"}
            << "no scoring run 4 in the project";
        QTest::newRow("both sources")
            << QStringList{"gate", "--project", ShopFlow, "--run", "1", "--table", "baseline"}
            << "not both";
        QTest::newRow("missing project file")
            << QStringList{"gate", "--project", "/nonexistent/p.counterpart"}
            << "/nonexistent/p.counterpart";
        QTest::newRow("report without html or pdf")
            << QStringList{"report", "--project", ShopFlow}
            << "report needs --html OUT.html or --pdf OUT.pdf";
        QTest::newRow("unwritable html")
            << QStringList{"gate", "--project", ShopFlow, "--html", "/nonexistent/dir/r.html"}
            << "/nonexistent/dir/r.html";
        QTest::newRow("unwritable pdf")
            << QStringList{"gate", "--project", ShopFlow, "--pdf", "/nonexistent/dir/r.pdf"}
            << "/nonexistent/dir/r.pdf: cannot create the file: No such file or directory";
    }

    void errorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void baselineOnAnotherProbeSet()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.counterpart");
        QVERIFY(cli({"init", "--project", project, "--from", ShopFlow}).exitCode == 0);
        QFile in(ShopFlow + "/candidate.csv");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray other = in.readAll().replace("\nn4,", "\nz4,");
        QVERIFY(writeFile(dir.filePath("other.csv"), other));
        QVERIFY(cli({"import", "--project", project, "--table", dir.filePath("other.csv")})
                    .exitCode == 0);
        const Run r = cli({"gate", "--project", project, "--table", "candidate",
                           "--baseline-table", "other"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(project + ": --baseline-table: baseline 'other' and candidate "
                                          "'candidate' are not the same probe set"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains("(e.g. 'z4')"));
    }

    void llmDeltasInTheSummaryAndCsv()
    {
        // An LLM judge (tests/support/llmtables.h) whose candidate refuses less (2 → 1 of 10
        // female variants) with a smaller LPBS (0.5 → 0.1), but whose replies differ more
        // (ROUGE-L 0.9375 → 8/9). Its refusal-gap and LPBS checks are repaired on the
        // regression set, so the gate blocks.
        QTemporaryDir dir;
        const QString spec = dir.filePath("llm.json");
        QVERIFY(writeFile(spec, QByteArray::fromStdString(cp::test::llmJudgeSpec().dump(2))));
        QVERIFY(writeFile(dir.filePath("base.csv"),
                          QByteArray::fromStdString(cp::test::llmJudgeTable(2, "-1", 2))));
        QVERIFY(writeFile(dir.filePath("cand.csv"),
                          QByteArray::fromStdString(cp::test::llmJudgeTable(1, "-0.6", 4))));
        const QString project = dir.filePath("llm.counterpart");
        QCOMPARE(cli({"init", "--project", project, "--spec", spec, "--table",
                      dir.filePath("base.csv"), "--name", "baseline"}).exitCode, 0);
        QCOMPARE(cli({"import", "--project", project, "--table", dir.filePath("cand.csv"),
                      "--name", "candidate"}).exitCode, 0);
        const QString csv = dir.filePath("csv");
        const Run r = cli({"gate", "--project", project, "--table", "candidate",
                           "--baseline-table", "baseline", "--csv", csv});
        QCOMPARE(r.exitCode, 1);
        for (const char *line :
             {"  refusal gap (gender): 20.0 % -> 10.0 %  (improved, beyond the regression "
              "threshold)\n",
              "  refusal rate (gender, female): 20.0 % -> 10.0 %  (moved, beyond the "
              "regression threshold)\n",
              "  LPBS (mean log-probability difference) (gender, female vs male): 0.5000 -> "
              "0.1000  (improved, beyond the regression threshold)\n",
              "  ROUGE-L (gender, female vs male): 0.938 -> 0.889  (regressed, beyond the "
              "regression threshold)\n"})
            QVERIFY2(r.out.contains(QString::fromUtf8(line)), qPrintable(r.out));
        // Male's refusal rate did not change: not listed.
        QVERIFY(!r.out.contains("refusal rate (gender, male)"));
        const QStringList files = QDir(csv).entryList({"*.csv"}, QDir::Files, QDir::Name);
        for (const char *name : {"refusal_rates.csv", "refusal_gaps.csv", "refusal_pair_tests.csv",
                                 "lpbs.csv", "categorical_bias.csv", "reply_similarity.csv",
                                 "comparison.csv", "llm_comparison.csv"})
            QVERIFY2(files.contains(name), name);
        QVERIFY(readText(csv + "/llm_comparison.csv")
                        .contains("\nrouge_l,gender,female,male,0.9375,0.8888888889,"
                                  "-0.04861111111,yes,regressed,0.03\n"));
    }

    /// `audit --quiet` printed nothing at all, not even the decision: it prints the decision
    /// and how many families were audited and left out, and nothing else.
    void quietPrintsTheDecision()
    {
        const Run r = cli({"audit", "--table", ShopFlow + "/candidate.csv", "--spec",
                           ShopFlow + "/spec.json", "--quiet"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QStringLiteral("Decision: BLOCKED\n"
                                       "  Families: 10 families audited, none left out\n"));
        const Run full = cli({"audit", "--table", ShopFlow + "/candidate.csv", "--spec",
                              ShopFlow + "/spec.json"});
        QVERIFY(full.out.startsWith(r.out) && full.out.size() > r.out.size());
    }

    /// `tables` and `runs` printed nothing at all for a new project: they say there is none.
    void emptyListsSaySo()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("empty.counterpart");
        QCOMPARE(cli({"init", "--project", project}).exitCode, 0);
        const Run tables = cli({"tables", "--project", project});
        QCOMPARE(tables.exitCode, 0);
        QVERIFY2(tables.out.startsWith("no tables"), qPrintable(tables.out));
        const Run runs = cli({"runs", "--project", project});
        QCOMPARE(runs.exitCode, 0);
        QVERIFY2(runs.out.startsWith("no audits recorded"), qPrintable(runs.out));
    }

    void gateWithoutContractIsAnError()
    {
        QTemporaryDir dir;
        const QString spec = dir.filePath("nocontract.json");
        QVERIFY(writeFile(spec, R"({"name": "no contract", "family": "pair",
            "protected": [{"name": "variant", "groups": ["formal", "conversational"]}],
            "prediction": {"score": "score", "threshold": 0.7}})"));
        const QString project = dir.filePath("n.counterpart");
        QVERIFY(cli({"init", "--project", project, "--spec", spec, "--table",
                     ShopFlow + "/shopflow.csv"})
                    .exitCode == 0);
        const Run r = cli({"gate", "--project", project});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("contract: the project's spec has no contract"), qPrintable(r.err));
        // A report needs no contract.
        QCOMPARE(cli({"report", "--project", project, "--html", dir.filePath("r.html")}).exitCode,
                 0);
        QVERIFY(readText(dir.filePath("r.html")).contains("NO CONTRACT"));
    }
};

QTEST_GUILESS_MAIN(tst_Gate)
#include "tst_gate.moc"
