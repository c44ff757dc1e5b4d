// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "conditionalfieldpage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace cp::ui {

namespace {

const std::string Default = "default";

const cp::FieldSpec *fieldNamed(const cp::GeneratorSpec &spec, const std::string &name)
{
    for (const auto &f : spec.fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

} // namespace

ConditionalFieldPage::ConditionalFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_on(new QComboBox(this))
    , m_cases(new QListWidget(this))
    , m_newCase(new QComboBox(this))
    , m_add(new QPushButton(tr("Add &Case"), this))
    , m_remove(new QPushButton(tr("Re&move Case"), this))
{
    m_on->setObjectName(QStringLiteral("conditionalOn"));
    m_on->setToolTip(tr("An earlier choice field; each of its values picks a case"));
    m_cases->setObjectName(QStringLiteral("conditionalCases"));
    m_cases->setAccessibleName(tr("Cases"));
    m_cases->setToolTip(tr("Double-click a case to edit it"));
    m_newCase->setObjectName(QStringLiteral("conditionalNewCase"));
    m_newCase->setToolTip(tr("The value (or default) the new case is for"));
    m_add->setObjectName(QStringLiteral("addCase"));
    m_remove->setObjectName(QStringLiteral("removeCase"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(form, tr("Switch &on:"), m_on);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newCase);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Cases (value \u2192 kind; the default covers every other "
                                    "value):"),
                                 this));
    layout->addWidget(markedCell(m_cases), 1);
    layout->addLayout(buttons);

    connect(m_on, &QComboBox::currentIndexChanged, this, &ConditionalFieldPage::onChosen);
    connect(m_cases, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        FieldTarget t = target();
        t.section = FieldTarget::Section::Case;
        t.caseIndex = m_cases->row(item);
        emit targetRequested(t);
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (m_newCase->currentIndex() >= 0)
            addCase(m_newCase->currentData().toString());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_cases->currentRow() >= 0)
            removeCase(m_cases->currentRow());
    });
}

void ConditionalFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const cp::FieldSpec *f = fieldAt(spec, target);
    if (!f)
        return;
    QList<std::pair<QString, QString>> choices;
    QStringList names = earlierFields(spec, target, [](const cp::FieldSpec &c) {
        return c.kind == cp::FieldKind::Choice;
    });
    const QString on = QString::fromStdString(f->on);
    if (!on.isEmpty() && !names.contains(on))
        names << on;
    for (const QString &n : names)
        choices.append({n, n});
    fillCombo(m_on, choices, on);

    m_cases->clear();
    for (std::size_t c = 0; c < f->cases.size() && c < f->caseKeys.size(); ++c)
        new QListWidgetItem(QStringLiteral("%1 \u2192 %2").arg(
                                QString::fromStdString(f->caseKeys[c]),
                                QString::fromLatin1(cp::fieldKindName(f->cases[c].kind))),
                            m_cases);
    QList<std::pair<QString, QString>> missing;
    if (const cp::FieldSpec *choice = fieldNamed(spec, f->on))
        for (const auto &v : choice->values)
            if (std::find(f->caseKeys.begin(), f->caseKeys.end(), v) == f->caseKeys.end())
                missing.append({QString::fromStdString(v), QString::fromStdString(v)});
    if (std::find(f->caseKeys.begin(), f->caseKeys.end(), Default) == f->caseKeys.end())
        missing.append({tr("default"), QString::fromStdString(Default)});
    fillCombo(m_newCase, missing, missing.isEmpty() ? QString() : missing.front().second);
    m_newCase->setEnabled(!missing.isEmpty());
    m_add->setEnabled(!missing.isEmpty());
    setMark(m_on, {});
    setMark(m_cases, {});
}

void ConditionalFieldPage::onChosen()
{
    if (loading() || m_on->currentIndex() < 0)
        return;
    const std::string on = m_on->currentData().toString().toStdString();
    editField(m_on, tr("Switch %1 on %2").arg(targetName(), m_on->currentData().toString()),
              [this, on](cp::FieldSpec &f) {
                  const cp::FieldSpec *choice = fieldNamed(spec(), on);
                  if (!choice)
                      return tr("'%1' is not a field").arg(QString::fromStdString(on));
                  // Keep the cases the new field has a value for, and a default for the rest.
                  std::vector<std::string> keys;
                  std::vector<cp::FieldSpec> cases;
                  std::optional<cp::FieldSpec> fallback;
                  for (std::size_t c = 0; c < f.cases.size(); ++c) {
                      const std::string &k = f.caseKeys[c];
                      if (k == Default)
                          fallback = f.cases[c];
                      else if (std::find(choice->values.begin(), choice->values.end(), k)
                               != choice->values.end()) {
                          keys.push_back(k);
                          cases.push_back(f.cases[c]);
                      }
                  }
                  if (!fallback && !f.cases.empty())
                      fallback = f.cases.front();
                  if (fallback) {
                      keys.push_back(Default);
                      cases.push_back(*fallback);
                  }
                  f.on = on;
                  f.caseKeys = std::move(keys);
                  f.cases = std::move(cases);
                  return QString();
              });
}

bool ConditionalFieldPage::addCase(const QString &key)
{
    const std::string k = key.toStdString();
    return editField(m_cases, tr("Add case '%1' to %2").arg(key, targetName()),
                     [k](cp::FieldSpec &f) {
                         if (std::find(f.caseKeys.begin(), f.caseKeys.end(), k)
                             != f.caseKeys.end())
                             return tr("'%1' has a case already").arg(QString::fromStdString(k));
                         // What the value got so far: the default (the last case), so
                         // that adding a case changes nothing until it is edited.
                         cp::FieldSpec added;
                         if (!f.cases.empty()) {
                             added = f.cases.back();
                         } else {
                             added.kind = cp::FieldKind::Int;
                             added.min.value = 0;
                             added.max.value = 10;
                         }
                         // The default stays last, as the parser orders it.
                         auto at = f.caseKeys.end();
                         if (k != Default)
                             at = std::find(f.caseKeys.begin(), f.caseKeys.end(), Default);
                         const auto offset = at - f.caseKeys.begin();
                         f.caseKeys.insert(at, k);
                         f.cases.insert(f.cases.begin() + offset, std::move(added));
                         return QString();
                     });
}

bool ConditionalFieldPage::removeCase(int row)
{
    const cp::FieldSpec *current = fieldAt(spec(), target());
    if (!current || row < 0 || std::size_t(row) >= current->cases.size())
        return false;
    const QString key = QString::fromStdString(current->caseKeys[std::size_t(row)]);
    return editField(m_cases, tr("Remove case '%1' from %2").arg(key, targetName()),
                     [row](cp::FieldSpec &f) {
                         f.caseKeys.erase(f.caseKeys.begin() + row);
                         f.cases.erase(f.cases.begin() + row);
                         return QString();
                     });
}

} // namespace cp::ui
