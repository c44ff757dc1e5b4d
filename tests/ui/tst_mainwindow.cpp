// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/auditview.h>
#include <ui/audit/checklistmodel.h>
#include <ui/audit/decisionbanner.h>
#include <ui/audit/fliplistmodel.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/project/projectdocument.h>

#include "../support/clirun.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp::ui;

namespace {
const QString SampleFolder = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");
}

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensSampleAndShowsBlocked();
    void defaultSourceIsTheCliDefault();
    void switchingTableReauditsCandidate();
    void bannerClickShowsReasons();
    void badPathShowsError();
    void unknownTableShowsError();
    void saveCopyThenOpenProjectFile();
    void projectTextIsPlainInTheBanner();
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep QSettings out of the user's config
}

void tst_MainWindow::opensSampleAndShowsBlocked()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QVERIFY(window.document()->isScratch());
    QCOMPARE(window.currentTable(), "baseline");
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    QCOMPARE(window.decisionBanner()->state(), DecisionBanner::State::Blocked);
    QCOMPARE(window.decisionBanner()->headline(), "BLOCKED");
    QCOMPARE(window.decisionBanner()->summary(),
             QString::fromUtf8("4 checks failed · 4 attestations missing"));

    auto *flips = window.findChild<QTableView *>("flipsView");
    QVERIFY(flips);
    QCOMPARE(flips->model()->rowCount(), 3);
    QVERIFY(window.auditView()->flipsSummary().contains("3 of 10 families flipped"));
    QVERIFY(window.auditView()->flipsSummary().contains("McNemar p = 0.25"));
    QVERIFY(window.auditView()->gapsText().contains(QString::fromUtf8("33.3 %")));
    QVERIFY(window.auditView()->gapsText().contains(QString::fromUtf8("[−17.2 %, 67.4 %]")));

    auto *rows = window.findChild<QLabel *>("rowsLabel");
    QVERIFY(rows);
    QCOMPARE(rows->text(), QString::fromUtf8("20 rows · 10 families"));
    QCOMPARE(window.findChild<QLabel *>("shaLabel")->text(),
             QString::fromUtf8("sha256 fd6f3a1819b9…"));
    QCOMPARE(window.findChild<QLabel *>("contractLabel")->text(), "contract v1");
    QVERIFY(!window.findChild<QProgressBar *>("auditProgress")->isVisible());
}

// The workbench and counterpart-cli audit the same source of a project with two tables when
// none is named (core's defaultAuditSource): the GUI used to take the oldest, the CLI the newest.
void tst_MainWindow::defaultSourceIsTheCliDefault()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(window.currentTable(), "candidate");

    const cp::test::CliRun run = cp::test::cli({"audit", "--project", SampleFolder, "--json", "-"});
    QCOMPARE(run.exitCode, 1);  // the candidate is BLOCKED too (support and attestations)
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8());
    QVERIFY2(doc.isObject(), qPrintable(run.out + run.err));
    const QString cliSha = doc["versions"]["table_sha256"].toString();
    QVERIFY(!cliSha.isEmpty());
    QCOMPARE(QString::fromStdString(window.currentAudit()->result.tableSha256), cliSha);
}

void tst_MainWindow::switchingTableReauditsCandidate()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    auto *combo = window.findChild<QComboBox *>("tableSelector");
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2);
    combo->setCurrentIndex(combo->findText("candidate"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QCOMPARE(window.currentAudit()->table.name, std::string("candidate"));
    QCOMPARE(window.auditView()->flipModel()->rowCount(), 0);
    QCOMPARE(window.findChild<QTableView *>("flipsView")->model()->rowCount(), 0);
    QVERIFY(window.auditView()->flipsSummary().contains("0 of 10 families flipped"));
    // Still blocked: the candidate lacks support and attestations.
    QCOMPARE(window.decisionBanner()->headline(), "BLOCKED");
    QVERIFY(window.decisionBanner()->summary().contains("lack support"));

    // F5 re-runs the same table.
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 20000);
    QCOMPARE(window.currentAudit()->table.name, std::string("candidate"));
}

