// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>

#include <core/common/result.h>

#include <QWidget>

#include <string>
#include <vector>

class QAbstractSpinBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QSpinBox;

namespace cp::ui {

class SpecEditor;

/// The contract's limits as spin boxes (the primary metric's and each guardrail's max_gap /
/// min_ratio, the supports, the flip rate, the review, privacy and regression settings;
/// optional ones have a "none" value at the bottom), the guardrails' metrics as combos with
/// Add and Remove, and its attestations as a checklist. Checking an attestation records the
/// reviewer and the UTC date, shown beside it. A value the spec parser refuses stays in its
/// box, marked with "!", a reddish background and the parser's message beside it; it is not
/// applied. Every change is one undoable edit of the SpecEditor.
class ContractEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ContractEditor(SpecEditor *editor);

    /// Shows the contract of this spec; clears the marks of refused values.
    void refresh(const cp::AuditSpec &spec);

    /// The box editing a JSON pointer ("/contract/primary/max_gap", "/contract/min_positives"),
    /// or nullptr.
    QAbstractSpinBox *box(const std::string &jsonPointer) const;
    QDoubleSpinBox *doubleBox(const std::string &jsonPointer) const;
    QSpinBox *countBox(const std::string &jsonPointer) const;
    /// The metric combo of guardrail `index` ("/contract/guardrails/<index>/metric"), or nullptr.
    QComboBox *guardrailMetricCombo(int index) const;
    /// Appends a guardrail on `metric` (max_gap 0.1, the usual starting point), as one undoable
    /// edit. Refused when the spec has no contract.
    cp::Status addGuardrail(cp::Metric metric);
    /// Removes guardrail `index`, as one undoable edit. Refused when out of range, or when the
    /// contract would then check nothing.
    cp::Status removeGuardrail(int index);
    /// Makes guardrail `index` limit `metric` instead, as one undoable edit.
    cp::Status setGuardrailMetric(int index, cp::Metric metric);
    QListWidget *attestationList() const { return m_attestations; }
    /// Adds a required attestation (not done) to the contract, as one undoable edit.
    cp::Status addAttestation(const QString &name);
    /// Removes the attestation at row, as one undoable edit.
    cp::Status removeAttestation(int row);
    /// Whether the control of a JSON pointer carries the mark of a refused value, and its
    /// message ("/contract/primary/max_gap", "/contract/guardrails/0/metric").
    bool isMarked(const std::string &jsonPointer) const;
    QString markMessage(const std::string &jsonPointer) const;
    /// The line under the limits naming the last refused change (empty when none).
    QString limitProblem() const;

private:
    enum class FieldType { Double, Count, Metric };
    struct Field
    {
        std::string pointer;
        QWidget *box = nullptr;     ///< a QDoubleSpinBox, QSpinBox or (Metric) QComboBox
        QLabel *mark = nullptr;
        bool optional = false;
        FieldType type = FieldType::Double;
    };

    void rebuild(const cp::Contract &contract);
    void addDouble(const QString &label, const std::string &pointer, double minimum,
                   double maximum, bool optional, const QString &toolTip);
    void addCount(const QString &label, const std::string &pointer, bool optional,
                  const QString &toolTip);
    void addGuardrailRow(int index, const cp::GapLimit &limit);
    void addGuardrailButton();
    QLabel *addRow(const QString &label, QWidget *box, const QString &toolTip,
                   QWidget *extra = nullptr);
    void valueEdited(const std::string &pointer);
    void attestationToggled(QListWidgetItem *item);
    void setMark(Field &field, const QString &message);
    Field *fieldOf(const std::string &pointer);
    QString captionOf(const QWidget *box) const;
    /// The refusal of an edit not tied to one box (adding or removing a guardrail).
    void showLimitProblem(const QString &message);

    SpecEditor *m_editor;
    QLabel *m_noContract;
    QWidget *m_limits;
    QWidget *m_formHolder;
    QWidget *m_form = nullptr;
    QFormLayout *m_formLayout = nullptr;
    QListWidget *m_attestations;
    QLabel *m_attestationProblem;
    QLabel *m_limitProblem = nullptr;
    std::vector<Field> m_fields;
    std::string m_shape;
    bool m_updating = false;
};

} // namespace cp::ui
