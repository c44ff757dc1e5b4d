// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "contracteditor.h"

#include "speceditor.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
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

QString metricText(cp::Metric m)
{
    return QString::fromStdString(cp::metricLabel(m));
}

/// A list of the spec's contract (empty when there is none yet).
nlohmann::json listOf(const std::string &specJson, const char *pointer)
{
    const auto j = nlohmann::json::parse(specJson, nullptr, false);
    const nlohmann::json::json_pointer p(pointer);
    if (j.is_object() && j.contains(p) && j.at(p).is_array())
        return j.at(p);
    return nlohmann::json::array();
}

cp::Error refusal(const std::string &field, const std::string &message)
{
    return cp::Error{cp::ErrorCode::Invalid, "audit spec", 0, field, message};
}

QString errorText(const cp::Error &e)
{
    return QStringLiteral("%1: %2").arg(QString::fromStdString(e.field),
                                         QString::fromStdString(e.message));
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
    , m_formHolder(new QWidget(this))
    , m_attestations(new QListWidget(this))
    , m_attestationProblem(new QLabel(this))
{
    m_noContract->setWordWrap(true);
    m_noContract->hide();
    // The rows scroll when the window is short; the refusal line stays in sight below them.
    auto *holderLayout = new QVBoxLayout(m_formHolder);
    holderLayout->setContentsMargins(0, 0, 0, 0);
    holderLayout->addStretch(1);
    auto *scroll = new QScrollArea(m_limits);
    scroll->setWidget(m_formHolder);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);  // the group box's own background
    m_formHolder->setAutoFillBackground(false);
    auto *limitsLayout = new QVBoxLayout(m_limits);
    m_limitProblem = new QLabel(m_limits);
    m_limitProblem->setWordWrap(true);
    m_limitProblem->setStyleSheet(QString::fromLatin1("color: #780000;"));
    m_limitProblem->hide();
    limitsLayout->addWidget(scroll, 1);
    limitsLayout->addWidget(m_limitProblem);

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
    // The limits' captions are long and the guardrail rows carry a combo and a button.
    columns->addWidget(m_limits, 2);
    columns->addWidget(attestationBox, 1);
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
        if (QComboBox *combo = guardrailMetricCombo(int(i)))
            combo->setCurrentIndex(int(contract.guardrails[i].metric));
    }
    setCount("/contract/min_positives", contract.minPositives);
    setCount("/contract/min_negatives", contract.minNegatives);
    setCount("/contract/min_calibration_support", contract.minCalibrationSupport);
    setCount("/contract/min_cell_support", contract.minCellSupport);
    setDouble("/contract/max_flip_rate", contract.maxFlipRate);
    setCount("/contract/min_reviewed_pairs", contract.minReviewedPairs);
    setDouble("/contract/min_agreement", contract.minAgreement);
    setCount("/contract/privacy_k", contract.privacyK);
    setDouble("/contract/regression_threshold", contract.regressionThreshold);
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
        m_form->deleteLater();  // this may run inside a handler of one of its boxes
    m_form = new QWidget(m_formHolder);
    m_formLayout = new QFormLayout(m_form);
    m_formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Above the stretch.
    static_cast<QVBoxLayout *>(m_formHolder->layout())->insertWidget(0, m_form);

    const QString gapTip = tr("The largest allowed difference (max \u2212 min over the groups) "
                              "of the metric; none: no gap limit.");
    const QString ratioTip = tr("The smallest allowed ratio (min / max over the groups), e.g. "
                                "0.8 for the four-fifths rule; none: no ratio limit.");
    auto limit = [&](const QString &what, const std::string &pointer, const cp::GapLimit &g) {
        const QString metric = metricText(g.metric);
        addDouble(tr("%1 (%2): max gap").arg(what, metric), pointer + "/max_gap", 0.0, 1.0, true,
                  gapTip);
        addDouble(tr("%1 (%2): min ratio").arg(what, metric), pointer + "/min_ratio", 0.0, 1.0,
                  true, ratioTip);
    };
    if (contract.primary)
        limit(tr("Primary"), "/contract/primary", *contract.primary);
    for (std::size_t i = 0; i < contract.guardrails.size(); ++i) {
        addGuardrailRow(int(i), contract.guardrails[i]);
        limit(tr("Guardrail %1").arg(i + 1), "/contract/guardrails/" + std::to_string(i),
              contract.guardrails[i]);
    }
    addGuardrailButton();
    addCount(tr("Min positives per slice"), "/contract/min_positives", false,
             tr("Slices with fewer positives (by y_true) are insufficient, never passed."));
    addCount(tr("Min negatives per slice"), "/contract/min_negatives", false,
             tr("Slices with fewer negatives (by y_true) are insufficient, never passed."));
    addCount(tr("Min calibration support"), "/contract/min_calibration_support", false,
             tr("Rows needed in each group \u00d7 score band cell."));
    addCount(tr("Min intersection cell support"), "/contract/min_cell_support", true,
             tr("Rows needed in an intersection cell over all rows; none: the sum of the "
                "minimum positives and negatives. Smaller cells are report-only."));
    addDouble(tr("Max flip rate"), "/contract/max_flip_rate", 0.0, 1.0, true,
              tr("Flipped families / comparable families; none: not checked."));
    addCount(tr("Min reviewed pairs"), "/contract/min_reviewed_pairs", false,
             tr("Families that need a reviewed consensus before the decision can be "
                "approved; 0: no review needed."));
    addDouble(tr("Min reviewer agreement (\u03b1)"), "/contract/min_agreement", -1.0, 1.0, true,
              tr("The smallest Krippendorff's \u03b1 (nominal) allowed on each review "
                 "question, from \u22121 to 1; none: agreement is not checked."));
    addCount(tr("Privacy floor k"), "/contract/privacy_k", true,
             tr("Exports write a count below k as \"<k\" and withhold its rates; none: no "
                "floor."));
    addDouble(tr("Regression threshold"), "/contract/regression_threshold", 0.0, 1.0, false,
              tr("A tracked metric that moves by more than this between runs is flagged "
                 "(default 0.03)."));
}

