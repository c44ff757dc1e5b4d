// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The records of a project's own tables: frozen tables, spec versions, audit runs and the
// audit cache. Probe sets (probesetstore.h), scoring (scorerecords.h) and reviews
// (reviewrecords.h) have their own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cp {

/// A frozen imported table: its bytes are stored verbatim and named by their SHA-256.
struct TableRecord {
    std::int64_t id = 0;
    std::string name;
    std::string format;     ///< "csv" or "jsonl"
    std::string sha256;
    std::int64_t bytes = 0;
    std::string imported;   ///< ISO 8601 UTC
};

/// A version of the audit spec (JSON text, validated before it is stored).
struct SpecRecord {
    std::int64_t id = 0;
    std::string sha256;
    std::string name;
    std::string json;
    std::string created;
};

/// One audit run: which table and spec, when, the decision and the full result document.
struct RunRecord {
    std::int64_t id = 0;
    std::int64_t tableId = 0;
    std::int64_t specId = 0;
    std::string created;
    std::optional<std::string> decision; ///< "APPROVED", "BLOCKED" or none (no contract)
    std::string resultJson;
};

/// What a cached audit is of: the source ("table:3", "run:2", see auditsource.h), the SHA-256
/// of the spec it was audited with, and the version of the code that audited it (a new build
/// never reads an older build's audit).
struct AuditCacheKey {
    std::string source;
    std::string specSha256;
    std::string codeVersion;
};

/// A finished audit kept for the next opening: an opaque serialized document (its format is the
/// serializer's), with when it was made and its SHA-256, checked on load.
struct AuditCacheEntry {
    AuditCacheKey key;
    std::string created;    ///< ISO 8601 UTC
    std::string sha256;
    std::string blob;
};

/// The one lookup rule for every record a command names (table, probe set, model, run):
/// text of digits only is an id, anything else a name. So a name may not be digits only: a
/// table named "1" shadowed table id 1 (the table and model lookups tried names first, the
/// probe set lookup ids). Returns the reason when `name` cannot name a `what`, else empty.
inline std::string recordNameProblem(std::string_view name, std::string_view what)
{
    if (name.empty())
        return "a " + std::string(what) + " needs a name";
    if (name.find_first_not_of("0123456789") == std::string_view::npos)
        return "'" + std::string(name) + "' would read as an id: a " + std::string(what)
               + " name needs a character other than a digit (give another name)";
    return {};
}

} // namespace cp
