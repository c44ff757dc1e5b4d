// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "contracteditor.h"

#include "speceditor.h"

#include <nlohmann/json.hpp>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace cp::ui {

namespace {

constexpr int Decimals = 3;
const char *const MarkedStyle = "background-color: #ffdcdc; color: #780000;";

QString none()
{
    return ContractEditor::tr("none");
}

std::string limitKey(const cp::GapLimit &g)
{
    return cp::metricKey(g.metric);
}

} // namespace

ContractEditor::ContractEditor(SpecEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
    , m_noContract(new QLabel(tr("This spec has no contract: every figure is computed and no "
                                 "decision is made. Add a contract to the spec file to edit "
                                 "it here."),
                              this))
    , m_limits(new QGroupBox(tr("Limits"), this))
    , m_attestations(new QListWidget(this))
    , m_attestationProblem(new QLabel(this))
{
    m_noContract->setWordWrap(true);
    m_noContract->hide();
    auto *limitsLayout = new QVBoxLayout(m_limits);
    m_limitProblem = new QLabel(m_limits);
    m_limitProblem->setWordWrap(true);
    m_limitProblem->setStyleSheet(QString::fromLatin1("color: #780000;"));
    m_limitProblem->hide();
    limitsLayout->addWidget(m_limitProblem);
    limitsLayout->addStretch(1);

    auto *attestationBox = new QGroupBox(tr("Attestations"), this);
    auto *attestationLayout = new QVBoxLayout(attestationBox);
    auto *hint = new QLabel(tr("Check an attestation to record that you vouch for it; your name "
                               "and today's date (UTC) are stored with it. An unchecked one is "
                               "missing and keeps the decision from being approved."),
                            attestationBox);
    hint->setWordWrap(true);
    m_attestationProblem->setWordWrap(true);
    m_attestationProblem->hide();
    m_attestations->setWordWrap(true);
    m_attestations->setSpacing(2);
    auto *addButton = new QPushButton(tr("&Add…"), attestationBox);
    addButton->setObjectName(QStringLiteral("addAttestation"));
    auto *removeButton = new QPushButton(tr("&Remove"), attestationBox);
    removeButton->setObjectName(QStringLiteral("removeAttestation"));
    auto *attestationButtons = new QHBoxLayout;
    attestationButtons->addWidget(addButton);
    attestationButtons->addWidget(removeButton);
    attestationButtons->addStretch(1);
    attestationLayout->addWidget(hint);
    attestationLayout->addWidget(m_attestations, 1);
    attestationLayout->addLayout(attestationButtons);
    attestationLayout->addWidget(m_attestationProblem);
    connect(addButton, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Add Attestation"),
                                                   tr("What must someone vouch for?"));
        if (!name.trimmed().isEmpty())
            addAttestation(name.trimmed());
    });
    connect(removeButton, &QPushButton::clicked, this, [this] {
        if (m_attestations->currentRow() >= 0)
            removeAttestation(m_attestations->currentRow());
    });

    auto *columns = new QHBoxLayout;
    columns->addWidget(m_limits, 3);
    columns->addWidget(attestationBox, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_noContract);
    layout->addLayout(columns, 1);

    connect(m_attestations, &QListWidget::itemChanged, this, &ContractEditor::attestationToggled);
}

