// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include <ui/audit/calibrationview.h>
#include <ui/audit/heatmapdelegate.h>
#include <ui/audit/intersectiongridmodel.h>
#include <ui/audit/intersectionview.h>

#include <core/audit/auditengine.h>

#include "../support/shopflowaudit.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using cp::ui::CalibrationView;
using cp::ui::HeatmapDelegate;
using cp::ui::IntersectionGridModel;
using cp::ui::IntersectionView;

namespace {

cp::AuditSpec shopflowSpec()
{
    auto spec = cp::loadAuditSpec(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge/spec.json");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    return std::move(spec).value();
}

/// A cell from its confusion counts; status from the intersection's minimum support.
cp::IntersectionCell makeCell(std::vector<std::string> key, std::int64_t tp, std::int64_t fn,
                              std::int64_t fp, std::int64_t tn, std::int64_t minSupport)
{
    cp::IntersectionCell c;
    c.key = std::move(key);
    c.positives = tp + fn;
    c.negatives = fp + tn;
    c.n = c.positives + c.negatives;
    c.rate(cp::Metric::SelectionRate) = {tp + fp, c.n};
    c.rate(cp::Metric::Tpr) = {tp, c.positives};
    c.rate(cp::Metric::Fpr) = {fp, c.negatives};
    c.rate(cp::Metric::Fnr) = {fn, c.positives};
    c.rate(cp::Metric::Precision) = {tp, tp + fp};
    c.rate(cp::Metric::Accuracy) = {tp + tn, c.n};
    c.status = c.n > 0 && c.n >= minSupport ? cp::CellStatus::Eligible
                                            : cp::CellStatus::ReportOnly;
    return c;
}

/// region × age × gender over all rows, min support 50; cells in the engine's row-major order.
/// region=south, age=old, gender=x has no rows; region=north, age=young, gender=m no positives.
std::shared_ptr<const cp::AuditResult> threeDimensionAudit()
{
    auto result = std::make_shared<cp::AuditResult>();
    cp::Intersection x;
    x.dimensions = {"region", "age", "gender"};
    x.population = cp::Population::All;
    x.minSupport = 50;
    int i = 0;
    for (const char *region : {"north", "south"})
        for (const char *age : {"young", "old"})
            for (const char *gender : {"f", "m", "x"}) {
                const std::string r(region), a(age), g(gender);
                std::int64_t tp = 20 + 7 * i, fn = 10 + (i * 5) % 17, fp = 5 + (i * 3) % 11,
                             tn = 30 + (i * 13) % 29;
                if (g == "x") // a small group: report-only
                    tp = 2, fn = 1, fp = 1, tn = 0;
                if (r == "south" && a == "old" && g == "x")
                    tp = fn = fp = tn = 0;
                if (r == "north" && a == "young" && g == "m")
                    tp = fn = 0;
                x.cells.push_back(makeCell({r, a, g}, tp, fn, fp, tn, x.minSupport));
                ++i;
            }
    result->intersections.push_back(std::move(x));
    return result;
}

cp::AuditSpec threeDimensionSpec()
{
    cp::AuditSpec spec;
    spec.protectedAttributes.push_back({"gender", "gender", {"x", "f", "m"}, std::nullopt});
    spec.protectedAttributes.push_back({"age", "age", {}, std::nullopt});
    spec.strata.push_back({"region", "region", {"south", "north"}, std::nullopt});
    return spec;
}

/// The section whose header reads text, or -1.
int section(const QAbstractItemModel &model, Qt::Orientation o, const QString &text)
{
    const int count = o == Qt::Horizontal ? model.columnCount() : model.rowCount();
    for (int s = 0; s < count; ++s)
        if (model.headerData(s, o).toString() == text)
            return s;
    return -1;
}

int row(const QAbstractItemModel &model, const QString &header)
{
    return section(model, Qt::Vertical, header);
}

int column(const QAbstractItemModel &model, const QString &header)
{
    return section(model, Qt::Horizontal, header);
}

QString text(const QAbstractItemModel &model, int r, int c)
{
    return model.index(r, c).data().toString();
}

} // namespace

using cp::test::shopflowAudit;

class tst_IntersectionView : public QObject
{
    Q_OBJECT

private slots:
    void emptyView();
    void shopflowGrid();
    void shopflowDeclaredOrder();
    void threeDimensionsFacets();
    void metricSwitching();
    void undefinedCells();
    void cellActivatedOnClickAndEnter();
    void colourScale();
    void calibrationShopflow();
    void calibrationEligibleCells();
    void calibrationWithoutBands();
    void screenshots();
};

void tst_IntersectionView::emptyView()
{
    IntersectionView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(view.currentIntersection(), -1);
    QVERIFY(view.summaryText().contains("No audit yet"));
    auto result = std::make_shared<cp::AuditResult>();
    view.setAudit(result, nullptr);
    QVERIFY(view.summaryText().contains("no intersections"));
    view.setAudit(nullptr, nullptr);
    QCOMPARE(view.model()->rowCount(), 0);
}

void tst_IntersectionView::shopflowGrid()
{
    const cp::AuditSpec spec = shopflowSpec();
    IntersectionView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setAudit(shopflowAudit(), &spec);

    QCOMPARE(view.intersectionCombo()->count(), 1);
    QCOMPARE(view.intersectionCombo()->itemText(0), QString::fromUtf8("channel × variant — positives"));
    // Over positives only the TPR is defined (the selection rate is the TPR there).
    QCOMPARE(view.metricCombo()->count(), 1);
    QCOMPARE(view.metric(), cp::Metric::Tpr);
    QVERIFY(!view.setMetric(cp::Metric::Fpr));

    const IntersectionGridModel &model = *view.model();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "channel = chat");
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), "channel = email");
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "variant = formal");
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "variant = conversational");

    // REFERENCE: counterpart-cli audit prints the same cells (3 positives each, min support 50).
    QCOMPARE(text(model, 0, 0),
             QString::fromUtf8("100.0 %\n[43.9, 100.0]\nreport-only · n=3 < 50"));
    QCOMPARE(text(model, 1, 0),
             QString::fromUtf8("66.7 %\n[20.8, 93.9]\nreport-only · n=3 < 50"));
    const QModelIndex zero = model.index(1, 1);
    QCOMPARE(zero.data().toString(), QString::fromUtf8("0.0 %\n[0.0, 56.1]\nreport-only · n=3 < 50"));
    QCOMPARE(zero.data(IntersectionGridModel::ValueRole).toDouble(), 0.0); // defined, a real 0
    QCOMPARE(zero.data(IntersectionGridModel::SupportRole).toLongLong(), 3);
    QCOMPARE(zero.data(IntersectionGridModel::CellSizeRole).toLongLong(), 3);
    QCOMPARE(zero.data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"email", "conversational"}));
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c)
            QVERIFY(model.index(r, c).data(IntersectionGridModel::ReportOnlyRole).toBool());
    const QString tip = zero.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("0 of 3 positives predicted favourable"), qPrintable(tip));
    QVERIFY2(tip.contains("3 positives"), qPrintable(tip));
    QVERIFY2(tip.contains("0 negatives"), qPrintable(tip));
    QVERIFY2(tip.contains("Report-only"), qPrintable(tip));
    QVERIFY(view.summaryText().contains("4 of 4 cells are report-only"));
    QVERIFY(view.legendText().contains("fewer than 50 rows"));
    QVERIFY(view.legendText().contains("never used for a decision"));
}

