// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generatorspec.h"

#include "generatorspeccheck.h"

#include <core/common/jsontext.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cp {

using nlohmann::json;

const char *fieldKindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Id: return "id";
    case FieldKind::Choice: return "choice";
    case FieldKind::Int: return "int";
    case FieldKind::Real: return "real";
    case FieldKind::Normal: return "normal";
    case FieldKind::Lognormal: return "lognormal";
    case FieldKind::Date: return "date";
    case FieldKind::Conditional: return "conditional";
    case FieldKind::Provider: return "provider";
    case FieldKind::Template: return "template";
    }
    return "";
}

// Howard Hinnant's days_from_civil / civil_from_days.
bool parseIsoDate(std::string_view t, std::int64_t &days)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return false;
    auto digits = [&](std::size_t from, std::size_t n, int &out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d) || m < 1 || m > 12 || d < 1)
        return false;
    static constexpr int Month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > Month[m - 1] + (m == 2 && leap ? 1 : 0))
        return false;
    const int yy = y - (m <= 2);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = std::int64_t(era) * 146097 + doe - 719468;
    return true;
}

void formatIsoDate(std::int64_t z, char *out)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    const int y = int(yoe + era * 400 + (m <= 2));
    out[0] = char('0' + y / 1000 % 10);
    out[1] = char('0' + y / 100 % 10);
    out[2] = char('0' + y / 10 % 10);
    out[3] = char('0' + y % 10);
    out[4] = '-';
    out[5] = char('0' + m / 10);
    out[6] = char('0' + m % 10);
    out[7] = '-';
    out[8] = char('0' + d / 10);
    out[9] = char('0' + d % 10);
}

std::string variantLimitProblem(const GeneratorSpec &spec)
{
    // Counted without enumerating: 10 attributes of 10 groups made 10^10 combinations, and
    // listing them aborted the generator.
    std::int64_t combinations = 1, variants = 1;
    for (const auto &a : spec.protectedAttributes) {
        const auto groups = std::int64_t(a.groups.size());
        if (combinations > MaxGroupCombinations / std::max<std::int64_t>(groups, 1))
            combinations = MaxGroupCombinations + 1;
        else
            combinations *= groups;
        variants += groups - 1;
    }
    if (spec.variants == VariantDesign::FullFactorial)
        variants = combinations;
    if (combinations > MaxGroupCombinations)
        return "the protected attributes make more than " + std::to_string(MaxGroupCombinations)
               + " combinations of groups (the limit)";
    if (variants > MaxVariantsPerFamily)
        return "a family would have " + std::to_string(variants) + " variants; the limit is "
               + std::to_string(MaxVariantsPerFamily)
               + " (fewer groups, or design.variants versus_reference)";
    return {};
}

namespace {

#define CP_TRY(expr)                                                                              \
    do {                                                                                          \
        if (auto cpError = (expr))                                                                \
            return *cpError;                                                                      \
    } while (false)

using MaybeError = std::optional<Error>;

class Reader
{
public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    Error error(const std::string &path, const std::string &message) const
    {
        return Error{ErrorCode::Schema, m_source, 0, path.empty() ? "/" : path, message};
    }

    MaybeError object(const json &j, const std::string &path,
                      std::initializer_list<const char *> allowed) const
    {
        if (!j.is_object())
            return error(path, "expected an object");
        for (const auto &item : j.items()) {
            if (std::none_of(allowed.begin(), allowed.end(),
                             [&](const char *a) { return item.key() == a; })) {
                std::string list;
                for (const char *a : allowed)
                    list += (list.empty() ? "" : ", ") + std::string(a);
                return error(path + "/" + item.key(), "unknown key (allowed: " + list + ")");
            }
        }
        return std::nullopt;
    }

    MaybeError string(const json &j, const char *key, const std::string &path, std::string &out,
                      bool required) const
    {
        const auto it = j.find(key);
        if (it == j.end())
            return required ? MaybeError(error(path + "/" + key, "required")) : std::nullopt;
        if (!it->is_string() || it->get_ref<const std::string &>().empty())
            return error(path + "/" + key, "expected a non-empty string");
        out = it->get<std::string>();
        return std::nullopt;
    }

