// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>
#include <core/audit/stats.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// k of n with its Wilson 95 % interval. n = 0 means undefined: value() is nullopt.
struct Proportion {
    std::int64_t k = 0;
    std::int64_t n = 0;

    bool defined() const { return n > 0; }
    std::optional<double> value() const
    {
        return n > 0 ? std::optional<double>(double(k) / double(n)) : std::nullopt;
    }
    std::optional<stats::Interval> ci() const
    {
        return n > 0 ? std::optional(stats::wilson(k, n)) : std::nullopt;
    }

    bool operator==(const Proportion &) const = default;
};

/// Whether a slice or an intersection cell has the contract's minimum support: eligible cells
/// are release evidence, report-only ones are shown and never counted. Decided once, by the
/// audit engine; every view and export reads it.
enum class CellStatus { Eligible, ReportOnly };

/// The rates of one group of one attribute (a slice).
struct SliceRates {
    std::string group;
    std::int64_t n = 0;          ///< rows in the slice
    std::int64_t positives = 0;  ///< y_true positive
    std::int64_t negatives = 0;  ///< y_true negative
    std::int64_t favourable = 0; ///< predicted favourable
    std::array<Proportion, MetricCount> rates; ///< indexed by Metric
    std::optional<double> meanScore;
    /// Report-only when the slice has fewer positives or negatives than the contract's
    /// minimum (AttributeSlices::minPositives / minNegatives); which count is short below.
    CellStatus status = CellStatus::Eligible;
    bool positivesShort = false;
    bool negativesShort = false;

    const Proportion &rate(Metric m) const { return rates[std::size_t(m)]; }
    bool reportOnly() const { return status == CellStatus::ReportOnly; }
    /// Whether the support a metric counts is short: positives for TPR and FNR, negatives for
    /// FPR, either for the metrics over every row.
    bool supportShortFor(Metric m) const;

    bool operator==(const SliceRates &) const = default;
};

struct AttributeSlices {
    std::string attribute;
    std::optional<std::string> reference;
    std::vector<SliceRates> groups;
    std::int64_t minPositives = 0;  ///< the contract's minimum per slice (0: none)
    std::int64_t minNegatives = 0;

    bool operator==(const AttributeSlices &) const = default;
};

/// The spread of one metric across the groups of one attribute (Fairlearn's between_groups).
struct Gap {
    Metric metric = Metric::Tpr;
    std::optional<double> difference;       ///< max − min over groups where the rate is defined
    std::optional<double> ratio;            ///< min / max; undefined when max = 0
    std::optional<stats::Interval> ci;      ///< Newcombe interval of (max group − min group)
    std::string maxGroup;
    std::string minGroup;
    int groupsCompared = 0;

    bool operator==(const Gap &) const = default;
};

struct AttributeGaps {
    std::string attribute;
    std::vector<Gap> gaps; ///< one per Metric, in Metric order

    bool operator==(const AttributeGaps &) const = default;
};

/// AIF360 differences of one group against the reference group; undefined where a rate is.
struct ReferenceGap {
    std::string group;
    std::optional<double> spd, di, eod, aod, fnrDifference;

    bool operator==(const ReferenceGap &) const = default;
};

struct AttributeReferenceGaps {
    std::string attribute;
    std::string reference;
    std::vector<ReferenceGap> groups;

    bool operator==(const AttributeReferenceGaps &) const = default;
};

/// A family whose variants' outcomes are not all equal.
struct Flip {
    std::string family;
    std::int64_t firstRow = 0;
    std::vector<std::pair<std::string, std::string>> outcomes; ///< variant label → outcome
    std::string stage;                  ///< first stage whose value diverges
    std::optional<double> scoreRange;   ///< max − min score across variants

    bool operator==(const Flip &) const = default;
};

/// Paired comparison of two groups of one attribute over matched variants.
struct PairTest {
    std::string attribute;
    std::string a;
    std::string b;
    std::int64_t pairs = 0;     ///< matched (a, b) variant pairs
    std::int64_t aOnly = 0;     ///< a favourable, b not
    std::int64_t bOnly = 0;     ///< b favourable, a not
    double mcnemarP = 1;
    std::optional<double> meanShift;    ///< mean(score_b − score_a)
    std::optional<double> meanAbsDelta; ///< mean |score_b − score_a|
    Proportion discordant;              ///< (aOnly + bOnly) / pairs

    bool operator==(const PairTest &) const = default;
};

struct IntersectionCell {
    std::vector<std::string> key; ///< one group per dimension, in the dimensions' order
    std::int64_t n = 0;
    std::int64_t positives = 0;
    std::int64_t negatives = 0;
    /// Every metric over the cell's population, indexed by Metric as SliceRates::rates: a
    /// grid of any metric reads its own value, never another's.
    std::array<Proportion, MetricCount> rates;
    CellStatus status = CellStatus::ReportOnly;

