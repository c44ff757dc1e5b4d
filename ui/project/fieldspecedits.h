// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The whole-spec edits of the generator field editor that are more than setting one member:
// a kind change, a rename that the references follow, and the texts of its rows.

#include "fieldformpage.h"

#include <QString>

namespace cp::ui {

/// Makes `field` a field of `kind`, with starting values a person would then adjust (bounds
/// are kept between the numeric kinds). Returns why it cannot be, or an empty string.
QString convertField(const cp::GeneratorSpec &spec, const FieldTarget &target,
                     cp::FieldSpec &field, cp::FieldKind kind);

/// Renames a protected attribute, linked or base field and everything that refers to it:
/// bounds, `on`, `key`, strata, `by`, template slots and pronoun choices.
void renameEverywhere(cp::GeneratorSpec &spec, const std::string &from, const std::string &to);

/// The role of a row: "protected", "linked to gender, ethnicity", "stratum", "base (same in
/// every variant)", "varies within a family" (a template using a group column or pronouns),
/// "case of salary".
QString roleText(const cp::GeneratorSpec &spec, const FieldTarget &target);
/// A one-line summary of a row's settings ("22 … 64", "engineer 3, analyst 2, designer 1").
QString detailText(const cp::GeneratorSpec &spec, const FieldTarget &target);
/// The kind shown for a row ("choice", "pronouns", "groups").
QString kindText(const cp::GeneratorSpec &spec, const FieldTarget &target);
/// The name shown for a row (a case shows its value, or "default").
QString nameText(const cp::GeneratorSpec &spec, const FieldTarget &target);

} // namespace cp::ui