void ContractEditor::refresh(const cp::AuditSpec &spec)
{
    m_updating = true;
    m_noContract->setVisible(!spec.contract);
    m_limits->setEnabled(spec.contract.has_value());
    const cp::Contract contract = spec.contract.value_or(cp::Contract{});

    // The boxes are rebuilt only when the set of limits changes, never from their own handlers.
    std::string shape = spec.contract ? "c" : "-";
    if (contract.primary)
        shape += " p:" + limitKey(*contract.primary);
    for (const auto &g : contract.guardrails)
        shape += " g:" + limitKey(g);
    if (shape != m_shape || !m_form) {
        m_shape = shape;
        rebuild(contract);
    }

    auto setDouble = [&](const std::string &pointer, std::optional<double> v) {
        if (auto *b = doubleBox(pointer))
            b->setValue(v ? *v : b->minimum());
    };
    auto setCount = [&](const std::string &pointer, std::optional<std::int64_t> v) {
        if (auto *b = countBox(pointer))
            b->setValue(v ? int(std::min<std::int64_t>(*v, b->maximum())) : b->minimum());
    };
    if (contract.primary) {
        setDouble("/contract/primary/max_gap", contract.primary->maxGap);
        setDouble("/contract/primary/min_ratio", contract.primary->minRatio);
    }
    for (std::size_t i = 0; i < contract.guardrails.size(); ++i) {
        const std::string p = "/contract/guardrails/" + std::to_string(i);
        setDouble(p + "/max_gap", contract.guardrails[i].maxGap);
        setDouble(p + "/min_ratio", contract.guardrails[i].minRatio);
    }
    setCount("/contract/min_positives", contract.minPositives);
    setCount("/contract/min_negatives", contract.minNegatives);
    setCount("/contract/min_calibration_support", contract.minCalibrationSupport);
    setCount("/contract/min_cell_support", contract.minCellSupport);
    setDouble("/contract/max_flip_rate", contract.maxFlipRate);
    for (Field &f : m_fields)
        setMark(f, {});

    // Attestations, in place.
    const int count = int(contract.attestations.size());
    while (m_attestations->count() > count)
        delete m_attestations->takeItem(m_attestations->count() - 1);
    for (int i = 0; i < count; ++i) {
        const cp::Attestation &a = contract.attestations[std::size_t(i)];
        QListWidgetItem *item = m_attestations->item(i);
        if (!item) {
            item = new QListWidgetItem(m_attestations);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        }
        QString text = QString::fromStdString(a.name);
        if (a.done && !a.by.empty())
            text += tr("\nattested by %1 on %2")
                        .arg(QString::fromStdString(a.by), QString::fromStdString(a.date));
        else if (a.done)
            text += tr("\nattested");
        else
            text += tr("\nmissing: not yet attested");
        item->setText(text);
        item->setCheckState(a.done ? Qt::Checked : Qt::Unchecked);
    }
    if (count == 0 && spec.contract) {
        auto *item = new QListWidgetItem(tr("(the contract asks for no attestations)"),
                                         m_attestations);
        item->setFlags(Qt::NoItemFlags);
    }
    m_attestationProblem->hide();
    m_updating = false;
}

void ContractEditor::rebuild(const cp::Contract &contract)
{
    m_fields.clear();
    if (m_form)
        m_form->deleteLater();
    m_form = new QWidget(m_limits);
    m_formLayout = new QFormLayout(m_form);
    m_formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Above the problem line and the stretch.
    static_cast<QVBoxLayout *>(m_limits->layout())->insertWidget(0, m_form);

    const QString gapTip = tr("The largest allowed difference (max \u2212 min over the groups) "
                              "of the metric; none: no gap limit.");
    const QString ratioTip = tr("The smallest allowed ratio (min / max over the groups), e.g. "
                                "0.8 for the four-fifths rule; none: no ratio limit.");
    auto limit = [&](const QString &what, const std::string &pointer, const cp::GapLimit &g) {
        const QString metric = QString::fromStdString(cp::metricLabel(g.metric));
        addDouble(tr("%1 (%2): max gap").arg(what, metric), pointer + "/max_gap", 1.0, true,
                  gapTip);
        addDouble(tr("%1 (%2): min ratio").arg(what, metric), pointer + "/min_ratio", 1.0, true,
                  ratioTip);
    };
    if (contract.primary)
        limit(tr("Primary"), "/contract/primary", *contract.primary);
    for (std::size_t i = 0; i < contract.guardrails.size(); ++i)
        limit(tr("Guardrail %1").arg(i + 1), "/contract/guardrails/" + std::to_string(i),
              contract.guardrails[i]);
    addCount(tr("Min positives per slice"), "/contract/min_positives", false,
             tr("Slices with fewer positives (by y_true) are insufficient, never passed."));
    addCount(tr("Min negatives per slice"), "/contract/min_negatives", false,
             tr("Slices with fewer negatives (by y_true) are insufficient, never passed."));
    addCount(tr("Min calibration support"), "/contract/min_calibration_support", false,
             tr("Rows needed in each group \u00d7 score band cell."));
    addCount(tr("Min intersection cell support"), "/contract/min_cell_support", true,
             tr("Rows needed in an intersection cell over all rows; none: the sum of the "
                "minimum positives and negatives. Smaller cells are report-only."));
    addDouble(tr("Max flip rate"), "/contract/max_flip_rate", 1.0, true,
              tr("Flipped families / comparable families; none: not checked."));
}

