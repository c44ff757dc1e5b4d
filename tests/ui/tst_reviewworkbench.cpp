// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The Reviews section of the workbench on the ShopFlow sample folder: View › Reviews (Ctrl+9),
// the page's single keys inside the main window, Edit › Undo serving the page in view (one
// Ctrl+Z, never an ambiguous one), the Pairs view's review filter following the labels, and
// screenshots of both (COUNTERPART_SHOTS=<folder>).

#include <ui/mainwindow/mainwindow.h>
#include <ui/pairs/pairsmodel.h>
#include <ui/pairs/pairsview.h>
#include <ui/review/reviewerdialog.h>
#include <ui/review/reviewpage.h>
#include <ui/review/reviewsession.h>

#include <core/review/reviewstore.h>

#include "../support/testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoGroup>
#include <QUndoStack>
#include <QtTest>

using namespace cp::ui;

class tst_ReviewWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewsSection();
    void screenshots();
};

namespace {

const QString SampleFolder =
    QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");

} // namespace

void tst_ReviewWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // QSettings under the test's own config
    QCoreApplication::setOrganizationName(QStringLiteral("CounterpartTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewworkbench"));
    QSettings().clear();
    ReviewerDialog::storeName(QStringLiteral("Dana"));
}

/// Reviews is a navigator section (View › Reviews, Ctrl+9); its keys work in the window,
/// Edit › Undo undoes a label there (and a spec edit elsewhere), the Pairs filter follows.
void tst_ReviewWorkbench::reviewsSection()
{
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY(MainWindow::sectionNames().contains(QStringLiteral("reviews")));

    // The page fits the window's usual size (the stack is as wide as its widest page).
    QVERIFY2(window.minimumSizeHint().width() <= 1280,
             qPrintable(QString::number(window.minimumSizeHint().width())));

    QTest::keyClick(&window, Qt::Key_9, Qt::ControlModifier);
    QCOMPARE(window.currentSection(), MainWindow::ReviewsSection);
    ReviewPage *page = window.reviewPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->session()->isValid(), 30000);  // its labels are read
    QVERIFY(page->isVisible());
    QCOMPARE(page->queue().size(), std::size_t(10));
    QTest::keyClick(page, Qt::Key_E);
    QTest::keyClick(page, Qt::Key_R);
    QCOMPARE(page->position(), 1);
    QCOMPARE(page->session()->labels().size(), std::size_t(1));
    QCOMPARE(window.undoGroup()->activeStack(), page->undoStack());

    // One Ctrl+Z in the window: Edit › Undo, through the group to the page's stack.
    QAction *undo = nullptr;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->shortcuts().contains(QKeySequence(QKeySequence::Undo))) {
            QVERIFY2(!undo, "two actions have Ctrl+Z");
            undo = a;
        }
    }
    QVERIFY(undo && undo->isEnabled());
    QTest::keyClick(page, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!page->session()->labels().front().expected);
    QCOMPARE(page->position(), 0);

    // Elsewhere, Edit › Undo is the spec's again; the Pairs view filters by review state.
    window.showSection(MainWindow::PairsSection);
    QVERIFY(window.undoGroup()->activeStack() != page->undoStack());
    QComboBox *combo = window.pairsView()->reviewStateCombo();
    combo->setCurrentIndex(combo->findText("equivalent"));
    QCOMPARE(window.pairsView()->model()->rowCount(), 1);
    combo->setCurrentIndex(combo->findText("unreviewed"));
    QCOMPARE(window.pairsView()->model()->rowCount(), 9);

    // The Pairs view's filter as the review queue: the unreviewed nine.
    window.showSection(MainWindow::ReviewsSection);
    page->setQueueMode(ReviewPage::QueueMode::PairsFilter);
    QCOMPARE(page->queue().size(), std::size_t(9));
}

/// A labelled session (two reviewers, one dispute) as a reviewer sees it, and the Pairs view
/// filtered by review state; written when COUNTERPART_SHOTS names a folder.
void tst_ReviewWorkbench::screenshots()
{
    const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
    if (folder.isEmpty())
        QSKIP("COUNTERPART_SHOTS is not set");
    QDir().mkpath(folder);
    MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy finished(&window, &MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    window.showSection(MainWindow::ReviewsSection);
    ReviewPage *page = window.reviewPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->session()->isValid(), 30000);  // its labels are read

    // Kim labelled five pairs earlier; Dana labels four with the keys and disagrees once.
    for (int i = 0; i < 5; ++i) {
        cp::ReviewLabel l;
        l.family = page->session()->familyKey(page->queue()[std::size_t(i)]);
        l.reviewer = "Kim";
        l.equivalence = i == 3 ? cp::Equivalence::NotEquivalent : cp::Equivalence::Equivalent;
        l.expected = cp::ExpectedOutcome::Favourable;
        CP_VERIFY_OK(page->session()->save(l));
    }
    for (const Qt::Key key : {Qt::Key_E, Qt::Key_F, Qt::Key_E, Qt::Key_F, Qt::Key_N, Qt::Key_E,
                              Qt::Key_R})
        QTest::keyClick(page, key);
    page->goTo(3);
    QTest::qWait(100);
    QVERIFY(window.grab().save(QDir(folder).filePath("review-labelled.png")));

    page->setQueueMode(ReviewPage::QueueMode::Adjudication);
    QTest::qWait(100);
    QVERIFY(window.grab().save(QDir(folder).filePath("review-adjudication.png")));

    window.showSection(MainWindow::PairsSection);
    QComboBox *combo = window.pairsView()->reviewStateCombo();
    combo->setCurrentIndex(combo->findText("equivalent"));
    QTest::qWait(100);
    QVERIFY(window.grab().save(QDir(folder).filePath("pairs-review-filter.png")));
}

QTEST_MAIN(tst_ReviewWorkbench)
#include "tst_reviewworkbench.moc"
