// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "pairsview.h"

#include "familydetailview.h"
#include "pairsmodel.h"

#include <ui/audit/auditsession.h>

#include <core/review/reviewqueue.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <QLoggingCategory>

#include <algorithm>

namespace cp::ui {

namespace {

Q_LOGGING_CATEGORY(lcPairs, "counterpart.pairs")

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

PairsView::PairsView(QWidget *parent)
    : QWidget(parent)
{
    m_model = new PairsModel(this);
    m_detail = new FamilyDetailView(this);

    m_flipsOnly = new QCheckBox(tr("&Flips only"), this);
    m_groupPair = new QComboBox(this);
    m_groupPair->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stageLabel = new QLabel(tr("S&tage:"), this);
    m_stage = new QComboBox(this);
    m_stageLabel->setBuddy(m_stage);
    m_flipKindLabel = new QLabel(tr("&Kind:"), this);
    m_flipKind = new QComboBox(this);
    m_flipKind->setObjectName(QStringLiteral("flipKindFilter"));
    m_flipKind->addItem(tr("any"));
    m_flipKind->addItem(tr("outcome flips"), int(cp::FlipKind::Outcome));
    m_flipKind->addItem(tr("refusal flips"), int(cp::FlipKind::Refusal));
    m_flipKind->setToolTip(tr("Flipped families by kind: the variants' outcomes differ, or some "
                              "variants were refused while others were answered"));
    m_flipKindLabel->setBuddy(m_flipKind);
    m_stratumLabel = new QLabel(tr("St&ratum:"), this);
    m_stratum = new QComboBox(this);
    m_stratum->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stratumLabel->setBuddy(m_stratum);
    m_minScoreRange = new QDoubleSpinBox(this);
    m_minScoreRange->setRange(0, 1e6);
    m_minScoreRange->setDecimals(3);
    m_minScoreRange->setSingleStep(0.05);
    m_minScoreRange->setSpecialValueText(tr("any"));  // 0: no filter, NaN ranges included
    m_order = new QComboBox(this);
    m_order->addItem(tr("Table order"), int(cp::PairsOrder::Table));
    m_order->addItem(tr("Largest |Δscore| first"), int(cp::PairsOrder::ScoreRangeDescending));
    m_order->addItem(tr("Smallest |Δscore| first"), int(cp::PairsOrder::ScoreRangeAscending));
    m_reviewState = new QComboBox(this);
    m_reviewState->setObjectName(QStringLiteral("reviewStateFilter"));
    m_reviewState->addItem(tr("any"));
    for (cp::ReviewState state :
         {cp::ReviewState::Unreviewed, cp::ReviewState::Equivalent, cp::ReviewState::NotEquivalent,
          cp::ReviewState::Unsure, cp::ReviewState::AwaitingAdjudication})
        m_reviewState->addItem(fromStd(cp::reviewStateLabel(state)), int(state));
    m_reviewState->setToolTip(tr("Families by their reviewers' consensus (Reviews): not yet "
                                 "reviewed, judged equivalent, not equivalent, unsure, or "
                                 "disputed and waiting for an adjudicator"));
    m_count = new QLabel(this);
    m_cellChip = new QToolButton(this);
    m_cellChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_cellChip->setToolTip(tr("Remove the intersection-cell filter"));
    m_cellChip->setStyleSheet(QStringLiteral(
        "QToolButton { border: 1px solid #2166ac; border-radius: 9px; padding: 1px 8px;"
        " background: #d1e5f0; color: #0b2e4f; }"));
    m_cellChip->hide();

    auto *groupLabel = new QLabel(tr("&Group pair:"), this);
    groupLabel->setBuddy(m_groupPair);
    auto *minLabel = new QLabel(tr("&Min |Δscore|:"), this);
    minLabel->setBuddy(m_minScoreRange);
    auto *orderLabel = new QLabel(tr("&Order:"), this);
    orderLabel->setBuddy(m_order);
    auto *reviewLabel = new QLabel(tr("Revie&w:"), this);
    reviewLabel->setBuddy(m_reviewState);

    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_flipsOnly);
    row1->addSpacing(8);
    row1->addWidget(groupLabel);
    row1->addWidget(m_groupPair);
    row1->addWidget(m_stageLabel);
    row1->addWidget(m_stage);
    row1->addWidget(m_flipKindLabel);
    row1->addWidget(m_flipKind);
    row1->addWidget(m_stratumLabel);
    row1->addWidget(m_stratum);
    row1->addStretch(1);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(minLabel);
    row2->addWidget(m_minScoreRange);
    row2->addWidget(reviewLabel);
    row2->addWidget(m_reviewState);
    row2->addWidget(orderLabel);
    row2->addWidget(m_order);
    row2->addWidget(m_cellChip);
    row2->addStretch(1);
    row2->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    // Uniform row heights: a fixed section size means no per-row measuring over 1M rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({620, 580});
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(m_splitter, 1);

