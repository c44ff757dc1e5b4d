// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The text metrics against values worked by hand (written out next to each check), the BLEU
// values also against NLTK's sentence_bleu with SmoothingFunction().method1 (the call langfair
// makes), and the fast kernels against plain oracles in this file on random token sequences.

#include <core/audit/textmetrics.h>

#include "../support/oracles.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <random>

using namespace cp::text;
using cp::test::fuzzy;

namespace {

std::vector<Token> tok(std::string_view text, const std::vector<Token> &mask = {})
{
    std::vector<Token> out;
    tokenize(text, mask, out);
    return out;
}

QByteArray num(double v)
{
    return QByteArray::number(v, 'g', 17);
}

// LCS length by the textbook full table.
std::size_t lcsOracle(const std::vector<Token> &a, const std::vector<Token> &b)
{
    std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1
                                           : std::max(t[i - 1][j], t[i][j - 1]);
    return t[a.size()][b.size()];
}

// NLTK's sentence_bleu with method1, literally: n-grams as token vectors in a map.
double bleuOracle(const std::vector<Token> &c, const std::vector<Token> &r)
{
    if (c.empty())
        return 0;
    double logSum = 0;
    for (std::size_t n = 1; n <= 4; ++n) {
        std::map<std::vector<Token>, long> counts, refCounts;
        for (std::size_t i = 0; i + n <= c.size(); ++i)
            ++counts[std::vector<Token>(c.begin() + i, c.begin() + i + n)];
        for (std::size_t i = 0; i + n <= r.size(); ++i)
            ++refCounts[std::vector<Token>(r.begin() + i, r.begin() + i + n)];
        long clipped = 0, total = 0;
        for (const auto &[gram, count] : counts) {
            total += count;
            const auto it = refCounts.find(gram);
            clipped += std::min(count, it == refCounts.end() ? 0L : it->second);
        }
        if (n == 1 && clipped == 0)
            return 0;
        const double denominator = double(std::max(1L, total));
        logSum += 0.25 * std::log((clipped == 0 ? 0.1 : double(clipped)) / denominator);
    }
    const double cl = double(c.size()), rl = double(r.size());
    const double bp = cl > rl ? 1.0 : std::exp(1.0 - rl / cl);
    return bp * std::exp(logSum);
}

std::vector<Token> randomTokens(std::mt19937_64 &rng, std::size_t maxLength, Token alphabet)
{
    std::vector<Token> out(rng() % (maxLength + 1));
    for (Token &t : out)
        t = 2 + rng() % alphabet;
    return out;
}

// Every byte covered once, in order, no empty span, neighbours of different kinds.
bool coversExactly(const std::vector<TextSpan> &spans, std::size_t length)
{
    std::size_t at = 0;
    for (std::size_t k = 0; k < spans.size(); ++k) {
        if (spans[k].begin != at || spans[k].end <= spans[k].begin)
            return false;
        if (k > 0 && spans[k].kind == spans[k - 1].kind)
            return false;
        at = spans[k].end;
    }
    return at == length;
}

} // namespace

class tst_TextMetrics : public QObject
{
    Q_OBJECT

private slots:
    void tokenizeWords();
    void tokenizeApostrophesAndUtf8();
    void tokenizeMask();
    void rougeL_data();
    void rougeL();
    void rougeLAgainstOracle();
    void bleuHandWorked();
    void bleuSmoothing();
    void bleuShortAndEdges();
    void bleuSymmetric();
    void bleuAgainstOracle();
    void wasserstein();
    void weatHandWorked();
    void weatMonteCarlo();
    void weatUndefined();
    void diffWordsSwap();
    void diffWordsCoverage();
};

void tst_TextMetrics::tokenizeWords()
{
    // Case folding: "The CAT" and "the cat" are the same tokens.
    QCOMPARE(tok("The CAT"), tok("the cat"));
    QCOMPARE(tokenHash("LEADER"), tokenHash("leader"));
    // Punctuation and spaces separate and vanish: 3 words.
    const auto t = tok("  the cat, sat!?");
    QCOMPARE(t.size(), std::size_t(3));
    QCOMPARE(t, tok("the cat sat"));
    QCOMPARE(t[1], tokenHash("cat"));
    // Digits are letters; hyphen and slash separate.
    QCOMPARE(tok("covid-19 24/7"), (std::vector<Token>{tokenHash("covid"), tokenHash("19"),
                                                      tokenHash("24"), tokenHash("7")}));
    QVERIFY(tok("").empty());
    QVERIFY(tok(" ,.;!? -").empty());
    // out is cleared and reused.
    std::vector<Token> out{42, 43, 44, 45, 46};
    tokenize("one", {}, out);
    QCOMPARE(out, std::vector<Token>{tokenHash("one")});
    // The hash is never 0 or MaskToken; the empty word hashes to the FNV-1a offset basis.
    QCOMPARE(tokenHash(""), Token(14695981039346656037ull));
    QVERIFY(tokenHash("a") > MaskToken);
    // FNV-1a 64 of "a": (offset ^ 0x61) · prime.
    QCOMPARE(tokenHash("A"), Token((14695981039346656037ull ^ 0x61) * 1099511628211ull));
}

