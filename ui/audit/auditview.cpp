// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditview.h"

#include "auditformat.h"
#include "auditsession.h"
#include "checklistmodel.h"
#include "fliplistmodel.h"
#include "sliceintervalchart.h"
#include "slicetablemodel.h"

#include <core/audit/auditspec.h>

#include <QHeaderView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

using namespace format;

namespace {

QTableView *createTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

QLabel *createText(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QWidget *page(QWidget *parent, std::initializer_list<QWidget *> widgets, QWidget *stretch)
{
    auto *w = new QWidget(parent);
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    for (QWidget *child : widgets)
        layout->addWidget(child, child == stretch ? 1 : 0);
    return w;
}

/// One table row: "TPR gap | 33.3 % | [−17.2 %, 67.4 %] | formal − conversational | ratio".
QString gapRow(const cp::Gap &gap, bool contracted)
{
    const QString name = metricName(gap.metric) + QStringLiteral(" gap");
    QString cells = QStringLiteral("<td>%1</td>")
                        .arg(contracted ? QStringLiteral("<b>%1</b>").arg(name) : name);
    if (!gap.difference)
        return QStringLiteral("<tr>%1<td colspan='4'>undefined (fewer than two groups with "
                              "data)</td></tr>")
            .arg(cells);
    cells += QStringLiteral("<td align='right'><b>%1</b></td>").arg(percent(*gap.difference));
    cells += QStringLiteral("<td>%1</td>").arg(gap.ci ? differenceInterval(*gap.ci) : QString());
    cells += QStringLiteral("<td>%1</td>")
                 .arg(gap.maxGroup != gap.minGroup
                          ? QStringLiteral("%1 − %2").arg(qs(gap.maxGroup).toHtmlEscaped(),
                                                         qs(gap.minGroup).toHtmlEscaped())
                          : QStringLiteral("no spread"));
    cells += QStringLiteral("<td>%1</td>")
                 .arg(gap.ratio ? QStringLiteral("ratio %1").arg(QString::number(*gap.ratio, 'f', 2))
                                : QString());
    return QStringLiteral("<tr>%1</tr>").arg(cells);
}

QString optionalNumber(const std::optional<double> &v, bool asPercent)
{
    if (!v)
        return QStringLiteral("undefined");
    return asPercent ? percent(*v) : QString::number(*v, 'f', 2);
}

} // namespace

AuditView::AuditView(QWidget *parent)
    : QTabWidget(parent)
    , m_sliceModel(new SliceTableModel(this))
    , m_flipModel(new FlipListModel(this))
    , m_checkModel(new CheckListModel(this))
{
    setObjectName(QStringLiteral("auditView"));
    setDocumentMode(true);
    addTab(createSlicesTab(), QStringLiteral("Slices"));
    addTab(createFlipsTab(), QStringLiteral("Flips"));
    addTab(createChecksTab(), QStringLiteral("Checks"));
    setAudit(nullptr);
}

QWidget *AuditView::createSlicesTab()
{
    m_gapsLabel = createText(this, QStringLiteral("gapsLabel"));
    m_slicesView = createTable(this, QStringLiteral("slicesView"));
    m_slicesView->setModel(m_sliceModel);
    m_supportLegend = createText(this, QStringLiteral("supportLegend"));
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("slicesSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_slicesView);
    // The chart: every attribute or one, the three usual rates or one chosen metric.
    auto *chartPage = new QWidget(m_splitter);
    m_chart = new SliceIntervalChart(m_sliceModel, chartPage);
    m_chartAttribute = new QComboBox(chartPage);
    m_chartAttribute->setObjectName(QStringLiteral("chartAttribute"));
    m_chartAttribute->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chartMetric = new QComboBox(chartPage);
    m_chartMetric->setObjectName(QStringLiteral("chartMetric"));
    m_chartMetric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chartMetric->addItem(QStringLiteral("selection rate, TPR and FPR"), -1);
    for (int c = SliceTableModel::SelectionRateColumn; c <= SliceTableModel::AccuracyColumn; ++c)
        m_chartMetric->addItem(format::metricName(SliceTableModel::metricForColumn(c)), c);
    auto *attributeLabel = new QLabel(QStringLiteral("Chart &attribute:"), chartPage);
    attributeLabel->setBuddy(m_chartAttribute);
    auto *metricLabel = new QLabel(QStringLiteral("&Metric:"), chartPage);
    metricLabel->setBuddy(m_chartMetric);
    auto *controls = new QHBoxLayout;
    controls->addWidget(attributeLabel);
    controls->addWidget(m_chartAttribute);
    controls->addSpacing(12);
    controls->addWidget(metricLabel);
    controls->addWidget(m_chartMetric);
    controls->addStretch(1);
    auto *chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(0, 4, 0, 0);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(m_chart, 1);
    connect(m_chartAttribute, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setAttribute(m_chartAttribute->currentData().toString()); });
    connect(m_chartMetric, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setMetricColumn(m_chartMetric->currentData().toInt()); });
    m_splitter->addWidget(chartPage);
    m_splitter->setStretchFactor(1, 1);
    return page(this, {m_gapsLabel, m_splitter, m_supportLegend}, m_splitter);
}

