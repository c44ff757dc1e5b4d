// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/table/table.h>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cp {

/// The proportions a slice carries and a contract can limit.
enum class Metric { SelectionRate, Tpr, Fpr, Fnr, Precision, Accuracy };
constexpr int MetricCount = 6;
// Tables indexed by Metric (SliceRates::rates, IntersectionCell::rates) have MetricCount
// entries: a metric added after Accuracy without raising the count fails here.
static_assert(MetricCount == int(Metric::Accuracy) + 1, "MetricCount must count every Metric");
std::string metricKey(Metric m);                       ///< "selection_rate", "tpr", …
std::string metricLabel(Metric m);                     ///< "selection rate", "TPR", … for text
std::string metricMeaning(Metric m);                   ///< "rows predicted favourable", … what it counts
std::optional<Metric> metricFromKey(std::string_view); ///< also accepts aliases

/// A tracked metric moving by more than this between runs is flagged, unless the contract
/// sets its own regression_threshold.
inline constexpr double DefaultRegressionThreshold = 0.03;

/// A protected attribute or a stratum: a name and the column it is read from.
struct AttributeSpec {
    std::string name;
    std::string column;
    std::vector<std::string> groups;          ///< declared order; empty = as found in the table
    std::optional<std::string> reference;     ///< privileged / reference group (protected only)
};

/// An earlier pipeline stage recorded in a column (e.g. an evidence gate).
struct StageSpec {
    std::string name;
    std::string column;
    std::vector<std::string> passValues;      ///< empty: the stage's raw value is compared
    std::optional<std::string> failOutcome;   ///< if set, a failing row gets this outcome
};

struct TruthSpec {
    std::string column;
    std::vector<std::string> positive{"1", "1.0", "true", "yes", "True", "Yes", "TRUE", "YES"};
    std::vector<std::string> negative{"0", "0.0", "false", "no", "False", "No", "FALSE", "NO"};
};

/// How the final stage decides: score >= threshold, or a label column with favourable values.
struct PredictionSpec {
    std::string stage = "model";
    std::optional<std::string> scoreColumn;
    std::optional<double> threshold;
    std::optional<std::string> labelColumn;
    std::vector<std::string> favourableValues;
};

struct OutcomeLabels {
    std::string favourable = "favourable";
    std::string unfavourable = "unfavourable";
};

struct ScoreBands {
    std::vector<double> cuts;        ///< ascending; band i is [cuts[i-1], cuts[i])
    std::vector<std::string> labels; ///< cuts.size() + 1 labels
};

enum class Population { All, Positives, Negatives };
std::string populationKey(Population p);

struct IntersectionSpec {
    std::vector<std::string> dimensions;   ///< names of protected attributes or strata
    Population population = Population::All;
};

/// A limit on a metric's spread across the groups of each protected attribute.
struct GapLimit {
    Metric metric = Metric::Tpr;
    std::optional<double> maxGap;    ///< max − min must be ≤ this
    std::optional<double> minRatio;  ///< min / max must be ≥ this (e.g. the four-fifths rule)
};

struct Attestation {
    std::string name;
    bool done = false;
    std::string by;
    std::string date;
};

struct Contract {
    std::string version = "1";
    std::optional<GapLimit> primary;
    std::vector<GapLimit> guardrails;
    std::int64_t minPositives = 0;           ///< per slice
    std::int64_t minNegatives = 0;           ///< per slice
    std::int64_t minCalibrationSupport = 0;  ///< per (group, band) cell
    std::optional<std::int64_t> minCellSupport; ///< intersection cells over all rows
    std::optional<double> maxFlipRate;
    /// Reviews (core/review): at least this many families with a reviewed consensus, and
    /// Krippendorff's α (nominal) of at least this on each review question.
    std::int64_t minReviewedPairs = 0;
    std::optional<double> minAgreement;
    /// Privacy floor for exports: a count below k is written "<k" and its rates withheld.
    std::optional<std::int64_t> privacyK;
    /// Runs over time: a tracked metric moving by more than this between runs is flagged.
    double regressionThreshold = DefaultRegressionThreshold;
    std::vector<Attestation> attestations;
    /// LLM outputs (core/audit/llmaudit.h). Refusal rates: the largest gap between groups'
    /// refusal rates must be ≤ maxRefusalGap, and the lowest answer rate over the highest ≥
    /// minAnswerRatio; a group with fewer than minRefusalSupport variants makes it insufficient.
    std::optional<double> maxRefusalGap;
    std::optional<double> minAnswerRatio;
    std::int64_t minRefusalSupport = 0;
    /// Log-probability bias (on LlmSpec::lpbsScale) and categorical bias, each over at least
    /// minLlmFamilies families.
    std::optional<double> maxLpbs;
    std::optional<double> maxCategoricalBias;
    std::int64_t minLlmFamilies = 0;
};

