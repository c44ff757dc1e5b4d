// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Which metric is shown where, decided once for every view and export: the metrics that mean
// something over an intersection's population, the metric a grid opens on, and the audit's
// primary metric (what the slides and the first chart show).

#include <core/audit/auditspec.h>

#include <vector>

namespace cp {

/// The metrics an intersection over this population can show: over positive rows only TPR
/// (every row has y_true = 1), over negative rows only FPR, over all rows the selection rate,
/// TPR, FPR and precision. The first is the one a grid shows by default.
std::vector<Metric> metricsForPopulation(Population population);
/// metricsForPopulation(population).front().
Metric defaultMetric(Population population);
/// The contract's primary metric, else its first guardrail's, else TPR when the spec names an
/// expected outcome, else the selection rate.
Metric primaryMetric(const AuditSpec &spec);

} // namespace cp
