// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generationplan.h"

#include "counterstream.h"
#include "generatorspeccheck.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>

namespace cp {

void WeightedList::build(const std::vector<double> &weights)
{
    cumulative.resize(values.size());
    double total = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        total += weights.empty() ? 1.0 : weights[i];
    double run = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        run += weights.empty() ? 1.0 : weights[i];
        cumulative[i] = run / total;
    }
    if (!cumulative.empty())
        cumulative.back() = 1.0;
    numbers.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string &v = values[i];
        double x = std::numeric_limits<double>::quiet_NaN();
        const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
        numbers[i] = r.ec == std::errc() && r.ptr == v.data() + v.size()
                         ? x
                         : std::numeric_limits<double>::quiet_NaN();
    }
    escaping.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        escaping[i] = std::uint8_t((needsEscaping(values[i], true) ? 1 : 0)
                                   | (needsEscaping(values[i], false) ? 2 : 0));
    guide.clear();
    const bool sorted = std::is_sorted(cumulative.begin(), cumulative.end())
                        && std::all_of(cumulative.begin(), cumulative.end(),
                                       [](double c) { return std::isfinite(c); });
    if (values.size() >= 8 && sorted) {
        const std::size_t g = values.size();
        guide.resize(g + 1);
        for (std::size_t k = 0; k <= g; ++k)
            guide[k] = std::uint32_t(
                std::upper_bound(cumulative.begin(), cumulative.end(), double(k) / double(g))
                - cumulative.begin());
    }
}

std::size_t WeightedList::pick(double u) const
{
    auto from = cumulative.begin();
    auto to = cumulative.end();
    if (!guide.empty() && u >= 0 && u < 1) {
        // k/G ≤ u < (k+1)/G up to rounding; one guide entry of slack either side covers it,
        // and upper_bound is monotonic, so the answer lies in [guide[k-1], guide[k+2]].
        const std::size_t g = guide.size() - 1;
        const auto k = std::size_t(u * double(g));
        from = cumulative.begin() + guide[k > 0 ? k - 1 : 0];
        to = cumulative.begin() + guide[std::min(k + 2, g)];
    }
    const auto it = std::upper_bound(from, to, u);
    return std::min<std::size_t>(std::size_t(it - cumulative.begin()), values.size() - 1);
}

constexpr std::uint64_t Ones = 0x0101010101010101ULL;
constexpr std::uint64_t Highs = 0x8080808080808080ULL;

/// Non-zero when some byte of x equals c (the classic "has zero byte" test on x ^ c…c).
constexpr std::uint64_t hasByte(std::uint64_t x, unsigned char c)
{
    const std::uint64_t v = x ^ (Ones * c);
    return (v - Ones) & ~v & Highs;
}

bool needsEscaping(std::string_view text, bool csv)
{
    // Eight bytes at a time: it runs over every template sentence of every variant.
    const char *p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        const std::uint64_t hit = csv ? hasByte(x, ',') | hasByte(x, '"') | hasByte(x, '\n')
                                            | hasByte(x, '\r')
                                      : hasByte(x, '"') | hasByte(x, '\\')
                                            | ((x - Ones * 0x20) & ~x & Highs);
        if (hit)
            return true;
    }
    for (; n > 0; ++p, --n) {
        const auto u = static_cast<unsigned char>(*p);
        if (csv ? u == ',' || u == '"' || u == '\n' || u == '\r'
                : u == '"' || u == '\\' || u < 0x20)
            return true;
    }
    return false;
}

std::int64_t stratumOf(const GenerationPlan &plan, std::int64_t family)
{
    const std::int64_t k = plan.strataCombinations;
    if (k <= 1)
        return 0;
    const std::int64_t block = family / k;
    const std::int64_t position = family % k;
    // Fisher–Yates over [0, k), stopping once `position` is fixed.
    std::vector<std::int64_t> perm(static_cast<std::size_t>(k));
    std::iota(perm.begin(), perm.end(), 0);
    const CounterStream s(plan.seed, std::uint64_t(block), CounterStream::key("\x01strata"));
    for (std::int64_t i = 0; i <= position; ++i) {
        const std::int64_t j = i + std::int64_t(s.uniform(std::uint32_t(i)) * double(k - i));
        std::swap(perm[std::size_t(i)], perm[std::size_t(std::min(j, k - 1))]);
    }
    return perm[std::size_t(position)];
}

