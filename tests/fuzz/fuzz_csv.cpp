// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The CSV table reader: the header, then every column read as text and again as numbers, on
// the vectorised path and the scalar reference (each must give a table or an Error).
#include "fuzzinput.h"

#include <core/table/csvsimd.h>
#include <core/table/tablereader.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes = fuzz::text(data, size);
    (void)cp::checkTableBytes(bytes, cp::TableFormat::Csv, "fuzz.csv");
    auto names = cp::readColumnNames(bytes, cp::TableFormat::Csv, "fuzz.csv");
    if (!names)
        return 0;
    std::vector<cp::ColumnRequest> text, numbers;
    for (std::size_t i = 0; i < names->size() && i < 64; ++i) {
        text.push_back({(*names)[i], cp::ColumnKind::Categorical});
        numbers.push_back({(*names)[i], cp::ColumnKind::Numeric});
    }
    // One thread and small chunks: chunk boundaries fall inside quotes and lines.
    cp::CsvReadOptions chunked;
    chunked.threads = 1;
    chunked.chunkBytes = 64;
    (void)cp::readCsv(bytes, "fuzz.csv", text, chunked);
    (void)cp::readCsv(bytes, "fuzz.csv", numbers, chunked);
    cp::CsvReadOptions scalar;
    scalar.threads = 1;
    scalar.scalarReference = true;
    (void)cp::readCsv(bytes, "fuzz.csv", text, scalar);
    return 0;
}
