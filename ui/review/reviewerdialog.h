// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace cp::ui {

/// Asks who is reviewing: the name every label of theirs is stored under, kept in the settings
/// ("Review/Reviewer") so that it is asked once per user and machine. OK stays disabled until a
/// name (not blank) is typed.
class ReviewerDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReviewerDialog(const QString &current, QWidget *parent = nullptr);

    /// The name typed, trimmed.
    QString name() const;
    QLineEdit *nameEdit() const { return m_name; }

    /// The reviewer's name from the settings; empty when never asked.
    static QString storedName();
    static void storeName(const QString &name);
    static QString settingsKey();

private:
    QLineEdit *m_name;
    QDialogButtonBox *m_buttons;
};

} // namespace cp::ui
