// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trust.h"

#include "commandscorer.h"
#include "scorerconfig.h"

#include <core/common/folderpath.h>
#include <core/common/jsontext.h>
#include <core/common/sha256.h>
#include <core/store/scorestore.h>

#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

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

/// The files of an entry, as stored: {"scorer.py": "<sha256>", …}; absent is none.
std::vector<TrustedFile> entryFiles(const nlohmann::json &entry)
{
    std::vector<TrustedFile> files;
    const auto it = entry.find("files");
    if (it == entry.end() || !it->is_object())
        return files;
    for (const auto &[path, sha] : it->items())
        files.push_back({path, sha.is_string() ? sha.get<std::string>() : std::string()});
    std::sort(files.begin(), files.end(),
              [](const TrustedFile &a, const TrustedFile &b) { return a.path < b.path; });
    return files;
}

bool sameTrust(const nlohmann::json &e, const std::string &project, const std::string &configSha256)
{
    return e.is_object() && e.value("project", "") == project
           && e.value("config_sha256", "") == configSha256;
}

/// A file larger than this is not hashed (and so never trusted): a script is small.
constexpr std::uintmax_t MaxTrustedFileBytes = std::uintmax_t(256) << 20;

/// The files a command scorer's argv names: each argument that is an existing regular file,
/// relative arguments resolved against the working directory (argv[0] only when it holds a
/// '/': otherwise it is looked up on PATH and is not a file of the project).
void commandFiles(const nlohmann::json &configJson, const std::string &projectPath,
                  ScorerTrust &t)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder =
        fs::weakly_canonical(fs::absolute(projectPath, ec).parent_path(), ec);
    const auto section = configJson.find("command");
    if (section == configJson.end())
        return;
    auto c = parseCommandScorerConfig(*section, "trust", "/command", folder.string());
    if (!c)
        return;   // makeScorer reports it; nothing runs
    std::set<std::string> seen;
    for (std::size_t i = 0; i < c->argv.size(); ++i) {
        const std::string &arg = c->argv[i];
        if (arg.empty() || (i == 0 && arg.find('/') == std::string::npos))
            continue;
        fs::path p(arg);
        if (p.is_relative())
            p = fs::path(c->workingDirectory) / p;
        const fs::path real = fs::weakly_canonical(p, ec);
        if (ec || !fs::is_regular_file(real, ec) || !seen.insert(real.string()).second)
            continue;
        if (!isInsideFolder(real.string(), folder.string())) {
            t.uncoveredFiles.push_back(real.string());
            continue;
        }
        TrustedFile f{real.lexically_relative(folder).generic_string(), {}};
        if (fs::file_size(real, ec) <= MaxTrustedFileBytes && !ec)
            if (auto bytes = readFileBytes(real.string()))
                f.sha256 = Sha256::hex(*bytes);
        t.files.push_back(std::move(f));
    }
    std::sort(t.files.begin(), t.files.end(),
              [](const TrustedFile &a, const TrustedFile &b) { return a.path < b.path; });
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

bool isTrusted(const std::string &projectPath, const std::string &configSha256,
               const std::vector<TrustedFile> &files)
{
    // A file that could not be hashed is never trusted.
    for (const auto &f : files)
        if (f.sha256.empty())
            return false;
    const std::string project = absolutePath(projectPath);
    for (const auto &e : readTrust())
        if (sameTrust(e, project, configSha256) && entryFiles(e) == files)
            return true;
    return false;
}

Status trustScorer(const std::string &projectPath, const std::string &configSha256,
                   const std::string &modelName, const std::vector<TrustedFile> &files)
{
    for (const auto &f : files)
        if (f.sha256.empty())
            return Error{ErrorCode::Io, f.path, 0, {},
                         "cannot read this file of the scorer, so it cannot be trusted"};
    if (isTrusted(projectPath, configSha256, files))
        return Ok{};
    nlohmann::json all = readTrust();
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    nlohmann::json entry{{"project", absolutePath(projectPath)},
                         {"config_sha256", configSha256},
                         {"model", modelName},
                         {"trusted", when}};
    if (!files.empty()) {
        nlohmann::json covered = nlohmann::json::object();
        for (const auto &f : files)
            covered[f.path] = f.sha256;
        entry["files"] = std::move(covered);
    }
    all.push_back(std::move(entry));
    const std::filesystem::path path(trustFilePath());
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::filesystem::path temp = path.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << jsontext::dump(all, 2) << "\n";
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
    t.configSha256 = Sha256::hex(jsontext::dump(j));
    if (k == "predictions") {
        const nlohmann::json *section = jsontext::member(j, "predictions");
        const nlohmann::json *file = section ? jsontext::member(*section, "file") : nullptr;
        if (file && file->is_string()) {
            std::error_code ec;
            const std::string folder =
                std::filesystem::absolute(projectPath, ec).parent_path().string();
            const std::string path = resolvedPath(folder, file->get<std::string>());
            if (!isInsideFolder(path, folder)) {
                t.reach = ScorerTrust::Reach::OutsideFile;
                t.outsideFile = path;
            }
        }
    }
    if (!t.needed())
        return t;
    if (t.reach == ScorerTrust::Reach::Program)
        commandFiles(j, projectPath, t);
    t.trusted = isTrusted(projectPath, t.configSha256, t.files);
    if (!t.trusted && !t.files.empty()) {
        // Say which files changed since this config was trusted here: why it asks again.
        const std::string project = absolutePath(projectPath);
        for (const auto &e : readTrust()) {
            if (!sameTrust(e, project, t.configSha256))
                continue;
            const auto before = entryFiles(e);
            for (const auto &f : t.files)
                if (std::find(before.begin(), before.end(), f) == before.end())
                    t.changedFiles.push_back(f.path);
        }
        std::sort(t.changedFiles.begin(), t.changedFiles.end());
        t.changedFiles.erase(std::unique(t.changedFiles.begin(), t.changedFiles.end()),
                             t.changedFiles.end());
    }
    return t;
}

std::string trustReachText(const ScorerTrust &trust)
{
    switch (trust.reach) {
    case ScorerTrust::Reach::InProcess:
        return {};
    case ScorerTrust::Reach::Program:
        return "runs a program";
    case ScorerTrust::Reach::Network:
        return "contacts a URL";
    case ScorerTrust::Reach::OutsideFile:
        return "reads a file outside the project's folder (" + trust.outsideFile + ")";
    }
    return {};
}

std::string trustChangeText(const ScorerTrust &trust)
{
    if (trust.changedFiles.empty())
        return {};
    std::string names;
    for (const auto &f : trust.changedFiles)
        names += (names.empty() ? "" : ", ") + f;
    return " (" + names + (trust.changedFiles.size() == 1 ? " has" : " have")
           + " changed since it was trusted)";
}

Status grantTrust(const std::string &projectPath, const ModelRecord &model)
{
    const ScorerTrust t = scorerTrust(projectPath, model);
    if (!t.configError.empty())
        return Error{ErrorCode::Invalid, projectPath, 0, "model",
                     t.configError + ": it cannot be trusted"};
    if (!t.needed())
        return Ok{};
    return trustScorer(projectPath, t.configSha256, model.name, t.files);
}

} // namespace cp
