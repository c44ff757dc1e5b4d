// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "comparisonmodel.h"

#include <ui/audit/auditformat.h>

#include <core/report/reportformat.h>

#include <QFont>

#include <cmath>

namespace cp::ui {

using format::qs;

ComparisonModel::ComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ComparisonModel::setComparison(std::shared_ptr<const cp::RunComparison> comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    m_rows.clear();
    m_llmRows.clear();
    if (m_comparison) {
        for (const auto *deltas : {&m_comparison->gaps, &m_comparison->rates})
            for (const cp::MetricDelta &d : *deltas)
                if (d.baseline || d.candidate)
                    m_rows.push_back(&d);
        for (const cp::LlmDelta &d : m_comparison->llm)
            if (d.baseline || d.candidate)
                m_llmRows.push_back(&d);
    }
    endResetModel();
}

const cp::MetricDelta *ComparisonModel::deltaAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)] : nullptr;
}

const cp::LlmDelta *ComparisonModel::llmDeltaAt(int row) const
{
    const int r = row - int(m_rows.size());
    return r >= 0 && r < int(m_llmRows.size()) ? m_llmRows[std::size_t(r)] : nullptr;
}

int ComparisonModel::findRow(cp::Metric metric, const QString &attribute,
                             const QString &group) const
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const cp::MetricDelta *d = deltaAt(row);
        if (d->metric == metric && qs(d->attribute) == attribute && qs(d->group) == group)
            return row;
    }
    return -1;
}

QString ComparisonModel::signedPercent(double fraction)
{
    const QString text = format::percent(fraction);
    const bool zero = QString::number(std::abs(fraction) * 100, 'f', 1).toDouble() == 0;
    return fraction > 0 && !zero ? QLatin1Char('+') + text : text;
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size() + m_llmRows.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ComparisonModel::flagText(const cp::MetricDelta &d) const
{
    if (d.withheld || !d.beyondThreshold || !d.delta)
        return {};
    const QString limit = QStringLiteral("beyond ±%1")
                              .arg(format::percent(m_comparison->threshold));
    // The direction is core's (MetricDelta::change): the model only words it.
    switch (d.change) {
    case cp::DeltaChange::Regressed: return QStringLiteral("▲ regressed, %1").arg(limit);
    case cp::DeltaChange::Improved: return QStringLiteral("▼ improved, %1").arg(limit);
    case cp::DeltaChange::Moved: return QStringLiteral("moved %1").arg(limit);
    case cp::DeltaChange::None: break;
    }
    return {};
}

QVariant ComparisonModel::llmData(const cp::LlmDelta &d, int column, int role) const
{
    const auto value = [&](const std::optional<double> &v, bool sign = false) {
        if (d.withheld)
            return QStringLiteral("withheld");
        return v ? qs(cp::formatLlmValue(d.metric, *v, sign)) : QStringLiteral("undefined");
    };
    // The direction is core's (LlmDelta::change): the model only words it.
    const QString limit =
        QStringLiteral("beyond ±%1").arg(qs(cp::formatLlmValue(d.metric, m_comparison->threshold)));
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case MetricColumn: return qs(cp::llmMetricLabel(d.metric));
        case AttributeColumn: return qs(d.attribute);
        case GroupColumn:
            if (!d.group.empty())
                return qs(d.groupLabel());
            return d.metric == cp::LlmMetric::RefusalGap ? QStringLiteral("max − min")
                                                         : QStringLiteral("across groups");
        case BaselineColumn: return value(d.baseline);
        case CandidateColumn: return value(d.candidate);
        case ChangeColumn: return value(d.delta, true);
        case FlagColumn:
            if (d.withheld || !d.beyondThreshold)
                return QString();
            switch (d.change) {
            case cp::DeltaChange::Regressed: return QStringLiteral("▲ regressed, %1").arg(limit);
            case cp::DeltaChange::Improved: return QStringLiteral("▼ improved, %1").arg(limit);
            case cp::DeltaChange::Moved: return QStringLiteral("moved %1").arg(limit);
            case cp::DeltaChange::None: return QString();
            }
        }
        return {};
    case Qt::ToolTipRole:
        if (d.withheld)
            return QStringLiteral("Below the privacy floor: the figures are not shown");
        if (!d.delta)
            return QStringLiteral("Undefined in one of the runs (no rows to compute it from)");
        return QStringLiteral("%1 → %2: a change of %3 (the regression threshold is ±%4)")
            .arg(value(d.baseline), value(d.candidate), value(d.delta, true),
                 qs(cp::formatLlmValue(d.metric, m_comparison->threshold)));
    case Qt::TextAlignmentRole:
        return column >= BaselineColumn && column <= ChangeColumn
                   ? int(Qt::AlignRight | Qt::AlignVCenter)
                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (d.beyondThreshold && !d.withheld) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case DeltaRole:
        return d.delta && !d.withheld ? QVariant(*d.delta) : QVariant();
    case BeyondThresholdRole:
        return d.beyondThreshold && !d.withheld;
    }
    return {};
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const cp::LlmDelta *llm = llmDeltaAt(index.row()))
        return llmData(*llm, index.column(), role);
    const cp::MetricDelta *d = deltaAt(index.row());
    if (!d)
        return {};
    const auto value = [&](const std::optional<double> &v) {
        return d->withheld ? QStringLiteral("withheld") : format::percent(v);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MetricColumn:
            return format::metricName(d->metric)
                   + (d->group.empty() ? QStringLiteral(" gap") : QString());
        case AttributeColumn: return qs(d->attribute);
        case GroupColumn:
            return d->group.empty() ? QStringLiteral("max − min") : qs(d->group);
        case BaselineColumn: return value(d->baseline);
        case CandidateColumn: return value(d->candidate);
        case ChangeColumn:
            if (d->withheld)
                return QStringLiteral("withheld");
            return d->delta ? signedPercent(*d->delta) : QStringLiteral("undefined");
        case FlagColumn: return flagText(*d);
        }
        return {};
    case Qt::ToolTipRole:
        if (d->withheld)
            return QStringLiteral("Below the privacy floor: the figures are not shown");
        if (!d->delta)
            return QStringLiteral("Undefined in one of the runs (no rows to compute it from)");
        return QStringLiteral("%1 → %2: a change of %3 (the regression threshold is ±%4)")
            .arg(format::percent(d->baseline), format::percent(d->candidate),
                 signedPercent(*d->delta), format::percent(m_comparison->threshold));
    case Qt::TextAlignmentRole:
        return index.column() >= BaselineColumn && index.column() <= ChangeColumn
                   ? int(Qt::AlignRight | Qt::AlignVCenter)
                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (d->beyondThreshold && !d->withheld) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case DeltaRole:
        return d->delta && !d->withheld ? QVariant(*d->delta) : QVariant();
    case BeyondThresholdRole:
        return d->beyondThreshold && !d->withheld;
    }
    return {};
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MetricColumn: return QStringLiteral("Metric");
    case AttributeColumn: return QStringLiteral("Attribute");
    case GroupColumn: return QStringLiteral("Group");
    case BaselineColumn: return QStringLiteral("Baseline");
    case CandidateColumn: return QStringLiteral("Candidate");
    case ChangeColumn: return QStringLiteral("Change");
    case FlagColumn: return QStringLiteral("Beyond the threshold");
    }
    return {};
}

} // namespace cp::ui
