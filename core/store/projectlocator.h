// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Where a project lives, as a user types it: a file path (an SQLite project file, the embedded
// default) or a server URL (postgresql://user@host:5432/db, postgres://…). Parsing decides the
// kind only; ProjectStore::open (projectstore.h) is the one place that turns a locator into a
// backend, and refuses the kinds this build has no backend for.

#include <core/common/result.h>

#include <string>

namespace cp {

class ProjectLocator
{
public:
    enum class Kind { File, Server };

    /// A path, or a URL with a scheme this build knows of. An empty text, or another scheme
    /// ("mysql://"), is an error naming what is accepted.
    static Result<ProjectLocator> parse(const std::string &text);
    static ProjectLocator file(const std::string &path);

    Kind kind() const { return m_kind; }
    /// The file path (Kind::File), or the URL as typed (Kind::Server, password included: for
    /// the backend, never for display).
    const std::string &text() const { return m_text; }
    /// What errors and titles show: the path, or the URL with its password replaced by "***".
    const std::string &display() const { return m_display; }
    /// "postgresql" for a server, empty for a file.
    const std::string &scheme() const { return m_scheme; }

    bool operator==(const ProjectLocator &) const = default;

private:
    Kind m_kind = Kind::File;
    std::string m_text;
    std::string m_display;
    std::string m_scheme;
};

} // namespace cp
