// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generatorspeccheck.h"

#include "templatetext.h"

#include <core/common/jsontext.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace cp {

using nlohmann::json;

namespace {

Error specError(const std::string &source, const std::string &path, const std::string &message)
{
    return Error{ErrorCode::Schema, source, 0, path.empty() ? "/" : path, message};
}

bool isNumeric(const FieldSpec &f)
{
    switch (f.kind) {
    case FieldKind::Id:
    case FieldKind::Int:
    case FieldKind::Real:
    case FieldKind::Normal:
    case FieldKind::Lognormal:
        return true;
    case FieldKind::Conditional:
        return std::all_of(f.cases.begin(), f.cases.end(), isNumeric);
    default:
        return false;
    }
}

/// The names a field uses directly (for telling a cycle from a forward reference).
void directRefs(const FieldSpec &f, std::set<std::string> &out)
{
    for (const Bound *b : {&f.min, &f.max})
        if (!b->field.empty())
            out.insert(b->field);
    if (!f.on.empty())
        out.insert(f.on);
    if (!f.key.empty())
        out.insert(f.key);
    if (f.kind == FieldKind::Template)
        if (auto t = TemplateText::parse(f.text))
            for (const auto &p : t->pieces())
                if (p.kind == TemplatePiece::Kind::Slot)
                    out.insert(p.text);
    for (const auto &c : f.cases)
        directRefs(c, out);
}

enum class Category { Protected, Linked, Field };
struct Symbol {
    Category category;
    std::size_t index;
};

class RefChecker
{
public:
    RefChecker(const GeneratorSpec &spec, const std::string &source)
        : m_spec(spec), m_source(source)
    {}

    Status run()
    {
        auto add = [&](const std::string &name, Category c, std::size_t i,
                       const std::string &path) -> std::optional<Error> {
            if (name == "family" || name == "variant")
                return specError(m_source, path, "'" + name + "' is reserved for the family "
                                                              "and variant columns");
            if (!m_symbols.emplace(name, Symbol{c, i}).second)
                return specError(m_source, path, "the name '" + name + "' is used twice");
            return std::nullopt;
        };
        for (std::size_t i = 0; i < m_spec.protectedAttributes.size(); ++i)
            if (auto e = add(m_spec.protectedAttributes[i].name, Category::Protected, i,
                             "/protected/" + std::to_string(i) + "/name"))
                return *e;
        for (std::size_t i = 0; i < m_spec.linked.size(); ++i)
            if (auto e = add(m_spec.linked[i].name, Category::Linked, i,
                             "/linked/" + std::to_string(i) + "/name"))
                return *e;
        for (std::size_t i = 0; i < m_spec.fields.size(); ++i)
            if (auto e = add(m_spec.fields[i].name, Category::Field, i,
                             "/fields/" + std::to_string(i) + "/name"))
                return *e;
        for (std::size_t i = 0; i < m_spec.fields.size(); ++i)
            if (auto e = field(m_spec.fields[i], i))
                return *e;
        std::set<std::string> seen;
        for (std::size_t k = 0; k < m_spec.strata.size(); ++k) {
            const std::string path = "/design/strata/" + std::to_string(k);
            const std::string &name = m_spec.strata[k];
            const auto it = m_symbols.find(name);
            if (it == m_symbols.end())
                return specError(m_source, path, "unknown field '" + name + "'");
            if (it->second.category != Category::Field
                || m_spec.fields[it->second.index].kind != FieldKind::Choice)
                return specError(m_source, path,
                                 "'" + name + "' is not a choice field (strata are assigned "
                                              "choice fields)");
            if (!seen.insert(name).second)
                return specError(m_source, path, "'" + name + "' is listed twice");
        }
        return Ok{};
    }

private:
    /// Resolves a name used by top-level field `at`.
    std::optional<Error> resolve(const std::string &name, std::size_t at,
                                 const std::string &path, bool groupColumnsAllowed,
                                 const Symbol *&out) const
    {
        const auto it = m_symbols.find(name);
        const std::string &self = m_spec.fields[at].name;
        if (it == m_symbols.end())
            return specError(m_source, path, "unknown field '" + name + "'");
        const Symbol &s = it->second;
        if (s.category != Category::Field) {
            if (!groupColumnsAllowed)
                return specError(m_source, path,
                                 "'" + name + "' is a protected or linked column; only templates "
                                              "may use those (other fields must be identical "
                                              "across a family's variants)");
        } else if (s.index >= at) {
            std::set<std::string> back;
            directRefs(m_spec.fields[s.index], back);
            if (s.index == at)
                return specError(m_source, path, "cycle: '" + self + "' uses itself");
            if (back.count(self))
                return specError(m_source, path, "cycle: '" + self + "' uses '" + name
                                                     + "', which uses '" + self + "'");
            return specError(m_source, path, "forward reference: '" + name
                                                 + "' comes after '" + self
                                                 + "' (a field may use earlier fields only)");
        }
        out = &s;
        return std::nullopt;
    }