namespace {

Error planError(const GeneratorSpec &spec, const std::string &path, const std::string &message)
{
    return Error{ErrorCode::Schema, spec.source, 0, path, message};
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string availableProviders(const ProviderCatalog &catalog)
{
    std::string s;
    for (const auto &n : catalog.names())
        s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? "none loaded" : "available: " + s;
}

/// Entries of a provider whose first keys equal `keys`, duplicates merged (weights summed).
void collect(const ProviderList &list, const std::vector<std::string> &keys,
             std::vector<std::string> &values, std::vector<double> &weights)
{
    std::map<std::string, std::size_t> at;
    for (const auto &e : list.entries) {
        if (!std::equal(keys.begin(), keys.end(), e.keys.begin()))
            continue;
        const auto [it, fresh] = at.emplace(e.value, values.size());
        if (fresh) {
            values.push_back(e.value);
            weights.push_back(e.weight);
        } else {
            weights[it->second] += e.weight;
        }
    }
}

/// Sorts by weight (most frequent first; ties keep list order) and builds the list.
WeightedList rankedList(std::vector<std::string> values, std::vector<double> weights)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return weights[a] > weights[b]; });
    WeightedList l;
    std::vector<double> w;
    for (std::size_t i : order) {
        l.values.push_back(std::move(values[i]));
        w.push_back(weights[i]);
    }
    l.build(w);
    return l;
}

class PlanBuilder
{
public:
    PlanBuilder(const GeneratorSpec &spec, const ProviderCatalog &catalog)
        : m_spec(spec), m_catalog(catalog)
    {}

    Result<GenerationPlan> run();

private:
    std::optional<Error> linked(const LinkedSpec &l);
    std::optional<Error> field(const FieldSpec &f, PlanField &out, bool topLevel);
    int fieldIndex(const std::string &name) const
    {
        for (std::size_t i = 0; i < m_spec.fields.size(); ++i)
            if (m_spec.fields[i].name == name)
                return int(i);
        return -1;
    }
    int linkedIndex(const std::string &name) const
    {
        for (std::size_t i = 0; i < m_spec.linked.size(); ++i)
            if (m_spec.linked[i].name == name)
                return int(i);
        return -1;
    }

    const GeneratorSpec &m_spec;
    const ProviderCatalog &m_catalog;
    GenerationPlan m_plan;
};

