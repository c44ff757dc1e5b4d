// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The Pairs view: filters and order through the core's filterFamilies, the family side by side
// with changed fields and words marked by text (not colour alone), the cell filter from an
// intersection's names, the model under QAbstractItemModelTester, and a 1,000,000-family list.

#include <ui/audit/auditsession.h>
#include <ui/pairs/familydetailview.h>
#include <ui/pairs/pairsmodel.h>
#include <ui/pairs/pairsview.h>

#include <core/audit/auditengine.h>
#include <core/audit/pairsindex.h>
#include <core/table/csvrows.h>
#include <core/table/tablereader.h>
#include <core/workflow/sourceaudit.h>

#include "../support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <memory>
#include <string>

using cp::ui::FamilyDetailView;
using cp::ui::PairsModel;
using cp::ui::PairsView;

// The test class comes first: moc reads the file top down and the raw strings below would
// confuse it.
class tst_PairsView : public QObject
{
    Q_OBJECT

private slots:
    void filters();
    void ordering();
    void detailMarksChanges();
    void cellFilterFromNames();
    void keyboardMovesThroughFamilies();
    void modelTester();
    void shopflow();
    void screenshot();
    void millionFamilies();
    void saysWhatTheAuditLeftOut();
};

namespace {

/// Five families of two variants. 1 flips at the model (0.40 vs 0.62), 3 at the screen stage
/// (the female variant is screened out), 4 at the model; 2 and 5 do not flip.
const char *ProbeCsv =
    "family,variant,gender,first_name,channel,screen,note,score\n"
    "1,female,female,Emily,chat,true,\"Strong lead, she says\",0.40\n"
    "1,male,male,Jake,chat,true,\"Strong lead, he says\",0.62\n"
    "2,female,female,Anne,email,true,\"quiet, she\",0.30\n"
    "2,male,male,John,email,true,\"quiet, he\",0.35\n"
    "3,female,female,Sara,chat,false,She LEADS,0.80\n"
    "3,male,male,Sam,chat,true,He LEADS,0.70\n"
    "4,female,female,Ada,email,true,\"said \"\"leadership\"\"\",0.90\n"
    "4,male,male,Al,email,true,\"said \"\"leadership\"\" too\",0.20\n"
    "5,female,female,Mia,chat,true,steady,0.61\n"
    "5,male,male,Max,chat,true,steady,0.66\n";

const char *ProbeSpec = R"({
    "family": "family",
    "protected": [{"name": "gender", "column": "gender", "groups": ["female", "male"],
                   "reference": "male"}],
    "strata": [{"name": "channel", "column": "channel", "groups": ["chat", "email"]}],
    "prediction": {"stage": "model", "score": "score", "threshold": 0.5},
    "outcomes": {"favourable": "advance", "unfavourable": "reject"},
    "stages": [{"name": "screen", "column": "screen", "pass": ["true"],
                "fail_outcome": "screened_out"}]})";

const char *MillionSpec = R"({
    "family": "family",
    "protected": [{"name": "g", "column": "g", "groups": ["a", "b"]}],
    "prediction": {"score": "score", "threshold": 0.5}})";

std::shared_ptr<const cp::PairsIndex> pairsIndex(std::string csv, const std::string &specText,
                                                 const std::string &source)
{
    auto spec = cp::parseAuditSpecText(specText, "spec.json");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    auto table = cp::readCsv(csv, source, spec->columns());
    if (!table)
        qFatal("%s", table.error().toString().c_str());
    auto audit = cp::runAudit(*table, *spec);
    if (!audit)
        qFatal("%s", audit.error().toString().c_str());
    auto rows = cp::CsvRows::index(std::move(csv), source);
    if (!rows)
        qFatal("%s", rows.error().toString().c_str());
    auto index = cp::buildPairsIndex(*table, std::move(*rows), *spec, *audit);
    if (!index)
        qFatal("%s", index.error().toString().c_str());
    return *index;
}

std::shared_ptr<const cp::PairsIndex> probeIndex()
{
    return pairsIndex(ProbeCsv, ProbeSpec, "probe.csv");
}

