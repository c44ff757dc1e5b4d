// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support: reach into a project file with the sqlite3 C API, behind the store's back
// (to build old schemas, tamper with rows, read counts). Link SQLite::SQLite3 to use it.

#include <QString>

#include <sqlite3.h>

namespace cp::test {

/// Runs one SQL statement on a file; returns the first column of the first row as text (or "").
inline QString sql(const QString &path, const char *statement, bool *ok = nullptr)
{
    sqlite3 *db = nullptr;
    QString out;
    bool good = sqlite3_open_v2(path.toUtf8().constData(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
                == SQLITE_OK;
    sqlite3_stmt *stmt = nullptr;
    if (good)
        good = sqlite3_prepare_v2(db, statement, -1, &stmt, nullptr) == SQLITE_OK;
    if (good) {
        const int rc = sqlite3_step(stmt);
        good = rc == SQLITE_ROW || rc == SQLITE_DONE;
        if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    if (ok)
        *ok = good;
    return out;
}

/// Runs SQL of one or more statements on a file (sqlite3_exec); returns SQLite's error message,
/// empty on success. The tests use this, never the sqlite3 program, which CI does not install.
inline QString execSql(const QString &path, const QString &statements)
{
    sqlite3 *db = nullptr;
    QString error;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK) {
        error = QString::fromUtf8(sqlite3_errmsg(db));
    } else {
        char *message = nullptr;
        if (sqlite3_exec(db, statements.toUtf8().constData(), nullptr, nullptr, &message)
            != SQLITE_OK)
            error = QString::fromUtf8(message ? message : "failed");
        sqlite3_free(message);
    }
    sqlite3_close(db);
    return error;
}

} // namespace cp::test
