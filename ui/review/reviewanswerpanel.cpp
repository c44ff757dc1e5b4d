// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewanswerpanel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

const char *AnswerStyle =
    "QPushButton { padding: 5px 12px; text-align: left; }"
    "QPushButton:checked { background: #2166ac; color: white; font-weight: bold;"
    " border: 1px solid #0b2e4f; border-radius: 3px; }";

QPushButton *button(const QString &text, const QString &tip, bool checkable, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setCheckable(checkable);
    b->setFocusPolicy(Qt::NoFocus);  // the single keys stay with the page
    b->setToolTip(tip);
    if (checkable) {
        b->setStyleSheet(QLatin1String(AnswerStyle));
        b->setMinimumWidth(160);
    }
    return b;
}

} // namespace

ReviewAnswerPanel::ReviewAnswerPanel(QWidget *parent)
    : QWidget(parent)
    , m_equivalent(button(tr("[E]  Equivalent"),
                          tr("Same facts: the variants deserve the same outcome (key E)"), true,
                          this))
    , m_notEquivalent(button(tr("[N]  Not equivalent"),
                             tr("The variants differ in more than the protected attribute: the "
                                "pair is left out of the audit (key N)"),
                             true, this))
    , m_unsure(button(tr("[U]  Unsure"), tr("Cannot tell (key U)"), true, this))
    , m_favourable(button({}, {}, true, this))
    , m_unfavourable(button({}, {}, true, this))
    , m_note(new QLineEdit(this))
    , m_previous(button(tr("←  Previous  [K]"), tr("Previous pair (← or K)"), false, this))
    , m_next(button(tr("Next  [J]  →"), tr("Next pair (→ or J)"), false, this))
    , m_undo(button(tr("Undo  [Ctrl+Z]"),
                    tr("Undo your last change: the label is restored as it was (the history "
                       "keeps both). Ctrl+Shift+Z redoes it."),
                    false, this))
{
    setObjectName(QStringLiteral("reviewAnswers"));
    m_equivalent->setObjectName(QStringLiteral("answerEquivalent"));
    m_notEquivalent->setObjectName(QStringLiteral("answerNotEquivalent"));
    m_unsure->setObjectName(QStringLiteral("answerUnsure"));
    m_favourable->setObjectName(QStringLiteral("answerFavourable"));
    m_unfavourable->setObjectName(QStringLiteral("answerUnfavourable"));
    m_note->setObjectName(QStringLiteral("reviewNote"));
    m_note->setPlaceholderText(tr("Optional note: press T to type, Enter to save, Esc to leave"));
    m_note->setClearButtonEnabled(true);
    m_note->installEventFilter(this);
    setOutcomeNames(tr("favourable"), tr("unfavourable"));

    auto *answers = new QGridLayout;
    answers->setHorizontalSpacing(8);
    answers->addWidget(new QLabel(tr("<b>Are the variants equivalent?</b>"), this), 0, 0);
    answers->addWidget(m_equivalent, 0, 1);
    answers->addWidget(m_notEquivalent, 0, 2);
    answers->addWidget(m_unsure, 0, 3);
    answers->addWidget(new QLabel(tr("<b>Expected outcome:</b>"), this), 1, 0);
    answers->addWidget(m_favourable, 1, 1);
    answers->addWidget(m_unfavourable, 1, 2);
    answers->addWidget(new QLabel(tr("<b>Note</b> [T]:"), this), 2, 0);
    answers->addWidget(m_note, 2, 1, 1, 3);
    answers->setColumnStretch(4, 1);
    auto *nav = new QHBoxLayout;
    nav->addWidget(m_previous);
    nav->addWidget(m_next);
    nav->addStretch(1);
    nav->addWidget(m_undo);
    auto *keys = new QLabel(tr("Keys: <b>E</b> / <b>N</b> / <b>U</b> equivalence · <b>F</b> / "
                               "<b>R</b> expected outcome · <b>T</b> note · <b>J</b> or → next "
                               "· <b>K</b> or ← previous · <b>Ctrl+Z</b> undo. With "
                               "Auto-advance, a complete pair moves on by itself."),
                            this);
    keys->setObjectName(QStringLiteral("reviewKeys"));
    keys->setWordWrap(true);
    keys->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(answers);
    layout->addLayout(nav);
    layout->addWidget(keys);

    connect(m_equivalent, &QPushButton::clicked, this,
            [this] { emit equivalenceChosen(cp::Equivalence::Equivalent); });
    connect(m_notEquivalent, &QPushButton::clicked, this,
            [this] { emit equivalenceChosen(cp::Equivalence::NotEquivalent); });
    connect(m_unsure, &QPushButton::clicked, this,
            [this] { emit equivalenceChosen(cp::Equivalence::Unsure); });
    connect(m_favourable, &QPushButton::clicked, this,
            [this] { emit expectedChosen(cp::ExpectedOutcome::Favourable); });
    connect(m_unfavourable, &QPushButton::clicked, this,
            [this] { emit expectedChosen(cp::ExpectedOutcome::Unfavourable); });
    connect(m_previous, &QPushButton::clicked, this, &ReviewAnswerPanel::previousRequested);
    connect(m_next, &QPushButton::clicked, this, &ReviewAnswerPanel::nextRequested);
    connect(m_undo, &QPushButton::clicked, this, &ReviewAnswerPanel::undoRequested);
    connect(m_note, &QLineEdit::returnPressed, this, &ReviewAnswerPanel::noteLeft);
    connect(m_note, &QLineEdit::editingFinished, this, [this] {
        if (!m_dropping && m_note->text().trimmed() != m_storedNote)
            emit noteEdited(m_note->text());
    });
}

