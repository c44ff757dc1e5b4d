// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Similarity metrics for pairs of LLM replies (counterfactual fairness, as in langfair's
// CounterfactualMetrics), WEAT on embeddings, the Wasserstein-1 distance between two score
// samples, and the word-level diff behind the side-by-side review view.
//
// Everything works on token hashes: a reply is tokenized once into 64-bit word hashes (with the
// group words of the probe masked to one shared token) and the metrics compare hashes. The
// per-pair kernels (tokenize, rougeLF1, bleu, symmetricBleu) do not allocate: up to 64 tokens
// they work in registers and on the stack, beyond in thread-local scratch that only grows,
// since the audit runs them on a million pairs.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cp::text {

using Token = std::uint64_t;

/// What a masked word becomes: every masked word compares equal to every other, so "He is"
/// and "She is" tokenize to the same sequence. tokenHash() never returns it.
inline constexpr Token MaskToken = 1;

/// FNV-1a 64 of the word with ASCII letters lowercased (other bytes as they are, so "É" and
/// "é" differ) and a typographic apostrophe U+2018/U+2019 hashed as '\'' (so "don’t" ==
/// "don't"). A hash of 0 or 1 is moved to 2 or 3, so the result is never 0 or MaskToken.
Token tokenHash(std::string_view word);

/// The word rule shared by tokenize(), maskSet() and diffWords(). A word is a maximal run of
/// ASCII letters and digits and of bytes >= 0x80 (UTF-8 letters), where an apostrophe (', ‘ or
/// ’) between two such characters belongs to the word ("don't" is one word, "'quoted'" gives
/// "quoted"). Everything else separates, and so do these UTF-8 punctuation and space
/// characters, which would otherwise glue to a word ("“He" must mask as "He"): U+00A0, ¡, «,
/// », ¿, the General Punctuation block U+2000–U+206F (curly quotes, dashes, …, NBSP-like
/// spaces) and U+3000–U+3002. Malformed UTF-8 bytes count as letters.
struct WordRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    Token token = 0; ///< tokenHash() of the word, or MaskToken when masked
};

/// out is cleared, then gets one token per word of text; a word whose hash is in sortedMask
/// (ascending, found by binary search) becomes MaskToken. Allocates only when out has to grow.
void tokenize(std::string_view text, const std::vector<Token> &sortedMask, std::vector<Token> &out);

/// As tokenize(), with each word's byte range.
void tokenizeRanges(std::string_view text, const std::vector<Token> &sortedMask,
                    std::vector<WordRange> &out);

/// The mask for tokenize(): every word of every phrase, hashed, sorted and unique. A phrase of
/// several words ("non-binary person") masks each of its words on its own, wherever it occurs
/// ("person" in "a kind person" too).
std::vector<Token> maskSet(const std::vector<std::string> &phrases);

/// ROUGE-L F1 on tokens: with L the length of the longest common subsequence,
/// P = L/|b|, R = L/|a| and F1 = 2PR/(P+R) = 2L/(|a|+|b|), symmetric in a and b.
/// Both empty → 1 (two empty replies agree); one empty → 0. Unlike langfair's rouge_score
/// call there is no Porter stemming ("leaders" ≠ "leader").
double rougeLF1(std::span<const Token> a, std::span<const Token> b);

/// Sentence BLEU-4 of candidate against one reference, as NLTK's
/// sentence_bleu([reference], candidate, smoothing_function=SmoothingFunction().method1)
/// computes it — the call langfair's BleuSimilarity makes (langfair/metrics/counterfactual/
/// metrics/bleu.py), so the numbers can be compared with langfair's:
/// - p_n, n = 1..4: clipped matches (each candidate n-gram counts at most as often as it occurs
///   in the reference) over max(1, c − n + 1), c = |candidate|, r = |reference|;
/// - method1 smoothing: a p_n with 0 matches becomes 0.1 / max(1, c − n + 1) (epsilon 0.1 added
///   to the zero numerator). NLTK's own early exit comes first: no unigram match → 0;
/// - BLEU = BP · exp(Σ ¼ ln p_n), BP = 1 if c > r, else exp(1 − r/c);
/// - candidate empty → 0 (NLTK returns 0 for c = 0 too).
/// method1 rather than no smoothing: most pairs of ~10-word replies share no 4-gram somewhere,
/// and unsmoothed BLEU would call them all 0. It follows that a reply shorter than 4 words
/// scores below 1 even against itself, as in NLTK (auto_reweigh is off): identical 3-word
/// replies give 0.1^(1/4) ≈ 0.562, 2 words 0.1^(1/2) ≈ 0.316, 1 word 0.1^(3/4) ≈ 0.178.
/// N-grams are compared token by token when both sides have at most 64 tokens, else by a
/// 64-bit hash of their tokens (a collision is ~2^-64 per pair).
/// langfair tokenizes with nltk word_tokenize, where punctuation marks are tokens; here they
/// are not, so values differ from langfair's on punctuated text.
double bleu(std::span<const Token> candidate, std::span<const Token> reference);

