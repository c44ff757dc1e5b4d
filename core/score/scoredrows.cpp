// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scoredrows.h"

#include <core/common/embedding.h>
#include <core/common/sha256.h>
#include <core/probeset/canonicalcsv.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace cp {

namespace {

/// printf's %.<precision>g, which the scored table's CSV has always used (std::to_chars with a
/// precision is specified to give the same text, and is several times faster).
std::string_view general(double v, int precision, std::string &scratch)
{
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, precision);
    scratch.assign(buf, r.ptr);
    return scratch;
}

void appendGeneral(std::string &out, double v, int precision)
{
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, precision);
    out.append(buf, r.ptr);
}

} // namespace

// --- RowResults ---------------------------------------------------------------------------

std::string_view RowResults::error(std::int64_t row) const
{
    const auto it = std::lower_bound(errors.begin(), errors.end(), row,
                                     [](const auto &e, std::int64_t r) { return e.first < r; });
    return it != errors.end() && it->first == row ? std::string_view(it->second)
                                                  : std::string_view();
}

std::string_view RowResults::text(std::size_t c, std::int64_t row, std::string &scratch) const
{
    const auto r = std::size_t(row);
    switch (c) {
    case 0:
        return std::isnan(score[r]) ? std::string_view() : general(score[r], 17, scratch);
    case 1:
        return label[r] < 0 ? std::string_view() : std::string_view(labels[std::size_t(label[r])]);
    case 2:
        return flags[r] & Refused ? "true" : "false";
    case 3:
        return (flags[r] & Usable) ? std::string_view() : error(row);
    case 4:
        if (agreement[r] == 0)
            return {};
        return general(double(agreement[r] >> 16) / double(agreement[r] & 0xffff), 4, scratch);
    case 5:
        return logprob.empty() || std::isnan(logprob[r]) ? std::string_view()
                                                         : general(logprob[r], 17, scratch);
    case 6:
        return reply(row);
    case 7:
        return favourableShare.empty() || std::isnan(favourableShare[r])
                   ? std::string_view()
                   : general(double(favourableShare[r]), 6, scratch);
    case 8:
        if (!repeated)
            return {};
        return flags[r] & Tie ? "true" : "false";
    case EmbeddingResultColumn:
        scratch.clear();
        embedding::appendText(scratch, embedding(row));
        return scratch;
    }
    return {};
}

std::string_view RowResults::reply(std::int64_t row) const
{
    const auto r = std::size_t(row);
    if (replyAt.empty() || replyLength[r] == std::numeric_limits<std::uint32_t>::max())
        return {};
    return std::string_view(replies).substr(std::size_t(replyAt[r]), replyLength[r]);
}

// --- ResultAggregator ---------------------------------------------------------------------

/// One row's repeats so far, in 40 bytes while they agree on one label.
struct ResultAggregator::Pending {
    double scoreSum = 0;
    float minScore = 0, maxScore = 0;     ///< over the repeats that gave a score
    std::int32_t results = 0;
    std::int32_t scores = 0;
    std::int32_t refused = 0;
    std::int32_t error = -1;              ///< index into the error texts
    std::int32_t label = -1;              ///< the first label seen
    std::int32_t labelCount = 0;
    std::int32_t logprobs = 0;
    std::int32_t judged = 0;              ///< repeats with an outcome (score or label)
    bool embedded = false;                ///< a repeat gave an embedding
    std::int32_t favourable = 0;          ///< of them, favourable
    double probabilitySum = 0;
    std::unique_ptr<std::vector<std::pair<int, int>>> otherLabels;  ///< repeats that disagree
};

ResultAggregator::ResultAggregator(std::int64_t rows, bool ordered,
                                   std::optional<double> threshold)
    : ResultAggregator(rows, ordered, OutcomeRule{threshold, {}, 1})
{
}