void tst_TextMetrics::tokenizeApostrophesAndUtf8()
{
    // An apostrophe between letters belongs to the word; at its edge it separates.
    QCOMPARE(tok("don't"), std::vector<Token>{tokenHash("don't")});
    QVERIFY(tokenHash("don't") != tokenHash("dont"));
    QCOMPARE(tok("'quoted' dogs' rock''n"),
             (std::vector<Token>{tokenHash("quoted"), tokenHash("dogs"), tokenHash("rock"),
                                 tokenHash("n")}));
    // The typographic apostrophe U+2019 is the same apostrophe.
    QCOMPARE(tok("don\u2019t"), tok("don't"));
    QCOMPARE(tokenHash("don\u2019t"), tokenHash("don't"));
    // UTF-8 letters are letters: "café" and "naïve résumé" are words, only ASCII is folded.
    QCOMPARE(tok("café"), std::vector<Token>{tokenHash("café")});
    QCOMPARE(tok("Naïve résumé."), (std::vector<Token>{tokenHash("naïve"), tokenHash("résumé")}));
    QCOMPARE(tok("日本語 text").size(), std::size_t(2));
    QVERIFY(tokenHash("É") != tokenHash("é"));
    // Curly quotes, dashes, ellipsis and NBSP separate (else "“He" would not mask as "He").
    QCOMPARE(tok("\u201cHe\u201d\u2014she\u2026they\u00a0we"),
             (std::vector<Token>{tokenHash("he"), tokenHash("she"), tokenHash("they"),
                                 tokenHash("we")}));
    QCOMPARE(tok("\u2018quoted\u2019"), std::vector<Token>{tokenHash("quoted")});
}

void tst_TextMetrics::tokenizeMask()
{
    const auto mask = maskSet({"he", "she"});
    QCOMPARE(mask.size(), std::size_t(2));
    QVERIFY(std::is_sorted(mask.begin(), mask.end()));
    // "He said she would." → [M, said, M, would]: case does not matter for the mask either.
    QCOMPARE(tok("He said SHE would.", mask),
             (std::vector<Token>{MaskToken, tokenHash("said"), MaskToken, tokenHash("would")}));
    // "he's" is a word of its own, not "he".
    QCOMPARE(tok("he's", mask), std::vector<Token>{tokenHash("he's")});
    // So the two counterfactual replies tokenize to the same sequence.
    QCOMPARE(tok("He is kind.", mask), tok("She is kind.", mask));

    // A phrase masks word by word: "non", "binary", "person" (and repeats are kept once).
    const auto phrase = maskSet({"non-binary person", "Person", "he"});
    QCOMPARE(phrase.size(), std::size_t(4));
    QCOMPARE(tok("A Non-Binary person.", phrase),
             (std::vector<Token>{tokenHash("a"), MaskToken, MaskToken, MaskToken}));
    QCOMPARE(tok("a kind person", phrase),
             (std::vector<Token>{tokenHash("a"), tokenHash("kind"), MaskToken}));
    QVERIFY(maskSet({}).empty());
    QVERIFY(maskSet({"", " - "}).empty());
}

void tst_TextMetrics::rougeL_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("f1");
    // LCS "the cat on the mat" = 5; P = R = 5/6; F1 = 5/6.
    QTest::newRow("one word changed") << "the cat sat on the mat" << "the cat lay on the mat"
                                      << 5.0 / 6.0;
    // |a| = 3, |b| = 7, LCS "the cat sat" = 3: P = 3/7, R = 3/3,
    // F1 = 2 · (3/7) · 1 / (3/7 + 1) = (6/7) / (10/7) = 0.6 = 2 · 3 / (3 + 7).
    QTest::newRow("asymmetric") << "the cat sat" << "the black cat sat on the mat" << 0.6;
    // Order matters: LCS of "a b c d" and "d c b a" is 1: F1 = 2 · 1 / 8 = 0.25.
    QTest::newRow("reversed") << "a b c d" << "d c b a" << 0.25;
    // |a| = 4, |b| = 5, LCS "cat sat mat" = 3: F1 = 6 / 9.
    QTest::newRow("repeats") << "cat cat sat mat" << "the cat sat on mat" << 6.0 / 9.0;
    QTest::newRow("identical") << "Same words." << "same, words" << 1.0;
    QTest::newRow("both empty") << "" << "!!" << 1.0;
    QTest::newRow("a empty") << "" << "the cat" << 0.0;
    QTest::newRow("b empty") << "the cat" << "" << 0.0;
    QTest::newRow("disjoint") << "the cat" << "a dog" << 0.0;
}

