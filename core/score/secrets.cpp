// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "secrets.h"

#include <core/common/jsontext.h>
#include <core/store/scorerecords.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cp {

namespace {

std::string percentEncoded(const std::string &value, bool upper, bool spaceAsPlus)
{
    static const char *const Upper = "0123456789ABCDEF";
    static const char *const Lower = "0123456789abcdef";
    const char *hex = upper ? Upper : Lower;
    std::string out;
    for (const unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else if (c == ' ' && spaceAsPlus) {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

void SecretRedactor::add(const std::string &value, const std::string &shown)
{
    if (value.empty())
        return;
    std::vector<std::string> forms{value};
    std::string json = jsontext::dump(nlohmann::json(value));   // "…" with escapes
    forms.push_back(json.substr(1, json.size() - 2));
    // Escaped again: a JSON string holding a JSON document that holds the key.
    json = jsontext::dump(nlohmann::json(forms.back()));
    forms.push_back(json.substr(1, json.size() - 2));
    for (const bool upper : {true, false})
        for (const bool plus : {false, true})
            forms.push_back(percentEncoded(value, upper, plus));
    for (auto &form : forms)
        if (std::none_of(m_forms.begin(), m_forms.end(),
                         [&](const auto &f) { return f.first == form; }))
            m_forms.emplace_back(std::move(form), shown);
    // Longest first: a form that contains another is replaced whole.
    std::stable_sort(m_forms.begin(), m_forms.end(), [](const auto &a, const auto &b) {
        return a.first.size() > b.first.size();
    });
}

std::string SecretRedactor::redact(std::string text) const
{
    for (const auto &[form, shown] : m_forms) {
        for (std::size_t at = text.find(form); at != std::string::npos;
             at = text.find(form, at + shown.size()))
            text.replace(at, form.size(), shown);
    }
    // A quote cut inside a secret: the text ends with the start of one form, maybe followed
    // by the cut marks a quote adds ("…'" or "'").
    for (const auto &[form, shown] : m_forms) {
        std::size_t end = text.size();
        for (const std::string_view mark : {"…'", "…", "'"})
            if (end >= mark.size() && std::string_view(text).substr(end - mark.size()) == mark) {
                end -= mark.size();
                break;
            }
        for (std::size_t n = std::min(form.size() - 1, end); n >= MinCutBytes; --n)
            if (std::string_view(text).substr(end - n, n) == std::string_view(form).substr(0, n)) {
                text.replace(end - n, n, shown);
                break;
            }
    }
    return text;
}

void SecretRedactor::redact(ScoreResult &result) const
{
    if (m_forms.empty())
        return;
    result.error = redact(std::move(result.error));
    result.label = redact(std::move(result.label));
    if (result.text)
        result.text = redact(std::move(*result.text));
}

} // namespace cp