std::shared_ptr<const cp::PairsIndex> shopflowIndex()
{
    const std::string dir = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge/";
    auto csv = cp::readFileBytes(dir + "shopflow.csv");
    auto spec = cp::readFileBytes(dir + "spec.json");
    if (!csv || !spec)
        qFatal("cannot read the ShopFlow sample");
    return pairsIndex(*csv, *spec, dir + "shopflow.csv");
}

/// The family names of the model's rows, in order.
QStringList names(const PairsModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, PairsModel::FamilyColumn).data().toString();
    return out;
}

int comboIndex(const QComboBox *combo, const QString &text)
{
    const int i = combo->findText(text);
    if (i < 0)
        qWarning() << "no item" << text << "in combo";
    return i;
}

int field(const FamilyDetailView &detail, const QString &name)
{
    return int(detail.fieldNames().indexOf(name));
}

} // namespace

void tst_PairsView::filters()
{
    PairsView view;
    view.setIndex(probeIndex());
    PairsModel *model = view.model();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(view.countLabel()->text(), QStringLiteral("5 of 5 families"));
    QCOMPARE(names(*model), QStringList({"1", "2", "3", "4", "5"}));
    QCOMPARE(model->headerData(PairsModel::ScoreRangeColumn, Qt::Horizontal).toString(),
             QStringLiteral("|Δscore|"));
    QCOMPARE(model->headerData(PairsModel::FirstStratumColumn, Qt::Horizontal).toString(),
             QStringLiteral("channel"));
    QCOMPARE(model->index(1, PairsModel::FlippedColumn).data().toString(), QStringLiteral("—"));
    QCOMPARE(model->index(0, model->outcomesColumn()).data().toString(),
             QStringLiteral("female: reject · male: advance"));
    QCOMPARE(model->index(0, PairsModel::ScoreRangeColumn).data().toString(),
             QStringLiteral("0.220"));
    QCOMPARE(model->index(1, PairsModel::FirstStratumColumn).data().toString(),
             QStringLiteral("email"));

    // Flips only: the flipped families, and the count says so.
    view.flipsOnlyBox()->setChecked(true);
    QCOMPARE(names(*model), QStringList({"1", "3", "4"}));
    QCOMPARE(view.countLabel()->text(), QStringLiteral("3 of 5 families"));
    for (int r = 0; r < model->rowCount(); ++r) {
        QVERIFY(model->index(r, 0).data(PairsModel::FlippedRole).toBool());
        QVERIFY(model->index(r, PairsModel::FlippedColumn).data().toString().startsWith("flipped"));
    }
    QCOMPARE(model->index(1, PairsModel::FlippedColumn).data().toString(),
             QStringLiteral("flipped · screen"));
    QCOMPARE(model->index(0, PairsModel::FlippedColumn).data().toString(),
             QStringLiteral("flipped · final decision"));
    QCOMPARE(model->index(1, model->outcomesColumn()).data().toString(),
             QStringLiteral("female: screened_out · male: advance"));
    view.flipsOnlyBox()->setChecked(false);

    // Group pair: the combo lists every pair of groups of each attribute.
    QCOMPARE(view.groupPairCombo()->count(), 2);
    view.groupPairCombo()->setCurrentIndex(comboIndex(view.groupPairCombo(),
                                                      QStringLiteral("gender: female ↔ male")));
    QCOMPARE(names(*model), QStringList({"1", "3", "4"}));
    view.groupPairCombo()->setCurrentIndex(0);

    // Stage: a gate stage, and the final decision.
    QVERIFY(view.stageCombo()->isVisibleTo(&view));
    view.stageCombo()->setCurrentIndex(comboIndex(view.stageCombo(), QStringLiteral("screen")));
    QCOMPARE(names(*model), QStringList({"3"}));
    view.stageCombo()->setCurrentIndex(comboIndex(view.stageCombo(),
                                                  QStringLiteral("final decision")));
    QCOMPARE(names(*model), QStringList({"1", "4"}));
    view.stageCombo()->setCurrentIndex(0);

    // Stratum.
    view.stratumCombo()->setCurrentIndex(comboIndex(view.stratumCombo(),
                                                    QStringLiteral("channel = email")));
    QCOMPARE(names(*model), QStringList({"2", "4"}));
    QCOMPARE(view.countLabel()->text(), QStringLiteral("2 of 5 families"));
    view.stratumCombo()->setCurrentIndex(0);

    // Minimum |Δscore|.
    view.minScoreRangeSpin()->setValue(0.2);
    QCOMPARE(names(*model), QStringList({"1", "4"}));
    view.minScoreRangeSpin()->setValue(0);
    QCOMPARE(model->rowCount(), 5);

    // Combined: flips at least 0.5 apart.
    view.flipsOnlyBox()->setChecked(true);
    view.minScoreRangeSpin()->setValue(0.5);
    QCOMPARE(names(*model), QStringList({"4"}));
    QCOMPARE(view.detailView()->summaryText().contains("Family 4"), true);
}