/// Counterfactual BLEU as langfair defines it: the lower of the two directions,
/// min(bleu(a, b), bleu(b, a)), since sentence BLEU is not symmetric (the brevity penalty and
/// the precision denominators depend on which side is the candidate). Shares the n-gram
/// matching between the directions, so it costs about one bleu() call.
double symmetricBleu(std::span<const Token> a, std::span<const Token> b);

/// The Wasserstein-1 (earth mover's) distance between the empirical distributions of x and y,
/// ∫ |F_x(t) − F_y(t)| dt, computed exactly from the sorted samples (sizes may differ; for equal
/// sizes it is the mean of |x_(i) − y_(i)|). Either sample empty, or any value NaN or
/// infinite → NaN.
double wasserstein1(std::vector<double> x, std::vector<double> y);

struct WeatResult {
    std::optional<double> effectSize;
    std::optional<double> pValue;
    std::int64_t partitions = 0; ///< partitions behind pValue: all of them, or the samples
    bool exact = false;          ///< pValue from every partition, not a Monte Carlo estimate
    std::string detail;          ///< why a value is missing, in English
};

/// The Word Embedding Association Test of Caliskan, Bryson and Narayanan (Science, 2017).
/// X, Y are target embeddings, A, B attribute embeddings; cos is cosine similarity and
///   s(w, A, B) = mean_{a∈A} cos(w, a) − mean_{b∈B} cos(w, b),
///   S(X, Y)    = Σ_{x∈X} s(x) − Σ_{y∈Y} s(y).
/// Effect size = (mean_{x∈X} s(x) − mean_{y∈Y} s(y)) / sd_{w∈X∪Y} s(w), with the SAMPLE standard
/// deviation (divisor n − 1, n = |X| + |Y|), as in the paper's code.
/// One-sided p = share of the partitions (X_i, Y_i) of X ∪ Y with |X_i| = |X|, |Y_i| = |Y| and
/// S(X_i, Y_i) >= S(X, Y) − 1e-12 (the observed partition counts, so p > 0). Exact over all
/// C(|X|+|Y|, |X|) partitions when that is <= maxExact (partitions = that count, exact =
/// true); otherwise `samples` random partitions drawn with std::mt19937_64(seed) and a
/// portable bounded draw (same p on every platform), p = (1 + #>=) / (1 + samples), exact =
/// false, partitions = samples.
/// Undefined (both nullopt, detail says why): X, Y, A or B empty, dimensions differ, dimension
/// 0, a vector with zero norm or a non-finite component, or samples < 1 when Monte Carlo is
/// needed (then only pValue). A standard deviation of s below 1e-12 leaves the effect size
/// undefined; the p-value is still given (every partition ties, so p = 1).
WeatResult weat(const std::vector<std::vector<double>> &X,
                const std::vector<std::vector<double>> &Y,
                const std::vector<std::vector<double>> &A,
                const std::vector<std::vector<double>> &B,
                std::uint64_t seed = 1, std::int64_t maxExact = 100000,
                std::int64_t samples = 100000);

/// Word-level diff of two replies, for the side-by-side view.
enum class SpanKind : std::uint8_t {
    Same,    ///< the word is in the longest common subsequence of the two token sequences
    Changed, ///< it is not
    Swapped, ///< a masked word (the group word that was swapped), whether matched or not
};

struct TextSpan {
    std::size_t begin = 0, end = 0;
    SpanKind kind = SpanKind::Same;
};

struct WordDiff {
    std::vector<TextSpan> a, b;
};

/// Each side's spans cover every byte of its text exactly once, in order, with no empty span;
/// neighbouring spans differ in kind (runs of one kind are merged). Separators between two
/// words of different kinds go to the Same side when there is one (so a highlight holds just
/// the changed word), else to the preceding span; leading separators go to the first span,
/// trailing ones to the last. A text without words is one Same span; an empty text has none.
/// Punctuation is not compared ("leader." vs "leader!" is Same). Time O(|a|·|b|) in words and
/// memory 2 bits per cell, after the common prefix and suffix are trimmed.
WordDiff diffWords(std::string_view a, std::string_view b, const std::vector<Token> &sortedMask);

} // namespace cp::text
