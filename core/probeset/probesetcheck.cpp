// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetcheck.h"

#include "canonicalcsv.h"
#include <core/table/csvscanner.h>

#include <core/common/sha256.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <thread>
#include <unordered_map>

namespace cp {

namespace {

constexpr std::size_t MaxGroups = 1000;
constexpr std::int64_t ProgressEvery = 1 << 16;

enum class Role : std::uint8_t { Fixed, Family, Variant, Protected, Linked };

struct ColumnRole {
    Role role = Role::Fixed;
    int index = -1;    ///< into the protected or linked columns
    int stratum = -1;  ///< into the strata columns (a fixed column)
};

/// Group names of one column, coded in first-appearance order.
class Levels
{
public:
    std::uint32_t code(std::string_view v)
    {
        if (m_last < m_names.size() && m_names[m_last] == v)
            return m_last;
        const auto it = m_index.find(std::string(v));
        if (it != m_index.end())
            return m_last = it->second;
        m_last = std::uint32_t(m_names.size());
        m_names.emplace_back(v);
        m_index.emplace(m_names.back(), m_last);
        return m_last;
    }
    std::size_t size() const { return m_names.size(); }
    const std::string &name(std::uint32_t c) const { return m_names[c]; }

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string, std::uint32_t> m_index;
    std::uint32_t m_last = 0;
};

/// What one pass over the rows keeps: a few numbers per row, never the text.
struct Rows {
    std::size_t count = 0;
    std::vector<std::uint32_t> family;
    std::vector<std::uint64_t> fixedHash;   ///< all columns that must not differ
    std::vector<std::uint32_t> groups;      ///< protected codes, P per row
    std::vector<std::uint32_t> strata;      ///< strata codes, S per row
    std::vector<std::uint64_t> linked;      ///< linked value hashes, L per row
    std::vector<std::uint32_t> offset;      ///< byte offset of the row (for examples)
    std::vector<std::uint32_t> line;        ///< 1-based line of the row
    std::vector<std::string_view> familyNames;
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xBF58476D1CE4E5B9ull;
}

Error schemaError(const std::string &source, std::int64_t line, std::string field,
                  std::string message)
{
    return Error{ErrorCode::Schema, source, line, std::move(field), std::move(message)};
}

bool labelMatches(std::string_view label, const std::vector<std::string_view> &groups)
{
    std::size_t pos = 0;
    for (std::size_t k = 0; k < groups.size(); ++k) {
        if (k) {
            if (pos >= label.size() || label[pos] != '/')
                return false;
            ++pos;
        }
        if (label.substr(pos, groups[k].size()) != groups[k])
            return false;
        pos += groups[k].size();
    }
    return pos == label.size();
}

std::string joinLabel(const std::vector<std::string_view> &groups)
{
    std::string s;
    for (std::size_t k = 0; k < groups.size(); ++k)
        (s += k ? "/" : "") += groups[k];
    return s;
}

/// The decoded fields of the row at a saved position.
std::vector<std::string> fieldsAt(std::string_view csv, std::uint32_t offset, std::uint32_t line)
{
    CsvScanner sc(csv);
    sc.seek(offset, line);
    std::vector<std::string> out;
    std::string_view f;
    do {
        if (!sc.field(f))
            break;
        out.emplace_back(f);
    } while (!sc.endOfRecord());
    return out;
}

class Checker
{
public:
    Checker(std::string_view csv, const ProbeSetLayout &layout, const std::string &source)
        : m_csv(csv), m_layout(layout), m_source(source)
    {
    }

    Status run(ProbeSetCheck &out, const Progress &progress);

private:
    Status resolveHeader(CsvScanner &sc, ProbeSetCheck &out);
    Status readRows(CsvScanner &sc, ProbeSetCheck &out, const Progress &progress);
    void checkFamilies(IntegrityReport &report);
    void checkFamily(std::uint32_t f, const std::uint32_t *rows, std::size_t k,
                     IntegrityReport &report);
    void balance(BalanceReport &report);
    std::string groupsOf(std::uint32_t row, const std::vector<int> &which) const;

