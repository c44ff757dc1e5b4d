// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "familywriter.h"

#include "counterstream.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <cmath>
#include <numeric>

namespace cp {

namespace {

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, std::size_t(r.ptr - buf));
}

} // namespace

void appendFixed(std::string &out, double v, int decimals)
{
    if (!std::isfinite(v))
        v = 0;
    // Fast path: round v·10^d to an integer and place the point. The product is within 2^-13
    // of the exact value below 2^40, so unless it lies within 2^-10 of a half the rounding
    // matches to_chars' correctly rounded digits; the near-halves take the exact path below.
    static constexpr double Pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals >= 0 && decimals <= 9) {
        const double scaled = v * Pow10[decimals];
        if (std::fabs(scaled) < 0x1p40) {
            const double whole = std::floor(scaled);
            if (std::fabs(scaled - whole - 0.5) > 0x1p-10) {
                const std::int64_t n = std::int64_t(scaled - whole < 0.5 ? whole : whole + 1);
                const std::uint64_t a = std::uint64_t(n < 0 ? -n : n);
                char buf[48];
                char *p = buf + sizeof buf;
                std::uint64_t rest = a;
                for (int d = 0; d < decimals; ++d, rest /= 10)
                    *--p = char('0' + rest % 10);
                if (decimals > 0)
                    *--p = '.';
                do {
                    *--p = char('0' + rest % 10);
                    rest /= 10;
                } while (rest != 0);
                if (n < 0)  // never "-0.0": a value rounding to zero has no sign
                    *--p = '-';
                out.append(p, std::size_t(buf + sizeof buf - p));
                return;
            }
        }
    }
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (r.ec != std::errc()) {
        buf[0] = '0';
        r.ptr = buf + 1;
    }
    const char *start = buf;
    if (buf[0] == '-' && std::all_of(buf + 1, r.ptr, [](char c) { return c == '0' || c == '.'; }))
        ++start;
    out.append(start, std::size_t(r.ptr - start));
}