ResultAggregator::ResultAggregator(std::int64_t rows, bool ordered, OutcomeRule rule)
    : m_threshold(rule.threshold), m_rule(std::move(rule)), m_ordered(ordered)
{
    const auto n = std::size_t(std::max<std::int64_t>(rows, 0));
    m_out.score.assign(n, std::numeric_limits<double>::quiet_NaN());
    m_out.label.assign(n, -1);
    m_out.agreement.assign(n, 0);
    m_out.flags.assign(n, 0);
    if (ordered)
        m_pending = std::make_unique<Pending>();
    else
        m_all.resize(n);
    if (m_rule.repeats > 1) {
        m_out.repeated = true;
        m_out.favourableShare.assign(n, std::numeric_limits<float>::quiet_NaN());
    }
}

ResultAggregator::~ResultAggregator() = default;

int ResultAggregator::labelId(std::string_view label)
{
    // A run has a handful of labels: most rows repeat the one before.
    if (m_lastLabel >= 0 && m_out.labels[std::size_t(m_lastLabel)] == label)
        return m_lastLabel;
    const auto [it, added] = m_labelIds.try_emplace(std::string(label), int(m_out.labels.size()));
    if (added) {
        m_out.labels.emplace_back(label);
        const auto &fav = m_rule.favourableLabels;
        m_favourableLabel.push_back(std::find(fav.begin(), fav.end(), label) != fav.end());
    }
    return m_lastLabel = it->second;
}

void ResultAggregator::add(std::int64_t row, const ScoreResult &r)
{
    ScoreOutcome o;
    o.row = row;
    o.score = r.score;
    o.label = r.label;
    o.refused = r.refused;
    o.error = r.error;
    if (r.text)
        o.text = *r.text;
    o.logprob = r.logprob;
    std::string packed;
    if (!r.embedding.empty()) {
        packed = embedding::pack(r.embedding);
        o.embedding = packed;
    }
    add(o);
}

void ResultAggregator::keep(std::int64_t row, const ScoreOutcome &r)
{
    // The reply of the first repeat that gave one; the rows' replies follow one another.
    if (!r.text.empty()) {
        if (m_out.replyAt.empty()) {
            m_out.replyAt.assign(m_out.flags.size(), 0);
            m_out.replyLength.assign(m_out.flags.size(), std::numeric_limits<std::uint32_t>::max());
        }
        const auto i = std::size_t(row);
        if (m_out.replyLength[i] == std::numeric_limits<std::uint32_t>::max()) {
            const std::string_view text =
                r.text.substr(0, std::min<std::size_t>(r.text.size(), 0xfffffffe));
            m_out.replyAt[i] = m_out.replies.size();
            m_out.replyLength[i] = std::uint32_t(text.size());
            m_out.replies += text;
        }
    }
    if (r.logprob && m_out.logprob.empty())
        m_out.logprob.assign(m_out.flags.size(), std::numeric_limits<double>::quiet_NaN());
    // The embedding of the first repeat that gave one, as for the reply.
    if (r.embedding.size() >= 4) {
        if (m_out.embeddingAt.empty()) {
            m_out.embeddingAt.assign(m_out.flags.size(), 0);
            m_out.embeddingSize.assign(m_out.flags.size(), 0);
        }
        const auto i = std::size_t(row);
        if (m_out.embeddingSize[i] == 0 && embedding::unpack(r.embedding, m_embedding)) {
            m_out.embeddingAt[i] = m_out.embeddingValues.size();
            m_out.embeddingSize[i] = std::uint32_t(m_embedding.size());
            m_out.embeddingValues.insert(m_out.embeddingValues.end(), m_embedding.begin(),
                                         m_embedding.end());
        }
    }
}

