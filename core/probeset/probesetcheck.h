// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/probeset/balancereport.h>
#include <core/probeset/integrityreport.h>
#include <core/probeset/probesetlayout.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

namespace probesetcheck {
class Checker;
}

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

/// The same check over a probe set that arrives in pieces (a generator's output, written to the
/// project as it is produced), family by family: it keeps the rows of one family at a time, never
/// the whole set. Each piece holds whole records; only the last one may end without a line feed.
/// The rows of a family must be together (a generator writes them so): a family that appears
/// again after another began is an error here, where checkProbeSet() accepts it. The canonical
/// bytes go to the sink in order as they are checked (the input itself wherever it is already
/// canonical), and finish() returns their SHA-256; `canonical` stays empty. Report lines are
/// lines of the whole input.
class ProbeSetStreamCheck
{
public:
    /// Receives the canonical bytes in order; an error stops the check and is returned by feed().
    using Sink = std::function<Status(std::string_view canonical)>;

    ProbeSetStreamCheck(const ProbeSetLayout &layout, std::string source, Sink sink,
                        Progress progress = {});
    ~ProbeSetStreamCheck();
    ProbeSetStreamCheck(const ProbeSetStreamCheck &) = delete;
    ProbeSetStreamCheck &operator=(const ProbeSetStreamCheck &) = delete;

    /// Checks the next records. After an error every later call returns it again.
    Status feed(std::string_view records);
    /// After the last piece: the header, the reports and the SHA-256 of the canonical bytes.
    Result<ProbeSetCheck> finish();

private:
    std::unique_ptr<probesetcheck::Checker> m_checker;
};

/// The error refusing a set whose integrity report is not clean: the first offending family,
/// with its line and column, and the totals.
Error integrityError(const IntegrityReport &report, const std::string &source);

} // namespace cp
