// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cliargs.h"

namespace cli {

/// One CLI command: its name, usage lines (without the program name) and its entry point.
struct Command {
    const char *name;
    const char *usage;
    int (*run)(const Args &args);
};

// Audit and project commands (auditcommands.cpp).
int runAudit(const Args &args);
int runInit(const Args &args);
int runImport(const Args &args);
int runSpec(const Args &args);
int runTables(const Args &args);
int runRuns(const Args &args);

// Probe-set generation (generatecommand.cpp).
int runGenerate(const Args &args);

// Counterfactual families from real rows (derivecommand.cpp).
int runDerive(const Args &args);

// Probe set versions in a project (probesetcommands.cpp).
int runProbeSets(const Args &args);

// Scorers and scoring runs (scorecommands.cpp).
int runModels(const Args &args);
int runScore(const Args &args);

// Reports and the CI gate (reportcommands.cpp).
int runGate(const Args &args);
int runReport(const Args &args);

// Reviews: packets, labels, agreement (reviewcommands.cpp).
int runReview(const Args &args);

} // namespace cli