void ResultAggregator::add(const ScoreOutcome &r)
{
    const std::int64_t row = r.row;
    if (row < 0 || row >= m_out.rowCount())
        return;
    if (m_ordered && row != m_current) {
        if (m_current >= 0)
            finalize(m_current, *m_pending);
        *m_pending = Pending{};
        m_current = row;
    }
    Pending &a = m_ordered ? *m_pending : m_all[std::size_t(row)];
    ++a.results;
    if (!r.error.empty()) {
        if (a.error < 0) {
            a.error = std::int32_t(m_errorTexts.size());
            m_errorTexts.emplace_back(r.error);
        }
        return;
    }
    keep(row, r);
    a.embedded = a.embedded || r.embedding.size() >= 4;
    if (r.logprob && std::isfinite(*r.logprob)) {
        a.probabilitySum += std::exp(*r.logprob);
        ++a.logprobs;
    }
    if (r.refused)
        ++a.refused;
    else if (m_rule.repeats > 1 && m_threshold && r.score) {
        ++a.judged;
        a.favourable += *r.score >= *m_threshold;
    }
    if (r.score) {
        a.scoreSum += *r.score;
        const auto v = float(*r.score);
        a.minScore = a.scores == 0 ? v : std::min(a.minScore, v);
        a.maxScore = a.scores == 0 ? v : std::max(a.maxScore, v);
        ++a.scores;
    }
    if (r.label.empty())
        return;
    const int id = labelId(r.label);
    if (m_rule.repeats > 1 && !m_threshold && !r.refused) {
        ++a.judged;
        a.favourable += m_favourableLabel[std::size_t(id)];
    }
    if (a.label < 0 || a.label == id) {
        a.label = id;
        ++a.labelCount;
        return;
    }
    if (!a.otherLabels)
        a.otherLabels = std::make_unique<std::vector<std::pair<int, int>>>();
    for (auto &[l, count] : *a.otherLabels)
        if (l == id) {
            ++count;
            return;
        }
    a.otherLabels->emplace_back(id, 1);
}

void ResultAggregator::finalize(std::int64_t row, Pending &a)
{
    const auto r = std::size_t(row);
    if (a.scores > 0)
        m_out.score[r] = a.scoreSum / a.scores;
    int label = a.label, best = a.labelCount, answered = a.labelCount;
    const auto &names = m_out.labels;
    bool tie = false;
    if (a.otherLabels)
        for (const auto &[l, count] : *a.otherLabels) {
            answered += count;
            if (count > best
                || (count == best && names[std::size_t(l)] < names[std::size_t(label)])) {
                best = count;
                label = l;
            }
        }
    if (a.otherLabels) {
        int atBest = a.labelCount == best;
        for (const auto &[l, count] : *a.otherLabels)
            atBest += count == best;
        tie = atBest > 1;
    }
    if (a.logprobs > 0 && !m_out.logprob.empty())
        m_out.logprob[r] = std::log(a.probabilitySum / a.logprobs);
    if (!m_out.favourableShare.empty() && a.judged > 0)
        m_out.favourableShare[r] = float(double(a.favourable) / double(a.judged));
    m_out.label[r] = label;
    if (answered > 0)
        m_out.agreement[r] = (std::uint32_t(std::min(best, 0xffff)) << 16)
                             | std::uint32_t(std::min(answered, 0xffff));
    std::uint8_t flags = 0;
    const bool usable = a.scores > 0 || a.label >= 0 || a.embedded;
    const bool refused = a.refused * 2 > a.results && a.results > 0;
    // A refusal is an answer: a refused row is counted as refused, never as unscored.
    if (usable)
        flags |= RowResults::Usable;
    else if (!refused)
        ++m_out.unscored;
    if (refused) {
        flags |= RowResults::Refused;
        ++m_out.refused;
    }
    const bool unstable = (a.otherLabels && !a.otherLabels->empty())
                          || (m_threshold && a.scores > 1 && double(a.minScore) < *m_threshold
                              && double(a.maxScore) >= *m_threshold);
    if (unstable) {
        flags |= RowResults::Unstable;
        ++m_out.unstable;
    }
    if (tie)
        flags |= RowResults::Tie;
    m_out.flags[r] = flags;
    if (!usable && label < 0 && a.error >= 0)
        m_out.errors.emplace_back(row, m_errorTexts[std::size_t(a.error)]);
}

