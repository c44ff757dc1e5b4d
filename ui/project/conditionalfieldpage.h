// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

class QComboBox;
class QListWidget;
class QPushButton;

namespace cp::ui {

/// The form of a conditional field: the earlier choice field it switches on and its cases (a
/// field spec per value of that field, or a default). A case is edited as its own row of the
/// field editor (double-click it here). Add Case gives a value that has none (or the default)
/// a copy of the default (else of the last case), so nothing changes until it is edited;
/// switching to another field keeps the default (or the first case) as the default and the
/// cases whose value the new field has.
class ConditionalFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    explicit ConditionalFieldPage(QWidget *parent = nullptr);

    QComboBox *onCombo() const { return m_on; }
    QListWidget *caseList() const { return m_cases; }
    QComboBox *newCaseCombo() const { return m_newCase; }
    /// Adds a case for `key` (a value of the switch field, or "default"), as one edit.
    bool addCase(const QString &key);
    /// Removes the case at row, as one edit.
    bool removeCase(int row);

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;

private:
    void onChosen();

    QComboBox *m_on;
    QListWidget *m_cases;
    QComboBox *m_newCase;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace cp::ui