QLabel *ContractEditor::addRow(const QString &label, QWidget *box, const QString &toolTip,
                               QWidget *extra)
{
    // One edit when the value is entered, not per keystroke.
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(box))
        spin->setKeyboardTracking(false);
    box->setToolTip(toolTip);
    box->setFixedWidth(120);
    box->setAccessibleName(label);
    auto *mark = new QLabel(m_form);
    mark->setStyleSheet(QString::fromLatin1("color: #780000;"));
    mark->hide();
    auto *cell = new QWidget(m_form);
    auto *row = new QHBoxLayout(cell);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(box);
    if (extra)
        row->addWidget(extra);
    row->addWidget(mark);
    row->addStretch(1);
    auto *caption = new QLabel(label, m_form);
    caption->setBuddy(box);
    caption->setToolTip(toolTip);
    m_formLayout->addRow(caption, cell);
    return mark;
}

void ContractEditor::addDouble(const QString &label, const std::string &pointer,
                               double minimum, double maximum, bool optional,
                               const QString &toolTip)
{
    auto *box = new QDoubleSpinBox(m_form);
    box->setDecimals(Decimals);
    box->setSingleStep(0.01);
    // "none" sits one step of the last decimal below the minimum, where the special value
    // text shows.
    box->setRange(optional ? minimum - std::pow(10.0, -Decimals) : minimum, maximum);
    if (optional)
        box->setSpecialValueText(none());
    QLabel *mark = addRow(label, box, toolTip);
    m_fields.push_back({pointer, box, mark, optional, FieldType::Double});
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
    QLabel *mark = addRow(label, box, toolTip);
    m_fields.push_back({pointer, box, mark, optional, FieldType::Count});
    connect(box, &QSpinBox::valueChanged, this, [this, pointer] { valueEdited(pointer); });
}