QLabel *ContractEditor::addRow(const QString &label, QAbstractSpinBox *box,
                               const QString &toolTip)
{
    box->setKeyboardTracking(false);  // one edit when the value is entered, not per keystroke
    box->setToolTip(toolTip);
    box->setFixedWidth(120);
    auto *mark = new QLabel(m_form);
    mark->setStyleSheet(QString::fromLatin1("color: #780000;"));
    mark->hide();
    auto *cell = new QWidget(m_form);
    auto *row = new QHBoxLayout(cell);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(box);
    row->addWidget(mark);
    row->addStretch(1);
    auto *caption = new QLabel(label, m_form);
    caption->setBuddy(box);
    caption->setToolTip(toolTip);
    m_formLayout->addRow(caption, cell);
    return mark;
}

void ContractEditor::addDouble(const QString &label, const std::string &pointer, double maximum,
                               bool optional, const QString &toolTip)
{
    auto *box = new QDoubleSpinBox(m_form);
    box->setDecimals(Decimals);
    box->setSingleStep(0.01);
    // "none" sits one step of the last decimal below zero, where the special value text shows.
    box->setRange(optional ? -std::pow(10.0, -Decimals) : 0.0, maximum);
    if (optional)
        box->setSpecialValueText(none());
    box->setAccessibleName(label);
    QLabel *mark = addRow(label, box, toolTip);
    m_fields.push_back({pointer, box, mark, optional, false});
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, pointer] { valueEdited(pointer); });
}

