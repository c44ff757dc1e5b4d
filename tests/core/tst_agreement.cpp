// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Reviewer agreement and consensus against values worked by hand: Cohen's κ on a 2×2 table
// (p_o = 0.7, p_e = 0.5 → κ = 0.4), on chance agreement (κ = 0) and perfect agreement (κ = 1);
// Krippendorff's α on the nominal example of Krippendorff's "Computing Krippendorff's
// Alpha-Reliability" (4 coders, 12 units, α = 0.743) and on small cases worked below; a single
// category leaves both undefined. Then the consensus rules and adjudication.

#include <core/review/agreement.h>
#include <core/review/consensus.h>

#include <QtTest>

#include <map>
#include <random>
#include <tuple>

using namespace cp;

namespace {

constexpr int M = -1; // no answer

ReviewLabel label(const std::string &family, const std::string &reviewer,
                  std::optional<Equivalence> e, std::optional<ExpectedOutcome> x = {},
                  bool adjudication = false)
{
    ReviewLabel l;
    l.tableId = 1;
    l.family = family;
    l.reviewer = reviewer;
    l.equivalence = e;
    l.expected = x;
    l.adjudication = adjudication;
    return l;
}

constexpr auto Eq = Equivalence::Equivalent;
constexpr auto Ne = Equivalence::NotEquivalent;
constexpr auto Un = Equivalence::Unsure;
constexpr auto Fav = ExpectedOutcome::Favourable;
constexpr auto Unf = ExpectedOutcome::Unfavourable;

} // namespace

class tst_Agreement : public QObject
{
    Q_OBJECT

private slots:
    void kappaTwoByTwo()
    {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
        std::vector<int> a, b;
        const auto add = [&](int x, int y, int n) {
            for (int i = 0; i < n; ++i) {
                a.push_back(x);
                b.push_back(y);
            }
        };
        add(1, 1, 20);
        add(1, 0, 5);
        add(0, 1, 10);
        add(0, 0, 15);
        const AgreementValue k = cohensKappa(a, b);
        QVERIFY(k.value);
        QCOMPARE(k.items, std::int64_t(50));
        QVERIFY(std::abs(*k.value - 0.4) < 1e-12);
    }

    void kappaChanceAndPerfect()
    {
        // Agreement on half the items with balanced margins: exactly what chance predicts.
        const AgreementValue chance = cohensKappa({1, 1, 0, 0}, {1, 0, 1, 0});
        QVERIFY(chance.value);
        QVERIFY(std::abs(*chance.value) < 1e-12);
        const AgreementValue perfect = cohensKappa({0, 1, 2, 1}, {0, 1, 2, 1});
        QVERIFY(perfect.value);
        QCOMPARE(*perfect.value, 1.0);
        // Items one reviewer skipped do not count.
        const AgreementValue skipped = cohensKappa({0, 1, M, 1}, {0, 1, 1, M});
        QCOMPARE(skipped.items, std::int64_t(2));
        QCOMPARE(*skipped.value, 1.0);
        // Complete disagreement on two categories: p_o = 0, p_e = 0.5 → κ = −1.
        QCOMPARE(*cohensKappa({0, 1}, {1, 0}).value, -1.0);
    }

    void kappaUndefined()
    {
        const AgreementValue single = cohensKappa({1, 1, 1}, {1, 1, 1});
        QVERIFY(!single.value);
        QCOMPARE(single.items, std::int64_t(3));
        QVERIFY(QString::fromStdString(single.detail).contains("chance agreement is 1"));
        const AgreementValue none = cohensKappa({1, M}, {M, 0});
        QVERIFY(!none.value);
        QCOMPARE(none.items, std::int64_t(0));
    }

