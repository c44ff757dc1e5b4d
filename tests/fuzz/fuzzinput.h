// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// What the fuzz targets share: the input as text, and the input written to a file for the
// importers that read a path (a review packet, a predictions file, a project file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <unistd.h>

namespace fuzz {

inline std::string_view text(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/// A folder of this process under TMPDIR, removed when the process ends normally.
inline const std::filesystem::path &scratch()
{
    static const std::filesystem::path dir = [] {
        const char *tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/counterpart-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data()))
            std::abort();   // the harness cannot run at all: not a finding in the code under test
        return std::filesystem::path(pattern);
    }();
    static const struct Cleanup {
        ~Cleanup() { std::error_code ec; std::filesystem::remove_all(dir, ec); }
    } cleanup;
    return dir;
}

/// Writes the input to scratch()/name (replacing it) and returns the path.
inline std::string writeInput(const std::string &name, const std::uint8_t *data, std::size_t size)
{
    const std::string path = (scratch() / name).string();
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        std::abort();
    if (size && std::fwrite(data, 1, size, f) != size)
        std::abort();
    std::fclose(f);
    return path;
}

} // namespace fuzz
