// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The scorer config: parsed, then its adapter made (which checks the kind's section: command,
// HTTP, predictions, built-in). Nothing is run: no command starts, no request is sent.
#include "fuzzinput.h"

#include <core/score/scorer.h>
#include <core/score/scorerconfig.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto config = cp::parseScorerConfig(fuzz::text(data, size), "fuzz.json",
                                        fuzz::scratch().string());
    if (config)
        (void)cp::makeScorer(*config);
    return 0;
}