QWidget *AuditView::createFlipsTab()
{
    m_flipsLabel = createText(this, QStringLiteral("flipsSummary"));
    m_flipsView = createTable(this, QStringLiteral("flipsView"));
    m_flipsView->setModel(m_flipModel);
    m_flipsView->setSortingEnabled(true);
    m_flipsView->horizontalHeader()->setSortIndicatorShown(true);
    // Column widths from the first 200 rows (Qt's default reads 1,000: 15-40 ms of a blocked
    // event loop per audit with 125,000 flips); the cells of a column are alike in width.
    m_flipsView->horizontalHeader()->setResizeContentsPrecision(200);
    return page(this, {m_flipsLabel, m_flipsView}, m_flipsView);
}

QWidget *AuditView::createChecksTab()
{
    m_checksLabel = createText(this, QStringLiteral("checksSummary"));
    m_checksView = createTable(this, QStringLiteral("checksView"));
    m_checksView->setModel(m_checkModel);
    m_checksView->setWordWrap(true);
    return page(this, {m_checksLabel, m_checksView}, m_checksView);
}

void AuditView::setAudit(std::shared_ptr<const cp::ProjectAudit> audit,
                         std::shared_ptr<const cp::FlipListing> flipListing)
{
    std::shared_ptr<const cp::AuditResult> result;
    if (audit)
        result = std::shared_ptr<const cp::AuditResult>(audit, &audit->result);

    // The spec as the audit parsed it: the contract's metrics and limits (the slices' support
    // status is the audit's own).
    std::optional<cp::AuditSpec> spec;
    if (audit)
        spec = audit->parsedSpec;

    m_sliceModel->setResult(result);
    {
        // The chart's attribute choices follow the audit; keep the choice when it still exists.
        const QString keep = m_chartAttribute->currentData().toString();
        const QSignalBlocker blocker(m_chartAttribute);
        m_chartAttribute->clear();
        m_chartAttribute->addItem(QStringLiteral("every attribute"), QString());
        if (result)
            for (const auto &a : result->slices)
                m_chartAttribute->addItem(format::qs(a.attribute), format::qs(a.attribute));
        const int index = m_chartAttribute->findData(keep);
        m_chartAttribute->setCurrentIndex(index < 0 ? 0 : index);
        m_chart->setAttribute(m_chartAttribute->currentData().toString());
    }
    const bool listed = flipListing && result
                        && flipListing->byScoreRange.size() == result->flips.size();
    m_flipModel->setResult(result, listed ? std::move(flipListing) : nullptr);
    m_checkModel->setResult(result);

    if (!result) {
        m_gapsLabel->setText(QStringLiteral("No audit yet."));
        m_supportLegend->clear();
        m_flipsLabel->setText(QStringLiteral("No audit yet."));
        m_checksLabel->clear();
        return;
    }
    updateSlicesText(*result, spec ? &*spec : nullptr);
    updateFlipsText(*result);

    if (!result->decision)
        m_checksLabel->setText(QStringLiteral("The spec has no fairness contract: nothing to "
                                              "check, and no release decision."));
    else
        m_checksLabel->setText(
            QStringLiteral("Contract version %1: the release is <b>%2</b> unless every check "
                           "passes and every attestation is recorded.")
                .arg(qs(result->contractVersion).toHtmlEscaped(),
                     *result->decision == cp::Decision::Approved ? QStringLiteral("approved")
                                                                 : QStringLiteral("blocked")));

    for (QTableView *view : {m_slicesView, m_flipsView, m_checksView})
        view->resizeColumnsToContents();
    // The "Why" column wraps and takes the remaining width.
    QHeaderView *checksHeader = m_checksView->horizontalHeader();
    checksHeader->setSectionResizeMode(CheckListModel::DetailColumn, QHeaderView::Stretch);
    m_checksView->resizeRowsToContents();
    for (int row = 0; row < m_checkModel->rowCount(); ++row) // breathing room, as other tables
        m_checksView->setRowHeight(row, m_checksView->rowHeight(row) + 8);
    // The slice table gets the height of its rows; the interval chart takes the rest.
    const int tableHeight = m_slicesView->horizontalHeader()->height()
                            + m_slicesView->verticalHeader()->length() + 4;
    m_splitter->setSizes({std::min(tableHeight, 320), std::max(height() - tableHeight, 200)});
    if (listed) {
        // Already in that order: only the header says so (it would sort again otherwise).
        const QSignalBlocker blocker(m_flipsView->horizontalHeader());
        m_flipsView->horizontalHeader()->setSortIndicator(m_flipModel->scoreRangeColumn(),
                                                          Qt::DescendingOrder);
    } else if (m_flipModel->rowCount() > 0) {
        m_flipsView->sortByColumn(m_flipModel->scoreRangeColumn(), Qt::DescendingOrder);
    }
}

