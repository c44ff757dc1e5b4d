// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/review/reviewstore.h>

#include <QWidget>

#include <optional>

class QLineEdit;
class QPushButton;

namespace cp::ui {

/// Under the pair on the Reviews page: the answers, each button showing its key (E / N / U
/// equivalence, F / R expected outcome with the spec's outcome names, T for the note), the
/// note, Previous / Next and Undo. The buttons take no focus, so the page keeps its single
/// keys; a checked button is the reviewer's current answer. Emits what was chosen; the page
/// saves it.
class ReviewAnswerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewAnswerPanel(QWidget *parent = nullptr);

    /// The spec's names for the outcomes, e.g. "auto_serve" / "human_review".
    void setOutcomeNames(const QString &favourable, const QString &unfavourable);
    /// Checks the buttons of the reviewer's label and shows its note (left alone while the
    /// note is being typed).
    void showLabel(const std::optional<cp::ReviewLabel> &label);
    void setPairShown(bool shown);
    void setNavigation(bool canGoBack, bool canGoOn);
    void setUndoEnabled(bool enabled);
    /// Puts the cursor in the note (the T key).
    void startNote();
    bool isEditingNote() const;

    QPushButton *equivalenceButton(cp::Equivalence answer) const;
    QPushButton *expectedButton(cp::ExpectedOutcome answer) const;
    QLineEdit *noteEdit() const { return m_note; }

signals:
    void equivalenceChosen(cp::Equivalence answer);
    void expectedChosen(cp::ExpectedOutcome answer);
    /// The note was left with Enter or by moving away (not with Esc, which drops the edit).
    void noteEdited(const QString &note);
    /// Enter or Esc in the note: the single keys should work again.
    void noteLeft();
    void previousRequested();
    void nextRequested();
    void undoRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPushButton *m_equivalent;
    QPushButton *m_notEquivalent;
    QPushButton *m_unsure;
    QPushButton *m_favourable;
    QPushButton *m_unfavourable;
    QLineEdit *m_note;
    QPushButton *m_previous;
    QPushButton *m_next;
    QPushButton *m_undo;
    QString m_storedNote;
    bool m_dropping = false;
};

} // namespace cp::ui
