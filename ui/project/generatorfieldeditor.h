// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

#include <core/generate/generatorspec.h>

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace cp::ui {

class AttributeFieldPage;
class BasicFieldPage;
class ChoiceFieldPage;
class ConditionalFieldPage;
class NumberFieldPage;
class TemplateFieldPage;

/// The generator spec's columns as rows — protected attributes, linked fields, base fields and
/// the cases of conditionals — with their kind, role and settings, and under them the selected
/// row's name, kind and kind-specific form (values and weights, bounds and distribution, the
/// template and its placeholders, provider options, cases, groups, pronouns …).
///
/// Every edit is made on a copy of the parsed spec, written back with writeGeneratorSpec and
/// parsed again (and, when the spec could generate before, one family is generated with the
/// workbench's provider lists). A change that fails is not applied: the control keeps the
/// value, marked, with the reason under it. One that passes goes to the commit callback as the
/// whole new spec text, one undo step; the owner then calls setSpec with the parsed result.
class GeneratorFieldEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, KindColumn, RoleColumn, DetailColumn };
    using Commit = std::function<void(const QString &specText, const QString &undoText)>;

    explicit GeneratorFieldEditor(QWidget *parent = nullptr);

    void setCommit(Commit commit) { m_commit = std::move(commit); }
    /// Shows the rows of this spec, keeping the selected row where it still exists.
    void setSpec(const cp::GeneratorSpec &spec);
    /// The spec text does not parse: the rows stay as they were, disabled, with the reason.
    void setInvalid(const QString &reason);

    QTreeWidget *tree() const { return m_tree; }
    /// Selects the row of a protected attribute, linked or base field, or (with caseKey) of a
    /// conditional's case; false when there is none.
    bool selectRow(const QString &name, const QString &caseKey = {});
    bool selectTarget(const FieldTarget &target);
    FieldTarget current() const { return m_current; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindCombo() const { return m_kind; }
    FieldFormPage *currentPage() const;
    NumberFieldPage *numberPage() const { return m_number; }
    ChoiceFieldPage *choicePage() const { return m_choice; }
    BasicFieldPage *basicPage() const { return m_basic; }
    TemplateFieldPage *templatePage() const { return m_template; }
    ConditionalFieldPage *conditionalPage() const { return m_conditional; }
    AttributeFieldPage *attributePage() const { return m_attribute; }
    /// Why the last change was refused ("/fields/3/min: min > max"); empty after one applied.
    QString problem() const { return m_problem; }

    /// Inserts a new int field after the selected base field (or last), as one edit.
    bool addField();
    /// Removes the selected base field (and its place among the strata), as one edit.
    bool removeField();

signals:
    /// A row's form is shown (again, after an edit): its name, so that a view of the spec
    /// text can follow.
    void rowShown(const QString &name);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    bool apply(QWidget *control, const QString &undoText, const FieldFormPage::Change &change);
    void rebuildRows();
    /// Shows the current row's form; `follow`: tell rowShown (the user chose it or edited it).
    void showCurrent(bool follow);
    void renamed();
    void kindChosen();
    QString generationProblem(const cp::GeneratorSpec &spec) const;
    FieldFormPage *pageFor(const FieldTarget &target) const;

    Commit m_commit;
    std::optional<cp::GeneratorSpec> m_spec;
    std::string m_written;            ///< writeGeneratorSpec(*m_spec), to tell a no-op
    bool m_generates = false;         ///< whether *m_spec generates with the workbench lists
    FieldTarget m_current;
    std::vector<FieldTarget> m_rows;  ///< the tree's rows, in order
    std::vector<QTreeWidgetItem *> m_items;
    QString m_problem;
    QPointer<QWidget> m_marked;
    bool m_updating = false;
    bool m_committing = false;
    bool m_splitPlaced = false;

    QLabel *m_status;
    QSplitter *m_split = nullptr;
    QTreeWidget *m_tree;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLabel *m_nothing;
    NumberFieldPage *m_number;
    ChoiceFieldPage *m_choice;
    BasicFieldPage *m_basic;
    TemplateFieldPage *m_template;
    ConditionalFieldPage *m_conditional;
    AttributeFieldPage *m_attribute;
};

} // namespace cp::ui