    std::optional<Error> field(const FieldSpec &f, std::size_t at) const
    {
        const Symbol *s = nullptr;
        for (const auto &[b, key] : {std::pair{&f.min, "min"}, std::pair{&f.max, "max"}}) {
            if (b->field.empty())
                continue;
            const std::string path = f.path + "/" + key + "/field";
            if (auto e = resolve(b->field, at, path, false, s))
                return e;
            if (!isNumeric(m_spec.fields[s->index]))
                return specError(m_source, path, "'" + b->field + "' is not a numeric field");
        }
        if (f.kind == FieldKind::Conditional || f.kind == FieldKind::Provider) {
            const std::string &ref = f.kind == FieldKind::Conditional ? f.on : f.key;
            const std::string path = f.path + (f.kind == FieldKind::Conditional ? "/on" : "/key");
            if (!ref.empty()) {
                if (auto e = resolve(ref, at, path, false, s))
                    return e;
                const FieldSpec &target = m_spec.fields[s->index];
                if (target.kind != FieldKind::Choice)
                    return specError(m_source, path, "'" + ref + "' is not a choice field");
                if (f.kind == FieldKind::Conditional) {
                    bool hasDefault = false;
                    for (std::size_t c = 0; c < f.caseKeys.size(); ++c) {
                        if (f.caseKeys[c] == "default") {
                            hasDefault = true;
                        } else if (std::find(target.values.begin(), target.values.end(),
                                             f.caseKeys[c])
                                   == target.values.end()) {
                            return specError(m_source, f.path + "/cases/" + f.caseKeys[c],
                                             "'" + f.caseKeys[c] + "' is not a value of '"
                                                 + ref + "'");
                        }
                    }
                    if (!hasDefault)
                        for (const auto &v : target.values)
                            if (std::find(f.caseKeys.begin(), f.caseKeys.end(), v)
                                == f.caseKeys.end())
                                return specError(m_source, f.path + "/cases",
                                                 "no case for '" + v + "' and no default");
                }
            }
        }
        for (const auto &c : f.cases)
            if (auto e = field(c, at))
                return e;
        if (f.kind != FieldKind::Template)
            return std::nullopt;
        auto t = TemplateText::parse(f.text);
        if (!t)
            return specError(m_source, f.path + "/text", t.error().message);
        for (const auto &p : t->pieces()) {
            if (p.kind != TemplatePiece::Kind::Slot)
                continue;
            if (!m_symbols.count(p.text))
                return specError(m_source, f.path + "/text",
                                 "unknown field '" + p.text + "' in slot {" + p.text + "}");
            if (auto e = resolve(p.text, at, f.path + "/text", true, s))
                return e;
        }
        if (!f.pronoun.empty()) {
            const auto it = m_symbols.find(f.pronoun);
            if (it == m_symbols.end() || it->second.category != Category::Linked
                || m_spec.linked[it->second.index].kind != LinkedSpec::Kind::Pronouns)
                return specError(m_source, f.path + "/pronoun",
                                 "'" + f.pronoun + "' is not a linked field with pronouns");
        } else if (t->usesPronouns()
                   && std::none_of(m_spec.linked.begin(), m_spec.linked.end(), [](const auto &l) {
                          return l.kind == LinkedSpec::Kind::Pronouns;
                      })) {
            return specError(m_source, f.path + "/text",
                             "pronoun and agreement slots need a linked field with pronouns");
        }
        return std::nullopt;
    }

    const GeneratorSpec &m_spec;
    const std::string &m_source;
    std::map<std::string, Symbol> m_symbols;
};

} // namespace

int protectedIndex(const GeneratorSpec &spec, std::string_view name)
{
    for (std::size_t i = 0; i < spec.protectedAttributes.size(); ++i)
        if (spec.protectedAttributes[i].name == name)
            return int(i);
    return -1;
}

std::vector<GroupCombination> groupCombinations(const GeneratorSpec &spec,
                                                const std::vector<std::string> &by)
{
    std::vector<GroupCombination> out(1);
    for (const auto &name : by) {
        const int a = protectedIndex(spec, name);
        if (a < 0)
            return {};
        const auto &groups = spec.protectedAttributes[std::size_t(a)].groups;
        std::vector<GroupCombination> next;
        for (const auto &c : out) {
            for (std::size_t g = 0; g < groups.size(); ++g) {
                GroupCombination n = c;
                n.label += (n.label.empty() ? "" : "/") + groups[g];
                n.groups.push_back(int(g));
                next.push_back(std::move(n));
            }
        }
        out = std::move(next);
    }
    return out;
}

