// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Editing the audit spec's attributes and contract in place: every edit reaches the apply
// callback as whole spec JSON, goes on the undo stack, and an invalid entry is marked where it
// was typed and never applied.

#include <ui/project/attributeeditor.h>
#include <ui/project/contracteditor.h>
#include <ui/project/speceditcommand.h>
#include <ui/project/speceditor.h>

#include <core/table/tablereader.h>

#include "../support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include <memory>
#include <string>
#include <vector>

using cp::ui::SpecEditor;
using nlohmann::json;

class tst_SpecEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsAttributes();
    void referenceUndoRedo();
    void invalidGroupsMarked();
    void validGroups();
    void contractSpinBox();
    void contractNoneAndInvalid();
    void attestWithIdentity();
    void addAndRemoveAttestation();
    void guardrails();
    void guardrailRefusals();
    void reviewPrivacyRegressionRows();
    void refusedApply();
    void screenshot();

private:
    json last() const { return json::parse(m_applied.back()); }

    std::string m_spec;
    std::vector<std::string> m_applied;
    std::unique_ptr<SpecEditor> m_editor;
};

void tst_SpecEditor::init()
{
    auto bytes = cp::readFileBytes(COUNTERPART_SOURCE_DIR
                                   "/sample_projects/hiring-screen/audit.json");
    CP_VERIFY_OK(bytes);
    m_spec = *bytes;
    m_applied.clear();
    m_editor = std::make_unique<SpecEditor>();
    m_editor->setApply([this](const std::string &j) {
        m_applied.push_back(j);
        return true;
    });
    m_editor->setSpec(m_spec);
    QVERIFY(m_editor->parsedSpec());
}

void tst_SpecEditor::cleanup()
{
    m_editor.reset();
}

void tst_SpecEditor::listsAttributes()
{
    const QTableWidget *table = m_editor->attributeEditor()->table();
    QCOMPARE(table->rowCount(), 3);
    using A = cp::ui::AttributeEditor;
    QCOMPARE(table->item(0, A::NameColumn)->text(), QStringLiteral("gender"));
    QCOMPARE(table->item(1, A::GroupsColumn)->text(),
             QStringLiteral("white, black, hispanic, asian"));
    QCOMPARE(table->item(2, A::KindColumn)->text(), QStringLiteral("stratum"));
    QCOMPARE(m_editor->attributeEditor()->referenceCombo(0)->currentText(),
             QStringLiteral("male"));
    QVERIFY(!m_editor->attributeEditor()->referenceCombo(2));
    QVERIFY(!(table->item(0, A::NameColumn)->flags() & Qt::ItemIsEditable));
    QVERIFY(table->item(0, A::GroupsColumn)->flags() & Qt::ItemIsEditable);
}

void tst_SpecEditor::referenceUndoRedo()
{
    QComboBox *combo = m_editor->attributeEditor()->referenceCombo(0);
    combo->setCurrentIndex(combo->findData(QStringLiteral("female")));
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(last()["protected"][0]["reference"], json("female"));
    QCOMPARE(last()["protected"][1]["reference"], json("white"));
    QCOMPARE(m_editor->undoStack()->count(), 1);
    QVERIFY(m_editor->undoStack()->undoText().contains(QStringLiteral("gender")));

    m_editor->undoStack()->undo();
    QCOMPARE(m_applied.size(), std::size_t(2));
    QCOMPARE(m_applied.back(), m_spec);  // exactly the original text
    QCOMPARE(combo->currentText(), QStringLiteral("male"));

    m_editor->undoStack()->redo();
    QCOMPARE(m_applied.size(), std::size_t(3));
    QCOMPARE(last()["protected"][0]["reference"], json("female"));
    QCOMPARE(combo->currentText(), QStringLiteral("female"));
    QCOMPARE(m_editor->spec(), m_applied.back());
}

