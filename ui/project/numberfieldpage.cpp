// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "numberfieldpage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

enum Row { MeanRow, SdRow, MinRow, MaxRow, DecimalsRow };

// The bound mode combo's data: no bound, a number, or (any other text) an earlier field.
const QString NoBound = QStringLiteral("\x01none");
const QString Constant = QStringLiteral("\x01number");

bool hasClamps(cp::FieldKind k)
{
    return k == cp::FieldKind::Normal || k == cp::FieldKind::Lognormal;
}

cp::Bound &boundOf(cp::FieldSpec &f, int which)
{
    return which == 0 ? f.min : f.max;
}

} // namespace

NumberFieldPage::NumberFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_form(new QFormLayout)
    , m_mean(new QLineEdit(this))
    , m_sd(new QLineEdit(this))
    , m_minMode(new QComboBox(this))
    , m_minValue(new QLineEdit(this))
    , m_maxMode(new QComboBox(this))
    , m_maxValue(new QLineEdit(this))
    , m_decimals(new QSpinBox(this))
{
    m_mean->setObjectName(QStringLiteral("numberMean"));
    m_sd->setObjectName(QStringLiteral("numberSd"));
    m_minMode->setObjectName(QStringLiteral("numberMinMode"));
    m_minValue->setObjectName(QStringLiteral("numberMin"));
    m_maxMode->setObjectName(QStringLiteral("numberMaxMode"));
    m_maxValue->setObjectName(QStringLiteral("numberMax"));
    m_decimals->setObjectName(QStringLiteral("numberDecimals"));
    m_decimals->setRange(-1, 12);
    m_decimals->setSpecialValueText(tr("default (2)"));
    m_decimals->setKeyboardTracking(false);
    m_decimals->setToolTip(tr("Digits after the decimal point of the written value"));
    for (QComboBox *mode : {m_minMode, m_maxMode}) {
        mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        mode->setToolTip(tr("A number, or an earlier numeric field plus an offset"));
    }
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(m_form, tr("&Mean:"), m_mean);
    addRow(m_form, tr("&SD:"), m_sd);
    addRow(m_form, tr("M&in:"), m_minMode, m_minValue);
    addRow(m_form, tr("M&ax:"), m_maxMode, m_maxValue);
    addRow(m_form, tr("&Decimals:"), m_decimals);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addStretch(1);

    connect(m_mean, &QLineEdit::editingFinished, this, [this] { parameterEdited(0); });
    connect(m_sd, &QLineEdit::editingFinished, this, [this] { parameterEdited(1); });
    connect(m_minMode, &QComboBox::currentIndexChanged, this, [this] { boundModeChosen(0); });
    connect(m_maxMode, &QComboBox::currentIndexChanged, this, [this] { boundModeChosen(1); });
    connect(m_minValue, &QLineEdit::editingFinished, this, [this] { boundValueEdited(0); });
    connect(m_maxValue, &QLineEdit::editingFinished, this, [this] { boundValueEdited(1); });
    connect(m_decimals, &QSpinBox::valueChanged, this, [this](int d) {
        editField(m_decimals,
                  tr("Set %1 decimals to %2").arg(targetName(), m_decimals->text()),
                  [d](cp::FieldSpec &f) {
                      f.decimals = d;
                      return QString();
                  });
    });
}

void NumberFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const cp::FieldSpec *f = fieldAt(spec, target);
    if (!f)
        return;
    for (QWidget *w : std::initializer_list<QWidget *>{m_mean, m_sd, m_minMode, m_minValue,
                                                        m_maxMode, m_maxValue, m_decimals})
        setMark(w, {});
    const bool normal = f->kind == cp::FieldKind::Normal;
    const bool lognormal = f->kind == cp::FieldKind::Lognormal;
    m_form->setRowVisible(MeanRow, normal || lognormal);
    m_form->setRowVisible(SdRow, normal || lognormal);
    m_form->setRowVisible(DecimalsRow, f->kind != cp::FieldKind::Int);
    if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(m_mean->parentWidget())))
        l->setText(lognormal ? tr("&\u03bc (log scale):") : tr("&Mean:"));
    if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(m_sd->parentWidget())))
        l->setText(lognormal ? tr("&\u03c3 (log scale):") : tr("&SD:"));
    m_mean->setText(numberText(lognormal ? f->mu : f->mean));
    m_sd->setText(numberText(lognormal ? f->sigma : f->sd));
    const QStringList numeric = earlierFields(spec, target, isNumericField);
    loadBound(0, *f, numeric);
    loadBound(1, *f, numeric);
    m_decimals->setValue(f->decimals);
}

