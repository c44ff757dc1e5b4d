// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The Spec tab's field editor: one row per column of the generator spec and a form per kind.
// Every edit goes through parse → change → writeGeneratorSpec into the spec text as one undo
// step, and the 20-family preview follows; a refused value stays marked at its control with
// the reason and changes nothing.

#include <ui/project/attributefieldpage.h>
#include <ui/project/basicfieldpage.h>
#include <ui/project/choicefieldpage.h>
#include <ui/project/conditionalfieldpage.h>
#include <ui/project/generatorfieldeditor.h>
#include <ui/project/numberfieldpage.h>
#include <ui/project/probesetspage.h>
#include <ui/project/templatefieldpage.h>

#include <core/generate/generatorspec.h>
#include <core/table/tablereader.h>

#include "../support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using cp::ui::GeneratorFieldEditor;
using cp::ui::ProbeSetsPage;
using nlohmann::json;

namespace {

const QString Spec = QStringLiteral(COUNTERPART_SOURCE_DIR
                                    "/sample_projects/hiring-screen/generator.json");

/// Types a value into a line edit and presses Return, as a user does.
void enter(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    edit->setText(text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

class tst_GeneratorFieldEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rows();
    void choiceValues();
    void choiceRefused();
    void numberBounds();
    void numberRefused();
    void distributionAndDecimals();
    void templateText();
    void kindChange();
    void conditionalCases();
    void dateAndProvider();
    void protectedAndLinked();
    void renameFollows();
    void addAndRemoveField();
    void invalidText();
    void screenshot();

private:
    QString text() const { return m_page->specEditor()->toPlainText(); }
    json spec() const { return json::parse(text().toStdString()); }
    /// The preview's cells of one column (without the ≠ marker).
    QStringList previewColumn(const QString &header) const;
    GeneratorFieldEditor *editor() const { return m_page->fieldEditor(); }

    std::unique_ptr<ProbeSetsPage> m_page;
    QString m_original;
};

void tst_GeneratorFieldEditor::init()
{
    m_page = std::make_unique<ProbeSetsPage>();
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(m_page->openSpec(Spec));
    QVERIFY(m_page->specProblem().isEmpty());
    m_original = text();
    QVERIFY(editor()->isEnabled());
}

void tst_GeneratorFieldEditor::cleanup()
{
    m_page.reset();
}

QStringList tst_GeneratorFieldEditor::previewColumn(const QString &header) const
{
    QStringList out;
    const QTableWidget *p = m_page->preview();
    for (int c = 0; c < p->columnCount(); ++c) {
        if (p->horizontalHeaderItem(c)->text() != header)
            continue;
        for (int r = 0; r < p->rowCount(); ++r)
            out << p->item(r, c)->text().remove(QStringLiteral("≠ "));
    }
    return out;
}

void tst_GeneratorFieldEditor::rows()
{
    const QTreeWidget *tree = editor()->tree();
    using E = GeneratorFieldEditor;
    // 2 protected, 2 linked, 10 fields; salary's 2 cases are its children.
    QCOMPARE(tree->topLevelItemCount(), 14);
    QCOMPARE(tree->topLevelItem(0)->text(E::NameColumn), QStringLiteral("gender"));
    QCOMPARE(tree->topLevelItem(0)->text(E::RoleColumn), QStringLiteral("protected"));
    QCOMPARE(tree->topLevelItem(2)->text(E::KindColumn), QStringLiteral("provider"));
    QCOMPARE(tree->topLevelItem(2)->text(E::RoleColumn),
             QStringLiteral("linked to gender, ethnicity"));
    QCOMPARE(tree->topLevelItem(3)->text(E::KindColumn), QStringLiteral("pronouns"));
    QCOMPARE(tree->topLevelItem(6)->text(E::NameColumn), QStringLiteral("role"));
    QCOMPARE(tree->topLevelItem(6)->text(E::RoleColumn), QStringLiteral("stratum"));
    QCOMPARE(tree->topLevelItem(6)->text(E::DetailColumn),
             QStringLiteral("engineer 3, analyst 2, designer 1"));
    QCOMPARE(tree->topLevelItem(8)->text(E::DetailColumn), QStringLiteral("0 … age − 18"));
    const QTreeWidgetItem *salary = tree->topLevelItem(9);
    QCOMPARE(salary->childCount(), 2);
    QCOMPARE(salary->child(0)->text(E::NameColumn), QStringLiteral("engineer"));
    QCOMPARE(salary->child(1)->text(E::KindColumn), QStringLiteral("lognormal"));
    QCOMPARE(salary->child(1)->text(E::RoleColumn), QStringLiteral("case of salary"));
    QCOMPARE(tree->topLevelItem(13)->text(E::RoleColumn),
             QStringLiteral("varies within a family"));
    QCOMPARE(tree->topLevelItem(4)->text(E::RoleColumn), QStringLiteral("base"));

    // Selecting a row shows its kind's form.
    QVERIFY(editor()->selectRow("age"));
    QCOMPARE(editor()->currentPage(), editor()->numberPage());
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("age"));
    // The text follows the row.
    QVERIFY(m_page->specEditor()->textCursor().block().text().contains("\"name\": \"age\""));
    QCOMPARE(editor()->kindCombo()->currentText(), QStringLiteral("int"));
    QVERIFY(editor()->selectRow("salary", "default"));
    QCOMPARE(editor()->currentPage(), editor()->numberPage());
    QVERIFY(!editor()->nameEdit()->isEnabled());
    QVERIFY(editor()->selectRow("gender"));
    QCOMPARE(editor()->currentPage(), editor()->attributePage());
    QVERIFY(!editor()->selectRow("nope"));
}

void tst_GeneratorFieldEditor::choiceValues()
{
    QVERIFY(editor()->selectRow("role"));
    auto *page = editor()->choicePage();
    QTableWidget *values = page->valueTable();
    QCOMPARE(values->rowCount(), 3);
    QCOMPARE(values->item(2, 0)->text(), QStringLiteral("designer"));
    QCOMPARE(values->item(2, 1)->text(), QStringLiteral("1"));
    QVERIFY(page->stratumBox()->isChecked());
    QVERIFY(previewColumn("role").contains("designer"));

    values->item(2, 0)->setText(QStringLiteral("architect"));
    QCOMPARE(spec()["fields"][2]["values"], json({"engineer", "analyst", "architect"}));
    QVERIFY(editor()->problem().isEmpty());
    // The preview followed at once: role is a stratum, so all three values show in 20 families.
    QVERIFY(previewColumn("role").contains("architect"));
    QVERIFY(!previewColumn("role").contains("designer"));

    // Equal weights: every weight blank.
    for (int r = 0; r < 3; ++r)
        values->item(r, 1)->setText({});
    QVERIFY(!spec()["fields"][2].contains("weights"));
    QCOMPARE(editor()->tree()->topLevelItem(6)->text(GeneratorFieldEditor::DetailColumn),
             QStringLiteral("engineer, analyst, architect"));

    // Renaming engineer renames the salary case keyed by it.
    values->item(0, 0)->setText(QStringLiteral("developer"));
    QVERIFY2(editor()->problem().isEmpty(), qPrintable(editor()->problem()));
    QVERIFY(spec()["fields"][5]["cases"].contains("developer"));

    // Stratum off: design.strata goes.
    page->stratumBox()->setChecked(false);
    QVERIFY(!spec().contains("design"));
    QVERIFY(page->addValue(QStringLiteral("manager")));
    QCOMPARE(spec()["fields"][2]["values"].size(), std::size_t(4));
    QVERIFY(page->removeValue(1));
    QCOMPARE(spec()["fields"][2]["values"], json({"developer", "architect", "manager"}));

    // Each edit is one undo step of the text editor.
    for (int i = 0; i < 6; ++i)
        m_page->specEditor()->undo();
    QCOMPARE(text(), m_original);
    QTRY_VERIFY(previewColumn("role").contains("designer"));
    QCOMPARE(values->item(2, 0)->text(), QStringLiteral("designer"));
}

void tst_GeneratorFieldEditor::choiceRefused()
{
    QVERIFY(editor()->selectRow("role"));
    QTableWidget *values = editor()->choicePage()->valueTable();
    values->item(1, 1)->setText(QStringLiteral("lots"));
    QCOMPARE(text(), m_original);
    QVERIFY(editor()->problem().contains("not a number"));
    QVERIFY(cp::ui::markOf(values).contains("'lots'"));
    QCOMPARE(values->item(1, 1)->text(), QStringLiteral("lots"));  // kept, marked

    values->item(1, 1)->setText(QStringLiteral("2"));  // fixed: the mark goes
    QVERIFY(cp::ui::markOf(values).isEmpty());

    values->item(1, 0)->setText(QStringLiteral("engineer"));
    QVERIFY2(editor()->problem().contains("/fields/2/values: a value is listed twice"),
             qPrintable(editor()->problem()));
    QCOMPARE(text(), m_original);
    values->item(0, 1)->setText(QStringLiteral(""));
    QVERIFY(editor()->problem().contains("a weight for every value"));
    for (int r = 0; r < 3; ++r)
        values->item(r, 1)->setText(QStringLiteral("0"));
    QVERIFY(editor()->problem().contains("all weights are 0"));
    QVERIFY(!editor()->choicePage()->removeValue(7));
    QCOMPARE(text(), m_original);
}

void tst_GeneratorFieldEditor::numberBounds()
{
    QVERIFY(editor()->selectRow("age"));
    auto *page = editor()->numberPage();
    QCOMPARE(page->boundEdit(0)->text(), QStringLiteral("22"));
    QCOMPARE(page->boundMode(1)->currentText(), QStringLiteral("a number"));
    QVERIFY(!page->decimalsBox()->isVisibleTo(page));  // int: no decimals
    enter(page->boundEdit(0), QStringLiteral("40"));
    QCOMPARE(spec()["fields"][3]["min"], json(40));
    for (const QString &age : previewColumn("age"))
        QVERIFY2(age.toInt() >= 40, qPrintable(age));

    // years' max is age − 18; make it a plain number, then age again with another offset.
    QVERIFY(editor()->selectRow("years"));
    QComboBox *mode = page->boundMode(1);
    QCOMPARE(mode->currentData().toString(), QStringLiteral("age"));
    QCOMPARE(page->boundEdit(1)->text(), QStringLiteral("-18"));
    mode->setCurrentIndex(mode->findText(QStringLiteral("a number")));
    QCOMPARE(spec()["fields"][4]["max"], json(0));
    enter(page->boundEdit(1), QStringLiteral("30"));
    QCOMPARE(spec()["fields"][4]["max"], json(30));
    mode->setCurrentIndex(mode->findData(QStringLiteral("age")));
    enter(page->boundEdit(1), QStringLiteral("-20"));
    QCOMPARE(spec()["fields"][4]["max"], json({{"field", "age"}, {"offset", -20}}));

    for (int i = 0; i < 5; ++i)
        m_page->specEditor()->undo();
    QCOMPARE(text(), m_original);
}

void tst_GeneratorFieldEditor::numberRefused()
{
    QVERIFY(editor()->selectRow("age"));
    auto *page = editor()->numberPage();
    enter(page->boundEdit(0), QStringLiteral("100"));
    QVERIFY2(editor()->problem().contains("/fields/3/min: min > max"),
             qPrintable(editor()->problem()));
    QCOMPARE(text(), m_original);
    QVERIFY(cp::ui::markOf(page->boundEdit(0)).contains("min > max"));
    QVERIFY(!page->boundEdit(0)->styleSheet().isEmpty());
    enter(page->boundEdit(0), QStringLiteral("twenty"));
    QVERIFY(editor()->problem().contains("'twenty' is not a number"));
    QCOMPARE(text(), m_original);
    enter(page->boundEdit(0), QStringLiteral("21"));
    QVERIFY(cp::ui::markOf(page->boundEdit(0)).isEmpty());
    QVERIFY(page->boundEdit(0)->styleSheet().isEmpty());
    QCOMPARE(spec()["fields"][3]["min"], json(21));
}

void tst_GeneratorFieldEditor::distributionAndDecimals()
{
    QVERIFY(editor()->selectRow("salary", "engineer"));
    auto *page = editor()->numberPage();
    QCOMPARE(page->parameterEdit(0)->text(), QStringLiteral("90000"));
    enter(page->parameterEdit(0), QStringLiteral("95000"));
    QCOMPARE(spec()["fields"][5]["cases"]["engineer"]["mean"], json(95000));
    enter(page->parameterEdit(1), QStringLiteral("-5"));
    QVERIFY2(editor()->problem().contains("/fields/5/cases/engineer/sd: must be >= 0"),
             qPrintable(editor()->problem()));
    // Clamps are optional for normal: "no clamp" removes one.
    QComboBox *maxMode = page->boundMode(1);
    maxMode->setCurrentIndex(maxMode->findText(QStringLiteral("no clamp")));
    QVERIFY(!spec()["fields"][5]["cases"]["engineer"].contains("max"));

    QVERIFY(editor()->selectRow("rating"));
    QVERIFY(page->decimalsBox()->isVisibleTo(page));
    QCOMPARE(page->decimalsBox()->value(), 1);
    page->decimalsBox()->setValue(3);
    QCOMPARE(spec()["fields"][6]["decimals"], json(3));
    page->decimalsBox()->setValue(-1);  // the kind's default: the key goes
    QVERIFY(!spec()["fields"][6].contains("decimals"));
}

void tst_GeneratorFieldEditor::templateText()
{
    QVERIFY(editor()->selectRow("summary"));
    auto *page = editor()->templatePage();
    QVERIFY(page->usesText().contains("{first_name}"));
    QVERIFY(page->usesText().contains("Pronoun"));
    // The placeholders offered: group columns, earlier fields, pronoun slots.
    QVERIFY(!page->placeholderList()->findItems("{city}", Qt::MatchExactly).isEmpty());
    QVERIFY(!page->placeholderList()->findItems("{gender}", Qt::MatchExactly).isEmpty());
    QVERIFY(!page->placeholderList()->findItems("{their}", Qt::MatchExactly).isEmpty());
    const QStringList before = previewColumn("summary");

    page->textEdit()->setPlainText(QStringLiteral("{first_name} ({age}) works as {role}."));
    QVERIFY(page->applyText());
    QCOMPARE(spec()["fields"][9]["text"], json("{first_name} ({age}) works as {role}."));
    const QStringList after = previewColumn("summary");
    QVERIFY(after != before);
    QVERIFY(after.first().contains(" works as "));

    page->textEdit()->setPlainText(QStringLiteral("{first_name} likes {nope}"));
    QVERIFY(page->usesText().contains("{nope}"));
    QVERIFY(!page->applyText());
    QVERIFY2(editor()->problem().contains("unknown field 'nope'"),
             qPrintable(editor()->problem()));
    page->textEdit()->setPlainText(QStringLiteral("{first_name"));
    QVERIFY(!page->applyText());
    QVERIFY(page->usesText().startsWith("!"));

    m_page->specEditor()->undo();
    QCOMPARE(text(), m_original);
}

void tst_GeneratorFieldEditor::kindChange()
{
    QVERIFY(editor()->selectRow("rating"));
    QComboBox *kind = editor()->kindCombo();
    kind->setCurrentIndex(kind->findText(QStringLiteral("normal")));
    QCOMPARE(spec()["fields"][6]["kind"], json("normal"));
    QCOMPARE(spec()["fields"][6]["min"], json(0));  // the bounds stay as clamps
    QCOMPARE(editor()->currentPage(), editor()->numberPage());
    kind->setCurrentIndex(kind->findText(QStringLiteral("choice")));
    QCOMPARE(spec()["fields"][6]["values"], json({"a", "b", "c"}));
    QCOMPARE(editor()->currentPage(), editor()->choicePage());
    kind->setCurrentIndex(kind->findText(QStringLiteral("conditional")));
    QCOMPARE(spec()["fields"][6]["on"], json("role"));
    QCOMPARE(editor()->currentPage(), editor()->conditionalPage());
    QCOMPARE(editor()->tree()->topLevelItem(10)->childCount(), 1);

    // The first field cannot switch on anything: refused, with the reason.
    QVERIFY(editor()->selectRow("applicant_id"));
    kind->setCurrentIndex(kind->findText(QStringLiteral("conditional")));
    QVERIFY(editor()->problem().contains("earlier choice field"));
    QVERIFY(cp::ui::markOf(kind).contains("earlier choice field"));
    QCOMPARE(spec()["fields"][0]["kind"], json("id"));
    // A case cannot be a template or an id: not offered.
    QVERIFY(editor()->selectRow("salary", "engineer"));
    QCOMPARE(kind->findText(QStringLiteral("template")), -1);
    QVERIFY(kind->findText(QStringLiteral("date")) >= 0);
}

void tst_GeneratorFieldEditor::conditionalCases()
{
    QVERIFY(editor()->selectRow("salary"));
    auto *page = editor()->conditionalPage();
    QCOMPARE(page->onCombo()->currentText(), QStringLiteral("role"));
    QCOMPARE(page->caseList()->count(), 2);
    QCOMPARE(page->newCaseCombo()->currentText(), QStringLiteral("analyst"));
    QVERIFY(page->addCase(QStringLiteral("analyst")));
    // In the text's order: the new case before the default, which stays last.
    const auto cases = nlohmann::ordered_json::parse(text().toStdString())["fields"][5]["cases"];
    QCOMPARE(cases.size(), std::size_t(3));
    std::vector<std::string> keys;
    for (const auto &c : cases.items())
        keys.push_back(c.key());
    QCOMPARE(keys, (std::vector<std::string>{"engineer", "analyst", "default"}));
    QCOMPARE(cases["analyst"], cases["default"]);  // what analyst got so far
    QVERIFY(!page->addCase(QStringLiteral("analyst")));
    QVERIFY(editor()->problem().contains("has a case already"));
    QVERIFY(!page->addCase(QStringLiteral("pilot")));
    QVERIFY2(editor()->problem().contains("'pilot' is not a value of 'role'"),
             qPrintable(editor()->problem()));
    // Without the default, designer has no case: refused.
    QVERIFY(!page->removeCase(2));
    QVERIFY2(editor()->problem().contains("no case for 'designer'"),
             qPrintable(editor()->problem()));
    // Double-clicking a case selects its row.
    const auto analyst = page->caseList()->findItems("analyst", Qt::MatchStartsWith);
    QCOMPARE(analyst.size(), 1);
    emit page->caseList()->itemActivated(analyst.first());
    QCOMPARE(editor()->current().section, cp::ui::FieldTarget::Section::Case);
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("analyst"));
}