void tst_IntersectionView::shopflowDeclaredOrder()
{
    cp::AuditSpec spec = shopflowSpec();
    for (auto &a : spec.strata)
        if (a.name == "channel")
            a.groups = {"email", "chat"};
    for (auto &a : spec.protectedAttributes)
        if (a.name == "variant")
            a.groups = {"conversational", "formal"};
    IntersectionView view;
    view.setAudit(shopflowAudit(), &spec);
    const IntersectionGridModel &model = *view.model();
    QCOMPARE(model.groups(0), QStringList({"email", "chat"}));
    QCOMPARE(model.groups(1), QStringList({"conversational", "formal"}));
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "channel = email");
    QCOMPARE(model.index(0, 0).data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"email", "conversational"}));
    QVERIFY(text(model, 0, 0).startsWith(QString::fromUtf8("0.0 %")));

    // Without a spec, the table's order.
    view.setAudit(shopflowAudit(), nullptr);
    QCOMPARE(view.model()->groups(0), QStringList({"chat", "email"}));
}

void tst_IntersectionView::threeDimensionsFacets()
{
    const cp::AuditSpec spec = threeDimensionSpec();
    IntersectionView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setAudit(threeDimensionAudit(), &spec);
    const IntersectionGridModel &model = *view.model();
    QCOMPARE(view.intersectionCombo()->itemText(0),
             QString::fromUtf8("region × age × gender — all rows"));
    QCOMPARE(model.dimensionCount(), 3);
    QCOMPARE(model.groups(0), QStringList({"south", "north"})); // declared
    QCOMPARE(model.groups(1), QStringList({"young", "old"}));   // as found
    QCOMPARE(model.groups(2), QStringList({"x", "f", "m"}));    // declared

    // Rows region, columns age, faceted on gender = x (the first declared group).
    QCOMPARE(model.rowDimension(), 0);
    QCOMPARE(model.columnDimension(), 1);
    QCOMPARE(model.facetDimensions(), std::vector<int>({2}));
    QCOMPARE(model.facet(2), 0);
    auto *facetCombo = view.findChild<QComboBox *>("facetCombo_gender");
    QVERIFY(facetCombo);
    QCOMPARE(facetCombo->count(), 3);
    QVERIFY(view.findChild<QComboBox *>("rowDimensionCombo")->isVisibleTo(&view));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.index(1, 0).data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"north", "young", "x"}));
    QVERIFY(view.summaryText().contains("Showing only gender = x"));

    // Facet gender = f through its combo: north/young/f is i = 0: tp 20, fn 10, fp 5, tn 30.
    facetCombo->setCurrentIndex(1);
    QCOMPARE(model.facet(2), 1);
    QCOMPARE(model.index(1, 0).data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"north", "young", "f"}));
    QCOMPARE(text(model, 1, 0), QString::fromUtf8("38.5 %\n[27.6, 50.6]\nn = 65"));
    QVERIFY(!model.index(1, 0).data(IntersectionGridModel::ReportOnlyRole).toBool());

    // Rows gender, columns region; age becomes the facet.
    QVERIFY(view.setAxes(2, 0));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "gender = x");
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "region = north");
    QCOMPARE(model.facetDimensions(), std::vector<int>({1}));
    QVERIFY(view.findChild<QComboBox *>("facetCombo_age"));
    QVERIFY(!view.findChild<QComboBox *>("facetCombo_gender"));
    QCOMPARE(model.index(1, 1).data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"north", "young", "f"}));
    QVERIFY(view.setFacet(1, 1));
    QCOMPARE(model.index(0, 0).data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"south", "old", "x"}));
    QVERIFY(!view.setAxes(1, 1));
    QVERIFY(!view.setFacet(2, 0)); // gender is an axis now

    // Picking the column dimension as rows swaps the two.
    view.findChild<QComboBox *>("rowDimensionCombo")->setCurrentIndex(0);
    QCOMPARE(model.rowDimension(), 0);
    QCOMPARE(model.columnDimension(), 2);
}

