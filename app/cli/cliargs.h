// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/workflow/projectsession.h>

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace cli {

constexpr int ExitOk = 0;       ///< also APPROVED
constexpr int ExitBlocked = 1;
constexpr int ExitError = 2;    ///< bad usage or bad input

/// A command's arguments: "--key value" options and bare "--flag"s.
struct Args {
    std::string command;
    std::string subcommand;   ///< "export" in "review export …" (commands that take one)
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;

    bool has(const std::string &key) const { return options.count(key) > 0; }
    std::string get(const std::string &key, const std::string &fallback = {}) const;
    bool flag(const std::string &name) const;
    /// Empty when every option and flag is one of those named; else the first stray one.
    std::string unknown(std::initializer_list<const char *> valued,
                        std::initializer_list<const char *> bare) const;
};

/// While alive, SIGINT and SIGTERM set a flag instead of killing the process, so that a long
/// command stops cleanly: a scoring run stays resumable, a file being written is removed.
class InterruptGuard
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;
    static bool interrupted();
};

/// "--key value" when the next word does not start with "--", else a bare flag.
bool parseArgs(int argc, char **argv, int first, Args &args, std::string &error);

/// Prints "counterpart-cli: file:line: field: message" and returns ExitError.
int fail(const cp::Error &e);
/// Prints the message and the usage text and returns ExitError.
int usageError(const std::string &message);
/// Opens the project named by --project (a project file, or with ReadOnly a sample folder):
/// every command opens its project through this, so all of them accept the same forms.
cp::Result<cp::OpenedProject> openProject(const Args &args,
                                          cp::OpenedProject::Access access
                                          = cp::OpenedProject::Access::ReadOnly);

/// The audit source named by `runKey` (a scoring run id) or `tableKey` (a table's name or id);
/// with neither, the project's default source (core/workflow/projectsession.h).
cp::Result<cp::AuditSource> sourceFromArgs(cp::ProjectStore &store, const Args &args,
                                           const std::string &runKey = "--run",
                                           const std::string &tableKey = "--table");

/// The full usage text, assembled from every command's usage lines.
const std::string &usageText();

} // namespace cli
