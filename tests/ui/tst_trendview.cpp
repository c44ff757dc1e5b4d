// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Runs over time on the ShopFlow sample: Compare Runs on baseline vs candidate (the TPR gap
// falls by 33.3 %, flips fixed, the decision stays BLOCKED, the regression-set caveat shown),
// and the trend view over three recorded audits flags the regression beyond 0.03; the flag's
// words on synthetic runs; File › Export Report… writes HTML and CSV, and says why it cannot.

#include <ui/mainwindow/mainwindow.h>
#include <ui/report/comparedialog.h>
#include <ui/report/comparisonmodel.h>
#include <ui/report/exportreportdialog.h>
#include <ui/report/reportactions.h>
#include <ui/report/trendview.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp::ui;

namespace {

const QString ShopFlow = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");
const QString Minus = QString(QChar(0x2212));

/// A recorded-audit document with one attribute's TPR gap.
cp::TrendRun run(const std::string &id, const std::string &date, double gap)
{
    cp::TrendRun r;
    r.id = id;
    r.date = date;
    r.modelVersion = "judge " + id;
    r.audit["gaps"]["variant"]["tpr"]["difference"] = gap;
    return r;
}

#define OPEN_SHOPFLOW(window, finished)                                                            \
    MainWindow window;                                                                             \
    window.setErrorDialogsEnabled(false);                                                          \
    window.show();                                                                                 \
    QSignalSpy finished(&window, &MainWindow::auditFinished);                                      \
    QVERIFY(window.openProject(ShopFlow, QStringLiteral("baseline")));                                                         \
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000)

} // namespace

class tst_TrendView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void comparesBaselineWithCandidate();
    void trendFlagsRegressionOfRecordedAudits();
    void flagWordsOnSyntheticRuns();
    void exportsHtmlAndCsv();
};

void tst_TrendView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_TrendView::comparesBaselineWithCandidate()
{
    OPEN_SHOPFLOW(window, finished);
    QAction *compare = window.findChild<QAction *>(QStringLiteral("compareRunsAction"));
    QVERIFY(compare && compare->isEnabled());
    compare->trigger();
    auto *actions = window.findChild<ReportActions *>();
    CompareDialog *dialog = actions->compareDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->comparison() != nullptr, 60000);
    QCOMPARE(dialog->baselineCombo()->currentText(), QStringLiteral("baseline"));
    QCOMPARE(dialog->candidateCombo()->currentText(), QStringLiteral("candidate"));

    QVERIFY(dialog->caveatShown());
    QVERIFY2(dialog->caveatText().contains(QStringLiteral("repaired on the regression set, not "
                                                          "validated for release"),
                                           Qt::CaseInsensitive),
             qPrintable(dialog->caveatText()));
    QCOMPARE(dialog->decisionText(), QStringLiteral("Decision: BLOCKED → BLOCKED (unchanged)"));
    QVERIFY2(dialog->flipsText().contains(QStringLiteral("Flips fixed (flipped in the baseline "
                                                         "only): 3 · introduced (in the candidate "
                                                         "only): 0")),
             qPrintable(dialog->flipsText()));
    QVERIFY(dialog->flipsText().contains(QStringLiteral("Fixed: p4, p5, n1")));

    ComparisonModel *model = dialog->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int tpr = model->findRow(cp::Metric::Tpr, QStringLiteral("variant"));
    QVERIFY(tpr >= 0);
    const auto cell = [&](int row, int column) {
        return model->index(row, column).data().toString();
    };
    QCOMPARE(cell(tpr, ComparisonModel::MetricColumn), QStringLiteral("TPR gap"));
    QCOMPARE(cell(tpr, ComparisonModel::BaselineColumn), QStringLiteral("33.3 %"));
    QCOMPARE(cell(tpr, ComparisonModel::CandidateColumn), QStringLiteral("0.0 %"));
    QCOMPARE(cell(tpr, ComparisonModel::ChangeColumn), Minus + QStringLiteral("33.3 %"));
    QCOMPARE(cell(tpr, ComparisonModel::FlagColumn), QStringLiteral("▼ improved, beyond ±3.0 %"));
    QVERIFY(model->index(tpr, 0).data(ComparisonModel::BeyondThresholdRole).toBool());
    const int fpr = model->findRow(cp::Metric::Fpr, QStringLiteral("variant"));
    QCOMPARE(cell(fpr, ComparisonModel::ChangeColumn), Minus + QStringLiteral("25.0 %"));
    const int formalTpr = model->findRow(cp::Metric::Tpr, QStringLiteral("variant"),
                                         QStringLiteral("formal"));
    QCOMPARE(cell(formalTpr, ComparisonModel::ChangeColumn), QStringLiteral("0.0 %"));
    QCOMPARE(cell(formalTpr, ComparisonModel::FlagColumn), QString());

    // The other way round: a regression, and no repair to warn about.
    QSignalSpy compared(dialog, &CompareDialog::compared);
    QVERIFY(dialog->setSources(QStringLiteral("table:2"), QStringLiteral("table:1")));
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 60000);
    QVERIFY(!dialog->caveatShown());
    const int back = model->findRow(cp::Metric::Tpr, QStringLiteral("variant"));
    QCOMPARE(cell(back, ComparisonModel::ChangeColumn), QStringLiteral("+33.3 %"));
    QCOMPARE(cell(back, ComparisonModel::FlagColumn), QStringLiteral("▲ regressed, beyond ±3.0 %"));

    // The same source twice is refused in words.
    dialog->candidateCombo()->setCurrentIndex(dialog->baselineCombo()->currentIndex());
    QVERIFY(dialog->errorText().contains(QStringLiteral("Pick two different sources")));
    QVERIFY(!dialog->caveatShown());
}

