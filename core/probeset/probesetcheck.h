// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/probeset/balancereport.h>
#include <core/probeset/integrityreport.h>
#include <core/probeset/probesetlayout.h>

#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// What checking a probe set's CSV found: its canonical encoding, content hash and reports.
struct ProbeSetCheck {
    std::vector<std::string> columns;  ///< the header
    /// The canonical bytes, when the input was not already canonical (else empty: the input
    /// itself is canonical and is what gets frozen).
    std::string canonical;
    bool reencoded = false;
    std::string sha256;                ///< SHA-256 of the canonical bytes
    BalanceReport balance;
    IntegrityReport integrity;

    /// The canonical bytes: `canonical` or, when nothing had to change, the checked input.
    std::string_view canonicalBytes(std::string_view input) const
    {
        return reencoded ? std::string_view(canonical) : input;
    }
};

/// Reads every column of a probe set (CSV, any RFC 4180 form the table reader accepts), checks
/// it against its layout and computes its balance and integrity reports, its canonical encoding
/// and that encoding's SHA-256. Report lines are lines of `csv`.
///
/// Errors (ErrorCode::Schema / Parse, naming source, line and column): a layout column missing
/// from the header or given two roles, a ragged or malformed line, an empty family id or group,
/// a protected column with more than 1,000 groups or a strata column with more than 1,000
/// strata (the reports would be unreadable; such a column is almost surely the wrong one), no
/// rows at all. Integrity violations are not errors here: they are in the report.
Result<ProbeSetCheck> checkProbeSet(std::string_view csv, const ProbeSetLayout &layout,
                                    const std::string &source, const Progress &progress = {});

/// The error refusing a set whose integrity report is not clean: the first offending family,
/// with its line and column, and the totals.
Error integrityError(const IntegrityReport &report, const std::string &source);

} // namespace cp
