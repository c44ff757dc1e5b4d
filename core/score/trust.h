// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Trust: a project opened from elsewhere never runs a command or contacts a URL until the user
// trusts its scorer on this machine. Trust is kept in the user's settings, not in the project:
// $COUNTERPART_TRUST_FILE, else $XDG_CONFIG_HOME/counterpart/trust.json, else
// ~/.config/counterpart/trust.json. An entry is a project's absolute path and one scorer
// config's SHA-256, so an edited scorer (or the same file moved elsewhere) asks again.

#include <core/common/result.h>

#include <string>

namespace cp {

/// The trust file in use.
std::string trustFilePath();

bool isTrusted(const std::string &projectPath, const std::string &configSha256);

/// Records trust in a scorer config of a project (written atomically: temp file + rename).
Status trustScorer(const std::string &projectPath, const std::string &configSha256,
                   const std::string &modelName);

} // namespace cp