void tst_TrendView::trendFlagsRegressionOfRecordedAudits()
{
    // Three recorded audits: baseline (opening the sample), candidate, baseline again.
    OPEN_SHOPFLOW(window, finished);
    window.selectSource(QStringLiteral("candidate"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    window.selectSource(QStringLiteral("baseline"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);

    QAction *trend = window.findChild<QAction *>(QStringLiteral("trendAction"));
    QVERIFY(trend && trend->isEnabled());
    trend->trigger();
    auto *actions = window.findChild<ReportActions *>();
    TrendView *view = actions->trendView();
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(!view->isLoading() && !view->series().empty(), 60000);
    QCOMPARE(view->threshold(), 0.03);

    int tpr = -1;
    for (std::size_t i = 0; i < view->series().size(); ++i)
        if (view->series()[i].label == "TPR gap · variant")
            tpr = int(i);
    QVERIFY(tpr >= 0);
    const cp::TrendSeries &s = view->series()[std::size_t(tpr)];
    QCOMPARE(s.points.size(), std::size_t(3));
    QCOMPARE(s.points[1].change, cp::TrendChange::Improvement);
    QCOMPARE(s.points[2].change, cp::TrendChange::Regression);
    QVERIFY(s.regressed);
    // The view opens on the contract's primary metric (it regressed), and the combo says which
    // series regressed.
    QCOMPARE(view->currentSeries(), tpr);
    QVERIFY(view->seriesCombo()->itemText(tpr).contains(QStringLiteral("▲ regressed")));

    view->setCurrentSeries(tpr);
    QCOMPARE(view->flagLabels(), QStringList({QStringLiteral("improved by 0.333 > 0.03"),
                                              QStringLiteral("regressed by 0.333 > 0.03")}));
    QCOMPARE(view->runLabels().size(), 3);
    QVERIFY(view->runLabels().at(1).startsWith(QStringLiteral("audit 2 · ")));
    QVERIFY(view->runLabels().at(1).endsWith(QStringLiteral(" · candidate")));
    QVERIFY2(view->flagsText().contains(QStringLiteral("▲ TPR gap · variant: audit 3")),
             qPrintable(view->flagsText()));
    QVERIFY(view->flagsText().contains(QStringLiteral("regressed by 0.333 > 0.03 — from 0 "
                                                      "(audit 2) to 0.333")));
    QVERIFY(view->flagsText().contains(QStringLiteral("Other metrics beyond ±0.03 (pick them "
                                                      "under Metric): ")));
    QVERIFY2(view->flagsText().contains(QStringLiteral("selection rate gap · variant "
                                                      "(1 regression, 1 improvement)")),
             qPrintable(view->flagsText()));

    // Scoring runs: the sample has none, and the view says what would make one.
    QSignalSpy loaded(view, &TrendView::loaded);
    view->setRunKind(TrendView::RunKind::Scoring);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    QVERIFY(view->series().empty());
    QVERIFY(view->flagsText().contains(QStringLiteral("fewer than two runs")));
}

void tst_TrendView::flagWordsOnSyntheticRuns()
{
    TrendView view;
    view.setRuns({run("audit 1", "2026-03-01T10:00:00Z", 0.10),
                  run("audit 2", "2026-03-08T10:00:00Z", 0.12),
                  run("audit 3", "2026-03-15T10:00:00Z", 0.17)},
                 0.03);
    QCOMPARE(view.series().size(), std::size_t(1));
    QCOMPARE(view.flagLabels(), QStringList({QStringLiteral("regressed by 0.05 > 0.03")}));
    QCOMPARE(view.runLabels().at(0), QStringLiteral("audit 1 · 2026-03-01 10:00 · judge audit 1"));
    QVERIFY(view.flagsText().contains(QStringLiteral("audit 3 (2026-03-15 10:00, judge audit 3) "
                                                     "regressed by 0.05 > 0.03")));
    // Within the threshold: nothing flagged, and it says so.
    view.setRuns({run("a", "2026-03-01", 0.10), run("b", "2026-03-02", 0.12)}, 0.03);
    QVERIFY(view.flagLabels().isEmpty());
    QVERIFY(view.flagsText().contains(QStringLiteral("No tracked metric moved by more than 0.03")));
    QCOMPARE(TrendView::number(0.05), QStringLiteral("0.05"));
    QCOMPARE(TrendView::number(1.0 / 3), QStringLiteral("0.333"));
}

void tst_TrendView::exportsHtmlAndCsv()
{
    OPEN_SHOPFLOW(window, finished);
    QAction *exportAction = window.findChild<QAction *>(QStringLiteral("exportReportAction"));
    QVERIFY(exportAction && exportAction->isEnabled());
    exportAction->trigger();
    auto *actions = window.findChild<ReportActions *>();
    QPointer<ExportReportDialog> dialog = actions->exportDialog();
    QVERIFY(dialog);
    dialog->setErrorDialogsEnabled(false);
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    dialog->setPath(html);
    dialog->setIncludePairText(false);
    QSignalSpy exported(dialog.data(), &ExportReportDialog::exported);
    QVERIFY(dialog->startExport());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    QVERIFY(exported.at(0).at(0).toString().contains(QStringLiteral("Wrote the HTML report")));
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("BLOCKED"));
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());

    // CSV tables into a folder.
    actions->exportReport();
    dialog = actions->exportDialog();
    QVERIFY(dialog);
    dialog->setErrorDialogsEnabled(false);
    dialog->setFormat(ExportReportDialog::Format::Csv);
    const QString folder = dir.filePath(QStringLiteral("tables"));
    dialog->setPath(folder);
    QSignalSpy csv(dialog.data(), &ExportReportDialog::exported);
    QVERIFY(dialog->startExport());
    QTRY_COMPARE_WITH_TIMEOUT(csv.count(), 1, 60000);
    QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("slices.csv"))));

    // A place that cannot be written: the error names it, and the dialog stays.
    actions->exportReport();
    dialog = actions->exportDialog();
    dialog->setErrorDialogsEnabled(false);
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString bad = dir.filePath(QStringLiteral("file/report.html"));
    dialog->setPath(bad);
    QSignalSpy failed(dialog.data(), &ExportReportDialog::exportFailed);
    QVERIFY(dialog->startExport());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("Could not export the report")),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

QTEST_MAIN(tst_TrendView)
#include "tst_trendview.moc"