std::optional<Error> PlanBuilder::linked(const LinkedSpec &l)
{
    PlanLinked p;
    p.name = l.name;
    p.kind = l.kind;
    p.stream = CounterStream::key("\x02" + l.name);
    for (const auto &b : l.by) {
        p.byAttributes.push_back(protectedIndex(m_spec, b));
        p.radix.push_back(int(m_spec.protectedAttributes[std::size_t(protectedIndex(m_spec, b))]
                                  .groups.size()));
    }
    const auto combos = groupCombinations(m_spec, l.by);
    std::vector<std::vector<std::string>> values(combos.size());
    std::vector<std::vector<double>> weights(combos.size());
    if (l.kind == LinkedSpec::Kind::Provider) {
        const ProviderList *list = m_catalog.find(l.provider);
        if (!list)
            return planError(m_spec, l.path + "/provider", "unknown provider '" + l.provider
                                                               + "' ("
                                                               + availableProviders(m_catalog)
                                                               + ")");
        if (list->keyColumns.size() < l.by.size())
            return planError(m_spec, l.path + "/by",
                             "provider '" + l.provider + "' has "
                                 + std::to_string(list->keyColumns.size())
                                 + " key column(s), fewer than the attributes in by");
        for (std::size_t c = 0; c < combos.size(); ++c) {
            std::vector<std::string> keys;
            for (std::size_t k = 0; k < l.by.size(); ++k)
                keys.push_back(m_spec.protectedAttributes[std::size_t(p.byAttributes[k])]
                                   .groups[std::size_t(combos[c].groups[k])]);
            collect(*list, keys, values[c], weights[c]);
            if (values[c].empty()) {
                std::string where;
                for (std::size_t k = 0; k < l.by.size(); ++k)
                    where += (k ? ", " : "") + l.by[k] + "=" + keys[k];
                return planError(m_spec, l.path, "provider '" + l.provider + "' ("
                                                     + list->source + ") has no list for group "
                                                     + where);
            }
        }
    } else {
        for (std::size_t c = 0; c < combos.size(); ++c) {
            for (const auto &e : l.lists[c].second) {
                values[c].push_back(e.value);
                weights[c].push_back(e.weight);
            }
        }
    }
    if (l.kind == LinkedSpec::Kind::Pronouns) {
        std::map<std::string, std::string> owner;
        for (std::size_t c = 0; c < combos.size(); ++c) {
            PronounSet set = PronounSet::They;
            pronounSetFromName(values[c][0], set);
            p.pronouns.push_back(set);
            p.lists.push_back(rankedList(values[c], weights[c]));
            if (auto [it, fresh] = owner.emplace(values[c][0], combos[c].label); !fresh)
                m_plan.warnings.push_back(l.name + ": groups '" + it->second + "' and '"
                                          + combos[c].label + "' share the pronoun '"
                                          + values[c][0] + "'; their twins keep it");
        }
        m_plan.linked.push_back(std::move(p));
        return std::nullopt;
    }
    // A value in the lists of two groups the field distinguishes would let a twin keep it:
    // remove it from every list (case-insensitively).
    std::map<std::string, int> lists;
    for (std::size_t c = 0; c < combos.size(); ++c) {
        std::map<std::string, bool> once;
        for (const auto &v : values[c])
            if (once.emplace(lower(v), true).second)
                ++lists[lower(v)];
    }
    for (const auto &[v, n] : lists)
        if (n > 1)
            ++p.unisexRemoved;
    for (std::size_t c = 0; c < combos.size(); ++c) {
        std::vector<std::string> keptValues;
        std::vector<double> keptWeights;
        for (std::size_t i = 0; i < values[c].size(); ++i) {
            if (lists[lower(values[c][i])] > 1)
                continue;
            keptValues.push_back(values[c][i]);
            keptWeights.push_back(weights[c][i]);
        }
        if (keptValues.empty())
            return planError(m_spec, l.path, "the list for group '" + combos[c].label
                                                 + "' is empty once values shared with other "
                                                   "groups are removed");
        p.lists.push_back(rankedList(std::move(keptValues), std::move(keptWeights)));
    }
    m_plan.linked.push_back(std::move(p));
    return std::nullopt;
}

