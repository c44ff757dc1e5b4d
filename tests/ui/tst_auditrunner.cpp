// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/auditrunner.h>

#include <core/store/projectstore.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using cp::ui::AuditRunner;

Q_DECLARE_METATYPE(std::shared_ptr<const cp::ProjectAudit>)
Q_DECLARE_METATYPE(std::shared_ptr<const cp::SourceAudit>)

class tst_AuditRunner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runsOffTheGuiThread();
    void cancelStopsALargeAudit();
    void destructorWaitsForWorker();
    void missingProjectFails();
    void keptAuditComesFirstThenItsPairs();

private:
    void forgetKeptAudits();

    QTemporaryDir m_dir;
    QString m_project;
};

void tst_AuditRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("big.counterpart");
    auto store = cp::ProjectStore::open(m_project.toStdString(),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    QVERIFY(store);
    QFile spec(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge/spec.json");
    QVERIFY(spec.open(QIODevice::ReadOnly));
    QVERIFY((*store)->saveSpec(spec.readAll().toStdString()));
    // 400,000 rows (200,000 families): long enough to cancel part-way.
    std::string csv = "pair,variant,channel,expected_auto_serve,evidence_passed,score\n";
    for (int i = 0; i < 200'000; ++i) {
        const std::string id = "f" + std::to_string(i);
        const char *truth = i % 3 ? "yes" : "no";
        csv += id + ",formal,chat," + truth + ",true,0." + std::to_string(50 + i % 50) + "\n";
        csv += id + ",conversational,email," + truth + ",true,0." + std::to_string(45 + i % 50)
               + "\n";
    }
    QVERIFY((*store)->importTable("big", csv, "csv"));
}

void tst_AuditRunner::runsOffTheGuiThread()
{
    AuditRunner runner;
    QSignalSpy finished(&runner, &AuditRunner::finished);
    QSignalSpy progress(&runner, &AuditRunner::progressChanged);
    runner.start(m_project, "big", false);
    QVERIFY(runner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY(!runner.isRunning());
    QVERIFY(progress.count() >= 1);
    auto audit = finished.at(0).at(0).value<std::shared_ptr<const cp::ProjectAudit>>();
    QVERIFY(audit);
    QCOMPARE(audit->result.rows, 400'000);
    QCOMPARE(audit->runId, 0); // record = false
    runner.waitForFinished(); // harmless after the result was taken
}

void tst_AuditRunner::forgetKeptAudits()
{
    auto store = cp::ProjectStore::open(m_project.toStdString());
    QVERIFY(store);
    QVERIFY((*store)->invalidateAuditCache(""));
}

void tst_AuditRunner::cancelStopsALargeAudit()
{
    forgetKeptAudits();  // a kept audit would be back before the cancel
    AuditRunner runner;
    QSignalSpy finished(&runner, &AuditRunner::finished);
    QSignalSpy cancelled(&runner, &AuditRunner::cancelled);
    runner.start(m_project, "big", false);
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 60000);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!runner.isRunning());

    // Starting twice: the first run is cancelled, only the second reports.
    forgetKeptAudits();
    runner.start(m_project, "big", false);
    runner.start(m_project, "big", false);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
}

void tst_AuditRunner::destructorWaitsForWorker()
{
    auto runner = std::make_unique<AuditRunner>();
    runner->start(m_project, "big", false);
    runner.reset(); // cancels and waits; must neither crash nor hang
    QVERIFY(true);
}

void tst_AuditRunner::missingProjectFails()
{
    AuditRunner runner;
    QSignalSpy failed(&runner, &AuditRunner::failed);
    runner.start(m_dir.filePath("absent.counterpart"), {});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const auto error = failed.at(0).at(0).value<cp::Error>();
    QVERIFY(QString::fromStdString(error.toString()).contains("absent.counterpart"));
}

void tst_AuditRunner::keptAuditComesFirstThenItsPairs()
{
    using Whole = std::shared_ptr<const cp::SourceAudit>;
    forgetKeptAudits();
    AuditRunner runner;
    QSignalSpy sources(&runner, &AuditRunner::sourceFinished);
    QSignalSpy indexed(&runner, &AuditRunner::pairsIndexed);
    runner.start(m_project, "big", false);
    QTRY_COMPARE_WITH_TIMEOUT(sources.count(), 1, 120000);
    const Whole audited = sources.at(0).at(0).value<Whole>();
    QVERIFY(!audited->fromCache);
    QVERIFY(audited->pairs);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 60000);
    QCOMPARE(indexed.count(), 0);

    // Opened again: the kept audit at once, without its index; then the index.
    runner.start(m_project, "big", false);
    QTRY_COMPARE_WITH_TIMEOUT(sources.count(), 2, 60000);
    const Whole kept = sources.at(1).at(0).value<Whole>();
    QVERIFY(kept->fromCache);
    QVERIFY(kept->pairsPending);
    QVERIFY(!kept->pairs);
    QVERIFY(kept->audit.result == audited->audit.result);
    QVERIFY(runner.isRunning());  // reading the pairs
    QTRY_COMPARE_WITH_TIMEOUT(indexed.count(), 1, 120000);
    const Whole whole = indexed.at(0).at(0).value<Whole>();
    QVERIFY(whole->pairs);
    QVERIFY(!whole->pairsPending);
    QCOMPARE(whole->pairs->families.size(), audited->pairs->families.size());
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 60000);
}

QTEST_MAIN(tst_AuditRunner)
#include "tst_auditrunner.moc"