void tst_GeneratorFieldEditor::dateAndProvider()
{
    QVERIFY(editor()->selectRow("start_date"));
    auto *page = editor()->basicPage();
    QCOMPARE(page->fromEdit()->date(), QDate(2015, 1, 1));
    page->fromEdit()->setDate(QDate(2020, 6, 1));
    QCOMPARE(spec()["fields"][7]["from"], json("2020-06-01"));
    for (const QString &d : previewColumn("start_date"))
        QVERIFY2(d >= QStringLiteral("2020-06-01"), qPrintable(d));
    page->toEdit()->setDate(QDate(2019, 1, 1));
    QVERIFY(editor()->problem().contains("'from' is after 'to'"));
    QCOMPARE(spec()["fields"][7]["to"], json("2025-12-31"));

    QVERIFY(editor()->selectRow("applicant_id"));
    enter(page->prefixEdit(), QStringLiteral("APP-"));
    QVERIFY(previewColumn("applicant_id").first().startsWith("APP-"));

    QVERIFY(editor()->selectRow("city"));
    QComboBox *list = page->providerCombo();
    QCOMPARE(list->currentText(), QStringLiteral("cities"));
    const QStringList cities = previewColumn("city");
    list->setCurrentIndex(list->findText(QStringLiteral("occupations")));
    QCOMPARE(spec()["fields"][8]["provider"], json("occupations"));
    QVERIFY(previewColumn("city") != cities);
    // A key the list is not keyed by cannot generate: refused with the generator's reason.
    QComboBox *key = page->keyCombo();
    key->setCurrentIndex(key->findData(QStringLiteral("role")));
    QVERIFY(!editor()->problem().isEmpty());
    QVERIFY(!spec()["fields"][8].contains("key"));
}

