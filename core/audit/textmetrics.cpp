// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

#include "textmetrics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <random>

namespace cp::text {

namespace {

constexpr std::uint64_t FnvOffset = 14695981039346656037ull;
constexpr std::uint64_t FnvPrime = 1099511628211ull;

enum class Unit : std::uint8_t { Letter, Apostrophe, Separator };

// The class of each ASCII byte (bytes >= 0x80 are looked at in classifyHigh()).
constexpr std::array<Unit, 128> AsciiUnits = [] {
    std::array<Unit, 128> units{};
    for (int c = 0; c < 128; ++c) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        units[c] = alnum ? Unit::Letter : c == '\'' ? Unit::Apostrophe : Unit::Separator;
    }
    return units;
}();

// A character starting with a byte >= 0x80: the separators and apostrophes the header lists,
// else a letter byte. A letter is always one byte: the bytes of a multi-byte UTF-8 letter are
// letters one by one, which is all the word rule needs.
Unit classifyHigh(std::string_view s, std::size_t i, std::size_t &len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t rest = s.size() - i;
    if (c == 0xC2 && rest >= 2) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        if (d == 0xA0 || d == 0xA1 || d == 0xAB || d == 0xBB || d == 0xBF) {
            len = 2; // NBSP ¡ « » ¿
            return Unit::Separator;
        }
    } else if (c == 0xE2 && rest >= 3) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        const auto e = static_cast<unsigned char>(s[i + 2]);
        if (d == 0x80 && (e == 0x98 || e == 0x99)) {
            len = 3; // ‘ ’
            return Unit::Apostrophe;
        }
        if ((d == 0x80 && e >= 0x80 && e <= 0xBF) || (d == 0x81 && e >= 0x80 && e <= 0xAF)) {
            len = 3; // U+2000–U+206F
            return Unit::Separator;
        }
    } else if (c == 0xE3 && rest >= 3) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        const auto e = static_cast<unsigned char>(s[i + 2]);
        if (d == 0x80 && e >= 0x80 && e <= 0x82) {
            len = 3; // U+3000–U+3002
            return Unit::Separator;
        }
    }
    len = 1;
    return Unit::Letter;
}

// The character at i and its length in bytes.
inline Unit classify(std::string_view s, std::size_t i, std::size_t &len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        len = 1;
        return AsciiUnits[c];
    }
    return classifyHigh(s, i, len);
}

inline std::uint64_t fnvStep(std::uint64_t h, unsigned char c)
{
    return (h ^ c) * FnvPrime;
}

inline unsigned char asciiLower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c | 0x20) : c;
}

inline Token finish(std::uint64_t h)
{
    return h <= MaskToken ? h + 2 : h;
}

// Calls emit(begin, end, hash) for each word of s, in order.
template<class Emit>
inline void forEachWord(std::string_view s, Emit &&emit)
{
    const auto *data = reinterpret_cast<const unsigned char *>(s.data());
    const std::size_t n = s.size();
    const auto asciiLetter = [data](std::size_t i) {
        return data[i] < 0x80 && AsciiUnits[data[i]] == Unit::Letter;
    };
    std::size_t pos = 0, len = 1, nextLen = 1;
    while (pos < n) {
        if (classify(s, pos, len) != Unit::Letter) {
            pos += len;
            continue;
        }
        const std::size_t begin = pos;
        std::uint64_t h = FnvOffset;
        for (;;) {
            h = fnvStep(h, asciiLower(data[pos]));
            ++pos;
            while (pos < n && asciiLetter(pos)) { // the common case, kept tight
                h = fnvStep(h, asciiLower(data[pos]));
                ++pos;
            }
            if (pos >= n)
                break;
            const Unit u = classify(s, pos, len);
            if (u == Unit::Letter)
                continue;
            if (u == Unit::Apostrophe && pos + len < n
                && classify(s, pos + len, nextLen) == Unit::Letter) {
                h = fnvStep(h, '\'');
                pos += len;
                continue;
            }
            break;
        }
        emit(begin, pos, finish(h));
    }
}

