// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The generator spec: parsed, then written back and parsed again (a spec that reads must
// write as text that reads).
#include "fuzzinput.h"

#include <core/generate/generatorspec.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto spec = cp::parseGeneratorSpec(fuzz::text(data, size), "fuzz.json");
    if (!spec)
        return 0;
    (void)cp::variantLimitProblem(*spec);
    if (!cp::parseGeneratorSpec(cp::writeGeneratorSpec(*spec), "written.json"))
        std::abort();   // a finding: the writer produced a spec its own reader refuses
    return 0;
}