void tst_GeneratorFieldEditor::protectedAndLinked()
{
    // In the sample the first names are a provider list keyed by the groups: a group renamed
    // there could not generate, and is refused with the generator's reason.
    QVERIFY(editor()->selectRow("gender"));
    auto *page = editor()->attributePage();
    QCOMPARE(page->groupsEdit()->text(), QStringLiteral("female, male"));
    QCOMPARE(page->referenceCombo()->currentText(), QStringLiteral("male"));
    enter(page->groupsEdit(), QStringLiteral("woman, man"));
    QVERIFY2(editor()->problem().contains("has no list for group gender=woman"),
             qPrintable(editor()->problem()));
    QVERIFY(cp::ui::markOf(page->groupsEdit()).contains("first_names"));
    QCOMPARE(text(), m_original);

    // A spec of pronouns and explicit values only.
    QTemporaryDir dir;
    const QString path = dir.filePath("small.json");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name": "small", "seed": 3, "families": 50,
  "protected": [{"name": "gender", "groups": ["female", "male"], "reference": "male"},
                {"name": "band", "groups": ["young", "old"]}],
  "linked": [{"name": "pronoun", "pronouns": {"female": "she", "male": "he"}, "by": ["gender"]},
             {"name": "title", "by": ["gender"],
              "values": {"female": ["Ms"], "male": [{"value": "Mr", "weight": 2}, "Dr"]}}],
  "fields": [{"name": "role", "kind": "choice", "values": ["a", "b"]},
             {"name": "bio", "kind": "template", "text": "{title} {They} {is|are} {role}."}]})");
    }
    QVERIFY(m_page->openSpec(path));
    QVERIFY(editor()->selectRow("gender"));
    enter(page->groupsEdit(), QStringLiteral("woman, man"));
    QVERIFY2(editor()->problem().isEmpty(), qPrintable(editor()->problem()));
    QCOMPARE(spec()["protected"][0]["reference"], json("man"));
    QCOMPARE(spec()["linked"][0]["pronouns"], json({{"woman", "she"}, {"man", "he"}}));
    QCOMPARE(spec()["linked"][1]["values"]["man"][0], json({{"value", "Mr"}, {"weight", 2}}));
    QVERIFY(previewColumn("gender").contains("woman"));
    // A reordering is no renaming: the lists keep their keys.
    enter(page->groupsEdit(), QStringLiteral("man, woman"));
    QCOMPARE(spec()["protected"][0]["groups"], json({"man", "woman"}));
    QCOMPARE(spec()["linked"][0]["pronouns"]["woman"], json("she"));
    QCOMPARE(spec()["protected"][0].value("reference", "man"), "man");
    enter(page->sharesEdit(), QStringLiteral("0.7, 0.2"));
    QVERIFY2(editor()->problem().contains("/protected/0/shares: shares sum to"),
             qPrintable(editor()->problem()));
    enter(page->sharesEdit(), QStringLiteral("0.4, 0.6"));
    QCOMPARE(spec()["protected"][0]["shares"], json({0.4, 0.6}));
    enter(page->sharesEdit(), QString());
    QVERIFY(!spec()["protected"][0].contains("shares"));
    page->referenceCombo()->setCurrentIndex(1);
    QCOMPARE(spec()["protected"][0]["reference"], json("woman"));

    // Pronouns per group.
    QVERIFY(editor()->selectRow("pronoun"));
    QTableWidget *lists = page->listTable();
    QCOMPARE(lists->rowCount(), 2);
    QCOMPARE(lists->item(1, 0)->text(), QStringLiteral("woman"));
    lists->item(1, 1)->setText(QStringLiteral("xe"));
    QVERIFY2(editor()->problem().contains("expected \"he\", \"she\" or \"they\""),
             qPrintable(editor()->problem()));
    lists->item(1, 1)->setText(QStringLiteral("they"));
    QCOMPARE(spec()["linked"][0]["pronouns"]["woman"], json("they"));
    // The template's pronoun slots need a pronoun field: making it values is refused.
    QComboBox *kind = editor()->kindCombo();
    kind->setCurrentIndex(kind->findText(QStringLiteral("values")));
    QVERIFY2(editor()->problem().contains("need a linked field with pronouns"),
             qPrintable(editor()->problem()));
    QCOMPARE(spec()["linked"][0]["pronouns"]["woman"], json("they"));

    // Values with weights.
    QVERIFY(editor()->selectRow("title"));
    QCOMPARE(lists->item(0, 1)->text(), QStringLiteral("Mr:2, Dr"));
    lists->item(1, 1)->setText(QStringLiteral("Ms:3, Mrs"));
    QCOMPARE(spec()["linked"][1]["values"]["woman"],
             json::array({{{"value", "Ms"}, {"weight", 3}}, "Mrs"}));
    lists->item(1, 1)->setText(QStringLiteral("Ms:0"));
    QVERIFY(editor()->problem().contains("must be > 0"));
    lists->item(1, 1)->setText(QStringLiteral(", Ms"));
    QVERIFY(editor()->problem().contains("an empty value"));
    // By both attributes: a list per combination, each starting from its own name.
    QListWidget *by = page->byList();
    QCOMPARE(by->count(), 2);
    by->item(1)->setCheckState(Qt::Checked);
    QCOMPARE(spec()["linked"][1]["by"], json({"gender", "band"}));
    QCOMPARE(spec()["linked"][1]["values"].size(), std::size_t(4));
    QCOMPARE(spec()["linked"][1]["values"]["woman/old"], json({"woman/old"}));
    by->item(0)->setCheckState(Qt::Unchecked);
    by->item(1)->setCheckState(Qt::Unchecked);
    QVERIFY(editor()->problem().contains("at least one"));
}