inline Token maskOr(Token t, const std::vector<Token> &sortedMask)
{
    if (!sortedMask.empty() && std::binary_search(sortedMask.begin(), sortedMask.end(), t))
        return MaskToken;
    return t;
}

// LCS length by the classic dynamic programme, one row (the fallback for long inputs).
std::size_t lcsDp(std::span<const Token> longer, std::span<const Token> shorter)
{
    thread_local std::vector<std::uint32_t> row;
    row.assign(shorter.size() + 1, 0);
    for (const Token x : longer) {
        std::uint32_t diag = 0;
        for (std::size_t j = 1; j <= shorter.size(); ++j) {
            const std::uint32_t up = row[j];
            row[j] = x == shorter[j - 1] ? diag + 1 : std::max(up, row[j - 1]);
            diag = up;
        }
    }
    return row[shorter.size()];
}

// LCS length, bit-parallel when the shorter side has at most 64 tokens (Hyyrö 2004,
// "Bit-parallel LCS-length computation revisited"): bit j of V is 0 where the LCS grows at
// column j; V' = (V + U) | (V − U) with U = V & match(x).
std::size_t lcsLength(std::span<const Token> a, std::span<const Token> b)
{
    const auto longer = a.size() >= b.size() ? a : b;
    const auto shorter = a.size() >= b.size() ? b : a;
    const std::size_t m = shorter.size();
    if (m == 0)
        return 0;
    if (m > 64)
        return lcsDp(longer, shorter);
    std::uint64_t v = ~std::uint64_t(0);
    for (const Token x : longer) {
        std::uint64_t match = 0;
        for (std::size_t j = 0; j < m; ++j)
            match |= std::uint64_t(shorter[j] == x) << j;
        const std::uint64_t u = v & match;
        v = (v + u) | (v - u);
    }
    const std::uint64_t low = m == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << m) - 1;
    return static_cast<std::size_t>(std::popcount(~v & low));
}

inline std::uint64_t ngramStep(std::uint64_t h, Token t)
{
    // A murmur3-style finaliser over (previous n-gram, next token): order-sensitive.
    std::uint64_t x = (h * 0xff51afd7ed558ccdull) ^ t;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

// The number of clipped n-gram matches between a and b for n = 1..4: the size of the
// multiset intersection of their n-grams, the same in both directions.
//
// Short inputs (both ≤ 64 tokens) compare exactly, with bit matrices: bit j of eq[i] says
// that the n-grams at a[i] and b[j] are equal, and eq_n[i] = eq_{n−1}[i] & (eq_1[i+n−1] >>
// (n−1)). Equal n-grams form classes, and taking for each n-gram of a one still free equal
// n-gram of b, if any, pairs min(count in a, count in b) of each class.
std::array<std::size_t, 4> ngramMatchesShort(std::span<const Token> a, std::span<const Token> b)
{
    std::array<std::size_t, 4> matches{};
    const std::size_t na = a.size(), nb = b.size();
    std::array<std::uint64_t, 64> unigram, eq;
    for (std::size_t i = 0; i < na; ++i) {
        std::uint64_t bits = 0;
        for (std::size_t j = 0; j < nb; ++j)
            bits |= std::uint64_t(a[i] == b[j]) << j;
        unigram[i] = eq[i] = bits;
    }
    for (std::size_t n = 1; n <= 4 && n <= na && n <= nb; ++n) {
        const std::size_t rows = na - n + 1, cols = nb - n + 1;
        const std::uint64_t valid = cols == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << cols) - 1;
        std::uint64_t taken = 0;
        std::size_t common = 0;
        for (std::size_t i = 0; i < rows; ++i) {
            if (n > 1)
                eq[i] &= unigram[i + n - 1] >> (n - 1);
            const std::uint64_t free = eq[i] & valid & ~taken;
            if (free) {
                taken |= free & (0 - free); // the lowest free one
                ++common;
            }
        }
        matches[n - 1] = common;
        if (common == 0)
            break; // no n-gram in common, so no longer one either
    }
    return matches;
}