    MaybeError number(const json &j, const char *key, const std::string &path,
                      std::optional<double> &out, bool required) const
    {
        const auto it = j.find(key);
        if (it == j.end())
            return required ? MaybeError(error(path + "/" + key, "required")) : std::nullopt;
        if (!it->is_number())
            return error(path + "/" + key, "expected a number");
        out = it->get<double>();
        return std::nullopt;
    }

    MaybeError number(const json &j, const char *key, const std::string &path, double &out,
                      bool required) const
    {
        std::optional<double> v;
        CP_TRY(number(j, key, path, v, required));
        if (v)
            out = *v;
        return std::nullopt;
    }

    /// A non-empty list of strings (numbers and booleans taken as their text).
    MaybeError strings(const json &j, const char *key, const std::string &path,
                       std::vector<std::string> &out, bool required) const
    {
        const auto it = j.find(key);
        const std::string p = path + "/" + key;
        if (it == j.end())
            return required ? MaybeError(error(p, "required")) : std::nullopt;
        if (!it->is_array())
            return error(p, "expected a list");
        if (it->empty())
            return error(p, "empty list");
        out.clear();
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json &v = (*it)[i];
            if (v.is_string() && !v.get_ref<const std::string &>().empty())
                out.push_back(v.get<std::string>());
            else if (v.is_number() || v.is_boolean())
                out.push_back(jsontext::dump(v));
            else
                return error(p + "/" + std::to_string(i), "expected a non-empty string");
        }
        return std::nullopt;
    }

    MaybeError numbers(const json &j, const char *key, const std::string &path,
                       std::vector<double> &out) const
    {
        const auto it = j.find(key);
        if (it == j.end())
            return std::nullopt;
        const std::string p = path + "/" + key;
        if (!it->is_array())
            return error(p, "expected a list of numbers");
        if (it->empty())
            return error(p, "empty list");
        out.clear();
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_number() || (*it)[i].get<double>() < 0)
                return error(p + "/" + std::to_string(i), "expected a number >= 0");
            out.push_back((*it)[i].get<double>());
        }
        return std::nullopt;
    }

    MaybeError bound(const json &j, const char *key, const std::string &path, Bound &out) const
    {
        const auto it = j.find(key);
        if (it == j.end())
            return std::nullopt;
        const std::string p = path + "/" + key;
        if (it->is_number()) {
            out.value = it->get<double>();
            return std::nullopt;
        }
        if (!it->is_object())
            return error(p, "expected a number or {\"field\": NAME, \"offset\": N}");
        CP_TRY(object(*it, p, {"field", "offset"}));
        CP_TRY(string(*it, "field", p, out.field, true));
        CP_TRY(number(*it, "offset", p, out.offset, false));
        return std::nullopt;
    }

private:
    std::string m_source;
};

