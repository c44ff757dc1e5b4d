// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "slicetablemodel.h"

#include "auditformat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace cp::ui {

using namespace format;

namespace {
const QVariant RightAligned(int(Qt::AlignRight | Qt::AlignVCenter));
}

SliceTableModel::SliceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SliceTableModel::setResult(std::shared_ptr<const cp::AuditResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_rows.clear();
    if (m_result) {
        for (std::size_t a = 0; a < m_result->slices.size(); ++a)
            for (std::size_t g = 0; g < m_result->slices[a].groups.size(); ++g)
                m_rows.push_back({std::uint32_t(a), std::uint32_t(g)});
    }
    endResetModel();
}

bool SliceTableModel::isRateColumn(int column)
{
    return column >= SelectionRateColumn && column <= AccuracyColumn;
}

cp::Metric SliceTableModel::metricForColumn(int column)
{
    return cp::Metric(column - SelectionRateColumn);
}

int SliceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SliceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const cp::SliceRates *SliceTableModel::sliceAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    const RowRef ref = m_rows[std::size_t(row)];
    return &m_result->slices[ref.attribute].groups[ref.group];
}

const cp::AttributeSlices *SliceTableModel::attributeAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_result->slices[m_rows[std::size_t(row)].attribute];
}

bool SliceTableModel::isReference(const RowRef &ref) const
{
    const cp::AttributeSlices &attribute = m_result->slices[ref.attribute];
    return attribute.reference && *attribute.reference == attribute.groups[ref.group].group;
}

QVariant SliceTableModel::rateData(const cp::AttributeSlices &attribute,
                                   const cp::SliceRates &slice, int column, int role) const
{
    const cp::Metric metric = metricForColumn(column);
    const cp::Proportion &p = slice.rate(metric);
    switch (role) {
    case Qt::DisplayRole:
        return rate(p);
    case Qt::ToolTipRole: {
        QString tip = rateToolTip(p, qs(cp::metricMeaning(metric)));
        if (slice.reportOnly())
            tip += QStringLiteral("\nReport-only: this slice is below the contract's minimum "
                                  "support (%1 positives, %2 negatives).")
                       .arg(attribute.minPositives)
                       .arg(attribute.minNegatives);
        return tip;
    }
    case Qt::ForegroundRole:
        return p.defined() ? QVariant() : QVariant(QBrush(QColor(0x80, 0x80, 0x80)));
    case Qt::BackgroundRole:
        // Low support is data (ReportOnlyRole); the default delegate shows it as a light hatch.
        return slice.reportOnly() ? QVariant(QBrush(QColor(0xd8, 0x98, 0x20, 0xa0),
                                                     Qt::BDiagPattern))
                                   : QVariant();
    case Qt::TextAlignmentRole:
        return RightAligned;
    case SupportRole:
        return QVariant::fromValue<qlonglong>(p.n);
    case ValueRole:
        return p.value() ? QVariant(*p.value()) : QVariant();
    case CiLowRole:
        return p.defined() ? QVariant(p.ci()->low) : QVariant();
    case CiHighRole:
        return p.defined() ? QVariant(p.ci()->high) : QVariant();
    case ReportOnlyRole:
        return slice.reportOnly();
    default:
        return {};
    }
}

QVariant SliceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RowRef ref = m_rows[std::size_t(index.row())];
    const cp::AttributeSlices &attribute = m_result->slices[ref.attribute];
    const cp::SliceRates &slice = attribute.groups[ref.group];
    const int column = index.column();

    if (isRateColumn(column))
        return rateData(attribute, slice, column, role);

    if (role == Qt::FontRole && column == GroupColumn && isReference(ref)) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == ReportOnlyRole)
        return slice.reportOnly();

    switch (column) {
    case AttributeColumn:
        if (role == Qt::DisplayRole || role == ValueRole)
            return qs(attribute.attribute);
        break;
    case GroupColumn:
        if (role == Qt::DisplayRole)
            return isReference(ref) ? qs(slice.group) + QStringLiteral(" (reference)")
                                    : qs(slice.group);
        if (role == ValueRole)
            return qs(slice.group);
        if (role == Qt::ToolTipRole && isReference(ref))
            return QStringLiteral("%1 is the reference (privileged) group of %2")
                .arg(qs(slice.group), qs(attribute.attribute));
        break;
    case SizeColumn:
    case PositivesColumn:
    case NegativesColumn: {
        const std::int64_t count = column == SizeColumn        ? slice.n
                                   : column == PositivesColumn ? slice.positives
                                                               : slice.negatives;
        if (role == Qt::DisplayRole || role == ValueRole || role == SupportRole)
            return QVariant::fromValue<qlonglong>(count);
        if (role == Qt::TextAlignmentRole)
            return RightAligned;
        if (role == Qt::ToolTipRole && column != SizeColumn && slice.reportOnly()) {
            const bool positives = column == PositivesColumn;
            const std::int64_t floor = positives ? attribute.minPositives
                                                 : attribute.minNegatives;
            if (positives ? slice.positivesShort : slice.negativesShort)
                return QStringLiteral("%1 %2, fewer than the contract's minimum of %3")
                    .arg(count)
                    .arg(positives ? QStringLiteral("positives") : QStringLiteral("negatives"))
                    .arg(floor);
        }
        if (role == Qt::ForegroundRole && column != SizeColumn) {
            if (column == PositivesColumn ? slice.positivesShort : slice.negativesShort)
                return QBrush(QColor(0xb0, 0x30, 0x20));
        }
        break;
    }
    case MeanScoreColumn:
        if (role == Qt::DisplayRole)
            return slice.meanScore ? QString::number(*slice.meanScore, 'f', 3)
                                   : QStringLiteral("undefined");
        if (role == ValueRole)
            return slice.meanScore ? QVariant(*slice.meanScore) : QVariant();
        if (role == SupportRole)
            return QVariant::fromValue<qlonglong>(slice.n);
        if (role == Qt::TextAlignmentRole)
            return RightAligned;
        if (role == Qt::ToolTipRole)
            return QStringLiteral("Mean score over %1 rows").arg(slice.n);
        break;
    default:
        break;
    }
    return {};
}

QVariant SliceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case AttributeColumn: return QStringLiteral("Attribute");
        case GroupColumn: return QStringLiteral("Group");
        case SizeColumn: return QStringLiteral("n");
        case PositivesColumn: return QStringLiteral("Positives");
        case NegativesColumn: return QStringLiteral("Negatives");
        case SelectionRateColumn: return QStringLiteral("Selection rate");
        case PrecisionColumn: return QStringLiteral("Precision");
        case AccuracyColumn: return QStringLiteral("Accuracy");
        case MeanScoreColumn: return QStringLiteral("Mean score");
        default: return metricName(metricForColumn(section));
        }
    }
    if (role == Qt::ToolTipRole) {
        if (isRateColumn(section))
            return QStringLiteral("Share of %1, with its Wilson 95 % interval")
                .arg(qs(cp::metricMeaning(metricForColumn(section))));
        if (section == PositivesColumn)
            return QStringLiteral("Rows whose true outcome is positive");
        if (section == NegativesColumn)
            return QStringLiteral("Rows whose true outcome is negative");
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace cp::ui
