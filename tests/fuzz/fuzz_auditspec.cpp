// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The audit spec, as the CLI, the workbench and a project read it.
#include "fuzzinput.h"

#include <core/audit/auditspec.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void)cp::parseAuditSpecText(fuzz::text(data, size), "fuzz.json");
    return 0;
}