// Long inputs: n-grams hashed to 64 bits, sorted, and the sorted lists merged.
std::array<std::size_t, 4> ngramMatchesLong(std::span<const Token> a, std::span<const Token> b)
{
    std::array<std::size_t, 4> matches{};
    const std::size_t ca = a.size(), cb = b.size();
    thread_local std::vector<std::uint64_t> curA, curB, sortA, sortB;
    curA.assign(a.begin(), a.end());
    curB.assign(b.begin(), b.end());
    for (std::size_t n = 1; n <= 4 && n <= ca && n <= cb; ++n) {
        const std::size_t na = ca - n + 1, nb = cb - n + 1;
        if (n > 1) {
            // curX[i] becomes the n-gram starting at i (it held the (n−1)-gram).
            for (std::size_t i = 0; i < na; ++i)
                curA[i] = ngramStep(curA[i], a[i + n - 1]);
            for (std::size_t i = 0; i < nb; ++i)
                curB[i] = ngramStep(curB[i], b[i + n - 1]);
        }
        sortA.assign(curA.begin(), curA.begin() + std::ptrdiff_t(na));
        sortB.assign(curB.begin(), curB.begin() + std::ptrdiff_t(nb));
        std::sort(sortA.begin(), sortA.end());
        std::sort(sortB.begin(), sortB.end());
        std::size_t i = 0, j = 0, common = 0;
        while (i < na && j < nb) {
            if (sortA[i] == sortB[j]) {
                ++common;
                ++i;
                ++j;
            } else if (sortA[i] < sortB[j]) {
                ++i;
            } else {
                ++j;
            }
        }
        matches[n - 1] = common;
        if (common == 0)
            break;
    }
    return matches;
}

std::array<std::size_t, 4> ngramMatches(std::span<const Token> a, std::span<const Token> b)
{
    if (a.empty() || b.empty())
        return {};
    if (a.size() <= 64 && b.size() <= 64)
        return ngramMatchesShort(a, b);
    return ngramMatchesLong(a, b);
}

double bleuFromMatches(const std::array<std::size_t, 4> &matches, std::size_t c, std::size_t r)
{
    if (c == 0 || matches[0] == 0)
        return 0.0;
    double product = 1.0;
    for (std::size_t n = 1; n <= 4; ++n) {
        const double denominator = c >= n ? double(c - n + 1) : 1.0;
        const double numerator = matches[n - 1] > 0 ? double(matches[n - 1]) : 0.1; // method1
        product *= numerator / denominator;
    }
    const double bp = c > r ? 1.0 : std::exp(1.0 - double(r) / double(c));
    return bp * std::sqrt(std::sqrt(product));
}

} // namespace

Token tokenHash(std::string_view word)
{
    std::uint64_t h = FnvOffset;
    std::size_t i = 0, len = 1;
    while (i < word.size()) {
        if (classify(word, i, len) == Unit::Apostrophe) {
            h = fnvStep(h, '\'');
        } else {
            for (std::size_t k = 0; k < len; ++k)
                h = fnvStep(h, asciiLower(static_cast<unsigned char>(word[i + k])));
        }
        i += len;
    }
    return finish(h);
}

void tokenize(std::string_view text, const std::vector<Token> &sortedMask, std::vector<Token> &out)
{
    out.clear();
    forEachWord(text, [&](std::size_t, std::size_t, Token hash) {
        out.push_back(maskOr(hash, sortedMask));
    });
}

void tokenizeRanges(std::string_view text, const std::vector<Token> &sortedMask,
                    std::vector<WordRange> &out)
{
    out.clear();
    forEachWord(text, [&](std::size_t begin, std::size_t end, Token hash) {
        out.push_back({begin, end, maskOr(hash, sortedMask)});
    });
}

std::vector<Token> maskSet(const std::vector<std::string> &phrases)
{
    std::vector<Token> mask;
    const std::vector<Token> none;
    std::vector<Token> words;
    for (const std::string &phrase : phrases) {
        tokenize(phrase, none, words);
        mask.insert(mask.end(), words.begin(), words.end());
    }
    std::sort(mask.begin(), mask.end());
    mask.erase(std::unique(mask.begin(), mask.end()), mask.end());
    return mask;
}