void tst_PairsView::ordering()
{
    PairsView view;
    view.setIndex(probeIndex());
    PairsModel *model = view.model();
    view.orderCombo()->setCurrentIndex(1);  // largest first
    QCOMPARE(model->order(), cp::PairsOrder::ScoreRangeDescending);
    // 2 and 5 tie at 0.05 (up to float rounding): compare the first three.
    QCOMPARE(names(*model).mid(0, 3), QStringList({"4", "1", "3"}));
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r - 1, 0).data(PairsModel::ScoreRangeRole).toDouble()
                >= model->index(r, 0).data(PairsModel::ScoreRangeRole).toDouble());
    view.orderCombo()->setCurrentIndex(2);  // smallest first
    QCOMPARE(names(*model).last(), QStringLiteral("4"));
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r - 1, 0).data(PairsModel::ScoreRangeRole).toDouble()
                <= model->index(r, 0).data(PairsModel::ScoreRangeRole).toDouble());
    // Filters keep the order.
    view.flipsOnlyBox()->setChecked(true);
    QCOMPARE(names(*model), QStringList({"3", "1", "4"}));
    view.orderCombo()->setCurrentIndex(0);
    QCOMPARE(names(*model), QStringList({"1", "3", "4"}));
}

void tst_PairsView::detailMarksChanges()
{
    PairsView view;
    view.setIndex(probeIndex());
    FamilyDetailView *detail = view.detailView();
    // The first family is shown at once.
    QCOMPARE(detail->family(), 0);
    QCOMPARE(detail->variantCount(), 2);
    QCOMPARE(detail->fieldNames(),
             QStringList({"gender", "first_name", "channel", "screen", "note", "score"}));
    QVERIFY(detail->headerText(0).contains("female"));
    QVERIFY(detail->headerText(0).contains("reference"));
    QVERIFY(detail->headerText(1).contains("male"));

    const int note = field(*detail, "note"), channel = field(*detail, "channel");
    QCOMPARE(detail->cellText(note, 1), QStringLiteral("Strong lead, he says"));
    QVERIFY(detail->isChanged(note, 1));
    QVERIFY(!detail->isChanged(note, 0));  // the reference itself
    QVERIFY(!detail->isChanged(channel, 1));
    // The marker is text, not only colour: a bold ≠ and a property on the label.
    const QString rich = detail->cellRichText(note, 1);
    QVERIFY2(rich.startsWith("<b>" + FamilyDetailView::changedMarker() + "</b>"), qPrintable(rich));
    QVERIFY(detail->cellLabel(note, 1)->property("changed").toBool());
    QVERIFY(!detail->cellLabel(channel, 1)->property("changed").toBool());
    QVERIFY(!detail->cellRichText(channel, 1).contains(FamilyDetailView::changedMarker()));
    QVERIFY(!detail->cellLabel(note, 1)->accessibleDescription().isEmpty());
    // Changed words: only "he" is highlighted.
    QVERIFY2(rich.contains(QRegularExpression("<span style=\"[^\"]*\">he</span>")), qPrintable(rich));
    QVERIFY(!rich.contains(QRegularExpression(">Strong</span>")));
    QCOMPARE(detail->cellLabel(note, 1)->text(), rich);
    QVERIFY(detail->outcomeText(0).contains("reject"));
    QVERIFY(detail->outcomeText(1).contains("advance"));
    QVERIFY(detail->summaryText().contains("flipped"));

    // Family 3: screened out at a stage; family 4: HTML is escaped, the added word marked.
    view.showFamily(2);
    QCOMPARE(detail->family(), 2);
    QCOMPARE(view.tableView()->currentIndex().row(), 2);
    QCOMPARE(detail->outcomeText(0), QStringLiteral("screened_out (stopped at screen)"));
    QVERIFY(detail->summaryText().contains("flipped</b> at screen"));
    QVERIFY(detail->isChanged(field(*detail, "screen"), 1));
    view.showFamily(3);
    const QString said = detail->cellRichText(note, 1);
    QVERIFY2(said.contains("&quot;leadership&quot;"), qPrintable(said));
    QVERIFY2(said.contains(QRegularExpression(">too</span>")), qPrintable(said));
    QVERIFY(!said.contains(QRegularExpression(">said</span>")));

    // A family that is filtered out is still shown, with no row selected.
    view.flipsOnlyBox()->setChecked(true);
    view.showFamily(1);
    QCOMPARE(detail->family(), 1);
    QVERIFY(!view.tableView()->selectionModel()->hasSelection());
    view.showFamily(-1);
    QCOMPARE(detail->variantCount(), 0);
}