void tst_SpecEditor::invalidGroupsMarked()
{
    using A = cp::ui::AttributeEditor;
    QTableWidgetItem *groups = m_editor->attributeEditor()->table()->item(0, A::GroupsColumn);
    groups->setText(QStringLiteral("female, robot"));  // drops "male", the reference
    QVERIFY(m_applied.empty());
    QCOMPARE(m_editor->undoStack()->count(), 0);
    QVERIFY(m_editor->attributeEditor()->isMarked(0, A::GroupsColumn));
    const QString message = m_editor->attributeEditor()->markMessage(0, A::GroupsColumn);
    QVERIFY2(message.contains(QStringLiteral("/protected/0/reference")), qPrintable(message));
    // Marked by text and icon, not colour alone.
    QVERIFY(groups->text().startsWith(QStringLiteral("! ")));
    QVERIFY(!groups->icon().isNull());
    QVERIFY(groups->toolTip().contains(message));
    QVERIFY(m_editor->attributeEditor()->problemText().contains(message));
    QCOMPARE(m_editor->spec(), m_spec);

    // A group listed twice.
    groups->setText(QStringLiteral("male, male"));
    QVERIFY(m_applied.empty());
    QVERIFY(m_editor->attributeEditor()->markMessage(0, A::GroupsColumn)
                .contains(QStringLiteral("twice")));

    // Fixing it applies and clears the mark.
    groups->setText(QStringLiteral("! male, female, nonbinary"));
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(last()["protected"][0]["groups"], json({"male", "female", "nonbinary"}));
    QVERIFY(!m_editor->attributeEditor()->isMarked(0, A::GroupsColumn));
    QCOMPARE(groups->text(), QStringLiteral("male, female, nonbinary"));
    QCOMPARE(m_editor->attributeEditor()->referenceCombo(0)->count(), 4);  // (none) + 3
}

void tst_SpecEditor::validGroups()
{
    using A = cp::ui::AttributeEditor;
    QTableWidgetItem *roles = m_editor->attributeEditor()->table()->item(2, A::GroupsColumn);
    roles->setText(QStringLiteral("designer,engineer , analyst"));
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(last()["strata"][0]["groups"], json({"designer", "engineer", "analyst"}));
    m_editor->undoStack()->undo();
    QCOMPARE(roles->text(), QStringLiteral("engineer, analyst, designer"));
}

void tst_SpecEditor::contractSpinBox()
{
    QDoubleSpinBox *gap = m_editor->contractEditor()->doubleBox("/contract/primary/max_gap");
    QVERIFY(gap);
    QCOMPARE(gap->value(), 0.05);
    gap->setValue(0.1);
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(last()["contract"]["primary"]["max_gap"].get<double>(), 0.1);
    // Stepping the same box again merges into the same undo step.
    gap->setValue(0.12);
    QCOMPARE(last()["contract"]["primary"]["max_gap"].get<double>(), 0.12);
    QCOMPARE(m_editor->undoStack()->count(), 1);

    m_editor->undoStack()->undo();
    QCOMPARE(m_applied.back(), m_spec);
    QCOMPARE(last()["contract"]["primary"]["max_gap"].get<double>(), 0.05);
    QCOMPARE(gap->value(), 0.05);
    m_editor->undoStack()->redo();
    QCOMPARE(gap->value(), 0.12);

    QSpinBox *positives = m_editor->contractEditor()->countBox("/contract/min_positives");
    QVERIFY(positives);
    positives->setValue(40);
    QCOMPARE(last()["contract"]["min_positives"], json(40));
    QCOMPARE(m_editor->undoStack()->count(), 2);
    QDoubleSpinBox *ratio = m_editor->contractEditor()->doubleBox(
        "/contract/guardrails/0/min_ratio");
    QVERIFY(ratio);
    QCOMPARE(ratio->value(), 0.8);
}

void tst_SpecEditor::contractNoneAndInvalid()
{
    cp::ui::ContractEditor *contract = m_editor->contractEditor();
    QDoubleSpinBox *flips = contract->doubleBox("/contract/max_flip_rate");
    QCOMPARE(flips->value(), 0.02);
    flips->setValue(flips->minimum());
    QCOMPARE(flips->text(), QStringLiteral("none"));
    QCOMPARE(m_applied.size(), std::size_t(1));
    QVERIFY(!last()["contract"].contains("max_flip_rate"));

    QSpinBox *cells = contract->countBox("/contract/min_cell_support");
    QCOMPARE(cells->value(), 200);
    cells->setValue(cells->minimum());
    QVERIFY(!last()["contract"].contains("min_cell_support"));

    // The primary limit has only max_gap: "none" leaves it checking nothing, which is refused.
    QDoubleSpinBox *gap = contract->doubleBox("/contract/primary/max_gap");
    gap->setValue(gap->minimum());
    QCOMPARE(m_applied.size(), std::size_t(2));
    QVERIFY(contract->isMarked("/contract/primary/max_gap"));
    QVERIFY(contract->markMessage("/contract/primary/max_gap")
                .contains(QStringLiteral("/contract/primary")));
    QCOMPARE(json::parse(m_editor->spec())["contract"]["primary"]["max_gap"].get<double>(), 0.05);
    // A valid value clears the mark.
    gap->setValue(0.07);
    QVERIFY(!contract->isMarked("/contract/primary/max_gap"));
    QCOMPARE(last()["contract"]["primary"]["max_gap"].get<double>(), 0.07);
}