void tst_TextMetrics::rougeL()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, f1);
    const auto ta = tok(a.toStdString()), tb = tok(b.toStdString());
    QVERIFY2(fuzzy(rougeLF1(ta, tb), f1, 1e-15), num(rougeLF1(ta, tb)));
    QVERIFY2(fuzzy(rougeLF1(tb, ta), f1, 1e-15), num(rougeLF1(tb, ta)));
}

void tst_TextMetrics::rougeLAgainstOracle()
{
    // The bit-parallel LCS (shorter side ≤ 64 tokens) and the row DP (longer) against the
    // full table, on small alphabets so that there are many matches.
    std::mt19937_64 rng(20260417);
    for (int round = 0; round < 3000; ++round) {
        const std::size_t maxLength = round % 10 == 0 ? 150 : 20;
        const Token alphabet = 1 + rng() % 6;
        const auto a = randomTokens(rng, maxLength, alphabet);
        const auto b = randomTokens(rng, maxLength, alphabet);
        const double expected = a.empty() && b.empty()
            ? 1.0
            : 2.0 * double(lcsOracle(a, b)) / double(a.size() + b.size());
        QVERIFY2(rougeLF1(a, b) == expected,
                 qPrintable(QStringLiteral("round %1: %2 vs %3")
                                .arg(round).arg(rougeLF1(a, b)).arg(expected)));
    }
    // Exactly 64 and 65 tokens on the shorter side: the edge of the bit vector.
    for (const std::size_t m : {63, 64, 65}) {
        std::vector<Token> a(m), b(m + 3);
        for (std::size_t i = 0; i < m; ++i)
            a[i] = 2 + i % 5;
        for (std::size_t i = 0; i < b.size(); ++i)
            b[i] = 2 + (i * 3) % 5;
        QCOMPARE(rougeLF1(a, b), 2.0 * double(lcsOracle(a, b)) / double(a.size() + b.size()));
        QCOMPARE(rougeLF1(a, a), 1.0);
    }
}

void tst_TextMetrics::bleuHandWorked()
{
    // c = "the cat sat on the mat" (6 words), r = "the cat sat on the red mat" (7 words).
    //   1-grams: the ×2, cat, sat, on, mat — all in r (r has "the" twice): p1 = 6/6
    //   2-grams: the cat, cat sat, sat on, on the, the mat — "the mat" not in r: p2 = 4/5
    //   3-grams: the cat sat, cat sat on, sat on the, on the mat — last not in r: p3 = 3/4
    //   4-grams: the cat sat on, cat sat on the, sat on the mat — last not in r: p4 = 2/3
    //   geometric mean (1 · 0.8 · 0.75 · 2/3)^(1/4) = 0.4^(1/4) = 0.7952707287670506
    //   c < r: BP = exp(1 − 7/6) = exp(−1/6) = 0.8464817248906141
    //   BLEU = 0.8464817248906141 · 0.7952707287670506 = 0.6731821382417487
    // NLTK sentence_bleu([r], c, smoothing_function=method1) gives 0.6731821382417487.
    const auto c = tok("the cat sat on the mat"), r = tok("the cat sat on the red mat");
    QVERIFY2(fuzzy(bleu(c, r), 0.6731821382417487, 1e-14), num(bleu(c, r)));
    // The other direction, c' = r (7), r' = c (6): p1 = 6/7, p2 = 4/6, p3 = 3/5, p4 = 2/4,
    // BP = 1 (c' > r'): (6/7 · 4/6 · 3/5 · 2/4)^(1/4) = (144/840)^(1/4) = 0.6434588841607617.
    QVERIFY2(fuzzy(bleu(r, c), 0.6434588841607617, 1e-14), num(bleu(r, c)));
    // Clipping: c = "the the the the", r = "the cat": "the" counts once, p1 = 1/4; p2 = 0/3,
    // p3 = 0/2, p4 = 0/1 smoothed to 0.1/3, 0.1/2, 0.1/1; BP = 1 (4 > 2):
    // (1/4 · 0.1/3 · 0.1/2 · 0.1)^(1/4) = (4.1667e-5)^(1/4) = 0.08034284189446518 (NLTK too).
    const auto the4 = tok("the the the the"), theCat = tok("the cat");
    QVERIFY2(fuzzy(bleu(the4, theCat), 0.08034284189446518, 1e-14), num(bleu(the4, theCat)));
}

