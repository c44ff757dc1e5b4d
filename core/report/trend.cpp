// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trend.h"

#include <core/audit/auditspec.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace cp {

namespace {

constexpr double Slack = 1e-12;

std::optional<double> number(const nlohmann::json &j)
{
    return j.is_number() ? std::optional<double>(j.get<double>()) : std::nullopt;
}

/// Every tracked value of one audit's JSON: (attribute, metric key) → value (null: undefined).
/// Gaps per attribute and metric, the flip rate, and the LLM outputs' refusal gap, log-
/// probability bias (the worst pair's value on the spec's scale) and categorical bias.
std::vector<std::tuple<std::string, std::string, std::optional<double>>>
trackedValues(const nlohmann::json &audit)
{
    using nlohmann::json;
    std::vector<std::tuple<std::string, std::string, std::optional<double>>> out;
    auto at = [](const json &j, const char *key) -> const json * {
        return j.is_object() && j.contains(key) ? &j[key] : nullptr;
    };
    if (const json *gaps = at(audit, "gaps"); gaps && gaps->is_object())
        for (const auto &[attribute, metrics] : gaps->items())
            if (metrics.is_object())
                for (const auto &[metric, gap] : metrics.items()) {
                    const json *d = at(gap, "difference");
                    out.emplace_back(attribute, metric + "_gap", d ? number(*d) : std::nullopt);
                }
    if (const json *f = at(audit, "flip_rate"); f && f->is_object()) {
        const json *v = at(*f, "value");
        out.emplace_back(std::string(), "flip_rate", v ? number(*v) : std::nullopt);
    }
    if (const json *r = at(audit, "refusals"))
        if (const json *as = at(*r, "attributes"); as && as->is_array())
            for (const json &a : *as) {
                const json *name = at(a, "attribute");
                const json *gap = at(a, "gap");
                if (name && name->is_string())
                    out.emplace_back(name->get<std::string>(), "refusal_gap",
                                     gap ? number(*gap) : std::nullopt);
            }
    if (const json *l = at(audit, "lpbs"))
        if (const json *ps = at(*l, "pairs"); ps && ps->is_array()) {
            std::vector<std::pair<std::string, std::optional<double>>> worst;
            for (const json &p : *ps) {
                const json *name = at(p, "attribute");
                if (!name || !name->is_string())
                    continue;
                const json *v = at(p, "check_value");
                const std::optional<double> value = v ? number(*v) : std::nullopt;
                auto it = std::find_if(worst.begin(), worst.end(),
                                       [&](const auto &w) { return w.first == *name; });
                if (it == worst.end())
                    worst.emplace_back(name->get<std::string>(), value);
                else if (value && (!it->second || *value > *it->second))
                    it->second = value;
            }
            for (const auto &[attribute, value] : worst)
                out.emplace_back(attribute, "lpbs", value);
        }
    if (const json *c = at(audit, "categorical_bias"))
        if (const json *ls = at(*c, "logprob"); ls && ls->is_array())
            for (const json &b : *ls) {
                const json *name = at(b, "attribute");
                const json *v = at(b, "value");
                const json *value = v ? at(*v, "value") : nullptr;
                if (name && name->is_string())
                    out.emplace_back(name->get<std::string>(), "categorical_bias",
                                     value ? number(*value) : std::nullopt);
            }
    return out;
}

std::string seriesLabel(const std::string &attribute, const std::string &metric)
{
    if (metric == "flip_rate")
        return "flip rate";
    if (metric == "refusal_gap")
        return "refusal gap · " + attribute;
    if (metric == "lpbs")
        return "log-probability bias · " + attribute;
    if (metric == "categorical_bias")
        return "categorical bias · " + attribute;
    const auto m = metricFromKey(metric.substr(0, metric.size() - 4));
    return (m ? metricLabel(*m) : metric) + " gap · " + attribute;
}

} // namespace

std::vector<TrendSeries> trendSeries(std::vector<TrendRun> runs, double threshold)
{
    std::stable_sort(runs.begin(), runs.end(),
                     [](const TrendRun &a, const TrendRun &b) { return a.date < b.date; });
    // Series keyed by (attribute, metric) in order of first appearance.
    std::vector<TrendSeries> series;
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    std::vector<std::map<std::pair<std::string, std::string>, std::optional<double>>> values;
    for (const TrendRun &r : runs) {
        auto &v = values.emplace_back();
        for (auto &[attribute, metric, value] : trackedValues(r.audit)) {
            v[{attribute, metric}] = value;
            // Every series any run has, so that each series gets a point per run.
            if (at.try_emplace({attribute, metric}, series.size()).second) {
                TrendSeries s;
                s.metric = metric;
                s.attribute = attribute;
                s.label = seriesLabel(attribute, metric);
                series.push_back(std::move(s));
            }
        }
    }
    for (TrendSeries &s : series) {
        std::optional<double> previous;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const TrendRun &r = runs[i];
            TrendPoint p;
            p.runId = r.id;
            p.date = r.date;
            p.modelVersion = r.modelVersion;
            if (const auto it = values[i].find({s.attribute, s.metric}); it != values[i].end())
                p.value = it->second;
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
