// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace cp::ui {

/// The form of the numeric kinds: int and real (min, max), normal (mean, sd) and lognormal
/// (mu, sigma, on the log scale) with optional clamps, and the decimals of the non-int kinds.
/// A bound is a number or an earlier numeric field plus an offset. Numbers are typed in line
/// edits and applied on Enter or when the edit loses focus.
class NumberFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    explicit NumberFieldPage(QWidget *parent = nullptr);

    QLineEdit *parameterEdit(int which) const { return which == 0 ? m_mean : m_sd; }
    /// which: 0 = min, 1 = max.
    QComboBox *boundMode(int which) const { return which == 0 ? m_minMode : m_maxMode; }
    QLineEdit *boundEdit(int which) const { return which == 0 ? m_minValue : m_maxValue; }
    QSpinBox *decimalsBox() const { return m_decimals; }

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;

private:
    void parameterEdited(int which);
    void boundModeChosen(int which);
    void boundValueEdited(int which);
    void loadBound(int which, const cp::FieldSpec &field, const QStringList &numeric);

    QFormLayout *m_form;
    QLineEdit *m_mean;
    QLineEdit *m_sd;
    QComboBox *m_minMode;
    QLineEdit *m_minValue;
    QComboBox *m_maxMode;
    QLineEdit *m_maxValue;
    QSpinBox *m_decimals;
};

} // namespace cp::ui