void tst_TextMetrics::bleuSmoothing()
{
    // c = "the cat sat", r = "the cat lay": p1 = 2/3, p2 = 1/2 ("the cat"), p3 = 0/1 → 0.1/1
    // (method1: 0.1 added to the zero numerator), p4: no 4-gram in c, 0/max(1, 0) → 0.1/1;
    // BP = 1 (c = r): (2/3 · 1/2 · 0.1 · 0.1)^(1/4) = (1/300)^(1/4) = 0.24028114141347542.
    const auto c = tok("the cat sat"), r = tok("the cat lay");
    QVERIFY2(fuzzy(bleu(c, r), 0.24028114141347542, 1e-14), num(bleu(c, r)));

    // Masking: "he is a strong leader" vs "she is a caring leader", 5 words each, BP = 1.
    // Unmasked: p1 = 3/5 (is, a, leader), p2 = 1/4 (is a), p3 = 0.1/3, p4 = 0.1/2:
    //   (0.6 · 0.25 · 0.1/3 · 0.05)^(1/4) = 0.00025^(1/4) = 0.12574334296829354 (NLTK).
    // Masked he/she → M: p1 = 4/5, p2 = 2/4 (M is, is a), p3 = 1/3 (M is a), p4 = 0.1/2:
    //   (0.8 · 0.5 · 1/3 · 0.05)^(1/4) = (1/150)^(1/4) = 0.28574404296988.
    const auto mask = maskSet({"he", "she"});
    const char *he = "He is a strong leader.", *she = "She is a caring leader.";
    QVERIFY2(fuzzy(bleu(tok(she), tok(he)), 0.12574334296829354, 1e-14),
             num(bleu(tok(she), tok(he))));
    QVERIFY2(fuzzy(bleu(tok(she, mask), tok(he, mask)), 0.28574404296988, 1e-13),
             num(bleu(tok(she, mask), tok(he, mask))));
}

void tst_TextMetrics::bleuShortAndEdges()
{
    // Identical replies of 4 words or more: every p_n = 1, BP = 1 → 1.
    const auto s = tok("the cat sat on the mat");
    QCOMPARE(bleu(s, s), 1.0);
    QCOMPARE(symmetricBleu(s, s), 1.0);
    // Shorter than 4 words, NLTK (and so langfair) scores below 1 even against itself: the
    // missing orders are 0/1, smoothed to 0.1 (auto_reweigh is off).
    //   3 words: 0.1^(1/4) = 0.5623413251903491; 2: 0.1^(2/4) = 0.316227766016838;
    //   1: 0.1^(3/4) = 0.1778279410038923 — NLTK's values for "a b c", "hello world", "hello".
    const auto three = tok("a b c"), two = tok("hello world"), one = tok("hello");
    QVERIFY(fuzzy(bleu(three, three), 0.5623413251903491, 1e-14));
    QVERIFY(fuzzy(bleu(two, two), 0.316227766016838, 1e-14));
    QVERIFY(fuzzy(bleu(one, one), 0.1778279410038923, 1e-14));
    // No unigram in common → 0 (NLTK's early exit, before smoothing).
    QCOMPARE(bleu(tok("the cat"), tok("a dog")), 0.0);
    // Empty candidate → 0; empty reference → no match → 0.
    QCOMPARE(bleu({}, s), 0.0);
    QCOMPARE(bleu(s, {}), 0.0);
    QCOMPARE(bleu({}, {}), 0.0);
    QCOMPARE(symmetricBleu({}, {}), 0.0);
    // Masked words compare equal to each other.
    const std::vector<Token> masked{MaskToken, tokenHash("is"), tokenHash("kind"),
                                    tokenHash("today")};
    QCOMPARE(bleu(masked, masked), 1.0);
}

void tst_TextMetrics::bleuSymmetric()
{
    // min(0.6731821382417487, 0.6434588841607617) from bleuHandWorked.
    const auto a = tok("the cat sat on the mat"), b = tok("the cat sat on the red mat");
    QVERIFY(fuzzy(symmetricBleu(a, b), 0.6434588841607617, 1e-14));
    QVERIFY(fuzzy(symmetricBleu(b, a), 0.6434588841607617, 1e-14));
    QCOMPARE(symmetricBleu(a, b), std::min(bleu(a, b), bleu(b, a)));
}

