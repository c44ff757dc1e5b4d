// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Presentation mode on the ShopFlow sample: View › Presentation opens the five slides full
// screen; the keys step through them, each slide says what it should (the decision, 3 of 10
// flips, the TPR chart with the reference group, the report-only grid, what is missing), Esc
// leaves; presented from Compare Runs, the last slide carries the regression-set caveat; and
// `counterpart --grab presentation-N` renders a slide headless.

#include <ui/audit/decisionbanner.h>
#include <ui/audit/heatmapdelegate.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/report/comparedialog.h>
#include <ui/report/presentationslicechart.h>
#include <ui/report/presentationwindow.h>
#include <ui/report/reportactions.h>

#include "../support/caveatproject.h"

#include <core/report/htmlreport.h>
#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include <QAction>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp::ui;

namespace {

const QString ShopFlow = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");

} // namespace

class tst_Presentation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stepsThroughSlides();
    void presentsComparisonWithCaveat();
    void approvedWithTheCaveatIsBlocked();
    void scalesToSmallWindows();
    void grabsSlideHeadless();
};

void tst_Presentation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Presentation::stepsThroughSlides()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(ShopFlow, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);

    auto *actions = window.findChild<ReportActions *>();
    QVERIFY(actions);
    QAction *present = window.findChild<QAction *>(QStringLiteral("presentationAction"));
    QVERIFY(present);
    QVERIFY(present->isEnabled());
    QCOMPARE(present->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
    present->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(actions->presentation() != nullptr, 30000);
    QPointer<PresentationWindow> p = actions->presentation();
    QTRY_VERIFY(p->isVisible());
    QCOMPARE(p->slideCount(), 5);
    QCOMPARE(p->currentSlide(), int(PresentationWindow::DecisionSlide));
    auto *counter = p->findChild<QLabel *>(QStringLiteral("slideCounter"));
    QVERIFY(counter);
    QCOMPARE(counter->text(), QStringLiteral("1 / 5"));

    // 1: the decision in words, the count of failed checks, the missing attestations.
    auto *word = p->slide(0)->findChild<QLabel *>(QStringLiteral("decisionWord"));
    QVERIFY(word);
    QCOMPARE(word->text(), QStringLiteral("✕  BLOCKED"));
    const QString decision = p->slideText(0);
    QVERIFY2(decision.contains(QStringLiteral("Not approved for release: 4 checks failed · "
                                              "4 attestations missing")),
             qPrintable(decision));
    QVERIFY(decision.contains(QStringLiteral("TPR gap (variant): 33.3 % — limit ≤ 10.0 %")));
    QVERIFY(decision.contains(QStringLiteral("attestation: production monitoring owner")));
    QVERIFY(decision.contains(QStringLiteral("✕ FAILED")));
    // The footer keeps the decision in view on every slide.
    auto *footer = p->findChild<QLabel *>(QStringLiteral("footerDecision"));
    QVERIFY(footer);
    QCOMPARE(footer->text(), QStringLiteral("✕  BLOCKED"));

    // 2: flips, 3 of 10, with the Wilson interval, McNemar and the largest flip side by side.
    QTest::keyClick(p, Qt::Key_Right);
    QCOMPARE(p->currentSlide(), int(PresentationWindow::FlipsSlide));
    QCOMPARE(counter->text(), QStringLiteral("2 / 5"));
    const QString flips = p->slideText(1);
    QVERIFY2(flips.contains(QStringLiteral("3 of 10 families flipped")), qPrintable(flips));
    QVERIFY(flips.contains(
        QStringLiteral("Flip rate 30.0 %, Wilson 95 % interval 10.8 % – 60.3 %")));
    QVERIFY(flips.contains(QStringLiteral("In 3 of 10 pairs only formal got auto_serve; in 0 only "
                                          "conversational did "
                                          "(exact McNemar p\u00a0=\u00a00.25)")));
    QVERIFY(flips.contains(QStringLiteral("Largest flip: family p5, at the judge stage")));
    QVERIFY(flips.contains(QStringLiteral("formal (reference)")));
    QVERIFY(flips.contains(QStringLiteral("≠ human_review")));

    // 3: the TPR chart, the reference group named, the gap against its limit.
    QTest::keyClick(p, Qt::Key_Space);
    QCOMPARE(p->currentSlide(), int(PresentationWindow::SlicesSlide));
    auto *chart = p->slide(2)->findChild<PresentationSliceChart *>();
    QVERIFY(chart);
    QCOMPARE(chart->groupLabels(),
             QStringList({QStringLiteral("formal (reference)"), QStringLiteral("conversational")}));
    QCOMPARE(chart->valueLabels(),
             QStringList({QStringLiteral("83.3 %"), QStringLiteral("50.0 %")}));
    const QString slices = p->slideText(2);
    QVERIFY2(slices.contains(QStringLiteral("TPR by variant")),
             qPrintable(slices));
    QVERIFY(slices.contains(QStringLiteral("TPR gap (variant): 33.3 % (formal − conversational) "
                                           "— limit ≤ 10.0 %: ✕ FAILED")));
    QVERIFY(slices.contains(
        QStringLiteral("formal (reference): 83.3 % [43.6 % – 97.0 %] (5 of 6)")));

    // 4: the intersection grid, every cell report-only, hatched and labelled.
    QTest::keyClick(p, Qt::Key_PageDown);
    QCOMPARE(p->currentSlide(), int(PresentationWindow::IntersectionsSlide));
    auto *grid = p->slide(3)->findChild<QTableView *>(QStringLiteral("presentationGrid"));
    QVERIFY(grid);
    QCOMPARE(grid->model()->rowCount(), 2);
    QCOMPARE(grid->model()->columnCount(), 2);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) {
            const QModelIndex cell = grid->model()->index(r, c);
            QVERIFY(cell.data(HeatmapDelegate::ReportOnlyRole).toBool());
            QVERIFY(cell.data().toString().contains(QStringLiteral("report-only · n=3 < 50")));
        }
    const QString intersections = p->slideText(3);
    QVERIFY(intersections.contains(QStringLiteral("Intersections: channel × variant")));
    QVERIFY(intersections.contains(QStringLiteral("4 of 4 cells are report-only")));
    QVERIFY(intersections.contains(QStringLiteral("labelled “report-only”")));

    // 5: what is missing.
    QTest::keyClick(p, Qt::Key_Down);
    QCOMPARE(p->currentSlide(), int(PresentationWindow::MissingSlide));
    QCOMPARE(counter->text(), QStringLiteral("5 / 5"));
    const QString missing = p->slideText(4);
    QVERIFY(missing.contains(QStringLiteral("production monitoring owner")));
    QVERIFY(missing.contains(
        QStringLiteral("minimum positives per slice (variant): 6 — limit ≥ 50")));
    QVERIFY(missing.contains(QStringLiteral("4 of 4 intersection cells are report-only")));
    QVERIFY(missing.contains(QStringLiteral("Synthetic fixtures are not population evidence")));
    QVERIFY(!missing.contains(QStringLiteral("regression set")));  // not a comparison
    QVERIFY(!p->slide(4)->findChild<QLabel *>(QStringLiteral("caveat")));

    // The ends hold; Home, End and the way back.
    QTest::keyClick(p, Qt::Key_Right);
    QCOMPARE(p->currentSlide(), 4);
    QTest::keyClick(p, Qt::Key_Home);
    QCOMPARE(p->currentSlide(), 0);
    QTest::keyClick(p, Qt::Key_Left);
    QCOMPARE(p->currentSlide(), 0);
    QTest::keyClick(p, Qt::Key_End);
    QCOMPARE(p->currentSlide(), 4);
    QTest::keyClick(p, Qt::Key_PageUp);
    QCOMPARE(p->currentSlide(), 3);
    QTest::keyClick(p, Qt::Key_Up);
    QCOMPARE(p->currentSlide(), 2);
    QCOMPARE(counter->text(), QStringLiteral("3 / 5"));

    // Esc leaves (the window is gone) and the workbench is as it was.
    QTest::keyClick(p, Qt::Key_Escape);
    QTRY_VERIFY(p.isNull());
    QVERIFY(window.isVisible());
}