void NumberFieldPage::loadBound(int which, const cp::FieldSpec &field, const QStringList &numeric)
{
    QComboBox *mode = boundMode(which);
    QLineEdit *value = boundEdit(which);
    const cp::Bound &b = which == 0 ? field.min : field.max;
    QList<std::pair<QString, QString>> items;  // text, data
    if (hasClamps(field.kind))
        items.append({tr("no clamp"), NoBound});
    items.append({tr("a number"), Constant});
    QStringList fields = numeric;
    if (!b.field.empty() && !fields.contains(QString::fromStdString(b.field)))
        fields << QString::fromStdString(b.field);  // refused before; shown as it is
    for (const QString &name : fields)
        items.append({tr("%1 + offset").arg(name), name});
    // Refilled only when the choices differ: this may run inside the combo's own handler.
    bool same = mode->count() == items.size();
    for (int i = 0; same && i < items.size(); ++i)
        same = mode->itemData(i).toString() == items[i].second;
    if (!same) {
        mode->clear();
        for (const auto &[text, key] : items)
            mode->addItem(text, key);
    }
    if (b.value) {
        mode->setCurrentIndex(mode->findData(Constant));
        value->setText(numberText(*b.value));
        value->setPlaceholderText(tr("value"));
    } else if (!b.field.empty()) {
        mode->setCurrentIndex(mode->findData(QString::fromStdString(b.field)));
        value->setText(numberText(b.offset));
        value->setPlaceholderText(tr("offset"));
    } else {
        mode->setCurrentIndex(std::max(0, mode->findData(NoBound)));
        value->clear();
    }
    value->setEnabled(b.isSet());
    value->setToolTip(b.field.empty() ? tr("The bound") : tr("Added to the field's value"));
}

void NumberFieldPage::parameterEdited(int which)
{
    if (loading())
        return;
    QLineEdit *edit = parameterEdit(which);
    double v = 0;
    const bool ok = parseNumber(edit->text(), v);
    const QString text = edit->text().trimmed();
    const bool isMean = which == 0;
    editField(edit,
              tr("Set %1 %2 to %3")
                  .arg(targetName(), isMean ? tr("mean") : tr("spread"), text),
              [=](cp::FieldSpec &f) {
                  if (!ok)
                      return tr("'%1' is not a number").arg(text);
                  const bool log = f.kind == cp::FieldKind::Lognormal;
                  (isMean ? (log ? f.mu : f.mean) : (log ? f.sigma : f.sd)) = v;
                  return QString();
              });
}

void NumberFieldPage::boundModeChosen(int which)
{
    if (loading())
        return;
    QComboBox *mode = boundMode(which);
    const QString chosen = mode->currentData().toString();
    double typed = 0;
    const bool hasNumber = parseNumber(boundEdit(which)->text(), typed);
    editField(mode,
              tr("Set %1 %2 to %3")
                  .arg(targetName(), which == 0 ? tr("min") : tr("max"), mode->currentText()),
              [=](cp::FieldSpec &f) {
                  cp::Bound &b = boundOf(f, which);
                  if (chosen == NoBound) {
                      b = cp::Bound{};
                  } else if (chosen == Constant) {
                      // The offset typed for a field bound is no value for a number bound.
                      const double start = b.value ? *b.value : hasNumber && b.field.empty()
                                                                    ? typed
                                                                    : 0.0;
                      b = cp::Bound{};
                      b.value = start;
                  } else {
                      b = cp::Bound{};
                      b.field = chosen.toStdString();
                  }
                  return QString();
              });
}

void NumberFieldPage::boundValueEdited(int which)
{
    if (loading())
        return;
    QLineEdit *edit = boundEdit(which);
    const QString text = edit->text().trimmed();
    double v = 0;
    const bool ok = parseNumber(text, v);
    editField(edit,
              tr("Set %1 %2 to %3")
                  .arg(targetName(), which == 0 ? tr("min") : tr("max"), text),
              [=](cp::FieldSpec &f) {
                  if (!ok)
                      return tr("'%1' is not a number").arg(text);
                  cp::Bound &b = boundOf(f, which);
                  if (!b.field.empty())
                      b.offset = v;
                  else
                      b.value = v;
                  return QString();
              });
}

} // namespace cp::ui
