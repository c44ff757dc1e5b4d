// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPixmap>
#include <QStyledItemDelegate>

#include <optional>

class QTableView;

namespace cp::ui {

/// Paints the cells of a rate grid (intersections, calibration) as a heatmap: a colour-blind-safe
/// sequential scale (viridis, 0 % → 100 %) behind black or white text chosen by luminance.
/// Cells that must not be used for a decision are drawn hatched over light grey with grey text,
/// so they stand out without relying on colour; the text itself always says why.
///
/// The delegate reads the model through the roles below, which every heatmap model provides.
/// Display text may have several lines; the first (the value) is drawn bold.
class HeatmapDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Roles {
        SupportRole = Qt::UserRole, ///< the denominator n of the rate shown
        ValueRole,                  ///< the rate as a double in [0, 1]; invalid when undefined
        CiLowRole,                  ///< Wilson 95 % lower bound
        CiHighRole,                 ///< Wilson 95 % upper bound
        ReportOnlyRole,             ///< true: shown, never used for a decision (hatched)
        FirstCustomRole             ///< models number their own roles from here
    };

    explicit HeatmapDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The scale's colour for a rate in [0, 1] (clamped): viridis, interpolated between the ten
    /// stops of R's viridis(10), so it stays readable in grey and for common colour blindness.
    static QColor scaleColour(double fraction);
    /// Black or white, whichever reads better on the background (WCAG relative luminance).
    static QColor textColour(const QColor &background);
    /// The background of a cell that is not eligible: light grey with a grey diagonal hatch.
    static void paintHatch(QPainter *painter, const QRect &rect);
    /// The background a cell gets: the scale colour, or nothing (undefined / report-only).
    static std::optional<QColor> cellColour(const QModelIndex &index);

    /// Legend images: the scale as a horizontal bar, and a hatched swatch.
    static QPixmap scalePixmap(const QSize &size);
    static QPixmap hatchPixmap(const QSize &size);
    /// Lays a heatmap grid out: columns share the width, never narrower than the widest cell
    /// (then the grid scrolls); rows share one height; the view is as tall as its rows, so a
    /// legend below sits right under it. Call after the model changes and on resize.
    static void fitGrid(QTableView *table);
    static void fitGridHeight(QTableView *table);
};

} // namespace cp::ui
