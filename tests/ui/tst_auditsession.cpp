// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The workbench's one background runner (BackgroundTask: latest wins, one at a time, the
// destructor waits) and "the audit changed" (AuditSession: a view that subscribes gets each
// audit without the main window handing it over, one view per turn of the event loop).
#include <ui/audit/auditsession.h>
#include <ui/audit/auditview.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/pairs/pairsmodel.h>
#include <ui/pairs/pairsview.h>
#include <ui/work/backgroundtask.h>

#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using cp::ui::AuditSession;
using cp::ui::BackgroundTask;

namespace {

const QString SampleFolder = QStringLiteral(COUNTERPART_SOURCE_DIR
                                            "/sample_projects/shopflow-judge");

/// Work that runs until it is cancelled (or for at most 20 s), then says so.
cp::Result<int> untilCancelled(const cp::Progress &progress, std::atomic<bool> &sawCancel,
                               std::atomic<bool> *started = nullptr)
{
    if (started)
        *started = true;
    for (int i = 0; i < 2000; ++i) {
        if (progress.isCancelled()) {
            sawCancel = true;
            return cp::Error{cp::ErrorCode::Cancelled, "", 0, "", "cancelled"};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 1;
}

std::shared_ptr<const cp::SourceAudit> auditNamed(const std::string &name)
{
    auto audit = std::make_shared<cp::SourceAudit>();
    audit->audit.table.name = name;
    return audit;
}

/// A job cancelled before a pool thread picked it up never runs; these tests want it running.
bool waitUntil(const std::atomic<bool> &flag)
{
    for (int i = 0; i < 2000 && !flag; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return flag;
}

} // namespace

class tst_AuditSession : public QObject
{
    Q_OBJECT

private slots:
    void latestWinsDiscardsTheSupersededResult();
    void oneAtATimeRefusesWhileBusy();
    void cancelReportsCancelled();
    void destructorWaitsForTheWorker();
    void workLeavesTheGlobalPoolToQt();
    void subscribersTakeTheAuditOnePerTurn();
    void newerAuditStopsTheOlderHandOff();
    void lateSubscriberGetsTheCurrentAudit();
    void clearReachesEverySubscriberAtOnce();
    void viewSubscribedToTheWindowGetsTheAudit();
};

void tst_AuditSession::latestWinsDiscardsTheSupersededResult()
{
    BackgroundTask task(BackgroundTask::Policy::LatestWins);
    std::atomic<bool> firstCancelled = false, firstStarted = false;
    QStringList delivered;
    QSignalSpy idle(&task, &BackgroundTask::idle);
    QVERIFY(task.run<int>(
        [&](const cp::Progress &p) { return untilCancelled(p, firstCancelled, &firstStarted); },
        [&](cp::Result<int>) { delivered << "first"; }));
    QVERIFY(task.isRunning());
    QVERIFY(waitUntil(firstStarted));
    // The second request supersedes the first without blocking the GUI thread.
    QElapsedTimer t;
    t.start();
    QVERIFY(task.run<int>([](const cp::Progress &) { return cp::Result<int>(2); },
                          [&](cp::Result<int> r) { delivered << QString::number(*r); }));
    QVERIFY(t.elapsed() < 5);
    QVERIFY(task.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(idle.count(), 1, 20000);
    QCOMPARE(delivered, QStringList{"2"});
    QVERIFY(firstCancelled);
    QVERIFY(!task.isRunning());
}

void tst_AuditSession::oneAtATimeRefusesWhileBusy()
{
    BackgroundTask task(BackgroundTask::Policy::OneAtATime);
    std::atomic<bool> cancelled = false;
    int delivered = 0;
    QVERIFY(task.run<int>([&](const cp::Progress &p) { return untilCancelled(p, cancelled); },
                          [&](cp::Result<int>) { ++delivered; }));
    QVERIFY(!task.run<int>([](const cp::Progress &) { return cp::Result<int>(2); },
                           [&](cp::Result<int>) { delivered += 10; }));
    QSignalSpy cancelledSpy(&task, &BackgroundTask::cancelled);
    task.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelledSpy.count(), 1, 20000);
    QCOMPARE(delivered, 0);
    // Idle again: the next request runs, and an error reaches its callback as it is.
    QString error;
    QVERIFY(task.run<int>(
        [](const cp::Progress &) {
            return cp::Result<int>(cp::Error{cp::ErrorCode::Invalid, "f", 0, "x", "bad"});
        },
        [&](cp::Result<int> r) { error = QString::fromStdString(r.error().message); }));
    QTRY_COMPARE_WITH_TIMEOUT(error, QStringLiteral("bad"), 20000);
}

/// Qt's raster engine splits some paints over QThreadPool::globalInstance() and waits for
/// them: two long jobs there blocked a scroll bar's paint for 100 ms. The workbench's jobs
/// run on a pool of their own, and the global one stays free while they run.
void tst_AuditSession::workLeavesTheGlobalPoolToQt()
{
    BackgroundTask first(BackgroundTask::Policy::OneAtATime);
    BackgroundTask second(BackgroundTask::Policy::OneAtATime);
    std::atomic<bool> cancelled = false, started1 = false, started2 = false;
    std::atomic<bool> onGlobalPool = false;
    const auto job = [&](std::atomic<bool> &started) {
        return [&](const cp::Progress &p) {
            onGlobalPool = onGlobalPool
                           || QThreadPool::globalInstance()->activeThreadCount() > 0;
            return untilCancelled(p, cancelled, &started);
        };
    };
    QVERIFY(first.run<int>(job(started1), [](cp::Result<int>) {}));
    QVERIFY(second.run<int>(job(started2), [](cp::Result<int>) {}));
    QVERIFY(waitUntil(started1));
    QVERIFY(waitUntil(started2));
    QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
    QVERIFY(!onGlobalPool);
    // A paint's share of work on the global pool runs now, not after the jobs.
    std::atomic<bool> ran = false;
    QThreadPool::globalInstance()->start([&] { ran = true; });
    QVERIFY(QThreadPool::globalInstance()->waitForDone(2000));
    QVERIFY(ran);
    first.cancel();
    second.cancel();
    first.waitForFinished();
    second.waitForFinished();
}

void tst_AuditSession::cancelReportsCancelled()
{
    BackgroundTask task(BackgroundTask::Policy::LatestWins);
    std::atomic<bool> cancelled = false;
    bool delivered = false;
    QSignalSpy progress(&task, &BackgroundTask::progressChanged);
    QSignalSpy cancelledSpy(&task, &BackgroundTask::cancelled);
    task.run<int>(
        [&](const cp::Progress &p) {
            p.report(1, 2);
            return untilCancelled(p, cancelled);
        },
        [&](cp::Result<int>) { delivered = true; });
    // 0 at the start (the watcher may say so twice, in either order with our own), then 500.
    auto lastValue = [&] { return progress.isEmpty() ? -1 : progress.last().at(0).toInt(); };
    QTRY_COMPARE_WITH_TIMEOUT(lastValue(), 500, 20000);
    QCOMPARE(progress.last().at(1).toInt(), BackgroundTask::ProgressMaximum);
    task.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelledSpy.count(), 1, 20000);
    QVERIFY(cancelled);
    QVERIFY(!delivered);
}

void tst_AuditSession::destructorWaitsForTheWorker()
{
    std::atomic<bool> cancelled = false, started = false;
    std::atomic<bool> returned = false;
    bool delivered = false;
    {
        BackgroundTask task(BackgroundTask::Policy::LatestWins);
        task.run<int>(
            [&](const cp::Progress &p) {
                auto r = untilCancelled(p, cancelled, &started);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                returned = true;
                return r;
            },
            [&](cp::Result<int>) { delivered = true; });
        QVERIFY(waitUntil(started));
    }
    // The destructor cancelled the work and waited until it had returned.
    QVERIFY(cancelled);
    QVERIFY(returned);
    QCoreApplication::processEvents();
    QVERIFY(!delivered);
}

void tst_AuditSession::subscribersTakeTheAuditOnePerTurn()
{
    AuditSession session;
    QObject a, b, c;
    QStringList calls;
    session.subscribe(&a, [&](const auto &audit) { calls << "a:" + QString::fromStdString(audit->audit.table.name); });
    session.subscribe(&b, [&](const auto &audit) { calls << "b:" + QString::fromStdString(audit->audit.table.name); });
    session.subscribe(&c, [&](const auto &audit) { calls << "c:" + QString::fromStdString(audit->audit.table.name); });
    QSignalSpy delivered(&session, &AuditSession::delivered);
    session.setAudit(QStringLiteral("p.counterpart"), auditNamed("t1"));
    QCOMPARE(calls, QStringList{"a:t1"});  // the first at once, the rest later
    QVERIFY(session.isDelivering());
    QTRY_COMPARE(delivered.count(), 1);
    QCOMPARE(calls, (QStringList{"a:t1", "b:t1", "c:t1"}));
    QVERIFY(!session.isDelivering());
    QCOMPARE(session.projectFile(), QStringLiteral("p.counterpart"));
    QCOMPARE(session.projectAudit()->table.name, std::string("t1"));
}

void tst_AuditSession::newerAuditStopsTheOlderHandOff()
{
    AuditSession session;
    QObject a, b;
    auto gone = std::make_unique<QObject>();
    QStringList calls;
    auto name = [](const std::shared_ptr<const cp::SourceAudit> &audit) {
        return QString::fromStdString(audit->audit.table.name);
    };
    session.subscribe(&a, [&](const auto &audit) { calls << "a:" + name(audit); });
    session.subscribe(gone.get(), [&](const auto &audit) { calls << "gone:" + name(audit); });
    session.subscribe(&b, [&](const auto &audit) { calls << "b:" + name(audit); });
    QSignalSpy delivered(&session, &AuditSession::delivered);
    session.setAudit({}, auditNamed("old"));
    gone.reset();  // destroyed before its turn: skipped
    session.setAudit({}, auditNamed("new"));  // before b had "old"
    QTRY_COMPARE(delivered.count(), 1);
    QTest::qWait(20);
    QCOMPARE(calls, (QStringList{"a:old", "a:new", "b:new"}));
}

void tst_AuditSession::lateSubscriberGetsTheCurrentAudit()
{
    AuditSession session;
    session.setAudit({}, auditNamed("t"));
    QObject late;
    QString got;
    session.subscribe(&late, [&](const auto &audit) {
        got = QString::fromStdString(audit->audit.table.name);
    });
    QTRY_COMPARE(got, QStringLiteral("t"));
}

void tst_AuditSession::clearReachesEverySubscriberAtOnce()
{
    AuditSession session;
    QObject a, b;
    int nulls = 0;
    session.subscribe(&a, [&](const auto &audit) { nulls += audit == nullptr; });
    session.subscribe(&b, [&](const auto &audit) { nulls += audit == nullptr; });
    session.setAudit({}, auditNamed("t"));
    session.clear();  // also stops the hand-off of "t" to b
    QCOMPARE(nulls, 2);
    QVERIFY(!session.audit());
    QTest::qWait(20);
    QCOMPARE(nulls, 2);
}

void tst_AuditSession::viewSubscribedToTheWindowGetsTheAudit()
{
    // A view the main window knows nothing about: subscribing is all it takes.
    cp::ui::MainWindow window;
    window.setErrorDialogsEnabled(false);
    cp::ui::PairsView extraPairs;
    cp::ui::AuditView extraAudit;
    extraPairs.setSession(window.auditSession());
    extraAudit.setSession(window.auditSession());
    QSignalSpy finished(&window, &cp::ui::MainWindow::auditFinished);
    QVERIFY(window.openProject(SampleFolder, QStringLiteral("baseline")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    const auto audit = window.currentSourceAudit();
    QVERIFY(audit && audit->pairs);
    // The session hands the audit on one subscriber per turn of the event loop; these two
    // subscribed last, so they may get it after the window's own views.
    QTRY_COMPARE_WITH_TIMEOUT(extraPairs.model()->rowCount(), int(audit->pairs->families.size()),
                              20000);
    QVERIFY(extraPairs.model()->rowCount() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(extraAudit.isEnabled(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(extraAudit.flipsSummary(), window.auditView()->flipsSummary(), 20000);
    QVERIFY(!extraAudit.flipsSummary().isEmpty());
}

QTEST_MAIN(tst_AuditSession)
#include "tst_auditsession.moc"
