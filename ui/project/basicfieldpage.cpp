// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "basicfieldpage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

enum Row { PrefixRow, FromRow, ToRow, ProviderRow, KeyRow };

constexpr qint64 EpochJulianDay = 2440588;  // 1970-01-01

QDate dateOf(std::int64_t days)
{
    return QDate::fromJulianDay(EpochJulianDay + days);
}

} // namespace

BasicFieldPage::BasicFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_form(new QFormLayout)
    , m_prefix(new QLineEdit(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_provider(new QComboBox(this))
    , m_key(new QComboBox(this))
{
    m_prefix->setObjectName(QStringLiteral("idPrefix"));
    m_prefix->setToolTip(tr("Written before the family number, e.g. A- gives A-0001"));
    m_prefix->setPlaceholderText(tr("(none)"));
    for (QDateEdit *d : {m_from, m_to}) {
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setCalendarPopup(true);
        d->setKeyboardTracking(false);
        d->setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31));
    }
    m_from->setObjectName(QStringLiteral("dateFrom"));
    m_to->setObjectName(QStringLiteral("dateTo"));
    m_from->setToolTip(tr("The first day drawn (inclusive)"));
    m_to->setToolTip(tr("The last day drawn (inclusive)"));
    m_provider->setObjectName(QStringLiteral("providerList"));
    m_provider->setToolTip(tr("A list of values with weights from resources/providers"));
    m_key->setObjectName(QStringLiteral("providerKey"));
    m_key->setToolTip(tr("An earlier choice field whose value picks the rows of the list with "
                         "that key (the list's first key column)"));
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(m_form, tr("&Prefix:"), m_prefix);
    addRow(m_form, tr("&From:"), m_from);
    addRow(m_form, tr("&To:"), m_to);
    addRow(m_form, tr("&List:"), m_provider);
    addRow(m_form, tr("&Keyed by:"), m_key);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addStretch(1);

    connect(m_prefix, &QLineEdit::editingFinished, this, [this] {
        if (loading())
            return;
        const std::string prefix = m_prefix->text().toStdString();
        editField(m_prefix, tr("Set %1 prefix to '%2'").arg(targetName(), m_prefix->text()),
                  [prefix](cp::FieldSpec &f) {
                      f.prefix = prefix;
                      return QString();
                  });
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] { dateEdited(true); });
    connect(m_to, &QDateEdit::dateChanged, this, [this] { dateEdited(false); });
    connect(m_provider, &QComboBox::currentIndexChanged, this, &BasicFieldPage::providerChosen);
    connect(m_key, &QComboBox::currentIndexChanged, this, &BasicFieldPage::keyChosen);
}

void BasicFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const cp::FieldSpec *f = fieldAt(spec, target);
    if (!f)
        return;
    using K = cp::FieldKind;
    m_form->setRowVisible(PrefixRow, f->kind == K::Id);
    m_form->setRowVisible(FromRow, f->kind == K::Date);
    m_form->setRowVisible(ToRow, f->kind == K::Date);
    m_form->setRowVisible(ProviderRow, f->kind == K::Provider);
    m_form->setRowVisible(KeyRow, f->kind == K::Provider);
    m_prefix->setText(QString::fromStdString(f->prefix));
    if (f->kind == K::Date) {
        m_from->setDate(dateOf(f->fromDay));
        m_to->setDate(dateOf(f->toDay));
    }
    QList<std::pair<QString, QString>> lists;
    for (const QString &name : providerListNames())
        lists.append({name, name});
    const QString current = QString::fromStdString(f->provider);
    if (!current.isEmpty() && !providerListNames().contains(current))
        lists.append({tr("%1 (not in resources/providers)").arg(current), current});
    fillCombo(m_provider, lists, current);
    QList<std::pair<QString, QString>> keys{{tr("(none: draw from the whole list)"), QString()}};
    const QString key = QString::fromStdString(f->key);
    QStringList choices = earlierFields(spec, target, [](const cp::FieldSpec &c) {
        return c.kind == cp::FieldKind::Choice;
    });
    if (!key.isEmpty() && !choices.contains(key))
        choices << key;
    for (const QString &name : choices)
        keys.append({name, name});
    fillCombo(m_key, keys, key);
    for (QWidget *w : std::initializer_list<QWidget *>{m_prefix, m_from, m_to, m_provider, m_key})
        setMark(w, {});
}

void BasicFieldPage::dateEdited(bool from)
{
    if (loading())
        return;
    QDateEdit *edit = from ? m_from : m_to;
    const std::int64_t days = edit->date().toJulianDay() - EpochJulianDay;
    editField(edit,
              tr("Set %1 %2 to %3")
                  .arg(targetName(), from ? tr("from") : tr("to"),
                       edit->date().toString(Qt::ISODate)),
              [from, days](cp::FieldSpec &f) {
                  (from ? f.fromDay : f.toDay) = days;
                  return QString();
              });
}

void BasicFieldPage::providerChosen()
{
    if (loading() || m_provider->currentIndex() < 0)
        return;
    const std::string list = m_provider->currentData().toString().toStdString();
    editField(m_provider,
              tr("Draw %1 from %2").arg(targetName(), m_provider->currentData().toString()),
              [list](cp::FieldSpec &f) {
                  f.provider = list;
                  return QString();
              });
}

void BasicFieldPage::keyChosen()
{
    if (loading() || m_key->currentIndex() < 0)
        return;
    const QString key = m_key->currentData().toString();
    editField(m_key,
              key.isEmpty() ? tr("Draw %1 from the whole list").arg(targetName())
                            : tr("Key %1 by %2").arg(targetName(), key),
              [key](cp::FieldSpec &f) {
                  f.key = key.toStdString();
                  return QString();
              });
}

} // namespace cp::ui
