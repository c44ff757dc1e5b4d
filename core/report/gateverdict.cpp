// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "gateverdict.h"

#include "reportformat.h"
#include "runcomparison.h"

namespace cp {

std::string GateVerdict::word() const
{
    switch (outcome) {
    case Outcome::NoContract:
        return "NO CONTRACT";
    case Outcome::Approved:
        return "APPROVED";
    case Outcome::Blocked:
    case Outcome::NotValidated:
        return "BLOCKED";
    }
    return "BLOCKED";
}

std::string GateVerdict::reason(const AuditResult &result) const
{
    if (outcome == Outcome::NotValidated)
        return "Do not release: every contract check passes, but only on the probe set that "
               "exposed the defect (" + std::string(RegressionSetCaveat)
               + "); audit the candidate on a fresh probe set.";
    return decisionLead(result);
}

GateVerdict gateVerdict(const AuditResult &result, const RunComparison *comparison)
{
    GateVerdict v;
    v.auditDecision = result.decision;
    if (!result.decision) {
        v.outcome = GateVerdict::Outcome::NoContract;
        return v;
    }
    if (*result.decision == Decision::Blocked) {
        v.outcome = GateVerdict::Outcome::Blocked;
        return v;
    }
    if (comparison && comparison->repairedOnRegressionSet) {
        v.outcome = GateVerdict::Outcome::NotValidated;
        v.caveat = comparison->caveat.empty() ? std::string(RegressionSetCaveat)
                                              : comparison->caveat;
        return v;
    }
    v.outcome = GateVerdict::Outcome::Approved;
    return v;
}

} // namespace cp
