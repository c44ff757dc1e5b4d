// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Agreement between reviewers on a nominal question. Categories are small non-negative codes;
// a negative code means "this reviewer gave no answer for this item".

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cp {

struct AgreementValue {
    std::optional<double> value;   ///< unset when undefined (detail says why)
    std::int64_t items = 0;        ///< items behind the figure (labelled by both / pairable)
    std::string detail;
};

/// Two reviewers' answers to the items both answered, counted per pair of answers (first
/// reviewer's, second's). Counts can be taken back (add with n < 0), so a table kept beside
/// labels that change follows them without a pass over every item.
struct KappaTable {
    std::map<std::pair<int, int>, std::int64_t> counts;
    void add(int a, int b, std::int64_t n = 1);
};

/// The coincidences behind Krippendorff's α, kept per unit size m (a unit of m answers adds
/// its ordered pairs of answers, each weighing 1/(m − 1)) as whole numbers, so that units can
/// be added and taken back exactly.
struct CoincidenceTable {
    std::map<std::int64_t, std::map<std::pair<int, int>, std::int64_t>> pairsBySize;
    std::map<int, std::int64_t> marginal;   ///< answers per category in pairable units
    std::int64_t total = 0;                 ///< answers in pairable units
    std::int64_t units = 0;                 ///< pairable units (two or more answers)
    /// Adds (sign +1) or takes back (sign −1) one unit's answers; negative codes are ignored.
    void addUnit(const std::vector<int> &answers, int sign = 1);
};

/// Cohen's κ from a table of two reviewers' shared items, as cohensKappa(a, b) below.
AgreementValue cohensKappaOf(const KappaTable &table);
/// Krippendorff's α from the coincidences, as krippendorffAlpha(units) below.
AgreementValue krippendorffAlphaOf(const CoincidenceTable &table);

/// Cohen's κ for two reviewers over the items both answered: κ = (p_o − p_e) / (1 − p_e), with
/// p_e from each reviewer's own category shares. Undefined with no shared item, or when both
/// used one and the same category only (p_e = 1).
AgreementValue cohensKappa(const std::vector<int> &a, const std::vector<int> &b);

/// Krippendorff's α for nominal data over units with two or more answers:
/// α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, from the coincidence matrix o. Undefined
/// without a pairable unit, or when every answer is in one category (no expected disagreement).
/// items counts the pairable units.
AgreementValue krippendorffAlpha(const std::vector<std::vector<int>> &units);

} // namespace cp
