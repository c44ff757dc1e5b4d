// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "intersectionview.h"

#include "auditformat.h"
#include "auditsession.h"
#include "heatmapdelegate.h"
#include "intersectiongridmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

using namespace format;

namespace {

const QSize ScaleSize(180, 14);
const QSize SwatchSize(28, 18);

QString intersectionTitle(const cp::Intersection &x)
{
    QStringList dims;
    for (const std::string &d : x.dimensions)
        dims << qs(d);
    QString population;
    switch (x.population) {
    case cp::Population::All: population = QStringLiteral("all rows"); break;
    case cp::Population::Positives: population = QStringLiteral("positives"); break;
    case cp::Population::Negatives: population = QStringLiteral("negatives"); break;
    }
    return dims.join(QStringLiteral(" × ")) + QStringLiteral(" — ") + population;
}

QString capitalized(QString s)
{
    if (!s.isEmpty() && s.front().isLower())
        s.front() = s.front().toUpper();
    return s;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

IntersectionView::IntersectionView(QWidget *parent)
    : QWidget(parent)
    , m_model(new IntersectionGridModel(this))
    , m_intersectionCombo(new QComboBox(this))
    , m_metricCombo(new QComboBox(this))
    , m_axisControls(new QWidget(this))
    , m_rowCombo(new QComboBox(m_axisControls))
    , m_columnCombo(new QComboBox(m_axisControls))
    , m_facetControls(new QWidget(this))
    , m_facetLayout(new QHBoxLayout(m_facetControls))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_legendScale(new QLabel(this))
    , m_legendLow(caption(QStringLiteral("0 %"), this))
    , m_legendHigh(caption(QStringLiteral("100 %"), this))
    , m_legendHatch(new QLabel(this))
    , m_legendText(new QLabel(this))
{
    setObjectName(QStringLiteral("intersectionView"));
    m_intersectionCombo->setObjectName(QStringLiteral("intersectionCombo"));
    m_metricCombo->setObjectName(QStringLiteral("metricCombo"));
    m_rowCombo->setObjectName(QStringLiteral("rowDimensionCombo"));
    m_columnCombo->setObjectName(QStringLiteral("columnDimensionCombo"));
    m_table->setObjectName(QStringLiteral("intersectionGrid"));
    m_intersectionCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Every metric name readable in full ("selection rate" was clipped at the default width).
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rowCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_columnCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_intersectionCombo->setAccessibleName(QStringLiteral("Intersection"));
    m_metricCombo->setAccessibleName(QStringLiteral("Metric"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(caption(QStringLiteral("Intersection:"), this));
    controls->addWidget(m_intersectionCombo);
    controls->addSpacing(12);
    controls->addWidget(caption(QStringLiteral("Metric:"), this));
    controls->addWidget(m_metricCombo);
    controls->addSpacing(12);
    auto *axisLayout = new QHBoxLayout(m_axisControls);
    axisLayout->setContentsMargins(0, 0, 0, 0);
    axisLayout->addWidget(caption(QStringLiteral("Rows:"), m_axisControls));
    axisLayout->addWidget(m_rowCombo);
    axisLayout->addWidget(caption(QStringLiteral("Columns:"), m_axisControls));
    axisLayout->addWidget(m_columnCombo);
    controls->addWidget(m_axisControls);
    m_facetLayout->setContentsMargins(12, 0, 0, 0);
    controls->addWidget(m_facetControls);
    controls->addStretch(1);

    m_summary->setObjectName(QStringLiteral("intersectionSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setModel(m_model);
    m_table->setItemDelegate(new HeatmapDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->horizontalHeader()->setHighlightSections(true);
    m_table->verticalHeader()->setHighlightSections(true);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->installEventFilter(this);
    m_table->setAccessibleName(QStringLiteral("Intersection grid"));
    connect(m_table->horizontalScrollBar(), &QScrollBar::rangeChanged, this,
            &IntersectionView::updateGridHeight);

    m_legendScale->setPixmap(HeatmapDelegate::scalePixmap(ScaleSize));
    m_legendHatch->setPixmap(HeatmapDelegate::hatchPixmap(SwatchSize));
    m_legendText->setObjectName(QStringLiteral("intersectionLegend"));
    m_legendText->setWordWrap(true);
    m_legendText->setTextFormat(Qt::PlainText);
    auto *legend = new QHBoxLayout;
    legend->addWidget(m_legendLow);
    legend->addWidget(m_legendScale);
    legend->addWidget(m_legendHigh);
    legend->addSpacing(16);
    legend->addWidget(m_legendHatch);
    legend->addWidget(m_legendText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(legend);
    layout->addStretch(0);

    connect(m_intersectionCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_updating)
            showIntersection(index);
    });
    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating || index < 0)
            return;
        m_model->setMetric(cp::Metric(m_metricCombo->itemData(index).toInt()));
        updateTexts();
        fitCells();
    });
    auto axisChanged = [this](bool rowChanged) {
        if (m_updating)
            return;
        int row = m_rowCombo->currentIndex();
        int column = m_columnCombo->currentIndex();
        if (row == column) // picking the other axis's dimension swaps the two
            (rowChanged ? column : row) = rowChanged ? m_model->rowDimension()
                                                     : m_model->columnDimension();
        setAxes(row, column);
    };
    connect(m_rowCombo, &QComboBox::currentIndexChanged, this, [axisChanged] { axisChanged(true); });
    connect(m_columnCombo, &QComboBox::currentIndexChanged, this,
            [axisChanged] { axisChanged(false); });
    connect(m_table, &QAbstractItemView::clicked, this, &IntersectionView::activate);

    setAudit(nullptr, nullptr);
}

void IntersectionView::setAudit(std::shared_ptr<const cp::AuditResult> result,
                                const cp::AuditSpec *spec)
{
    m_result = std::move(result);
    m_spec.reset();
    if (spec)
        m_spec = *spec;
    m_updating = true;
    m_intersectionCombo->clear();
    if (m_result)
        for (const cp::Intersection &x : m_result->intersections)
            m_intersectionCombo->addItem(intersectionTitle(x));
    m_intersectionCombo->setEnabled(m_intersectionCombo->count() > 0);
    m_updating = false;
    showIntersection(m_intersectionCombo->count() > 0 ? 0 : -1);
}

void IntersectionView::showIntersection(int index)
{
    m_updating = true;
    if (m_intersectionCombo->currentIndex() != index)
        m_intersectionCombo->setCurrentIndex(index);
    m_model->setIntersection(m_result, index, m_spec ? &*m_spec : nullptr);

    m_metricCombo->clear();
    for (cp::Metric m : m_model->metrics()) {
        m_metricCombo->addItem(capitalized(metricName(m)), int(m));
        m_metricCombo->setItemData(m_metricCombo->count() - 1,
                                   QStringLiteral("Share of %1").arg(qs(cp::metricMeaning(m))),
                                   Qt::ToolTipRole);
    }
    m_metricCombo->setCurrentIndex(m_metricCombo->findData(int(m_model->metric())));
    m_metricCombo->setEnabled(m_metricCombo->count() > 1);
    const cp::Intersection *x = m_model->intersection();
    m_metricCombo->setToolTip(
        x && x->population != cp::Population::All
            ? QStringLiteral("Over %1 only the %2 is defined")
                  .arg(x->population == cp::Population::Positives ? QStringLiteral("positive rows")
                                                                  : QStringLiteral("negative rows"),
                       metricName(m_model->metric()))
            : QString());
    m_updating = false;

    rebuildAxisControls();
    rebuildFacetControls();
    updateTexts();
    fitCells();
}

void IntersectionView::rebuildAxisControls()
{
    m_updating = true;
    m_rowCombo->clear();
    m_columnCombo->clear();
    for (int d = 0; d < m_model->dimensionCount(); ++d) {
        m_rowCombo->addItem(m_model->dimensionName(d));
        m_columnCombo->addItem(m_model->dimensionName(d));
    }
    m_rowCombo->setCurrentIndex(m_model->rowDimension());
    m_columnCombo->setCurrentIndex(m_model->columnDimension());
    m_axisControls->setVisible(m_model->dimensionCount() >= 3);
    m_updating = false;
}

void IntersectionView::rebuildFacetControls()
{
    while (QLayoutItem *item = m_facetLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_facetCombos.clear();
    for (int d : m_model->facetDimensions()) {
        auto *label = caption(m_model->dimensionName(d) + QStringLiteral(" ="), m_facetControls);
        auto *combo = new QComboBox(m_facetControls);
        combo->setObjectName(QStringLiteral("facetCombo_") + m_model->dimensionName(d));
        combo->setAccessibleName(QStringLiteral("Facet: ") + m_model->dimensionName(d));
        combo->addItems(m_model->groups(d));
        combo->setCurrentIndex(m_model->facet(d));
        m_facetLayout->addWidget(label);
        m_facetLayout->addWidget(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, d](int group) {
            if (!m_updating)
                setFacet(d, group);
        });
        m_facetCombos.push_back(combo);
    }
    m_facetControls->setVisible(!m_facetCombos.empty());
}

void IntersectionView::updateTexts()
{
    const cp::Intersection *x = m_model->intersection();
    if (!x) {
        m_summary->setText(m_result ? QStringLiteral("The spec defines no intersections: add one "
                                                     "(for example gender × ethnicity) to see "
                                                     "its grid.")
                                    : QStringLiteral("No audit yet."));
        m_legendText->clear();
        for (QWidget *w : std::initializer_list<QWidget *>{m_legendScale, m_legendLow,
                                                           m_legendHigh, m_legendHatch})
            w->setVisible(false);
        m_table->setVisible(false);
        return;
    }
    m_table->setVisible(true);
    for (QWidget *w : std::initializer_list<QWidget *>{m_legendScale, m_legendLow, m_legendHigh,
                                                       m_legendHatch})
        w->setVisible(true);

    const auto reportOnly = std::count_if(x->cells.begin(), x->cells.end(), [](const auto &c) {
        return c.status == cp::CellStatus::ReportOnly;
    });
    QString population;
    switch (x->population) {
    case cp::Population::All: population = QStringLiteral("all rows"); break;
    case cp::Population::Positives:
        population = QStringLiteral("positive rows only (true outcome positive)");
        break;
    case cp::Population::Negatives:
        population = QStringLiteral("negative rows only (true outcome negative)");
        break;
    }
    const QString metric = metricName(m_model->metric());
    QString text = QStringLiteral("<b>%1</b> of each cell, over %2. Minimum support: %3 rows "
                                  "per cell; <b>%4 of %5 cells are report-only</b>.")
                       .arg(capitalized(metric).toHtmlEscaped(), population,
                            integer(x->minSupport), integer(reportOnly),
                            integer(std::int64_t(x->cells.size())));
    if (reportOnly > 0 && reportOnly == std::int64_t(x->cells.size()))
        text += QStringLiteral(" No cell has enough rows to be release evidence.");
    QStringList facets;
    for (int d : m_model->facetDimensions())
        facets << QStringLiteral("%1 = %2").arg(m_model->dimensionName(d).toHtmlEscaped(),
                                                 m_model->groups(d).value(m_model->facet(d))
                                                     .toHtmlEscaped());
    if (!facets.isEmpty())
        text += QStringLiteral("<br>Showing only %1.").arg(facets.join(QStringLiteral(", ")));
    text += QStringLiteral("<br>Each cell: %1 with its Wilson 95 % interval, and n. Click a "
                           "cell (or press Enter) to list its pairs; hover for k of n.")
                .arg(metric.toHtmlEscaped());
    m_summary->setText(text);
    m_legendText->setText(
        QStringLiteral("%1 from 0 % to 100 % (viridis). Hatched grey: report-only, fewer than %2 "
                       "rows — shown, never used for a decision. “undefined (n = 0)”: the cell has "
                       "no rows the rate counts (e.g. no positives for a TPR).")
            .arg(capitalized(metric), integer(x->minSupport)));
}

void IntersectionView::fitCells()
{
    HeatmapDelegate::fitGrid(m_table);
}

void IntersectionView::updateGridHeight()
{
    HeatmapDelegate::fitGridHeight(m_table);
}

void IntersectionView::activate(const QModelIndex &index)
{
    const QStringList key = m_model->keyAt(index);
    if (key.isEmpty())
        return;
    QStringList dimensions;
    for (int d = 0; d < m_model->dimensionCount(); ++d)
        dimensions << m_model->dimensionName(d);
    emit cellActivated(dimensions, key);
}

bool IntersectionView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && m_table->currentIndex().isValid()) {
            activate(m_table->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

int IntersectionView::currentIntersection() const
{
    return m_model->intersection() ? m_intersectionCombo->currentIndex() : -1;
}

void IntersectionView::setCurrentIntersection(int index)
{
    if (index >= 0 && index < m_intersectionCombo->count())
        m_intersectionCombo->setCurrentIndex(index); // → showIntersection
}

cp::Metric IntersectionView::metric() const
{
    return m_model->metric();
}

bool IntersectionView::setMetric(cp::Metric metric)
{
    const int index = m_metricCombo->findData(int(metric));
    if (index < 0)
        return false;
    m_metricCombo->setCurrentIndex(index); // → the model, texts
    return m_model->metric() == metric;
}

bool IntersectionView::setAxes(int rowDimension, int columnDimension)
{
    if (!m_model->setAxes(rowDimension, columnDimension))
        return false;
    // Only the selections change: this may run inside one of the combos' own signals.
    m_updating = true;
    m_rowCombo->setCurrentIndex(m_model->rowDimension());
    m_columnCombo->setCurrentIndex(m_model->columnDimension());
    m_updating = false;
    rebuildFacetControls();
    updateTexts();
    fitCells();
    return true;
}

bool IntersectionView::setFacet(int dimension, int group)
{
    if (!m_model->setFacet(dimension, group))
        return false;
    const auto facets = m_model->facetDimensions();
    const auto it = std::find(facets.begin(), facets.end(), dimension);
    if (it != facets.end()) {
        QComboBox *combo = m_facetCombos[std::size_t(it - facets.begin())];
        m_updating = true;
        combo->setCurrentIndex(group);
        m_updating = false;
    }
    updateTexts();
    fitCells();
    return true;
}

QString IntersectionView::summaryText() const
{
    return m_summary->text();
}

QString IntersectionView::legendText() const
{
    return m_legendText->text();
}

void IntersectionView::setSession(AuditSession *session)
{
    session->subscribeToResult(this, [this](std::shared_ptr<const cp::AuditResult> result,
                                            const cp::AuditSpec *spec) {
        setAudit(std::move(result), spec);
    });
}

} // namespace cp::ui