std::optional<Error> PlanBuilder::field(const FieldSpec &f, PlanField &out, bool topLevel)
{
    out.kind = f.kind;
    out.name = f.name;
    auto bound = [&](const Bound &b, PlanBound &pb) {
        pb.set = b.isSet();
        pb.value = b.value.value_or(0);
        pb.field = b.field.empty() ? -1 : fieldIndex(b.field);
        pb.offset = b.offset;
    };
    bound(f.min, out.min);
    bound(f.max, out.max);
    out.mean = f.mean;
    out.sd = f.sd;
    out.mu = f.mu;
    out.sigma = f.sigma;
    out.decimals = f.decimals >= 0 ? f.decimals : 2;
    out.fromDay = f.fromDay;
    out.toDay = f.toDay;
    out.prefix = f.prefix;
    out.idWidth = int(std::to_string(m_spec.families).size());
    switch (f.kind) {
    case FieldKind::Id:
    case FieldKind::Int:
    case FieldKind::Real:
    case FieldKind::Normal:
    case FieldKind::Lognormal:
        out.numeric = f.kind != FieldKind::Id;
        break;
    case FieldKind::Choice:
        out.list.values = f.values;
        out.list.build(f.weights);
        break;
    case FieldKind::Date:
        break;
    case FieldKind::Conditional: {
        out.onField = fieldIndex(f.on);
        const auto &values = m_spec.fields[std::size_t(out.onField)].values;
        out.cases.resize(f.cases.size());
        out.numeric = true;
        for (std::size_t c = 0; c < f.cases.size(); ++c) {
            if (auto e = field(f.cases[c], out.cases[c], false))
                return e;
            out.numeric = out.numeric && out.cases[c].numeric;
        }
        const auto def = std::find(f.caseKeys.begin(), f.caseKeys.end(), "default");
        for (const auto &v : values) {
            auto it = std::find(f.caseKeys.begin(), f.caseKeys.end(), v);
            if (it == f.caseKeys.end())
                it = def;
            out.caseForValue.push_back(int(it - f.caseKeys.begin()));
        }
        break;
    }
    case FieldKind::Provider: {
        const ProviderList *list = m_catalog.find(f.provider);
        if (!list)
            return planError(m_spec, f.path + "/provider", "unknown provider '" + f.provider
                                                               + "' ("
                                                               + availableProviders(m_catalog)
                                                               + ")");
        if (f.key.empty()) {
            std::vector<std::string> values;
            std::vector<double> weights;
            collect(*list, {}, values, weights);
            out.list = rankedList(std::move(values), std::move(weights));
            break;
        }
        if (list->keyColumns.empty())
            return planError(m_spec, f.path + "/key",
                             "provider '" + f.provider + "' has no key column");
        out.keyField = fieldIndex(f.key);
        for (const auto &v : m_spec.fields[std::size_t(out.keyField)].values) {
            std::vector<std::string> values;
            std::vector<double> weights;
            collect(*list, {v}, values, weights);
            if (values.empty())
                return planError(m_spec, f.path + "/key",
                                 "provider '" + f.provider + "' has no entries for "
                                     + list->keyColumns[0] + "=" + v);
            out.keyedLists.push_back(rankedList(std::move(values), std::move(weights)));
        }
        break;
    }
    case FieldKind::Template: {
        auto t = TemplateText::parse(f.text);   // checked by the parse already
        if (!t)
            return planError(m_spec, f.path + "/text", t.error().message);
        bool dependent = false;
        for (const auto &piece : t->pieces()) {
            PlanPiece p;
            p.text = piece.text;
            p.plural = piece.plural;
            p.form = piece.form;
            p.capital = piece.capital;
            switch (piece.kind) {
            case TemplatePiece::Kind::Literal: p.kind = PlanPiece::Kind::Literal; break;
            case TemplatePiece::Kind::Pronoun: p.kind = PlanPiece::Kind::Pronoun; break;
            case TemplatePiece::Kind::Verb: p.kind = PlanPiece::Kind::Verb; break;
            case TemplatePiece::Kind::Slot:
                if (int a = protectedIndex(m_spec, piece.text); a >= 0) {
                    p.kind = PlanPiece::Kind::Protected;
                    p.index = a;
                } else if (int l = linkedIndex(piece.text); l >= 0) {
                    p.kind = PlanPiece::Kind::Linked;
                    p.index = l;
                } else {
                    const int i = fieldIndex(piece.text);
                    const PlanField &target = m_plan.fields[std::size_t(i)];
                    p.kind = target.dependentSlot >= 0 ? PlanPiece::Kind::Dependent
                                                       : PlanPiece::Kind::Base;
                    p.index = target.dependentSlot >= 0 ? target.dependentSlot : i;
                }
                break;
            }
            dependent = dependent
                        || (p.kind != PlanPiece::Kind::Literal && p.kind != PlanPiece::Kind::Base);
            out.pieces.push_back(std::move(p));
        }
        if (!f.pronoun.empty()) {
            out.pronounLinked = linkedIndex(f.pronoun);
        } else {
            for (std::size_t l = 0; l < m_spec.linked.size(); ++l)
                if (m_spec.linked[l].kind == LinkedSpec::Kind::Pronouns) {
                    out.pronounLinked = int(l);
                    break;
                }
        }
        if (dependent && topLevel)
            out.dependentSlot = int(m_plan.dependentFields.size());
        break;
    }
    }
    return std::nullopt;
}

