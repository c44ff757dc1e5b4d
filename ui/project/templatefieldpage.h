// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformpage.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace cp::ui {

/// The form of a template field: the text with its placeholders. The placeholders it may use
/// (earlier fields, protected and linked columns, pronoun and agreement slots) are listed
/// beside it, a double-click inserts one; the ones the text uses are listed under it, unknown
/// ones marked. The text is applied with Apply Text (Ctrl+Return) or when the editor loses
/// focus; the pronoun set is chosen from the linked pronoun fields.
class TemplateFieldPage : public FieldFormPage
{
    Q_OBJECT

public:
    explicit TemplateFieldPage(QWidget *parent = nullptr);

    QPlainTextEdit *textEdit() const { return m_text; }
    QListWidget *placeholderList() const { return m_slots; }
    QComboBox *pronounCombo() const { return m_pronoun; }
    /// What the text uses, as shown under it.
    QString usesText() const;
    /// Applies the text as typed, as one edit; false when refused or unchanged.
    bool applyText();

protected:
    void load(const cp::GeneratorSpec &spec, const FieldTarget &target) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showUses();

    QPlainTextEdit *m_text;
    QPushButton *m_apply;
    QListWidget *m_slots;
    QLabel *m_uses;
    QComboBox *m_pronoun;
    QStringList m_known;
};

} // namespace cp::ui
