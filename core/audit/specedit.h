// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace cp {

/// Sets the value at a JSON pointer (RFC 6901) in an audit spec and returns the new spec text,
/// pretty-printed with 2 spaces and with the keys in their original order. Missing object members
/// on the way are created ("/contract/min_positives"); a null value removes the member (or list
/// element) instead, which is how an optional limit is set to "none".
/// The result is parsed with parseAuditSpec before it is returned: an edit that would make the
/// spec invalid returns the parser's Error (its field names the JSON path) and nothing changes.
Result<std::string> editAuditSpec(std::string_view specJson, const std::string &jsonPointer,
                                  const nlohmann::json &value, const std::string &source);

/// Marks attestation `index` of the contract done (recording `by` and `date`, e.g. a UTC ISO
/// date) or undone (removing by and date: nobody vouches for it any more). An attestation
/// written as a bare string becomes an object. Errors as editAuditSpec; an index out of range
/// is an Error on "/contract/attestations/<index>".
Result<std::string> attest(std::string_view specJson, std::size_t index, bool done,
                           const std::string &by, const std::string &date,
                           const std::string &source = "audit spec");

} // namespace cp
