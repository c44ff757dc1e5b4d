// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace cp {

/// The contract's privacy floor k (Contract::privacyK), applied to everything a report exports
/// (HTML, PDF, CSV, JUnit):
/// - every count below k is written "<k" (zero included: a count is hidden whatever it is);
/// - a proportion k/n is withheld when n, k or n − k is below k (any of them, with the other
///   shown, would give the hidden count back);
/// - a difference, ratio, test or mean computed from a withheld proportion or a hidden count is
///   withheld too.
/// Without k (the default) nothing is hidden.
class PrivacyFloor
{
public:
    PrivacyFloor() = default;
    explicit PrivacyFloor(std::optional<std::int64_t> k) : m_k(k && *k > 0 ? k : std::nullopt) {}

    bool active() const { return m_k.has_value(); }
    std::optional<std::int64_t> k() const { return m_k; }

    /// Whether a count is below the floor.
    bool hides(std::int64_t count) const { return m_k && count < *m_k; }
    /// Whether a proportion is withheld (its n, k or n − k is below the floor).
    bool hides(const Proportion &p) const { return hides(p.n) || hides(p.k) || hides(p.n - p.k); }
    /// Whether a mean over n matched families or variants is withheld (n is below the floor).
    bool hides(const stats::MeanEstimate &m) const { return hides(m.n); }

    /// "<k" for a hidden count, else the count in digits ("1234"), or digits grouped by thin
    /// spaces for reading ("1 234 567") when grouped is set.
    std::string count(std::int64_t n, bool grouped = false) const;
    /// "<k", the marker a hidden count is replaced with.
    std::string marker() const;
    /// Free text (an engine's check detail, a warning) with every whole integer below k
    /// replaced by "<k"; decimals, percentages and numbers inside words are left alone.
    std::string mask(std::string_view text) const;

private:
    std::optional<std::int64_t> m_k;
};

/// Digits grouped by a thin space (U+2009), "1 000 000".
std::string groupedDigits(std::int64_t n);

/// Whether a gap of an attribute (max − min, its ratio and interval) is withheld: the rate of
/// its max or min group is.
bool gapWithheld(const PrivacyFloor &floor, const AuditResult &result,
                 std::string_view attribute, const Gap &gap);
/// Whether a reference gap's figure is withheld; `metrics` are the rates it is computed from.
bool referenceGapWithheld(const PrivacyFloor &floor, const AuditResult &result,
                          std::string_view attribute, std::string_view reference,
                          std::string_view group, std::initializer_list<Metric> metrics);
/// Whether an attribute's refusal gap (with its interval and answer-rate ratio) is withheld: the
/// refusal rate of its most or least refused group is.
bool refusalGapWithheld(const PrivacyFloor &floor, const AttributeRefusals &refusals);
/// Whether a check's value is withheld (a gap or ratio check whose gap is, a flip-rate check
/// whose proportion is). Support checks hold a count: show it with PrivacyFloor::count().
bool checkValueWithheld(const PrivacyFloor &floor, const AuditResult &result, const Check &check);
/// Whether a check's value is a count (min_positives, min_negatives).
bool checkValueIsCount(const Check &check);

} // namespace cp