double rougeLF1(std::span<const Token> a, std::span<const Token> b)
{
    if (a.empty() && b.empty())
        return 1.0;
    if (a.empty() || b.empty())
        return 0.0;
    return 2.0 * double(lcsLength(a, b)) / double(a.size() + b.size());
}

double bleu(std::span<const Token> candidate, std::span<const Token> reference)
{
    if (candidate.empty())
        return 0.0;
    return bleuFromMatches(ngramMatches(candidate, reference), candidate.size(), reference.size());
}

double symmetricBleu(std::span<const Token> a, std::span<const Token> b)
{
    const auto matches = ngramMatches(a, b);
    return std::min(bleuFromMatches(matches, a.size(), b.size()),
                    bleuFromMatches(matches, b.size(), a.size()));
}

double wasserstein1(std::vector<double> x, std::vector<double> y)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (x.empty() || y.empty())
        return nan;
    const auto finite = [](double v) { return std::isfinite(v); };
    if (!std::all_of(x.begin(), x.end(), finite) || !std::all_of(y.begin(), y.end(), finite))
        return nan;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    const std::size_t n = x.size(), m = y.size();
    if (n == m) {
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            sum += std::abs(x[i] - y[i]);
        return sum / double(n);
    }
    // Walk the merged support. Between consecutive points t_k < t_{k+1} the CDFs are i/n and
    // j/m; |i/n − j/m| = |i·m − j·n| / (n·m), kept as integers until the end.
    std::size_t i = 0, j = 0;
    double prev = std::min(x[0], y[0]);
    double area = 0;
    while (i < n || j < m) {
        const double next = std::min(i < n ? x[i] : y[j], j < m ? y[j] : x[i]);
        const double gap = std::abs(double(i) * double(m) - double(j) * double(n));
        area += gap * (next - prev);
        while (i < n && x[i] == next)
            ++i;
        while (j < m && y[j] == next)
            ++j;
        prev = next;
    }
    return area / (double(n) * double(m));
}

namespace {

// C(n, k), or cap + 1 when it exceeds cap.
std::int64_t binomialCapped(std::int64_t n, std::int64_t k, std::int64_t cap)
{
    k = std::min(k, n - k);
    std::uint64_t result = 1;
    const std::int64_t limit =
        std::clamp<std::int64_t>(cap, 0, std::numeric_limits<std::int64_t>::max() - 1);
    const auto over = static_cast<std::uint64_t>(limit) + 1;
    for (std::int64_t i = 1; i <= k; ++i) {
        const auto factor = static_cast<std::uint64_t>(n - k + i);
        if (result > std::numeric_limits<std::uint64_t>::max() / factor)
            return static_cast<std::int64_t>(over);
        result = result * factor / static_cast<std::uint64_t>(i); // exact: C(n−k+i, i)
        if (result >= over)
            return static_cast<std::int64_t>(over);
    }
    return static_cast<std::int64_t>(result);
}

// Uniform in [0, bound), the same on every standard library (unlike uniform_int_distribution).
std::uint64_t bounded(std::mt19937_64 &rng, std::uint64_t bound)
{
    const std::uint64_t threshold = (0 - bound) % bound; // 2^64 mod bound
    for (;;) {
        const std::uint64_t r = rng();
        if (r >= threshold)
            return r % bound;
    }
}

const char *checkSet(const std::vector<std::vector<double>> &set, std::size_t dim,
                     std::vector<double> &norms)
{
    for (const auto &v : set) {
        if (v.size() != dim)
            return "the embeddings differ in dimension";
        double sq = 0;
        for (const double c : v) {
            if (!std::isfinite(c))
                return "an embedding has a non-finite component";
            sq += c * c;
        }
        if (sq == 0)
            return "an embedding has zero norm";
        norms.push_back(std::sqrt(sq));
    }
    return nullptr;
}

} // namespace

