// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "checklistmodel.h"

#include "auditformat.h"

#include <QBrush>
#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace cp::ui {

using namespace format;

namespace {

CheckListModel::RowStatus fromCore(cp::CheckStatus s)
{
    switch (s) {
    case cp::CheckStatus::Passed: return CheckListModel::RowStatus::Passed;
    case cp::CheckStatus::Failed: return CheckListModel::RowStatus::Failed;
    case cp::CheckStatus::Insufficient: return CheckListModel::RowStatus::Insufficient;
    }
    return CheckListModel::RowStatus::Insufficient;
}

bool isPercentCheck(const std::string &name)
{
    return name.ends_with("_gap") || name == "flip_rate";
}

QString checkValue(const std::string &name, double v)
{
    if (isPercentCheck(name))
        return percent(v);
    if (name.ends_with("_ratio"))
        return QString::number(v, 'f', 3);
    return number(v);
}

/// "tpr_gap" → "TPR gap", "min_positives" → "min positives".
QString checkTitle(const std::string &name)
{
    QString t = qs(name);
    t.replace(QLatin1Char('_'), QLatin1Char(' '));
    for (const char *m : {"tpr", "fpr", "fnr"}) {
        const QString key = QLatin1String(m);
        if (t.startsWith(key + QLatin1Char(' ')) || t == key)
            t.replace(0, key.size(), key.toUpper());
    }
    return t;
}

} // namespace

CheckListModel::CheckListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CheckListModel::setResult(std::shared_ptr<const cp::AuditResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

int CheckListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_result)
        return 0;
    return int(m_result->checks.size() + m_result->missing.size());
}

int CheckListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

CheckListModel::RowStatus CheckListModel::statusAt(int row) const
{
    if (row < int(m_result->checks.size()))
        return fromCore(m_result->checks[std::size_t(row)].status);
    return RowStatus::Missing;
}

int CheckListModel::firstProblemRow() const
{
    for (int row = 0; row < rowCount(); ++row)
        if (statusAt(row) != RowStatus::Passed)
            return row;
    return -1;
}

QColor CheckListModel::statusColor(RowStatus status)
{
    switch (status) {
    case RowStatus::Passed: return QColor(0x1e, 0x7b, 0x34);
    case RowStatus::Failed: return QColor(0xb3, 0x26, 0x1e);
    case RowStatus::Insufficient:
    case RowStatus::Missing: return QColor(0xa8, 0x62, 0x00);
    }
    return {};
}

QString CheckListModel::statusText(RowStatus status)
{
    switch (status) {
    case RowStatus::Passed: return QStringLiteral("passed");
    case RowStatus::Failed: return QStringLiteral("failed");
    case RowStatus::Insufficient: return QStringLiteral("insufficient");
    case RowStatus::Missing: return QStringLiteral("missing");
    }
    return {};
}

const QIcon &CheckListModel::statusIcon(RowStatus status) const
{
    QIcon &icon = m_icons[int(status)];
    if (icon.isNull()) {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusColor(status));
        painter.drawEllipse(QRectF(1, 1, 10, 10));
        painter.end();
        icon = QIcon(pixmap);
    }
    return icon;
}

QVariant CheckListModel::checkData(const cp::Check &check, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case NameColumn: return checkTitle(check.name);
        case AttributeColumn:
            return check.attribute.empty() ? QStringLiteral("all rows") : qs(check.attribute);
        case ValueColumn:
            return check.value ? checkValue(check.name, *check.value) : QStringLiteral("undefined");
        case LimitColumn:
            return (check.upperLimit ? QStringLiteral("≤ ") : QStringLiteral("≥ "))
                   + checkValue(check.name, check.limit);
        case DetailColumn: return qs(check.detail);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 (%2)").arg(qs(check.detail), qs(check.name));
    if (role == ValueRole)
        return check.value ? QVariant(*check.value) : QVariant();
    if (role == LimitRole)
        return check.limit;
    if (role == Qt::TextAlignmentRole && (column == ValueColumn || column == LimitColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CheckListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const RowStatus status = statusAt(row);

    if (role == StatusRole)
        return int(status);
    if (column == StatusColumn) {
        switch (role) {
        case Qt::DisplayRole: return statusText(status);
        case Qt::ForegroundRole: return QBrush(statusColor(status));
        case Qt::DecorationRole: return statusIcon(status);
        case Qt::FontRole: {
            QFont font;
            font.setBold(status != RowStatus::Passed);
            return font;
        }
        default: break;
        }
    }
    if (status != RowStatus::Missing)
        return checkData(m_result->checks[std::size_t(row)], column, role);

    const std::string &name = m_result->missing[std::size_t(row) - m_result->checks.size()];
    if (role == Qt::DisplayRole) {
        switch (column) {
        case StatusColumn: return statusText(status);
        case NameColumn: return qs(name);
        case AttributeColumn: return QStringLiteral("attestation");
        case DetailColumn:
            return QStringLiteral("Required attestation not recorded; the release stays "
                                  "blocked until someone signs it off.");
        default: return QString();
        }
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("Missing attestation: %1").arg(qs(name));
    return {};
}

QVariant CheckListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case StatusColumn: return QStringLiteral("Status");
        case NameColumn: return QStringLiteral("Requirement");
        case AttributeColumn: return QStringLiteral("Attribute");
        case ValueColumn: return QStringLiteral("Value");
        case LimitColumn: return QStringLiteral("Limit");
        case DetailColumn: return QStringLiteral("Why");
        default: break;
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace cp::ui
