// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "deriver.h"

#include <core/common/jsontext.h>
#include <core/common/text.h>
#include <core/probeset/canonicalcsv.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace cp {

namespace {

/// Replaces whole-word occurrences of `from` (exact case) with `to`.
std::string replaceWord(const std::string &text, const std::string &from, const std::string &to)
{
    if (from.empty() || from == to)
        return text;
    std::string out;
    std::size_t i = 0;
    while (true) {
        const std::size_t hit = text.find(from, i);
        if (hit == std::string::npos)
            break;
        const bool startOk = hit == 0 || !text::isWordByte(static_cast<unsigned char>(text[hit - 1]));
        const std::size_t end = hit + from.size();
        const bool endOk = end == text.size() || !text::isWordByte(static_cast<unsigned char>(text[end]));
        out.append(text, i, hit - i);
        out += startOk && endOk ? to : from;
        i = end;
    }
    out.append(text, i, std::string::npos);
    return out;
}

} // namespace

Result<DeriveSpec> parseDeriveSpec(std::string_view text, const std::string &source)
{
    auto err = [&](const std::string &path, const std::string &message) {
        return Error{ErrorCode::Schema, source, 0, path, message};
    };
    if (const auto deep = jsontext::tooDeep(text))
        return Error{ErrorCode::Parse, source, deep->line, {}, jsontext::tooDeepMessage(*deep)};
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded())
        return Error{ErrorCode::Parse, source, 0, {}, "invalid JSON"};
    if (!j.is_object())
        return err("/", "expected an object");
    static const std::set<std::string> keys = {"name", "family", "protected", "text", "names",
                                               "name_provider", "description"};
    for (const auto &[key, value] : j.items())
        if (!keys.count(key))
            return err("/" + key, "unknown key");
    // Every value through a checked read: the wrong type is an error naming its path.
    const auto str = [&](const nlohmann::json &object, const char *key, const std::string &path,
                         std::string fallback) -> Result<std::string> {
        auto v = jsontext::optionalString(object, key, source, path);
        if (!v)
            return v.error();
        return v->value_or(std::move(fallback));
    };
    DeriveSpec spec;
    if (auto v = str(j, "name", "", "derived"); !v)
        return v.error();
    else
        spec.name = std::move(*v);
    if (j.contains("family")) {
        if (!j["family"].is_string())
            return err("/family", "expected a column name");
        spec.idColumn = j["family"].get<std::string>();
    }
    if (!j.contains("protected") || !j["protected"].is_array() || j["protected"].empty())
        return err("/protected", "name at least one protected attribute");
    for (std::size_t i = 0; i < j["protected"].size(); ++i) {
        const auto &a = j["protected"][i];
        const std::string path = "/protected/" + std::to_string(i);
        if (!a.is_object() || !a.contains("name") || !a["name"].is_string())
            return err(path + "/name", "required");
        DeriveAttribute attr;
        attr.name = a["name"].get<std::string>();
        if (auto v = str(a, "column", path, attr.name); !v)
            return v.error();
        else
            attr.column = std::move(*v);
        if (!a.contains("groups") || !a["groups"].is_array() || a["groups"].size() < 2)
            return err(path + "/groups", "list two or more groups");
        for (const auto &g : a["groups"]) {
            if (!g.is_string())
                return err(path + "/groups", "expected group names");
            attr.groups.push_back(g.get<std::string>());
        }
        if (auto v = str(a, "lexicon", path, std::string()); !v)
            return v.error();
        else
            attr.lexicon = std::move(*v);
        for (const auto &g : attr.groups)
            attr.labels[g] = text::asciiLower(g);
        if (const auto it = a.find("labels"); it != a.end()) {
            if (!it->is_object())
                return err(path + "/labels", "expected {table group: lexicon group}");
            for (const auto &[group, label] : it->items()) {
                if (!attr.labels.count(group))
                    return err(path + "/labels/" + group, "not one of the groups");
                if (!label.is_string())
                    return err(path + "/labels/" + group, "expected a lexicon group name");
                attr.labels[group] = label.get<std::string>();
            }
        }
        spec.attributes.push_back(attr);
    }
    if (const auto it = j.find("text"); it != j.end()) {
        if (!it->is_array())
            return err("/text", "expected a list of columns");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string())
                return err("/text/" + std::to_string(i), "expected a column name");
            spec.textColumns.push_back((*it)[i].get<std::string>());
        }
    }
    if (const auto it = j.find("names"); it != j.end()) {
        if (!it->is_array())
            return err("/names", "expected a list of {column, attribute}");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto &n = (*it)[i];
            const std::string path = "/names/" + std::to_string(i);
            if (!n.is_object() || !n.contains("column") || !n.contains("attribute")
                || !n["column"].is_string() || !n["attribute"].is_string())
                return err(path, "expected {column, attribute}, both names");
            DeriveNameColumn name{n["column"].get<std::string>(), n["attribute"].get<std::string>()};
            if (std::none_of(spec.attributes.begin(), spec.attributes.end(),
                             [&](const DeriveAttribute &a) { return a.name == name.attribute; }))
                return err(path + "/attribute", "'" + name.attribute + "' is not a protected attribute");
            spec.names.push_back(name);
        }
    }
    if (auto v = str(j, "name_provider", "", spec.nameProvider); !v)
        return v.error();
    else
        spec.nameProvider = std::move(*v);
    return spec;
}

