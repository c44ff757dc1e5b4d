// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// A predictions file, as the predictions scorer reads it when a run starts: the first byte
// chooses CSV or JSON Lines, the rest is the file (id, score, label and refused columns).
#include "fuzzinput.h"

#include <core/common/progress.h>
#include <core/score/scorer.h>
#include <core/score/scorerconfig.h>
#include <core/table/csvrows.h>

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string name = data[0] & 1 ? "predictions.jsonl" : "predictions.csv";
    fuzz::writeInput(name, data + 1, size - 1);
    const nlohmann::json section{{"file", name}, {"id", "id"}, {"score", "score"},
                                 {"label", "label"}, {"refused", "refused"}};
    auto scorer = cp::makePredictionsScorer(section, "fuzz.json", fuzz::scratch().string());
    if (!scorer)
        return 0;
    // No variants to join: the file is read, parsed and its ids checked, nothing else.
    static const auto rows = cp::CsvRows::parse("id\n", "no rows");
    if (!rows)
        std::abort();   // the harness cannot run: not a finding
    (void)(*scorer)->run(**rows, {}, [](std::size_t, cp::ScoreResult) { return cp::Status{cp::Ok{}}; },
                         [](std::string_view) {}, cp::Progress{});
    return 0;
}
