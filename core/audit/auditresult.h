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

/// What made a family a flip: its variants' outcomes differ ("outcome"), or some variants
/// were refused and others answered ("refusal").
enum class FlipKind { Outcome, Refusal };
std::string flipKindKey(FlipKind k);

/// A family whose variants' outcomes are not all equal.
struct Flip {
    std::string family;
    std::int64_t firstRow = 0;
    std::vector<std::pair<std::string, std::string>> outcomes; ///< variant label → outcome
    std::string stage;                  ///< first stage whose value diverges
    std::optional<double> scoreRange;   ///< max − min score across variants
    FlipKind kind = FlipKind::Outcome;
    bool noisy = false;                 ///< a variant's repeats disagree (repeated sampling)

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

/// Families an audit's score- and label-based metrics leave out, and why (a variant refused, a
/// variant has no answer). Every output names them where the reader looks first.
struct LeftOut {
    std::int64_t families = 0;
    std::string reason;

    bool operator==(const LeftOut &) const = default;
};

// ---- LLM outputs (core/audit/llmaudit.h) -------------------------------------------------

/// One group's refusals: refused variants of the group's variants, with Wilson.
struct GroupRefusals {
    std::string group;
    Proportion refused;
    /// Report-only below the contract's min_refusal_support variants.
    CellStatus status = CellStatus::Eligible;

    bool operator==(const GroupRefusals &) const = default;
};

/// Matched variants of groups a and b (differing only in this attribute): a refused and b
/// answered (aOnly), the reverse (bOnly), exact McNemar.
struct RefusalPairTest {
    std::string a, b;
    std::int64_t pairs = 0, aOnly = 0, bOnly = 0;
    double mcnemarP = 1;

    bool operator==(const RefusalPairTest &) const = default;
};

struct AttributeRefusals {
    std::string attribute;
    std::vector<GroupRefusals> groups;
    std::optional<double> gap;                  ///< highest − lowest refusal rate
    std::optional<stats::Interval> gapCi;       ///< Newcombe
    std::string maxGroup, minGroup;             ///< most and least refused
    std::optional<double> answerRatio;          ///< lowest answer rate / highest
    std::vector<RefusalPairTest> pairs;

    bool operator==(const AttributeRefusals &) const = default;
};

struct RefusalCell {
    std::vector<std::string> key;
    Proportion refused;
    CellStatus status = CellStatus::ReportOnly;

    bool operator==(const RefusalCell &) const = default;
};

struct RefusalIntersection {
    std::vector<std::string> dimensions;
    std::vector<RefusalCell> cells;             ///< row-major in dimension order

    bool operator==(const RefusalIntersection &) const = default;
};

/// A refusal is an outcome: rates per group and cell, gaps, discordant pairs, mixed families.
struct RefusalEvidence {
    std::string column;
    Proportion overall;                         ///< refused variants of all variants
    std::int64_t families = 0;                  ///< families with two or more variants
    std::int64_t familiesWithRefusal = 0;       ///< a variant refused
    std::int64_t familiesAllRefused = 0;
    std::int64_t refusalFlips = 0;              ///< some variants refused, others answered
    std::vector<AttributeRefusals> attributes;
    std::vector<RefusalIntersection> intersections;

    bool operator==(const RefusalEvidence &) const = default;
};

/// One group under repeated sampling: variants whose repeats disagree (self-disagreement),
/// majority ties, and the mean share of favourable repeats p_v = k_v / r.
struct GroupRepeats {
    std::string group;
    Proportion noisy;
    std::int64_t ties = 0;
    stats::MeanEstimate favourableShare;

    bool operator==(const GroupRepeats &) const = default;
};

/// Over matched families: the paired difference p_a − p_b of favourable shares.
struct RepeatPairTest {
    std::string a, b;
    stats::MeanEstimate shareDifference;