RowResults ResultAggregator::finish()
{
    if (m_ordered) {
        // Rows without any result were never seen: count them as unscored.
        if (m_current >= 0)
            finalize(m_current, *m_pending);
        std::int64_t seen = 0;
        for (std::uint8_t f : m_out.flags)
            seen += (f & (RowResults::Usable | RowResults::Refused)) != 0;
        m_out.unscored = m_out.rowCount() - seen;
    } else {
        for (std::size_t r = 0; r < m_all.size(); ++r)
            finalize(std::int64_t(r), m_all[r]);
        m_all.clear();
    }
    return std::move(m_out);
}

// --- ScoredRows ---------------------------------------------------------------------------

ScoredRows::ScoredRows(std::shared_ptr<const CsvRows> rows, std::shared_ptr<const RowResults> results)
    : m_rows(std::move(rows)), m_results(std::move(results))
{
    m_rowCount = m_rows->rowCount();
    init();
}

ScoredRows::ScoredRows(std::shared_ptr<const CsvRows> rows, std::shared_ptr<const RowResults> results,
                       std::vector<std::uint32_t> sourceRows, std::vector<std::uint32_t> isolated)
    : m_rows(std::move(rows)),
      m_results(std::move(results)),
      m_selects(true),
      m_sourceRows(std::move(sourceRows)),
      m_isolated(std::move(isolated))
{
    m_rowCount = std::int64_t(m_sourceRows.size());
    init();
}

void ScoredRows::init()
{
    m_columns = m_rows->columns();
    m_ownColumns = m_columns.size();
    for (const char *name : ResultColumnNames)
        m_columns.emplace_back(name);
    if (m_results->hasEmbeddings())
        m_columns.emplace_back(EmbeddingColumnName);
    const auto &c = m_columns;
    if (c.size() >= 2 && c[0] == "family" && c[1] == "variant") {
        m_idKind = IdKind::FamilyVariant;
    } else {
        for (std::size_t i = 0; i < c.size(); ++i)
            if (c[i] == "id") {
                m_idKind = IdKind::Column;
                m_idColumn = i;
            }
    }
}

void ScoredRows::cells(std::int64_t row, std::vector<std::string_view> &out,
                       std::string &scratch) const
{
    const std::int64_t source = sourceRow(row);
    m_rows->cells(source, out, scratch);
    // The views into scratch move when it grows: note them as offsets, append, then point.
    constexpr std::size_t InRows = std::numeric_limits<std::size_t>::max();
    std::vector<std::pair<std::size_t, std::size_t>> at(m_columns.size(), {InRows, 0});
    const char *base = scratch.data();
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!scratch.empty() && out[i].data() >= base && out[i].data() <= base + scratch.size())
            at[i] = {std::size_t(out[i].data() - base), out[i].size()};
    if (const std::uint32_t k = isolation(row); k > 0 && !out.empty()) {
        const std::string_view family = out[0];
        at[0] = {scratch.size(), 0};
        scratch += family;
        scratch += "~r" + std::to_string(k);
        at[0].second = scratch.size() - at[0].first;
    }
    std::string number;
    const std::size_t resultColumns = m_columns.size() - m_ownColumns;
    std::vector<std::string_view> results(resultColumns);
    for (std::size_t c = 0; c < resultColumns; ++c) {
        const std::string_view v = m_results->text(c, source, number);
        if (v.data() == number.data() && !v.empty()) {
            at[m_ownColumns + c] = {scratch.size(), v.size()};
            scratch += v;
        } else {
            results[c] = v;
        }
    }
    out.resize(m_columns.size());
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (at[i].first != InRows)
            out[i] = std::string_view(scratch.data() + at[i].first, at[i].second);
        else if (i >= m_ownColumns)
            out[i] = results[i - m_ownColumns];
    }
}

std::string_view ScoredRows::cell(std::int64_t row, std::size_t column, std::string &scratch) const
{
    const std::int64_t source = sourceRow(row);
    if (column >= m_ownColumns) {
        if (column >= m_columns.size())
            return {};
        const std::string_view v = m_results->text(column - m_ownColumns, source, scratch);
        return v;
    }
    const std::uint32_t k = column == 0 ? isolation(row) : 0;
    const std::string_view v = m_rows->cell(source, column, scratch);
    if (k == 0)
        return v;
    std::string family(v);
    family += "~r" + std::to_string(k);
    scratch = std::move(family);
    return scratch;
}