void tst_GeneratorFieldEditor::renameFollows()
{
    QVERIFY(editor()->selectRow("role"));
    enter(editor()->nameEdit(), QStringLiteral("job"));
    QVERIFY2(editor()->problem().isEmpty(), qPrintable(editor()->problem()));
    const json s = spec();
    QCOMPARE(s["design"]["strata"], json({"job"}));
    QCOMPARE(s["fields"][5]["on"], json("job"));
    QVERIFY(s["fields"][9]["text"].get<std::string>().find("{job}") != std::string::npos);
    QVERIFY(!previewColumn("job").isEmpty());
    enter(editor()->nameEdit(), QStringLiteral("age"));
    QVERIFY2(editor()->problem().contains("used twice"), qPrintable(editor()->problem()));
    enter(editor()->nameEdit(), QString());
    QVERIFY(editor()->problem().contains("give a name"));
    m_page->specEditor()->undo();
    QCOMPARE(text(), m_original);
}

void tst_GeneratorFieldEditor::addAndRemoveField()
{
    QVERIFY(editor()->selectRow("city"));
    QVERIFY(editor()->addField());
    QCOMPARE(spec()["fields"][9]["name"], json("field_11"));
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("field_11"));
    QVERIFY(previewColumn("field_11").size() == 20 * 8);
    QVERIFY(editor()->removeField());
    QCOMPARE(spec()["fields"].size(), std::size_t(10));
    // age is used by years: refused, with the reason at the rows.
    QVERIFY(editor()->selectRow("age"));
    QVERIFY(!editor()->removeField());
    QVERIFY2(editor()->problem().contains("unknown field 'age'"),
             qPrintable(editor()->problem()));
    QVERIFY(cp::ui::markOf(editor()->tree()).contains("age"));
    QVERIFY(editor()->selectRow("summary"));
    QVERIFY(editor()->removeField());
    QCOMPARE(spec()["fields"].size(), std::size_t(9));
    QVERIFY(previewColumn("summary").isEmpty());
    QVERIFY(editor()->selectRow("role"));
    QVERIFY(!editor()->removeField());  // salary switches on it
    QVERIFY2(editor()->problem().contains("/fields/4/on"), qPrintable(editor()->problem()));
    QVERIFY(!editor()->selectRow("field_11"));
    // Three edits, three undo steps.
    for (int i = 0; i < 3; ++i)
        m_page->specEditor()->undo();
    QCOMPARE(text(), m_original);
}

