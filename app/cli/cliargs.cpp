// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "cliargs.h"

#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>

namespace cli {

std::string Args::get(const std::string &key, const std::string &fallback) const
{
    const auto it = options.find(key);
    return it == options.end() ? fallback : it->second;
}

bool Args::flag(const std::string &name) const
{
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::string Args::unknown(std::initializer_list<const char *> valued,
                          std::initializer_list<const char *> bare) const
{
    for (const auto &option : options) {
        const std::string &key = option.first;   // clang 14 cannot capture a binding
        const std::string &value = option.second;
        if (std::none_of(valued.begin(), valued.end(), [&](const char *v) { return key == v; }))
            return std::none_of(bare.begin(), bare.end(), [&](const char *b) { return key == b; })
                       ? key
                       : key + " (takes no value, found '" + value + "')";
    }
    for (const auto &f : flags) {
        if (std::none_of(bare.begin(), bare.end(), [&](const char *b) { return f == b; }))
            return std::none_of(valued.begin(), valued.end(), [&](const char *v) { return f == v; })
                       ? f
                       : f + " (needs a value)";
    }
    return {};
}

bool parseArgs(int argc, char **argv, int first, Args &args, std::string &error)
{
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0 || a.size() == 2) {
            error = "unexpected argument '" + a + "'";
            return false;
        }
        const bool hasValue = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0;
        if (hasValue) {
            if (args.options.count(a)) {
                error = a + " is given twice";
                return false;
            }
            args.options[a] = argv[++i];
        } else {
            args.flags.push_back(a);
        }
    }
    return true;
}

namespace {

std::atomic<bool> interruptedFlag{false};

extern "C" void onInterrupt(int)
{
    interruptedFlag = true;
}

} // namespace

InterruptGuard::InterruptGuard()
{
    interruptedFlag = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool InterruptGuard::interrupted()
{
    return interruptedFlag.load();
}

int fail(const cp::Error &e)
{
    std::cerr << "counterpart-cli: " << e.toString() << "\n";
    return ExitError;
}

int usageError(const std::string &message)
{
    std::cerr << "counterpart-cli: " << message << "\n\n" << usageText();
    return ExitError;
}

cp::Result<cp::OpenedProject> openProject(const Args &args, cp::OpenedProject::Access access)
{
    return cp::OpenedProject::open(args.get("--project"), access);
}

cp::Result<cp::AuditSource> sourceFromArgs(cp::ProjectStore &store, const Args &args,
                                           const std::string &runKey, const std::string &tableKey)
{
    if (args.has(runKey) && args.has(tableKey))
        return cp::Error{cp::ErrorCode::Invalid, {}, 0, runKey,
                         "give " + runKey + " R or " + tableKey + " T, not both"};
    if (args.has(runKey)) {
        const std::string text = args.get(runKey);
        char *end = nullptr;
        const long long id = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || id <= 0)
            return cp::Error{cp::ErrorCode::Invalid, {}, 0, runKey,
                             "expected a scoring run id (a positive number), found '" + text + "'"};
        return cp::resolveAuditSource(store, "run:" + std::to_string(id));
    }
    if (args.has(tableKey)) {
        if (args.get(tableKey).empty())
            return cp::Error{cp::ErrorCode::Invalid, {}, 0, tableKey, "needs a table name or id"};
        return cp::resolveAuditSource(store, args.get(tableKey));
    }
    return cp::defaultAuditSource(store);
}

} // namespace cli
