// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcodec.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace cp {

namespace {

constexpr char Magic[8] = {'C', 'P', 'A', 'U', 'D', 'I', 'T', '\0'};

template<typename E> constexpr int enumCount = 0;
template<> constexpr int enumCount<Metric> = MetricCount;
template<> constexpr int enumCount<Population> = 3;
template<> constexpr int enumCount<CellStatus> = 2;
template<> constexpr int enumCount<CheckStatus> = 3;
template<> constexpr int enumCount<Decision> = 2;

// One field list per struct, read by both directions (S is const for the writer). A struct
// without a list does not compile.
template<typename IO, typename S>
    requires std::is_same_v<std::remove_const_t<S>, Proportion>
void fields(IO &io, S &p)
{
    io(p.k), io(p.n);
}

template<typename IO, typename S>
    requires std::is_same_v<std::remove_const_t<S>, stats::Interval>
void fields(IO &io, S &i)
{
    io(i.low), io(i.high);
}

#define CP_FIELDS(Type, ...)                                                               \
    template<typename IO, typename S>                                                      \
        requires std::is_same_v<std::remove_const_t<S>, Type>                              \
    void fields(IO &io, S &s)                                                              \
    {                                                                                      \
        io.all(__VA_ARGS__);                                                               \
    }

CP_FIELDS(SliceRates, s.group, s.n, s.positives, s.negatives, s.favourable, s.rates, s.meanScore,
          s.status, s.positivesShort, s.negativesShort)
CP_FIELDS(AttributeSlices, s.attribute, s.reference, s.groups, s.minPositives, s.minNegatives)
CP_FIELDS(Gap, s.metric, s.difference, s.ratio, s.ci, s.maxGroup, s.minGroup, s.groupsCompared)
CP_FIELDS(AttributeGaps, s.attribute, s.gaps)
CP_FIELDS(ReferenceGap, s.group, s.spd, s.di, s.eod, s.aod, s.fnrDifference)
CP_FIELDS(AttributeReferenceGaps, s.attribute, s.reference, s.groups)
CP_FIELDS(Flip, s.family, s.firstRow, s.outcomes, s.stage, s.scoreRange)
CP_FIELDS(PairTest, s.attribute, s.a, s.b, s.pairs, s.aOnly, s.bOnly, s.mcnemarP, s.meanShift,
          s.meanAbsDelta, s.discordant)
CP_FIELDS(IntersectionCell, s.key, s.n, s.positives, s.negatives, s.rates, s.status)
CP_FIELDS(Intersection, s.dimensions, s.population, s.minSupport, s.cells)
CP_FIELDS(CalibrationCell, s.attribute, s.group, s.band, s.n, s.observed, s.meanScore, s.eligible)
CP_FIELDS(Check, s.name, s.attribute, s.value, s.limit, s.upperLimit, s.status, s.detail)
CP_FIELDS(AuditWarning, s.line, s.field, s.message)
CP_FIELDS(ReviewAgreementFigure, s.question, s.statistic, s.reviewers, s.value, s.items, s.detail)
CP_FIELDS(ReviewEvidence, s.subject, s.consensus, s.reviewers, s.adjudicators,
          s.reviewedFamilies, s.equivalent, s.excludedNotEquivalent, s.excludedRows, s.unsure,
          s.awaitingAdjudication, s.adjudicated, s.truthFromReviews, s.agreement)
CP_FIELDS(AuditResult, s.rows, s.families, s.flips, s.pairTests, s.flipRate, s.slices, s.gaps,
          s.referenceGaps, s.balancedAccuracy, s.overallTpr, s.overallTnr, s.theilIndex,
          s.intersections, s.calibration, s.checks, s.missing, s.decision, s.warnings,
          s.warningsOmitted, s.reviews, s.source, s.tableSha256, s.contractVersion, s.specName,
          s.favourableLabel)

#undef CP_FIELDS

class Writer
{
public:
    std::string out;

    template<typename... T> void all(const T &...v) { ((*this)(v), ...); }

    void raw(const void *p, std::size_t n) { out.append(static_cast<const char *>(p), n); }
    void operator()(bool v) { out.push_back(v ? '\1' : '\0'); }
    void operator()(std::int64_t v) { raw(&v, sizeof v); }
    void operator()(int v) { (*this)(std::int64_t(v)); }
    void operator()(double v) { raw(&v, sizeof v); }
    void operator()(const std::string &v)
    {
        (*this)(std::int64_t(v.size()));
        out += v;
    }
    template<typename E>
        requires std::is_enum_v<E>
    void operator()(E v)
    {
        (*this)(std::int64_t(v));
    }
    template<typename T> void operator()(const std::optional<T> &v)
    {
        (*this)(v.has_value());
        if (v)
            (*this)(*v);
    }
    template<typename T> void operator()(const std::vector<T> &v)
    {
        (*this)(std::int64_t(v.size()));
        for (const T &e : v)
            (*this)(e);
    }
    template<typename T, std::size_t N> void operator()(const std::array<T, N> &v)
    {
        for (const T &e : v)
            (*this)(e);
    }
    template<typename A, typename B> void operator()(const std::pair<A, B> &v)
    {
        (*this)(v.first), (*this)(v.second);
    }
    template<typename S>
        requires std::is_class_v<S>
    void operator()(const S &s)
    {
        fields(*this, s);
    }
};

class Reader
{
public:
    explicit Reader(std::string_view in) : m_in(in) {}