void tst_IntersectionView::metricSwitching()
{
    const cp::AuditSpec spec = threeDimensionSpec();
    IntersectionView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setAudit(threeDimensionAudit(), &spec);
    QVERIFY(view.setFacet(2, 1)); // gender = f
    const IntersectionGridModel &model = *view.model();
    QCOMPARE(view.metricCombo()->count(), 4);
    QCOMPARE(view.metric(), cp::Metric::SelectionRate);
    QSignalSpy changed(view.model(), &QAbstractItemModel::dataChanged);

    // north/young/f: tp 20, fn 10, fp 5, tn 30.
    QVERIFY(view.setMetric(cp::Metric::Tpr));
    QCOMPARE(view.metric(), cp::Metric::Tpr);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(text(model, 1, 0), QString::fromUtf8("66.7 %\n[48.8, 80.8]\nn = 30 of 65"));
    QVERIFY(view.summaryText().contains("TPR"));
    QVERIFY(view.setMetric(cp::Metric::Fpr));
    QCOMPARE(text(model, 1, 0), QString::fromUtf8("14.3 %\n[6.3, 29.4]\nn = 35 of 65"));
    QVERIFY(view.setMetric(cp::Metric::Precision));
    QCOMPARE(text(model, 1, 0), QString::fromUtf8("80.0 %\n[60.9, 91.1]\nn = 25 of 65"));
    QVERIFY(!view.setMetric(cp::Metric::Fnr));
    QCOMPARE(view.metric(), cp::Metric::Precision);
    view.metricCombo()->setCurrentIndex(0);
    QCOMPARE(view.metric(), cp::Metric::SelectionRate);
}

