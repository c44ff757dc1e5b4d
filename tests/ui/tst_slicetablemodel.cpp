// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/slicetablemodel.h>

#include <core/audit/auditengine.h>

#include "../support/shopflowaudit.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QtTest>

using cp::ui::SliceTableModel;

namespace {
} // namespace

using cp::test::shopflowAudit;

class tst_SliceTableModel : public QObject
{
    Q_OBJECT

private slots:
    void emptyModel();
    void shopflowCounts();
    void shopflowRates_data();
    void shopflowRates();
    void referenceGroupMarked();
    void reportOnlyFollowsContractSupport();
    void undefinedRateIsNotZero();
};

void tst_SliceTableModel::emptyModel()
{
    SliceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(SliceTableModel::ColumnCount));
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void tst_SliceTableModel::shopflowCounts()
{
    SliceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit());
    QCOMPARE(model.rowCount(), 2); // variant: formal, conversational
    QCOMPARE(model.columnCount(), 12);
    QCOMPARE(model.index(0, SliceTableModel::AttributeColumn).data().toString(), "variant");
    QCOMPARE(model.index(1, SliceTableModel::GroupColumn).data().toString(), "conversational");
    QCOMPARE(model.index(0, SliceTableModel::SizeColumn).data().toLongLong(), 10);
    QCOMPARE(model.index(0, SliceTableModel::PositivesColumn).data().toLongLong(), 6);
    QCOMPARE(model.index(0, SliceTableModel::NegativesColumn).data().toLongLong(), 4);
    QCOMPARE(model.index(0, SliceTableModel::MeanScoreColumn).data().toString(), "0.743");
    QCOMPARE(model.headerData(SliceTableModel::TprColumn, Qt::Horizontal).toString(), "TPR");

    // Reset to another result keeps the model consistent (the tester checks the signals).
    model.setResult(shopflowAudit("candidate.csv"));
    QCOMPARE(model.rowCount(), 2);
    model.setResult(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void tst_SliceTableModel::shopflowRates_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addColumn<qlonglong>("support");
    QTest::addColumn<double>("value");

    // REFERENCE: the CLI prints the same numbers (counterpart-cli audit --project …).
    QTest::newRow("formal selection") << 0 << int(SliceTableModel::SelectionRateColumn)
                                      << QString::fromUtf8("60.0 % [31.3–83.2]") << 10LL << 0.6;
    QTest::newRow("formal TPR") << 0 << int(SliceTableModel::TprColumn)
                                << QString::fromUtf8("83.3 % [43.6–97.0]") << 6LL << 5.0 / 6;
    QTest::newRow("formal FPR") << 0 << int(SliceTableModel::FprColumn)
                                << QString::fromUtf8("25.0 % [4.6–69.9]") << 4LL << 0.25;
    QTest::newRow("conversational TPR") << 1 << int(SliceTableModel::TprColumn)
                                        << QString::fromUtf8("50.0 % [18.8–81.2]") << 6LL << 0.5;
    QTest::newRow("conversational FPR") << 1 << int(SliceTableModel::FprColumn)
                                        << QString::fromUtf8("0.0 % [0.0–49.0]") << 4LL << 0.0;
    QTest::newRow("conversational selection")
        << 1 << int(SliceTableModel::SelectionRateColumn)
        << QString::fromUtf8("30.0 % [10.8–60.3]") << 10LL << 0.3;
}

void tst_SliceTableModel::shopflowRates()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    QFETCH(qlonglong, support);
    QFETCH(double, value);

    SliceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(shopflowAudit());
    const QModelIndex i = model.index(row, column);
    QCOMPARE(i.data().toString(), display);
    QCOMPARE(i.data(SliceTableModel::SupportRole).toLongLong(), support);
    QVERIFY(qAbs(i.data(SliceTableModel::ValueRole).toDouble() - value) < 1e-9);
    const double low = i.data(SliceTableModel::CiLowRole).toDouble();
    const double high = i.data(SliceTableModel::CiHighRole).toDouble();
    QVERIFY(low <= value && value <= high);
    QVERIFY(i.data(Qt::ToolTipRole).toString().contains(QStringLiteral(" of %1 ").arg(support)));
}

