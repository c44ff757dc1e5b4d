// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/checklistmodel.h>

#include <core/audit/auditengine.h>

#include "../support/shopflowaudit.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QtTest>

using cp::ui::CheckListModel;

namespace {
} // namespace

using cp::test::shopflowAudit;

class tst_CheckListModel : public QObject
{
    Q_OBJECT

private slots:
    void baselineChecks();
    void candidateInsufficient();
};

void tst_CheckListModel::baselineChecks()
{
    CheckListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit("shopflow.csv"));
    QCOMPARE(model.rowCount(), 8); // 4 checks + 4 missing attestations
    QCOMPARE(model.firstProblemRow(), 0);

    const QModelIndex status = model.index(0, CheckListModel::StatusColumn);
    QCOMPARE(status.data().toString(), "failed");
    QCOMPARE(status.data(Qt::ForegroundRole).value<QBrush>().color(),
             CheckListModel::statusColor(CheckListModel::RowStatus::Failed));
    QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(0, CheckListModel::NameColumn).data().toString(), "TPR gap");
    QCOMPARE(model.index(0, CheckListModel::AttributeColumn).data().toString(), "variant");
    QCOMPARE(model.index(0, CheckListModel::ValueColumn).data().toString(), "33.3 %");
    QCOMPARE(model.index(0, CheckListModel::LimitColumn).data().toString(),
             QString::fromUtf8("≤ 10.0 %"));
    QCOMPARE(model.index(2, CheckListModel::NameColumn).data().toString(), "min positives");
    QCOMPARE(model.index(2, CheckListModel::ValueColumn).data().toString(), "6");
    QCOMPARE(model.index(2, CheckListModel::LimitColumn).data().toString(),
             QString::fromUtf8("≥ 50"));

    const QModelIndex missing = model.index(4, CheckListModel::StatusColumn);
    QCOMPARE(missing.data().toString(), "missing");
    QCOMPARE(missing.data(CheckListModel::StatusRole).toInt(),
             int(CheckListModel::RowStatus::Missing));
    QCOMPARE(model.index(4, CheckListModel::NameColumn).data().toString(),
             "representative reviewed slice set");
}

void tst_CheckListModel::candidateInsufficient()
{
    CheckListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit("candidate.csv"));
    QCOMPARE(model.index(0, CheckListModel::StatusColumn).data().toString(), "insufficient");
    QCOMPARE(model.index(0, CheckListModel::StatusColumn).data(Qt::ForegroundRole)
                 .value<QBrush>().color(),
             CheckListModel::statusColor(CheckListModel::RowStatus::Insufficient));
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_CheckListModel)
#include "tst_checklistmodel.moc"
