// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "fieldformpage.h"

#include <core/generate/providercatalog.h>

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace cp::ui {

namespace {

const char *const MarkLabelProperty = "cpMarkLabel";
const char *const MarkedStyle = "background-color: #ffdcdc; color: #780000;";

QLabel *markLabelOf(const QWidget *control)
{
    return control ? qobject_cast<QLabel *>(control->property(MarkLabelProperty).value<QObject *>())
                   : nullptr;
}

} // namespace

cp::FieldSpec *fieldAt(cp::GeneratorSpec &spec, const FieldTarget &target)
{
    if (!target.isField() || target.index < 0 || std::size_t(target.index) >= spec.fields.size())
        return nullptr;
    cp::FieldSpec &field = spec.fields[std::size_t(target.index)];
    if (target.section == FieldTarget::Section::Field)
        return &field;
    if (target.caseIndex < 0 || std::size_t(target.caseIndex) >= field.cases.size())
        return nullptr;
    return &field.cases[std::size_t(target.caseIndex)];
}

const cp::FieldSpec *fieldAt(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    return fieldAt(const_cast<cp::GeneratorSpec &>(spec), target);
}

QStringList earlierFields(const cp::GeneratorSpec &spec, const FieldTarget &target,
                          const std::function<bool(const cp::FieldSpec &)> &accept)
{
    QStringList names;
    const std::size_t end = target.isField() ? std::size_t(std::max(target.index, 0)) : 0;
    for (std::size_t i = 0; i < end && i < spec.fields.size(); ++i)
        if (accept(spec.fields[i]))
            names << QString::fromStdString(spec.fields[i].name);
    return names;
}

bool isNumericField(const cp::FieldSpec &field)
{
    using K = cp::FieldKind;
    switch (field.kind) {
    case K::Id:
    case K::Int:
    case K::Real:
    case K::Normal:
    case K::Lognormal: return true;
    case K::Conditional:
        return std::all_of(field.cases.begin(), field.cases.end(), isNumericField);
    default: return false;
    }
}

const cp::ProviderCatalog *workbenchProviders()
{
    static const std::optional<cp::ProviderCatalog> catalog =
        []() -> std::optional<cp::ProviderCatalog> {
        auto loaded = cp::ProviderCatalog::loadDefault();
        if (!loaded)
            return std::nullopt;
        return std::move(*loaded);
    }();
    return catalog ? &*catalog : nullptr;
}

QStringList providerListNames()
{
    QStringList out;
    if (const cp::ProviderCatalog *catalog = workbenchProviders())
        for (const auto &n : catalog->names())
            out << QString::fromStdString(n);
    return out;
}

void setMark(QWidget *control, const QString &message)
{
    if (!control)
        return;
    QLabel *label = markLabelOf(control);
    const char *const saved = "cpToolTip";  // the control's own tooltip while it is marked
    if (message.isEmpty()) {
        if (control->property(saved).isValid()) {
            control->setStyleSheet({});
            control->setToolTip(control->property(saved).toString());
            control->setProperty(saved, QVariant());
        }
        if (label) {
            label->clear();
            label->hide();
        }
        return;
    }
    if (!control->property(saved).isValid())
        control->setProperty(saved, control->toolTip());
    control->setStyleSheet(QString::fromLatin1(MarkedStyle));
    control->setToolTip(FieldFormPage::tr("! Not applied: %1").arg(message));
    if (label) {
        label->setText(FieldFormPage::tr("! Not applied: %1").arg(message));
        label->show();
    }
}

QString markOf(const QWidget *control)
{
    const QLabel *label = markLabelOf(control);
    return label && !label->isHidden() ? label->text() : QString();
}

QWidget *markedCell(QWidget *control, QWidget *extra)
{
    auto *cell = new QWidget;
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    if (extra) {
        auto *row = new QHBoxLayout;
        row->addWidget(control);
        row->addWidget(extra, 1);
        column->addLayout(row);
    } else {
        column->addWidget(control);
    }
    auto *mark = new QLabel(cell);
    mark->setWordWrap(true);
    mark->setStyleSheet(QString::fromLatin1("color: #780000;"));
    mark->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mark->hide();
    column->addWidget(mark);
    control->setProperty(MarkLabelProperty, QVariant::fromValue<QObject *>(mark));
    if (extra)
        extra->setProperty(MarkLabelProperty, QVariant::fromValue<QObject *>(mark));
    return cell;
}

FieldFormPage::FieldFormPage(QWidget *parent)
    : QWidget(parent)
{}

void FieldFormPage::showTarget(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    m_spec = spec;
    m_target = target;
    m_loading = true;
    load(m_spec, m_target);
    m_loading = false;
}

bool FieldFormPage::edit(QWidget *control, const QString &undoText, const Change &change)
{
    if (m_loading || !m_edit)
        return false;
    return m_edit(control, undoText, change);
}

bool FieldFormPage::editField(QWidget *control, const QString &undoText,
                              const std::function<QString(cp::FieldSpec &field)> &change)
{
    const FieldTarget t = m_target;
    return edit(control, undoText, [t, change](cp::GeneratorSpec &s) {
        cp::FieldSpec *f = fieldAt(s, t);
        return f ? change(*f) : tr("the field is gone");
    });
}

QString FieldFormPage::targetName() const
{
    using S = FieldTarget::Section;
    const auto &t = m_target;
    switch (t.section) {
    case S::Protected:
        return QString::fromStdString(m_spec.protectedAttributes[std::size_t(t.index)].name);
    case S::Linked: return QString::fromStdString(m_spec.linked[std::size_t(t.index)].name);
    case S::Field: return QString::fromStdString(m_spec.fields[std::size_t(t.index)].name);
    case S::Case: {
        const cp::FieldSpec &f = m_spec.fields[std::size_t(t.index)];
        return QStringLiteral("%1: %2").arg(
            QString::fromStdString(f.name),
            QString::fromStdString(f.caseKeys[std::size_t(t.caseIndex)]));
    }
    case S::None: break;
    }
    return {};
}

void FieldFormPage::addRow(QFormLayout *form, const QString &label, QWidget *control,
                           QWidget *extra)
{
    auto *caption = new QLabel(label, this);
    caption->setBuddy(control);
    if (control->accessibleName().isEmpty())
        control->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(
            QLatin1Char(':')));
    form->addRow(caption, markedCell(control, extra));
}

void fillCombo(QComboBox *combo, const QList<std::pair<QString, QString>> &items,
               const QString &data)
{
    const QSignalBlocker blocker(combo);
    bool same = combo->count() == items.size();
    for (int i = 0; same && i < items.size(); ++i)
        same = combo->itemData(i).toString() == items[i].second
               && combo->itemText(i) == items[i].first;
    if (!same) {
        combo->clear();
        for (const auto &[text, value] : items)
            combo->addItem(text, value);
    }
    combo->setCurrentIndex(combo->findData(data));
}

bool parseNumber(const QString &text, double &out)
{
    bool ok = false;
    out = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok && std::isfinite(out);
}

QString numberText(double value)
{
    // The shortest text that reads back as the same double, without an exponent unless the
    // number is huge or tiny ("200000", not "2e+05").
    char buf[400];
    const double a = std::fabs(value);
    const auto format = a == 0 || (a >= 1e-6 && a < 1e15) ? std::chars_format::fixed
                                                          : std::chars_format::general;
    const auto r = std::to_chars(buf, buf + sizeof buf, value, format);
    return QString::fromLatin1(buf, int(r.ptr - buf));
}

} // namespace cp::ui
