// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The report model: what a stakeholder report (HTML, PDF, CSV, JUnit) shows of one audit,
// gathered once from the audit and the project. Renderers take a Report and never look at the
// project again, so the HTML (htmlreport.h) and the PDF (pdfreport.h), both in core, show the
// same content under the same privacy floor.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/report/gateverdict.h>
#include <core/report/privacyfloor.h>
#include <core/report/runcomparison.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

struct PairsIndex;

struct ReportOptions {
    /// Show the top flipped pairs' field values side by side. Off (--no-pair-text): the pairs
    /// section lists no field value at all, only family ids, outcomes and score deltas.
    bool includePairText = true;
    std::size_t maxPairs = 5;           ///< flipped families shown side by side
    int maxVariants = 4;                ///< variants of a family shown (the reference first)
    /// Overrides the contract's privacy_k when set (tests, a stricter export).
    std::optional<std::int64_t> privacyK;
    std::string generatedAt;            ///< ISO 8601; empty: now (UTC)
    std::string toolVersion;            ///< "counterpart-cli 0.1.0", shown under Versions
};

/// What was tested: the source, its hashes, the model and the contract.
struct ReportTested {
    std::string projectName;
    std::string projectFile;
    std::string sourceKind;             ///< "table" or "scoring run"
    std::string sourceLabel;            ///< "baseline", "run 2 · toy-command on hiring-screen"
    std::string tableSha256;            ///< the audited bytes (a run: its scored table)
    std::string tableImported;
    // A scoring run's probe set and model (empty for a table).
    std::int64_t probeSetId = 0;
    std::string probeSetName;
    std::string probeSetKind;           ///< generated, derived, imported
    std::string probeSetSha256;
    std::string probeSetCreated;
    std::optional<std::uint64_t> probeSetSeed;
    std::int64_t runId = 0;
    std::string runStatus;
    std::string runStarted, runFinished;
    std::string modelName, modelVersion, modelKind, modelConfigSha256;
    // The spec and contract.
    std::int64_t specId = 0;
    std::string specSha256;
    std::string specName;
    std::string contractVersion;        ///< empty without a contract
};

/// One field of a flipped family, its value per variant (empty when pair texts are left out).
struct ReportPairField {
    std::string name;
    std::vector<std::string> values;    ///< per variant, in the family's order
};

/// A flipped family shown side by side; the first variant is the reference the others are
/// compared with (changed cells and words are marked against it). At most
/// ReportOptions::maxVariants variants are shown: the reference, then those whose outcome
/// differs from it, then others while there is room.
struct ReportPair {
    std::string family;
    std::string stage;                  ///< where it flipped
    std::optional<double> scoreRange;   ///< over all the family's variants
    std::vector<std::string> variants;  ///< labels ("formal")
    std::vector<std::string> outcomes;  ///< per variant
    std::vector<std::optional<double>> scores;
    std::vector<ReportPairField> fields;        ///< fields that differ between the variants shown
    std::vector<std::pair<std::string, std::string>> sameFields;  ///< identical: name, value
    int variantsOmitted = 0;            ///< the family's variants not shown
};

struct Report {
    ReportOptions options;
    ReportTested tested;
    AuditSpec spec;
    AuditResult result;
    PrivacyFloor floor;
    std::vector<ReportPair> topPairs;   ///< largest |Δscore| first
    /// Why no pair is shown side by side, when none is (no family column, no flip, texts left
    /// out, fewer flips than the privacy floor).
    std::string pairsNote;
    std::vector<std::string> limitations;
    std::optional<RunComparison> comparison;  ///< set by the gate with a baseline
    std::string generatedAt;

    /// The release verdict (core/report/gateverdict.h) of the result with the comparison, if
    /// any: what the exit code, the JUnit, the HTML, the PDF and the slides all say.
    GateVerdict verdict() const
    {
        return gateVerdict(result, comparison ? &*comparison : nullptr);
    }
};

/// What a report is made of: the audit, its parsed spec, the records of what was tested and
/// the pairs index the top flipped pairs are read from. Reading them from a project is a use
/// case: core/workflow/reportbuilder.h.
struct ReportInput {
    const AuditResult *result = nullptr;    ///< copied into the report
    AuditSpec spec;
    ReportTested tested;                    ///< filled in by the caller
    const PairsIndex *pairs = nullptr;      ///< null: pairsError says why
    std::string pairsError;
};

/// The report of an audit: the privacy floor (the contract's, or options.privacyK), the top
/// flipped pairs side by side, the limitations. Reads nothing but its input.
Report buildReport(const ReportInput &input, const ReportOptions &options = {});

/// What the probe set and the audit do not cover, in sentences (the Limitations section).
std::vector<std::string> reportLimitations(const Report &report);

/// "2026-03-01T12:00:00Z", now.
std::string utcNow();

} // namespace cp
