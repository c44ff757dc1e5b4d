// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <string>
#include <string_view>

namespace cp {

/// A file's bytes, memory-mapped read-only (a pipe or other unmappable file is read instead).
/// Reading a table from the map costs no copy; release() gives back pages already read, so a
/// reader's resident memory stays near what it builds rather than the file size.
class MappedFile
{
public:
    /// Errors name the file ("cannot open file for reading", "read error").
    static Result<MappedFile> open(const std::string &path);

    MappedFile() = default;
    MappedFile(MappedFile &&other) noexcept;
    MappedFile &operator=(MappedFile &&other) noexcept;
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile();

    std::string_view bytes() const { return m_map ? std::string_view(m_map, m_size) : m_copy; }
    /// Drops [offset, offset + length) (page-aligned) from this process's memory; reading it
    /// again is still allowed (the pages come back from the page cache).
    void release(std::size_t offset, std::size_t length) const;

private:
    char *m_map = nullptr;
    std::size_t m_size = 0;
    std::string m_copy;
};

} // namespace cp
