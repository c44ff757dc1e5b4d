// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trend.h"

#include <core/audit/auditspec.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace cp {

namespace {

constexpr double Slack = 1e-12;

std::optional<double> number(const nlohmann::json &j)
{
    return j.is_number() ? std::optional<double>(j.get<double>()) : std::nullopt;
}

} // namespace

std::vector<TrendSeries> trendSeries(std::vector<TrendRun> runs, double threshold)
{
    std::stable_sort(runs.begin(), runs.end(),
                     [](const TrendRun &a, const TrendRun &b) { return a.date < b.date; });
    // Series keyed by (attribute, metric) in order of first appearance.
    std::vector<TrendSeries> series;
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    auto seriesOf = [&](const std::string &attribute, const std::string &metric) -> TrendSeries & {
        const auto [it, added] = at.try_emplace({attribute, metric}, series.size());
        if (added) {
            TrendSeries s;
            s.metric = metric;
            s.attribute = attribute;
            if (metric == "flip_rate") {
                s.label = "flip rate";
            } else {
                const auto m = metricFromKey(metric.substr(0, metric.size() - 4));
                s.label = (m ? metricLabel(*m) : metric) + " gap · " + attribute;
            }
            series.push_back(std::move(s));
        }
        return series[it->second];
    };
    // First pass: every series any run has, so that each series gets a point per run.
    for (const TrendRun &r : runs) {
        if (r.audit.contains("gaps") && r.audit["gaps"].is_object())
            for (const auto &[attribute, metrics] : r.audit["gaps"].items())
                if (metrics.is_object())
                    for (const auto &[metric, gap] : metrics.items())
                        seriesOf(attribute, metric + "_gap");
        if (r.audit.contains("flip_rate") && r.audit["flip_rate"].is_object())
            seriesOf({}, "flip_rate");
    }
    for (TrendSeries &s : series) {
        std::optional<double> previous;
        for (const TrendRun &r : runs) {
            TrendPoint p;
            p.runId = r.id;
            p.date = r.date;
            p.modelVersion = r.modelVersion;
            if (s.metric == "flip_rate") {
                if (r.audit.contains("flip_rate") && r.audit["flip_rate"].is_object())
                    p.value = number(r.audit["flip_rate"].value("value", nlohmann::json()));
            } else {
                // By key, not by JSON pointer: an attribute may hold "/" or "~".
                const std::string metric = s.metric.substr(0, s.metric.size() - 4);
                const nlohmann::json *j = &r.audit;
                for (const std::string &key : {std::string("gaps"), s.attribute, metric,
                                               std::string("difference")})
                    j = j && j->is_object() && j->contains(key) ? &(*j)[key] : nullptr;
                if (j)
                    p.value = number(*j);
            }
            if (p.value && previous) {
                p.delta = *p.value - *previous;
                if (*p.delta > threshold + Slack)
                    p.change = TrendChange::Regression;
                else if (*p.delta < -threshold - Slack)
                    p.change = TrendChange::Improvement;
            }
            if (p.value)
                previous = p.value;
            s.regressed = s.regressed || p.change == TrendChange::Regression;
            s.points.push_back(std::move(p));
        }
    }
    return series;
}

} // namespace cp