    connect(m_flipsOnly, &QCheckBox::toggled, this, &PairsView::applyFilter);
    for (QComboBox *c : {m_groupPair, m_stage, m_flipKind, m_stratum, m_reviewState})
        connect(c, &QComboBox::currentIndexChanged, this, &PairsView::applyFilter);
    connect(m_minScoreRange, &QDoubleSpinBox::valueChanged, this, &PairsView::applyFilter);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this] {
        if (m_rebuilding)
            return;
        const int current = m_detail->family();
        m_model->setOrder(cp::PairsOrder(m_order->currentData().toInt()));
        showFamily(current);
    });
    connect(m_cellChip, &QToolButton::clicked, this, &PairsView::clearCellFilter);
    connect(m_model, &PairsModel::familiesChanged, this, &PairsView::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { currentRowChanged(current.row()); });

    rebuildFilterControls();
    updateCount();
}

void PairsView::setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn)
{
    m_index = std::move(index);
    m_reviewStates.reset();  // they belong to the previous index
    m_cell.clear();
    m_cellChip->hide();
    m_model->setIndex(m_index, familyColumn);
    m_detail->setIndex(m_index, m_model->familyColumn());
    rebuildFilterControls();
    const int columns = m_model->columnCount();
    const int widths[] = {70, 62, 150, 72};
    for (int c = 0; c + 1 < columns; ++c)  // the last, Outcomes, stretches
        m_table->setColumnWidth(c, c < 4 ? widths[c] : 80);
    showFamily(m_model->familyAt(0));
}

void PairsView::rebuildFilterControls()
{
    m_rebuilding = true;
    m_flipsOnly->setChecked(false);
    m_groupPair->clear();
    m_groupPair->addItem(tr("any"));
    m_stage->clear();
    m_stage->addItem(tr("any"));
    m_stratum->clear();
    m_stratum->addItem(tr("any"));
    m_flipKind->setCurrentIndex(0);
    m_minScoreRange->setValue(0);
    m_reviewState->setCurrentIndex(0);
    m_order->setCurrentIndex(0);
    if (m_index) {
        const auto &dims = m_index->protectedDims;
        for (std::size_t a = 0; a < dims.size(); ++a)
            for (std::size_t i = 0; i < dims[a].groups.size(); ++i)
                for (std::size_t j = i + 1; j < dims[a].groups.size(); ++j)
                    m_groupPair->addItem(QStringLiteral("%1: %2 ↔ %3")
                                             .arg(fromStd(dims[a].name), fromStd(dims[a].groups[i]),
                                                  fromStd(dims[a].groups[j])),
                                         QVariantList{int(a), int(i), int(j)});
        for (std::size_t s = 0; s < m_index->stages.size(); ++s)
            m_stage->addItem(fromStd(m_index->stages[s]), int(s));
        // Flips decided by the final score or label carry no gate stage (stage −1).
        m_stage->addItem(tr("final decision"), -1);
        for (std::size_t d = 0; d < m_index->strata.size(); ++d)
            for (std::size_t g = 0; g < m_index->strata[d].groups.size(); ++g)
                m_stratum->addItem(QStringLiteral("%1 = %2").arg(fromStd(m_index->strata[d].name),
                                                                 fromStd(m_index->strata[d].groups[g])),
                                   QVariantList{int(d), int(g)});
    }
    const bool stages = m_index && !m_index->stages.empty();
    m_stageLabel->setVisible(stages);
    m_stage->setVisible(stages);
    const bool refusals = m_index && m_index->refusedOutcome.has_value();
    m_flipKindLabel->setVisible(refusals);
    m_flipKind->setVisible(refusals);
    const bool strata = m_index && !m_index->strata.empty();
    m_stratumLabel->setVisible(strata);
    m_stratum->setVisible(strata);
    m_rebuilding = false;
}

void PairsView::applyFilter()
{
    if (m_rebuilding)
        return;
    cp::PairsFilter filter;
    filter.flipsOnly = m_flipsOnly->isChecked();
    if (const QVariantList pair = m_groupPair->currentData().toList(); pair.size() == 3)
        filter.groupPair = std::make_tuple(pair[0].toInt(), pair[1].toInt(), pair[2].toInt());
    if (const QVariant stage = m_stage->currentData(); stage.isValid())
        filter.stage = stage.toInt();
    if (const QVariant kind = m_flipKind->currentData(); kind.isValid())
        filter.flipKind = cp::FlipKind(kind.toInt());
    if (const QVariantList stratum = m_stratum->currentData().toList(); stratum.size() == 2)
        filter.stratum = std::make_pair(stratum[0].toInt(), stratum[1].toInt());
    filter.cell = m_cell;
    if (m_minScoreRange->value() > 0)
        filter.minScoreRange = m_minScoreRange->value();
    if (const QVariant state = m_reviewState->currentData(); state.isValid() && m_index) {
        filter.reviewState = std::uint8_t(state.toInt());
        // Without states (no reviews loaded yet) every family is unreviewed.
        filter.reviewStates = m_reviewStates && m_reviewStates->size() == m_index->families.size()
                                  ? m_reviewStates
                                  : std::make_shared<const std::vector<std::uint8_t>>(
                                        m_index->families.size(),
                                        std::uint8_t(cp::ReviewState::Unreviewed));
    }
    const int current = m_detail->family();
    m_model->setFilter(filter);
    showFamily(m_model->rowOfFamily(current) >= 0 ? current : m_model->familyAt(0));
}

