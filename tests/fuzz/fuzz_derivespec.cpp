// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The derive spec and the lexicon format (the first byte chooses which one reads the rest).
#include "fuzzinput.h"

#include <core/derive/deriver.h>
#include <core/derive/lexicon.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view rest = fuzz::text(data + 1, size - 1);
    if (data[0] & 1)
        (void)cp::Lexicon::parse(rest, "fuzz-lexicon.json");
    else
        (void)cp::parseDeriveSpec(rest, "fuzz-derive.json");
    return 0;
}
