// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generatorspec.h"

#include <core/common/jsontext.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace cp {

// The inverse of parseGeneratorSpec: an editor changes the struct and writes it back. Keys come
// in the order the README documents them (name, kind, then the kind's keys), defaults are left
// out, and parsing the result gives the same spec.

using Json = nlohmann::ordered_json;

namespace {

/// Whole numbers as integers ("22", not "22.0"): the spec a person wrote usually has them so.
Json number(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15)
        return Json(static_cast<std::int64_t>(v));
    return Json(v);
}

Json bound(const Bound &b)
{
    if (b.value)
        return number(*b.value);
    Json j = Json::object();
    j["field"] = b.field;
    if (b.offset != 0)
        j["offset"] = number(b.offset);
    return j;
}

std::string isoDate(std::int64_t days)
{
    char buf[10];
    formatIsoDate(days, buf);
    return std::string(buf, 10);
}

Json field(const FieldSpec &f, bool named)
{
    Json j = Json::object();
    if (named)
        j["name"] = f.name;
    j["kind"] = fieldKindName(f.kind);
    auto bounds = [&] {
        if (f.min.isSet())
            j["min"] = bound(f.min);
        if (f.max.isSet())
            j["max"] = bound(f.max);
    };
    switch (f.kind) {
    case FieldKind::Id:
        if (!f.prefix.empty())
            j["prefix"] = f.prefix;
        break;
    case FieldKind::Choice: {
        j["values"] = f.values;
        if (!f.weights.empty()) {
            Json w = Json::array();
            for (double x : f.weights)
                w.push_back(number(x));
            j["weights"] = std::move(w);
        }
        break;
    }
    case FieldKind::Int:
    case FieldKind::Real: bounds(); break;
    case FieldKind::Normal:
        j["mean"] = number(f.mean);
        j["sd"] = number(f.sd);
        bounds();
        break;
    case FieldKind::Lognormal:
        j["mu"] = number(f.mu);
        j["sigma"] = number(f.sigma);
        bounds();
        break;
    case FieldKind::Date:
        j["from"] = isoDate(f.fromDay);
        j["to"] = isoDate(f.toDay);
        break;
    case FieldKind::Conditional: {
        j["on"] = f.on;
        Json cases = Json::object();
        for (std::size_t c = 0; c < f.cases.size() && c < f.caseKeys.size(); ++c)
            cases[f.caseKeys[c]] = field(f.cases[c], false);
        j["cases"] = std::move(cases);
        break;
    }
    case FieldKind::Provider:
        j["provider"] = f.provider;
        if (!f.key.empty())
            j["key"] = f.key;
        break;
    case FieldKind::Template:
        j["text"] = f.text;
        if (!f.pronoun.empty())
            j["pronoun"] = f.pronoun;
        break;
    }
    if (f.decimals >= 0
        && (f.kind == FieldKind::Real || f.kind == FieldKind::Normal
            || f.kind == FieldKind::Lognormal))
        j["decimals"] = f.decimals;
    return j;
}

Json linked(const LinkedSpec &l)
{
    Json j = Json::object();
    j["name"] = l.name;
    j["by"] = l.by;
    switch (l.kind) {
    case LinkedSpec::Kind::Provider: j["provider"] = l.provider; break;
    case LinkedSpec::Kind::Pronouns: {
        Json map = Json::object();
        for (const auto &[group, entries] : l.lists)
            if (!entries.empty())
                map[group] = entries.front().value;
        j["pronouns"] = std::move(map);
        break;
    }
    case LinkedSpec::Kind::Values: {
        Json map = Json::object();
        for (const auto &[group, entries] : l.lists) {
            Json list = Json::array();
            for (const auto &e : entries) {
                if (e.weight == 1.0)
                    list.push_back(e.value);
                else
                    list.push_back(Json{{"value", e.value}, {"weight", number(e.weight)}});
            }
            map[group] = std::move(list);
        }
        j["values"] = std::move(map);
        break;
    }
    }
    return j;
}

} // namespace

std::string writeGeneratorSpec(const GeneratorSpec &spec)
{
    Json root = Json::object();
    if (!spec.name.empty())
        root["name"] = spec.name;
    if (!spec.description.empty())
        root["description"] = spec.description;
    root["seed"] = spec.seed;
    root["families"] = spec.families;
    if (spec.variants != VariantDesign::FullFactorial || !spec.strata.empty()) {
        Json design = Json::object();
        design["variants"] = spec.variants == VariantDesign::FullFactorial ? "full_factorial"
                                                                           : "versus_reference";
        if (!spec.strata.empty())
            design["strata"] = spec.strata;
        root["design"] = std::move(design);
    }
    Json prot = Json::array();
    for (const ProtectedSpec &p : spec.protectedAttributes) {
        Json j = Json::object();
        j["name"] = p.name;
        j["groups"] = p.groups;
        if (!p.reference.empty() && (p.groups.empty() || p.reference != p.groups.front()))
            j["reference"] = p.reference;
        if (!p.shares.empty()) {
            Json shares = Json::array();
            for (double s : p.shares)
                shares.push_back(number(s));
            j["shares"] = std::move(shares);
        }
        prot.push_back(std::move(j));
    }
    root["protected"] = std::move(prot);
    if (!spec.linked.empty()) {
        Json list = Json::array();
        for (const LinkedSpec &l : spec.linked)
            list.push_back(linked(l));
        root["linked"] = std::move(list);
    }
    Json fields = Json::array();
    for (const FieldSpec &f : spec.fields)
        fields.push_back(field(f, true));
    root["fields"] = std::move(fields);
    if (spec.power) {
        const PowerSpec &p = *spec.power;
        Json j = Json::object();
        j["gap"] = number(p.gap);
        if (p.baseRate)
            j["base_rate"] = number(*p.baseRate);
        if (p.discordance)
            j["discordance"] = number(*p.discordance);
        if (p.alpha != 0.05)
            j["alpha"] = number(p.alpha);
        if (p.power != 0.8)
            j["power"] = number(p.power);
        root["power"] = std::move(j);
    }
    return jsontext::dump(root, 2) + "\n";
}

} // namespace cp
