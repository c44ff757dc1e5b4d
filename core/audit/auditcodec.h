// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A finished audit as bytes and back, for the project's audit cache (core/workflow/auditcache):
// every field of AuditResult, in one field list per struct that both directions read, so a
// field added to the result and not to the list fails tst_auditcodec's round trip.
//
// The bytes are not a file format anyone writes by hand, but they come from a file, so reading
// them is checked like any input: a short, long or altered blob is an error naming the byte
// where it went wrong, never a crash or a huge allocation.

#include <core/audit/auditresult.h>
#include <core/audit/pairsindex.h>
#include <core/common/result.h>

#include <memory>
#include <string>
#include <string_view>

namespace cp {

/// Changes whenever the encoding changes; a blob of another version is refused (and re-audited).
inline constexpr int AuditCodecVersion = 5;

/// The result's bytes, after `prefix` (a header of the caller's, without a copy of the result).
std::string encodeAudit(const AuditResult &result, std::string prefix = {});
/// `where` names the blob in errors ("project.counterpart (audit cache)").
Result<AuditResult> decodeAudit(std::string_view bytes, const std::string &where);

/// An excerpt of a Pairs index (excerptPairs: a few families with their text) as bytes and
/// back, kept beside the audit so that a report shows its pairs without reading the table.
/// Reading checks every row, family and group reference, so a decoded excerpt can be indexed
/// as any PairsIndex.
std::string encodePairExcerpt(const PairsIndex &excerpt);
Result<std::shared_ptr<const PairsIndex>> decodePairExcerpt(std::string_view bytes,
                                                            const std::string &where);

} // namespace cp
