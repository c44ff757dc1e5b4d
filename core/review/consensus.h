// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// From reviewers' labels to one verdict per family, and how well the reviewers agree.

#include <core/audit/auditspec.h>
#include <core/review/agreement.h>
#include <core/review/reviewstore.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cp {

/// One family's reviews combined. On each question (equivalence, expected outcome) an
/// adjudicator's answer settles it; otherwise the reviewers' answers under the rule: unanimous
/// (all the same) or majority (more than half). Answers that reach no verdict make the family
/// disputed: it waits in the adjudication queue.
struct FamilyVerdict {
    std::string family;
    int reviewers = 0;                       ///< reviewers (not adjudicators) who labelled it
    std::optional<Equivalence> equivalence;
    std::optional<ExpectedOutcome> expected;
    bool adjudicated = false;                ///< an adjudicator answered a question
    bool disputed = false;                   ///< a question has answers but no verdict

    bool awaitingAdjudication() const { return disputed; }
};

struct ReviewerPairAgreement {
    std::string a;
    std::string b;
    AgreementValue kappa;
};

struct QuestionAgreement {
    std::string question;                    ///< "equivalence" or "expected outcome"
    AgreementValue alpha;                    ///< Krippendorff's α (nominal) over all reviewers
    std::vector<ReviewerPairAgreement> kappas;  ///< Cohen's κ for each pair of reviewers
};

struct ReviewSummary {
    ConsensusRule rule = ConsensusRule::Majority;
    std::vector<std::string> reviewers;      ///< sorted
    std::vector<std::string> adjudicators;   ///< sorted
    std::int64_t labels = 0;
    std::int64_t familiesReviewed = 0;       ///< families with a label (families.size() when listed)
    std::vector<FamilyVerdict> families;     ///< sorted by family key
    std::int64_t equivalent = 0;
    std::int64_t notEquivalent = 0;
    std::int64_t unsure = 0;
    std::int64_t disputed = 0;               ///< awaiting adjudication
    std::int64_t adjudicated = 0;
    std::int64_t withExpected = 0;           ///< families with a consensus expected outcome
    std::vector<QuestionAgreement> agreement;   ///< equivalence, then expected outcome

    const FamilyVerdict *find(std::string_view family) const;
    /// Families waiting for an adjudicator, in family order.
    std::vector<std::string> adjudicationQueue() const;
};

/// One family's labels (one table's, any order) combined under the rule.
FamilyVerdict familyVerdict(const std::string &family, const std::vector<ReviewLabel> &labels,
                            ConsensusRule rule);

/// One table's labels held in memory with their consensus, kept current label by label: a
/// put() or erase() updates its family's verdict, the counts and the agreement tables in time
/// that does not grow with the number of labels (a reviewer's key press on a project with
/// 200,000 labels). summary() is what summariseReviews() gives for the same labels; the
/// workbench's review session keeps one, the CLI builds one to summarise.
class ReviewBook
{
public:
    explicit ReviewBook(ConsensusRule rule = ConsensusRule::Majority);
    ReviewBook(std::vector<ReviewLabel> labels, ConsensusRule rule);

    ConsensusRule rule() const { return m_rule; }
    std::int64_t size() const { return m_labels; }
    bool empty() const { return m_labels == 0; }
    std::int64_t familiesReviewed() const { return std::int64_t(m_families.size()); }

    /// The label of (family, reviewer, as adjudicator or not), or null.
    const ReviewLabel *find(const std::string &family, const std::string &reviewer,
                            bool adjudication) const;
    /// A reviewed family's verdict, or null when it has no label.
    const FamilyVerdict *verdict(const std::string &family) const;
    /// Adds the label, or replaces the one of the same family, reviewer and role.
    void put(ReviewLabel label);
    /// Removes that label; false when there was none.
    bool erase(const std::string &family, const std::string &reviewer, bool adjudication);

    /// Every label, by family key, then in the order they were put.
    std::vector<ReviewLabel> labels() const;
    /// Counts, reviewers and agreement; the per-family verdicts too when listFamilies is set
    /// (sorting them costs a pass over the reviewed families).
    ReviewSummary summary(bool listFamilies = true) const;
    /// Calls f(verdict) for each reviewed family, in no particular order.
    template<typename F>
    void forEachVerdict(F &&f) const
    {
        for (const auto &[key, family] : m_families)
            f(family.verdict);
    }

private:
    struct Family
    {
        std::vector<ReviewLabel> labels;
        FamilyVerdict verdict;
    };
    /// Adds (sign +1) or takes back (−1) a family's part of the counts and agreement tables.
    void account(const Family &family, int sign);
    int reviewerId(const std::string &name);

    ConsensusRule m_rule;
    std::unordered_map<std::string, Family> m_families;
    std::int64_t m_labels = 0;
    std::map<std::string, std::int64_t> m_reviewers;     ///< labels per reviewer
    std::map<std::string, std::int64_t> m_adjudicators;  ///< verdicts per adjudicator
    std::unordered_map<std::string, int> m_ids;          ///< reviewer → id (never reused)
    std::vector<std::string> m_names;                    ///< id → reviewer
    /// Per question: κ tables by pair of reviewer ids (the name first in order, then the
    /// other), and α's coincidences.
    std::map<std::pair<int, int>, KappaTable> m_kappa[2];
    CoincidenceTable m_alpha[2];
    std::int64_t m_equivalent = 0, m_notEquivalent = 0, m_unsure = 0, m_disputed = 0,
                 m_adjudicated = 0, m_withExpected = 0;
};

/// Combines labels (any order, one table's) under the rule; agreement uses reviewers' labels
/// only (an adjudicator's verdict is not a rating). The same as ReviewBook(labels).summary().
ReviewSummary summariseReviews(const std::vector<ReviewLabel> &labels, ConsensusRule rule);

/// A few lines for a terminal or a log: counts, α per question with its items, κ per pair.
std::string reviewSummaryText(const ReviewSummary &summary);

} // namespace cp
