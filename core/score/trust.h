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
#include <string_view>

namespace cp {

/// The trust file in use.
std::string trustFilePath();

bool isTrusted(const std::string &projectPath, const std::string &configSha256);

/// Records trust in a scorer config of a project (written atomically: temp file + rename).
Status trustScorer(const std::string &projectPath, const std::string &configSha256,
                   const std::string &modelName);

struct ModelRecord;

/// Whether a scorer of this kind runs a program ("command") or contacts an address ("http"),
/// so that it needs the user's trust before its first run on this machine. The one rule:
/// ScorerConfig::needsTrust, the CLI, the Models table and the trust prompt all ask this.
bool kindNeedsTrust(std::string_view kind);

/// What trusting a model of a project means here and now.
struct ScorerTrust {
    enum class Reach { InProcess, Program, Network };
    Reach reach = Reach::InProcess;     ///< what the scorer does when it runs
    bool trusted = false;               ///< recorded for this project and this exact config
    /// The SHA-256 of the config as stored now, recomputed from its text (not the hash the
    /// record carries, which a tampered file could keep while the config changed).
    std::string configSha256;
    /// The stored config does not parse: it cannot be trusted or run.
    std::string configError;

    bool needed() const { return reach != Reach::InProcess; }
    /// A run must ask the user (or be given --trust) before it starts.
    bool mustAsk() const { return needed() && !trusted; }
};

/// The trust state of a project's model, from its stored config.
ScorerTrust scorerTrust(const std::string &projectPath, const ModelRecord &model);
/// Records trust in a model's config as scorerTrust() recomputed it.
Status grantTrust(const std::string &projectPath, const ModelRecord &model);

} // namespace cp
