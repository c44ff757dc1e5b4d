// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/fliplistmodel.h>

#include <core/audit/auditengine.h>

#include "../support/shopflowaudit.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QtTest>

using cp::ui::FlipListModel;

namespace {
} // namespace

using cp::test::shopflowAudit;

class tst_FlipListModel : public QObject
{
    Q_OBJECT

private slots:
    void shopflowFlips();
    void sortByScoreRange();
    void candidateHasNoFlips();
    void manyFlips();
};

void tst_FlipListModel::shopflowFlips()
{
    FlipListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit("shopflow.csv"));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.variants(), QStringList({"formal", "conversational"}));
    QCOMPARE(model.columnCount(), 5); // family, formal, conversational, stage, score range
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "Family");
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "formal");
    QCOMPARE(model.headerData(model.stageColumn(), Qt::Horizontal).toString(), "Stage");

    QStringList families;
    for (int row = 0; row < model.rowCount(); ++row) {
        families << model.index(row, model.familyColumn()).data().toString();
        QCOMPARE(model.index(row, 1).data().toString(), "auto_serve");
        QCOMPARE(model.index(row, 1).data(FlipListModel::FavourableRole).toBool(), true);
        QCOMPARE(model.index(row, 2).data().toString(), "human_review");
        QCOMPARE(model.index(row, 2).data(FlipListModel::FavourableRole).toBool(), false);
        QCOMPARE(model.index(row, model.stageColumn()).data().toString(), "judge");
    }
    families.sort();
    QCOMPARE(families, QStringList({"n1", "p4", "p5"}));
}

void tst_FlipListModel::sortByScoreRange()
{
    FlipListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit("shopflow.csv"));
    const QPersistentModelIndex p5 = [&] {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.index(row, 0).data().toString() == "p5")
                return QPersistentModelIndex(model.index(row, 0));
        return QPersistentModelIndex();
    }();
    QVERIFY(p5.isValid());

    model.sort(model.scoreRangeColumn(), Qt::DescendingOrder);
    QCOMPARE(model.index(0, 0).data().toString(), "p5"); // Δscore 0.180, the largest
    QCOMPARE(model.index(0, model.scoreRangeColumn()).data().toString(), "0.180");
    QCOMPARE(p5.row(), 0); // persistent indexes follow their flip
    model.sort(model.familyColumn(), Qt::AscendingOrder);
    QCOMPARE(model.index(0, 0).data().toString(), "n1");
    QCOMPARE(model.index(2, 0).data().toString(), "p5");
    QCOMPARE(p5.row(), 2);
}

void tst_FlipListModel::candidateHasNoFlips()
{
    FlipListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit("candidate.csv"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 3);
}

void tst_FlipListModel::manyFlips()
{
    // 300,000 flips: setResult, data() and sort stay fast because rows are read in place.
    auto result = std::make_shared<cp::AuditResult>();
    result->favourableLabel = "yes";
    constexpr int Count = 300'000;
    result->flips.reserve(Count);
    for (int i = 0; i < Count; ++i) {
        cp::Flip f;
        f.family = "f" + std::to_string(i);
        f.firstRow = 2 * i;
        f.outcomes = {{"a", i % 2 ? "yes" : "no"}, {"b", i % 2 ? "no" : "yes"}};
        f.stage = "model";
        f.scoreRange = double(i % 1000) / 1000;
        result->flips.push_back(std::move(f));
    }

    FlipListModel model;
    QElapsedTimer timer;
    timer.start();
    model.setResult(result);
    QCOMPARE(model.rowCount(), Count);
    QCOMPARE(model.index(Count - 1, 0).data().toString(), "f299999");
    QCOMPARE(model.index(Count - 1, 1).data().toString(), "yes");
    model.sort(model.scoreRangeColumn(), Qt::DescendingOrder);
    QCOMPARE(model.index(0, model.scoreRangeColumn()).data().toString(), "0.999");
    QCOMPARE(model.index(0, 0).data(FlipListModel::FirstRowRole).toLongLong(), 2 * 999);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));

    // The listing worked out with the audit opens the list in the order sort() gives (ties
    // in table order), and with the same columns.
    FlipListModel listed;
    listed.setResult(result, std::make_shared<const cp::FlipListing>(cp::listFlips(*result)));
    QCOMPARE(listed.variants(), model.variants());
    QCOMPARE(listed.rowCount(), model.rowCount());
    for (int row = 0; row < Count; row += 997)
        QCOMPARE(listed.index(row, 0).data(FlipListModel::FirstRowRole).toLongLong(),
                 model.index(row, 0).data(FlipListModel::FirstRowRole).toLongLong());
    QCOMPARE(listed.index(Count - 1, 0).data(FlipListModel::FirstRowRole).toLongLong(),
             model.index(Count - 1, 0).data(FlipListModel::FirstRowRole).toLongLong());
}

QTEST_MAIN(tst_FlipListModel)
#include "tst_fliplistmodel.moc"