Result<DerivedSet> deriveFamilies(std::string_view data, TableFormat format,
                                  const std::string &source, const DeriveSpec &spec,
                                  const std::map<std::string, Lexicon> &lexicons,
                                  const NameRanks &names, const Progress &progress)
{
    auto columns = readColumnNames(data, format, source);
    if (!columns)
        return columns.error();
    std::vector<ColumnRequest> requests;
    for (const auto &c : *columns)
        requests.push_back({c, ColumnKind::Categorical});
    auto table = readTable(data, format, source, requests, progress.phase(0, 300));
    if (!table)
        return table.error();
    const Table &t = *table;
    auto value = [&](const std::string &column, std::int64_t row) -> std::string {
        const CategoricalColumn *c = t.categoricalColumn(column);
        const std::uint32_t code = c->code(std::size_t(row));
        return code == CategoricalColumn::Missing ? std::string() : c->levels()[code];
    };
    auto requireColumn = [&](const std::string &column, const std::string &role) -> std::optional<Error> {
        if (!t.categoricalColumn(column))
            return Error{ErrorCode::Schema, source, 1, column, "missing column (" + role + ")"};
        return std::nullopt;
    };
    // Validate roles and groups up front.
    for (const auto &a : spec.attributes) {
        if (auto e = requireColumn(a.column, "protected attribute '" + a.name + "'"))
            return *e;
        if (!a.lexicon.empty() && !lexicons.count(a.lexicon))
            return Error{ErrorCode::Invalid, source, 0, a.column, "no lexicon named '" + a.lexicon + "'"};
        const CategoricalColumn *c = t.categoricalColumn(a.column);
        if (c->firstMissingRow() >= 0)
            return Error{ErrorCode::Invalid, source, t.lineOfRow(c->firstMissingRow()), a.column,
                         "empty value; every row needs a group"};
        for (std::size_t l = 0; l < c->levels().size(); ++l)
            if (std::find(a.groups.begin(), a.groups.end(), c->levels()[l]) == a.groups.end())
                return Error{ErrorCode::Invalid, source, t.lineOfRow(c->firstRows()[l]), a.column,
                             "'" + c->levels()[l] + "' is not a declared group of '" + a.name + "'"};
    }
    for (const auto &c : spec.textColumns)
        if (auto e = requireColumn(c, "text"))
            return *e;
    for (const auto &n : spec.names)
        if (auto e = requireColumn(n.column, "name"))
            return *e;
    if (spec.idColumn)
        if (auto e = requireColumn(*spec.idColumn, "family id"))
            return *e;
    if (!spec.names.empty() && names.empty())
        return Error{ErrorCode::Invalid, source, 0, spec.names.front().column,
                     "name columns need name lists (provider '" + spec.nameProvider + "')"};

    DerivedSet out;
    ProbeSetLayout &layout = out.layout;
    std::set<std::string> special;
    for (const auto &a : spec.attributes) {
        layout.protectedColumns.push_back(a.column);
        special.insert(a.column);
    }
    for (const auto &n : spec.names) {
        layout.linkedColumns.push_back(n.column);
        special.insert(n.column);
        // A name must change whenever its attribute's group does.
        for (const auto &a : spec.attributes)
            if (a.name == n.attribute)
                layout.linkedFollows[n.column] = {a.column};
    }
    for (const auto &c : spec.textColumns) {
        if (!special.count(c))
            layout.linkedColumns.push_back(c);
        special.insert(c);
        // Free text may change but need not (a sentence without gendered words stays).
        layout.linkedFollows[c] = {};
    }
    layout.linkedColumns.push_back("review_flags");
    layout.linkedFollows["review_flags"] = {};
    std::vector<std::string> others;
    for (const auto &c : *columns)
        if (!special.count(c) && c != "family" && c != "variant" && c != "review_flags")
            others.push_back(c);

    std::string &csv = out.csv;
    std::vector<std::string> header = {layout.familyColumn, layout.variantColumn};
    header.insert(header.end(), layout.protectedColumns.begin(), layout.protectedColumns.end());
    header.insert(header.end(), layout.linkedColumns.begin(), layout.linkedColumns.end());
    header.insert(header.end(), others.begin(), others.end());
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (i)
            csv += ',';
        appendCanonicalCsvField(csv, header[i]);
    }
    csv += '\n';

    // Every combination of groups, row-major in declared order.
    std::size_t combos = 1;
    for (const auto &a : spec.attributes)
        combos *= a.groups.size();
    std::set<std::string> seenIds;
    std::vector<std::string> fields;
    for (std::int64_t row = 0; row < t.rowCount; ++row) {
        const std::string family = spec.idColumn ? value(*spec.idColumn, row)
                                                 : "row" + std::to_string(t.lineOfRow(row));
        if (family.empty() || !seenIds.insert(family).second)
            return Error{ErrorCode::Invalid, source, t.lineOfRow(row), spec.idColumn.value_or(""),
                         family.empty() ? "empty family id" : "family id '" + family + "' repeats"};
        std::vector<std::string> original;
        for (const auto &a : spec.attributes)
            original.push_back(value(a.column, row));
        for (std::size_t combo = 0; combo < combos; ++combo) {
            std::vector<std::string> target(spec.attributes.size());
            std::size_t rest = combo;
            for (std::size_t i = spec.attributes.size(); i-- > 0;) {
                target[i] = spec.attributes[i].groups[rest % spec.attributes[i].groups.size()];
                rest /= spec.attributes[i].groups.size();
            }
            std::map<std::string, std::string> linked;
            for (const auto &n : spec.names)
                linked[n.column] = value(n.column, row);
            for (const auto &c : spec.textColumns)
                linked[c] = value(c, row);
            std::string flags;
            for (std::size_t i = 0; i < spec.attributes.size(); ++i) {
                const DeriveAttribute &a = spec.attributes[i];
                if (target[i] == original[i])
                    continue;
                const std::string &fromLabel = a.labels.at(original[i]);
                const std::string &toLabel = a.labels.at(target[i]);
                for (const auto &n : spec.names) {
                    if (n.attribute != a.name || linked[n.column].empty())
                        continue;
                    const std::string before = linked[n.column];
                    const auto swapped = names.swap(before, fromLabel, toLabel);
                    if (!swapped)
                        return Error{ErrorCode::Invalid, source, t.lineOfRow(row), n.column,
                                     "no name list for group '" + toLabel + "'"};
                    if (!swapped->known) {
                        ++out.unknownNames;
                        flags += (flags.empty() ? "" : "; ") + std::string("name '") + before
                                 + "' not in the " + fromLabel + " list → " + swapped->name;
                    }
                    linked[n.column] = swapped->name;
                    for (const auto &c : spec.textColumns)
                        linked[c] = replaceWord(linked[c], before, swapped->name);
                }
                if (a.lexicon.empty())
                    continue;
                const Lexicon &lex = lexicons.at(a.lexicon);
                for (const auto &c : spec.textColumns) {
                    std::vector<Lexicon::Flag> ambiguous;
                    linked[c] = lex.swap(linked[c], fromLabel, toLabel, &ambiguous);
                    for (const auto &f : ambiguous)
                        flags += (flags.empty() ? "" : "; ") + c + ": '" + f.from + "' → '" + f.to
                                 + "' (ambiguous)";
                }
            }
            out.flaggedVariants += !flags.empty();
            std::string label;
            for (std::size_t i = 0; i < target.size(); ++i)
                label += (i ? "/" : "") + target[i];
            fields.clear();
            fields.push_back(family);
            fields.push_back(label);
            fields.insert(fields.end(), target.begin(), target.end());
            for (const auto &c : layout.linkedColumns)
                fields.push_back(c == "review_flags" ? flags : linked[c]);
            for (const auto &c : others)
                fields.push_back(value(c, row));
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (i)
                    csv += ',';
                appendCanonicalCsvField(csv, fields[i]);
            }
            csv += '\n';
            ++out.variants;
        }
        ++out.families;
        if ((row & 0xFFF) == 0xFFF) {
            if (progress.isCancelled())
                return Error{ErrorCode::Cancelled, source, 0, {}, "cancelled"};
            progress.phase(300, 1000).report(row, t.rowCount);
        }
    }
    return out;
}

} // namespace cp
