// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The project schema: one version number and one list of numbered steps, the same for every
// backend.
//
//   1  specs, frozen tables, audit runs, settings (meta)
//   2  probe sets (probesetstore.h), immutable once frozen
//   3  scoring: models, scoring runs, scores, run logs (scorestore.h)
//   4  reviews: labels, their append-only history, packets (core/review/reviewstore.h)
//   5  table content in bounded chunks (table_chunks) instead of one value per table; the
//      audit cache (audit_cache, audit_cache_chunks)
//   6  scores.embedding: the vector of an embeddings scorer (openai_embeddings), packed
//
// How it works. A backend stores the version it holds and knows how to apply each step
// (StoreBackend::storedSchemaVersion / applySchemaStep / recordSchemaVersion); migrateSchema()
// below is the one driver: it refuses a version newer than SchemaVersion, and applies the steps
// from the stored version + 1 to SchemaVersion in one transaction, so an error or a crash leaves
// the project at its old version. A new project is version 0 and runs every step from 1.
//
// Adding a backend (PostgreSQL, issue 19): implement StoreBackend, and in applySchemaStep give
// the same step numbers that backend's own DDL (BIGSERIAL for INTEGER PRIMARY KEY, BYTEA for
// BLOB, a CHECK or trigger where SQLite uses one; step 5 on a server that never held step-1
// content is only its CREATE TABLEs). Then add its Kind to ProjectLocator and one case to
// ProjectStore::open. The engine (everything above the backend) and the front ends do not change.
//
// Adding a step: raise SchemaVersion, describe the step above, and implement the step in every
// backend; a step that moves data (as 5 does) does it inside applySchemaStep, in bounded pieces.

#include <core/common/result.h>

#include <string>

namespace cp {

class StoreBackend;

inline constexpr int SchemaVersion = 6;

/// Brings the backend's project to SchemaVersion (see above). Errors are ErrorCode::Storage and
/// name `where`; the migration step that failed is named in the message.
Status migrateSchema(StoreBackend &backend, const std::string &where);

} // namespace cp