void AuditView::updateSlicesText(const cp::AuditResult &result, const cp::AuditSpec *spec)
{
    // Contract metrics first; with no contract, the usual three.
    // (A metric limited twice, by a gap and by a ratio, is listed once.)
    std::vector<cp::Metric> metrics;
    auto addOnce = [&metrics](cp::Metric m) {
        if (std::find(metrics.begin(), metrics.end(), m) == metrics.end())
            metrics.push_back(m);
    };
    if (spec && spec->contract) {
        if (spec->contract->primary)
            addOnce(spec->contract->primary->metric);
        for (const cp::GapLimit &g : spec->contract->guardrails)
            addOnce(g.metric);
    }
    for (cp::Metric m : {cp::Metric::Tpr, cp::Metric::Fpr, cp::Metric::SelectionRate})
        if (std::find(metrics.begin(), metrics.end(), m) == metrics.end())
            metrics.push_back(m);

    std::vector<cp::Metric> contractMetrics;
    if (spec && spec->contract) {
        if (spec->contract->primary)
            contractMetrics.push_back(spec->contract->primary->metric);
        for (const cp::GapLimit &g : spec->contract->guardrails)
            contractMetrics.push_back(g.metric);
    }
    QStringList lines;
    for (const cp::AttributeGaps &attribute : result.gaps) {
        QString table = QStringLiteral("<table cellspacing='0' cellpadding='3'>"
                                       "<tr><td colspan='5'><b>Gaps across %1</b> "
                                       "(highest − lowest group, Newcombe 95 % interval)"
                                       "</td></tr>")
                            .arg(qs(attribute.attribute).toHtmlEscaped());
        for (cp::Metric m : metrics)
            for (const cp::Gap &gap : attribute.gaps)
                if (gap.metric == m)
                    table += gapRow(gap, std::find(contractMetrics.begin(), contractMetrics.end(),
                                                   m) != contractMetrics.end());
        lines << table + QStringLiteral("</table>");
    }
    for (const cp::AttributeReferenceGaps &ref : result.referenceGaps) {
        QStringList parts;
        for (const cp::ReferenceGap &g : ref.groups)
            parts << QStringLiteral("%1: statistical parity difference %2, disparate impact %3, "
                                    "equal-opportunity difference %4")
                         .arg(qs(g.group).toHtmlEscaped(), optionalNumber(g.spd, true),
                              optionalNumber(g.di, false), optionalNumber(g.eod, true));
        if (!parts.isEmpty())
            lines << QStringLiteral("Against the reference group <i>%1</i> — %2")
                         .arg(qs(ref.reference).toHtmlEscaped(),
                              parts.join(QStringLiteral("; ")));
    }
    QString overall = QStringLiteral("Overall: %1 rows").arg(integer(result.rows));
    if (result.balancedAccuracy)
        overall += QStringLiteral(" · balanced accuracy %1").arg(percent(*result.balancedAccuracy));
    if (result.theilIndex)
        overall += QStringLiteral(" · Theil index %1").arg(QString::number(*result.theilIndex, 'f', 4));
    lines << overall;
    m_gapsLabel->setText(lines.join(QStringLiteral("<br>")));

    QString legend = QStringLiteral("Rates show the Wilson 95 % interval in brackets; hover a "
                                    "cell for k of n.");
    if (spec && spec->contract
        && (spec->contract->minPositives > 0 || spec->contract->minNegatives > 0))
        legend += QStringLiteral(" <span style='background:#f6dfb0'>&nbsp;Hatched&nbsp;</span> "
                                 "rows (dashed whiskers in the chart) are below the contract's minimum "
                                 "support of %1 positives and %2 negatives per slice: "
                                 "report-only, not release evidence.")
                      .arg(spec->contract->minPositives)
                      .arg(spec->contract->minNegatives);
    m_supportLegend->setText(legend);
}