Result<LinkedSpec> parseLinkedSpec(const json &j, const std::string &path,
                                   const GeneratorSpec &spec, const std::string &source)
{
    LinkedSpec l;
    l.path = path;
    if (!j.is_object())
        return specError(source, path, "expected an object");
    for (const auto &item : j.items())
        if (item.key() != "name" && item.key() != "by" && item.key() != "provider"
            && item.key() != "pronouns" && item.key() != "values")
            return specError(source, path + "/" + item.key(),
                             "unknown key (allowed: name, by, provider, pronouns, values)");
    if (!j.contains("name") || !j["name"].is_string() || j["name"].get<std::string>().empty())
        return specError(source, path + "/name", "expected a non-empty string");
    l.name = j["name"].get<std::string>();
    if (!j.contains("by"))
        return specError(source, path + "/by", "required");
    const json &by = j["by"];
    if (!by.is_array() || by.empty())
        return specError(source, path + "/by", "expected a non-empty list of protected attributes");
    for (std::size_t k = 0; k < by.size(); ++k) {
        const std::string p = path + "/by/" + std::to_string(k);
        if (!by[k].is_string() || protectedIndex(spec, by[k].get<std::string>()) < 0)
            return specError(source, p, "'" + (by[k].is_string() ? by[k].get<std::string>()
                                                                 : jsontext::dump(by[k]))
                                            + "' is not a protected attribute");
        if (std::find(l.by.begin(), l.by.end(), by[k].get<std::string>()) != l.by.end())
            return specError(source, p, "listed twice");
        l.by.push_back(by[k].get<std::string>());
    }
    const int kinds = int(j.contains("provider")) + int(j.contains("pronouns"))
                      + int(j.contains("values"));
    if (kinds != 1)
        return specError(source, path, "give exactly one of provider, pronouns, values");
    if (j.contains("provider")) {
        l.kind = LinkedSpec::Kind::Provider;
        if (!j["provider"].is_string() || j["provider"].get<std::string>().empty())
            return specError(source, path + "/provider", "expected a provider name");
        l.provider = j["provider"].get<std::string>();
        return l;
    }
    const bool pronouns = j.contains("pronouns");
    l.kind = pronouns ? LinkedSpec::Kind::Pronouns : LinkedSpec::Kind::Values;
    const char *key = pronouns ? "pronouns" : "values";
    const json &map = j[key];
    const std::string mapPath = path + "/" + key;
    if (!map.is_object())
        return specError(source, mapPath, "expected an object: group → "
                                              + std::string(pronouns ? "he|she|they" : "list"));
    const auto combos = groupCombinations(spec, l.by);
    for (const auto &item : map.items()) {
        const std::string p = mapPath + "/" + item.key();
        if (std::none_of(combos.begin(), combos.end(),
                         [&](const auto &c) { return c.label == item.key(); }))
            return specError(source, p, "'" + item.key() + "' is not a group of "
                                            + (l.by.size() == 1 ? l.by[0]
                                                                : "the combined attributes"));
    }
    for (const auto &c : combos) {
        const auto it = map.find(c.label);
        if (it == map.end())
            return specError(source, mapPath, std::string(pronouns ? "no pronoun set" : "no list")
                                                  + " for group '" + c.label + "'");
        const std::string p = mapPath + "/" + c.label;
        std::vector<LinkedSpec::Entry> entries;
        if (pronouns) {
            PronounSet set;
            if (!it->is_string() || !pronounSetFromName(it->get<std::string>(), set))
                return specError(source, p, "expected \"he\", \"she\" or \"they\"");
            entries.push_back({it->get<std::string>(), 1.0});
        } else {
            if (!it->is_array() || it->empty())
                return specError(source, p, "empty list");
            for (std::size_t k = 0; k < it->size(); ++k) {
                const json &e = (*it)[k];
                LinkedSpec::Entry entry;
                if (e.is_string()) {
                    entry.value = e.get<std::string>();
                } else if (e.is_object() && e.contains("value") && e["value"].is_string()) {
                    entry.value = e["value"].get<std::string>();
                    if (e.contains("weight")) {
                        if (!e["weight"].is_number() || e["weight"].get<double>() <= 0)
                            return specError(source, p + "/" + std::to_string(k) + "/weight",
                                             "expected a number > 0");
                        entry.weight = e["weight"].get<double>();
                    }
                } else {
                    return specError(source, p + "/" + std::to_string(k),
                                     "expected a string or {\"value\", \"weight\"}");
                }
                if (entry.value.empty())
                    return specError(source, p + "/" + std::to_string(k), "empty value");
                entries.push_back(std::move(entry));
            }
        }
        l.lists.emplace_back(c.label, std::move(entries));
    }
    return l;
}

Status checkGeneratorSpecReferences(const GeneratorSpec &spec, const std::string &source)
{
    return RefChecker(spec, source).run();
}

} // namespace cp
