// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcodec.h"

#include <algorithm>
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
constexpr char PairsMagic[8] = {'C', 'P', 'P', 'A', 'I', 'R', 'S', '\0'};

template<typename E> constexpr int enumCount = 0;
template<> constexpr int enumCount<Metric> = MetricCount;
template<> constexpr int enumCount<Population> = 3;
template<> constexpr int enumCount<CellStatus> = 2;
template<> constexpr int enumCount<CheckStatus> = 3;
template<> constexpr int enumCount<Decision> = 2;
template<> constexpr int enumCount<FlipKind> = 2;
template<> constexpr int enumCount<LpbsScale> = 2;

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
CP_FIELDS(Flip, s.family, s.firstRow, s.outcomes, s.stage, s.scoreRange, s.kind, s.noisy)
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
CP_FIELDS(stats::MeanEstimate, s.n, s.mean, s.m2)
CP_FIELDS(LeftOut, s.families, s.reason)
CP_FIELDS(GroupRefusals, s.group, s.refused, s.status)
CP_FIELDS(RefusalPairTest, s.a, s.b, s.pairs, s.aOnly, s.bOnly, s.mcnemarP)
CP_FIELDS(AttributeRefusals, s.attribute, s.groups, s.gap, s.gapCi, s.maxGroup, s.minGroup,
          s.answerRatio, s.pairs)
CP_FIELDS(RefusalCell, s.key, s.refused, s.status)
CP_FIELDS(RefusalIntersection, s.dimensions, s.cells)
CP_FIELDS(RefusalEvidence, s.column, s.overall, s.families, s.familiesWithRefusal,
          s.familiesAllRefused, s.refusalFlips, s.attributes, s.intersections)
CP_FIELDS(GroupRepeats, s.group, s.noisy, s.ties, s.favourableShare)
CP_FIELDS(RepeatPairTest, s.a, s.b, s.shareDifference)
CP_FIELDS(AttributeRepeats, s.attribute, s.groups, s.pairs)
CP_FIELDS(RepeatEvidence, s.repeats, s.variants, s.noisyVariants, s.ties, s.families,
          s.noisyFamilies, s.flips, s.flipsInNoisyFamilies, s.attributes)
CP_FIELDS(LpbsPair, s.attribute, s.a, s.b, s.delta, s.probabilityShift, s.probabilityDifference,
          s.priorNormalised, s.favoured, s.histogram, s.checkValue)
CP_FIELDS(CategoricalBias, s.attribute, s.groups, s.variance)
CP_FIELDS(LabelDistance, s.attribute, s.a, s.b, s.tvd)
CP_FIELDS(GroupAssociation, s.attribute, s.group, s.neutral, s.association)
CP_FIELDS(LogprobEvidence, s.column, s.scale, s.variantsWithLogprob, s.variantsWithout, s.pairs,
          s.categorical, s.associations)
CP_FIELDS(ReplyPairSimilarity, s.attribute, s.a, s.b, s.rougeL, s.bleu, s.exactMatch,
          s.lengthDifference, s.leastSimilar)
CP_FIELDS(ReplyEvidence, s.column, s.variantsWithReply, s.maskedWords, s.pairs)
CP_FIELDS(ScoreParityPair, s.attribute, s.a, s.b, s.na, s.nb, s.wasserstein1, s.aAbove, s.bAbove,
          s.weakGap, s.weakGapCi)
CP_FIELDS(ScoreParityEvidence, s.column, s.threshold, s.pairs)
CP_FIELDS(EmbeddingPairSimilarity, s.attribute, s.a, s.b, s.cosine, s.undefined, s.leastSimilar)
CP_FIELDS(EmbeddingEvidence, s.column, s.source, s.variantsWithEmbedding, s.dimension, s.pairs)
CP_FIELDS(AuditResult, s.rows, s.families, s.flips, s.pairTests, s.flipRate, s.slices, s.gaps,
          s.referenceGaps, s.balancedAccuracy, s.overallTpr, s.overallTnr, s.theilIndex,
          s.intersections, s.calibration, s.checks, s.missing, s.decision, s.warnings,
          s.warningsOmitted, s.reviews, s.source, s.tableSha256, s.contractVersion, s.specName,
          s.favourableLabel, s.familiesInput, s.familiesLeftOut, s.refusals, s.repeats, s.lpbs,
          s.labelDistances, s.replySimilarity, s.scoreParity, s.embeddingSimilarity)

#undef CP_FIELDS

