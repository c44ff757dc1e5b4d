// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "templatetext.h"

#include <array>

namespace cp {

namespace {

constexpr std::array<std::array<std::string_view, 5>, 3> Words = {{
    {"he", "him", "his", "his", "himself"},
    {"she", "her", "her", "hers", "herself"},
    {"they", "them", "their", "theirs", "themself"},
}};

bool pronounSlot(std::string_view name, PronounForm &form, bool &capital)
{
    static constexpr std::array<std::string_view, 5> Lower = {"they", "them", "their", "theirs",
                                                              "themself"};
    static constexpr std::array<std::string_view, 5> Upper = {"They", "Them", "Their", "Theirs",
                                                              "Themself"};
    for (std::size_t i = 0; i < Lower.size(); ++i) {
        if (name == Lower[i] || name == Upper[i]) {
            form = PronounForm(i);
            capital = name == Upper[i];
            return true;
        }
    }
    return false;
}

} // namespace

bool pronounSetFromName(std::string_view name, PronounSet &out)
{
    for (std::size_t i = 0; i < Words.size(); ++i) {
        if (name == Words[i][0]) {
            out = PronounSet(i);
            return true;
        }
    }
    return false;
}

const char *pronounSetName(PronounSet set)
{
    return Words[std::size_t(set)][0].data();
}

std::string_view pronounWord(PronounSet set, PronounForm form)
{
    return Words[std::size_t(set)][std::size_t(form)];
}

Result<TemplateText> TemplateText::parse(std::string_view text)
{
    TemplateText t;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) {
            TemplatePiece p;
            p.text = std::move(literal);
            t.m_pieces.push_back(std::move(p));
            literal.clear();
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                literal += '}';
                ++i;
                continue;
            }
            return Error{ErrorCode::Schema, {}, 0, {},
                         "unmatched '}' at character " + std::to_string(i + 1)
                             + " (write '}}' for a brace)"};
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            literal += '{';
            ++i;
            continue;
        }
        const std::size_t close = text.find('}', i + 1);
        if (close == std::string_view::npos)
            return Error{ErrorCode::Schema, {}, 0, {},
                         "unclosed slot at character " + std::to_string(i + 1)};
        const std::string_view inner = text.substr(i + 1, close - i - 1);
        if (inner.empty() || inner.find('{') != std::string_view::npos)
            return Error{ErrorCode::Schema, {}, 0, {},
                         "empty or malformed slot at character " + std::to_string(i + 1)};
        flush();
        TemplatePiece p;
        if (const std::size_t bar = inner.find('|'); bar != std::string_view::npos) {
            p.kind = TemplatePiece::Kind::Verb;
            p.text = std::string(inner.substr(0, bar));
            p.plural = std::string(inner.substr(bar + 1));
            if (p.plural.find('|') != std::string::npos)
                return Error{ErrorCode::Schema, {}, 0, {},
                             "agreement slot {" + std::string(inner)
                                 + "} takes two forms, {he/she form|they form}"};
        } else if (pronounSlot(inner, p.form, p.capital)) {
            p.kind = TemplatePiece::Kind::Pronoun;
        } else {
            p.kind = TemplatePiece::Kind::Slot;
            p.text = std::string(inner);
        }
        t.m_pieces.push_back(std::move(p));
        i = close;
    }
    flush();
    return t;
}

bool TemplateText::usesPronouns() const
{
    for (const auto &p : m_pieces)
        if (p.kind == TemplatePiece::Kind::Pronoun || p.kind == TemplatePiece::Kind::Verb)
            return true;
    return false;
}

} // namespace cp