WeatResult weat(const std::vector<std::vector<double>> &X,
                const std::vector<std::vector<double>> &Y,
                const std::vector<std::vector<double>> &A,
                const std::vector<std::vector<double>> &B,
                std::uint64_t seed, std::int64_t maxExact, std::int64_t samples)
{
    WeatResult result;
    if (X.empty() || Y.empty() || A.empty() || B.empty()) {
        result.detail = "a target or attribute set is empty";
        return result;
    }
    const std::size_t dim = X.front().size();
    if (dim == 0) {
        result.detail = "the embeddings have dimension 0";
        return result;
    }
    std::vector<double> normX, normY, normA, normB;
    for (const auto &[set, norms] : {std::pair{&X, &normX}, std::pair{&Y, &normY},
                                     std::pair{&A, &normA}, std::pair{&B, &normB}}) {
        if (const char *why = checkSet(*set, dim, *norms)) {
            result.detail = why;
            return result;
        }
    }
    const auto cosMean = [dim](const std::vector<double> &w, double wNorm,
                               const std::vector<std::vector<double>> &set,
                               const std::vector<double> &norms) {
        double sum = 0;
        for (std::size_t k = 0; k < set.size(); ++k) {
            double dot = 0;
            for (std::size_t d = 0; d < dim; ++d)
                dot += w[d] * set[k][d];
            sum += dot / (wNorm * norms[k]);
        }
        return sum / double(set.size());
    };
    // s over X ∪ Y, X first.
    const std::size_t nx = X.size(), n = X.size() + Y.size();
    std::vector<double> s(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto &w = i < nx ? X[i] : Y[i - nx];
        const double wNorm = i < nx ? normX[i] : normY[i - nx];
        s[i] = cosMean(w, wNorm, A, normA) - cosMean(w, wNorm, B, normB);
    }
    double sumX = 0, sumY = 0;
    for (std::size_t i = 0; i < n; ++i)
        (i < nx ? sumX : sumY) += s[i];
    const double total = sumX + sumY;
    const double mean = total / double(n);
    double ss = 0;
    for (const double v : s)
        ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / double(n - 1)); // n ≥ 2: X and Y are not empty
    if (sd < 1e-12)
        result.detail = "the association s(w, A, B) is the same for every target word";
    else
        result.effectSize = (sumX / double(nx) - sumY / double(n - nx)) / sd;

    // S(X_i, Y_i) = Σ_{X_i} s − Σ_{Y_i} s = 2 Σ_{X_i} s − total.
    const double observed = 2 * sumX - total;
    const double threshold = observed - 1e-12;
    const auto k = static_cast<std::int64_t>(nx);
    const std::int64_t count = binomialCapped(static_cast<std::int64_t>(n), k, maxExact);
    if (count <= maxExact) {
        std::vector<std::size_t> pick(nx);
        for (std::size_t i = 0; i < nx; ++i)
            pick[i] = i;
        std::int64_t atLeast = 0, seen = 0;
        for (;;) {
            double sum = 0;
            for (const std::size_t i : pick)
                sum += s[i];
            ++seen;
            if (2 * sum - total >= threshold)
                ++atLeast;
            // The next k-subset in lexicographic order.
            std::size_t i = nx;
            while (i > 0 && pick[i - 1] == n - nx + i - 1)
                --i;
            if (i == 0)
                break;
            ++pick[i - 1];
            for (std::size_t j = i; j < nx; ++j)
                pick[j] = pick[j - 1] + 1;
        }
        result.pValue = double(atLeast) / double(seen);
        result.partitions = seen;
        result.exact = true;
        return result;
    }
    if (samples < 1) {
        result.detail += result.detail.empty() ? "" : "; ";
        result.detail += "too many partitions to enumerate and no Monte Carlo samples";
        return result;
    }
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::int64_t atLeast = 0;
    for (std::int64_t t = 0; t < samples; ++t) {
        // A partial Fisher–Yates shuffle: order[0..nx) is a uniform random nx-subset.
        double sum = 0;
        for (std::size_t i = 0; i < nx; ++i) {
            const std::size_t j = i + static_cast<std::size_t>(bounded(rng, n - i));
            std::swap(order[i], order[j]);
            sum += s[order[i]];
        }
        if (2 * sum - total >= threshold)
            ++atLeast;
    }
    result.pValue = double(1 + atLeast) / double(1 + samples);
    result.partitions = samples;
    result.exact = false;
    return result;
}