void tst_SpecEditor::addAndRemoveAttestation()
{
    cp::ui::ContractEditor *contract = m_editor->contractEditor();
    QListWidget *list = contract->attestationList();
    CP_VERIFY_OK(contract->addAttestation(QStringLiteral("privacy review signed off")));
    QCOMPARE(list->count(), 2);
    QCOMPARE(last()["contract"]["attestations"][1],
             json({{"name", "privacy review signed off"}, {"done", false}}));
    CP_VERIFY_OK(contract->removeAttestation(0));
    QCOMPARE(list->count(), 1);
    QCOMPARE(last()["contract"]["attestations"].size(), std::size_t(1));
    QVERIFY(list->item(0)->text().contains(QStringLiteral("privacy review")));
    QVERIFY(!contract->removeAttestation(5).ok());
    m_editor->undoStack()->undo();  // the removal
    m_editor->undoStack()->undo();  // the addition
    QCOMPARE(m_applied.back(), m_spec);
    QCOMPARE(list->count(), 1);
}

void tst_SpecEditor::guardrails()
{
    cp::ui::ContractEditor *contract = m_editor->contractEditor();
    QComboBox *first = contract->guardrailMetricCombo(0);
    QVERIFY(first);
    QCOMPARE(first->currentData().toString(), QStringLiteral("selection_rate"));
    QVERIFY(!contract->guardrailMetricCombo(1));

    // Add: one undo step, with a box for each limit of the new guardrail.
    CP_VERIFY_OK(contract->addGuardrail(cp::Metric::Fpr));
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(last()["contract"]["guardrails"][1], json({{"metric", "fpr"}, {"max_gap", 0.1}}));
    QCOMPARE(m_editor->undoStack()->count(), 1);
    QVERIFY(m_editor->undoStack()->undoText().contains(QStringLiteral("FPR")));
    QDoubleSpinBox *gap = contract->doubleBox("/contract/guardrails/1/max_gap");
    QVERIFY(gap);
    QCOMPARE(gap->value(), 0.1);
    QCOMPARE(contract->doubleBox("/contract/guardrails/1/min_ratio")->text(),
             QStringLiteral("none"));

    // Change its metric through the combo, as a user does.
    QComboBox *metric = contract->guardrailMetricCombo(1);
    QVERIFY(metric);
    QCOMPARE(metric->currentText(), QStringLiteral("FPR"));
    metric->setCurrentIndex(metric->findData(QStringLiteral("tpr")));
    QCOMPARE(last()["contract"]["guardrails"][1]["metric"], json("tpr"));
    QCOMPARE(last()["contract"]["guardrails"][1]["max_gap"], json(0.1));
    QCOMPARE(m_editor->undoStack()->count(), 2);
    QCOMPARE(m_editor->parsedSpec()->contract->guardrails[1].metric, cp::Metric::Tpr);
    // The rows were rebuilt for the new metric; the new combo shows it.
    QCOMPARE(contract->guardrailMetricCombo(1)->currentText(), QStringLiteral("TPR"));
    CP_VERIFY_OK(contract->setGuardrailMetric(0, cp::Metric::Precision));
    QCOMPARE(last()["contract"]["guardrails"][0]["metric"], json("precision"));

    // Remove the first: the second moves up.
    CP_VERIFY_OK(contract->removeGuardrail(0));
    QCOMPARE(last()["contract"]["guardrails"],
             json::array({{{"metric", "tpr"}, {"max_gap", 0.1}}}));
    QCOMPARE(contract->guardrailMetricCombo(0)->currentText(), QStringLiteral("TPR"));
    QVERIFY(!contract->guardrailMetricCombo(1));
    // The last one takes the list with it.
    CP_VERIFY_OK(contract->removeGuardrail(0));
    QVERIFY(!last()["contract"].contains("guardrails"));
    QVERIFY(!contract->guardrailMetricCombo(0));
    QCOMPARE(m_editor->undoStack()->count(), 5);

    // Undo walks back through all of them to the original text.
    for (int i = 0; i < 5; ++i)
        m_editor->undoStack()->undo();
    QCOMPARE(m_applied.back(), m_spec);
    QCOMPARE(contract->guardrailMetricCombo(0)->currentData().toString(),
             QStringLiteral("selection_rate"));
    QVERIFY(!contract->guardrailMetricCombo(1));
    m_editor->undoStack()->redo();
    QCOMPARE(contract->guardrailMetricCombo(1)->currentText(), QStringLiteral("FPR"));
}

