// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <QString>

#include <cstdint>
#include <optional>
#include <string>

/// Text forms of audit numbers shared by the models and panels, so that every view writes a
/// proportion the same way: "60.0 % [31.3–83.2]", with its support in the tooltip.
namespace cp::ui::format {

inline QString qs(const std::string &s) { return QString::fromStdString(s); }

/// "60.0 %"; negative values use a true minus sign ("−17.2 %").
QString percent(double fraction, int decimals = 1);
/// "60.0 %" or "undefined".
QString percent(const std::optional<double> &fraction, int decimals = 1);
/// "[−17.2 %, 67.4 %]" (a signed difference's interval).
QString differenceInterval(const cp::stats::Interval &ci);
/// "60.0 % [31.3–83.2]" or "undefined (n = 0)"; never 0 for an undefined rate.
QString rate(const cp::Proportion &p);
/// "6 of 10 rows predicted favourable\nWilson 95 % interval: 31.3 % – 83.2 %".
QString rateToolTip(const cp::Proportion &p, const QString &what);
/// "2,000,000": a count with the locale's digit grouping.
QString integer(std::int64_t n);
/// A p-value: "0.25", "0.0312", or "< 0.0001" (a tiny p is not shown as 0).
QString pValue(double p);
/// A plain number: integers without decimals, others with up to 4 significant digits.
QString number(double v);
/// "selection rate", "TPR", "FPR", …
QString metricName(cp::Metric m);

} // namespace cp::ui::format
