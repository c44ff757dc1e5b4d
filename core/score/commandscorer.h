// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The command scorer: the model under audit is a local program that reads one JSON request
// per line on stdin and answers one JSON line per request on stdout (protocol:
// core/score/COMMAND.md). No shell is involved; the program is restarted when it crashes or
// hangs, and its stderr goes to the run log.

#include "scorer.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cp {

struct CommandScorerConfig {
    /// The program and its arguments, spawned directly (execvp: argv[0] without '/' is looked
    /// up on PATH).
    std::vector<std::string> argv;
    /// Empty: the caller's working directory.
    std::string workingDirectory;
    /// Added to (or replacing entries of) the inherited environment. A value may contain
    /// ${VAR}, substituted from our environment when the run starts; the value is never
    /// stored here, logged or put in an error.
    std::vector<std::pair<std::string, std::string>> environment;
    int batch = 64;                      ///< requests in flight
    int timeoutMs = 30000;               ///< per row, see COMMAND.md ("Time-outs")
    int maxConsecutiveFailures = 5;      ///< failed rows or restarts in a row before giving up
    std::vector<std::string> fields;     ///< columns to send; empty = all
};

/// Parses {"argv": [...], "cwd": "...", "env": {"K": "V"}, "batch": 64, "timeout_ms": 30000,
/// "max_failures": 5, "fields": [...]}. `path` is the section's JSON path ("/command"): errors
/// are ErrorCode::Schema with field = the offending key's path ("/command/argv/0"). A relative
/// cwd, and a relative argv[0] containing '/', resolve against baseDir (the project or spec
/// folder), which is also the working directory when cwd is absent.
Result<CommandScorerConfig> parseCommandScorerConfig(const nlohmann::json &section,
                                                     const std::string &source,
                                                     const std::string &path,
                                                     const std::string &baseDir);

/// The scorer process's environment ("NAME=value" entries): ours, with config.environment
/// replacing same-named entries and its ${VAR} references substituted. Each substituted value
/// goes to secrets with the "${VAR}" that stands for it in log lines and errors. Error
/// (ErrorCode::Invalid, field "env/NAME") when a referenced variable is not set.
Result<std::vector<std::string>>
commandEnvironment(const CommandScorerConfig &config,
                   std::vector<std::pair<std::string, std::string>> &secrets);

/// Checks that the working directory exists and that argv[0], when it is a path, is an
/// executable file (a bare name is looked up on PATH when the run starts). Errors name argv[0].
std::optional<Error> checkCommandProgram(const CommandScorerConfig &config);

/// A Scorer that runs config.argv once per Scorer::run() (restarting it as needed).
std::unique_ptr<Scorer> makeCommandScorer(CommandScorerConfig config);

} // namespace cp