    const Proportion &rate(Metric m) const { return rates[std::size_t(m)]; }
    Proportion &rate(Metric m) { return rates[std::size_t(m)]; }
    bool reportOnly() const { return status == CellStatus::ReportOnly; }

    bool operator==(const IntersectionCell &) const = default;
};

struct Intersection {
    std::vector<std::string> dimensions;
    Population population = Population::All;
    std::int64_t minSupport = 0;
    std::vector<IntersectionCell> cells; ///< every combination, row-major in dimension order

    bool operator==(const Intersection &) const = default;
};

struct CalibrationCell {
    std::string attribute;
    std::string group;
    std::string band;
    std::int64_t n = 0;
    Proportion observed;              ///< y_true positive among the band's rows
    std::optional<double> meanScore;
    bool eligible = false;            ///< n ≥ the contract's minimum calibration support

    bool operator==(const CalibrationCell &) const = default;
};

enum class CheckStatus { Passed, Failed, Insufficient };
std::string checkStatusKey(CheckStatus s);

struct Check {
    std::string name;       ///< e.g. "tpr_gap", "min_positives", "flip_rate"
    std::string attribute;  ///< empty for checks over all rows
    std::optional<double> value;
    double limit = 0;
    bool upperLimit = true; ///< value must be ≤ limit (else ≥)
    CheckStatus status = CheckStatus::Insufficient;
    std::string detail;     ///< why, in one sentence

    bool operator==(const Check &) const = default;
};

enum class Decision { Approved, Blocked };

/// A warning the audit could go on past; it names the row's source line when one applies.
struct AuditWarning {
    std::int64_t line = 0;
    std::string field;
    std::string message;

    bool operator==(const AuditWarning &) const = default;
};

/// What reviewers' labels contributed to an audit (core/review): the consensus rule, the
/// verdict counts, the families excluded as not equivalent, and agreement per question.
struct ReviewAgreementFigure {
    std::string question;     ///< "equivalence" or "expected outcome"
    std::string statistic;    ///< "krippendorff_alpha" or "cohen_kappa"
    std::string reviewers;    ///< "all", or "a / b" for a pair
    std::optional<double> value;
    std::int64_t items = 0;
    std::string detail;       ///< why it is undefined, when it is

    bool operator==(const ReviewAgreementFigure &) const = default;
};

struct ReviewEvidence {
    std::string subject;                  ///< the reviewed rows: "probe set 'x' v3"
    std::string consensus;                ///< "majority" or "unanimous"
    std::vector<std::string> reviewers;
    std::vector<std::string> adjudicators;
    std::int64_t reviewedFamilies = 0;    ///< families in the audit with any label
    std::int64_t equivalent = 0;
    std::int64_t excludedNotEquivalent = 0;
    std::int64_t excludedRows = 0;
    std::int64_t unsure = 0;
    std::int64_t awaitingAdjudication = 0;
    std::int64_t adjudicated = 0;
    std::int64_t truthFromReviews = 0;    ///< families whose y_true is the reviewers' consensus
    std::vector<ReviewAgreementFigure> agreement;

    bool operator==(const ReviewEvidence &) const = default;
};

struct AuditResult {
    std::int64_t rows = 0;
    std::optional<std::int64_t> families;
    std::vector<Flip> flips;
    std::vector<PairTest> pairTests;
    std::optional<Proportion> flipRate;
    std::vector<AttributeSlices> slices;
    std::vector<AttributeGaps> gaps;
    std::vector<AttributeReferenceGaps> referenceGaps;
    std::optional<double> balancedAccuracy;
    Proportion overallTpr;
    Proportion overallTnr;
    std::optional<double> theilIndex;
    std::vector<Intersection> intersections;
    std::vector<CalibrationCell> calibration;
    std::vector<Check> checks;
    std::vector<std::string> missing;
    std::optional<Decision> decision;
    std::vector<AuditWarning> warnings;
    std::int64_t warningsOmitted = 0;
    std::optional<ReviewEvidence> reviews; ///< set when reviews of the rows exist or are required
    std::string source;
    std::string tableSha256;
    std::string contractVersion;
    std::string specName;
    std::string favourableLabel;

    /// Look-ups by name; nullptr when there is no such attribute, group or check.
    const SliceRates *findSlice(std::string_view attribute, std::string_view group) const;
    const Gap *findGap(std::string_view attribute, Metric metric) const;
    const Check *findCheck(std::string_view name, std::string_view attribute) const;
    const ReferenceGap *findReferenceGap(std::string_view attribute, std::string_view group) const;

    bool operator==(const AuditResult &) const = default;
};

} // namespace cp