void tst_Presentation::presentsComparisonWithCaveat()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(ShopFlow, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    auto *actions = window.findChild<ReportActions *>();
    actions->setPresentFullScreen(false);
    actions->compareRuns();
    CompareDialog *dialog = actions->compareDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->comparison() != nullptr, 60000);
    auto *button = dialog->findChild<QPushButton *>();
    for (QPushButton *b : dialog->findChildren<QPushButton *>())
        if (b->text().contains(QStringLiteral("Present")))
            button = b;
    QVERIFY(button && button->isEnabled());
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(actions->presentation() != nullptr, 30000);
    PresentationWindow *p = actions->presentation();
    QCOMPARE(p->report().tested.sourceLabel, std::string("candidate"));
    auto *caveat = p->slide(PresentationWindow::MissingSlide)->findChild<QLabel *>("caveat");
    QVERIFY(caveat);
    QVERIFY2(caveat->text().contains(QStringLiteral("Repaired on the regression set, not "
                                                    "validated for release")),
             qPrintable(caveat->text()));
    // The candidate's TPR gap is 0 but the slices lack support: too little support, not passed.
    QVERIFY(p->slideText(0).contains(QStringLiteral("? INSUFFICIENT")));
    p->close();
}

void tst_Presentation::approvedWithTheCaveatIsBlocked()
{
    // Acceptance (issue 12), the workbench's side of tst_gate: a candidate the audit approves,
    // repaired only on the regression set. Compare Runs' decision banner and the presented
    // slides say BLOCKED, as the gate's exit code does; none says APPROVED.
    QTemporaryDir dir;
    const QString project = cp::test::looseShopFlowProject(dir, 0.10, true);
    QVERIFY(!project.isEmpty());
    CompareDialog dialog(project);
    QSignalSpy compared(&dialog, &CompareDialog::compared);
    QVERIFY(dialog.setSources(QStringLiteral("table:1"), QStringLiteral("table:2")));
    dialog.compare();
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 60000);
    QVERIFY(dialog.comparison() && dialog.comparison()->repairedOnRegressionSet);
    QCOMPARE(*dialog.comparison()->candidateDecision, cp::Decision::Approved);
    auto *banner = dialog.findChild<DecisionBanner *>(QStringLiteral("compareVerdict"));
    QVERIFY(banner);
    QCOMPARE(banner->state(), DecisionBanner::State::Blocked);
    QCOMPARE(banner->headline(), QStringLiteral("BLOCKED"));
    QVERIFY2(banner->summary().contains(QStringLiteral("Not validated for release")),
             qPrintable(banner->summary()));

    // The presented candidate: the same verdict on the slide and in the footer.
    QSignalSpy present(&dialog, &CompareDialog::presentRequested);
    for (QPushButton *b : dialog.findChildren<QPushButton *>())
        if (b->text().contains(QStringLiteral("Present")))
            b->click();
    QCOMPARE(present.count(), 1);
    auto store = cp::ProjectStore::open(project.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingOnly);
    QVERIFY(store);
    const auto candidate = present.at(0).at(0).value<std::shared_ptr<const cp::SourceAudit>>();
    QVERIFY(candidate);
    auto report = cp::buildReport(**store, *candidate);
    QVERIFY(report);
    report->comparison = *dialog.comparison();
    QCOMPARE(report->verdict().outcome, cp::GateVerdict::Outcome::NotValidated);
    PresentationWindow p(std::make_shared<const cp::Report>(std::move(*report)));
    auto *word = p.slide(0)->findChild<QLabel *>(QStringLiteral("decisionWord"));
    QVERIFY(word);
    QCOMPARE(word->text(), QStringLiteral("✕  BLOCKED"));
    QCOMPARE(p.findChild<QLabel *>(QStringLiteral("footerDecision"))->text(),
             QStringLiteral("✕  BLOCKED"));
    QVERIFY(p.slideText(0).contains(QStringLiteral("Not approved for release")));
    QVERIFY(!p.slideText(0).contains(QStringLiteral("APPROVED")));
}