void tst_TextMetrics::bleuAgainstOracle()
{
    // Random pairs, including more than 64 tokens (the thread-local scratch path).
    std::mt19937_64 rng(7);
    for (int round = 0; round < 2000; ++round) {
        const std::size_t maxLength = round % 20 == 0 ? 120 : 14;
        const Token alphabet = 1 + rng() % 5;
        const auto a = randomTokens(rng, maxLength, alphabet);
        const auto b = randomTokens(rng, maxLength, alphabet);
        const double ab = bleuOracle(a, b), ba = bleuOracle(b, a);
        QVERIFY2(fuzzy(bleu(a, b), ab, 1e-13), qPrintable(QStringLiteral("round %1").arg(round)));
        QVERIFY2(fuzzy(symmetricBleu(a, b), std::min(ab, ba), 1e-13),
                 qPrintable(QStringLiteral("round %1").arg(round)));
    }
    // 63, 64 and 65 tokens: the edge between the bit-matrix and the hashed path.
    for (const std::size_t m : {63, 64, 65}) {
        std::vector<Token> a(m), b(m);
        for (std::size_t i = 0; i < m; ++i) {
            a[i] = 2 + i % 3;
            b[i] = 2 + (i * 7) % 4;
        }
        QVERIFY(fuzzy(bleu(a, b), bleuOracle(a, b), 1e-13));
        QVERIFY(fuzzy(bleu(b, a), bleuOracle(b, a), 1e-13));
        QCOMPARE(bleu(a, a), 1.0);
    }
}

void tst_TextMetrics::wasserstein()
{
    // x = {0, 1, 3}, y = {1, 2}. F steps 1/3 at 0, 1 and 3; G steps 1/2 at 1 and 2.
    //   [0, 1): |1/3 − 0|   · 1 = 1/3
    //   [1, 2): |2/3 − 1/2| · 1 = 1/6
    //   [2, 3): |2/3 − 1|   · 1 = 1/3
    //   W1 = 1/3 + 1/6 + 1/3 = 5/6
    QVERIFY2(fuzzy(wasserstein1({0, 1, 3}, {1, 2}), 5.0 / 6.0, 1e-15),
             num(wasserstein1({0, 1, 3}, {1, 2})));
    QVERIFY(fuzzy(wasserstein1({2, 1}, {3, 0, 1}), 5.0 / 6.0, 1e-15));
    // Equal sizes: the mean |difference| of the sorted samples. {3, 1, 2} → 1 2 3,
    // {0, 5, 2} → 0 2 5: (|1−0| + |2−2| + |3−5|) / 3 = 1.
    QCOMPARE(wasserstein1({3, 1, 2}, {0, 5, 2}), 1.0);
    // Ties in the support: x = {0, 0, 1, 1}, y = {0, 1}: the same distribution → 0.
    QCOMPARE(wasserstein1({0, 0, 1, 1}, {0, 1}), 0.0);
    // A point mass: x = {0.25}, y = {0, 1}: 1/2 · 0.25 + 1/2 · 0.75 = 0.5.
    QVERIFY(fuzzy(wasserstein1({0.25}, {0, 1}), 0.5, 1e-15));
    QCOMPARE(wasserstein1({4}, {4}), 0.0);
    QVERIFY(std::isnan(wasserstein1({}, {1, 2})));
    QVERIFY(std::isnan(wasserstein1({1}, {})));
    QVERIFY(std::isnan(wasserstein1({1, std::nan("")}, {1})));
    QVERIFY(std::isnan(wasserstein1({1, INFINITY}, {1, 2})));
}

