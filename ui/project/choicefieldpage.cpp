// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "choicefieldpage.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

namespace {

/// Renames the cases keyed by a value of choice field `choice` in the conditionals on it.
void renameCases(cp::GeneratorSpec &spec, const std::string &choice, const std::string &from,
                 const std::string &to)
{
    for (cp::FieldSpec &f : spec.fields)
        if (f.kind == cp::FieldKind::Conditional && f.on == choice)
            std::replace(f.caseKeys.begin(), f.caseKeys.end(), from, to);
}

} // namespace

ChoiceFieldPage::ChoiceFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_values(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("Add &Value"), this))
    , m_remove(new QPushButton(tr("&Remove Value"), this))
    , m_stratum(new QCheckBox(tr("S&tratum: assign every value to an equal share of the "
                                 "families (weights are then ignored)"),
                              this))
{
    m_values->setObjectName(QStringLiteral("choiceValues"));
    m_values->setHorizontalHeaderLabels({tr("Value"), tr("Weight (all blank: equal)")});
    m_values->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_values->horizontalHeader()->setSectionResizeMode(WeightColumn,
                                                       QHeaderView::ResizeToContents);
    m_values->verticalHeader()->hide();
    m_values->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_values->setSelectionMode(QAbstractItemView::SingleSelection);
    m_values->setAccessibleName(tr("Values and weights"));
    m_values->setToolTip(tr("Double-click a cell to edit it; a weight is relative (3 and 1: "
                            "three times as likely)"));
    m_add->setObjectName(QStringLiteral("addChoiceValue"));
    m_remove->setObjectName(QStringLiteral("removeChoiceValue"));
    m_stratum->setObjectName(QStringLiteral("choiceStratum"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(markedCell(m_values), 1);
    layout->addLayout(buttons);
    layout->addWidget(markedCell(m_stratum));

    connect(m_values, &QTableWidget::itemChanged, this, [this] { cellEdited(); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        // A name not yet used: "value 4", "value 5", …
        QStringList taken;
        for (int r = 0; r < m_values->rowCount(); ++r)
            taken << m_values->item(r, ValueColumn)->text();
        int n = m_values->rowCount() + 1;
        while (taken.contains(tr("value %1").arg(n)))
            ++n;
        addValue(tr("value %1").arg(n));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_values->currentRow() >= 0)
            removeValue(m_values->currentRow());
    });
    connect(m_stratum, &QCheckBox::toggled, this, [this](bool on) {
        if (loading() || !fieldAt(spec(), target()))
            return;
        const std::string name = fieldAt(spec(), target())->name;
        edit(m_stratum,
             on ? tr("Make %1 a stratum").arg(targetName())
                : tr("Draw %1 instead of assigning it").arg(targetName()),
             [name, on](cp::GeneratorSpec &s) {
                 auto &strata = s.strata;
                 strata.erase(std::remove(strata.begin(), strata.end(), name), strata.end());
                 if (on)
                     strata.push_back(name);
                 return QString();
             });
    });
}

void ChoiceFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const cp::FieldSpec *f = fieldAt(spec, target);
    if (!f)
        return;
    // Updated in place: this may run inside the table's own itemChanged.
    const QSignalBlocker blocker(m_values);
    m_values->setRowCount(int(f->values.size()));
    for (int r = 0; r < int(f->values.size()); ++r) {
        const QString cells[] = {QString::fromStdString(f->values[std::size_t(r)]),
                                 f->weights.empty() ? QString()
                                                    : numberText(f->weights[std::size_t(r)])};
        for (int c = ValueColumn; c <= WeightColumn; ++c) {
            QTableWidgetItem *item = m_values->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_values->setItem(r, c, item);
            }
            item->setText(cells[c]);
        }
    }
    m_values->resizeColumnToContents(WeightColumn);
    const bool isStratum = std::find(spec.strata.begin(), spec.strata.end(), f->name)
                           != spec.strata.end();
    m_stratum->setVisible(target.section == FieldTarget::Section::Field);
    m_stratum->setChecked(isStratum);
    setMark(m_values, {});
    setMark(m_stratum, {});
}

void ChoiceFieldPage::cellEdited()
{
    if (loading())
        return;
    std::vector<std::string> values;
    QStringList weightTexts;
    for (int r = 0; r < m_values->rowCount(); ++r) {
        const QTableWidgetItem *v = m_values->item(r, ValueColumn);
        const QTableWidgetItem *w = m_values->item(r, WeightColumn);
        values.push_back((v ? v->text().trimmed() : QString()).toStdString());
        weightTexts << (w ? w->text().trimmed() : QString());
    }
    const bool allBlank = std::all_of(weightTexts.begin(), weightTexts.end(),
                                      [](const QString &t) { return t.isEmpty(); });
    const bool isField = target().section == FieldTarget::Section::Field;
    const FieldTarget t = target();
    edit(m_values, tr("Edit the values of %1").arg(targetName()),
         [=](cp::GeneratorSpec &s) {
             cp::FieldSpec *f = fieldAt(s, t);
             if (!f)
                 return tr("the field is gone");
             std::vector<double> weights;
             for (int r = 0; r < weightTexts.size() && !allBlank; ++r) {
                 double w = 0;
                 if (weightTexts[r].isEmpty())
                     return tr("give a weight for every value, or none (all equally likely)");
                 if (!parseNumber(weightTexts[r], w))
                     return tr("the weight of '%1' ('%2') is not a number")
                         .arg(QString::fromStdString(values[std::size_t(r)]), weightTexts[r]);
                 weights.push_back(w);
             }
             // A value renamed in place (a new name for one that is gone, not a reordering):
             // the cases keyed by it follow.
             const auto has = [](const std::vector<std::string> &list, const std::string &v) {
                 return std::find(list.begin(), list.end(), v) != list.end();
             };
             if (isField && values.size() == f->values.size())
                 for (std::size_t i = 0; i < values.size(); ++i)
                     if (!has(f->values, values[i]) && !has(values, f->values[i]))
                         renameCases(s, f->name, f->values[i], values[i]);
             f = fieldAt(s, t);
             f->values = values;
             f->weights = weights;
             return QString();
         });
}

bool ChoiceFieldPage::addValue(const QString &value)
{
    const std::string v = value.trimmed().toStdString();
    return editField(m_values, tr("Add value '%1' to %2").arg(value.trimmed(), targetName()),
                     [v](cp::FieldSpec &f) {
                         f.values.push_back(v);
                         if (!f.weights.empty())
                             f.weights.push_back(1.0);
                         return QString();
                     });
}

bool ChoiceFieldPage::removeValue(int row)
{
    const cp::FieldSpec *current = fieldAt(spec(), target());
    if (!current || row < 0 || std::size_t(row) >= current->values.size())
        return false;
    const QString name = QString::fromStdString(current->values[std::size_t(row)]);
    return editField(m_values, tr("Remove value '%1' from %2").arg(name, targetName()),
                     [row](cp::FieldSpec &f) {
                         f.values.erase(f.values.begin() + row);
                         if (std::size_t(row) < f.weights.size())
                             f.weights.erase(f.weights.begin() + row);
                         return QString();
                     });
}

} // namespace cp::ui
