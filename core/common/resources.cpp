// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "resources.h"

#include <cstdlib>

namespace cp {

std::string resourceDir()
{
    if (const char *env = std::getenv("COUNTERPART_RESOURCES"); env && *env)
        return env;
    return COUNTERPART_RESOURCE_DIR;
}

} // namespace cp