void AuditView::updateFlipsText(const cp::AuditResult &result)
{
    if (!result.flipRate) {
        m_flipsLabel->setText(QStringLiteral("The spec names no family column, so there are no "
                                             "counterfactual families to compare."));
        return;
    }
    QString text = QStringLiteral("<b>%1 of %2 families flipped</b>")
                       .arg(integer(std::int64_t(result.flips.size())), integer(result.flipRate->n));
    if (result.flipRate->defined())
        text += QStringLiteral(" (%1)").arg(rate(*result.flipRate));
    for (const cp::PairTest &t : result.pairTests) {
        text += QStringLiteral(" &nbsp;·&nbsp; %1 vs %2: only %1 favourable %3, only %2 "
                               "favourable %4, exact McNemar p %5")
                    .arg(qs(t.a).toHtmlEscaped(), qs(t.b).toHtmlEscaped())
                    .arg(integer(t.aOnly), integer(t.bOnly),
                         (t.mcnemarP < 1e-4 ? pValue(t.mcnemarP)
                                            : QStringLiteral("= ") + pValue(t.mcnemarP))
                             .toHtmlEscaped());
    }
    if (result.flips.empty())
        text += QStringLiteral("<br>No family's variants got different outcomes.");
    m_flipsLabel->setText(text);
}

void AuditView::showReasons()
{
    setCurrentIndex(ChecksTab);
    const int row = m_checkModel->firstProblemRow();
    if (row >= 0)
        m_checksView->selectRow(row);
    m_checksView->setFocus();
}

QString AuditView::gapsText() const
{
    return m_gapsLabel->text();
}

QString AuditView::flipsSummary() const
{
    return m_flipsLabel->text();
}

void AuditView::setSession(AuditSession *session)
{
    session->subscribe(this, [this, session](const std::shared_ptr<const cp::SourceAudit> &) {
        const auto &audit = session->audit();
        setAudit(session->projectAudit(), audit ? audit->flipListing : nullptr);
    });
}

} // namespace cp::ui