void tst_SliceTableModel::referenceGroupMarked()
{
    SliceTableModel model;
    model.setResult(shopflowAudit());
    const QModelIndex formal = model.index(0, SliceTableModel::GroupColumn);
    QCOMPARE(formal.data().toString(), "formal (reference)");
    QCOMPARE(formal.data(SliceTableModel::ValueRole).toString(), "formal");
    QVERIFY(formal.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(formal.data(Qt::ToolTipRole).toString().contains("reference"));
    const QModelIndex conversational = model.index(1, SliceTableModel::GroupColumn);
    QCOMPARE(conversational.data().toString(), "conversational");
    QVERIFY(!conversational.data(Qt::FontRole).isValid());
}

void tst_SliceTableModel::reportOnlyFollowsContractSupport()
{
    // The audit decides which slices lack support (SliceRates::status); the model shows it.
    const std::string dir = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge/";
    auto spec = cp::loadAuditSpec(dir + "spec.json");
    QVERIFY(spec && spec->contract);
    auto auditWith = [&](std::int64_t minPositives, std::int64_t minNegatives) {
        cp::AuditSpec s = *spec;
        s.contract->minPositives = minPositives;
        s.contract->minNegatives = minNegatives;
        auto r = cp::auditTableFile(dir + "shopflow.csv", s);
        return std::make_shared<const cp::AuditResult>(std::move(r).value());
    };
    SliceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(auditWith(6, 4));
    const QModelIndex tpr = model.index(0, SliceTableModel::TprColumn);
    QCOMPARE(tpr.data(SliceTableModel::ReportOnlyRole).toBool(), false);
    model.setResult(shopflowAudit()); // the ShopFlow contract: 50 and 30; slices hold 6 and 4
    QCOMPARE(tpr.data(SliceTableModel::ReportOnlyRole).toBool(), true);
    QVERIFY(tpr.data(Qt::ToolTipRole).toString().contains("Report-only"));
    QVERIFY(tpr.data(Qt::ToolTipRole).toString().contains("50 positives, 30 negatives"));
    QVERIFY(model.index(0, SliceTableModel::PositivesColumn).data(Qt::ToolTipRole).toString()
                .contains("fewer than the contract's minimum of 50"));
    model.setResult(auditWith(6, 30)); // only the negatives are short
    QCOMPARE(tpr.data(SliceTableModel::ReportOnlyRole).toBool(), true);
    QVERIFY(!model.index(0, SliceTableModel::PositivesColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(0, SliceTableModel::NegativesColumn).data(Qt::ForegroundRole).isValid());
}

void tst_SliceTableModel::undefinedRateIsNotZero()
{
    // A slice without negatives: FPR is undefined and must never read as 0.
    auto result = std::make_shared<cp::AuditResult>();
    cp::AttributeSlices attribute;
    attribute.attribute = "gender";
    cp::SliceRates slice;
    slice.group = "x";
    slice.n = 3;
    slice.positives = 3;
    slice.rates[std::size_t(cp::Metric::Tpr)] = {2, 3};
    slice.rates[std::size_t(cp::Metric::Fpr)] = {0, 0};
    attribute.groups.push_back(slice);
    result->slices.push_back(attribute);

    SliceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(result);
    const QModelIndex fpr = model.index(0, SliceTableModel::FprColumn);
    QCOMPARE(fpr.data().toString(), "undefined (n = 0)");
    QVERIFY(!fpr.data(SliceTableModel::ValueRole).isValid());
    QVERIFY(!fpr.data(SliceTableModel::CiLowRole).isValid());
    QCOMPARE(fpr.data(SliceTableModel::SupportRole).toLongLong(), 0);
    QCOMPARE(model.index(0, SliceTableModel::MeanScoreColumn).data().toString(), "undefined");
    QCOMPARE(model.index(0, SliceTableModel::TprColumn).data().toString(),
             QString::fromUtf8("66.7 % [20.8–93.9]"));
}

QTEST_MAIN(tst_SliceTableModel)
#include "tst_slicetablemodel.moc"
