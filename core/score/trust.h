// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Trust: a project opened from elsewhere never runs a command or contacts a URL until the user
// trusts its scorer on this machine. Trust is kept in the user's settings, not in the project:
// $COUNTERPART_TRUST_FILE, else $XDG_CONFIG_HOME/counterpart/trust.json, else
// ~/.config/counterpart/trust.json. An entry is a project's absolute path, one scorer config's
// SHA-256 and, for a command scorer, the SHA-256 of every file its argv names inside the
// project's folder (the script beside the project): an edited config, a replaced script, or
// the same project moved elsewhere asks again. Files outside the folder (the interpreter on
// PATH, a script elsewhere) are not covered, and the prompt says so by name.

#include <core/common/result.h>

#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// The trust file in use.
std::string trustFilePath();

/// A file a command scorer's argv names, inside the project's folder: its path relative to
/// that folder and the SHA-256 of its bytes (empty when it cannot be read: never trusted).
struct TrustedFile {
    std::string path;
    std::string sha256;
    bool operator==(const TrustedFile &) const = default;
};

bool isTrusted(const std::string &projectPath, const std::string &configSha256,
               const std::vector<TrustedFile> &files = {});

/// Records trust in a scorer config of a project and the files it runs (written atomically:
/// temp file + rename).
Status trustScorer(const std::string &projectPath, const std::string &configSha256,
                   const std::string &modelName, const std::vector<TrustedFile> &files = {});

struct ModelRecord;

/// Whether a scorer of this kind runs a program ("command") or contacts an address ("http"),
/// so that it needs the user's trust before its first run on this machine. The one rule:
/// ScorerConfig::needsTrust, the CLI, the Models table and the trust prompt all ask this.
bool kindNeedsTrust(std::string_view kind);

/// What trusting a model of a project means here and now.
struct ScorerTrust {
    /// OutsideFile: a predictions file outside the project's folder (reading it is trusted
    /// like running a program: an untrusted project must not read /etc/passwd into itself).
    enum class Reach { InProcess, Program, Network, OutsideFile };
    Reach reach = Reach::InProcess;     ///< what the scorer does when it runs
    bool trusted = false;               ///< recorded for this project and this exact config
    /// The SHA-256 of the config as stored now, recomputed from its text (not the hash the
    /// record carries, which a tampered file could keep while the config changed).
    std::string configSha256;
    /// The stored config does not parse: it cannot be trusted or run.
    std::string configError;
    /// A command scorer's files inside the project's folder, covered by the trust (sorted).
    std::vector<TrustedFile> files;
    /// Files its argv names outside the project's folder: they run, but trust does not cover
    /// their content (the prompt lists them).
    std::vector<std::string> uncoveredFiles;
    /// The predictions file outside the project's folder (Reach::OutsideFile).
    std::string outsideFile;
    /// Covered files whose content differs from when this config was last trusted here: the
    /// reason trust is asked again.
    std::vector<std::string> changedFiles;

    bool needed() const { return reach != Reach::InProcess; }
    /// A run must ask the user (or be given --trust) before it starts.
    bool mustAsk() const { return needed() && !trusted; }
};

/// The trust state of a project's model, from its stored config.
ScorerTrust scorerTrust(const std::string &projectPath, const ModelRecord &model);
/// What the scorer does that needs trust, for messages: "runs a program", "contacts a URL",
/// "reads a file outside the project's folder (/path)"; empty when in-process.
std::string trustReachText(const ScorerTrust &trust);
/// " (scorer.py changed since it was trusted)", or empty: the reason a trusted config asks
/// again, for messages.
std::string trustChangeText(const ScorerTrust &trust);
/// Records trust in a model's config as scorerTrust() recomputed it.
Status grantTrust(const std::string &projectPath, const ModelRecord &model);

} // namespace cp