void tst_SpecEditor::guardrailRefusals()
{
    cp::ui::ContractEditor *contract = m_editor->contractEditor();
    QVERIFY(!contract->removeGuardrail(3).ok());
    QVERIFY(contract->limitProblem().contains(QStringLiteral("/contract/guardrails/3")));
    QVERIFY(!contract->removeGuardrail(-1).ok());
    QVERIFY(!contract->setGuardrailMetric(4, cp::Metric::Tpr).ok());
    QVERIFY(m_applied.empty());
    QCOMPARE(m_editor->undoStack()->count(), 0);

    // A contract whose only check is the guardrail: removing it would check nothing.
    json only = json::parse(m_spec);
    only["contract"].erase("primary");
    only["contract"].erase("max_flip_rate");
    m_editor->setSpec(only.dump(2));
    const auto status = contract->removeGuardrail(0);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().message.find("names no fairness check") != std::string::npos,
             status.error().message.c_str());
    QVERIFY(contract->limitProblem().contains(QStringLiteral("no fairness check")));
    QVERIFY(m_applied.empty());
    QVERIFY(contract->guardrailMetricCombo(0));

    // The project refuses the change: the combo goes back, marked with the reason.
    m_editor->setSpec(m_spec);
    m_editor->setApply([this](const std::string &j) {
        m_applied.push_back(j);
        return false;
    });
    QComboBox *metric = contract->guardrailMetricCombo(0);
    metric->setCurrentIndex(metric->findData(QStringLiteral("accuracy")));
    QCOMPARE(metric->currentData().toString(), QStringLiteral("selection_rate"));
    QVERIFY(contract->isMarked("/contract/guardrails/0/metric"));
    QVERIFY(contract->markMessage("/contract/guardrails/0/metric")
                .contains(QStringLiteral("did not accept")));
    QCOMPARE(m_editor->undoStack()->count(), 0);
    QVERIFY(!contract->addGuardrail(cp::Metric::Fnr).ok());
    QCOMPARE(m_editor->spec(), m_spec);

    // No contract: nothing to add a guardrail to.
    json none = json::parse(m_spec);
    none.erase("contract");
    m_editor->setSpec(none.dump(2));
    QVERIFY(!contract->addGuardrail(cp::Metric::Tpr).ok());
    QVERIFY(contract->limitProblem().contains(QStringLiteral("no contract")));
}

