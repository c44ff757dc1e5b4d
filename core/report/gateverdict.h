// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The release verdict: the audit's decision, plus REFERENCE.md's rule that a candidate whose
// checks pass only on the probe set that exposed the defect ("repaired on the regression set")
// is not validated for release, so it does not pass the gate. Computed once here; the gate's
// exit code, the JUnit cases, the HTML and PDF decision box, the presentation and the
// workbench's decision banner all read it, none re-derives it.

#include <core/audit/auditresult.h>

#include <optional>
#include <string>

namespace cp {

struct RunComparison;

struct GateVerdict {
    enum class Outcome {
        NoContract,     ///< the spec has no contract: nothing to decide
        Approved,       ///< every check passed and nothing is missing
        Blocked,        ///< a check failed or was insufficient, or an attestation is missing
        NotValidated,   ///< the checks pass, but only on the regression set: blocked
    };
    Outcome outcome = Outcome::NoContract;
    std::optional<Decision> auditDecision;  ///< the audit's own decision
    /// Set with NotValidated: the comparison's caveat ("repaired on the regression set, not
    /// validated for release: tpr_gap (variant) failed in the baseline …").
    std::string caveat;

    /// Whether the release is blocked (Blocked or NotValidated).
    bool blocks() const { return outcome == Outcome::Blocked || outcome == Outcome::NotValidated; }
    /// The gate's exit status: 0 approved (or no contract), 1 blocked.
    int exitCode() const { return blocks() ? 1 : 0; }
    /// "APPROVED", "BLOCKED", "NO CONTRACT": the word every output leads with.
    std::string word() const;
    /// One line under the word: why, in a sentence ("2 checks failed, 1 attestation missing";
    /// "every check passes, but only on the regression set: not validated for release").
    std::string reason(const AuditResult &result) const;
};

/// The verdict of an audit, with the comparison against its baseline when there is one.
GateVerdict gateVerdict(const AuditResult &result, const RunComparison *comparison = nullptr);

} // namespace cp