void ContractEditor::addGuardrailRow(int index, const cp::GapLimit &limit)
{
    auto *combo = new QComboBox(m_form);
    for (int m = 0; m < cp::MetricCount; ++m)
        combo->addItem(metricText(cp::Metric(m)),
                       QString::fromStdString(cp::metricKey(cp::Metric(m))));
    combo->setCurrentIndex(int(limit.metric));
    // A narrow button: the captions take most of the width.
    auto *remove = new QToolButton(m_form);
    remove->setText(QStringLiteral("\u2715"));
    remove->setObjectName(QStringLiteral("removeGuardrail%1").arg(index));
    remove->setToolTip(tr("Remove guardrail %1 from the contract").arg(index + 1));
    remove->setAccessibleName(tr("Remove guardrail %1").arg(index + 1));
    const QString label = tr("Guardrail %1: metric").arg(index + 1);
    QLabel *mark = addRow(label, combo,
                          tr("The metric this guardrail limits across the groups."), remove);
    const std::string pointer = "/contract/guardrails/" + std::to_string(index) + "/metric";
    m_fields.push_back({pointer, combo, mark, false, FieldType::Metric});
    connect(combo, &QComboBox::currentIndexChanged, this, [this, index](int m) {
        if (!m_updating && m >= 0)
            setGuardrailMetric(index, cp::Metric(m));
    });
    connect(remove, &QToolButton::clicked, this, [this, index] { removeGuardrail(index); });
}

void ContractEditor::addGuardrailButton()
{
    auto *add = new QPushButton(tr("Add Guardrail"), m_form);
    add->setObjectName(QStringLiteral("addGuardrail"));
    add->setToolTip(tr("Limit one more metric (max gap 0.1 to start with)"));
    auto *menu = new QMenu(add);
    for (int m = 0; m < cp::MetricCount; ++m)
        menu->addAction(metricText(cp::Metric(m)), this,
                        [this, m] { addGuardrail(cp::Metric(m)); });
    add->setMenu(menu);
    auto *cell = new QWidget(m_form);
    auto *row = new QHBoxLayout(cell);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(add);
    row->addStretch(1);
    m_formLayout->addRow(QString(), cell);
}