    void alphaKrippendorffExample()
    {
        // Units are columns of the published reliability data (coders A–D), "." = missing.
        const std::vector<std::vector<int>> units = {
            {1, 1, M, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
            {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {M, 5, 5, 5}, {M, M, 1, 1}, {M, 3, M, M}};
        const AgreementValue a = krippendorffAlpha(units);
        QVERIFY(a.value);
        QCOMPARE(a.items, std::int64_t(11)); // the last unit has one value: not pairable
        QCOMPARE(std::round(*a.value * 1000) / 1000, 0.743);
    }

    void alphaSmallCases()
    {
        // Two reviewers, four items: (0,0) (0,1) (1,1) (1,1).
        // Coincidences: o00 = 2, o01 = o10 = 1, o11 = 4; n0 = 3, n1 = 5, n = 8.
        // α = 1 − (n − 1)·(o01 + o10) / (2·n0·n1) = 1 − 7·2/30 = 0.5333…
        const AgreementValue a = krippendorffAlpha({{0, 0}, {0, 1}, {1, 1}, {1, 1}});
        QVERIFY(a.value);
        QVERIFY(std::abs(*a.value - (1.0 - 14.0 / 30.0)) < 1e-12);
        // Perfect agreement with two categories in use.
        QCOMPARE(*krippendorffAlpha({{0, 0, 0}, {1, 1}, {1, M, 1}}).value, 1.0);
        // One category only: no expected disagreement, α undefined.
        const AgreementValue single = krippendorffAlpha({{2, 2}, {2, 2, 2}});
        QVERIFY(!single.value);
        QVERIFY(QString::fromStdString(single.detail).contains("every answer is the same"));
        // No unit with two answers.
        const AgreementValue none = krippendorffAlpha({{1, M}, {M, 0}, {}});
        QVERIFY(!none.value);
        QCOMPARE(none.items, std::int64_t(0));
    }

    void consensusRules()
    {
        const std::vector<ReviewLabel> labels = {
            label("f1", "ann", Eq, Fav), label("f1", "bob", Eq, Fav), label("f1", "cy", Ne, Fav),
            label("f2", "ann", Eq, Unf), label("f2", "bob", Ne, Fav),
            label("f3", "ann", Un),
            label("f4", "ann", Ne), label("f4", "bob", Ne),
        };
        const ReviewSummary majority = summariseReviews(labels, ConsensusRule::Majority);
        QCOMPARE(majority.families.size(), std::size_t(4));
        QCOMPARE(majority.reviewers, (std::vector<std::string>{"ann", "bob", "cy"}));
        const FamilyVerdict *f1 = majority.find("f1");
        QVERIFY(f1 && !f1->disputed);
        QCOMPARE(f1->reviewers, 3);
        QCOMPARE(*f1->equivalence, Eq);       // 2 of 3
        QCOMPARE(*f1->expected, Fav);
        QVERIFY(majority.find("f2")->disputed);   // 1–1 is no majority
        QCOMPARE(*majority.find("f3")->equivalence, Un);
        QCOMPARE(*majority.find("f4")->equivalence, Ne);
        QCOMPARE(majority.equivalent, std::int64_t(1));
        QCOMPARE(majority.notEquivalent, std::int64_t(1));
        QCOMPARE(majority.unsure, std::int64_t(1));
        QCOMPARE(majority.disputed, std::int64_t(1));
        QCOMPARE(majority.adjudicationQueue(), (std::vector<std::string>{"f2"}));

        const ReviewSummary unanimous = summariseReviews(labels, ConsensusRule::Unanimous);
        QVERIFY(unanimous.find("f1")->disputed);  // 2 of 3 is not all
        QVERIFY(!unanimous.find("f4")->disputed);
        QCOMPARE(unanimous.adjudicationQueue(), (std::vector<std::string>{"f1", "f2"}));
        QVERIFY(!majority.find("nope"));
    }

    void adjudicationSettles()
    {
        std::vector<ReviewLabel> labels = {label("f2", "ann", Eq, Unf), label("f2", "bob", Ne, Fav)};
        labels.push_back(label("f2", "dee", Eq, Fav, true));
        const ReviewSummary s = summariseReviews(labels, ConsensusRule::Unanimous);
        const FamilyVerdict *f = s.find("f2");
        QVERIFY(f && !f->disputed && f->adjudicated);
        QCOMPARE(*f->equivalence, Eq);
        QCOMPARE(*f->expected, Fav);
        QCOMPARE(f->reviewers, 2);                 // the adjudicator is not a reviewer
        QCOMPARE(s.adjudicators, (std::vector<std::string>{"dee"}));
        QCOMPARE(s.adjudicated, std::int64_t(1));
        QVERIFY(s.adjudicationQueue().empty());
        // Agreement is over reviewers' labels only: ann and bob disagree on the one item.
        QCOMPARE(s.agreement.size(), std::size_t(2));
        QCOMPARE(s.agreement[0].question, std::string("equivalence"));
        QCOMPARE(s.agreement[0].kappas.size(), std::size_t(1));
        QCOMPARE(s.agreement[0].alpha.items, std::int64_t(1));
    }

    void agreementFromLabels()
    {
        // ann and bob on the equivalence of four families: (Eq,Eq) (Eq,Ne) (Ne,Ne) (Ne,Ne) —
        // the coincidence case worked in alphaSmallCases, with Eq = 0 and Ne = 1.
        const std::vector<ReviewLabel> labels = {
            label("a", "ann", Eq), label("a", "bob", Eq), label("b", "ann", Eq),
            label("b", "bob", Ne), label("c", "ann", Ne), label("c", "bob", Ne),
            label("d", "ann", Ne), label("d", "bob", Ne)};
        const ReviewSummary s = summariseReviews(labels, ConsensusRule::Majority);
        QVERIFY(std::abs(*s.agreement[0].alpha.value - (1.0 - 14.0 / 30.0)) < 1e-12);
        // κ: p_o = 3/4, ann 2 Eq 2 Ne, bob 1 Eq 3 Ne → p_e = (2·1 + 2·3)/16 = 0.5 → κ = 0.5.
        QVERIFY(std::abs(*s.agreement[0].kappas[0].kappa.value - 0.5) < 1e-12);
        // Nobody answered the expected outcome.
        QVERIFY(!s.agreement[1].alpha.value);
        QCOMPARE(s.agreement[1].alpha.items, std::int64_t(0));
        const std::string text = reviewSummaryText(s);
        QVERIFY(QString::fromStdString(text).contains("Krippendorff's alpha 0.533 (n=4)"));
    }

    /// The workbench's book, label by label (puts that add or replace, erases), against the
    /// summary of the same labels read at once: after each of 600 random changes over 40
    /// families, four reviewers and an adjudicator, the same verdicts, counts, reviewers and
    /// agreement (α and every κ, with their items and reasons).
    void bookFollowsEachLabel()
    {
        std::mt19937 rng(7);
        const char *names[] = {"ann", "bob", "cy", "dee"};
        std::map<std::tuple<std::string, std::string, bool>, ReviewLabel> truth;
        ReviewBook book(ConsensusRule::Majority);
        for (int step = 0; step < 600; ++step) {
            const std::string family = "f" + std::to_string(rng() % 40);
            const bool adjudication = rng() % 8 == 0;
            const std::string reviewer = adjudication ? "zed" : names[rng() % 4];
            const auto key = std::tuple(family, reviewer, adjudication);
            if (rng() % 4 == 0) {
                QCOMPARE(book.erase(family, reviewer, adjudication), truth.erase(key) > 0);
            } else {
                const int e = int(rng() % 4), x = int(rng() % 3);
                ReviewLabel l = label(family, reviewer,
                                      e < 3 ? std::optional(Equivalence(e)) : std::nullopt,
                                      x < 2 ? std::optional(ExpectedOutcome(x)) : std::nullopt,
                                      adjudication);
                truth[key] = l;
                book.put(l);
            }
            std::vector<ReviewLabel> all;
            for (const auto &[k, l] : truth)
                all.push_back(l);
            const ReviewSummary want = summariseReviews(all, ConsensusRule::Majority);
            const ReviewSummary got = book.summary();
            QCOMPARE(book.size(), std::int64_t(all.size()));
            QCOMPARE(got.labels, want.labels);
            QCOMPARE(got.familiesReviewed, std::int64_t(want.families.size()));
            QCOMPARE(got.reviewers, want.reviewers);
            QCOMPARE(got.adjudicators, want.adjudicators);
            QCOMPARE(got.equivalent, want.equivalent);
            QCOMPARE(got.notEquivalent, want.notEquivalent);
            QCOMPARE(got.unsure, want.unsure);
            QCOMPARE(got.disputed, want.disputed);
            QCOMPARE(got.adjudicated, want.adjudicated);
            QCOMPARE(got.withExpected, want.withExpected);
            QCOMPARE(got.families.size(), want.families.size());
            for (std::size_t i = 0; i < got.families.size(); ++i) {
                QCOMPARE(got.families[i].family, want.families[i].family);
                QCOMPARE(got.families[i].equivalence, want.families[i].equivalence);
                QCOMPARE(got.families[i].expected, want.families[i].expected);
                QCOMPARE(got.families[i].disputed, want.families[i].disputed);
                QCOMPARE(got.families[i].reviewers, want.families[i].reviewers);
            }
            const auto same = [](const AgreementValue &a, const AgreementValue &b) {
                return a.items == b.items && a.detail == b.detail && a.value.has_value() == b.value.has_value()
                       && (!a.value || std::abs(*a.value - *b.value) < 1e-12);
            };
            QCOMPARE(got.agreement.size(), want.agreement.size());
            for (std::size_t q = 0; q < got.agreement.size(); ++q) {
                QVERIFY(same(got.agreement[q].alpha, want.agreement[q].alpha));
                QCOMPARE(got.agreement[q].kappas.size(), want.agreement[q].kappas.size());
                for (std::size_t k = 0; k < got.agreement[q].kappas.size(); ++k)
                    QVERIFY2(same(got.agreement[q].kappas[k].kappa, want.agreement[q].kappas[k].kappa),
                             qPrintable(QStringLiteral("step %1").arg(step)));
            }
            // Alpha from scratch on the rating rows, as a second opinion on the table.
            std::map<std::string, std::vector<int>> rows;
            for (const auto &[k, l] : truth)
                if (!l.adjudication)
                    rows[l.family].push_back(l.equivalence ? int(*l.equivalence) : -1);
            std::vector<std::vector<int>> units;
            for (auto &[f, r] : rows)
                units.push_back(r);
            QVERIFY(same(got.agreement[0].alpha, krippendorffAlpha(units)));
            if (const ReviewLabel *l = book.find(family, reviewer, adjudication))
                QVERIFY(truth.count(key) && truth[key].sameAnswers(*l));
            else
                QVERIFY(!truth.count(key));
        }
        QVERIFY(book.familiesReviewed() > 20);
    }

    /// κ and α tables take back what they were given, exactly.
    void tablesTakeBack()
    {
        KappaTable k;
        k.add(0, 0, 3);
        k.add(0, 1);
        k.add(0, 1, -1);
        QCOMPARE(k.counts.size(), std::size_t(1));
        QVERIFY(!cohensKappaOf(k).value);  // one category only: undefined
        CoincidenceTable c;
        c.addUnit({0, 1, 1});
        c.addUnit({0, 0});
        c.addUnit({0, 1, 1}, -1);
        QCOMPARE(c.units, std::int64_t(1));
        QCOMPARE(c.total, std::int64_t(2));
        QCOMPARE(c.pairsBySize.size(), std::size_t(1));
        QCOMPARE(c.marginal.size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(tst_Agreement)
#include "tst_agreement.moc"
