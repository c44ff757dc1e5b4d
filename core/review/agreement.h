// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Agreement between reviewers on a nominal question. Categories are small non-negative codes;
// a negative code means "this reviewer gave no answer for this item".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

struct AgreementValue {
    std::optional<double> value;   ///< unset when undefined (detail says why)
    std::int64_t items = 0;        ///< items behind the figure (labelled by both / pairable)
    std::string detail;
};

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