void tst_IntersectionView::undefinedCells()
{
    const cp::AuditSpec spec = threeDimensionSpec();
    IntersectionView view;
    view.setAudit(threeDimensionAudit(), &spec);
    const IntersectionGridModel &model = *view.model();
    // gender = x (the default facet): south/old/x has no rows at all.
    const QModelIndex empty = model.index(row(model, "region = south"), column(model, "age = old"));
    QCOMPARE(empty.data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"south", "old", "x"}));
    QCOMPARE(empty.data().toString(),
             QString::fromUtf8("undefined (n = 0)\nreport-only · n=0 < 50"));
    QVERIFY(!empty.data(IntersectionGridModel::ValueRole).isValid());
    QVERIFY(empty.data(IntersectionGridModel::ReportOnlyRole).toBool());
    QVERIFY(!HeatmapDelegate::cellColour(empty));

    // north/young/m has rows but no positives: its TPR is undefined, never 0.
    QVERIFY(view.setFacet(2, 2));
    QVERIFY(view.setMetric(cp::Metric::Tpr));
    const QModelIndex noPositives = model.index(row(model, "region = north"),
                                                column(model, "age = young"));
    QCOMPARE(noPositives.data(IntersectionGridModel::KeyRole).toStringList(),
             QStringList({"north", "young", "m"}));
    QVERIFY(!noPositives.data(IntersectionGridModel::ReportOnlyRole).toBool());
    QVERIFY(noPositives.data().toString().startsWith("undefined (n = 0)"));
    QVERIFY(!noPositives.data().toString().contains("0.0 %"));
    QVERIFY(!noPositives.data(IntersectionGridModel::ValueRole).isValid());
    QVERIFY(noPositives.data(Qt::ToolTipRole).toString().contains("Undefined"));
}

void tst_IntersectionView::cellActivatedOnClickAndEnter()
{
    const cp::AuditSpec spec = shopflowSpec();
    IntersectionView view;
    view.resize(900, 500);
    view.setAudit(shopflowAudit(), &spec);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &IntersectionView::cellActivated);

    QTableView *table = view.table();
    const QModelIndex index = view.model()->index(1, 0); // email × formal
    const QRect rect = table->visualRect(index);
    QVERIFY(rect.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList({"channel", "variant"}));
    QCOMPARE(spy.at(0).at(1).toStringList(), QStringList({"email", "formal"}));

    table->setFocus();
    table->setCurrentIndex(view.model()->index(0, 1));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).toStringList(), QStringList({"chat", "conversational"}));
    // Keyboard navigation moves between cells.
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(table->currentIndex(), view.model()->index(1, 1));
    QTest::keyClick(table, Qt::Key_Enter);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(1).toStringList(), QStringList({"email", "conversational"}));
}

