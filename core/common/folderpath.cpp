// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "folderpath.h"

#include "utf8.h"

#include <filesystem>

namespace cp {

namespace fs = std::filesystem;

std::string resolvedPath(const std::string &folder, const std::string &name)
{
    std::error_code ec;
    fs::path p(name);
    if (p.is_relative())
        p = fs::path(folder) / p;
    p = fs::absolute(p, ec);
    const fs::path real = fs::weakly_canonical(p, ec);
    return (ec ? p.lexically_normal() : real).string();
}

bool isInsideFolder(const std::string &path, const std::string &folder)
{
    const fs::path file(resolvedPath(".", path));
    const fs::path base(resolvedPath(".", folder.empty() ? std::string(".") : folder));
    const fs::path rel = file.lexically_relative(base);
    return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

Result<std::string> fileInFolder(const std::string &folder, const std::string &name,
                                 const std::string &source, const std::string &field)
{
    const std::string path = resolvedPath(folder, name);
    if (!isInsideFolder(path, folder))
        return Error{ErrorCode::Invalid, source, 0, field,
                     "names a file outside its folder (" + utf8::quoted(name)
                         + "): only files inside the folder are read"};
    return path;
}

} // namespace cp