Result<GenerationPlan> PlanBuilder::run()
{
    m_plan.seed = m_spec.seed;
    m_plan.families = m_spec.families;
    for (const auto &a : m_spec.protectedAttributes) {
        m_plan.attributes.push_back(a.name);
        m_plan.groups.push_back(a.groups);
    }
    for (const auto &l : m_spec.linked)
        if (auto e = linked(l))
            return *e;

    std::vector<std::string> all;
    for (const auto &a : m_spec.protectedAttributes)
        all.push_back(a.name);
    std::vector<int> reference;
    for (const auto &a : m_spec.protectedAttributes)
        reference.push_back(int(std::find(a.groups.begin(), a.groups.end(), a.reference)
                                - a.groups.begin()));
    for (const auto &c : groupCombinations(m_spec, all)) {
        int differ = 0;
        for (std::size_t a = 0; a < c.groups.size(); ++a)
            differ += c.groups[a] != reference[a];
        if (m_spec.variants == VariantDesign::VersusReference && differ > 1)
            continue;
        if (differ == 0)
            m_plan.referenceVariant = int(m_plan.variants.size());
        PlanVariant v;
        v.groups = c.groups;
        v.label = c.label;
        for (const auto &l : m_plan.linked) {
            int index = 0;
            for (std::size_t k = 0; k < l.byAttributes.size(); ++k)
                index = index * l.radix[k] + c.groups[std::size_t(l.byAttributes[k])];
            v.linkedCombination.push_back(index);
        }
        m_plan.variants.push_back(std::move(v));
    }

    m_plan.fields.resize(m_spec.fields.size());
    for (std::size_t i = 0; i < m_spec.fields.size(); ++i) {
        PlanField &pf = m_plan.fields[i];
        if (auto e = field(m_spec.fields[i], pf, true))
            return *e;
        pf.stream = CounterStream::key("\x03" + pf.name);
        if (pf.dependentSlot >= 0)
            m_plan.dependentFields.push_back(int(i));
        else
            m_plan.baseFields.push_back(int(i));
    }
    for (std::size_t k = 0; k < m_spec.strata.size(); ++k) {
        const int i = fieldIndex(m_spec.strata[k]);
        m_plan.strataFields.push_back(i);
        m_plan.fields[std::size_t(i)].strataIndex = int(k);
        m_plan.strataCombinations *= std::int64_t(m_plan.fields[std::size_t(i)].list.values.size());
    }
    if (!m_spec.strata.empty() && m_spec.families % m_plan.strataCombinations != 0)
        m_plan.warnings.push_back(
            std::to_string(m_spec.families) + " families do not divide into "
            + std::to_string(m_plan.strataCombinations)
            + " strata; stratum sizes differ by at most one family");

    m_plan.columns = {"family", "variant"};
    for (const auto &a : m_plan.attributes) {
        m_plan.columns.push_back(a);
        m_plan.layout.protectedColumns.push_back(a);
    }
    for (std::size_t l = 0; l < m_plan.linked.size(); ++l) {
        m_plan.columns.push_back(m_plan.linked[l].name);
        m_plan.layout.linkedColumns.push_back(m_plan.linked[l].name);
        m_plan.layout.linkedFollows[m_plan.linked[l].name] = m_spec.linked[l].by;
    }
    // Templates that use protected or linked columns differ within a family, so they are
    // linked columns too and sit with them (the layout's column order).
    for (int i : m_plan.dependentFields) {
        m_plan.columns.push_back(m_plan.fields[std::size_t(i)].name);
        m_plan.layout.linkedColumns.push_back(m_plan.fields[std::size_t(i)].name);
        m_plan.layout.linkedFollows[m_plan.fields[std::size_t(i)].name] = {};
    }
    for (int i : m_plan.baseFields)
        m_plan.columns.push_back(m_plan.fields[std::size_t(i)].name);
    m_plan.layout.strataColumns = m_spec.strata;
    return std::move(m_plan);
}

} // namespace

Result<GenerationPlan> compilePlan(const GeneratorSpec &spec, const ProviderCatalog &catalog)
{
    return PlanBuilder(spec, catalog).run();
}

} // namespace cp