void tst_PairsView::cellFilterFromNames()
{
    PairsView view;
    view.setIndex(probeIndex());
    QVERIFY(!view.cellChip()->isVisibleTo(&view));
    // Dimension names run over protected attributes and strata, in any order.
    QVERIFY(view.setCellFilter({"channel", "gender"}, {"chat", "female"}));
    QCOMPARE(names(*view.model()), QStringList({"1", "3", "5"}));
    QCOMPARE(view.model()->filter().cell.size(), std::size_t(2));
    QCOMPARE(view.model()->filter().cell[0], std::make_pair(1, 0));  // channel is dimension 1
    QVERIFY(view.cellChip()->isVisibleTo(&view));
    QCOMPARE(view.cellChip()->text(), QStringLiteral("cell: channel = chat, gender = female  ✕"));
    QCOMPARE(view.countLabel()->text(), QStringLiteral("3 of 5 families"));
    // It combines with the other filters.
    view.flipsOnlyBox()->setChecked(true);
    QCOMPARE(names(*view.model()), QStringList({"1", "3"}));
    // Unknown names leave the filter as it was.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no group \"phone\""));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no group \"north\""));
    QVERIFY(!view.setCellFilter({"channel"}, {"phone"}));
    QVERIFY(!view.setCellFilter({"region"}, {"north"}));
    QVERIFY(!view.setCellFilter({"channel", "gender"}, {"chat"}));
    QCOMPARE(names(*view.model()), QStringList({"1", "3"}));
    // The chip removes it.
    QTest::mouseClick(view.cellChip(), Qt::LeftButton);
    QVERIFY(!view.cellChip()->isVisibleTo(&view));
    QVERIFY(view.model()->filter().cell.empty());
    QCOMPARE(names(*view.model()), QStringList({"1", "3", "4"}));
}

void tst_PairsView::keyboardMovesThroughFamilies()
{
    PairsView view;
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setIndex(probeIndex());
    QSignalSpy shown(&view, &PairsView::familyShown);
    view.tableView()->setFocus();
    QTest::keyClick(view.tableView(), Qt::Key_Down);
    QCOMPARE(view.detailView()->family(), 1);
    QTest::keyClick(view.tableView(), Qt::Key_Down);
    QCOMPARE(view.detailView()->family(), 2);
    QTest::keyClick(view.tableView(), Qt::Key_Up);
    QCOMPARE(view.detailView()->family(), 1);
    QCOMPARE(shown.count(), 3);
    QCOMPARE(shown.last().at(0).toInt(), 1);
}