QAbstractSpinBox *ContractEditor::box(const std::string &jsonPointer) const
{
    for (const Field &f : m_fields)
        if (f.pointer == jsonPointer)
            return qobject_cast<QAbstractSpinBox *>(f.box);
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

QComboBox *ContractEditor::guardrailMetricCombo(int index) const
{
    const std::string pointer = "/contract/guardrails/" + std::to_string(index) + "/metric";
    for (const Field &f : m_fields)
        if (f.pointer == pointer)
            return qobject_cast<QComboBox *>(f.box);
    return nullptr;
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

QString ContractEditor::limitProblem() const
{
    return m_limitProblem->isHidden() ? QString() : m_limitProblem->text();
}

ContractEditor::Field *ContractEditor::fieldOf(const std::string &pointer)
{
    auto it = std::find_if(m_fields.begin(), m_fields.end(),
                           [&](const Field &f) { return f.pointer == pointer; });
    return it == m_fields.end() ? nullptr : &*it;
}

QString ContractEditor::captionOf(const QWidget *box) const
{
    if (auto *label = qobject_cast<QLabel *>(m_formLayout->labelForField(box->parentWidget())))
        return label->text();
    return {};
}

void ContractEditor::valueEdited(const std::string &pointer)
{
    if (m_updating)
        return;
    Field *field = fieldOf(pointer);
    if (!field || field->type == FieldType::Metric)
        return;
    nlohmann::json value;  // null: "none", the member is removed
    QString shown;
    if (field->type == FieldType::Count) {
        auto *b = static_cast<QSpinBox *>(field->box);
        if (!(field->optional && b->value() == b->minimum()))
            value = std::int64_t(b->value());
        shown = b->text();
    } else {
        auto *b = static_cast<QDoubleSpinBox *>(field->box);
        if (!(field->optional && b->value() <= b->minimum())) {
            const double scale = std::pow(10.0, Decimals);
            value = std::round(b->value() * scale) / scale;
        }
        shown = b->text();
    }
    const QString caption = captionOf(field->box);
    const auto status = m_editor->edit(pointer, value, tr("Set %1 to %2").arg(caption, shown),
                                       QString::fromStdString(pointer));
    // A successful edit refreshed (and unmarked) every box; a refused one is marked here (the
    // refresh may have rebuilt the boxes, so look the field up again).
    if (!status)
        if (Field *f = fieldOf(pointer))
            setMark(*f, errorText(status.error()));
}

cp::Status ContractEditor::addGuardrail(cp::Metric metric)
{
    const cp::AuditSpec *spec = m_editor->parsedSpec();
    if (!spec || !spec->contract) {
        cp::Error e = refusal("/contract", "this spec has no contract");
        showLimitProblem(tr("! Guardrail not added: %1").arg(errorText(e)));
        return e;
    }
    nlohmann::json list = listOf(m_editor->spec(), "/contract/guardrails");
    list.push_back({{"metric", cp::metricKey(metric)}, {"max_gap", 0.1}});
    auto status = m_editor->edit("/contract/guardrails", list,
                                 tr("Add guardrail on %1").arg(metricText(metric)));
    if (!status)
        showLimitProblem(tr("! Guardrail not added: %1").arg(errorText(status.error())));
    return status;
}

cp::Status ContractEditor::removeGuardrail(int index)
{
    nlohmann::json list = listOf(m_editor->spec(), "/contract/guardrails");
    const std::string pointer = "/contract/guardrails/" + std::to_string(index);
    if (index < 0 || std::size_t(index) >= list.size()) {
        cp::Error e = refusal(pointer, "no guardrail there");
        showLimitProblem(tr("! Guardrail not removed: %1").arg(errorText(e)));
        return e;
    }
    const auto metric = cp::metricFromKey(list[std::size_t(index)].value("metric", ""));
    list.erase(list.begin() + index);
    // The last one takes the (then empty) list with it.
    auto status = m_editor->edit("/contract/guardrails", list.empty() ? nlohmann::json() : list,
                                 tr("Remove guardrail %1 (%2)")
                                     .arg(index + 1)
                                     .arg(metric ? metricText(*metric) : tr("unknown metric")));
    if (!status)
        showLimitProblem(tr("! Guardrail not removed: %1").arg(errorText(status.error())));
    return status;
}

cp::Status ContractEditor::setGuardrailMetric(int index, cp::Metric metric)
{
    const std::string pointer = "/contract/guardrails/" + std::to_string(index) + "/metric";
    const cp::AuditSpec *spec = m_editor->parsedSpec();
    cp::Status status = cp::Ok{};
    if (!spec || !spec->contract || index < 0
        || std::size_t(index) >= spec->contract->guardrails.size())
        status = refusal(pointer, "no guardrail there");
    else
        status = m_editor->edit(pointer, cp::metricKey(metric),
                                tr("Set guardrail %1 metric to %2")
                                    .arg(index + 1)
                                    .arg(metricText(metric)));
    if (!status) {
        // The combo goes back to what the spec says; the mark says why.
        if (Field *f = fieldOf(pointer)) {
            if (spec && spec->contract && std::size_t(index) < spec->contract->guardrails.size()) {
                m_updating = true;
                static_cast<QComboBox *>(f->box)->setCurrentIndex(
                    int(spec->contract->guardrails[std::size_t(index)].metric));
                m_updating = false;
            }
            setMark(*f, errorText(status.error()));
        } else {
            showLimitProblem(tr("! Not applied: %1").arg(errorText(status.error())));
        }
    }
    return status;
}

void ContractEditor::showLimitProblem(const QString &message)
{
    m_limitProblem->setText(message);
    m_limitProblem->show();
}

cp::Status ContractEditor::addAttestation(const QString &name)
{
    nlohmann::json list = listOf(m_editor->spec(), "/contract/attestations");
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
    nlohmann::json list = listOf(m_editor->spec(), "/contract/attestations");
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
    showLimitProblem(tr("! Not applied (%1): %2").arg(captionOf(field.box), message));
}

} // namespace cp::ui