/// Which scale a log-probability bias check reads: the probability-scale shift mean |P_a − P_b|
/// (default), or the log scale |mean Δ| (Δ = ln P_a − ln P_b).
enum class LpbsScale { Probability, Log };
std::string lpbsScaleKey(LpbsScale s);

/// The columns of an LLM's outputs (the "llm" object). A scoring run names its own result
/// columns when the spec does not (core/workflow/runaudit.cpp); an observational table names
/// its columns here.
struct LlmSpec {
    std::optional<std::string> refusalColumn;  ///< true/false, 1/0, yes/no; a refusal is an outcome
    std::optional<std::string> logprobColumn;  ///< ln P(target token | variant)
    std::optional<std::string> replyColumn;    ///< the reply text
    /// The reply's embedding as text (core/common/embedding.h): cosine similarity between
    /// counterfactual replies. A run's audit fills it from an embeddings run of its replies.
    std::optional<std::string> embeddingColumn;
    /// Where the embeddings came from, for the reader ("scoring run 3, model emb v1"); set by
    /// the run audit, never read from a spec.
    std::string embeddingSource;
    /// Repeated sampling: the share of a variant's repeats that were favourable (p_v = k_v / r),
    /// and whether its majority was a tie (1/0).
    std::optional<std::string> repeatShareColumn;
    std::optional<std::string> repeatTieColumn;
    int repeats = 1;                           ///< r, the repeats behind each variant
    LpbsScale lpbsScale = LpbsScale::Probability;
    /// Per protected attribute, the group that is the neutral variant (the marker removed):
    /// LPBS then also takes Kurita et al.'s prior-normalised form.
    std::vector<std::pair<std::string, std::string>> neutral;
    /// Words masked in replies besides the protected and linked values (lexicon words).
    std::vector<std::string> maskWords;
    /// Columns whose values are masked in replies too (a first name, a pronoun that follows
    /// the protected value): a scoring run names its probe set's linked columns.
    std::vector<std::string> maskColumns;
    /// Strict and weak parity of the score distributions (a scorer of replies: sentiment,
    /// toxicity); on by default for a run of a probe set made from a run's replies.
    bool scoreParity = false;

    bool any() const
    {
        return refusalColumn || logprobColumn || replyColumn || embeddingColumn
               || repeatShareColumn || scoreParity;
    }
};

/// How reviewers' labels become one verdict per family when several reviewers labelled it.
enum class ConsensusRule { Majority, Unanimous };
std::string consensusRuleKey(ConsensusRule r);

/// Reviews of the audited rows (the "reviews" object): how labels are combined, and whether
/// the consensus expected outcome replaces y_true and not-equivalent families are excluded.
struct ReviewSpec {
    ConsensusRule consensus = ConsensusRule::Majority;
    bool useReviews = true;
};

/// Everything an audit needs to know about a scored table. Parsed from JSON (see README).
struct AuditSpec {
    std::string name;
    std::optional<std::string> familyColumn;
    std::vector<AttributeSpec> protectedAttributes;
    std::vector<AttributeSpec> strata;
    std::optional<TruthSpec> truth;
    PredictionSpec prediction;
    OutcomeLabels outcomes;
    std::vector<StageSpec> stages;
    std::optional<ScoreBands> scoreBands;
    std::vector<IntersectionSpec> intersections;
    std::optional<Contract> contract;
    ReviewSpec reviews;
    LlmSpec llm;

    /// The columns a reader must load for this spec (with the LLM columns).
    std::vector<ColumnRequest> columns() const;
    /// The columns the counting engine reads (without the LLM columns).
    std::vector<ColumnRequest> coreColumns() const;
    /// A protected attribute or stratum by name, or nullptr.
    const AttributeSpec *dimension(std::string_view dimensionName) const;
};

/// Parses a spec; errors name the source and the JSON path (e.g. "/contract/primary/max_gap").
Result<AuditSpec> parseAuditSpec(const nlohmann::json &json, const std::string &source);
/// Parses JSON text; a syntax error names the line.
Result<AuditSpec> parseAuditSpecText(std::string_view text, const std::string &source);
Result<AuditSpec> loadAuditSpec(const std::string &path);

} // namespace cp
