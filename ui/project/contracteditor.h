// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>

#include <core/common/result.h>

#include <QWidget>

#include <string>
#include <vector>

class QAbstractSpinBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QSpinBox;

namespace cp::ui {

class SpecEditor;

/// The contract's limits as spin boxes (the primary metric's and each guardrail's max_gap /
/// min_ratio, the supports, the flip rate; optional ones have a "none" value at the bottom) and
/// its attestations as a checklist. Checking an attestation records the reviewer and the UTC
/// date, shown beside it. A value the spec parser refuses stays in its box, marked with "!",
/// a reddish background and the parser's message beside it; it is not applied.
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
    QListWidget *attestationList() const { return m_attestations; }
    /// Adds a required attestation (not done) to the contract, as one undoable edit.
    cp::Status addAttestation(const QString &name);
    /// Removes the attestation at row, as one undoable edit.
    cp::Status removeAttestation(int row);
    bool isMarked(const std::string &jsonPointer) const;
    QString markMessage(const std::string &jsonPointer) const;

private:
    struct Field
    {
        std::string pointer;
        QAbstractSpinBox *box = nullptr;
        QLabel *mark = nullptr;
        bool optional = false;
        bool integer = false;
    };

    void rebuild(const cp::Contract &contract);
    void addDouble(const QString &label, const std::string &pointer, double maximum,
                     bool optional, const QString &toolTip);
    void addCount(const QString &label, const std::string &pointer, bool optional,
                    const QString &toolTip);
    QLabel *addRow(const QString &label, QAbstractSpinBox *box, const QString &toolTip);
    void valueEdited(const std::string &pointer);
    void attestationToggled(QListWidgetItem *item);
    void setMark(Field &field, const QString &message);

    SpecEditor *m_editor;
    QLabel *m_noContract;
    QWidget *m_limits;
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