void tst_IntersectionView::colourScale()
{
    // viridis' ends: dark purple with white text, yellow with black text.
    QCOMPARE(HeatmapDelegate::scaleColour(0), QColor(0x440154));
    QCOMPARE(HeatmapDelegate::scaleColour(1), QColor(0xfde725));
    QCOMPARE(HeatmapDelegate::scaleColour(2), QColor(0xfde725));
    QCOMPARE(HeatmapDelegate::textColour(HeatmapDelegate::scaleColour(0)), QColor(Qt::white));
    QCOMPARE(HeatmapDelegate::textColour(HeatmapDelegate::scaleColour(1)), QColor(Qt::black));
    // Lightness grows with the value, so the scale also reads in grey.
    int previous = -1;
    for (int i = 0; i <= 20; ++i) {
        const int luma = qGray(HeatmapDelegate::scaleColour(i / 20.0).rgb());
        QVERIFY2(luma >= previous, qPrintable(QString::number(i)));
        previous = luma;
    }
}

void tst_IntersectionView::calibrationShopflow()
{
    const cp::AuditSpec spec = shopflowSpec();
    CalibrationView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setAudit(shopflowAudit(), &spec);
    const QAbstractItemModel &model = *view.model();
    QCOMPARE(view.attributeCombo()->count(), 1);
    QCOMPARE(view.attributeCombo()->itemText(0), "variant");
    QCOMPARE(view.minimumSupport(), 10);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "score < 0.70");
    QCOMPARE(model.headerData(2, Qt::Vertical).toString(), "score >= 0.90");
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "variant = formal");
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), "variant = conversational");

    // REFERENCE: counterpart-cli: formal < 0.70 n=4 25.0 %, conversational >= 0.90 n=0.
    const QModelIndex formalLow = model.index(0, 0);
    QCOMPARE(formalLow.data().toString(), QString::fromUtf8("insufficient · n=4 < 10"));
    QVERIFY(formalLow.data(HeatmapDelegate::ReportOnlyRole).toBool());
    QCOMPARE(formalLow.data(HeatmapDelegate::ValueRole).toDouble(), 0.25);
    QCOMPARE(formalLow.data(CalibrationView::CellSizeRole).toLongLong(), 4);
    QVERIFY(formalLow.data(Qt::ToolTipRole).toString().contains("1 of 4"));
    QVERIFY(formalLow.data(Qt::ToolTipRole).toString().contains("Insufficient support"));
    QCOMPARE(model.index(2, 1).data().toString(), QString::fromUtf8("insufficient · n=0 < 10"));
    QVERIFY(!model.index(2, 1).data(CalibrationView::MeanScoreRole).isValid());
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 2; ++c)
            QVERIFY(model.index(r, c).data(HeatmapDelegate::ReportOnlyRole).toBool());
    QVERIFY(view.summaryText().contains("6 of 6 cells have insufficient support"));
}

void tst_IntersectionView::calibrationEligibleCells()
{
    // A lower floor makes some ShopFlow cells eligible.
    cp::AuditSpec spec = shopflowSpec();
    auto result = std::make_shared<cp::AuditResult>(*shopflowAudit());
    spec.contract->minCalibrationSupport = 5;
    for (cp::CalibrationCell &cell : result->calibration)
        cell.eligible = cell.n >= 5;
    CalibrationView view;
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setAudit(result, &spec);
    const QAbstractItemModel &model = *view.model();
    // conversational < 0.70: n = 7, 42.9 % observed.
    const QModelIndex cell = model.index(0, 1);
    QVERIFY(!cell.data(HeatmapDelegate::ReportOnlyRole).toBool());
    const QStringList lines = cell.data().toString().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QString::fromUtf8("42.9 %"));
    QVERIFY(lines[1].startsWith('[') && lines[1].endsWith(']'));
    QVERIFY2(lines[2].startsWith(QString::fromUtf8("n = 7 · mean score 0.")), qPrintable(lines[2]));
    QVERIFY(cell.data(CalibrationView::MeanScoreRole).isValid());
    QCOMPARE(model.index(0, 0).data().toString(), QString::fromUtf8("insufficient · n=4 < 5"));
}

