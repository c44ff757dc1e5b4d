// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The JSON Lines table reader: every key, read as text and again as numbers.
#include "fuzzinput.h"

#include <core/table/tablereader.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes = fuzz::text(data, size);
    (void)cp::checkTableBytes(bytes, cp::TableFormat::JsonLines, "fuzz.jsonl");
    auto names = cp::readColumnNames(bytes, cp::TableFormat::JsonLines, "fuzz.jsonl");
    if (!names)
        return 0;
    std::vector<cp::ColumnRequest> text, numbers;
    for (std::size_t i = 0; i < names->size() && i < 64; ++i) {
        text.push_back({(*names)[i], cp::ColumnKind::Categorical});
        numbers.push_back({(*names)[i], cp::ColumnKind::Numeric});
    }
    (void)cp::readJsonLines(bytes, "fuzz.jsonl", text);
    (void)cp::readJsonLines(bytes, "fuzz.jsonl", numbers);
    return 0;
}
