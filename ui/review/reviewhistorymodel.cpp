// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewhistorymodel.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>

namespace cp::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString equivalenceText(cp::Equivalence e)
{
    switch (e) {
    case cp::Equivalence::Equivalent: return ReviewHistoryModel::tr("equivalent");
    case cp::Equivalence::NotEquivalent: return ReviewHistoryModel::tr("not equivalent");
    case cp::Equivalence::Unsure: return ReviewHistoryModel::tr("unsure");
    }
    return {};
}

/// "2026-05-04 14:03" in local time from the stored ISO 8601 UTC.
QString whenText(const std::string &iso)
{
    QDateTime t = QDateTime::fromString(qs(iso), Qt::ISODate);
    if (!t.isValid())
        return qs(iso);
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ReviewHistoryModel::ReviewHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReviewHistoryModel::setChanges(std::vector<cp::ReviewChange> changes,
                                    const QString &favourable, const QString &unfavourable)
{
    beginResetModel();
    m_changes = std::move(changes);
    std::reverse(m_changes.begin(), m_changes.end());
    m_favourable = favourable;
    m_unfavourable = unfavourable;
    endResetModel();
}

QString ReviewHistoryModel::labelText(const std::optional<cp::ReviewLabel> &label) const
{
    if (!label)
        return QStringLiteral("—");
    QStringList parts;
    if (label->equivalence)
        parts << equivalenceText(*label->equivalence);
    if (label->expected)
        parts << (*label->expected == cp::ExpectedOutcome::Favourable ? m_favourable
                                                                      : m_unfavourable);
    if (!label->note.empty())
        parts << QStringLiteral("“%1”").arg(qs(label->note));
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
}

int ReviewHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int ReviewHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_changes.size()))
        return {};
    const cp::ReviewChange &c = m_changes[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case WhenColumn: return whenText(c.at);
        case WhoColumn:
            return c.adjudication ? tr("%1 (adjudicator)").arg(qs(c.reviewer)) : qs(c.reviewer);
        case ChangeColumn:
            return tr("%1 → %2").arg(labelText(c.before),
                                     c.after ? labelText(c.after) : tr("removed"));
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1 at %2 (UTC)").arg(qs(c.reviewer), qs(c.at));
        if (!c.source.empty())
            tip += tr("\nfrom %1").arg(qs(c.source));
        return tip;
    }
    return {};
}

QVariant ReviewHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn: return tr("When");
    case WhoColumn: return tr("Who");
    case ChangeColumn: return tr("Old → new");
    default: return {};
    }
}

} // namespace cp::ui
