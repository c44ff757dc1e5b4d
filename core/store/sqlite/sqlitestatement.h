// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the SQLite backend: RAII over the sqlite3 C API. Every bind is checked: the first
// one that fails (a value over the length limit, an out-of-range index) is remembered, and
// step() then returns its code without running the statement, so a refused value surfaces as
// the error it is and never as a NULL that a constraint trips over later.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cp::sqlite {

/// SQLite's message for the connection's last error, or the text of `rc`.
inline std::string messageOf(sqlite3 *db, int rc)
{
    const char *m = db ? sqlite3_errmsg(db) : nullptr;
    if (!m || !*m || std::string_view(m) == "not an error")
        m = sqlite3_errstr(rc);
    return m ? m : "unknown SQLite error";
}

/// Runs SQL without results; false with SQLite's message on failure.
inline bool exec(sqlite3 *db, const char *sql, std::string *message = nullptr)
{
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK && message)
        *message = error ? error : messageOf(db, rc);
    sqlite3_free(error);
    return rc == SQLITE_OK;
}

/// A prepared statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) : m_db(db)
    {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
        if (m_rc != SQLITE_OK)
            m_message = messageOf(db, m_rc);
    }
    Statement(sqlite3 *db, const std::string &sql) : Statement(db, sql.c_str()) {}
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    /// Prepared, and every bind so far accepted.
    bool ok() const { return m_rc == SQLITE_OK; }
    /// What failed: the prepare, a bind or the last step.
    const std::string &message() const { return m_message; }

    Statement &bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(m_stmt, i, v)); }
    Statement &bind(int i, std::string_view v)
    {
        return check(sqlite3_bind_text64(m_stmt, i, v.data(), sqlite3_uint64(v.size()),
                                         SQLITE_TRANSIENT, SQLITE_UTF8));
    }
    Statement &bind(int i, const std::string &v) { return bind(i, std::string_view(v)); }
    Statement &bind(int i, const char *v) { return bind(i, std::string_view(v)); }
    Statement &bind(int i, const std::optional<std::string> &v)
    {
        return v ? bind(i, std::string_view(*v)) : bindNull(i);
    }
    Statement &bind(int i, const std::optional<std::int64_t> &v)
    {
        return v ? bind(i, *v) : bindNull(i);
    }
    Statement &bindReal(int i, double v) { return check(sqlite3_bind_double(m_stmt, i, v)); }
    Statement &bindReal(int i, const std::optional<double> &v)
    {
        return v ? bindReal(i, *v) : bindNull(i);
    }
    /// The bytes are not copied: they must stay valid until the statement is stepped.
    Statement &bindBlob(int i, std::string_view v)
    {
        return check(sqlite3_bind_blob64(m_stmt, i, v.data(), sqlite3_uint64(v.size()),
                                         SQLITE_STATIC));
    }
    Statement &bindNull(int i) { return check(sqlite3_bind_null(m_stmt, i)); }

    /// SQLITE_ROW, SQLITE_DONE or an error code (a failed prepare or bind: that one's).
    int step()
    {
        if (m_rc != SQLITE_OK)
            return m_rc;
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            m_message = messageOf(m_db, rc);
            m_failure = rc;
        }
        return rc;
    }
    /// The code of the last failed prepare, bind or step (SQLITE_OK when none failed).
    int failure() const { return m_rc != SQLITE_OK ? m_rc : m_failure; }
    /// Ready to step again with new bindings (the old ones are cleared).
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        if (m_stmt)
            m_rc = SQLITE_OK;
    }

    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    std::string text(int col) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, col))) : std::string();
    }
    std::optional<std::string> optionalText(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<std::string>(text(col));
    }
    std::optional<std::int64_t> optionalInteger(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<std::int64_t>(integer(col));
    }
    std::optional<double> optionalReal(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<double>(real(col));
    }
    /// A view of a text column (empty when NULL), valid until the next step or reset.
    std::string_view textView(int col) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(m_stmt, col)))
                 : std::string_view();
    }
    /// A real column, or none when NULL: one call into SQLite for any value but 0.
    std::optional<double> realOrNull(int col) const
    {
        const double v = sqlite3_column_double(m_stmt, col);
        if (v == 0.0 && isNull(col))
            return std::nullopt;
        return v;
    }
    /// A view of a blob column, valid until the next step or reset.
    std::string_view blob(int col) const
    {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
        return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(m_stmt, col)))
                 : std::string_view();
    }

private:
    Statement &check(int rc)
    {
        if (rc != SQLITE_OK && m_rc == SQLITE_OK) {
            m_rc = rc;
            m_message = messageOf(m_db, rc);
        }
        return *this;
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
    int m_failure = SQLITE_OK;
    std::string m_message;
};

} // namespace cp::sqlite
