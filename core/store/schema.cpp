// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "schema.h"

#include "storebackend.h"

namespace cp {

Status migrateSchema(StoreBackend &backend, const std::string &where)
{
    auto stored = backend.storedSchemaVersion();
    if (!stored)
        return stored.error();
    const int from = *stored;
    if (from > SchemaVersion)
        return Error{ErrorCode::Storage, where, 0, {},
                     "the project uses schema version " + std::to_string(from)
                         + ", newer than this Counterpart understands ("
                         + std::to_string(SchemaVersion) + "); update Counterpart"};
    if (from < 0)
        return Error{ErrorCode::Storage, where, 0, {}, "invalid schema version"};
    if (from == SchemaVersion)
        return Ok{};
    const bool creating = from == 0;
    const auto failed = [&](const Error &e, const std::string &what) {
        Error out = e;
        out.file = where;
        out.message = what + ": " + e.message;
        return out;
    };
    if (auto s = backend.begin(); !s)
        return failed(s.error(), creating ? "cannot create the project schema"
                                          : "cannot start migrating the project");
    for (int v = from + 1; v <= SchemaVersion; ++v) {
        if (auto s = backend.applySchemaStep(v); !s) {
            backend.rollback();
            return failed(s.error(), creating ? "cannot create the project schema"
                                              : "cannot migrate the project to schema version "
                                                    + std::to_string(v));
        }
    }
    if (auto s = backend.recordSchemaVersion(SchemaVersion, creating); !s) {
        backend.rollback();
        return failed(s.error(), "cannot record the schema version");
    }
    if (auto s = backend.commit(); !s) {
        backend.rollback();
        return failed(s.error(), "cannot commit the schema migration");
    }
    return Ok{};
}

} // namespace cp
