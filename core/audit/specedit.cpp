// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "specedit.h"

#include "auditspec.h"

#include <core/common/jsontext.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace cp {

namespace {

// The spec is edited as ordered_json so that a one-value edit does not reorder the user's file;
// the parser takes nlohmann::json, so the result is validated from its text.
using ordered = nlohmann::ordered_json;

Result<ordered> parseText(std::string_view text, const std::string &source)
{
    try {
        return ordered::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        const auto offset = std::min<std::size_t>(e.byte, text.size());
        const auto end = text.begin() + std::ptrdiff_t(offset);
        const auto line = 1 + std::count(text.begin(), end, '\n');
        return Error{ErrorCode::Parse, source, line, {}, std::string("invalid JSON: ") + e.what()};
    }
}

Result<std::string> validated(const ordered &j, const std::string &source)
{
    std::string text = jsontext::dump(j, 2);
    auto spec = parseAuditSpecText(text, source);
    if (!spec)
        return spec.error();
    text += '\n';
    return text;
}

} // namespace

Result<std::string> editAuditSpec(std::string_view specJson, const std::string &jsonPointer,
                                  const nlohmann::json &value, const std::string &source)
{
    auto doc = parseText(specJson, source);
    if (!doc)
        return doc.error();
    try {
        const ordered::json_pointer pointer(jsonPointer);
        if (pointer.empty())
            return Error{ErrorCode::Invalid, source, 0, "/", "cannot replace the whole spec"};
        if (value.is_null()) {
            ordered &parent = doc->at(pointer.parent_pointer());
            const std::string &last = pointer.back();
            if (parent.is_object()) {
                parent.erase(last);
            } else if (parent.is_array()) {
                const std::size_t i = std::stoul(last);
                if (i >= parent.size())
                    return Error{ErrorCode::Invalid, source, 0, jsonPointer, "no such element"};
                parent.erase(i);
            }
        } else {
            (*doc)[pointer] = ordered::parse(jsontext::dump(value));
        }
    } catch (const std::exception &e) {
        // nlohmann's exceptions: a malformed pointer, a path through a string, a bad index.
        return Error{ErrorCode::Invalid, source, 0, jsonPointer,
                     std::string("cannot set this path: ") + e.what()};
    }
    return validated(*doc, source);
}

Result<std::string> attest(std::string_view specJson, std::size_t index, bool done,
                           const std::string &by, const std::string &date,
                           const std::string &source)
{
    auto doc = parseText(specJson, source);
    if (!doc)
        return doc.error();
    const std::string path = "/contract/attestations/" + std::to_string(index);
    const auto contract = doc->find("contract");
    if (contract == doc->end() || !contract->is_object() || !contract->contains("attestations")
        || !(*contract)["attestations"].is_array()
        || index >= (*contract)["attestations"].size())
        return Error{ErrorCode::Invalid, source, 0, path, "no such attestation"};
    ordered &a = (*contract)["attestations"][index];
    if (a.is_string())
        a = ordered{{"name", a.get<std::string>()}};
    if (!a.is_object())
        return validated(*doc, source);  // the parser names what is wrong with it
    a["done"] = done;
    if (done) {
        if (by.empty())
            return Error{ErrorCode::Invalid, source, 0, path + "/by", "say who attests"};
        if (date.empty())
            return Error{ErrorCode::Invalid, source, 0, path + "/date", "say when"};
        a["by"] = by;
        a["date"] = date;
    } else {
        a.erase("by");
        a.erase("date");
    }
    return validated(*doc, source);
}

} // namespace cp
