// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The command scorer's configuration: parsing it and resolving the child's environment.

#include "commandscorer.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

extern char **environ;

namespace cp {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

bool isEnvName(std::string_view s)
{
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

/// Calls onText for literal text and onVar for each ${NAME} of value. Returns a problem, or
/// an empty string.
template<typename Text, typename Var>
std::string scanTemplate(const std::string &value, Text onText, Var onVar)
{
    std::size_t i = 0;
    while (i < value.size()) {
        const std::size_t open = value.find("${", i);
        if (open == std::string::npos)
            break;
        const std::size_t close = value.find('}', open + 2);
        if (close == std::string::npos)
            return "'${' without a closing '}'";
        const std::string name = value.substr(open + 2, close - open - 2);
        if (!isEnvName(name))
            return "'${" + name + "}' does not name an environment variable";
        onText(std::string_view(value).substr(i, open - i));
        if (auto problem = onVar(name); !problem.empty())
            return problem;
        i = close + 1;
    }
    onText(std::string_view(value).substr(i));
    return {};
}

} // namespace

Result<CommandScorerConfig> parseCommandScorerConfig(const json &section,
                                                     const std::string &source,
                                                     const std::string &path,
                                                     const std::string &baseDir)
{
    const auto error = [&](const std::string &sub, std::string message) {
        return Error{ErrorCode::Schema, source, 0, path + sub, std::move(message)};
    };
    if (!section.is_object())
        return error("", "expected an object with at least \"argv\"");
    static const char *const Keys[] = {"argv",         "cwd",   "env", "batch", "timeout_ms",
                                       "max_failures", "fields"};
    for (const auto &item : section.items())
        if (std::none_of(std::begin(Keys), std::end(Keys),
                         [&](const char *k) { return item.key() == k; }))
            return error("/" + item.key(), "unknown key (allowed: argv, cwd, env, batch, "
                                           "timeout_ms, max_failures, fields)");
    CommandScorerConfig config;
    const fs::path base(baseDir);
    const auto resolve = [&](const std::string &p) {
        if (fs::path(p).is_relative() && !baseDir.empty())
            return (base / p).lexically_normal().string();
        return p;
    };

    const auto argv = section.find("argv");
    if (argv == section.end())
        return error("/argv", "required: the program and its arguments, e.g. "
                              "[\"python3\", \"scorer.py\"]");
    if (!argv->is_array() || argv->empty())
        return error("/argv", "expected a non-empty array of strings");
    for (std::size_t i = 0; i < argv->size(); ++i) {
        if (!(*argv)[i].is_string())
            return error("/argv/" + std::to_string(i), "expected a string");
        config.argv.push_back((*argv)[i].get<std::string>());
    }
    if (config.argv[0].empty())
        return error("/argv/0", "the program name is empty");
    if (config.argv[0].find('/') != std::string::npos)
        config.argv[0] = resolve(config.argv[0]);

    config.workingDirectory = baseDir;
    if (const auto cwd = section.find("cwd"); cwd != section.end()) {
        if (!cwd->is_string() || cwd->get_ref<const std::string &>().empty())
            return error("/cwd", "expected a non-empty string (a folder)");
        config.workingDirectory = resolve(cwd->get<std::string>());
    }

    if (const auto env = section.find("env"); env != section.end()) {
        if (!env->is_object())
            return error("/env", "expected an object of strings, "
                                 "e.g. {\"API_KEY\": \"${API_KEY}\"}");
        for (const auto &item : env->items()) {
            if (!isEnvName(item.key()))
                return error("/env/" + item.key(), "not an environment variable name");
            if (!item.value().is_string())
                return error("/env/" + item.key(), "expected a string");
            const std::string value = item.value().get<std::string>();
            const std::string problem = scanTemplate(
                value, [](std::string_view) {}, [](const std::string &) { return std::string(); });
            if (!problem.empty())
                return error("/env/" + item.key(), problem);
            config.environment.emplace_back(item.key(), value);
        }
    }

    struct IntKey {
        const char *key;
        int *out;
        int min, max;
    };
    const IntKey ints[] = {{"batch", &config.batch, 1, 4096},
                           {"timeout_ms", &config.timeoutMs, 1, 24 * 3600 * 1000},
                           {"max_failures", &config.maxConsecutiveFailures, 1, 1000000}};
    for (const IntKey &k : ints) {
        const auto it = section.find(k.key);
        if (it == section.end())
            continue;
        if (!it->is_number_integer() || it->get<std::int64_t>() < k.min
            || it->get<std::int64_t>() > k.max)
            return error(std::string("/") + k.key, "expected an integer from "
                                                       + std::to_string(k.min) + " to "
                                                       + std::to_string(k.max));
        *k.out = it->get<int>();
    }

    if (const auto fields = section.find("fields"); fields != section.end()) {
        if (!fields->is_array())
            return error("/fields", "expected an array of column names");
        for (std::size_t i = 0; i < fields->size(); ++i) {
            const json &f = (*fields)[i];
            const std::string at = "/fields/" + std::to_string(i);
            if (!f.is_string() || f.get_ref<const std::string &>().empty())
                return error(at, "expected a column name");
            if (std::find(config.fields.begin(), config.fields.end(), f.get<std::string>())
                != config.fields.end())
                return error(at, "column '" + f.get<std::string>() + "' is listed twice");
            config.fields.push_back(f.get<std::string>());
        }
    }
    return config;
}

Result<std::vector<std::string>>
commandEnvironment(const CommandScorerConfig &config,
                   std::vector<std::pair<std::string, std::string>> &secrets)
{
    std::vector<std::string> env;
    for (char **e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        if (std::none_of(config.environment.begin(), config.environment.end(),
                         [&](const auto &kv) { return kv.first == name; }))
            env.emplace_back(entry);
    }
    for (const auto &entry : config.environment) {
        // Named, not bound: clang 14 cannot capture a structured binding in a lambda.
        const std::string &name = entry.first;
        const std::string &value = entry.second;
        std::string resolved = name + "=";
        const std::string problem = scanTemplate(
            value, [&](std::string_view text) { resolved += text; },
            [&](const std::string &var) -> std::string {
                const char *v = std::getenv(var.c_str());
                if (!v)
                    return "environment variable " + var + " is not set (the scorer's " + name
                           + " is \"" + value + "\")";
                resolved += v;
                if (std::strlen(v) >= 3)
                    secrets.emplace_back(v, "${" + var + "}");
                return {};
            });
        if (!problem.empty())
            return Error{ErrorCode::Invalid, "", 0, "env/" + name, problem};
        env.push_back(std::move(resolved));
    }
    // Longest first, so that a secret containing another is replaced whole.
    std::sort(secrets.begin(), secrets.end(),
              [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    return env;
}

std::optional<Error> checkCommandProgram(const CommandScorerConfig &config)
{
    const std::string &program = config.argv.empty() ? std::string() : config.argv[0];
    if (program.empty())
        return Error{ErrorCode::Invalid, "", 0, "argv", "no scorer program is configured"};
    if (!config.workingDirectory.empty() && !fs::is_directory(config.workingDirectory))
        return Error{ErrorCode::Io, "", 0, "cwd", "cannot start the scorer '" + program
                                                      + "': its working directory '"
                                                      + config.workingDirectory
                                                      + "' does not exist"};
    if (program.find('/') != std::string::npos) {
        const fs::path exe = fs::path(program).is_relative() && !config.workingDirectory.empty()
                                 ? fs::path(config.workingDirectory) / program
                                 : fs::path(program);
        if (!fs::exists(exe))
            return Error{ErrorCode::Io, "", 0, "argv",
                         "cannot start the scorer '" + program + "': no such file"};
        if (::access(exe.c_str(), X_OK) != 0)
            return Error{ErrorCode::Io, "", 0, "argv",
                         "cannot start the scorer '" + program + "': not executable"};
    }
    return std::nullopt;
}

} // namespace cp