void ReviewAnswerPanel::setOutcomeNames(const QString &favourable, const QString &unfavourable)
{
    m_favourable->setText(tr("[F]  %1").arg(favourable));
    m_favourable->setToolTip(tr("The favourable outcome, '%1', is the right one for this "
                                "request (key F)").arg(favourable));
    m_unfavourable->setText(tr("[R]  %1").arg(unfavourable));
    m_unfavourable->setToolTip(tr("The unfavourable outcome, '%1', is the right one for this "
                                  "request (key R)").arg(unfavourable));
}

void ReviewAnswerPanel::showLabel(const std::optional<cp::ReviewLabel> &l)
{
    const auto eq = l ? l->equivalence : std::nullopt;
    const auto ex = l ? l->expected : std::nullopt;
    m_equivalent->setChecked(eq == cp::Equivalence::Equivalent);
    m_notEquivalent->setChecked(eq == cp::Equivalence::NotEquivalent);
    m_unsure->setChecked(eq == cp::Equivalence::Unsure);
    m_favourable->setChecked(ex == cp::ExpectedOutcome::Favourable);
    m_unfavourable->setChecked(ex == cp::ExpectedOutcome::Unfavourable);
    m_storedNote = l ? QString::fromStdString(l->note) : QString();
    if (!m_note->hasFocus())
        m_note->setText(m_storedNote);
}

void ReviewAnswerPanel::setPairShown(bool shown)
{
    for (QPushButton *b : {m_equivalent, m_notEquivalent, m_unsure, m_favourable, m_unfavourable})
        b->setEnabled(shown);
    m_note->setEnabled(shown);
}

void ReviewAnswerPanel::setNavigation(bool canGoBack, bool canGoOn)
{
    m_previous->setEnabled(canGoBack);
    m_next->setEnabled(canGoOn);
}

void ReviewAnswerPanel::setUndoEnabled(bool enabled)
{
    m_undo->setEnabled(enabled);
}

void ReviewAnswerPanel::startNote()
{
    if (!m_note->isEnabled())
        return;
    m_note->setFocus(Qt::ShortcutFocusReason);
    m_note->selectAll();
}

bool ReviewAnswerPanel::isEditingNote() const
{
    return m_note->hasFocus();
}

QPushButton *ReviewAnswerPanel::equivalenceButton(cp::Equivalence answer) const
{
    switch (answer) {
    case cp::Equivalence::Equivalent: return m_equivalent;
    case cp::Equivalence::NotEquivalent: return m_notEquivalent;
    case cp::Equivalence::Unsure: return m_unsure;
    }
    return nullptr;
}

QPushButton *ReviewAnswerPanel::expectedButton(cp::ExpectedOutcome answer) const
{
    return answer == cp::ExpectedOutcome::Favourable ? m_favourable : m_unfavourable;
}

bool ReviewAnswerPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Esc in the note drops the edit and gives the keys back to the page; it must not reach
    // the window's Esc shortcut (Cancel), so the shortcut override is taken here.
    if (watched == m_note
        && (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        event->accept();
        if (event->type() == QEvent::KeyPress) {
            m_dropping = true;
            m_note->setText(m_storedNote);
            emit noteLeft();
            m_dropping = false;
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace cp::ui