namespace {

enum Step : std::uint8_t { Diagonal = 0, Up = 1, Left = 2 };

// Marks the tokens of a and b that lie in one longest common subsequence.
void markLcs(const std::vector<WordRange> &a, const std::vector<WordRange> &b,
             std::vector<char> &inA, std::vector<char> &inB)
{
    const std::size_t m = a.size(), n = b.size();
    inA.assign(m, 0);
    inB.assign(n, 0);
    std::size_t prefix = 0;
    while (prefix < m && prefix < n && a[prefix].token == b[prefix].token) {
        inA[prefix] = inB[prefix] = 1;
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < m - prefix && suffix < n - prefix
           && a[m - 1 - suffix].token == b[n - 1 - suffix].token) {
        inA[m - 1 - suffix] = inB[n - 1 - suffix] = 1;
        ++suffix;
    }
    const std::size_t rows = m - prefix - suffix, cols = n - prefix - suffix;
    if (rows == 0 || cols == 0)
        return;
    // Lengths in one rolling row, the step taken at each cell in 2 bits.
    std::vector<std::uint32_t> row(cols + 1, 0);
    std::vector<std::uint8_t> steps((rows * cols + 3) / 4, 0);
    const auto setStep = [&](std::size_t cell, Step st) {
        steps[cell / 4] |= static_cast<std::uint8_t>(st << (2 * (cell % 4)));
    };
    for (std::size_t i = 1; i <= rows; ++i) {
        std::uint32_t diag = 0;
        const Token x = a[prefix + i - 1].token;
        for (std::size_t j = 1; j <= cols; ++j) {
            const std::uint32_t up = row[j];
            const std::size_t cell = (i - 1) * cols + (j - 1);
            if (x == b[prefix + j - 1].token) {
                row[j] = diag + 1;
                setStep(cell, Diagonal);
            } else if (up >= row[j - 1]) {
                row[j] = up;
                setStep(cell, Up);
            } else {
                row[j] = row[j - 1];
                setStep(cell, Left);
            }
            diag = up;
        }
    }
    std::size_t i = rows, j = cols;
    while (i > 0 && j > 0) {
        const std::size_t cell = (i - 1) * cols + (j - 1);
        const auto st = static_cast<Step>((steps[cell / 4] >> (2 * (cell % 4))) & 3);
        if (st == Diagonal) {
            inA[prefix + i - 1] = inB[prefix + j - 1] = 1;
            --i;
            --j;
        } else if (st == Up) {
            --i;
        } else {
            --j;
        }
    }
}

std::vector<TextSpan> spansFor(std::size_t length, const std::vector<WordRange> &words,
                               const std::vector<char> &inLcs)
{
    std::vector<TextSpan> spans;
    if (words.empty()) {
        if (length > 0)
            spans.push_back({0, length, SpanKind::Same});
        return spans;
    }
    const auto kindOf = [&](std::size_t k) {
        if (words[k].token == MaskToken)
            return SpanKind::Swapped;
        return inLcs[k] ? SpanKind::Same : SpanKind::Changed;
    };
    std::size_t begin = 0; // the leading separators go to the first word
    for (std::size_t k = 0; k < words.size(); ++k) {
        const SpanKind kind = kindOf(k);
        std::size_t end = length; // the trailing separators go to the last word
        if (k + 1 < words.size()) {
            const SpanKind next = kindOf(k + 1);
            // The gap goes to the following word only when that one is Same and this is not.
            end = (next == SpanKind::Same && kind != SpanKind::Same) ? words[k].end
                                                                      : words[k + 1].begin;
        }
        if (!spans.empty() && spans.back().kind == kind)
            spans.back().end = end;
        else
            spans.push_back({begin, end, kind});
        begin = end;
    }
    return spans;
}

} // namespace

WordDiff diffWords(std::string_view a, std::string_view b, const std::vector<Token> &sortedMask)
{
    std::vector<WordRange> wa, wb;
    tokenizeRanges(a, sortedMask, wa);
    tokenizeRanges(b, sortedMask, wb);
    std::vector<char> inA, inB;
    markLcs(wa, wb, inA, inB);
    return {spansFor(a.size(), wa, inA), spansFor(b.size(), wb, inB)};
}

} // namespace cp::text
