// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/report/privacyfloor.h>

#include <QIdentityProxyModel>

namespace cp::ui {

/// A heatmap grid (IntersectionGridModel) under a report's privacy floor, for what leaves the
/// workbench (presentation slides): a cell whose rate the floor withholds reads "withheld (<k)"
/// and loses its value, so the delegate paints no colour from it; every count below k in the
/// text reads "<k". Without a floor it passes everything through.
class FlooredGridModel : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit FlooredGridModel(const cp::PrivacyFloor &floor, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    bool withheld(const QModelIndex &index) const;

    cp::PrivacyFloor m_floor;
};

} // namespace cp::ui
