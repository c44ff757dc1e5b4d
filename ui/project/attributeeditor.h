// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace cp::ui {

class SpecEditor;

/// The protected attributes and strata of the spec, one row each: kind, name, column, the
/// groups (editable, comma-separated) and the reference group (a combo of the groups; strata
/// have none). An entry the spec parser refuses stays in its cell marked with a warning icon,
/// a "!" before the text, a reddish background and the parser's message as tooltip and below
/// the table; it is not applied.
class AttributeEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { KindColumn, NameColumn, SourceColumn, GroupsColumn, ReferenceColumn };

    explicit AttributeEditor(SpecEditor *editor);

    /// Shows the attributes of this spec; clears the marks of refused entries.
    void refresh(const cp::AuditSpec &spec);

    QTableWidget *table() const { return m_table; }
    /// The reference combo of a row (protected attributes only), or nullptr.
    QComboBox *referenceCombo(int row) const;
    /// Whether a cell carries the mark of a refused entry, and its message.
    bool isMarked(int row, int column) const;
    QString markMessage(int row, int column) const;
    QString problemText() const;

private:
    void groupsEdited(QTableWidgetItem *item);
    void referenceChosen(int row, const QString &group);
    void mark(int row, int column, const QString &message);
    void unmark(int row, int column);
    /// "/protected/0" or "/strata/1" for a table row.
    std::string pointerOf(int row) const;

    SpecEditor *m_editor;
    QTableWidget *m_table;
    QLabel *m_problem;
    int m_protectedCount = 0;
    bool m_updating = false;
};

} // namespace cp::ui