void ContractEditor::addCount(const QString &label, const std::string &pointer, bool optional,
                              const QString &toolTip)
{
    auto *box = new QSpinBox(m_form);
    box->setRange(optional ? -1 : 0, 1'000'000'000);
    box->setSingleStep(10);
    if (optional)
        box->setSpecialValueText(none());
    box->setAccessibleName(label);
    QLabel *mark = addRow(label, box, toolTip);
    m_fields.push_back({pointer, box, mark, optional, true});
    connect(box, &QSpinBox::valueChanged, this, [this, pointer] { valueEdited(pointer); });
}

QAbstractSpinBox *ContractEditor::box(const std::string &jsonPointer) const
{
    for (const Field &f : m_fields)
        if (f.pointer == jsonPointer)
            return f.box;
    return nullptr;
}

QDoubleSpinBox *ContractEditor::doubleBox(const std::string &jsonPointer) const
{
    return qobject_cast<QDoubleSpinBox *>(box(jsonPointer));
}

QSpinBox *ContractEditor::countBox(const std::string &jsonPointer) const
{
    return qobject_cast<QSpinBox *>(box(jsonPointer));
}

bool ContractEditor::isMarked(const std::string &jsonPointer) const
{
    return !markMessage(jsonPointer).isEmpty();
}

QString ContractEditor::markMessage(const std::string &jsonPointer) const
{
    for (const Field &f : m_fields)
        if (f.pointer == jsonPointer)
            return f.mark->isHidden() ? QString() : f.mark->toolTip();
    return {};
}

void ContractEditor::valueEdited(const std::string &pointer)
{
    if (m_updating)
        return;
    auto it = std::find_if(m_fields.begin(), m_fields.end(),
                           [&](const Field &f) { return f.pointer == pointer; });
    if (it == m_fields.end())
        return;
    nlohmann::json value;  // null: "none", the member is removed
    QString shown;
    if (it->integer) {
        auto *b = static_cast<QSpinBox *>(it->box);
        if (!(it->optional && b->value() == b->minimum()))
            value = std::int64_t(b->value());
        shown = b->text();
    } else {
        auto *b = static_cast<QDoubleSpinBox *>(it->box);
        if (!(it->optional && b->value() <= b->minimum())) {
            const double scale = std::pow(10.0, Decimals);
            value = std::round(b->value() * scale) / scale;
        }
        shown = b->text();
    }
    QString caption;
    if (auto *label = qobject_cast<QLabel *>(m_formLayout->labelForField(it->box->parentWidget())))
        caption = label->text();
    const auto status = m_editor->edit(pointer, value, tr("Set %1 to %2").arg(caption, shown),
                                       QString::fromStdString(pointer));
    // A successful edit refreshed (and unmarked) every box; a refused one is marked here.
    if (!status) {
        const cp::Error &e = status.error();
        setMark(*it, QStringLiteral("%1: %2").arg(QString::fromStdString(e.field),
                                                   QString::fromStdString(e.message)));
    }
}

namespace {

/// The spec's attestations array (empty when there is none yet).
nlohmann::json attestationsOf(const std::string &specJson)
{
    const auto j = nlohmann::json::parse(specJson, nullptr, false);
    const nlohmann::json::json_pointer pointer("/contract/attestations");
    if (j.is_object() && j.contains(pointer) && j.at(pointer).is_array())
        return j.at(pointer);
    return nlohmann::json::array();
}

} // namespace

cp::Status ContractEditor::addAttestation(const QString &name)
{
    nlohmann::json list = attestationsOf(m_editor->spec());
    list.push_back({{"name", name.toStdString()}, {"done", false}});
    auto status = m_editor->edit("/contract/attestations", list,
                                 tr("Add attestation \"%1\"").arg(name));
    m_attestationProblem->setVisible(!status);
    if (!status)
        m_attestationProblem->setText(
            tr("! Not added: %1").arg(QString::fromStdString(status.error().message)));
    return status;
}

cp::Status ContractEditor::removeAttestation(int row)
{
    nlohmann::json list = attestationsOf(m_editor->spec());
    if (row < 0 || std::size_t(row) >= list.size())
        return cp::Error{cp::ErrorCode::Invalid, "audit spec", 0, "/contract/attestations",
                         "no attestation at that row"};
    const QString name = QString::fromStdString(list[std::size_t(row)].value("name", ""));
    list.erase(list.begin() + row);
    auto status = m_editor->edit("/contract/attestations", list,
                                 tr("Remove attestation \"%1\"").arg(name));
    m_attestationProblem->setVisible(!status);
    if (!status)
        m_attestationProblem->setText(
            tr("! Not removed: %1").arg(QString::fromStdString(status.error().message)));
    return status;
}

void ContractEditor::attestationToggled(QListWidgetItem *item)
{
    if (m_updating || !(item->flags() & Qt::ItemIsUserCheckable))
        return;
    const int row = m_attestations->row(item);
    const bool done = item->checkState() == Qt::Checked;
    const auto status = m_editor->attest(std::size_t(row), done);
    if (!status) {
        m_updating = true;
        item->setCheckState(done ? Qt::Unchecked : Qt::Checked);
        m_updating = false;
        m_attestationProblem->setText(
            tr("! Not recorded: %1").arg(QString::fromStdString(status.error().message)));
        m_attestationProblem->show();
    }
}

void ContractEditor::setMark(Field &field, const QString &message)
{
    if (message.isEmpty()) {
        m_limitProblem->hide();
        field.box->setStyleSheet({});
        field.mark->hide();
        field.mark->setToolTip({});
        return;
    }
    field.box->setStyleSheet(QString::fromLatin1(MarkedStyle));
    // Beside the box a short marker; the parser's whole message under the limits.
    field.mark->setText(tr("! not applied"));
    field.mark->setToolTip(message);
    field.mark->show();
    QString caption;
    if (auto *label = qobject_cast<QLabel *>(
            m_formLayout->labelForField(field.box->parentWidget())))
        caption = label->text();
    m_limitProblem->setText(tr("! Not applied (%1): %2").arg(caption, message));
    m_limitProblem->show();
}

} // namespace cp::ui
