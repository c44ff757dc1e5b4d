// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/generate/generatorspec.h>

#include <QStringList>
#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;

namespace cp {
class ProviderCatalog;
}

namespace cp::ui {

/// What a row of the generator field editor stands for: a protected attribute, a linked field,
/// a base field or one case of a conditional field.
struct FieldTarget
{
    enum class Section { None, Protected, Linked, Field, Case };
    Section section = Section::None;
    int index = -1;      ///< into protectedAttributes, linked or fields (Case: the conditional)
    int caseIndex = -1;  ///< Case: into fields[index].cases

    bool operator==(const FieldTarget &) const = default;
    bool isField() const { return section == Section::Field || section == Section::Case; }
};

/// The field spec a target names (a base field or a conditional's case), or nullptr.
cp::FieldSpec *fieldAt(cp::GeneratorSpec &spec, const FieldTarget &target);
const cp::FieldSpec *fieldAt(const cp::GeneratorSpec &spec, const FieldTarget &target);
/// The base fields before the target's field (a case sees what its conditional sees) for
/// which `accept` holds, by name.
QStringList earlierFields(const cp::GeneratorSpec &spec, const FieldTarget &target,
                          const std::function<bool(const cp::FieldSpec &)> &accept);
/// Whether a bound can refer to this field (SPEC.md: an earlier numeric field).
bool isNumericField(const cp::FieldSpec &field);
/// The provider lists the workbench previews and generates with (resources/providers), loaded
/// once; nullptr when they cannot be read.
const cp::ProviderCatalog *workbenchProviders();
/// Their names; empty when they cannot be read.
QStringList providerListNames();

/// A refused value: the control gets a reddish background, a "!" tooltip and the reason in
/// the mark label under it (made by markedCell). An empty message clears the mark.
void setMark(QWidget *control, const QString &message);
QString markOf(const QWidget *control);
/// The cell of a form row: the control (and an optional widget beside it) above the label that
/// shows why a value was refused.
QWidget *markedCell(QWidget *control, QWidget *extra = nullptr);

/// One kind's form in the generator field editor. The editor calls load() to show a target
/// (the page's handlers see loading() and stay quiet meanwhile); a control's change calls
/// edit(), which applies the change to a copy of the spec, writes it back through
/// writeGeneratorSpec and either commits it as one undo step or marks the control with the
/// reason it was refused.
class FieldFormPage : public QWidget
{
    Q_OBJECT

public:
    /// Changes a copy of the spec; returns why the value is refused, or an empty string.
    using Change = std::function<QString(cp::GeneratorSpec &spec)>;
    /// The editor's side of edit(): false when refused (the control is marked).
    using Edit = std::function<bool(QWidget *control, const QString &undoText,
                                    const Change &change)>;

    explicit FieldFormPage(QWidget *parent = nullptr);

    void setEdit(Edit edit) { m_edit = std::move(edit); }
    /// Shows target of spec in the controls, without emitting edits.
    void showTarget(const cp::GeneratorSpec &spec, const FieldTarget &target);

signals:
    /// Asks the editor to select another row (a conditional's case).
    void targetRequested(const cp::ui::FieldTarget &target);

protected:
    virtual void load(const cp::GeneratorSpec &spec, const FieldTarget &target) = 0;
    bool edit(QWidget *control, const QString &undoText, const Change &change);
    /// Changes the target's field spec (base field or case) of the copy.
    bool editField(QWidget *control, const QString &undoText,
                   const std::function<QString(cp::FieldSpec &field)> &change);
    bool loading() const { return m_loading; }
    const FieldTarget &target() const { return m_target; }
    const cp::GeneratorSpec &spec() const { return m_spec; }
    /// The target's name for undo texts ("age", "salary: engineer").
    QString targetName() const;
    /// A row of the page's form with its mark label.
    void addRow(QFormLayout *form, const QString &label, QWidget *control,
                QWidget *extra = nullptr);

private:
    Edit m_edit;
    cp::GeneratorSpec m_spec;
    FieldTarget m_target;
    bool m_loading = false;
};

/// Fills a combo with (text, data) items unless it holds them already (this may run inside the
/// combo's own handler, where clearing it is unsafe), then selects `data` (none when absent).
void fillCombo(QComboBox *combo, const QList<std::pair<QString, QString>> &items,
               const QString &data);
/// A number typed in a line edit ("22", "-1.5e3"); false when the text is none.
bool parseNumber(const QString &text, double &out);
/// A number as a person writes it: "22", "0.25", "90000".
QString numberText(double value);

} // namespace cp::ui

Q_DECLARE_METATYPE(cp::ui::FieldTarget)
