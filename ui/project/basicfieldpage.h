// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

class QComboBox;
class QDateEdit;
class QFormLayout;
class QLineEdit;

namespace cp::ui {

/// The form of the kinds with one or two plain options: id (its prefix), date (from and to,
/// inclusive) and provider (the list drawn from, and the earlier choice field that keys it).
/// A provider list must be one the workbench has (resources/providers), or the preview and
/// Generate could not draw from it.
class BasicFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    explicit BasicFieldPage(QWidget *parent = nullptr);

    QLineEdit *prefixEdit() const { return m_prefix; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QComboBox *providerCombo() const { return m_provider; }
    QComboBox *keyCombo() const { return m_key; }

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;

private:
    void dateEdited(bool from);
    void providerChosen();
    void keyChosen();

    QFormLayout *m_form;
    QLineEdit *m_prefix;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_provider;
    QComboBox *m_key;
};

} // namespace cp::ui