std::string ScoredRows::id(std::int64_t row) const
{
    if (m_idKind == IdKind::RowNumber)
        return std::to_string(row + 1);
    std::string scratch;
    if (m_idKind == IdKind::Column)
        return std::string(cell(row, m_idColumn, scratch));
    std::string id(cell(row, 0, scratch));
    id += ':';
    id += cell(row, 1, scratch);
    return id;
}

void ScoredRows::write(const std::function<void(std::string_view)> &out) const
{
    constexpr std::size_t Piece = std::size_t(1) << 20;
    std::string buf;
    buf.reserve(Piece + 4096);
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (c)
            buf += ',';
        appendCanonicalCsvField(buf, m_columns[c]);
    }
    buf += '\n';
    const RowResults &res = *m_results;
    // A run has a handful of labels and agreements and millions of rows: encode each once.
    std::vector<std::string> labels;
    for (const std::string &l : res.labels) {
        labels.emplace_back();
        appendCanonicalCsvField(labels.back(), l);
    }
    std::uint32_t lastAgreement = 0;
    std::string agreement;
    for (std::int64_t row = 0; row < m_rowCount; ++row) {
        const std::int64_t source = sourceRow(row);
        const std::string_view bytes = m_rows->rowBytes(source);
        if (const std::uint32_t k = isolation(row); k > 0) {
            // Isolation is only given to a family whose first cell is not quoted.
            const std::size_t cut = std::min(bytes.find(','), bytes.size());
            buf += bytes.substr(0, cut);
            buf += "~r";
            buf += std::to_string(k);
            buf += bytes.substr(cut);
        } else {
            buf += bytes;
        }
        const auto r = std::size_t(source);
        buf += ',';
        if (!std::isnan(res.score[r]))
            appendGeneral(buf, res.score[r], 17);
        buf += ',';
        if (res.label[r] >= 0)
            buf += labels[std::size_t(res.label[r])];
        buf += res.flags[r] & RowResults::Refused ? ",true," : ",false,";
        if (!(res.flags[r] & RowResults::Usable))
            appendCanonicalCsvField(buf, res.error(source));
        buf += ',';
        if (const std::uint32_t a = res.agreement[r]; a != 0) {
            if (a != lastAgreement) {
                agreement.clear();
                appendGeneral(agreement, double(a >> 16) / double(a & 0xffff), 4);
                lastAgreement = a;
            }
            buf += agreement;
        }
        buf += ',';
        if (!res.logprob.empty() && !std::isnan(res.logprob[r]))
            appendGeneral(buf, res.logprob[r], 17);
        buf += ',';
        if (const std::string_view reply = res.reply(source); !reply.empty())
            appendCanonicalCsvField(buf, reply);
        buf += ',';
        if (!res.favourableShare.empty() && !std::isnan(res.favourableShare[r]))
            appendGeneral(buf, double(res.favourableShare[r]), 6);
        buf += ',';
        if (res.repeated)
            buf += res.flags[r] & RowResults::Tie ? "true" : "false";
        if (res.hasEmbeddings()) {
            buf += ',';
            embedding::appendText(buf, res.embedding(source));
        }
        buf += '\n';
        if (buf.size() >= Piece) {
            out(buf);
            buf.clear();
        }
    }
    if (!buf.empty())
        out(buf);
}

std::string ScoredRows::csv() const
{
    std::string csv;
    csv.reserve(m_rows->bytes().size() + std::size_t(m_rowCount) * 32);
    write([&](std::string_view piece) { csv += piece; });
    return csv;
}

std::string ScoredRows::sha256() const
{
    Sha256 hash;
    write([&](std::string_view piece) { hash.update(piece); });
    return hash.hexDigest();
}

} // namespace cp
