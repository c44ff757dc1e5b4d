// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectlocator.h"

#include <algorithm>
#include <cctype>

namespace cp {

namespace {

/// The scheme of "scheme://…" in lower case, or empty when the text is not a URL. A Windows
/// path ("C:\p.counterpart", "C:/p") has no "//" after its colon, so it stays a path.
std::string schemeOf(const std::string &text)
{
    const auto colon = text.find("://");
    if (colon == std::string::npos || colon < 2)
        return {};
    std::string scheme = text.substr(0, colon);
    const bool word = std::isalpha(static_cast<unsigned char>(scheme[0]))
                      && std::all_of(scheme.begin(), scheme.end(), [](char c) {
                             const auto u = static_cast<unsigned char>(c);
                             return std::isalnum(u) || c == '+' || c == '-' || c == '.';
                         });
    if (!word)
        return {};
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
    return scheme;
}

/// postgresql://user:secret@host/db → postgresql://user:***@host/db
std::string withoutPassword(const std::string &url)
{
    const auto start = url.find("://") + 3;
    const auto at = url.find('@', start);
    const auto slash = url.find('/', start);
    if (at == std::string::npos || (slash != std::string::npos && slash < at))
        return url;
    const auto colon = url.find(':', start);
    if (colon == std::string::npos || colon > at)
        return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

} // namespace

ProjectLocator ProjectLocator::file(const std::string &path)
{
    ProjectLocator l;
    l.m_kind = Kind::File;
    l.m_text = path;
    l.m_display = path;
    return l;
}

Result<ProjectLocator> ProjectLocator::parse(const std::string &text)
{
    if (text.empty())
        return Error{ErrorCode::Invalid, {}, 0, "project",
                     "no project given (a project file, or a postgresql:// URL)"};
    const std::string scheme = schemeOf(text);
    if (scheme.empty())
        return file(text);
    if (scheme == "file") {
        std::string path = text.substr(text.find("://") + 3);
        if (path.empty())
            return Error{ErrorCode::Invalid, text, 0, "project", "a file:// locator names no file"};
        return file(path);
    }
    if (scheme == "postgresql" || scheme == "postgres") {
        ProjectLocator l;
        l.m_kind = Kind::Server;
        l.m_text = text;
        l.m_display = withoutPassword(text);
        l.m_scheme = "postgresql";
        return l;
    }
    return Error{ErrorCode::Invalid, withoutPassword(text), 0, "project",
                 "unknown kind of project '" + scheme
                     + "://' (a project is a file path, or a postgresql:// URL)"};
}

} // namespace cp