void tst_Presentation::scalesToSmallWindows()
{
    // A laptop screen: the text is set smaller, and nothing on the decision slide is clipped.
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.show();
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(ShopFlow, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    auto *actions = window.findChild<ReportActions *>();
    actions->setPresentFullScreen(false);
    actions->present();
    QTRY_VERIFY_WITH_TIMEOUT(actions->presentation() != nullptr, 30000);
    PresentationWindow *p = actions->presentation();
    p->resize(1920, 1080);
    QTRY_VERIFY(p->isVisible());
    QCoreApplication::processEvents();
    auto *word = p->slide(0)->findChild<QLabel *>(QStringLiteral("decisionWord"));
    const int large = word->font().pixelSize();
    p->resize(960, 540);
    QCoreApplication::processEvents();
    QVERIFY(word->font().pixelSize() < large);
    for (int i = 0; i < p->slideCount(); ++i) {
        p->setCurrentSlide(i);
        QCoreApplication::processEvents();
        QWidget *s = p->slide(i);
        for (QLabel *l : s->findChildren<QLabel *>()) {
            if (!l->isVisibleTo(s) || l->text().isEmpty())
                continue;
            const int bottom = l->mapTo(s, QPoint(0, l->height())).y();
            QVERIFY2(bottom <= s->height() + 1,
                     qPrintable(QStringLiteral("slide %1: '%2' ends at %3 of %4")
                                    .arg(i + 1)
                                    .arg(l->text().left(40))
                                    .arg(bottom)
                                    .arg(s->height())));
        }
    }
    p->close();
}

void tst_Presentation::grabsSlideHeadless()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("slide4.png"));
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(COUNTERPART_GUI),
              {ShopFlow, QStringLiteral("--grab"), QStringLiteral("presentation-4"),
               QStringLiteral("--out"), out, QStringLiteral("--size"), QStringLiteral("1280x720")});
    QVERIFY(gui.waitForFinished(120000));
    QVERIFY2(gui.exitCode() == 0, gui.readAllStandardError().constData());
    const QImage image(out);
    QCOMPARE(image.size(), QSize(1280, 720));
    // An unknown slide is refused by name.
    gui.start(QStringLiteral(COUNTERPART_GUI),
              {ShopFlow, QStringLiteral("--grab"), QStringLiteral("presentation-9"),
               QStringLiteral("--out"), out});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 1);
    QVERIFY(gui.readAllStandardError().contains("presentation-5"));
}

QTEST_MAIN(tst_Presentation)
#include "tst_presentation.moc"
