// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cp {

/// An editable word lexicon that swaps free text between two groups of one attribute
/// (e.g. female ↔ male). Whole words only, case preserved ("She" → "He", "SHE" → "HE").
/// Ambiguous words (English "her" → "his" or "him") follow a documented rule: before a content
/// word the possessive form, otherwise the other form; every ambiguous swap is reported so that
/// reviewers can check it. Format: resources/lexicons/en-gender.json.
class Lexicon
{
public:
    /// One swap that needed the ambiguity rule: the word, what it became, and where.
    struct Flag {
        std::string from;
        std::string to;
        std::size_t offset = 0; ///< byte offset in the original text
    };

    static Result<Lexicon> parse(std::string_view json, const std::string &source);
    static Result<Lexicon> load(const std::string &path);

    const std::string &name() const { return m_name; }
    const std::vector<std::string> &groups() const { return m_groups; }
    bool hasGroup(std::string_view group) const;

    /// Rewrites text written for group `from` as if written for group `to`. Words not in the
    /// lexicon stay byte-identical. Ambiguous swaps are appended to flags.
    std::string swap(std::string_view text, std::string_view from, std::string_view to,
                     std::vector<Flag> *flags = nullptr) const;

private:
    struct Ambiguous {
        int group = 0;               ///< the group whose word this is
        std::string beforeWord;      ///< used when a content word follows
        std::string otherwise;
    };
    int groupIndex(std::string_view group) const;

    std::string m_name;
    std::vector<std::string> m_groups;
    /// m_maps[i][j]: lower-case word of group i → word of group j.
    std::vector<std::vector<std::unordered_map<std::string, std::string>>> m_maps;
    std::unordered_map<std::string, Ambiguous> m_ambiguous;
    std::unordered_set<std::string> m_functionWords;
};

} // namespace cp
