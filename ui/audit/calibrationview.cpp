// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "calibrationview.h"

#include "auditformat.h"
#include "auditsession.h"

#include <QAbstractTableModel>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <string>
#include <vector>

namespace cp::ui {

using namespace format;

namespace {

void appendUnique(std::vector<std::string> &list, const std::string &value)
{
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

/// Bands × groups of one attribute, read in place from the AuditResult's calibration cells.
class CalibrationView::GridModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setCells(std::shared_ptr<const cp::AuditResult> result, const std::string &attribute,
                  std::vector<std::string> bands, std::vector<std::string> groups,
                  std::int64_t minSupport)
    {
        beginResetModel();
        m_result = std::move(result);
        m_attribute = attribute;
        m_bands = std::move(bands);
        m_groups = std::move(groups);
        m_minSupport = minSupport;
        m_cells.assign(m_bands.size() * m_groups.size(), nullptr);
        if (m_result)
            for (const cp::CalibrationCell &cell : m_result->calibration) {
                if (cell.attribute != attribute)
                    continue;
                const auto b = std::find(m_bands.begin(), m_bands.end(), cell.band);
                const auto g = std::find(m_groups.begin(), m_groups.end(), cell.group);
                if (b != m_bands.end() && g != m_groups.end())
                    m_cells[std::size_t(b - m_bands.begin()) * m_groups.size()
                            + std::size_t(g - m_groups.begin())] = &cell;
            }
        endResetModel();
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_bands.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_groups.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const cp::CalibrationCell *cell =
            m_cells[std::size_t(index.row()) * m_groups.size() + std::size_t(index.column())];
        if (!cell)
            return role == Qt::DisplayRole ? QVariant(QStringLiteral("no cell")) : QVariant();
        const cp::Proportion &p = cell->observed;
        switch (role) {
        case Qt::DisplayRole:
            return text(*cell);
        case Qt::AccessibleTextRole:
            return text(*cell).replace(QLatin1Char('\n'), QStringLiteral(", "));
        case Qt::ToolTipRole:
            return toolTip(*cell);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case HeatmapDelegate::SupportRole:
            return QVariant::fromValue<qlonglong>(p.n);
        case HeatmapDelegate::ValueRole:
            return p.value() ? QVariant(*p.value()) : QVariant();
        case HeatmapDelegate::CiLowRole:
            return p.defined() ? QVariant(p.ci()->low) : QVariant();
        case HeatmapDelegate::CiHighRole:
            return p.defined() ? QVariant(p.ci()->high) : QVariant();
        case HeatmapDelegate::ReportOnlyRole:
            return !cell->eligible;
        case MeanScoreRole:
            return cell->meanScore ? QVariant(*cell->meanScore) : QVariant();
        case CellSizeRole:
            return QVariant::fromValue<qlonglong>(cell->n);
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        const bool horizontal = orientation == Qt::Horizontal;
        if (section < 0 || section >= (horizontal ? columnCount() : rowCount()))
            return QAbstractTableModel::headerData(section, orientation, role);
        const QString name = qs(horizontal ? m_groups[std::size_t(section)]
                                           : m_bands[std::size_t(section)]);
        if (role == Qt::DisplayRole)
            return horizontal ? qs(m_attribute) + QStringLiteral(" = ") + name
                              : QStringLiteral("score ") + name;
        if (role == Qt::ToolTipRole)
            return horizontal ? QStringLiteral("Rows whose %1 is %2").arg(qs(m_attribute), name)
                              : QStringLiteral("Rows whose score falls in the band %1").arg(name);
        if (role == Qt::TextAlignmentRole)
            return int(horizontal ? Qt::AlignCenter : Qt::AlignRight | Qt::AlignVCenter);
        return QAbstractTableModel::headerData(section, orientation, role);
    }

private:
    QString meanScore(const cp::CalibrationCell &cell) const
    {
        return cell.meanScore ? QStringLiteral("mean score %1")
                                    .arg(QString::number(*cell.meanScore, 'f', 3))
                              : QStringLiteral("no mean score");
    }

    QString text(const cp::CalibrationCell &cell) const
    {
        // PRODUCT: a band with too little support says so rather than showing a number.
        if (!cell.eligible)
            return QStringLiteral("insufficient · n=%1 < %2")
                .arg(integer(cell.n), integer(m_minSupport));
        const cp::Proportion &p = cell.observed;
        QStringList lines;
        if (p.defined()) {
            const auto ci = *p.ci();
            lines << percent(*p.value())
                  << QStringLiteral("[%1, %2]").arg(QString::number(ci.low * 100, 'f', 1),
                                                   QString::number(ci.high * 100, 'f', 1));
        } else {
            lines << QStringLiteral("undefined (n = 0)");
        }
        lines << QStringLiteral("n = %1 · %2").arg(integer(cell.n), meanScore(cell));
        return lines.join(QLatin1Char('\n'));
    }

    QString toolTip(const cp::CalibrationCell &cell) const
    {
        QString tip = QStringLiteral("%1 = %2, score band %3\nObserved positive rate: %4\n%5\n"
                                     "%6 rows, %7")
                          .arg(qs(cell.attribute), qs(cell.group), qs(cell.band),
                               rate(cell.observed),
                               rateToolTip(cell.observed,
                                           QStringLiteral("labelled rows that are positive")),
                               integer(cell.n), meanScore(cell));
        if (!cell.eligible)
            tip += QStringLiteral("\nInsufficient support: %1 rows, fewer than the contract's "
                                  "minimum of %2 per band — shown for reference only, never "
                                  "used for a decision.")
                       .arg(integer(cell.n), integer(m_minSupport));
        return tip;
    }

    std::shared_ptr<const cp::AuditResult> m_result;
    std::string m_attribute;
    std::vector<std::string> m_bands;
    std::vector<std::string> m_groups;
    std::vector<const cp::CalibrationCell *> m_cells; ///< band-major; nullptr = no cell
    std::int64_t m_minSupport = 1;
};

CalibrationView::CalibrationView(QWidget *parent)
    : QWidget(parent)
    , m_model(new GridModel(this))
    , m_controls(new QWidget(this))
    , m_attributeCombo(new QComboBox(m_controls))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_legend(new QWidget(this))
    , m_legendText(new QLabel(m_legend))
{
    setObjectName(QStringLiteral("calibrationView"));
    m_attributeCombo->setObjectName(QStringLiteral("calibrationAttributeCombo"));
    m_attributeCombo->setAccessibleName(QStringLiteral("Protected attribute"));
    m_attributeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(caption(QStringLiteral("Protected attribute:"), m_controls));
    controls->addWidget(m_attributeCombo);
    controls->addStretch(1);

    m_summary->setObjectName(QStringLiteral("calibrationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setObjectName(QStringLiteral("calibrationGrid"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new HeatmapDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->setAccessibleName(QStringLiteral("Calibration grid"));
    connect(m_table->horizontalScrollBar(), &QScrollBar::rangeChanged, this,
            &CalibrationView::updateGridHeight);

    auto *scale = new QLabel(m_legend);
    scale->setPixmap(HeatmapDelegate::scalePixmap(QSize(180, 14)));
    auto *hatch = new QLabel(m_legend);
    hatch->setPixmap(HeatmapDelegate::hatchPixmap(QSize(28, 18)));
    m_legendText->setObjectName(QStringLiteral("calibrationLegend"));
    m_legendText->setWordWrap(true);
    m_legendText->setTextFormat(Qt::PlainText);
    auto *legend = new QHBoxLayout(m_legend);
    legend->setContentsMargins(0, 0, 0, 0);
    legend->addWidget(caption(QStringLiteral("0 %"), m_legend));
    legend->addWidget(scale);
    legend->addWidget(caption(QStringLiteral("100 %"), m_legend));
    legend->addSpacing(16);
    legend->addWidget(hatch);
    legend->addWidget(m_legendText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_legend);
    layout->addStretch(0);

    connect(m_attributeCombo, &QComboBox::currentIndexChanged, this,
            &CalibrationView::showAttribute);
    setAudit(nullptr, nullptr);
}

QAbstractItemModel *CalibrationView::model() const
{
    return m_model;
}

std::int64_t CalibrationView::minimumSupport() const
{
    const std::int64_t floor = m_spec && m_spec->contract ? m_spec->contract->minCalibrationSupport
                                                          : 1;
    return std::max<std::int64_t>(floor, 1); // as the engine: a cell needs at least one row
}

void CalibrationView::setAudit(std::shared_ptr<const cp::AuditResult> result,
                               const cp::AuditSpec *spec)
{
    m_result = std::move(result);
    m_spec.reset();
    if (spec)
        m_spec = *spec;

    QStringList attributes;
    if (m_result) {
        std::vector<std::string> names;
        for (const cp::CalibrationCell &cell : m_result->calibration)
            appendUnique(names, cell.attribute);
        for (const std::string &name : names)
            attributes << qs(name);
    }
    const QSignalBlocker blocker(m_attributeCombo);
    m_attributeCombo->clear();
    m_attributeCombo->addItems(attributes);
    showAttribute(attributes.isEmpty() ? -1 : 0);
}

void CalibrationView::setCurrentAttribute(int index)
{
    m_attributeCombo->setCurrentIndex(index);
}

void CalibrationView::showAttribute(int index)
{
    QString empty;
    if (!m_result)
        empty = QStringLiteral("No audit yet.");
    else if (m_spec && !m_spec->scoreBands)
        empty = QStringLiteral("No calibration: the spec defines no score bands.");
    else if (index < 0)
        empty = QStringLiteral("No calibration: the audit has no score bands per protected "
                               "group (is there a score column?).");
    const bool shown = empty.isEmpty();
    m_controls->setVisible(shown);
    m_table->setVisible(shown);
    m_legend->setVisible(shown);
    if (!shown) {
        m_model->setCells(nullptr, {}, {}, {}, 1);
        m_summary->setText(empty);
        m_legendText->clear();
        return;
    }

    const std::string attribute = m_attributeCombo->itemText(index).toStdString();
    std::vector<std::string> bands;
    std::vector<std::string> groups;
    if (m_spec && m_spec->scoreBands)
        bands = m_spec->scoreBands->labels;
    if (const cp::AttributeSpec *declared = m_spec ? m_spec->dimension(attribute) : nullptr)
        groups = declared->groups;
    std::vector<std::string> foundGroups;
    for (const cp::CalibrationCell &cell : m_result->calibration)
        if (cell.attribute == attribute) {
            appendUnique(bands, cell.band);
            appendUnique(foundGroups, cell.group);
        }
    // Declared groups the table never had stay out; groups found but not declared go last.
    std::erase_if(groups, [&](const std::string &g) {
        return std::find(foundGroups.begin(), foundGroups.end(), g) == foundGroups.end();
    });
    for (const std::string &g : foundGroups)
        appendUnique(groups, g);

    const std::int64_t minSupport = minimumSupport();
    m_model->setCells(m_result, attribute, std::move(bands), std::move(groups), minSupport);

    std::int64_t insufficient = 0;
    std::int64_t total = 0;
    for (const cp::CalibrationCell &cell : m_result->calibration)
        if (cell.attribute == attribute) {
            ++total;
            insufficient += cell.eligible ? 0 : 1;
        }
    QString text = QStringLiteral("<b>Observed positive rate</b> (share of labelled rows whose "
                                  "true outcome is positive) per score band and %1 group, with "
                                  "its Wilson 95 % interval, n and the band's mean score. A "
                                  "calibrated score's mean falls inside the interval, alike for "
                                  "every group.<br>Minimum support: %2 rows per cell; <b>%3 of "
                                  "%4 cells have insufficient support</b>.")
                       .arg(qs(attribute).toHtmlEscaped(), integer(minSupport),
                            integer(insufficient), integer(total));
    m_summary->setText(text);
    m_legendText->setText(QStringLiteral("Observed positive rate from 0 % to 100 % (viridis). "
                                         "Hatched grey: insufficient support, fewer than %1 rows "
                                         "— no rate shown, never used for a decision.")
                              .arg(integer(minSupport)));
    fitCells();
}

void CalibrationView::fitCells()
{
    HeatmapDelegate::fitGrid(m_table);
}

void CalibrationView::updateGridHeight()
{
    HeatmapDelegate::fitGridHeight(m_table);
}

QString CalibrationView::summaryText() const
{
    return m_summary->text();
}

QString CalibrationView::legendText() const
{
    return m_legendText->text();
}

void CalibrationView::setSession(AuditSession *session)
{
    session->subscribeToResult(this, [this](std::shared_ptr<const cp::AuditResult> result,
                                            const cp::AuditSpec *spec) {
        setAudit(std::move(result), spec);
    });
}

} // namespace cp::ui
