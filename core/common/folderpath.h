// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Whether a path a project (or a sample folder) names stays inside its folder. A project
// opened from elsewhere must not read /etc/passwd or ../secrets through a file name it carries:
// reading outside its folder is a trusted action (trust.h), or refused.

#include <core/common/result.h>

#include <string>

namespace cp {

/// The absolute, symlink-resolved form of `name` taken relative to `folder` (an absolute name
/// stays as it is), whether or not the file exists.
std::string resolvedPath(const std::string &folder, const std::string &name);

/// Whether `path` (resolved, symlinks followed) lies inside `folder` (resolved too).
bool isInsideFolder(const std::string &path, const std::string &folder);

/// `name` resolved against `folder` when it lies inside it; else an Error naming source and
/// field: "names a file outside its folder".
Result<std::string> fileInFolder(const std::string &folder, const std::string &name,
                                 const std::string &source, const std::string &field);

} // namespace cp
