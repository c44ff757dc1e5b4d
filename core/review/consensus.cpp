// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "consensus.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace cp {

namespace {

/// The verdict on one question from the reviewers' answers (codes ≥ 0), or -1 when the
/// answers reach none; -2 when there is no answer.
int verdictOf(const std::vector<int> &answers, ConsensusRule rule)
{
    if (answers.empty())
        return -2;
    std::map<int, int> counts;
    for (int a : answers)
        ++counts[a];
    if (rule == ConsensusRule::Unanimous)
        return counts.size() == 1 ? counts.begin()->first : -1;
    for (const auto &[value, n] : counts)
        if (2 * n > int(answers.size()))
            return value;
    return -1;
}

std::string figure(const AgreementValue &v)
{
    char buf[96];
    if (v.value)
        std::snprintf(buf, sizeof buf, "%.3f (n=%lld)", *v.value, static_cast<long long>(v.items));
    else
        std::snprintf(buf, sizeof buf, "undefined (n=%lld)", static_cast<long long>(v.items));
    return buf;
}

} // namespace

const FamilyVerdict *ReviewSummary::find(std::string_view family) const
{
    const auto it = std::lower_bound(families.begin(), families.end(), family,
                                     [](const FamilyVerdict &f, std::string_view k) {
                                         return f.family < k;
                                     });
    return it != families.end() && it->family == family ? &*it : nullptr;
}

std::vector<std::string> ReviewSummary::adjudicationQueue() const
{
    std::vector<std::string> out;
    for (const FamilyVerdict &f : families)
        if (f.disputed)
            out.push_back(f.family);
    return out;
}

ReviewSummary summariseReviews(const std::vector<ReviewLabel> &labels, ConsensusRule rule)
{
    ReviewSummary out;
    out.rule = rule;
    out.labels = std::int64_t(labels.size());
    std::set<std::string> reviewers, adjudicators;
    std::map<std::string, std::vector<const ReviewLabel *>> byFamily;
    for (const ReviewLabel &l : labels) {
        (l.adjudication ? adjudicators : reviewers).insert(l.reviewer);
        byFamily[l.family].push_back(&l);
    }
    out.reviewers.assign(reviewers.begin(), reviewers.end());
    out.adjudicators.assign(adjudicators.begin(), adjudicators.end());
    std::map<std::string, int> reviewerIndex;
    for (const std::string &r : out.reviewers)
        reviewerIndex.emplace(r, int(reviewerIndex.size()));

    // Ratings per question: family × reviewer, -1 where a reviewer gave no answer.
    const std::size_t nr = out.reviewers.size();
    std::vector<std::vector<int>> ratings[2];
    for (const auto &[family, list] : byFamily) {
        FamilyVerdict v;
        v.family = family;
        std::vector<int> answers[2];
        std::optional<int> settled[2];
        std::vector<int> row[2] = {std::vector<int>(nr, -1), std::vector<int>(nr, -1)};
        for (const ReviewLabel *l : list) {
            const int e = l->equivalence ? int(*l->equivalence) : -1;
            const int x = l->expected ? int(*l->expected) : -1;
            if (l->adjudication) {
                if (e >= 0)
                    settled[0] = e;
                if (x >= 0)
                    settled[1] = x;
                continue;
            }
            ++v.reviewers;
            const int r = reviewerIndex[l->reviewer];
            row[0][std::size_t(r)] = e;
            row[1][std::size_t(r)] = x;
            if (e >= 0)
                answers[0].push_back(e);
            if (x >= 0)
                answers[1].push_back(x);
        }
        int verdict[2];
        for (int q = 0; q < 2; ++q) {
            ratings[q].push_back(row[q]);
            if (settled[q]) {
                verdict[q] = *settled[q];
                v.adjudicated = true;
            } else {
                verdict[q] = verdictOf(answers[q], rule);
                if (verdict[q] == -1)
                    v.disputed = true;
            }
        }
        if (verdict[0] >= 0)
            v.equivalence = Equivalence(verdict[0]);
        if (verdict[1] >= 0)
            v.expected = ExpectedOutcome(verdict[1]);
        if (v.disputed)
            ++out.disputed;
        else if (v.equivalence == Equivalence::Equivalent)
            ++out.equivalent;
        else if (v.equivalence == Equivalence::NotEquivalent)
            ++out.notEquivalent;
        else if (v.equivalence == Equivalence::Unsure)
            ++out.unsure;
        if (v.adjudicated)
            ++out.adjudicated;
        if (v.expected && !v.disputed)
            ++out.withExpected;
        out.families.push_back(std::move(v));
    }

    const char *questions[2] = {"equivalence", "expected outcome"};
    for (int q = 0; q < 2; ++q) {
        QuestionAgreement a;
        a.question = questions[q];
        a.alpha = krippendorffAlpha(ratings[q]);
        for (std::size_t i = 0; i < nr; ++i)
            for (std::size_t j = i + 1; j < nr; ++j) {
                std::vector<int> x, y;
                x.reserve(ratings[q].size());
                y.reserve(ratings[q].size());
                for (const auto &row : ratings[q]) {
                    x.push_back(row[i]);
                    y.push_back(row[j]);
                }
                a.kappas.push_back({out.reviewers[i], out.reviewers[j], cohensKappa(x, y)});
            }
        out.agreement.push_back(std::move(a));
    }
    return out;
}

std::string reviewSummaryText(const ReviewSummary &s)
{
    std::string out;
    out += std::to_string(s.families.size()) + " families reviewed (" + std::to_string(s.labels)
           + " labels, " + std::to_string(s.reviewers.size()) + " reviewer(s), consensus rule "
           + consensusRuleKey(s.rule) + ")\n";
    out += "  equivalent " + std::to_string(s.equivalent) + ", not equivalent "
           + std::to_string(s.notEquivalent) + ", unsure " + std::to_string(s.unsure)
           + ", awaiting adjudication " + std::to_string(s.disputed) + ", adjudicated "
           + std::to_string(s.adjudicated) + "\n";
    for (const QuestionAgreement &q : s.agreement) {
        out += "  " + q.question + ": Krippendorff's alpha " + figure(q.alpha);
        if (!q.alpha.value && !q.alpha.detail.empty())
            out += " — " + q.alpha.detail;
        out += "\n";
        for (const ReviewerPairAgreement &p : q.kappas)
            out += "    Cohen's kappa " + p.a + " / " + p.b + ": " + figure(p.kappa) + "\n";
    }
    return out;
}

} // namespace cp