namespace {

/// Appends a CSV cell, quoted only when it holds a comma, quote or line break.
void appendCsv(std::string &out, std::string_view text)
{
    if (!needsEscaping(text, true)) {
        out.append(text);
        return;
    }
    out += '"';
    std::size_t from = 0;
    for (std::size_t q = text.find('"'); q != std::string_view::npos; q = text.find('"', q + 1)) {
        out.append(text.substr(from, q + 1 - from));
        out += '"';
        from = q + 1;
    }
    out.append(text.substr(from));
    out += '"';
}

/// Copies t to p and advances p. Most cells are a few bytes to a few dozen: overlapping
/// word moves beat a call to memcpy for those.
inline void copyAdvance(char *&p, std::string_view t)
{
    const char *src = t.data();
    const std::size_t n = t.size();
    if (n <= 16) {
        if (n >= 8) {
            std::uint64_t a, b;
            std::memcpy(&a, src, 8);
            std::memcpy(&b, src + n - 8, 8);
            std::memcpy(p, &a, 8);
            std::memcpy(p + n - 8, &b, 8);
        } else if (n >= 4) {
            std::uint32_t a, b;
            std::memcpy(&a, src, 4);
            std::memcpy(&b, src + n - 4, 4);
            std::memcpy(p, &a, 4);
            std::memcpy(p + n - 4, &b, 4);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                p[i] = src[i];
        }
    } else {
        std::memcpy(p, src, n);
    }
    p += n;
}

void appendJsonString(std::string &out, std::string_view text)
{
    out += '"';
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static constexpr char Hex[] = "0123456789abcdef";
            out += "\\u00";
            out += Hex[u >> 4];
            out += Hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

FamilyWriter::FamilyWriter(const GenerationPlan &plan, OutputFormat format)
    : m_plan(plan), m_format(format), m_variants(int(plan.variants.size()))
{
    const std::size_t v = std::size_t(m_variants);
    m_buffer.resize(plan.fields.size());
    m_text.resize(plan.fields.size());
    m_escape.assign(plan.fields.size(), 0);
    m_number.assign(plan.fields.size(), 0);
    m_choice.assign(plan.fields.size(), 0);
    m_linked.resize(plan.linked.size() * v);
    m_linkedRank.assign(plan.linked.size() * v, 0);
    m_dependent.resize(plan.dependentFields.size() * v);
    m_strataValue.assign(plan.strataFields.size(), 0);
    for (const auto &c : plan.columns) {
        std::string key = ",";
        appendJsonString(key, c);
        key += ':';
        m_jsonKeys.push_back(std::move(key));
    }
    m_jsonKeys[0][0] = '{';
    // The variant label and protected cells depend only on the variant: format them once.
    const bool csv = format == OutputFormat::Csv;
    for (const PlanVariant &variant : plan.variants) {
        std::string prefix;
        if (csv) {
            prefix += ',';
            appendCsv(prefix, variant.label);
        } else {
            prefix += m_jsonKeys[1];
            appendJsonString(prefix, variant.label);
        }
        for (std::size_t a = 0; a < plan.attributes.size(); ++a)
            cell(2 + a, plan.groups[a][std::size_t(variant.groups[a])], false, prefix);
        m_variantPrefix.push_back(std::move(prefix));
    }
    m_segments.resize(plan.dependentFields.size() * v);
    for (std::size_t d = 0; d < plan.dependentFields.size(); ++d)
        for (std::size_t k = 0; k < v; ++k) {
            compileDependent(plan.fields[std::size_t(plan.dependentFields[d])], k,
                             m_segments[d * v + k]);
            for (Segment &s : m_segments[d * v + k])
                s.escape = needsEscaping(s.text, csv);
        }
    m_linkedEscape.assign(plan.linked.size() * v, 0);
    m_dependentEscape.assign(plan.dependentFields.size() * v, 0);
    m_stats.init(plan);
}

void FamilyWriter::header(std::string &out) const
{
    if (m_format != OutputFormat::Csv)
        return;
    for (std::size_t i = 0; i < m_plan.columns.size(); ++i) {
        if (i)
            out += ',';
        appendCsv(out, m_plan.columns[i]);
    }
    out += '\n';
}

void FamilyWriter::assignStrata(std::int64_t family)
{
    const std::int64_t k = m_plan.strataCombinations;
    if (m_plan.strataFields.empty())
        return;
    const std::int64_t block = family / k;
    if (block != m_permutationBlock) {
        // Same Fisher–Yates as stratumOf(), run to the end once per block.
        m_permutation.resize(std::size_t(k));
        std::iota(m_permutation.begin(), m_permutation.end(), 0);
        const CounterStream s(m_plan.seed, std::uint64_t(block), CounterStream::key("\x01strata"));
        for (std::int64_t i = 0; i < k; ++i) {
            const std::int64_t j = i + std::int64_t(s.uniform(std::uint32_t(i)) * double(k - i));
            std::swap(m_permutation[std::size_t(i)], m_permutation[std::size_t(std::min(j, k - 1))]);
        }
        m_permutationBlock = block;
    }
    m_stratum = m_permutation[std::size_t(family % k)];
    std::int64_t rest = m_stratum;
    for (std::size_t s = m_plan.strataFields.size(); s-- > 0;) {
        const auto n = std::int64_t(
            m_plan.fields[std::size_t(m_plan.strataFields[s])].list.values.size());
        m_strataValue[s] = int(rest % n);
        rest /= n;
    }
}

void FamilyWriter::drawField(const PlanField &f, std::int64_t family, const CounterStream &s,
                             std::string &buffer, std::string_view &view, bool &escape,
                             double &number, int &choice)
{
    const bool csv = m_format == OutputFormat::Csv;
    // Numbers and dates are digits, signs, points and dashes: never quoted or escaped. List
    // values carry their flags; the rest is checked.
    escape = false;
    std::string &text = buffer;
    text.clear();
    view = {};
    switch (f.kind) {
    case FieldKind::Id: {
        escape = needsEscaping(f.prefix, csv);
        text += f.prefix;
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, family + 1);
        for (int pad = f.idWidth - int(r.ptr - buf); pad > 0; --pad)
            text += '0';
        text.append(buf, std::size_t(r.ptr - buf));
        number = double(family + 1);
        break;
    }
    case FieldKind::Choice:
        choice = f.strataIndex >= 0 ? m_strataValue[std::size_t(f.strataIndex)]
                                    : int(f.list.pick(s.uniform(0)));
        view = f.list.values[std::size_t(choice)];
        escape = f.list.escaping[std::size_t(choice)] & (csv ? 1 : 2);
        number = f.list.numbers[std::size_t(choice)];
        return;
    case FieldKind::Int: {
        const double lo = std::ceil(boundValue(f.min));
        double hi = std::floor(boundValue(f.max));
        if (hi < lo) {
            hi = lo;
            ++m_stats.boundsInverted;
        }
        const double v = std::min(hi, lo + std::floor(s.uniform(0) * (hi - lo + 1)));
        appendInt(text, std::int64_t(v));
        number = v;
        break;
    }
    case FieldKind::Real: {
        const double lo = boundValue(f.min);
        const double hi = std::max(lo, boundValue(f.max));
        number = lo + s.uniform(0) * (hi - lo);
        appendFixed(text, number, f.decimals);
        break;
    }
    case FieldKind::Normal:
    case FieldKind::Lognormal: {
        const double z = s.normal(0);
        double v = f.kind == FieldKind::Normal ? f.mean + f.sd * z : std::exp(f.mu + f.sigma * z);
        if (f.min.set)
            v = std::max(v, boundValue(f.min));
        if (f.max.set)
            v = std::min(v, boundValue(f.max));
        number = v;
        appendFixed(text, v, f.decimals);
        break;
    }
    case FieldKind::Date: {
        const std::int64_t day = std::min(
            f.toDay, f.fromDay + std::int64_t(s.uniform(0) * double(f.toDay - f.fromDay + 1)));
        char buf[10];
        formatIsoDate(day, buf);
        text.append(buf, 10);
        number = double(day);
        break;
    }
    case FieldKind::Conditional: {
        const int c = f.caseForValue[std::size_t(m_choice[std::size_t(f.onField)])];
        drawField(f.cases[std::size_t(c)], family, s, buffer, view, escape, number, choice);
        return;
    }
    case FieldKind::Provider: {
        const WeightedList &list =
            f.keyField >= 0 ? f.keyedLists[std::size_t(m_choice[std::size_t(f.keyField)])]
                            : f.list;
        const std::size_t i = list.pick(s.uniform(0));
        view = list.values[i];
        escape = list.escaping[i] & (csv ? 1 : 2);
        number = list.numbers[i];
        return;
    }
    case FieldKind::Template:
        render(f, -1, text);
        escape = needsEscaping(text, csv);
        number = 0;
        break;
    }
    view = text;
}

void FamilyWriter::render(const PlanField &f, int variant, std::string &out) const
{
    const std::size_t nv = std::size_t(m_variants);
    PronounSet set = PronounSet::They;
    if (variant >= 0 && f.pronounLinked >= 0) {
        const auto &pl = m_plan.linked[std::size_t(f.pronounLinked)];
        set = pl.pronouns[std::size_t(
            m_plan.variants[std::size_t(variant)].linkedCombination[std::size_t(f.pronounLinked)])];
    }
    for (const PlanPiece &p : f.pieces) {
        switch (p.kind) {
        case PlanPiece::Kind::Literal: out += p.text; break;
        case PlanPiece::Kind::Base: out += m_text[std::size_t(p.index)]; break;
        case PlanPiece::Kind::Protected:
            out += m_plan.groups[std::size_t(p.index)]
                                [std::size_t(m_plan.variants[std::size_t(variant)]
                                                 .groups[std::size_t(p.index)])];
            break;
        case PlanPiece::Kind::Linked:
            out += m_linked[std::size_t(p.index) * nv + std::size_t(variant)];
            break;
        case PlanPiece::Kind::Dependent:
            out += m_dependent[std::size_t(p.index) * nv + std::size_t(variant)];
            break;
        case PlanPiece::Kind::Pronoun: {
            const std::string_view w = pronounWord(set, p.form);
            const std::size_t at = out.size();
            out += w;
            if (p.capital && out[at] >= 'a' && out[at] <= 'z')
                out[at] = char(out[at] - 'a' + 'A');
            break;
        }
        case PlanPiece::Kind::Verb: out += set == PronounSet::They ? p.plural : p.text; break;
        }
    }
}

void FamilyWriter::compileDependent(const PlanField &f, std::size_t variant,
                                    std::vector<Segment> &out) const
{
    // Mirrors render() for a known variant.
    const PlanVariant &pv = m_plan.variants[variant];
    PronounSet set = PronounSet::They;
    if (f.pronounLinked >= 0)
        set = m_plan.linked[std::size_t(f.pronounLinked)]
                  .pronouns[std::size_t(pv.linkedCombination[std::size_t(f.pronounLinked)])];
    auto text = [&out](std::string_view t) -> std::string & {
        if (out.empty() || out.back().kind != Segment::Kind::Text)
            out.push_back({});
        out.back().text += t;
        return out.back().text;
    };
    for (const PlanPiece &p : f.pieces) {
        switch (p.kind) {
        case PlanPiece::Kind::Literal: text(p.text); break;
        case PlanPiece::Kind::Protected:
            text(m_plan.groups[std::size_t(p.index)][std::size_t(pv.groups[std::size_t(p.index)])]);
            break;
        case PlanPiece::Kind::Pronoun: {
            std::string &t = text({});
            const std::size_t at = t.size();
            t += pronounWord(set, p.form);
            if (p.capital && at < t.size() && t[at] >= 'a' && t[at] <= 'z')
                t[at] = char(t[at] - 'a' + 'A');
            break;
        }
        case PlanPiece::Kind::Verb: text(set == PronounSet::They ? p.plural : p.text); break;
        case PlanPiece::Kind::Base: out.push_back({Segment::Kind::Base, p.index, {}}); break;
        case PlanPiece::Kind::Linked: out.push_back({Segment::Kind::Linked, p.index, {}}); break;
        case PlanPiece::Kind::Dependent:
            out.push_back({Segment::Kind::Dependent, p.index, {}});
            break;
        }
    }
}

inline std::string_view FamilyWriter::segmentText(const Segment &s, std::size_t variant) const
{
    const std::size_t nv = std::size_t(m_variants);
    switch (s.kind) {
    case Segment::Kind::Text: return s.text;
    case Segment::Kind::Base: return m_text[std::size_t(s.index)];
    case Segment::Kind::Linked: return m_linked[std::size_t(s.index) * nv + variant];
    case Segment::Kind::Dependent: return m_dependent[std::size_t(s.index) * nv + variant];
    }
    return {};
}

void FamilyWriter::cell(std::size_t column, std::string_view text, bool numeric,
                        std::string &out) const
{
    if (m_format == OutputFormat::Csv) {
        out += ',';
        appendCsv(out, text);
        return;
    }
    out += m_jsonKeys[column];
    if (numeric)
        out += text;
    else
        appendJsonString(out, text);
}

void FamilyWriter::write(std::int64_t family, std::string &out)
{
    const std::size_t nv = std::size_t(m_variants);
    const bool csv = m_format == OutputFormat::Csv;
    assignStrata(family);
    const std::uint64_t familyKey = CounterStream::familyKey(m_plan.seed, std::uint64_t(family));
    for (int i : m_plan.baseFields) {
        const PlanField &f = m_plan.fields[std::size_t(i)];
        const auto s = CounterStream::fromFamilyKey(familyKey, f.stream);
        const std::size_t k = std::size_t(i);
        bool escape = false;
        drawField(f, family, s, m_buffer[k], m_text[k], escape, m_number[k], m_choice[k]);
        m_escape[k] = escape;
    }
    // A linked value is drawn once per family, as a quantile; each variant takes the entry at
    // that quantile of its own group's list, so a common name maps to an equally common one.
    for (std::size_t l = 0; l < m_plan.linked.size(); ++l) {
        const PlanLinked &pl = m_plan.linked[l];
        const double u = CounterStream::fromFamilyKey(familyKey, pl.stream).uniform(0);
        for (std::size_t v = 0; v < nv; ++v) {
            const WeightedList &list =
                pl.lists[std::size_t(m_plan.variants[v].linkedCombination[l])];
            const std::size_t rank = list.pick(u);
            m_linkedRank[l * nv + v] = rank;
            m_linked[l * nv + v] = list.values[rank];
            m_linkedEscape[l * nv + v] = char(list.escaping[rank] & (csv ? 1 : 2));
        }
    }
    for (std::size_t d = 0; d < m_plan.dependentFields.size(); ++d) {
        const PlanField &f = m_plan.fields[std::size_t(m_plan.dependentFields[d])];
        (void)f;
        for (std::size_t v = 0; v < nv; ++v) {
            // One resize and a copy per segment: a std::string append per piece was the
            // costliest part of a row.
            const auto &segments = m_segments[d * nv + v];
            std::size_t length = 0;
            bool escape = false;
            for (const Segment &s : segments) {
                const std::string_view t = segmentText(s, v);
                length += t.size();
                // Whether the sentence needs quoting follows from its parts, most known ahead.
                switch (s.kind) {
                case Segment::Kind::Text: escape = escape || s.escape; break;
                case Segment::Kind::Base: escape = escape || m_escape[std::size_t(s.index)]; break;
                case Segment::Kind::Linked:
                    escape = escape || m_linkedEscape[std::size_t(s.index) * nv + v];
                    break;
                case Segment::Kind::Dependent:
                    escape = escape || m_dependentEscape[std::size_t(s.index) * nv + v];
                    break;
                }
            }
            m_dependentEscape[d * nv + v] = escape;
            std::string &text = m_dependent[d * nv + v];
            text.resize(length);
            char *p = text.data();
            for (const Segment &s : segments) {
                copyAdvance(p, segmentText(s, v));
            }
        }
    }

    // Every cell after the linked and dependent ones is the same in all variants of the
    // family (SPEC.md, Output): format those once, with the row's end, and copy the bytes.
    std::size_t column = 2 + m_plan.attributes.size() + m_plan.linked.size()
                         + m_plan.dependentFields.size();
    m_shared.clear();
    bool sharedPlain = csv;
    std::size_t sharedLength = 1;
    for (int i : m_plan.baseFields) {
        sharedPlain = sharedPlain && !m_escape[std::size_t(i)];
        sharedLength += 1 + m_text[std::size_t(i)].size();
    }
    if (sharedPlain) {
        m_shared.resize(sharedLength);
        char *p = m_shared.data();
        for (int i : m_plan.baseFields) {
            *p++ = ',';
            copyAdvance(p, m_text[std::size_t(i)]);
        }
        *p = '\n';
    } else if (csv) {
        for (int i : m_plan.baseFields) {
            m_shared += ',';
            appendCsv(m_shared, m_text[std::size_t(i)]);
        }
        m_shared += '\n';
    } else {
        for (int i : m_plan.baseFields) {
            const PlanField &f = m_plan.fields[std::size_t(i)];
            cell(column++, m_text[std::size_t(i)],
                 f.numeric && std::isfinite(m_number[std::size_t(i)]), m_shared);
        }
        m_shared += "}\n";
    }
    char idBuffer[24];
    const std::string_view id(
        idBuffer, std::size_t(std::to_chars(idBuffer, idBuffer + sizeof idBuffer, family + 1).ptr
                              - idBuffer));

    // The cells that differ per variant rarely need quoting or escaping; when none does, the
    // family's exact size is known, so the rows are copied into place after one resize.
    bool plain = true;
    for (char e : m_linkedEscape)
        plain = plain && !e;
    for (char e : m_dependentEscape)
        plain = plain && !e;
    if (!plain) {
        writeRowsSlowly(id, out);
    } else {
        const std::size_t firstVariable = 2 + m_plan.attributes.size();
        auto cellSize = [&](std::size_t c, std::size_t length) {
            return csv ? 1 + length : m_jsonKeys[c].size() + 2 + length;
        };
        std::size_t total = 0;
        for (std::size_t v = 0; v < nv; ++v) {
            total += (csv ? 0 : m_jsonKeys[0].size()) + id.size() + m_variantPrefix[v].size()
                     + m_shared.size();
            column = firstVariable;
            for (std::size_t l = 0; l < m_plan.linked.size(); ++l)
                total += cellSize(column++, m_linked[l * nv + v].size());
            for (std::size_t d = 0; d < m_plan.dependentFields.size(); ++d)
                total += cellSize(column++, m_dependent[d * nv + v].size());
        }
        const std::size_t at = out.size();
        out.resize(at + total);
        char *p = out.data() + at;
        auto put = [&p](std::string_view t) { copyAdvance(p, t); };
        auto putCell = [&](std::size_t c, std::string_view t) {
            if (csv) {
                *p++ = ',';
                put(t);
            } else {
                put(m_jsonKeys[c]);
                *p++ = '"';
                put(t);
                *p++ = '"';
            }
        };
        for (std::size_t v = 0; v < nv; ++v) {
            if (!csv)
                put(m_jsonKeys[0]);
            put(id);
            put(m_variantPrefix[v]);
            column = firstVariable;
            for (std::size_t l = 0; l < m_plan.linked.size(); ++l)
                putCell(column++, m_linked[l * nv + v]);
            for (std::size_t d = 0; d < m_plan.dependentFields.size(); ++d)
                putCell(column++, m_dependent[d * nv + v]);
            put(m_shared);
        }
    }
    for (std::size_t v = 0; v < nv; ++v) {
        ++m_stats.variantRows[v];
        ++m_stats.strataVariantRows[std::size_t(m_stratum) * nv + v];
    }

    // Twins share the bytes after their linked and dependent cells by construction, so the
    // generator does not count fields differing outside them (a count that could not fail).
    // The independent check is checkProbeSet (core/probeset/probesetcheck.cpp), which
    // re-parses the CSV on every freeze; twinPairs is still counted for the report.
    m_stats.twinPairs += std::int64_t(nv) - 1;
    const std::size_t ref = std::size_t(m_plan.referenceVariant);
    for (std::size_t l = 0; l < m_plan.linked.size(); ++l) {
        for (std::size_t a = 0; a < nv; ++a) {
            const int ca = m_plan.variants[a].linkedCombination[l];
            for (std::size_t b = a + 1; b < nv; ++b)
                if (ca != m_plan.variants[b].linkedCombination[l]
                    && m_linked[l * nv + a] == m_linked[l * nv + b])
                    ++m_stats.identicalLinked[l];
        }
        for (std::size_t v = 0; v < nv; ++v) {
            auto &counts = m_stats.rankPairs[l * nv + v];
            if (counts.empty())
                continue;
            const auto &pl = m_plan.linked[l];
            const std::size_t width =
                pl.lists[std::size_t(m_plan.variants[v].linkedCombination[l])].values.size();
            ++counts[m_linkedRank[l * nv + ref] * width + m_linkedRank[l * nv + v]];
        }
    }
}

void FamilyWriter::writeRowsSlowly(std::string_view id, std::string &out)
{
    const std::size_t nv = std::size_t(m_variants);
    for (std::size_t v = 0; v < nv; ++v) {
        if (m_format != OutputFormat::Csv)
            out += m_jsonKeys[0];
        out += id;
        out += m_variantPrefix[v];
        std::size_t column = 2 + m_plan.attributes.size();
        for (std::size_t l = 0; l < m_plan.linked.size(); ++l)
            cell(column++, m_linked[l * nv + v], false, out);
        for (std::size_t d = 0; d < m_plan.dependentFields.size(); ++d)
            cell(column++, m_dependent[d * nv + v], false, out);
        out += m_shared;
    }
}

} // namespace cp
