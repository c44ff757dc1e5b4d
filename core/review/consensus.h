// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// From reviewers' labels to one verdict per family, and how well the reviewers agree.

#include <core/audit/auditspec.h>
#include <core/review/agreement.h>
#include <core/review/reviewstore.h>

#include <string>
#include <string_view>
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

/// Combines labels (any order, one table's) under the rule; agreement uses reviewers' labels
/// only (an adjudicator's verdict is not a rating).
ReviewSummary summariseReviews(const std::vector<ReviewLabel> &labels, ConsensusRule rule);

/// A few lines for a terminal or a log: counts, α per question with its items, κ per pair.
std::string reviewSummaryText(const ReviewSummary &summary);

} // namespace cp
