// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

class QCheckBox;
class QPushButton;
class QTableWidget;

namespace cp::ui {

/// The form of a choice field: its values with their weights (all blank: equally likely) as a
/// table edited in place, Add Value and Remove Value, and whether the field is a stratum
/// (assigned in equal family counts rather than drawn). Renaming a value renames the cases
/// keyed by it in conditionals on this field.
class ChoiceFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    enum Column { ValueColumn, WeightColumn };

    explicit ChoiceFieldPage(QWidget *parent = nullptr);

    QTableWidget *valueTable() const { return m_values; }
    QCheckBox *stratumBox() const { return m_stratum; }
    /// Appends a value (weight 1 when the values are weighted), as one edit.
    bool addValue(const QString &value);
    /// Removes the value at row, as one edit.
    bool removeValue(int row);

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;

private:
    void cellEdited();

    QTableWidget *m_values;
    QPushButton *m_add;
    QPushButton *m_remove;
    QCheckBox *m_stratum;
};

} // namespace cp::ui