void tst_TextMetrics::weatHandWorked()
{
    // A = {(1,0), (2,0)} (the same direction twice), B = {(0,1)}, so
    // s(w) = cos(w, (1,0)) − cos(w, (0,1)) = (w1 − w2) / |w|:
    //   x1 = (1,0): 1      x2 = (4,3): (4−3)/5 = 0.2
    //   y1 = (0,1): −1     y2 = (3,4): (3−4)/5 = −0.2
    // mean_X s − mean_Y s = 0.6 − (−0.6) = 1.2. Over {1, 0.2, −1, −0.2} the mean is 0 and
    // Σ s² = 2.08, so the sample sd is √(2.08/3) = 0.8326663997864532 and
    // effect size = 1.2 / 0.8326663997864532 = 1.4411533842457842.
    // S(X_i, Y_i) = 2 Σ_{X_i} s − 0 over the C(4,2) = 6 partitions, Σ_{X_i} s:
    //   {x1,x2} 1.2 (observed), {x1,y1} 0, {x1,y2} 0.8, {x2,y1} −0.8, {x2,y2} 0, {y1,y2} −1.2
    // Only the observed one reaches 1.2: p = 1/6.
    const std::vector<std::vector<double>> X{{1, 0}, {4, 3}}, Y{{0, 1}, {3, 4}};
    const std::vector<std::vector<double>> A{{1, 0}, {2, 0}}, B{{0, 1}};
    const auto r = weat(X, Y, A, B);
    QVERIFY2(r.effectSize && fuzzy(*r.effectSize, 1.4411533842457842, 1e-12),
             r.detail.c_str());
    QVERIFY(r.pValue && fuzzy(*r.pValue, 1.0 / 6.0, 1e-15));
    QCOMPARE(r.partitions, std::int64_t(6));
    QVERIFY(r.exact);
    QVERIFY(r.detail.empty());

    // X and Y swapped: effect −1.4411533842457842, and every partition has S ≥ −2.4: p = 6/6.
    const auto swapped = weat(Y, X, A, B);
    QVERIFY(swapped.effectSize && fuzzy(*swapped.effectSize, -1.4411533842457842, 1e-12));
    QVERIFY(swapped.pValue && fuzzy(*swapped.pValue, 1.0, 1e-15));

    // Ties count (>= with tolerance): X = {x1, y1} = {1, −1}, Y = {x2, y2} = {0.2, −0.2}.
    // Σ_X s = 0; the partition sums are 1.2, 0, 0.8, −0.8, 0, −1.2 (as above), so 0, 0, 0.8
    // and 1.2 reach 0 — the two zeros only up to rounding (0.2 is not exact): p = 4/6.
    // Effect size 0 (both means 0).
    const auto ties = weat({{1, 0}, {0, 1}}, {{4, 3}, {3, 4}}, A, B);
    QVERIFY(ties.pValue && fuzzy(*ties.pValue, 4.0 / 6.0, 1e-15));
    QVERIFY(ties.effectSize && std::abs(*ties.effectSize) < 1e-12);

    // A tie lost to rounding without the 1e-12 tolerance: q = (1,3) and q' = (7,21) have the
    // same s = (1 − 3)/√10 = −0.632455532…, but in doubles s(q') is 2e-16 below s(q).
    // X = {(1,0), q}, Y = {q', (0,1)}: Σ_X s = 1 + s(q); the partition {(1,0), q'} ties it,
    // the other four sum to 0, 2 s(q), s(q) − 1, s(q) − 1: p = 2/6.
    const auto rounded = weat({{1, 0}, {1, 3}}, {{7, 21}, {0, 1}}, {{1, 0}}, {{0, 1}});
    QVERIFY(rounded.pValue && fuzzy(*rounded.pValue, 2.0 / 6.0, 1e-15));

    // Unequal sizes: X = {x1} (s = 1), Y = {y1, x2, y2} (s = −1, 0.2, −0.2). C(4,1) = 4
    // partitions; X_i sums 1, −1, 0.2, −0.2, only the observed reaches 1: p = 1/4.
    // Effect = (1 − (−1/3)) / 0.8326663997864532 = 1.6012815380508714.
    const auto uneven = weat({{1, 0}}, {{0, 1}, {4, 3}, {3, 4}}, A, B);
    QVERIFY(uneven.effectSize && fuzzy(*uneven.effectSize, 1.6012815380508714, 1e-12));
    QVERIFY(uneven.pValue && fuzzy(*uneven.pValue, 0.25, 1e-15));
    QCOMPARE(uneven.partitions, std::int64_t(4));
}

