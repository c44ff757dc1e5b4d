// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewrecords.h"

namespace cp {

std::string equivalenceKey(Equivalence e)
{
    switch (e) {
    case Equivalence::Equivalent: return "equivalent";
    case Equivalence::NotEquivalent: return "not_equivalent";
    case Equivalence::Unsure: return "unsure";
    }
    return "unsure";
}

std::optional<Equivalence> equivalenceFromKey(std::string_view key)
{
    if (key == "equivalent")
        return Equivalence::Equivalent;
    if (key == "not_equivalent" || key == "not equivalent")
        return Equivalence::NotEquivalent;
    if (key == "unsure")
        return Equivalence::Unsure;
    return std::nullopt;
}

std::string expectedKey(ExpectedOutcome e)
{
    return e == ExpectedOutcome::Favourable ? "favourable" : "unfavourable";
}

std::optional<ExpectedOutcome> expectedFromKey(std::string_view key)
{
    if (key == "favourable")
        return ExpectedOutcome::Favourable;
    if (key == "unfavourable")
        return ExpectedOutcome::Unfavourable;
    return std::nullopt;
}

} // namespace cp
