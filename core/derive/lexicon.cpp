// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "lexicon.h"

#include <core/common/jsontext.h>
#include <core/common/text.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cp {

namespace {

/// Gives `word` the case pattern of `model`: ALL CAPS, Capitalised or lower.
std::string withCaseOf(std::string word, std::string_view model)
{
    const auto isUpper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto isLower = [](char c) { return c >= 'a' && c <= 'z'; };
    const bool allUpper = model.size() > 1 && std::none_of(model.begin(), model.end(), isLower);
    if (allUpper) {
        for (char &c : word)
            if (isLower(c))
                c = char(c - 'a' + 'A');
    } else if (!model.empty() && isUpper(model.front()) && !word.empty() && isLower(word.front())) {
        word.front() = char(word.front() - 'a' + 'A');
    }
    return word;
}

} // namespace

int Lexicon::groupIndex(std::string_view group) const
{
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        if (m_groups[i] == group)
            return int(i);
    return -1;
}

bool Lexicon::hasGroup(std::string_view group) const
{
    return groupIndex(group) >= 0;
}

Result<Lexicon> Lexicon::parse(std::string_view text, const std::string &source)
{
    auto err = [&](const std::string &path, const std::string &message) {
        return Error{ErrorCode::Schema, source, 0, path, message};
    };
    if (const auto deep = jsontext::tooDeep(text))
        return Error{ErrorCode::Parse, source, deep->line, {}, jsontext::tooDeepMessage(*deep)};
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Error{ErrorCode::Parse, source, 0, {}, "not a JSON object"};
    Lexicon lex;
    if (auto name = jsontext::optionalString(j, "name", source, ""); !name)
        return name.error();
    else
        lex.m_name = name->value_or(std::string());
    if (!j.contains("groups") || !j["groups"].is_array() || j["groups"].size() < 2)
        return err("/groups", "name two or more groups");
    for (const auto &g : j["groups"]) {
        if (!g.is_string())
            return err("/groups", "expected group names");
        lex.m_groups.push_back(g.get<std::string>());
    }
    const std::size_t n = lex.m_groups.size();
    lex.m_maps.assign(n, std::vector<std::unordered_map<std::string, std::string>>(n));
    if (!j.contains("pairs") || !j["pairs"].is_array())
        return err("/pairs", "required: a list of word tuples, one word per group");
    for (std::size_t p = 0; p < j["pairs"].size(); ++p) {
        const auto &pair = j["pairs"][p];
        const std::string path = "/pairs/" + std::to_string(p);
        if (!pair.is_array() || pair.size() != n)
            return err(path, "expected " + std::to_string(n) + " words, one per group");
        std::vector<std::string> words;
        for (const auto &w : pair) {
            if (!w.is_string() || w.get<std::string>().empty())
                return err(path, "expected non-empty words");
            words.push_back(text::asciiLower(w.get<std::string>()));
        }
        // The first pair that maps a word wins for that direction (documented in the file).
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b)
                if (a != b)
                    lex.m_maps[a][b].emplace(words[a], words[b]);
    }
    if (const auto it = j.find("ambiguous"); it != j.end()) {
        if (!it->is_object())
            return err("/ambiguous", "expected an object of words");
        for (const auto &[word, rule] : it->items()) {
            const std::string path = "/ambiguous/" + word;
            if (!rule.is_object() || !rule.contains("group") || !rule.contains("before_word")
                || !rule.contains("otherwise") || !rule["group"].is_string()
                || !rule["before_word"].is_string() || !rule["otherwise"].is_string())
                return err(path, "expected {group, before_word, otherwise}, each a word");
            const int g = lex.groupIndex(rule["group"].get<std::string>());
            if (g < 0)
                return err(path + "/group", "not one of the lexicon's groups");
            if (n != 2)
                return err(path, "ambiguity rules need a lexicon of exactly two groups");
            lex.m_ambiguous[text::asciiLower(word)] = {g, text::asciiLower(rule["before_word"].get<std::string>()),
                                            text::asciiLower(rule["otherwise"].get<std::string>())};
        }
    }
    if (const auto it = j.find("function_words"); it != j.end() && it->is_array())
        for (const auto &w : *it)
            if (w.is_string())
                lex.m_functionWords.insert(text::asciiLower(w.get<std::string>()));
    return lex;
}

Result<Lexicon> Lexicon::load(const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    return parse(*bytes, path);
}

std::string Lexicon::swap(std::string_view text, std::string_view from, std::string_view to,
                          std::vector<Flag> *flags) const
{
    const int a = groupIndex(from);
    const int b = groupIndex(to);
    if (a < 0 || b < 0 || a == b)
        return std::string(text);
    const auto &map = m_maps[std::size_t(a)][std::size_t(b)];
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t i = 0;
    while (i < text.size()) {
        if (!text::isWordByte(static_cast<unsigned char>(text[i]))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text::isWordByte(static_cast<unsigned char>(text[end])))
            ++end;
        const std::string_view word = text.substr(i, end - i);
        const std::string key = text::asciiLower(word);
        if (const auto amb = m_ambiguous.find(key); amb != m_ambiguous.end() && amb->second.group == a) {
            // Look at the next word, skipping spaces only: punctuation or the end means no
            // content word follows ("told her." → him; "her résumé" → his).
            std::size_t k = end;
            while (k < text.size() && text[k] == ' ')
                ++k;
            std::size_t kEnd = k;
            while (kEnd < text.size() && text::isWordByte(static_cast<unsigned char>(text[kEnd])))
                ++kEnd;
            const bool contentWordNext =
                kEnd > k && !m_functionWords.count(text::asciiLower(text.substr(k, kEnd - k)));
            const std::string replacement = withCaseOf(
                contentWordNext ? amb->second.beforeWord : amb->second.otherwise, word);
            if (flags)
                flags->push_back({std::string(word), replacement, i});
            out += replacement;
        } else if (const auto it = map.find(key); it != map.end()) {
            out += withCaseOf(it->second, word);
        } else {
            out += word;
        }
        i = end;
    }
    return out;
}

} // namespace cp