Result<FieldSpec> parseField(const Reader &r, const json &j, const std::string &path, bool named)
{
    FieldSpec f;
    f.path = path;
    if (!j.is_object())
        return r.error(path, "expected an object");
    if (named)
        CP_TRY(r.string(j, "name", path, f.name, true));
    std::string kind;
    CP_TRY(r.string(j, "kind", path, kind, true));
    static const std::map<std::string, FieldKind> Kinds = {
        {"id", FieldKind::Id},           {"choice", FieldKind::Choice},
        {"int", FieldKind::Int},         {"real", FieldKind::Real},
        {"normal", FieldKind::Normal},   {"lognormal", FieldKind::Lognormal},
        {"date", FieldKind::Date},       {"conditional", FieldKind::Conditional},
        {"provider", FieldKind::Provider}, {"template", FieldKind::Template}};
    const auto k = Kinds.find(kind);
    if (k == Kinds.end())
        return r.error(path + "/kind", "unknown kind '" + kind
                                           + "' (id, choice, int, real, normal, lognormal, date, "
                                             "conditional, provider, template)");
    f.kind = k->second;
    switch (f.kind) {
    case FieldKind::Id:
        CP_TRY(r.object(j, path, {"name", "kind", "prefix"}));
        if (j.contains("prefix") && !j["prefix"].is_string())
            return r.error(path + "/prefix", "expected a string");
        f.prefix = j.value("prefix", std::string());
        break;
    case FieldKind::Choice:
        CP_TRY(r.object(j, path, {"name", "kind", "values", "weights"}));
        CP_TRY(r.strings(j, "values", path, f.values, true));
        CP_TRY(r.numbers(j, "weights", path, f.weights));
        if (!f.weights.empty() && f.weights.size() != f.values.size())
            return r.error(path + "/weights", "needs one weight per value ("
                                                  + std::to_string(f.values.size()) + ")");
        if (!f.weights.empty() && std::all_of(f.weights.begin(), f.weights.end(),
                                              [](double w) { return w == 0; }))
            return r.error(path + "/weights", "all weights are 0");
        if (std::set<std::string>(f.values.begin(), f.values.end()).size() != f.values.size())
            return r.error(path + "/values", "a value is listed twice");
        break;
    case FieldKind::Int:
    case FieldKind::Real:
        if (f.kind == FieldKind::Int)
            CP_TRY(r.object(j, path, {"name", "kind", "min", "max"}));
        else
            CP_TRY(r.object(j, path, {"name", "kind", "min", "max", "decimals"}));
        CP_TRY(r.bound(j, "min", path, f.min));
        CP_TRY(r.bound(j, "max", path, f.max));
        if (!f.min.isSet())
            return r.error(path + "/min", "required");
        if (!f.max.isSet())
            return r.error(path + "/max", "required");
        break;
    case FieldKind::Normal:
        CP_TRY(r.object(j, path, {"name", "kind", "mean", "sd", "min", "max", "decimals"}));
        CP_TRY(r.number(j, "mean", path, f.mean, true));
        CP_TRY(r.number(j, "sd", path, f.sd, true));
        if (f.sd < 0)
            return r.error(path + "/sd", "must be >= 0");
        CP_TRY(r.bound(j, "min", path, f.min));
        CP_TRY(r.bound(j, "max", path, f.max));
        break;
    case FieldKind::Lognormal:
        CP_TRY(r.object(j, path, {"name", "kind", "mu", "sigma", "min", "max", "decimals"}));
        CP_TRY(r.number(j, "mu", path, f.mu, true));
        CP_TRY(r.number(j, "sigma", path, f.sigma, true));
        if (f.sigma < 0)
            return r.error(path + "/sigma", "must be >= 0");
        CP_TRY(r.bound(j, "min", path, f.min));
        CP_TRY(r.bound(j, "max", path, f.max));
        break;
    case FieldKind::Date: {
        CP_TRY(r.object(j, path, {"name", "kind", "from", "to"}));
        std::string from, to;
        CP_TRY(r.string(j, "from", path, from, true));
        CP_TRY(r.string(j, "to", path, to, true));
        if (!parseIsoDate(from, f.fromDay))
            return r.error(path + "/from", "bad date '" + from + "' (expected YYYY-MM-DD)");
        if (!parseIsoDate(to, f.toDay))
            return r.error(path + "/to", "bad date '" + to + "' (expected YYYY-MM-DD)");
        if (f.fromDay > f.toDay)
            return r.error(path + "/from", "'from' is after 'to'");
        break;
    }
    case FieldKind::Conditional: {
        CP_TRY(r.object(j, path, {"name", "kind", "on", "cases"}));
        CP_TRY(r.string(j, "on", path, f.on, true));
        const auto it = j.find("cases");
        if (it == j.end())
            return r.error(path + "/cases", "required");
        if (!it->is_object() || it->empty())
            return r.error(path + "/cases", "expected a non-empty object of value → field");
        bool hasDefault = false;
        for (const auto &item : it->items()) {
            if (item.key() == "default") {
                hasDefault = true;
                continue;
            }
            auto c = parseField(r, item.value(), path + "/cases/" + item.key(), false);
            if (!c)
                return c.error();
            f.caseKeys.push_back(item.key());
            f.cases.push_back(std::move(*c));
        }
        if (hasDefault) {
            auto c = parseField(r, (*it)["default"], path + "/cases/default", false);
            if (!c)
                return c.error();
            f.caseKeys.push_back("default");
            f.cases.push_back(std::move(*c));
        }
        for (const auto &c : f.cases)
            if (c.kind == FieldKind::Template || c.kind == FieldKind::Id)
                return r.error(c.path + "/kind", "a case cannot be a template or an id");
        break;
    }
    case FieldKind::Provider:
        CP_TRY(r.object(j, path, {"name", "kind", "provider", "key"}));
        CP_TRY(r.string(j, "provider", path, f.provider, true));
        CP_TRY(r.string(j, "key", path, f.key, false));
        break;
    case FieldKind::Template:
        CP_TRY(r.object(j, path, {"name", "kind", "text", "pronoun"}));
        CP_TRY(r.string(j, "text", path, f.text, true));
        CP_TRY(r.string(j, "pronoun", path, f.pronoun, false));
        break;
    }
    if (f.kind == FieldKind::Real || f.kind == FieldKind::Normal
        || f.kind == FieldKind::Lognormal) {
        if (const auto it = j.find("decimals"); it != j.end()) {
            const auto decimals = jsontext::integerIn(*it, 0, 12);
            if (!decimals)
                return r.error(path + "/decimals", "expected a whole number from 0 to 12");
            f.decimals = int(*decimals);
        }
    }
    if (f.min.value && f.max.value && *f.min.value > *f.max.value)
        return r.error(path + "/min", "min > max");
    return f;
}

} // namespace

