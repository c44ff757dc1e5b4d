// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the SQLite backend: running a query to records, with every step checked.

#include "sqlitebackend.h"
#include "sqlitestatement.h"

#include <optional>
#include <string>
#include <vector>

namespace cp::sqlite {

/// At most one row, mapped by `map(statement)`; none when the query gives no row.
template<typename Map>
auto queryOne(const SqliteBackend &backend, Statement &s, const std::string &what, Map map)
    -> Result<std::optional<decltype(map(s))>>
{
    using T = decltype(map(s));
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional<T>(map(s));
    if (rc != SQLITE_DONE)
        return backend.fail(what, s);
    return std::optional<T>();
}

/// Every row, mapped by `map(statement)`.
template<typename Map>
auto queryAll(const SqliteBackend &backend, Statement &s, const std::string &what, Map map)
    -> Result<std::vector<decltype(map(s))>>
{
    std::vector<decltype(map(s))> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(map(s));
    if (rc != SQLITE_DONE)
        return backend.fail(what, s);
    return out;
}

/// Runs a statement that returns no rows.
inline Status run(const SqliteBackend &backend, Statement &s, const std::string &what)
{
    if (s.step() != SQLITE_DONE)
        return backend.fail(what, s);
    return Ok{};
}

} // namespace cp::sqlite
