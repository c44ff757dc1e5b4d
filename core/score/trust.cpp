// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trust.h"

#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace cp {

namespace {

std::string absolutePath(const std::string &path)
{
    std::error_code ec;
    auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    return ec ? path : p.string();
}

nlohmann::json readTrust()
{
    const std::string path = trustFilePath();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return nlohmann::json::array();
    auto bytes = readFileBytes(path);
    if (!bytes)
        return nlohmann::json::array();
    // A damaged trust file trusts nothing: the safe reading.
    auto j = nlohmann::json::parse(*bytes, nullptr, false);
    return j.is_array() ? j : nlohmann::json::array();
}

} // namespace

std::string trustFilePath()
{
    if (const char *f = std::getenv("COUNTERPART_TRUST_FILE"); f && *f)
        return f;
    if (const char *x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return (std::filesystem::path(x) / "counterpart" / "trust.json").string();
    const char *home = std::getenv("HOME");
    return (std::filesystem::path(home && *home ? home : ".") / ".config" / "counterpart"
            / "trust.json")
        .string();
}

bool isTrusted(const std::string &projectPath, const std::string &configSha256)
{
    const std::string project = absolutePath(projectPath);
    for (const auto &e : readTrust())
        if (e.is_object() && e.value("project", "") == project
            && e.value("config_sha256", "") == configSha256)
            return true;
    return false;
}

Status trustScorer(const std::string &projectPath, const std::string &configSha256,
                   const std::string &modelName)
{
    if (isTrusted(projectPath, configSha256))
        return Ok{};
    nlohmann::json all = readTrust();
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    all.push_back({{"project", absolutePath(projectPath)},
                   {"config_sha256", configSha256},
                   {"model", modelName},
                   {"trusted", when}});
    const std::filesystem::path path(trustFilePath());
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::filesystem::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << all.dump(2) << "\n";
        if (!out)
            return Error{ErrorCode::Io, temp.string(), 0, {}, "cannot write the trust file"};
    }
    std::filesystem::rename(temp, path, ec);
    if (ec)
        return Error{ErrorCode::Io, path.string(), 0, {}, "cannot write the trust file: "
                                                              + ec.message()};
    return Ok{};
}

} // namespace cp
