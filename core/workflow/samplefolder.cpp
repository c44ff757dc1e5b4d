// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "samplefolder.h"

#include <core/audit/auditspec.h>
#include <core/common/folderpath.h>
#include <core/common/jsontext.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace cp {

Result<int> importProjectFolder(ProjectStore &store, const std::string &folder)
{
    namespace fs = std::filesystem;
    using nlohmann::json;
    const fs::path manifestPath = fs::path(folder) / "project.json";
    const std::string where = manifestPath.string();
    auto text = readFileBytes(where);
    if (!text)
        return text.error();
    if (const auto deep = jsontext::tooDeep(*text))
        return Error{ErrorCode::Parse, where, deep->line, {}, jsontext::tooDeepMessage(*deep)};
    const json manifest = json::parse(*text, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object())
        return Error{ErrorCode::Parse, where, 0, {}, "not a JSON object"};
    // Every value through a type check first: a number where a name belongs is an error
    // naming its path, never an exception out of nlohmann.
    const auto spec = manifest.find("spec");
    if (spec == manifest.end() || !spec->is_string())
        return Error{ErrorCode::Schema, where, 0, "/spec", "required: a file name"};
    const auto tables = manifest.find("tables");
    if (tables == manifest.end() || !tables->is_array())
        return Error{ErrorCode::Schema, where, 0, "/tables", "required: a list"};
    if (const auto name = manifest.find("name"); name != manifest.end()) {
        if (!name->is_string())
            return Error{ErrorCode::Schema, where, 0, "/name", "expected a text"};
        if (auto s = store.setProjectName(name->get_ref<const std::string &>()); !s)
            return s.error();
    }
    // A sample folder is data, not trusted: the files it names must lie inside it.
    auto specPath = fileInFolder(folder, spec->get_ref<const std::string &>(), where, "/spec");
    if (!specPath)
        return specPath.error();
    auto specText = readFileBytes(*specPath);
    if (!specText)
        return specText.error();
    if (auto parsed = parseAuditSpecText(*specText, *specPath); !parsed)
        return parsed.error();
    if (auto saved = store.saveSpec(*specText); !saved)
        return saved.error();
    int imported = 0;
    for (std::size_t i = 0; i < tables->size(); ++i) {
        const json &t = (*tables)[i];
        const std::string path = "/tables/" + std::to_string(i);
        if (!t.is_object())
            return Error{ErrorCode::Schema, where, 0, path, "expected an object"};
        const auto file = t.find("file");
        if (file == t.end() || !file->is_string())
            return Error{ErrorCode::Schema, where, 0, path + "/file", "required: a file name"};
        std::string name;
        if (const auto n = t.find("name"); n != t.end()) {
            if (!n->is_string())
                return Error{ErrorCode::Schema, where, 0, path + "/name", "expected a text"};
            name = n->get<std::string>();
        }
        auto table = fileInFolder(folder, file->get_ref<const std::string &>(), where,
                                  path + "/file");
        if (!table)
            return table.error();
        if (auto r = store.importTableFile(*table, name); !r)
            return r.error();
        ++imported;
    }
    return imported;
}

} // namespace cp