void tst_TextMetrics::weatMonteCarlo()
{
    // |X| = |Y| = 4: C(8,4) = 70 partitions, more than maxExact = 10 → Monte Carlo.
    const std::vector<std::vector<double>> X{{1, 0.1}, {0.9, 0.3}, {0.7, 0.8}, {0.2, 0.9}};
    const std::vector<std::vector<double>> Y{{0.3, 1}, {0.6, 0.5}, {0.1, 0.9}, {0.8, 0.9}};
    const std::vector<std::vector<double>> A{{1, 0}, {1, 0.2}}, B{{0, 1}, {0.1, 1}};
    const auto exactResult = weat(X, Y, A, B);
    QVERIFY(exactResult.exact);
    QCOMPARE(exactResult.partitions, std::int64_t(70));

    const auto mc = weat(X, Y, A, B, 42, 10, 20000);
    QVERIFY(!mc.exact);
    QCOMPARE(mc.partitions, std::int64_t(20000));
    QVERIFY(mc.pValue && *mc.pValue > 0 && *mc.pValue <= 1);
    // The effect size does not depend on how p is found.
    QCOMPARE(mc.effectSize, exactResult.effectSize);
    // Deterministic for a seed.
    QCOMPARE(weat(X, Y, A, B, 42, 10, 20000).pValue, mc.pValue);
    // Near the exact p: the standard error of 20000 draws is at most 0.0036.
    QVERIFY2(std::abs(*mc.pValue - *exactResult.pValue) < 0.02,
             qPrintable(QStringLiteral("%1 vs %2").arg(*mc.pValue).arg(*exactResult.pValue)));
    // maxExact = 0 always samples; one sample: p = (1 + #>=) / 2, so 0.5 or 1.
    const auto single = weat(X, Y, A, B, 1, 0, 1);
    QVERIFY(!single.exact);
    QVERIFY(single.pValue && (*single.pValue == 0.5 || *single.pValue == 1.0));
    // No samples when they are needed: p undefined, the effect size is still there.
    const auto none = weat(X, Y, A, B, 1, 10, 0);
    QVERIFY(!none.pValue);
    QVERIFY(none.effectSize);
    QVERIFY(!none.detail.empty());
}

void tst_TextMetrics::weatUndefined()
{
    const std::vector<std::vector<double>> X{{1, 0}, {4, 3}}, Y{{0, 1}, {3, 4}};
    const std::vector<std::vector<double>> A{{1, 0}}, B{{0, 1}};
    const auto undefinedBoth = [](const WeatResult &r) {
        return !r.effectSize && !r.pValue && !r.detail.empty();
    };
    QVERIFY(undefinedBoth(weat({}, Y, A, B)));
    QVERIFY(undefinedBoth(weat(X, {}, A, B)));
    QVERIFY(undefinedBoth(weat(X, Y, {}, B)));
    QVERIFY(undefinedBoth(weat(X, Y, A, {})));
    QVERIFY(undefinedBoth(weat(X, Y, A, {{0, 1, 0}})));           // dimensions differ
    QVERIFY(undefinedBoth(weat({{1, 0}, {0, 0}}, Y, A, B)));      // zero norm
    QVERIFY(undefinedBoth(weat({{}}, {{}}, {{}}, {{}})));         // dimension 0
    QVERIFY(undefinedBoth(weat({{1, NAN}}, Y, A, B)));            // non-finite
    // s = 0 for every target ((1,1) and (2,2) are as close to A as to B): sd 0, no effect
    // size; every partition ties, so p = 1.
    const auto flat = weat({{1, 1}, {3, 3}}, {{2, 2}, {5, 5}}, A, B);
    QVERIFY(!flat.effectSize);
    QVERIFY(!flat.detail.empty());
    QVERIFY(flat.pValue && *flat.pValue == 1.0);
}

void tst_TextMetrics::diffWordsSwap()
{
    // a: "He is a strong leader."   tokens [M, is, a, strong, leader]
    // b: "She is a caring leader."  tokens [M, is, a, caring, leader]
    // LCS = M is a leader. He/She are masked → Swapped; strong/caring → Changed.
    // Separators next to a Same word go to it, so a highlight holds just the changed word:
    //   a: [0,2) "He" Swapped | [2,8) " is a " Same | [8,14) "strong" Changed
    //      | [14,22) " leader." Same
    //   b: [0,3) "She" Swapped | [3,9) " is a " Same | [9,15) "caring" Changed
    //      | [15,23) " leader." Same
    const auto mask = maskSet({"he", "she"});
    const std::string a = "He is a strong leader.", b = "She is a caring leader.";
    const auto d = diffWords(a, b, mask);
    const std::vector<TextSpan> expectA{{0, 2, SpanKind::Swapped}, {2, 8, SpanKind::Same},
                                        {8, 14, SpanKind::Changed}, {14, 22, SpanKind::Same}};
    const std::vector<TextSpan> expectB{{0, 3, SpanKind::Swapped}, {3, 9, SpanKind::Same},
                                        {9, 15, SpanKind::Changed}, {15, 23, SpanKind::Same}};
    const auto same = [](const std::vector<TextSpan> &x, const std::vector<TextSpan> &y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](auto &p, auto &q) {
            return p.begin == q.begin && p.end == q.end && p.kind == q.kind;
        });
    };
    QVERIFY(same(d.a, expectA));
    QVERIFY(same(d.b, expectB));
    QCOMPARE(a.substr(8, 6), std::string("strong"));
    QCOMPARE(b.substr(9, 6), std::string("caring"));

    // Without the mask He and She are plain changed words.
    const auto plain = diffWords(a, b, {});
    QCOMPARE(plain.a.front().kind, SpanKind::Changed);
    QCOMPARE(plain.a.front().end, std::size_t(2));
    // A word only in b: "very" is Changed, the rest Same; the separators on both sides of
    // "very" go to the Same neighbours: b = [0,6) "he is " Same | [6,10) "very" Changed |
    // [10,15) " kind" Same, and a is one Same span.
    const auto inserted = diffWords("he is kind", "he is very kind", {});
    QCOMPARE(inserted.a.size(), std::size_t(1));
    QVERIFY(same(inserted.b, {{0, 6, SpanKind::Same}, {6, 10, SpanKind::Changed},
                              {10, 15, SpanKind::Same}}));
}