void tst_PairsView::modelTester()
{
    PairsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.familyAt(0), -1);
    model.setIndex(probeIndex());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.outcomesColumn(), 5);
    QCOMPARE(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("Outcomes"));
    cp::PairsFilter flips;
    flips.flipsOnly = true;
    model.setFilter(flips);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.familyAt(1), 2);
    QCOMPARE(model.rowOfFamily(3), 2);
    QCOMPARE(model.rowOfFamily(1), -1);
    model.setOrder(cp::PairsOrder::ScoreRangeDescending);
    QCOMPARE(model.familyAt(0), 3);
    model.setIndex(shopflowIndex());
    QCOMPARE(model.rowCount(), 10);
    model.setIndex(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void tst_PairsView::shopflow()
{
    PairsView view;
    view.setIndex(shopflowIndex());
    PairsModel *model = view.model();
    QCOMPARE(model->rowCount(), 10);
    // The family column is "pair": found without being named.
    QCOMPARE(model->index(0, PairsModel::FamilyColumn).data().toString(), QStringLiteral("p1"));
    view.flipsOnlyBox()->setChecked(true);
    QCOMPARE(names(*model), QStringList({"p4", "p5", "n1"}));
    QCOMPARE(view.countLabel()->text(), QStringLiteral("3 of 10 families"));
    QCOMPARE(model->index(0, model->outcomesColumn()).data().toString(),
             QStringLiteral("formal: auto_serve · conversational: human_review"));
    QCOMPARE(view.groupPairCombo()->itemText(1),
             QStringLiteral("variant: formal ↔ conversational"));
    view.flipsOnlyBox()->setChecked(false);
    QVERIFY(view.setCellFilter({"channel", "variant"}, {"chat", "formal"}));
    QCOMPARE(names(*model), QStringList({"p1", "p2", "p3", "n1", "n2"}));
    view.clearCellFilter();

    view.showFamily(model->familyAt(3));  // p4
    FamilyDetailView *detail = view.detailView();
    QCOMPARE(detail->variantCount(), 2);
    QVERIFY(detail->headerText(0).startsWith("formal"));
    QVERIFY(detail->headerText(1).startsWith("conversational"));
    QCOMPARE(detail->fieldNames(),
             QStringList({"channel", "expected_auto_serve", "evidence_passed", "score"}));
    QVERIFY(detail->isChanged(field(*detail, "score"), 1));
    QVERIFY(!detail->isChanged(field(*detail, "channel"), 1));
    QCOMPARE(detail->outcomeText(0), QStringLiteral("auto_serve (favourable)"));
    QCOMPARE(detail->outcomeText(1), QStringLiteral("human_review (unfavourable)"));
}

void tst_PairsView::screenshot()
{
    const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
    if (folder.isEmpty())
        QSKIP("COUNTERPART_SHOTS is not set");
    QDir().mkpath(folder);
    PairsView view;
    view.resize(1200, 720);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setIndex(probeIndex());
    view.flipsOnlyBox()->setChecked(true);
    view.showFamily(0);
    QTest::qWait(50);
    QVERIFY(view.grab().save(QDir(folder).filePath("pairs.png")));

    PairsView shop;
    shop.resize(1200, 720);
    shop.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shop));
    shop.setIndex(shopflowIndex());
    shop.orderCombo()->setCurrentIndex(1);
    shop.setCellFilter({"channel", "variant"}, {"email", "conversational"});
    shop.showFamily(4);  // p5
    QTest::qWait(50);
    QVERIFY(shop.grab().save(QDir(folder).filePath("pairs-shopflow.png")));
}

