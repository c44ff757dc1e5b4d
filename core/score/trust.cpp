// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trust.h"

#include "scorerconfig.h"

#include <core/common/jsontext.h>
#include <core/common/sha256.h>
#include <core/store/scorestore.h>

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
    if (jsontext::tooDeep(*bytes))
        return nlohmann::json::array();
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

bool kindNeedsTrust(std::string_view kind)
{
    return kind == "command" || kind == "http";
}

ScorerTrust scorerTrust(const std::string &projectPath, const ModelRecord &model)
{
    // The config as stored now, hashed the way parseScorerConfig hashes it (its compact dump):
    // the stored hash column is not trusted, so a config edited in the file asks again.
    ScorerTrust t;
    const auto j = nlohmann::json::parse(model.configJson, nullptr, false);
    const auto kind = j.is_object() ? j.find("kind") : j.end();
    if (j.is_discarded() || !j.is_object() || kind == j.end() || !kind->is_string()) {
        t.reach = kindNeedsTrust(model.kind) ? ScorerTrust::Reach::Network
                                             : ScorerTrust::Reach::InProcess;
        t.configError = "model '" + model.name + "': the stored config is not a scorer config";
        return t;
    }
    const std::string k = kind->get<std::string>();
    t.reach = k == "command" ? ScorerTrust::Reach::Program
              : k == "http"  ? ScorerTrust::Reach::Network
                             : ScorerTrust::Reach::InProcess;
    // A record whose kind column disagrees with its config is damaged: it runs nothing.
    if (k != model.kind && (kindNeedsTrust(k) || kindNeedsTrust(model.kind))) {
        t.reach = ScorerTrust::Reach::Network;
        t.configError = "model '" + model.name + "': its config says kind '" + k
                        + "' but the record says '" + model.kind + "'";
        return t;
    }
    t.configSha256 = Sha256::hex(j.dump());
    t.trusted = t.needed() && isTrusted(projectPath, t.configSha256);
    return t;
}

Status grantTrust(const std::string &projectPath, const ModelRecord &model)
{
    const ScorerTrust t = scorerTrust(projectPath, model);
    if (!t.configError.empty())
        return Error{ErrorCode::Invalid, projectPath, 0, "model",
                     t.configError + ": it cannot be trusted"};
    if (!t.needed())
        return Ok{};
    return trustScorer(projectPath, t.configSha256, model.name);
}

} // namespace cp
