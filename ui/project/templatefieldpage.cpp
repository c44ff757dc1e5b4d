// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "templatefieldpage.h"

#include <core/generate/templatetext.h>

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

TemplateFieldPage::TemplateFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_text(new QPlainTextEdit(this))
    , m_apply(new QPushButton(tr("A&pply Text"), this))
    , m_slots(new QListWidget(this))
    , m_uses(new QLabel(this))
    , m_pronoun(new QComboBox(this))
{
    m_text->setObjectName(QStringLiteral("templateText"));
    m_text->setAccessibleName(tr("Template text"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_text->setToolTip(tr("{column} inserts a column; {they} {them} {their} {theirs} "
                          "{themself} (capitalised {They}…) a pronoun; {is|are} agrees with it; "
                          "{{ and }} are braces"));
    m_text->installEventFilter(this);
    m_apply->setObjectName(QStringLiteral("applyTemplate"));
    m_apply->setToolTip(tr("Apply the text to the spec (Ctrl+Return)"));
    m_slots->setObjectName(QStringLiteral("templatePlaceholders"));
    m_slots->setAccessibleName(tr("Placeholders"));
    m_slots->setToolTip(tr("Double-click to insert at the cursor"));
    m_slots->setMaximumWidth(220);
    m_uses->setObjectName(QStringLiteral("templateUses"));
    m_uses->setWordWrap(true);
    m_uses->setTextFormat(Qt::PlainText);
    m_pronoun->setObjectName(QStringLiteral("templatePronoun"));
    m_pronoun->setToolTip(tr("The linked field whose pronoun set ({they} …) the text uses"));

    auto *slotsColumn = new QVBoxLayout;
    slotsColumn->addWidget(new QLabel(tr("Placeholders:"), this));
    slotsColumn->addWidget(m_slots, 1);
    auto *top = new QHBoxLayout;
    top->addWidget(markedCell(m_text), 1);
    top->addLayout(slotsColumn);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_uses, 1);
    applyRow->addWidget(m_apply, 0, Qt::AlignTop);
    auto *form = new QFormLayout;
    addRow(form, tr("Pro&noun set:"), m_pronoun);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top, 1);
    layout->addLayout(applyRow);
    layout->addLayout(form);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_text);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &TemplateFieldPage::applyText);
    connect(m_apply, &QPushButton::clicked, this, &TemplateFieldPage::applyText);
    connect(m_text, &QPlainTextEdit::textChanged, this, &TemplateFieldPage::showUses);
    connect(m_slots, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_text->textCursor().insertText(item->data(Qt::UserRole).toString());
        m_text->setFocus();
    });
    connect(m_pronoun, &QComboBox::currentIndexChanged, this, [this] {
        if (loading() || m_pronoun->currentIndex() < 0)
            return;
        const QString name = m_pronoun->currentData().toString();
        editField(m_pronoun,
                  name.isEmpty() ? tr("%1: first pronoun field").arg(targetName())
                                 : tr("%1: pronouns of %2").arg(targetName(), name),
                  [name](cp::FieldSpec &f) {
                      f.pronoun = name.toStdString();
                      return QString();
                  });
    });
}

void TemplateFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const cp::FieldSpec *f = fieldAt(spec, target);
    if (!f)
        return;
    const QString text = QString::fromStdString(f->text);
    if (m_text->toPlainText() != text)
        m_text->setPlainText(text);

    // What a template may use: earlier fields, protected and linked columns, pronoun slots.
    m_slots->clear();
    m_known.clear();
    auto add = [&](const QString &slot, const QString &tip, bool column) {
        auto *item = new QListWidgetItem(slot, m_slots);
        item->setData(Qt::UserRole, slot);
        item->setToolTip(tip);
        if (column)
            m_known << slot.mid(1, slot.size() - 2);
    };
    for (const auto &p : spec.protectedAttributes)
        add(QStringLiteral("{%1}").arg(QString::fromStdString(p.name)),
            tr("protected attribute: differs between variants"), true);
    for (const auto &l : spec.linked)
        add(QStringLiteral("{%1}").arg(QString::fromStdString(l.name)),
            tr("linked field: follows the groups"), true);
    for (const QString &name : earlierFields(spec, target, [](const auto &) { return true; }))
        add(QStringLiteral("{%1}").arg(name), tr("earlier field: the same in every variant"),
            true);
    bool hasPronouns = false;
    for (const auto &l : spec.linked)
        hasPronouns = hasPronouns || l.kind == cp::LinkedSpec::Kind::Pronouns;
    if (hasPronouns) {
        for (const char *p : {"{they}", "{them}", "{their}", "{theirs}", "{themself}", "{They}",
                              "{Their}"})
            add(QString::fromLatin1(p), tr("pronoun of the variant's pronoun set"), false);
        for (const char *v : {"{is|are}", "{has|have}", "{was|were}"})
            add(QString::fromLatin1(v), tr("agreement: first form for he/she, second for they"),
                false);
    }

    QList<std::pair<QString, QString>> pronounFields{
        {tr("(the first linked pronoun field)"), QString()}};
    for (const auto &l : spec.linked)
        if (l.kind == cp::LinkedSpec::Kind::Pronouns)
            pronounFields.append(
                {QString::fromStdString(l.name), QString::fromStdString(l.name)});
    const QString pronoun = QString::fromStdString(f->pronoun);
    if (!pronoun.isEmpty()
        && std::none_of(pronounFields.begin(), pronounFields.end(),
                        [&](const auto &item) { return item.second == pronoun; }))
        pronounFields.append({pronoun, pronoun});
    fillCombo(m_pronoun, pronounFields, pronoun);
    setMark(m_text, {});
    setMark(m_pronoun, {});
    showUses();
}

bool TemplateFieldPage::eventFilter(QObject *watched, QEvent *event)
{
    // Leaving the text applies it, as a line edit does.
    if (watched == m_text && event->type() == QEvent::FocusOut && !loading()) {
        const cp::FieldSpec *f = fieldAt(spec(), target());
        if (f && m_text->toPlainText().toStdString() != f->text)
            applyText();
    }
    return FieldFormPage::eventFilter(watched, event);
}

bool TemplateFieldPage::applyText()
{
    const cp::FieldSpec *f = fieldAt(spec(), target());
    const std::string text = m_text->toPlainText().toStdString();
    if (!f || text == f->text)
        return false;
    return editField(m_text, tr("Edit the template of %1").arg(targetName()),
                     [text](cp::FieldSpec &field) {
                         field.text = text;
                         return QString();
                     });
}

QString TemplateFieldPage::usesText() const
{
    return m_uses->text();
}

void TemplateFieldPage::showUses()
{
    auto parsed = cp::TemplateText::parse(m_text->toPlainText().toStdString());
    if (!parsed) {
        m_uses->setText(tr("! %1").arg(QString::fromStdString(parsed.error().message)));
        m_uses->setStyleSheet(QStringLiteral("color: #780000;"));
        return;
    }
    QStringList uses;
    QStringList unknown;
    bool pronouns = false;
    for (const auto &p : parsed->pieces()) {
        if (p.kind == cp::TemplatePiece::Kind::Slot) {
            const QString name = QString::fromStdString(p.text);
            if (!m_known.contains(name))
                unknown << QStringLiteral("{%1}").arg(name);
            else if (!uses.contains(QStringLiteral("{%1}").arg(name)))
                uses << QStringLiteral("{%1}").arg(name);
        } else if (p.kind != cp::TemplatePiece::Kind::Literal) {
            pronouns = true;
        }
    }
    QString text = uses.isEmpty() ? tr("Uses no column.") : tr("Uses %1.").arg(uses.join(", "));
    if (pronouns)
        text += tr(" Pronoun and agreement slots.");
    if (!unknown.isEmpty())
        text += tr(" ! Unknown here (not an earlier field, protected or linked column): %1.")
                    .arg(unknown.join(QStringLiteral(", ")));
    m_uses->setText(text);
    m_uses->setStyleSheet(unknown.isEmpty() ? QString()
                                            : QStringLiteral("color: #780000;"));
}

} // namespace cp::ui