void tst_IntersectionView::calibrationWithoutBands()
{
    cp::AuditSpec spec = shopflowSpec();
    spec.scoreBands.reset();
    auto result = std::make_shared<cp::AuditResult>(*shopflowAudit());
    result->calibration.clear();
    CalibrationView view;
    view.setAudit(result, &spec);
    QCOMPARE(view.summaryText(), "No calibration: the spec defines no score bands.");
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.table()->isVisibleTo(&view));
    view.setAudit(nullptr, nullptr);
    QCOMPARE(view.summaryText(), "No audit yet.");
}

void tst_IntersectionView::screenshots()
{
    const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
    if (folder.isEmpty())
        QSKIP("Set COUNTERPART_SHOTS to a folder to write screenshots");
    QDir().mkpath(folder);

    // The ShopFlow grid, and the 3-dimension one with eligible, report-only and undefined cells.
    auto combined = std::make_shared<cp::AuditResult>(*shopflowAudit());
    combined->intersections.push_back(threeDimensionAudit()->intersections.front());
    cp::AuditSpec spec = shopflowSpec();
    const cp::AuditSpec extra = threeDimensionSpec();
    spec.protectedAttributes.insert(spec.protectedAttributes.end(),
                                    extra.protectedAttributes.begin(),
                                    extra.protectedAttributes.end());
    spec.strata.insert(spec.strata.end(), extra.strata.begin(), extra.strata.end());

    IntersectionView view;
    view.resize(1000, 640);
    view.setAudit(combined, &spec);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCurrentIntersection(1);
    QVERIFY(view.setAxes(0, 2)); // region × gender, faceted on age
    QVERIFY(view.setMetric(cp::Metric::Tpr));
    QCoreApplication::processEvents();
    QVERIFY(view.grab().save(folder + "/intersections.png"));
    view.setCurrentIntersection(0);
    QCoreApplication::processEvents();
    QVERIFY(view.grab().save(folder + "/intersections-shopflow.png"));

    // A grid wider than the window scrolls instead of squeezing its cells.
    auto wide = std::make_shared<cp::AuditResult>();
    cp::Intersection x;
    x.dimensions = {"occupation", "age band"};
    x.minSupport = 30;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 12; ++c)
            x.cells.push_back(makeCell({"occupation " + std::to_string(r),
                                        std::to_string(18 + 5 * c) + "-" + std::to_string(22 + 5 * c)},
                                       3 * c + r, 20 - c, 2 + r, 10 + c, x.minSupport));
    wide->intersections.push_back(std::move(x));
    view.setAudit(wide, nullptr);
    QCoreApplication::processEvents();
    QVERIFY(view.grab().save(folder + "/intersections-wide.png"));

    cp::AuditSpec calibrationSpec = shopflowSpec();
    auto calibration = std::make_shared<cp::AuditResult>(*shopflowAudit());
    calibrationSpec.contract->minCalibrationSupport = 5;
    for (cp::CalibrationCell &cell : calibration->calibration)
        cell.eligible = cell.n >= 5;
    CalibrationView calibrationView;
    calibrationView.resize(1000, 640);
    calibrationView.setAudit(calibration, &calibrationSpec);
    calibrationView.show();
    QVERIFY(QTest::qWaitForWindowExposed(&calibrationView));
    QCoreApplication::processEvents();
    QVERIFY(calibrationView.grab().save(folder + "/calibration.png"));
}

QTEST_MAIN(tst_IntersectionView)
#include "tst_intersectionview.moc"
