// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditformat.h"

#include <QLocale>

#include <cmath>

namespace cp::ui::format {

namespace {

const QChar Minus(0x2212);
const QChar EnDash(0x2013);

QString signedNumber(double v, int decimals)
{
    // Avoid "−0.0" for tiny negative values that round to zero.
    QString text = QString::number(std::abs(v), 'f', decimals);
    const bool zero = text.toDouble() == 0;
    return (v < 0 && !zero) ? Minus + text : text;
}

} // namespace

QString integer(std::int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

QString pValue(double p)
{
    if (p < 1e-4)
        return QStringLiteral("< 0.0001");
    return QString::number(p, 'g', 3);
}

QString percent(double fraction, int decimals)
{
    return signedNumber(fraction * 100, decimals) + QStringLiteral(" %");
}

QString percent(const std::optional<double> &fraction, int decimals)
{
    return fraction ? percent(*fraction, decimals) : QStringLiteral("undefined");
}

QString differenceInterval(const cp::stats::Interval &ci)
{
    return QLatin1Char('[') + percent(ci.low) + QStringLiteral(", ") + percent(ci.high)
           + QLatin1Char(']');
}

QString rate(const cp::Proportion &p)
{
    if (!p.defined())
        return QStringLiteral("undefined (n = 0)");
    const auto ci = *p.ci();
    return percent(*p.value()) + QStringLiteral(" [") + signedNumber(ci.low * 100, 1) + EnDash
           + signedNumber(ci.high * 100, 1) + QLatin1Char(']');
}

QString rateToolTip(const cp::Proportion &p, const QString &what)
{
    if (!p.defined())
        return QStringLiteral("Undefined: no %1 to compute it from (n = 0)").arg(what);
    const auto ci = *p.ci();
    return QStringLiteral("%1 of %2 %3\nWilson 95 % interval: %4 %5 %6")
        .arg(p.k)
        .arg(p.n)
        .arg(what, percent(ci.low), EnDash, percent(ci.high));
}

QString number(double v)
{
    if (std::isfinite(v) && v == std::round(v) && std::abs(v) < 1e15)
        return signedNumber(v, 0);
    QString text = QString::number(std::abs(v), 'g', 4);
    return v < 0 ? Minus + text : text;
}

QString metricName(cp::Metric m)
{
    return qs(cp::metricLabel(m));
}

} // namespace cp::ui::format