void tst_TextMetrics::diffWordsCoverage()
{
    const auto mask = maskSet({"he", "she", "they"});
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"", ""},
        {"", "Only b has words."},
        {"...", "!!"},
        {"  He said: \"yes\".  ", "She said \u201cno\u201d \u2014 twice."},
        {"a b c d e f", "f e d c b a"},
        {"They they they", "she"},
        {"Same text, same text.", "Same text, same text."},
        {"caf\u00e9 na\u00efve", "cafe naive"},
    };
    for (const auto &[a, b] : pairs) {
        const auto d = diffWords(a, b, mask);
        QVERIFY2(coversExactly(d.a, a.size()), a.c_str());
        QVERIFY2(coversExactly(d.b, b.size()), b.c_str());
    }
    // No words: one Same span; empty: none.
    QCOMPARE(diffWords("...", "", mask).a.size(), std::size_t(1));
    QVERIFY(diffWords("...", "", mask).b.empty());
    // Identical text: one Same span each.
    const auto same = diffWords("Same text, same text.", "Same text, same text.", mask);
    QCOMPARE(same.a.size(), std::size_t(1));
    QCOMPARE(same.a.front().kind, SpanKind::Same);

    // Random word sequences: coverage, and the Same words are an LCS (their count is the LCS
    // length of the token sequences).
    std::mt19937_64 rng(99);
    const char *words[] = {"he", "she", "is", "a", "kind", "strong", "leader"};
    const char *gaps[] = {" ", ", ", ". ", " - ", "\u2014", "  "};
    for (int round = 0; round < 500; ++round) {
        std::string text[2];
        for (std::string &t : text) {
            const std::size_t n = rng() % 12;
            if (rng() % 2)
                t += gaps[rng() % 6];
            for (std::size_t k = 0; k < n; ++k)
                t += std::string(words[rng() % 7]) + gaps[rng() % 6];
        }
        const auto d = diffWords(text[0], text[1], mask);
        QVERIFY(coversExactly(d.a, text[0].size()));
        QVERIFY(coversExactly(d.b, text[1].size()));
        // The kind of the span holding each word of a.
        const auto kindsOf = [](const std::string &t, const std::vector<TextSpan> &spans,
                                const std::vector<Token> &m) {
            std::vector<WordRange> w;
            tokenizeRanges(t, m, w);
            std::vector<std::pair<Token, SpanKind>> kinds;
            for (const auto &word : w)
                for (const auto &span : spans)
                    if (span.begin <= word.begin && word.end <= span.end)
                        kinds.emplace_back(word.token, span.kind);
            return kinds;
        };
        // Masked words are Swapped, the others Same or Changed.
        for (const auto &[token, kind] : kindsOf(text[0], d.a, mask))
            QCOMPARE(kind == SpanKind::Swapped, token == MaskToken);
        // Without a mask the Same words are one LCS: as many as its length, on each side.
        const auto plain = diffWords(text[0], text[1], {});
        const auto lcs = lcsOracle(tok(text[0]), tok(text[1]));
        for (const auto &[t, spans] :
             {std::pair{&text[0], &plain.a}, std::pair{&text[1], &plain.b}}) {
            const auto kinds = kindsOf(*t, *spans, {});
            QCOMPARE(kinds.size(), tok(*t).size());
            const auto sameWords = std::count_if(kinds.begin(), kinds.end(), [](const auto &k) {
                return k.second == SpanKind::Same;
            });
            QCOMPARE(std::size_t(sameWords), lcs);
        }
    }
}

QTEST_GUILESS_MAIN(tst_TextMetrics)
#include "tst_textmetrics.moc"