    std::string_view m_in;
    std::size_t at = 0;
    std::optional<std::size_t> failedAt;
    std::string why;

    bool failed() const { return failedAt.has_value(); }
    void fail(std::string message)
    {
        if (!failedAt) {
            failedAt = at;
            why = std::move(message);
        }
    }
    std::size_t left() const { return m_in.size() - at; }

    template<typename... T> void all(T &...v) { ((*this)(v), ...); }

    bool raw(void *p, std::size_t n)
    {
        if (failed())
            return false;
        if (left() < n) {
            fail("it ends early");
            return false;
        }
        std::memcpy(p, m_in.data() + at, n);
        at += n;
        return true;
    }
    void operator()(bool &v)
    {
        char c = 0;
        if (!raw(&c, 1))
            return;
        if (c != 0 && c != 1)
            return fail("a flag is neither 0 nor 1");
        v = c == 1;
    }
    void operator()(std::int64_t &v) { raw(&v, sizeof v); }
    void operator()(int &v)
    {
        std::int64_t w = 0;
        if (!raw(&w, sizeof w))
            return;
        if (w < INT32_MIN || w > INT32_MAX)
            return fail("a count is out of range");
        v = int(w);
    }
    void operator()(double &v) { raw(&v, sizeof v); }
    // A length or count is at most what is left (every element takes at least one byte), so a
    // damaged length fails here instead of asking for gigabytes.
    std::optional<std::size_t> count()
    {
        std::int64_t n = 0;
        if (!raw(&n, sizeof n))
            return std::nullopt;
        if (n < 0 || std::uint64_t(n) > left()) {
            fail("a length is larger than what is left");
            return std::nullopt;
        }
        return std::size_t(n);
    }
    void operator()(std::string &v)
    {
        const auto n = count();
        if (!n)
            return;
        v.assign(m_in.data() + at, *n);
        at += *n;
    }
    template<typename E>
        requires std::is_enum_v<E>
    void operator()(E &v)
    {
        std::int64_t w = 0;
        if (!raw(&w, sizeof w))
            return;
        if (w < 0 || w >= enumCount<E>)
            return fail("a choice is out of range");
        v = E(w);
    }
    template<typename T> void operator()(std::optional<T> &v)
    {
        bool has = false;
        (*this)(has);
        if (failed())
            return;
        if (!has) {
            v.reset();
            return;
        }
        v.emplace();
        (*this)(*v);
    }
    template<typename T> void operator()(std::vector<T> &v)
    {
        const auto n = count();
        if (!n)
            return;
        v.clear();
        v.reserve(*n);
        for (std::size_t i = 0; i < *n && !failed(); ++i)
            (*this)(v.emplace_back());
    }
    template<typename T, std::size_t N> void operator()(std::array<T, N> &v)
    {
        for (T &e : v)
            (*this)(e);
    }
    template<typename A, typename B> void operator()(std::pair<A, B> &v)
    {
        (*this)(v.first), (*this)(v.second);
    }
    template<typename S>
        requires std::is_class_v<S>
    void operator()(S &s)
    {
        fields(*this, s);
    }
};

} // namespace

std::string encodeAudit(const AuditResult &result)
{
    Writer w;
    w.raw(Magic, sizeof Magic);
    w(std::int64_t(AuditCodecVersion));
    w(result);
    return std::move(w.out);
}

Result<AuditResult> decodeAudit(std::string_view bytes, const std::string &where)
{
    const auto error = [&](std::size_t at, const std::string &why) {
        return Error{ErrorCode::Storage, where, 0, "byte " + std::to_string(at),
                     "the stored audit cannot be read: " + why};
    };
    if (bytes.size() < sizeof Magic || std::memcmp(bytes.data(), Magic, sizeof Magic) != 0)
        return error(0, "it is not a stored audit");
    Reader r(bytes);
    r.at = sizeof Magic;
    std::int64_t version = 0;
    r(version);
    if (!r.failed() && version != AuditCodecVersion)
        return error(sizeof Magic, "it was written in format " + std::to_string(version)
                                       + ", this build reads "
                                       + std::to_string(AuditCodecVersion));
    AuditResult result;
    r(result);
    if (!r.failed() && r.left() != 0)
        r.fail(std::to_string(r.left()) + " byte(s) follow the end");
    if (r.failed())
        return error(*r.failedAt, r.why);
    return result;
}

} // namespace cp
