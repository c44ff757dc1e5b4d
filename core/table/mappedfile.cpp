// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "mappedfile.h"

#include <core/table/tablereader.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace cp {

Result<MappedFile> MappedFile::open(const std::string &path)
{
    if (Status s = checkRegularFile(path); !s)
        return s.error();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{ErrorCode::Io, path, 0, {}, "cannot open file for reading"};
    struct stat st{};
    MappedFile f;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void *p = ::mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            ::madvise(p, std::size_t(st.st_size), MADV_SEQUENTIAL);
            ::madvise(p, std::size_t(st.st_size), MADV_WILLNEED);
            f.m_map = static_cast<char *>(p);
            f.m_size = std::size_t(st.st_size);
            ::close(fd);
            return f;
        }
    }
    ::close(fd);
    if (S_ISREG(st.st_mode) && st.st_size == 0)
        return f;
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    f.m_copy = std::move(*bytes);
    return f;
}

MappedFile::MappedFile(MappedFile &&other) noexcept
    : m_map(std::exchange(other.m_map, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_copy(std::move(other.m_copy))
{}

MappedFile &MappedFile::operator=(MappedFile &&other) noexcept
{
    if (this != &other) {
        if (m_map)
            ::munmap(m_map, m_size);
        m_map = std::exchange(other.m_map, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_copy = std::move(other.m_copy);
    }
    return *this;
}

MappedFile::~MappedFile()
{
    if (m_map)
        ::munmap(m_map, m_size);
}

void MappedFile::release(std::size_t offset, std::size_t length) const
{
    if (!m_map || length == 0)
        return;
    // A private read-only mapping has no dirty pages: MADV_DONTNEED only unmaps them.
    ::madvise(m_map + offset, length, MADV_DONTNEED);
}

} // namespace cp
