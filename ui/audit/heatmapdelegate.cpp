// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "heatmapdelegate.h"

#include <QTableView>

#include <QScrollBar>

#include <QHeaderView>

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>
#include <array>
#include <cmath>

namespace cp::ui {

namespace {

// viridis(10) from R's viridisLite: perceptually uniform, monotone in lightness.
constexpr std::array<QRgb, 10> Viridis = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e,
                                          0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725};

const QColor HatchBackground(0xee, 0xee, 0xee);
const QColor HatchLines(0xb4, 0xb4, 0xb4);
const QColor MutedText(0x44, 0x44, 0x44);
const QColor UndefinedBackground(0xfa, 0xfa, 0xfa);

constexpr int Padding = 6;

double linear(double channel)
{
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

} // namespace

HeatmapDelegate::HeatmapDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QColor HeatmapDelegate::scaleColour(double fraction)
{
    const double t = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0)
                     * double(Viridis.size() - 1);
    const auto i = std::min(std::size_t(t), Viridis.size() - 2);
    const double f = t - double(i);
    const QColor a(Viridis[i]);
    const QColor b(Viridis[i + 1]);
    auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor HeatmapDelegate::textColour(const QColor &background)
{
    const double l = 0.2126 * linear(background.red()) + 0.7152 * linear(background.green())
                     + 0.0722 * linear(background.blue());
    // Contrast against black is (l + 0.05) / 0.05, against white 1.05 / (l + 0.05); they meet
    // at l ≈ 0.179.
    return l > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

void HeatmapDelegate::paintHatch(QPainter *painter, const QRect &rect)
{
    painter->fillRect(rect, HatchBackground);
    painter->fillRect(rect, QBrush(HatchLines, Qt::BDiagPattern));
}

std::optional<QColor> HeatmapDelegate::cellColour(const QModelIndex &index)
{
    if (index.data(ReportOnlyRole).toBool())
        return std::nullopt;
    const QVariant value = index.data(ValueRole);
    if (!value.isValid())
        return std::nullopt;
    return scaleColour(value.toDouble());
}

void HeatmapDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);
    const bool reportOnly = index.data(ReportOnlyRole).toBool();
    const std::optional<QColor> colour = cellColour(index);
    QColor text = MutedText;
    if (reportOnly) {
        paintHatch(painter, cell);
    } else if (colour) {
        painter->fillRect(cell, *colour);
        text = textColour(*colour);
    } else {
        painter->fillRect(cell, UndefinedBackground);
    }

    // The text sits on a plate over the hatch, so the hatch never cuts through the letters.
    const QStringList lines = index.data(Qt::DisplayRole).toString().split(QLatin1Char('\n'));
    QFont bold = option.font;
    bold.setBold(true);
    QFont italic = option.font;
    italic.setItalic(reportOnly);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics plainMetrics(italic);
    const int lineHeight = std::max(boldMetrics.height(), plainMetrics.height());
    const int textHeight = lineHeight * int(lines.size());
    int textWidth = 0;
    for (int i = 0; i < lines.size(); ++i)
        textWidth = std::max(textWidth, (i == 0 ? boldMetrics : plainMetrics)
                                            .horizontalAdvance(lines[i]));
    QRect block(0, 0, std::min(textWidth + 2 * Padding, cell.width()),
                std::min(textHeight + 4, cell.height()));
    block.moveCenter(cell.center());
    if (reportOnly || !colour)
        painter->fillRect(block, QColor(255, 255, 255, reportOnly ? 220 : 0));

    painter->setPen(text);
    int y = cell.center().y() - textHeight / 2;
    for (int i = 0; i < lines.size(); ++i) {
        const QFont &font = i == 0 ? bold : italic;
        painter->setFont(font);
        const QRect lineRect(cell.left() + 2, y, cell.width() - 4, lineHeight);
        const QString elided = QFontMetrics(font).elidedText(lines[i], Qt::ElideRight,
                                                             lineRect.width());
        painter->drawText(lineRect, Qt::AlignCenter, elided);
        y += lineHeight;
    }

    // Selection and focus are an outline, so the cell's colour keeps its meaning.
    const bool selected = option.state & QStyle::State_Selected;
    const bool focused = option.state & QStyle::State_HasFocus;
    if (selected || focused) {
        QPen pen(option.palette.color(QPalette::Highlight), selected ? 3 : 2);
        pen.setJoinStyle(Qt::MiterJoin);
        if (!selected)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(cell.adjusted(1, 1, -2, -2));
    }
    painter->restore();
}

QSize HeatmapDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QStringList lines = index.data(Qt::DisplayRole).toString().split(QLatin1Char('\n'));
    QFont bold = option.font;
    bold.setBold(true);
    QFont italic = option.font;
    italic.setItalic(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics plainMetrics(italic);
    int width = 0;
    for (int i = 0; i < lines.size(); ++i)
        width = std::max(width, (i == 0 ? boldMetrics : plainMetrics).horizontalAdvance(lines[i]));
    const int lineHeight = std::max(boldMetrics.height(), plainMetrics.height());
    return {width + 4 * Padding, lineHeight * int(lines.size()) + 2 * Padding};
}

QPixmap HeatmapDelegate::scalePixmap(const QSize &size)
{
    QPixmap pixmap(size);
    QPainter painter(&pixmap);
    for (int x = 0; x < size.width(); ++x)
        painter.fillRect(x, 0, 1, size.height(),
                         scaleColour(size.width() > 1 ? double(x) / (size.width() - 1) : 0));
    painter.setPen(QColor(0x80, 0x80, 0x80));
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1);
    return pixmap;
}

QPixmap HeatmapDelegate::hatchPixmap(const QSize &size)
{
    QPixmap pixmap(size);
    QPainter painter(&pixmap);
    paintHatch(&painter, pixmap.rect());
    painter.setPen(QColor(0x80, 0x80, 0x80));
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1);
    return pixmap;
}

void HeatmapDelegate::fitGrid(QTableView *table)
{
    const QAbstractItemModel *model = table->model();
    if (!model || model->rowCount() == 0 || model->columnCount() == 0)
        return;
    const QAbstractItemView *grid = table; // QTableView hides the size hints as protected
    QHeaderView *header = table->horizontalHeader();
    int widest = 0;
    for (int c = 0; c < model->columnCount(); ++c)
        widest = std::max({widest, grid->sizeHintForColumn(c), header->sectionSizeHint(c)});
    header->setMinimumSectionSize(widest);
    header->setSectionResizeMode(QHeaderView::Stretch);
    int tallest = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        tallest = std::max(tallest, grid->sizeHintForRow(r));
    for (int r = 0; r < model->rowCount(); ++r)
        table->setRowHeight(r, tallest + 8);
    fitGridHeight(table);
}

void HeatmapDelegate::fitGridHeight(QTableView *table)
{
    const QScrollBar *bar = table->horizontalScrollBar();
    table->setMaximumHeight(table->horizontalHeader()->sizeHint().height()
                            + table->verticalHeader()->length() + 2 * table->frameWidth()
                            + (bar->maximum() > 0 ? bar->sizeHint().height() : 0));
}

} // namespace cp::ui