void tst_PairsView::millionFamilies()
{
    const int families = 1'000'000;
    QElapsedTimer timer;
    timer.start();
    std::string csv = "family,variant,g,score\n";
    csv.reserve(std::size_t(families) * 2 * 24);
    char line[64];
    for (int f = 0; f < families; ++f) {
        const unsigned h = unsigned(f) * 2654435761u;
        const int a = int(h % 1000), b = int((h / 1000) % 1000);
        csv.append(line, std::size_t(std::snprintf(line, sizeof line, "%d,a,a,0.%03d\n", f, a)));
        csv.append(line, std::size_t(std::snprintf(line, sizeof line, "%d,b,b,0.%03d\n", f, b)));
    }
    const qint64 generated = timer.restart();
    auto index = pairsIndex(std::move(csv), MillionSpec, "million.csv");
    const qint64 built = timer.restart();
    QCOMPARE(index->families.size(), std::size_t(families));

    PairsView view;
    view.resize(1200, 720);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    timer.restart();
    view.setIndex(index);
    QCoreApplication::processEvents();
    const qint64 set = timer.restart();
    QCOMPARE(view.model()->rowCount(), families);
    QCOMPARE(view.countLabel()->text(), QStringLiteral("1,000,000 of 1,000,000 families"));

    QTableView *table = view.tableView();
    table->scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 scrolled = timer.restart();
    const int first = table->rowAt(0);
    const int last = table->rowAt(table->viewport()->height() - 1);
    QVERIFY(first > families - 100);
    QVERIFY(last >= first);
    PairsModel *model = view.model();
    QElapsedTimer sweep;
    sweep.start();
    int cells = 0;
    for (int r = first; r <= last; ++r)
        for (int c = 0; c < model->columnCount(); ++c) {
            const QVariant v = model->index(r, c).data();
            cells += v.isValid();
        }
    const qint64 sweepNs = sweep.nsecsElapsed();
    QCOMPARE(model->index(last, PairsModel::FamilyColumn).data().toString(),
             QString::number(model->familyAt(last)));

    timer.restart();
    view.flipsOnlyBox()->setChecked(true);
    const qint64 flipsOnly = timer.restart();
    QCOMPARE(qint64(model->rowCount()), index->flippedFamilies);
    view.orderCombo()->setCurrentIndex(1);
    const qint64 ordered = timer.restart();
    table->scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 scrolledAgain = timer.restart();
    qInfo("1M families: CSV %lld ms, audit + index %lld ms, setIndex %lld ms, scroll to end "
          "%lld ms; data() over %d visible rows (%d cells) %.3f ms; flips only (%d) %lld ms, "
          "largest |Δscore| first %lld ms, scroll %lld ms",
          generated, built, set, scrolled, last - first + 1, cells, double(sweepNs) / 1e6,
          model->rowCount(), flipsOnly, ordered, scrolledAgain);
    QVERIFY(sweepNs < 50'000'000);  // 50 ms for a screenful is far beyond any real cost
}

QTEST_MAIN(tst_PairsView)
/// The index lists every family of the rows; the count says how many the audit left out
/// because reviewers judged them not equivalent (the audit's own figure).
void tst_PairsView::saysWhatTheAuditLeftOut()
{
    auto audit = std::make_shared<cp::SourceAudit>();
    audit->pairs = shopflowIndex();
    audit->audit.parsedSpec.familyColumn = "pair";
    audit->audit.result.reviews = cp::ReviewEvidence{};
    audit->audit.result.reviews->excludedNotEquivalent = 2;
    cp::ui::AuditSession session;
    PairsView view;
    view.setSession(&session);
    session.setAudit(QStringLiteral("shopflow.counterpart"), audit);
    QTRY_COMPARE(view.countLabel()->text(),
                 QStringLiteral("10 of 10 families · 2 left out of the audit"));
    QVERIFY(view.countLabel()->toolTip().contains(QStringLiteral("not equivalent")));
    // Without reviews nothing is said.
    auto plain = std::make_shared<cp::SourceAudit>(*audit);
    plain->audit.result.reviews.reset();
    session.setAudit(QStringLiteral("shopflow.counterpart"), plain);
    QTRY_COMPARE(view.countLabel()->text(), QStringLiteral("10 of 10 families"));
}

#include "tst_pairsview.moc"