void tst_GeneratorFieldEditor::invalidText()
{
    QTextCursor typed = m_page->specEditor()->document()->find(QStringLiteral("\"min\": 22"));
    QVERIFY(!typed.isNull());
    typed.insertText(QStringLiteral("\"min\": \"old\""));
    QTRY_VERIFY(!m_page->specProblem().isEmpty());
    QVERIFY(!editor()->tree()->isEnabled());
    QVERIFY(!editor()->nameEdit()->isEnabled());
    m_page->specEditor()->undo();
    QTRY_VERIFY(m_page->specProblem().isEmpty());
    QVERIFY(editor()->tree()->isEnabled());
    QVERIFY(editor()->selectRow("age"));
    QCOMPARE(editor()->numberPage()->boundEdit(0)->text(), QStringLiteral("22"));
}

void tst_GeneratorFieldEditor::screenshot()
{
    const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
    if (folder.isEmpty())
        QSKIP("COUNTERPART_SHOTS is not set");
    QDir().mkpath(folder);
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(editor()->selectRow("role"));
    editor()->choicePage()->valueTable()->item(1, 1)->setText(QStringLiteral("lots"));
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(QDir(folder).filePath("generator-fields-choice.png")));
    QVERIFY(editor()->selectRow("salary", "engineer"));
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(QDir(folder).filePath("generator-fields-number.png")));
    QVERIFY(editor()->selectRow("summary"));
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(QDir(folder).filePath("generator-fields-template.png")));
    QVERIFY(editor()->selectRow("pronoun"));
    QTest::qWait(50);
    QVERIFY(m_page->grab().save(QDir(folder).filePath("generator-fields-linked.png")));
}

QTEST_MAIN(tst_GeneratorFieldEditor)
#include "tst_generatorfieldeditor.moc"