void tst_MainWindow::bannerClickShowsReasons()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    QSignalSpy reasons(window.decisionBanner(), &DecisionBanner::reasonsRequested);
    window.auditView()->setCurrentIndex(AuditView::SlicesTab);
    QTest::mouseClick(window.decisionBanner(), Qt::LeftButton);
    QCOMPARE(reasons.count(), 1);
    QCOMPARE(window.auditView()->currentIndex(), int(AuditView::ChecksTab));
    auto *checks = window.findChild<QTableView *>("checksView");
    QCOMPARE(checks->model()->rowCount(), 8);
    QCOMPARE(checks->currentIndex().row(), 0);
}

void tst_MainWindow::badPathShowsError()
{
    MainWindow window; // dialogs on: the error box opens non-modally, so nothing blocks
    window.show();
    QSignalSpy errors(&window, &MainWindow::errorOccurred);
    QVERIFY(!window.openProject(QStringLiteral("/nonexistent/nowhere.counterpart")));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(1).toString().contains("/nonexistent/nowhere.counterpart"));
    auto *box = window.findChild<QMessageBox *>("errorDialog");
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QVERIFY(box->text().contains("no such file or folder"));
    box->accept();
    QVERIFY(!window.document());

    // A folder without project.json names the file it looked for.
    QTemporaryDir empty;
    QVERIFY(!window.openProject(empty.path()));
    QCOMPARE(errors.count(), 2);
    QVERIFY(errors.at(1).at(1).toString().contains("project.json"));

    // A file that is not a project (not SQLite) is an error, not a crash.
    QTemporaryDir dir;
    const QString junk = dir.filePath("junk.counterpart");
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a database\n");
    f.close();
    QVERIFY(!window.openProject(junk));
    QCOMPARE(errors.count(), 3);
    QVERIFY(errors.at(2).at(1).toString().contains(junk));
    QCOMPARE(window.decisionBanner()->state(), DecisionBanner::State::Idle);
}

void tst_MainWindow::unknownTableShowsError()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    QSignalSpy failed(&window, &MainWindow::auditFailed);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("no-such-table")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY(failed.at(0).at(0).toString().contains("no-such-table"));
    QCOMPARE(window.decisionBanner()->state(), DecisionBanner::State::Error);
    QCOMPARE(window.auditView()->flipModel()->rowCount(), 0);
}

void tst_MainWindow::saveCopyThenOpenProjectFile()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath("shopflow.counterpart");
    {
        auto doc = ProjectDocument::open(SampleFolder);
        QVERIFY2(doc, doc ? "" : doc.error().toString().c_str());
        auto saved = (*doc)->saveCopy(copy);
        QVERIFY2(saved, saved ? "" : saved.error().toString().c_str());
    }
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(copy, QStringLiteral("candidate")));
    QVERIFY(!window.document()->isScratch());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(window.currentAudit()->table.name, std::string("candidate"));
    QVERIFY(window.currentAudit()->runId > 0); // the run is recorded in the project file
}

/// A table name comes from the project: in the banner it is shown as the characters it is, so
/// "<b>APPROVED ✓</b>" cannot paint a verdict inside a BLOCKED banner (issue 14, defect 5).
void tst_MainWindow::projectTextIsPlainInTheBanner()
{
    DecisionBanner banner;
    cp::AuditResult result;
    result.decision = cp::Decision::Blocked;
    result.contractVersion = "<img src='file:///etc/passwd'>";
    const QString name = QStringLiteral("<b style='color:green'>APPROVED ✓</b>");
    banner.showResult(result, name);
    const auto labels = banner.findChildren<QLabel *>();
    QVERIFY(!labels.isEmpty());
    bool shown = false;
    for (const QLabel *label : labels) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
        shown = shown || label->text().contains(name);
    }
    QVERIFY2(shown, "the table name is not in the banner");
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