    bool operator==(const RepeatPairTest &) const = default;
};

struct AttributeRepeats {
    std::string attribute;
    std::vector<GroupRepeats> groups;
    std::vector<RepeatPairTest> pairs;

    bool operator==(const AttributeRepeats &) const = default;
};

/// Repeated sampling separates noise from the counterfactual effect: a variant's outcome is
/// its majority; a family flips only when its variants' majorities differ.
struct RepeatEvidence {
    int repeats = 1;
    std::int64_t variants = 0;
    std::int64_t noisyVariants = 0;
    std::int64_t ties = 0;                      ///< variants whose majority is a tie
    std::int64_t families = 0;
    std::int64_t noisyFamilies = 0;             ///< a variant's repeats disagree
    std::int64_t flips = 0;                     ///< outcome flips among the answered families
    std::int64_t flipsInNoisyFamilies = 0;
    std::vector<AttributeRepeats> attributes;

    bool operator==(const RepeatEvidence &) const = default;
};

/// Log-probability bias of one group pair over matched families: Δ_f = ln P(t | x_f^a) −
/// ln P(t | x_f^b).
struct LpbsPair {
    std::string attribute, a, b;
    stats::MeanEstimate delta;                  ///< LPBS(a, b) = mean Δ
    stats::MeanEstimate probabilityShift;       ///< mean |P_a − P_b|
    stats::MeanEstimate probabilityDifference;  ///< mean (P_a − P_b)
    /// Kurita et al.: mean a(a) − a(b), a(g) = ln P(t | x^g) − ln P(t | x^neutral); set when
    /// the spec names a neutral variant or a prior column.
    std::optional<stats::MeanEstimate> priorNormalised;
    std::string favoured;                       ///< the group with the higher mean log p
    /// Δ's distribution: HistogramBins bins of width HistogramWidth from HistogramLow, the
    /// first and last also holding what lies beyond.
    std::vector<std::int64_t> histogram;
    std::optional<double> checkValue;           ///< on the spec's scale: shift, or |mean Δ|

    static constexpr int HistogramBins = 16;
    static constexpr double HistogramLow = -2.0;
    static constexpr double HistogramWidth = 0.25;

    bool operator==(const LpbsPair &) const = default;
};

/// Ahn & Oh (2021): per family the population variance across groups of ln P(t | x^g),
/// averaged over families (with the t interval of that mean).
struct CategoricalBias {
    std::string attribute;
    std::int64_t groups = 0;
    stats::MeanEstimate variance;

    bool operator==(const CategoricalBias &) const = default;
};

/// For label outputs: the total-variation distance between two groups' label distributions.
struct LabelDistance {
    std::string attribute, a, b;
    std::optional<double> tvd;

    bool operator==(const LabelDistance &) const = default;
};

/// Kurita et al.'s association of a group with the target token against the neutral variant:
/// a(g) = ln P(t | x^g) − ln P(t | x^neutral), averaged over the families that have both.
struct GroupAssociation {
    std::string attribute, group, neutral;
    stats::MeanEstimate association;

    bool operator==(const GroupAssociation &) const = default;
};

struct LogprobEvidence {
    std::string column;
    LpbsScale scale = LpbsScale::Probability;
    std::int64_t variantsWithLogprob = 0;
    std::int64_t variantsWithout = 0;           ///< answered variants the scorer gave no logprob
    std::vector<LpbsPair> pairs;
    std::vector<CategoricalBias> categorical;
    std::vector<GroupAssociation> associations; ///< when the spec names a neutral variant

    bool operator==(const LogprobEvidence &) const = default;
};

/// Counterfactual replies of one group pair, compared after masking the swapped words.
struct ReplyPairSimilarity {
    std::string attribute, a, b;
    stats::MeanEstimate rougeL;                 ///< ROUGE-L F1
    stats::MeanEstimate bleu;                   ///< symmetric sentence BLEU (lower direction)
    Proportion exactMatch;
    stats::MeanEstimate lengthDifference;       ///< words of b − words of a
    /// The least similar pairs first (family, ROUGE-L), at most LeastSimilarKept.
    std::vector<std::pair<std::string, double>> leastSimilar;

