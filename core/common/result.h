// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace cp {

/// What went wrong, coarsely; ui/ maps the code to translated text, the CLI to an exit status.
enum class ErrorCode {
    Io,           ///< a file could not be read or written
    Parse,        ///< malformed CSV / JSON / JSON Lines
    Schema,       ///< well-formed input that does not fit: missing column, wrong type
    Invalid,      ///< a value or combination the audit cannot accept
    Storage,      ///< the project database failed or is corrupt
    Cancelled,    ///< the user cancelled a long operation
};

/// A structured error: where (file, 1-based line, field) and what. line 0 = no line applies.
struct Error {
    ErrorCode code = ErrorCode::Invalid;
    std::string file;
    std::int64_t line = 0;
    std::string field;
    std::string message;

    /// "file:line: field: message", the form the CLI prints and the GUI shows.
    std::string toString() const;
};

/// Either a value or an Error. A small stand-in for std::expected (C++23).
template<typename T>
class Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result for operations that return nothing.
struct Ok {};
using Status = Result<Ok>;

} // namespace cp
