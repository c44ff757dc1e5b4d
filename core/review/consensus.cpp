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

FamilyVerdict familyVerdict(const std::string &family, const std::vector<ReviewLabel> &labels,
                            ConsensusRule rule)
{
    FamilyVerdict v;
    v.family = family;
    std::vector<int> answers[2];
    std::optional<int> settled[2];
    for (const ReviewLabel &l : labels) {
        const int e = l.equivalence ? int(*l.equivalence) : -1;
        const int x = l.expected ? int(*l.expected) : -1;
        if (l.adjudication) {
            if (e >= 0)
                settled[0] = e;
            if (x >= 0)
                settled[1] = x;
            continue;
        }
        ++v.reviewers;
        if (e >= 0)
            answers[0].push_back(e);
        if (x >= 0)
            answers[1].push_back(x);
    }
    int verdict[2];
    for (int q = 0; q < 2; ++q) {
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
    return v;
}

ReviewBook::ReviewBook(ConsensusRule rule)
    : m_rule(rule)
{}

ReviewBook::ReviewBook(std::vector<ReviewLabel> labels, ConsensusRule rule)
    : m_rule(rule)
{
    // Grouped first and accounted once per family: the same state as a put() per label.
    for (ReviewLabel &l : labels) {
        Family &f = m_families[l.family];
        auto same = std::find_if(f.labels.begin(), f.labels.end(), [&](const ReviewLabel &o) {
            return o.reviewer == l.reviewer && o.adjudication == l.adjudication;
        });
        if (same != f.labels.end())
            *same = std::move(l);
        else
            f.labels.push_back(std::move(l));
    }
    for (auto &[key, f] : m_families) {
        f.verdict = familyVerdict(key, f.labels, m_rule);
        account(f, 1);
    }
}

int ReviewBook::reviewerId(const std::string &name)
{
    const auto [it, added] = m_ids.try_emplace(name, int(m_names.size()));
    if (added)
        m_names.push_back(name);
    return it->second;
}

void ReviewBook::account(const Family &family, int sign)
{
    m_labels += sign * std::int64_t(family.labels.size());
    for (const ReviewLabel &l : family.labels) {
        auto &tally = l.adjudication ? m_adjudicators : m_reviewers;
        auto it = tally.try_emplace(l.reviewer, 0).first;
        if ((it->second += sign) == 0)
            tally.erase(it);
    }
    const FamilyVerdict &v = family.verdict;
    if (v.disputed)
        m_disputed += sign;
    else if (v.equivalence == Equivalence::Equivalent)
        m_equivalent += sign;
    else if (v.equivalence == Equivalence::NotEquivalent)
        m_notEquivalent += sign;
    else if (v.equivalence == Equivalence::Unsure)
        m_unsure += sign;
    if (v.adjudicated)
        m_adjudicated += sign;
    if (v.expected && !v.disputed)
        m_withExpected += sign;

    // Agreement is over reviewers' answers only: one unit per family and question.
    for (int q = 0; q < 2; ++q) {
        std::vector<std::pair<const std::string *, int>> answered;
        std::vector<int> unit;
        for (const ReviewLabel &l : family.labels) {
            if (l.adjudication)
                continue;
            const int code = q == 0 ? (l.equivalence ? int(*l.equivalence) : -1)
                                    : (l.expected ? int(*l.expected) : -1);
            if (code < 0)
                continue;
            answered.emplace_back(&l.reviewer, code);
            unit.push_back(code);
        }
        m_alpha[q].addUnit(unit, sign);
        for (std::size_t i = 0; i < answered.size(); ++i)
            for (std::size_t j = i + 1; j < answered.size(); ++j) {
                auto a = answered[i], b = answered[j];
                if (*b.first < *a.first)
                    std::swap(a, b);
                const std::pair key{reviewerId(*a.first), reviewerId(*b.first)};
                KappaTable &table = m_kappa[q][key];
                table.add(a.second, b.second, sign);
                if (table.counts.empty())
                    m_kappa[q].erase(key);
            }
    }
}

const ReviewLabel *ReviewBook::find(const std::string &family, const std::string &reviewer,
                                    bool adjudication) const
{
    const auto it = m_families.find(family);
    if (it == m_families.end())
        return nullptr;
    for (const ReviewLabel &l : it->second.labels)
        if (l.reviewer == reviewer && l.adjudication == adjudication)
            return &l;
    return nullptr;
}

const FamilyVerdict *ReviewBook::verdict(const std::string &family) const
{
    const auto it = m_families.find(family);
    return it == m_families.end() ? nullptr : &it->second.verdict;
}

void ReviewBook::put(ReviewLabel label)
{
    auto [it, added] = m_families.try_emplace(label.family);
    Family &f = it->second;
    if (!added)
        account(f, -1);
    auto same = std::find_if(f.labels.begin(), f.labels.end(), [&](const ReviewLabel &o) {
        return o.reviewer == label.reviewer && o.adjudication == label.adjudication;
    });
    if (same != f.labels.end())
        *same = std::move(label);
    else
        f.labels.push_back(std::move(label));
    f.verdict = familyVerdict(it->first, f.labels, m_rule);
    account(f, 1);
}

bool ReviewBook::erase(const std::string &family, const std::string &reviewer, bool adjudication)
{
    const auto it = m_families.find(family);
    if (it == m_families.end())
        return false;
    Family &f = it->second;
    auto same = std::find_if(f.labels.begin(), f.labels.end(), [&](const ReviewLabel &o) {
        return o.reviewer == reviewer && o.adjudication == adjudication;
    });
    if (same == f.labels.end())
        return false;
    account(f, -1);
    f.labels.erase(same);
    if (f.labels.empty()) {
        m_families.erase(it);
        return true;
    }
    f.verdict = familyVerdict(it->first, f.labels, m_rule);
    account(f, 1);
    return true;
}

std::vector<ReviewLabel> ReviewBook::labels() const
{
    std::vector<const std::pair<const std::string, Family> *> order;
    order.reserve(m_families.size());
    for (const auto &entry : m_families)
        order.push_back(&entry);
    std::sort(order.begin(), order.end(), [](auto *a, auto *b) { return a->first < b->first; });
    std::vector<ReviewLabel> out;
    out.reserve(std::size_t(m_labels));
    for (const auto *entry : order)
        out.insert(out.end(), entry->second.labels.begin(), entry->second.labels.end());
    return out;
}

ReviewSummary ReviewBook::summary(bool listFamilies) const
{
    ReviewSummary out;
    out.rule = m_rule;
    for (const auto &[name, n] : m_reviewers)
        out.reviewers.push_back(name);
    for (const auto &[name, n] : m_adjudicators)
        out.adjudicators.push_back(name);
    out.labels = m_labels;
    out.familiesReviewed = std::int64_t(m_families.size());
    if (listFamilies) {
        out.families.reserve(m_families.size());
        for (const auto &[key, f] : m_families)
            out.families.push_back(f.verdict);
        std::sort(out.families.begin(), out.families.end(),
                  [](const FamilyVerdict &a, const FamilyVerdict &b) { return a.family < b.family; });
    }
    out.equivalent = m_equivalent;
    out.notEquivalent = m_notEquivalent;
    out.unsure = m_unsure;
    out.disputed = m_disputed;
    out.adjudicated = m_adjudicated;
    out.withExpected = m_withExpected;

    const char *questions[2] = {"equivalence", "expected outcome"};
    const KappaTable none;
    for (int q = 0; q < 2; ++q) {
        QuestionAgreement a;
        a.question = questions[q];
        a.alpha = krippendorffAlphaOf(m_alpha[q]);
        for (std::size_t i = 0; i < out.reviewers.size(); ++i)
            for (std::size_t j = i + 1; j < out.reviewers.size(); ++j) {
                const KappaTable *table = &none;
                const auto first = m_ids.find(out.reviewers[i]);
                const auto second = m_ids.find(out.reviewers[j]);
                if (first != m_ids.end() && second != m_ids.end()) {
                    const auto it = m_kappa[q].find({first->second, second->second});
                    if (it != m_kappa[q].end())
                        table = &it->second;
                }
                a.kappas.push_back({out.reviewers[i], out.reviewers[j], cohensKappaOf(*table)});
            }
        out.agreement.push_back(std::move(a));
    }
    return out;
}

ReviewSummary summariseReviews(const std::vector<ReviewLabel> &labels, ConsensusRule rule)
{
    return ReviewBook(labels, rule).summary();
}

std::string reviewSummaryText(const ReviewSummary &s)
{
    std::string out;
    out += std::to_string(s.familiesReviewed) + " families reviewed (" + std::to_string(s.labels)
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
