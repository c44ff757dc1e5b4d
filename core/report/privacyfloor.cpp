// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "privacyfloor.h"

#include <algorithm>
#include <cctype>

namespace cp {

std::string groupedDigits(std::int64_t n)
{
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += "\u2009";
        out += digits[i];
    }
    return out;
}

std::string PrivacyFloor::marker() const
{
    return m_k ? "<" + std::to_string(*m_k) : std::string();
}

std::string PrivacyFloor::count(std::int64_t n, bool grouped) const
{
    if (hides(n))
        return marker();
    return grouped ? groupedDigits(n) : std::to_string(n);
}

std::string PrivacyFloor::mask(std::string_view text) const
{
    if (!m_k)
        return std::string(text);
    auto isWordChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ','
               || static_cast<unsigned char>(c) >= 0x80;
    };
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
            ++end;
        // A whole number: not glued to a word or a decimal point on either side ("v2", "0.25",
        // "12.5"), and not a percentage ("5 %" is a rate, not a count).
        const bool gluedBefore = i > 0 && isWordChar(text[i - 1]) && text[i - 1] != ',';
        const bool decimalAfter = end + 1 < text.size() && (text[end] == '.' || text[end] == ',')
                                  && std::isdigit(static_cast<unsigned char>(text[end + 1]));
        const bool gluedAfter = end < text.size() && isWordChar(text[end]) && text[end] != '.'
                                && text[end] != ',';
        std::size_t next = end;
        while (next < text.size() && text[next] == ' ')
            ++next;
        const bool percent = next < text.size() && text[next] == '%';
        const std::string_view digits = text.substr(i, end - i);
        if (!gluedBefore && !decimalAfter && !gluedAfter && !percent && digits.size() < 18
            && std::stoll(std::string(digits)) < *m_k)
            out += marker();
        else
            out += digits;
        i = end;
    }
    return out;
}

} // namespace cp

namespace cp {

namespace {

const SliceRates *sliceOf(const AuditResult &r, std::string_view attribute, std::string_view group)
{
    return r.findSlice(attribute, group);
}

} // namespace

bool gapWithheld(const PrivacyFloor &floor, const AuditResult &result, std::string_view attribute,
                 const Gap &gap)
{
    if (!floor.active() || !gap.difference)
        return false;
    for (const std::string &g : {gap.maxGroup, gap.minGroup}) {
        const SliceRates *s = sliceOf(result, attribute, g);
        if (!s || floor.hides(s->rate(gap.metric)))
            return true;
    }
    return false;
}

bool referenceGapWithheld(const PrivacyFloor &floor, const AuditResult &result,
                          std::string_view attribute, std::string_view reference,
                          std::string_view group, std::initializer_list<Metric> metrics)
{
    if (!floor.active())
        return false;
    const SliceRates *p = sliceOf(result, attribute, reference);
    const SliceRates *u = sliceOf(result, attribute, group);
    if (!p || !u)
        return true;
    for (Metric m : metrics)
        if (floor.hides(p->rate(m)) || floor.hides(u->rate(m)))
            return true;
    return false;
}

bool refusalGapWithheld(const PrivacyFloor &floor, const AttributeRefusals &refusals)
{
    if (!floor.active() || !refusals.gap)
        return false;
    for (const std::string &g : {refusals.maxGroup, refusals.minGroup}) {
        const auto at = std::find_if(refusals.groups.begin(), refusals.groups.end(),
                                     [&](const GroupRefusals &r) { return r.group == g; });
        if (at == refusals.groups.end() || floor.hides(at->refused))
            return true;
    }
    return false;
}

bool checkValueIsCount(const Check &check)
{
    return check.name == "min_positives" || check.name == "min_negatives"
           || check.name == "min_reviewed_pairs";
}

bool checkValueWithheld(const PrivacyFloor &floor, const AuditResult &result, const Check &check)
{
    if (!floor.active() || !check.value)
        return false;
    if (checkValueIsCount(check))
        return floor.hides(std::int64_t(*check.value));
    if (check.name == "flip_rate")
        return !result.flipRate || floor.hides(*result.flipRate);
    for (const char *suffix : {"_gap", "_ratio"}) {
        const std::string s = suffix;
        if (check.name.size() > s.size()
            && check.name.compare(check.name.size() - s.size(), s.size(), s) == 0) {
            const auto metric = metricFromKey(check.name.substr(0, check.name.size() - s.size()));
            if (!metric)
                return true;
            const Gap *gap = result.findGap(check.attribute, *metric);
            return !gap || gapWithheld(floor, result, check.attribute, *gap);
        }
    }
    // A check this code does not know: withhold its value rather than guess.
    return true;
}

} // namespace cp
