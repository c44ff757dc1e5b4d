// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <string>

namespace cp {

class ProjectStore;

/// Imports a sample project folder into a store: its project.json names the audit spec
/// ("spec", a file name), the tables ("tables": a list of {"file", "name"}) and optionally the
/// project's "name". Returns the number of tables imported. A file that cannot be read, a spec
/// that does not parse or a manifest value of the wrong type is an error naming the file and
/// the JSON path; nothing is imported past it.
Result<int> importProjectFolder(ProjectStore &store, const std::string &folder);

} // namespace cp