    static constexpr std::size_t LeastSimilarKept = 10;

    bool operator==(const ReplyPairSimilarity &) const = default;
};

struct ReplyEvidence {
    std::string column;
    std::int64_t variantsWithReply = 0;
    std::vector<std::string> maskedWords;       ///< the swapped words, masked before comparing
    std::vector<ReplyPairSimilarity> pairs;

    bool operator==(const ReplyEvidence &) const = default;
};

/// Counterfactual replies of one group pair compared by their embeddings: the cosine
/// similarity of the two variants' vectors, per family.
struct EmbeddingPairSimilarity {
    std::string attribute, a, b;
    stats::MeanEstimate cosine;
    std::int64_t undefined = 0;                 ///< pairs with a zero vector: no cosine
    /// The least similar pairs first (family, cosine), at most LeastSimilarKept.
    std::vector<std::pair<std::string, double>> leastSimilar;

    static constexpr std::size_t LeastSimilarKept = 10;

    bool operator==(const EmbeddingPairSimilarity &) const = default;
};

struct EmbeddingEvidence {
    std::string column;
    std::string source;                         ///< where the vectors came from, for the reader
    std::int64_t variantsWithEmbedding = 0;     ///< answered variants with a vector
    std::int64_t dimension = 0;
    std::vector<EmbeddingPairSimilarity> pairs;

    bool operator==(const EmbeddingEvidence &) const = default;
};

/// Two groups' score distributions, for a scorer of the replies (sentiment, toxicity, a rubric
/// judge): strict parity is the Wasserstein-1 distance between the groups' scores, weak parity
/// the difference of P(score > τ) (Newcombe's interval).
struct ScoreParityPair {
    std::string attribute, a, b;
    std::int64_t na = 0, nb = 0;                ///< scored variants of each group
    std::optional<double> wasserstein1;         ///< undefined when a group has no score
    Proportion aAbove, bAbove;                  ///< scores above τ of the scored variants
    std::optional<double> weakGap;              ///< P_a(score > τ) − P_b(score > τ)
    std::optional<stats::Interval> weakGapCi;

    bool operator==(const ScoreParityPair &) const = default;
};

struct ScoreParityEvidence {
    std::string column;                         ///< the score column
    std::optional<double> threshold;            ///< τ; without it there is no weak parity
    std::vector<ScoreParityPair> pairs;

    bool operator==(const ScoreParityEvidence &) const = default;
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
    /// Families in the input (with those left out); familiesLeftOut says which and why.
    std::optional<std::int64_t> familiesInput;
    std::vector<LeftOut> familiesLeftOut;
    std::optional<RefusalEvidence> refusals;
    std::optional<RepeatEvidence> repeats;
    std::optional<LogprobEvidence> lpbs;        ///< with categorical bias
    std::vector<LabelDistance> labelDistances;
    std::optional<ReplyEvidence> replySimilarity;
    std::optional<ScoreParityEvidence> scoreParity;
    std::optional<EmbeddingEvidence> embeddingSimilarity;

    /// Families left out of the score- and label-based metrics, for every reason.
    std::int64_t familiesLeftOutTotal() const;
    /// What every output says first about the families: "185 of 300 families audited; 115 left
    /// out: a variant refused (…)", or "300 families audited, none left out". Empty without a
    /// family column.
    std::string familiesSentence() const;

    /// Look-ups by name; nullptr when there is no such attribute, group or check.
    const SliceRates *findSlice(std::string_view attribute, std::string_view group) const;
    const Gap *findGap(std::string_view attribute, Metric metric) const;
    const Check *findCheck(std::string_view name, std::string_view attribute) const;
    const ReferenceGap *findReferenceGap(std::string_view attribute, std::string_view group) const;

    bool operator==(const AuditResult &) const = default;
};

} // namespace cp