Result<GeneratorSpec> parseGeneratorSpec(std::string_view text, const std::string &source)
{
    const Reader r(source);
    auto parsed = jsontext::parse(text, source, "not valid JSON: ");
    if (!parsed)
        return parsed.error();
    json root = std::move(*parsed);
    GeneratorSpec spec;
    spec.source = source;
    spec.json = std::string(text);
    CP_TRY(r.object(root, "", {"name", "description", "seed", "families", "design", "protected",
                               "linked", "fields", "power"}));
    CP_TRY(r.string(root, "name", "", spec.name, false));
    if (const auto it = root.find("description"); it != root.end()) {
        if (!it->is_string())
            return r.error("/description", "expected a string");
        spec.description = it->get<std::string>();
    }
    if (const auto it = root.find("seed"); it != root.end()) {
        if (!it->is_number_unsigned())
            return r.error("/seed", "expected a whole number >= 0");
        spec.seed = it->get<std::uint64_t>();
    }
    if (const auto it = root.find("families"); it != root.end()) {
        const auto families = jsontext::integerIn(*it, 1, MaxFamilies);
        if (!families)
            return r.error("/families", "expected a whole number from 1 to "
                                            + std::to_string(MaxFamilies));
        spec.families = *families;
    }
    if (const auto it = root.find("design"); it != root.end()) {
        CP_TRY(r.object(*it, "/design", {"variants", "strata"}));
        std::string v = "full_factorial";
        CP_TRY(r.string(*it, "variants", "/design", v, false));
        if (v == "full_factorial")
            spec.variants = VariantDesign::FullFactorial;
        else if (v == "versus_reference")
            spec.variants = VariantDesign::VersusReference;
        else
            return r.error("/design/variants",
                           "unknown design '" + v + "' (full_factorial, versus_reference)");
        CP_TRY(r.strings(*it, "strata", "/design", spec.strata, false));
    }

    const auto prot = root.find("protected");
    if (prot == root.end())
        return r.error("/protected", "required");
    if (!prot->is_array() || prot->empty())
        return r.error("/protected", "expected a non-empty list of protected attributes");
    for (std::size_t i = 0; i < prot->size(); ++i) {
        const std::string path = "/protected/" + std::to_string(i);
        const json &j = (*prot)[i];
        CP_TRY(r.object(j, path, {"name", "groups", "reference", "shares"}));
        ProtectedSpec p;
        CP_TRY(r.string(j, "name", path, p.name, true));
        CP_TRY(r.strings(j, "groups", path, p.groups, true));
        if (std::set<std::string>(p.groups.begin(), p.groups.end()).size() != p.groups.size())
            return r.error(path + "/groups", "a group is listed twice");
        for (std::size_t g = 0; g < p.groups.size(); ++g)
            if (p.groups[g].find('/') != std::string::npos)
                return r.error(path + "/groups/" + std::to_string(g),
                               "a group name cannot contain '/' (it separates variant labels)");
        p.reference = p.groups.front();
        CP_TRY(r.string(j, "reference", path, p.reference, false));
        if (std::find(p.groups.begin(), p.groups.end(), p.reference) == p.groups.end())
            return r.error(path + "/reference", "'" + p.reference + "' is not one of the groups");
        CP_TRY(r.numbers(j, "shares", path, p.shares));
        if (!p.shares.empty()) {
            if (p.shares.size() != p.groups.size())
                return r.error(path + "/shares", "needs one share per group ("
                                                     + std::to_string(p.groups.size()) + ")");
            double sum = 0;
            for (double s : p.shares)
                sum += s;
            if (std::fabs(sum - 1.0) > 1e-9)
                return r.error(path + "/shares", "shares sum to " + jsontext::dump(json(sum))
                                                     + ", not 1");
        }
        spec.protectedAttributes.push_back(std::move(p));
    }
    if (const std::string problem = variantLimitProblem(spec); !problem.empty())
        return r.error("/protected", problem);

    if (const auto it = root.find("linked"); it != root.end()) {
        if (!it->is_array())
            return r.error("/linked", "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto l = parseLinkedSpec((*it)[i], "/linked/" + std::to_string(i), spec, source);
            if (!l)
                return l.error();
            spec.linked.push_back(std::move(*l));
        }
    }

    const auto fields = root.find("fields");
    if (fields != root.end()) {
        if (!fields->is_array())
            return r.error("/fields", "expected a list");
        for (std::size_t i = 0; i < fields->size(); ++i) {
            auto f = parseField(r, (*fields)[i], "/fields/" + std::to_string(i), true);
            if (!f)
                return f.error();
            spec.fields.push_back(std::move(*f));
        }
    }

    if (const auto it = root.find("power"); it != root.end()) {
        CP_TRY(r.object(*it, "/power", {"gap", "base_rate", "discordance", "alpha", "power"}));
        PowerSpec p;
        CP_TRY(r.number(*it, "gap", "/power", p.gap, true));
        CP_TRY(r.number(*it, "base_rate", "/power", p.baseRate, false));
        CP_TRY(r.number(*it, "discordance", "/power", p.discordance, false));
        CP_TRY(r.number(*it, "alpha", "/power", p.alpha, false));
        CP_TRY(r.number(*it, "power", "/power", p.power, false));
        if (!(p.gap > 0 && p.gap < 1))
            return r.error("/power/gap", "must be between 0 and 1");
        if (!p.baseRate && !p.discordance)
            return r.error("/power", "give base_rate, discordance or both");
        if (p.baseRate && !(*p.baseRate > 0 && *p.baseRate < 1))
            return r.error("/power/base_rate", "must be between 0 and 1");
        if (p.discordance && !(*p.discordance > 0 && *p.discordance <= 1))
            return r.error("/power/discordance", "must be in (0, 1]");
        if (p.discordance && *p.discordance < p.gap)
            return r.error("/power/discordance", "must be at least the gap (a gap needs that "
                                                 "many discordant pairs)");
        if (!(p.alpha > 0 && p.alpha < 1))
            return r.error("/power/alpha", "must be between 0 and 1");
        if (!(p.power > 0 && p.power < 1))
            return r.error("/power/power", "must be between 0 and 1");
        spec.power = p;
    }

    if (auto s = checkGeneratorSpecReferences(spec, source); !s)
        return s.error();
    return spec;
}

Result<GeneratorSpec> loadGeneratorSpec(const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    return parseGeneratorSpec(*bytes, path);
}

} // namespace cp
