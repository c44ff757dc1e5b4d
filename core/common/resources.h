// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace cp {

/// The folder with Counterpart's shipped data (provider lists, lexicons): $COUNTERPART_RESOURCES
/// when set, else the source tree's resources/ folder compiled in.
std::string resourceDir();

} // namespace cp
