// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewaudit.h"

#include <core/audit/auditengine.h>
#include <core/review/consensus.h>
#include <core/review/reviewstore.h>
#include <core/store/projectstore.h>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace cp {

namespace {

constexpr const char *ReviewedTruthColumn = "y_true (reviewed)";

std::string plural(std::int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string fixed3(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

void addReviewChecks(const Contract &contract, const ReviewSummary &summary,
                     const ReviewEvidence &evidence, AuditResult &result)
{
    if (contract.minReviewedPairs > 0) {
        Check c;
        c.name = "min_reviewed_pairs";
        c.limit = double(contract.minReviewedPairs);
        c.upperLimit = false;
        c.value = double(evidence.equivalent);
        c.status = evidence.equivalent >= contract.minReviewedPairs ? CheckStatus::Passed
                                                                    : CheckStatus::Failed;
        c.detail = plural(evidence.equivalent, "pair", "pairs")
                   + " reviewed and judged equivalent, of at least "
                   + std::to_string(contract.minReviewedPairs) + " required";
        result.checks.push_back(c);
    }
    if (contract.minAgreement) {
        for (const QuestionAgreement &q : summary.agreement) {
            // The expected-outcome question is checked only where reviewers answer it.
            if (q.question != "equivalence" && q.alpha.items == 0)
                continue;
            Check c;
            c.name = "min_agreement";
            c.attribute = q.question;
            c.limit = *contract.minAgreement;
            c.upperLimit = false;
            if (!q.alpha.value) {
                c.status = CheckStatus::Insufficient;
                c.detail = "Krippendorff's alpha on " + q.question + " is undefined: "
                           + (q.alpha.detail.empty() ? "no reviews" : q.alpha.detail);
            } else {
                c.value = *q.alpha.value;
                c.status = *c.value + 1e-12 >= c.limit ? CheckStatus::Passed : CheckStatus::Failed;
                c.detail = "Krippendorff's alpha " + fixed3(*c.value) + " on " + q.question
                           + " over " + plural(q.alpha.items, "pair", "pairs")
                           + " labelled by two or more reviewers";
            }
            result.checks.push_back(c);
        }
    }
    const bool allPassed = std::all_of(result.checks.begin(), result.checks.end(),
                                       [](const Check &c) { return c.status == CheckStatus::Passed; });
    result.decision = allPassed && result.missing.empty() ? Decision::Approved : Decision::Blocked;
}

std::vector<ReviewAgreementFigure> figures(const ReviewSummary &summary)
{
    std::vector<ReviewAgreementFigure> out;
    for (const QuestionAgreement &q : summary.agreement) {
        out.push_back({q.question, "krippendorff_alpha", "all", q.alpha.value, q.alpha.items,
                       q.alpha.detail});
        for (const ReviewerPairAgreement &p : q.kappas)
            out.push_back({q.question, "cohen_kappa", p.a + " / " + p.b, p.kappa.value,
                           p.kappa.items, p.kappa.detail});
    }
    return out;
}

} // namespace

Result<AuditResult> runReviewedAudit(ProjectStore &store, std::int64_t tableId,
                                     const std::string &subjectName, Table &table,
                                     const AuditSpec &spec, const Progress &progress,
                                     std::vector<std::int64_t> *auditedRows)
{
    if (auditedRows)
        auditedRows->clear();
    const bool required = spec.contract
                          && (spec.contract->minReviewedPairs > 0 || spec.contract->minAgreement);
    if (!spec.reviews.useReviews && !required)
        return runAudit(table, spec, progress);
    auto labels = reviewLabels(store, tableId);
    if (!labels)
        return labels.error();
    if (labels->empty() && !required)
        return runAudit(table, spec, progress);

    const ReviewSummary summary = summariseReviews(*labels, spec.reviews.consensus);
    ReviewEvidence evidence;
    evidence.subject = subjectName;
    evidence.consensus = consensusRuleKey(spec.reviews.consensus);
    evidence.reviewers = summary.reviewers;
    evidence.adjudicators = summary.adjudicators;
    evidence.agreement = figures(summary);

    const CategoricalColumn *family =
        spec.familyColumn ? table.categoricalColumn(*spec.familyColumn) : nullptr;
    AuditSpec effective = spec;
    std::optional<Table> kept;  ///< the rows left when reviewers excluded families
    std::vector<std::string> notes;
    if (family && spec.reviews.useReviews && !labels->empty()) {
        // Per family (a level of the family column): 0 no verdict, 1 excluded, and the
        // consensus expected outcome (2 favourable, 3 unfavourable).
        const auto &levels = family->levels();
        std::vector<std::uint8_t> verdict(levels.size(), 0);
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const FamilyVerdict *v = summary.find(levels[i]);
            if (!v)
                continue;
            ++evidence.reviewedFamilies;
            if (v->disputed) {
                ++evidence.awaitingAdjudication;
                continue;
            }
            if (v->adjudicated)
                ++evidence.adjudicated;
            if (v->equivalence == Equivalence::NotEquivalent) {
                verdict[i] = 1;
                ++evidence.excludedNotEquivalent;
                continue;
            }
            if (v->equivalence == Equivalence::Equivalent)
                ++evidence.equivalent;
            else if (v->equivalence == Equivalence::Unsure)
                ++evidence.unsure;
            if (v->expected) {
                verdict[i] = *v->expected == ExpectedOutcome::Favourable ? 2 : 3;
                ++evidence.truthFromReviews;
            }
        }
        std::vector<std::int64_t> keep;
        keep.reserve(std::size_t(table.rowCount));
        for (std::int64_t r = 0; r < table.rowCount; ++r) {
            const std::uint32_t code = family->code(std::size_t(r));
            if (code == CategoricalColumn::Missing || verdict[code] != 1)
                keep.push_back(r);
        }
        evidence.excludedRows = table.rowCount - std::int64_t(keep.size());

        if (evidence.truthFromReviews > 0) {
            // y_true: the consensus where there is one, else the table's own expected outcome.
            const CategoricalColumn *own = spec.truth ? table.categoricalColumn(spec.truth->column)
                                                      : nullptr;
            std::vector<std::int8_t> ownTruth;
            if (own) {
                ownTruth.assign(own->levels().size(), -1);
                for (std::size_t i = 0; i < own->levels().size(); ++i) {
                    const std::string &l = own->levels()[i];
                    const auto &p = spec.truth->positive;
                    const auto &n = spec.truth->negative;
                    if (std::find(p.begin(), p.end(), l) != p.end())
                        ownTruth[i] = 1;
                    else if (std::find(n.begin(), n.end(), l) != n.end())
                        ownTruth[i] = 0;
                    else
                        return Error{ErrorCode::Schema, table.source,
                                     table.lineOfRow(own->firstRows()[i]), spec.truth->column,
                                     "'" + l + "' is neither a positive nor a negative expected "
                                     "outcome (set y_true.positive / y_true.negative)"};
                }
            }
            CategoricalColumn truth;
            truth.reserve(std::size_t(table.rowCount));
            for (std::int64_t r = 0; r < table.rowCount; ++r) {
                const std::uint32_t code = family->code(std::size_t(r));
                const std::uint8_t v = code == CategoricalColumn::Missing ? 0 : verdict[code];
                if (v == 2 || v == 3) {
                    truth.append(v == 2 ? "1" : "0", r);
                    continue;
                }
                const std::uint32_t o = own ? own->code(std::size_t(r)) : CategoricalColumn::Missing;
                if (o == CategoricalColumn::Missing || ownTruth[o] < 0)
                    truth.appendMissing();
                else
                    truth.append(ownTruth[o] ? "1" : "0", r);
            }
            table.addCategorical(ReviewedTruthColumn, std::move(truth));
            TruthSpec reviewed;
            reviewed.column = ReviewedTruthColumn;
            reviewed.positive = {"1"};
            reviewed.negative = {"0"};
            effective.truth = reviewed;
        }
        if (evidence.excludedRows > 0) {
            kept = selectRows(table, keep);
            if (auditedRows)
                *auditedRows = std::move(keep);
        }
        if (evidence.excludedNotEquivalent > 0)
            notes.push_back(plural(evidence.excludedNotEquivalent, "pair", "pairs")
                            + " excluded as not equivalent by the reviewers ("
                            + plural(evidence.excludedRows, "row", "rows") + ")");
        if (evidence.awaitingAdjudication > 0)
            notes.push_back(plural(evidence.awaitingAdjudication, "pair awaits", "pairs await")
                            + " adjudication: the reviewers disagree, so their labels are not "
                              "used yet");
        if (evidence.truthFromReviews > 0)
            notes.push_back("y_true of " + plural(evidence.truthFromReviews, "pair", "pairs")
                            + " is the reviewers' consensus expected outcome");
    } else if (!family && !labels->empty()) {
        notes.push_back("the rows have reviews, but the spec names no family column, so they "
                        "are not applied");
    }

    auto result = runAudit(kept ? *kept : table, effective, progress);
    if (!result)
        return result.error();
    for (auto it = notes.rbegin(); it != notes.rend(); ++it)
        result->warnings.insert(result->warnings.begin(), AuditWarning{0, "reviews", *it});
    if (spec.contract)
        addReviewChecks(*spec.contract, summary, evidence, *result);
    result->reviews = std::move(evidence);
    return result;
}

} // namespace cp