    std::string_view m_csv;
    const ProbeSetLayout &m_layout;
    const std::string &m_source;
    std::vector<std::string> m_header;
    std::vector<ColumnRole> m_roles;
    std::size_t m_p = 0, m_s = 0, m_l = 0;
    std::vector<Levels> m_groupLevels, m_strataLevels;
    std::vector<int> m_protectedColumn, m_strataColumn, m_linkedColumn;  ///< header positions
    std::vector<std::vector<int>> m_follows;  ///< per linked column: protected indices
    std::vector<int> m_all;                   ///< every protected index
    Rows m_rows;
    std::deque<std::string> m_ownedNames;     ///< family ids that needed unescaping
    std::vector<std::uint32_t> m_scratch;
};

Status Checker::resolveHeader(CsvScanner &sc, ProbeSetCheck &out)
{
    if (!sc.nextRecord())
        return Error{ErrorCode::Parse, m_source, 1, {}, "the file is empty (no header line)"};
    std::string_view f;
    do {
        if (!sc.field(f))
            return Error{ErrorCode::Parse, m_source, sc.line(), {}, sc.error()};
        if (std::find(m_header.begin(), m_header.end(), f) != m_header.end())
            return schemaError(m_source, 1, std::string(f), "the header names this column twice");
        m_header.emplace_back(f);
    } while (!sc.endOfRecord());
    out.columns = m_header;
    m_roles.assign(m_header.size(), ColumnRole{});
    std::vector<bool> taken(m_header.size(), false);
    auto claim = [&](const std::string &name, Role role, int index) -> Result<int> {
        const auto it = std::find(m_header.begin(), m_header.end(), name);
        if (it == m_header.end()) {
            std::string have;
            for (const auto &h : m_header)
                have += (have.empty() ? "" : ", ") + h;
            return schemaError(m_source, 1, name, "missing column (the header has: " + have + ")");
        }
        const auto pos = std::size_t(it - m_header.begin());
        if (role != Role::Fixed) {
            if (taken[pos] || m_roles[pos].stratum >= 0)
                return schemaError(m_source, 1, name, "the layout gives this column two roles");
            taken[pos] = true;
            m_roles[pos].role = role;
            m_roles[pos].index = index;
        }
        return int(pos);
    };
    if (m_layout.protectedColumns.empty())
        return schemaError(m_source, 0, "protected", "a probe set needs a protected column");
    for (const auto &[name, role] : {std::pair(m_layout.familyColumn, Role::Family),
                                     std::pair(m_layout.variantColumn, Role::Variant)})
        if (auto r = claim(name, role, 0); !r)
            return r.error();
    for (const auto &name : m_layout.protectedColumns) {
        auto r = claim(name, Role::Protected, int(m_protectedColumn.size()));
        if (!r)
            return r.error();
        m_protectedColumn.push_back(*r);
    }
    for (const auto &name : m_layout.linkedColumns) {
        auto r = claim(name, Role::Linked, int(m_linkedColumn.size()));
        if (!r)
            return r.error();
        m_linkedColumn.push_back(*r);
        std::vector<int> follows;
        const auto it = m_layout.linkedFollows.find(name);
        if (it == m_layout.linkedFollows.end()) {
            for (std::size_t k = 0; k < m_protectedColumn.size(); ++k)
                follows.push_back(int(k));
        } else {
            for (const auto &p : it->second) {
                const auto pit = std::find(m_layout.protectedColumns.begin(),
                                           m_layout.protectedColumns.end(), p);
                if (pit == m_layout.protectedColumns.end())
                    return schemaError(m_source, 0, name,
                                       "follows '" + p + "', which is not a protected column");
                follows.push_back(int(pit - m_layout.protectedColumns.begin()));
            }
        }
        m_follows.push_back(std::move(follows));
    }
    for (const auto &[name, follows] : m_layout.linkedFollows)
        if (std::find(m_layout.linkedColumns.begin(), m_layout.linkedColumns.end(), name)
            == m_layout.linkedColumns.end())
            return schemaError(m_source, 0, name, "follows groups but is not a linked column");
    for (const auto &name : m_layout.strataColumns) {
        auto r = claim(name, Role::Fixed, 0);
        if (!r)
            return r.error();
        if (taken[std::size_t(*r)] || m_roles[std::size_t(*r)].stratum >= 0)
            return schemaError(m_source, 1, name,
                               "a strata column must be an ordinary field (same in every twin)");
        m_roles[std::size_t(*r)].stratum = int(m_strataColumn.size());
        m_strataColumn.push_back(*r);
    }
    m_p = m_protectedColumn.size();
    for (std::size_t k = 0; k < m_p; ++k)
        m_all.push_back(int(k));
    m_s = m_strataColumn.size();
    m_l = m_linkedColumn.size();
    m_groupLevels.resize(m_p);
    m_strataLevels.resize(m_s);
    return Ok{};
}

Status Checker::readRows(CsvScanner &sc, ProbeSetCheck &out, const Progress &progress)
{
    if (m_csv.size() > std::numeric_limits<std::uint32_t>::max())
        return Error{ErrorCode::Invalid, m_source, 0, {},
                     "a probe set is limited to 4 GiB of CSV"};
    const auto estimate = std::size_t(std::count(m_csv.begin(), m_csv.end(), '\n'));
    Rows &r = m_rows;
    r.family.reserve(estimate);
    r.fixedHash.reserve(estimate);
    r.groups.reserve(estimate * m_p);
    r.strata.reserve(estimate * m_s);
    r.linked.reserve(estimate * m_l);
    r.offset.reserve(estimate);
    r.line.reserve(estimate);

    std::unordered_map<std::string_view, std::uint32_t> familyIndex;
    familyIndex.reserve(estimate / 2 + 1);
    std::string_view lastFamily;
    std::uint32_t lastCode = 0;
    bool haveLast = false;
    std::vector<std::string_view> groupValues(m_p);
    std::vector<std::string> groupOwned(m_p);
    std::string variant, familyText;
    const std::hash<std::string_view> hasher;
    const std::size_t width = m_header.size();
    std::string_view f;

    while (sc.nextRecord()) {
        const auto offset = std::uint32_t(sc.offset());
        const std::int64_t line = sc.line();
        std::uint64_t fixed = 0x243F6A8885A308D3ull;
        std::uint32_t family = 0;
        bool familyFound = false;
        std::size_t i = 0;
        do {
            if (!sc.field(f))
                return Error{ErrorCode::Parse, m_source, line, i < width ? m_header[i] : "",
                             sc.error()};
            if (i >= width) {
                ++i;
                continue;
            }
            const ColumnRole &role = m_roles[i];
            switch (role.role) {
            case Role::Fixed:
                fixed = mix(fixed, hasher(f));
                if (role.stratum >= 0)
                    r.strata.push_back(m_strataLevels[std::size_t(role.stratum)].code(f));
                break;
            case Role::Family:
                if (f.empty())
                    return schemaError(m_source, line, m_header[i], "empty family id");
                if (haveLast && f == lastFamily) {
                    family = lastCode;
                } else {
                    // A view into the input is enough unless the scanner had to unescape.
                    const bool inInput = f.data() >= m_csv.data()
                                         && f.data() < m_csv.data() + m_csv.size();
                    const std::string_view key = inInput ? f : m_ownedNames.emplace_back(f);
                    const auto [it, fresh] = familyIndex.emplace(
                        key, std::uint32_t(r.familyNames.size()));
                    if (fresh)
                        r.familyNames.push_back(key);
                    family = it->second;
                    lastFamily = key;
                    lastCode = family;
                    haveLast = true;
                }
                familyFound = true;
                break;
            case Role::Variant:
                variant.assign(f);
                break;
            case Role::Protected: {
                if (f.empty())
                    return schemaError(m_source, line, m_header[i], "empty group");
                Levels &levels = m_groupLevels[std::size_t(role.index)];
                const std::uint32_t code = levels.code(f);
                if (levels.size() > MaxGroups)
                    return schemaError(m_source, line, m_header[i],
                                       "more than " + std::to_string(MaxGroups)
                                           + " groups; is this the protected column?");
                r.groups.push_back(code);
                groupValues[std::size_t(role.index)] = levels.name(code);
                break;
            }
            case Role::Linked:
                r.linked.push_back(hasher(f));
                break;
            }
            ++i;
        } while (!sc.endOfRecord());
        if (i != width)
            return Error{ErrorCode::Parse, m_source, line, {},
                         "expected " + std::to_string(width) + " fields as in the header, found "
                             + std::to_string(i)};
        (void)familyFound;
        r.family.push_back(family);
        r.fixedHash.push_back(fixed);
        r.offset.push_back(offset);
        r.line.push_back(std::uint32_t(line));
        if (!labelMatches(variant, groupValues))
            out.integrity.wrongVariantLabels.add(
                {std::string(r.familyNames[family]), line, m_layout.variantColumn,
                 "label '" + variant + "', but the groups are '" + joinLabel(groupValues) + "'"});
        ++r.count;
        if ((std::int64_t(r.count) & (ProgressEvery - 1)) == 0) {
            if (progress.isCancelled())
                return Error{ErrorCode::Cancelled, m_source, line, {}, "cancelled"};
            progress.report(std::int64_t(sc.offset()), std::int64_t(m_csv.size()));
        }
    }
    for (std::size_t s = 0; s < m_s; ++s)
        if (m_strataLevels[s].size() > MaxGroups)
            return schemaError(m_source, 0, m_header[std::size_t(m_strataColumn[s])],
                               "more than " + std::to_string(MaxGroups)
                                   + " strata; is this the strata column?");
    if (r.count == 0)
        return Error{ErrorCode::Schema, m_source, 2, {}, "the probe set has no rows"};
    return Ok{};
}

std::string Checker::groupsOf(std::uint32_t row, const std::vector<int> &which) const
{
    std::string s;
    for (int k : which)
        (s += s.empty() ? "" : "/") += m_groupLevels[std::size_t(k)].name(
            m_rows.groups[std::size_t(row) * m_p + std::size_t(k)]);
    return s;
}

void Checker::checkFamily(std::uint32_t f, const std::uint32_t *rows, std::size_t k,
                          IntegrityReport &report)
{
    const Rows &r = m_rows;
    const std::string family(r.familyNames[f]);
    const std::uint32_t first = rows[0];
    if (k == 1) {
        report.singleVariantFamilies.add(
            {family, r.line[first], m_layout.familyColumn, "the family has a single variant"});
        return;
    }
    // Every twin must equal the family's first variant outside protected and linked columns.
    std::vector<std::string> firstFields;
    for (std::size_t j = 1; j < k; ++j) {
        const std::uint32_t row = rows[j];
        if (r.fixedHash[row] == r.fixedHash[first])
            continue;
        if (report.fieldsDifferOutside.examples.size() >= IntegrityFinding::MaxExamples) {
            ++report.fieldsDifferOutside.count;
            continue;
        }
        if (firstFields.empty())
            firstFields = fieldsAt(m_csv, r.offset[first], r.line[first]);
        const auto fields = fieldsAt(m_csv, r.offset[row], r.line[row]);
        std::size_t c = 0;
        while (c < fields.size() && (m_roles[c].role != Role::Fixed || fields[c] == firstFields[c]))
            ++c;
        const std::string column = c < m_header.size() ? m_header[c] : std::string();
        report.fieldsDifferOutside.add(
            {family, r.line[row], column,
             c < fields.size()
                 ? "'" + fields[c] + "', but '" + firstFields[c] + "' on line "
                       + std::to_string(r.line[first])
                 : std::string("differs from line ") + std::to_string(r.line[first])});
    }
    auto sameGroups = [&](std::uint32_t a, std::uint32_t b, const std::vector<int> *which) {
        if (!which)
            return std::equal(&r.groups[a * m_p], &r.groups[a * m_p] + m_p, &r.groups[b * m_p]);
        for (int g : *which)
            if (r.groups[a * m_p + std::size_t(g)] != r.groups[b * m_p + std::size_t(g)])
                return false;
        return true;
    };
    auto lessGroups = [&](std::uint32_t a, std::uint32_t b, const std::vector<int> *which) {
        for (std::size_t g = 0; g < (which ? which->size() : m_p); ++g) {
            const std::size_t col = which ? std::size_t((*which)[g]) : g;
            const auto x = r.groups[a * m_p + col], y = r.groups[b * m_p + col];
            if (x != y)
                return x < y;
        }
        return false;
    };
    // Duplicates: sort the family's rows by their groups; equal neighbours repeat a variant.
    m_scratch.assign(rows, rows + k);
    std::sort(m_scratch.begin(), m_scratch.end(), [&](std::uint32_t a, std::uint32_t b) {
        return lessGroups(a, b, nullptr) || (!lessGroups(b, a, nullptr) && a < b);
    });
    for (std::size_t j = 1; j < k; ++j)
        if (sameGroups(m_scratch[j - 1], m_scratch[j], nullptr))
            report.duplicateVariants.add(
                {family, r.line[m_scratch[j]], m_layout.variantColumn,
                 "groups '" + groupsOf(m_scratch[j], m_all)
                     + "' already on line " + std::to_string(r.line[m_scratch[j - 1]])});
    // Linked values: pairs whose followed groups differ must not share the value.
    struct Found {
        std::uint32_t later, earlier;
        std::size_t column;
        std::int64_t pairs;
    };
    std::vector<Found> found;
    for (std::size_t c = 0; c < m_l; ++c) {
        const std::vector<int> &follows = m_follows[c];
        if (follows.empty())
            continue;
        auto value = [&](std::uint32_t row) { return r.linked[row * m_l + c]; };
        m_scratch.assign(rows, rows + k);
        std::sort(m_scratch.begin(), m_scratch.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (value(a) != value(b))
                return value(a) < value(b);
            if (lessGroups(a, b, &follows) || lessGroups(b, a, &follows))
                return lessGroups(a, b, &follows);
            return a < b;
        });
        for (std::size_t begin = 0; begin < k;) {
            std::size_t end = begin + 1;
            while (end < k && value(m_scratch[end]) == value(m_scratch[begin]))
                ++end;
            // Pairs in the run minus pairs that share the followed groups.
            const auto m = std::int64_t(end - begin);
            std::int64_t pairs = m * (m - 1) / 2;
            std::size_t other = end;
            for (std::size_t t = begin; t < end;) {
                std::size_t u = t + 1;
                while (u < end && sameGroups(m_scratch[t], m_scratch[u], &follows))
                    ++u;
                const auto mt = std::int64_t(u - t);
                pairs -= mt * (mt - 1) / 2;
                if (t > begin && other == end)
                    other = t;
                t = u;
            }
            if (pairs > 0)
                found.push_back({std::max(m_scratch[begin], m_scratch[other]),
                                 std::min(m_scratch[begin], m_scratch[other]), c, pairs});
            begin = end;
        }
    }
    // Examples in file order, whatever order the hashes sorted the values in.
    std::sort(found.begin(), found.end(),
              [](const Found &a, const Found &b) { return a.later < b.later; });
    for (const Found &x : found) {
        const auto col = std::size_t(m_linkedColumn[x.column]);
        const std::vector<int> &follows = m_follows[x.column];
        std::string detail = "the same value as line " + std::to_string(r.line[x.earlier])
                             + " although the groups differ ('" + groupsOf(x.earlier, follows)
                             + "' vs '" + groupsOf(x.later, follows) + "')";
        if (report.identicalLinked.examples.size() < IntegrityFinding::MaxExamples) {
            const auto fields = fieldsAt(m_csv, r.offset[x.later], r.line[x.later]);
            if (col < fields.size())
                detail = "'" + fields[col] + "', " + detail;
        }
        report.identicalLinked.add({family, r.line[x.later], m_header[col], detail}, x.pairs);
    }
}

void Checker::checkFamilies(IntegrityReport &report)
{
    const Rows &r = m_rows;
    const std::size_t families = r.familyNames.size();
    // Counting sort by family keeps file order within each family.
    std::vector<std::uint32_t> start(families + 1, 0);
    for (std::uint32_t f : r.family)
        ++start[f + 1];
    for (std::size_t f = 0; f < families; ++f)
        start[f + 1] += start[f];
    std::vector<std::uint32_t> order(r.count);
    {
        std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
        for (std::uint32_t row = 0; row < r.count; ++row)
            order[next[r.family[row]]++] = row;
    }
    for (std::uint32_t f = 0; f < families; ++f)
        checkFamily(f, order.data() + start[f], start[f + 1] - start[f], report);
}

void Checker::balance(BalanceReport &report)
{
    const Rows &r = m_rows;
    auto equal = [](const GroupBalance &g) {
        return std::all_of(g.counts.begin(), g.counts.end(),
                           [&](const GroupCount &c) { return c.count == g.counts[0].count; });
    };
    for (std::size_t k = 0; k < m_p; ++k) {
        std::vector<std::int64_t> counts(m_groupLevels[k].size(), 0);
        for (std::size_t row = 0; row < r.count; ++row)
            ++counts[r.groups[row * m_p + k]];
        GroupBalance g;
        g.column = m_layout.protectedColumns[k];
        for (std::uint32_t c = 0; c < counts.size(); ++c)
            g.counts.push_back({{}, m_groupLevels[k].name(c), counts[c]});
        g.balanced = equal(g);
        report.groups.push_back(std::move(g));
    }
    // Intersections: every protected code together, in first-appearance order.
    {
        std::unordered_map<std::uint64_t, std::size_t> slot;
        std::vector<std::pair<std::uint32_t, std::int64_t>> cells;  // first row, count
        for (std::uint32_t row = 0; row < r.count; ++row) {
            std::uint64_t key = 0;
            for (std::size_t k = 0; k < m_p; ++k)
                key = key * (MaxGroups + 1) + r.groups[row * m_p + k];
            if (m_p > 6)  // beyond 6 columns the radix overflows: hash the codes instead
                key = std::hash<std::string_view>{}(std::string_view(
                    reinterpret_cast<const char *>(&r.groups[row * m_p]), m_p * 4));
            const auto [it, fresh] = slot.emplace(key, cells.size());
            if (fresh)
                cells.push_back({row, 0});
            ++cells[it->second].second;
        }
        GroupBalance &g = report.intersection;
        for (const auto &p : m_layout.protectedColumns)
            (g.column += g.column.empty() ? "" : "×") += p;
        for (const auto &[row, count] : cells)
            g.counts.push_back({{}, groupsOf(row, m_all), count});
        g.balanced = equal(g);
    }
    for (std::size_t s = 0; s < m_s; ++s) {
        for (std::size_t k = 0; k < m_p; ++k) {
            const std::size_t groups = m_groupLevels[k].size();
            std::vector<std::int64_t> counts(m_strataLevels[s].size() * groups, 0);
            for (std::size_t row = 0; row < r.count; ++row)
                ++counts[r.strata[row * m_s + s] * groups + r.groups[row * m_p + k]];
            GroupBalance g;
            g.column = m_layout.protectedColumns[k];
            g.stratumColumn = m_layout.strataColumns[s];
            for (std::uint32_t st = 0; st < m_strataLevels[s].size(); ++st) {
                for (std::uint32_t c = 0; c < groups; ++c) {
                    const std::int64_t n = counts[st * groups + c];
                    g.counts.push_back({m_strataLevels[s].name(st), m_groupLevels[k].name(c), n});
                    if (n != counts[st * groups])
                        g.balanced = false;
                }
            }
            report.strata.push_back(std::move(g));
        }
    }
    report.families = std::int64_t(r.familyNames.size());
    report.variants = std::int64_t(r.count);
    report.balanced = report.intersection.balanced
                      && std::all_of(report.groups.begin(), report.groups.end(),
                                     [](const GroupBalance &g) { return g.balanced; })
                      && std::all_of(report.strata.begin(), report.strata.end(),
                                     [](const GroupBalance &g) { return g.balanced; });
}

Status Checker::run(ProbeSetCheck &out, const Progress &progress)
{
    // Hashing runs beside the check; when the input turns out not to be canonical the hash is
    // redone over the re-encoded bytes.
    std::string sha;
    std::jthread hashing([&] { sha = Sha256::hex(m_csv); });
    CsvScanner sc(m_csv);
    if (auto s = resolveHeader(sc, out); !s)
        return s;
    if (auto s = readRows(sc, out, progress); !s)
        return s;
    checkFamilies(out.integrity);
    balance(out.balance);
    out.integrity.families = out.balance.families;
    out.integrity.variants = out.balance.variants;
    hashing.join();
    if (sc.canonical()) {
        out.sha256 = std::move(sha);
        return Ok{};
    }
    auto canonical = canonicalCsv(m_csv, m_source);
    if (!canonical)
        return canonical.error();
    out.canonical = std::move(*canonical);
    out.reencoded = true;
    out.sha256 = Sha256::hex(out.canonical);
    return Ok{};
}

} // namespace

Result<ProbeSetCheck> checkProbeSet(std::string_view csv, const ProbeSetLayout &layout,
                                    const std::string &source, const Progress &progress)
{
    ProbeSetCheck out;
    Checker checker(csv, layout, source);
    if (auto s = checker.run(out, progress); !s)
        return s.error();
    return out;
}

Error integrityError(const IntegrityReport &report, const std::string &source)
{
    const auto first = report.firstViolation();
    if (!first)
        return Error{ErrorCode::Invalid, source, 0, {}, "integrity violations"};
    const IntegrityExample &e = first->second;
    return Error{ErrorCode::Invalid, source, e.line, e.column,
                 "family " + e.family + ": " + first->first + ": " + e.detail + " ("
                     + std::to_string(report.violations()) + " violation(s) in all)"};
}

} // namespace cp
