// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "flooredgridmodel.h"

#include <ui/audit/heatmapdelegate.h>

#include <cmath>

namespace cp::ui {

FlooredGridModel::FlooredGridModel(const cp::PrivacyFloor &floor, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_floor(floor)
{}

bool FlooredGridModel::withheld(const QModelIndex &index) const
{
    const QVariant value = QIdentityProxyModel::data(index, HeatmapDelegate::ValueRole);
    const qlonglong n = QIdentityProxyModel::data(index, HeatmapDelegate::SupportRole).toLongLong();
    if (!value.isValid())
        return false;  // undefined (n = 0) says so already
    const auto k = std::int64_t(std::llround(value.toDouble() * double(n)));
    return m_floor.hides(cp::Proportion{k, n});
}

QVariant FlooredGridModel::data(const QModelIndex &index, int role) const
{
    const QVariant source = QIdentityProxyModel::data(index, role);
    if (!m_floor.active() || !index.isValid())
        return source;
    const bool hidden = withheld(index);
    const QString marker = QString::fromStdString(m_floor.marker());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QString sep = role == Qt::DisplayRole ? QStringLiteral("\n") : QStringLiteral(", ");
        QStringList lines = source.toString().split(sep);
        if (hidden && lines.size() >= 2) {
            // The value and its interval give the hidden count back: both go.
            lines.removeFirst();
            lines.first() = QStringLiteral("withheld (%1)").arg(marker);
        }
        for (QString &line : lines)
            line = QString::fromStdString(m_floor.mask(line.toStdString()));
        return lines.join(sep);
    }
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        if (hidden)
            return QStringLiteral("Withheld: below the privacy floor (counts under %1 are not "
                                  "shown)").arg(marker);
        return QString::fromStdString(m_floor.mask(source.toString().toStdString()));
    case HeatmapDelegate::ValueRole:
    case HeatmapDelegate::CiLowRole:
    case HeatmapDelegate::CiHighRole:
        return hidden ? QVariant() : source;
    default:
        return source;
    }
}

} // namespace cp::ui