void tst_SpecEditor::reviewPrivacyRegressionRows()
{
    cp::ui::ContractEditor *contract = m_editor->contractEditor();
    QSpinBox *reviewed = contract->countBox("/contract/min_reviewed_pairs");
    QDoubleSpinBox *agreement = contract->doubleBox("/contract/min_agreement");
    QSpinBox *k = contract->countBox("/contract/privacy_k");
    QDoubleSpinBox *regression = contract->doubleBox("/contract/regression_threshold");
    QVERIFY(reviewed && agreement && k && regression);
    QCOMPARE(reviewed->value(), 0);
    QCOMPARE(agreement->text(), QStringLiteral("none"));
    QCOMPARE(k->text(), QStringLiteral("none"));
    QCOMPARE(regression->value(), 0.03);  // the default, not written in the spec

    reviewed->setValue(50);
    QCOMPARE(last()["contract"]["min_reviewed_pairs"], json(50));
    agreement->setValue(0.667);
    QCOMPARE(last()["contract"]["min_agreement"].get<double>(), 0.667);
    agreement->setValue(-0.5);  // α can be negative
    QCOMPARE(last()["contract"]["min_agreement"].get<double>(), -0.5);
    agreement->setValue(agreement->minimum());
    QVERIFY(!last()["contract"].contains("min_agreement"));
    k->setValue(5);
    QCOMPARE(last()["contract"]["privacy_k"], json(5));
    regression->setValue(0.05);
    QCOMPARE(last()["contract"]["regression_threshold"].get<double>(), 0.05);
    QCOMPARE(m_editor->parsedSpec()->contract->regressionThreshold, 0.05);
    QCOMPARE(m_editor->parsedSpec()->contract->privacyK, std::optional<std::int64_t>(5));

    // The spin boxes cannot hold an out-of-range value; the parser is the last word on one in
    // the file.
    json bad = json::parse(m_spec);
    bad["contract"]["min_agreement"] = 2;
    QVERIFY(!cp::parseAuditSpecText(bad.dump(), "x").ok());
    while (m_editor->undoStack()->canUndo())
        m_editor->undoStack()->undo();
    QCOMPARE(m_applied.back(), m_spec);
    QCOMPARE(reviewed->value(), 0);
}

void tst_SpecEditor::attestWithIdentity()
{
    m_editor->setIdentity(QStringLiteral("Ana Ruiz"));
    QListWidget *list = m_editor->contractEditor()->attestationList();
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("missing")));
    list->item(0)->setCheckState(Qt::Checked);
    QCOMPARE(m_applied.size(), std::size_t(1));
    const json a = last()["contract"]["attestations"][0];
    QCOMPARE(a["done"], json(true));
    QCOMPARE(a["by"], json("Ana Ruiz"));
    const std::string today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)
                                  .toStdString();
    QCOMPARE(a["date"].get<std::string>(), today);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("Ana Ruiz")));
    QVERIFY(list->item(0)->text().contains(QString::fromStdString(today)));

    m_editor->undoStack()->undo();
    QCOMPARE(m_applied.back(), m_spec);
    QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
    // Withdrawing a done attestation removes who and when.
    m_editor->undoStack()->redo();
    list->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(last()["contract"]["attestations"][0],
             json({{"name", "probe set reviewed for realism"}, {"done", false}}));
}

void tst_SpecEditor::refusedApply()
{
    m_editor->setApply([this](const std::string &j) {
        m_applied.push_back(j);
        return false;
    });
    QDoubleSpinBox *gap = m_editor->contractEditor()->doubleBox("/contract/primary/max_gap");
    gap->setValue(0.2);
    QCOMPARE(m_applied.size(), std::size_t(1));
    QCOMPARE(m_editor->undoStack()->count(), 0);
    QCOMPARE(m_editor->spec(), m_spec);
    QVERIFY(m_editor->contractEditor()->isMarked("/contract/primary/max_gap"));
}

void tst_SpecEditor::screenshot()
{
    const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
    if (folder.isEmpty())
        QSKIP("COUNTERPART_SHOTS is not set");
    QDir().mkpath(folder);
    m_editor->setIdentity(QStringLiteral("Ana Ruiz"));
    m_editor->resize(1000, 600);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    using A = cp::ui::AttributeEditor;
    m_editor->attributeEditor()->table()->item(1, A::GroupsColumn)
        ->setText(QStringLiteral("white, black, hispanic, asian, white"));
    QTest::qWait(50);
    QVERIFY(m_editor->grab().save(QDir(folder).filePath("attributes-edit.png")));

    m_editor->tabs()->setCurrentWidget(m_editor->contractEditor());
    m_editor->contractEditor()->attestationList()->item(0)->setCheckState(Qt::Checked);
    QDoubleSpinBox *ratio = m_editor->contractEditor()->doubleBox(
        "/contract/guardrails/0/min_ratio");
    ratio->setValue(ratio->minimum());  // refused: the guardrail would check nothing
    QTest::qWait(50);
    QVERIFY(m_editor->grab().save(QDir(folder).filePath("contract-edit.png")));
}

QTEST_MAIN(tst_SpecEditor)
#include "tst_speceditor.moc"