class Writer
{
public:
    std::string out;
    /// Counting: nothing is written, `counted` adds up the bytes that would be (a first pass
    /// that sizes `out` once: growing it by doubling took twice a large audit's bytes).
    bool counting = false;
    std::size_t counted = 0;

    template<typename... T> void all(const T &...v) { ((*this)(v), ...); }

    void raw(const void *p, std::size_t n)
    {
        if (counting)
            counted += n;
        else
            out.append(static_cast<const char *>(p), n);
    }
    void operator()(bool v)
    {
        const char c = v ? '\1' : '\0';
        raw(&c, 1);
    }
    void operator()(std::int64_t v) { raw(&v, sizeof v); }
    void operator()(int v) { (*this)(std::int64_t(v)); }
    void operator()(double v) { raw(&v, sizeof v); }
    void operator()(const std::string &v)
    {
        (*this)(std::int64_t(v.size()));
        raw(v.data(), v.size());
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

std::string encodeAudit(const AuditResult &result, std::string prefix)
{
    Writer w;
    w.counting = true;
    w(result);
    w.counting = false;
    w.out = std::move(prefix);
    w.out.reserve(w.out.size() + sizeof Magic + sizeof(std::int64_t) + w.counted);
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

namespace {

template<typename T> std::vector<std::int64_t> widened(const std::vector<T> &v)
{
    return std::vector<std::int64_t>(v.begin(), v.end());
}

/// Narrows read values into `to`, each in [low, high); false (and the reader failed) otherwise.
template<typename T>
bool narrowed(Reader &r, const std::vector<std::int64_t> &from, std::vector<T> &to,
              std::int64_t low, std::int64_t high, const char *what)
{
    if (r.failed())
        return false;
    to.clear();
    to.reserve(from.size());
    for (const std::int64_t v : from) {
        if (v < low || v >= high) {
            r.fail(std::string(what) + " is out of range");
            return false;
        }
        to.push_back(T(v));
    }
    return true;
}

void writeDims(Writer &w, const std::vector<PairsIndex::Dimension> &dims)
{
    w(std::int64_t(dims.size()));
    for (const PairsIndex::Dimension &d : dims)
        w(d.name), w(d.column), w(d.groups), w(widened(d.groupOfRow));
}

void readDims(Reader &r, std::vector<PairsIndex::Dimension> &dims, std::size_t rows,
              std::size_t columns)
{
    const auto n = r.count();
    if (!n)
        return;
    for (std::size_t i = 0; i < *n && !r.failed(); ++i) {
        PairsIndex::Dimension &d = dims.emplace_back();
        std::vector<std::int64_t> groupOfRow;
        r(d.name), r(d.column), r(d.groups), r(groupOfRow);
        if (r.failed())
            return;
        if (d.column < -1 || d.column >= std::int64_t(columns))
            return r.fail("a dimension's column is out of range");
        if (groupOfRow.size() != rows)
            return r.fail("a dimension does not cover every row");
        narrowed(r, groupOfRow, d.groupOfRow, 0,
                 std::min<std::int64_t>(std::int64_t(d.groups.size()), 65536), "a group");
    }
}

} // namespace

std::string encodePairExcerpt(const PairsIndex &x)
{
    Writer w;
    w.raw(PairsMagic, sizeof PairsMagic);
    w(std::int64_t(AuditCodecVersion));
    const auto *cellRows = dynamic_cast<const CellRows *>(x.rows.get());
    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> cells;
    if (cellRows) {
        ids = cellRows->ids();
        for (std::int64_t r = 0; r < cellRows->rowCount(); ++r)
            cells.push_back(cellRows->rowCells(r));
    } else if (x.rows) {
        std::vector<std::string_view> views;
        std::string scratch;
        for (std::int64_t r = 0; r < x.rows->rowCount(); ++r) {
            ids.push_back(x.rows->id(r));
            x.rows->cells(r, views, scratch);
            cells.emplace_back(views.begin(), views.end());
        }
    }
    w(x.rows ? x.rows->columns() : std::vector<std::string>()), w(ids), w(cells);
    w(std::int64_t(x.families.size()));
    for (const PairsIndex::Family &f : x.families)
        w(f.begin), w(std::int64_t(f.variants)), w(f.flipped), w(std::int64_t(f.stage)),
                w(double(f.scoreRange)), w(f.refusal);
    w(widened(x.familyRows)), w(widened(x.familyOfRow)), w(widened(x.outcome));
    w(x.outcomeLabels);
    w(std::vector<double>(x.score.begin(), x.score.end()));
    w(x.threshold), w(x.stages);
    writeDims(w, x.protectedDims);
    writeDims(w, x.strata);
    w(x.flippedFamilies), w(x.sourceRows), w(x.replyMaskWords);
    return std::move(w.out);
}

Result<std::shared_ptr<const PairsIndex>> decodePairExcerpt(std::string_view bytes,
                                                            const std::string &where)
{
    const auto error = [&](std::size_t at, const std::string &why) {
        return Error{ErrorCode::Storage, where, 0, "byte " + std::to_string(at),
                     "the stored pairs cannot be read: " + why};
    };
    if (bytes.size() < sizeof PairsMagic
        || std::memcmp(bytes.data(), PairsMagic, sizeof PairsMagic) != 0)
        return error(0, "they are not stored pairs");
    Reader r(bytes);
    r.at = sizeof PairsMagic;
    std::int64_t version = 0;
    r(version);
    if (!r.failed() && version != AuditCodecVersion)
        return error(sizeof PairsMagic, "they were written in format " + std::to_string(version)
                                            + ", this build reads "
                                            + std::to_string(AuditCodecVersion));
    auto x = std::make_shared<PairsIndex>();
    std::vector<std::string> columns, ids;
    std::vector<std::vector<std::string>> cells;
    r(columns), r(ids), r(cells);
    const std::size_t rows = cells.size();
    if (!r.failed() && ids.size() != rows)
        r.fail("the row ids do not match the rows");
    for (const auto &row : cells)
        if (!r.failed() && row.size() > columns.size())
            r.fail("a row has more cells than columns");
    if (const auto n = r.count())
        for (std::size_t i = 0; i < *n && !r.failed(); ++i) {
            PairsIndex::Family &f = x->families.emplace_back();
            std::int64_t variants = 0, stage = 0;
            double range = 0;
            r(f.begin), r(variants), r(f.flipped), r(stage), r(range), r(f.refusal);
            if (r.failed())
                break;
            if (f.begin < 0 || variants < 1 || variants > std::int64_t(rows)
                || f.begin > std::int64_t(rows) - variants)
                r.fail("a family's rows are out of range");
            f.variants = std::int32_t(variants);
            f.stage = std::int16_t(std::clamp<std::int64_t>(stage, -2, 32767));
            f.scoreRange = float(range);
        }
    std::vector<std::int64_t> familyRows, familyOfRow, outcome;
    r(familyRows), r(familyOfRow), r(outcome), r(x->outcomeLabels);
    std::vector<double> score;
    r(score), r(x->threshold), r(x->stages);
    if (!r.failed()
        && (familyRows.size() != rows || familyOfRow.size() != rows || outcome.size() != rows
            || score.size() != rows))
        r.fail("the per-row arrays do not match the rows");
    narrowed(r, familyRows, x->familyRows, 0, std::int64_t(rows), "a family's row");
    narrowed(r, familyOfRow, x->familyOfRow, 0, std::int64_t(x->families.size()), "a row's family");
    narrowed(r, outcome, x->outcome, 0,
             std::min<std::int64_t>(std::int64_t(x->outcomeLabels.size()), 256), "an outcome");
    x->score.assign(score.begin(), score.end());
    for (const PairsIndex::Family &f : x->families) {
        if (r.failed())
            break;
        if (f.stage < -1 || f.stage >= std::int64_t(x->stages.size()))
            r.fail("a family's stage is out of range");
        for (std::int32_t v = 0; v < f.variants && !r.failed(); ++v)
            if (x->familyOfRow[x->familyRows[std::size_t(f.begin + v)]]
                != std::uint32_t(&f - x->families.data()))
                r.fail("a family's row belongs to another family");
    }
    readDims(r, x->protectedDims, rows, columns.size());
    readDims(r, x->strata, rows, columns.size());
    r(x->flippedFamilies), r(x->sourceRows), r(x->replyMaskWords);
    if (!r.failed() && x->sourceRows.size() != rows)
        r.fail("the source rows do not match the rows");
    for (const std::int64_t row : x->sourceRows)
        if (!r.failed() && row < 0)
            r.fail("a source row is negative");
    if (!r.failed() && r.left() != 0)
        r.fail(std::to_string(r.left()) + " byte(s) follow the end");
    if (r.failed())
        return error(*r.failedAt, r.why);
    x->rows = std::make_shared<CellRows>(std::move(columns), std::move(ids), std::move(cells));
    return std::shared_ptr<const PairsIndex>(std::move(x));
}

} // namespace cp
