// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// The pronoun forms a template can ask for: {they} {them} {their} {theirs} {themself}.
enum class PronounForm { Subject, Object, Determiner, Possessive, Reflexive };

/// The built-in pronoun sets. The order is the value stored for a variant.
enum class PronounSet { He, She, They };

/// "he"/"she"/"they" → the set; false when the word names none.
bool pronounSetFromName(std::string_view name, PronounSet &out);
const char *pronounSetName(PronounSet set);
/// The word for a form, lower case ("him", "hers", "themself" …).
std::string_view pronounWord(PronounSet set, PronounForm form);

/// One piece of a parsed template.
struct TemplatePiece {
    enum class Kind { Literal, Slot, Pronoun, Verb };
    Kind kind = Kind::Literal;
    std::string text;        ///< Literal: the text; Slot: the column name; Verb: the he/she form
    std::string plural;      ///< Verb: the they form
    PronounForm form = PronounForm::Subject;
    bool capital = false;    ///< Pronoun: {They} rather than {they}
};

/// A text template: `{column}` slots, pronoun slots `{they}` … (capitalised `{They}` …), verb
/// agreement `{is|are}` (first form for he/she, second for they), `{{` and `}}` for braces.
class TemplateText
{
public:
    /// Parses the text. An unclosed or empty slot is an error (message only; the caller adds
    /// the path).
    static Result<TemplateText> parse(std::string_view text);

    const std::vector<TemplatePiece> &pieces() const { return m_pieces; }
    bool usesPronouns() const;

private:
    std::vector<TemplatePiece> m_pieces;
};

} // namespace cp