std::vector<std::int32_t> PairsView::filteredFamilies() const
{
    return m_model->families();
}

void PairsView::setReviewStates(std::shared_ptr<const std::vector<std::uint8_t>> states)
{
    m_reviewStates = std::move(states);
    if (m_reviewState->currentData().isValid())
        applyFilter();
}

void PairsView::updateCount()
{
    if (!m_index) {
        // Why there is no index, as the audit says (being read, no family column, unreadable).
        QString why = m_noPairs.isEmpty() ? tr("No audited table") : m_noPairs;
        if (!why.isEmpty())
            why[0] = why[0].toUpper();
        m_count->setText(why);
        m_count->setToolTip(why);
        return;
    }
    QString text = tr("%L1 of %L2 families").arg(m_model->rowCount()).arg(m_model->totalFamilies());
    QString tip;
    if (m_leftOutByReviews > 0) {
        text += tr(" · %L1 left out of the audit").arg(m_leftOutByReviews);
        tip = tr("Reviewers judged %Ln famil(ies) not equivalent: they are listed here, and "
                 "left out of every rate, gap and check of the audit.",
                 nullptr, int(std::min<std::int64_t>(m_leftOutByReviews, INT32_MAX)));
    }
    m_count->setToolTip(tip);
    m_count->setText(text);
}

bool PairsView::setCellFilter(const QStringList &dimensions, const QStringList &groups)
{
    if (!m_index || dimensions.size() != groups.size())
        return false;
    std::vector<std::pair<int, int>> cell;
    QStringList parts;
    const int np = int(m_index->protectedDims.size());
    for (qsizetype i = 0; i < dimensions.size(); ++i) {
        const std::string name = dimensions[i].toStdString();
        const std::string group = groups[i].toStdString();
        int found = -1, groupIndex = -1;
        for (int d = 0; d < np + int(m_index->strata.size()) && found < 0; ++d) {
            const cp::PairsIndex::Dimension &dim =
                d < np ? m_index->protectedDims[std::size_t(d)] : m_index->strata[std::size_t(d - np)];
            if (dim.name != name)
                continue;
            found = d;
            const auto it = std::find(dim.groups.begin(), dim.groups.end(), group);
            if (it != dim.groups.end())
                groupIndex = int(it - dim.groups.begin());
        }
        if (found < 0 || groupIndex < 0) {
            qCWarning(lcPairs) << "cell filter: no group" << groups[i] << "of" << dimensions[i];
            return false;
        }
        cell.emplace_back(found, groupIndex);
        parts << QStringLiteral("%1 = %2").arg(dimensions[i], groups[i]);
    }
    m_cell = std::move(cell);
    m_cellChip->setText(tr("cell: %1  ✕").arg(parts.join(QLatin1String(", "))));
    m_cellChip->setVisible(!m_cell.empty());
    applyFilter();
    return true;
}

void PairsView::clearCellFilter()
{
    m_cell.clear();
    m_cellChip->hide();
    applyFilter();
}

void PairsView::showFamily(int familyIndex)
{
    const int row = m_model->rowOfFamily(familyIndex);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, 0);
        m_table->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
    } else {
        m_table->selectionModel()->clearSelection();
    }
    // currentRowChanged shows it unless the row was current already.
    if (m_detail->family() != familyIndex) {
        m_detail->showFamily(familyIndex);
        emit familyShown(m_detail->family());
    }
}

void PairsView::currentRowChanged(int row)
{
    const int family = m_model->familyAt(row);
    if (family < 0 || family == m_detail->family())
        return;
    m_detail->showFamily(family);
    emit familyShown(family);
}

void PairsView::setSession(AuditSession *session)
{
    session->subscribe(this, [this](const std::shared_ptr<const cp::SourceAudit> &audit) {
        // The family column is the spec's, as the audit parsed it.
        int familyColumn = -1;
        const auto &pairs = audit ? audit->pairs : nullptr;
        m_noPairs = audit && !pairs ? QString::fromStdString(audit->pairsError) : QString();
        m_leftOutByReviews = audit && audit->audit.result.reviews
                                 ? audit->audit.result.reviews->excludedNotEquivalent
                                 : 0;
        const auto &family = audit ? audit->audit.parsedSpec.familyColumn : std::nullopt;
        if (pairs && family) {
            const auto &columns = pairs->rows->columns();
            const auto it = std::find(columns.begin(), columns.end(), *family);
            familyColumn = it == columns.end() ? -1 : int(it - columns.begin());
        }
        setIndex(pairs, familyColumn);
        updateCount();
    });
}

} // namespace cp::ui
