// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetcheck.h"

#include "canonicalcsv.h"
#include <core/table/csvscanner.h>

#include <core/common/sha256.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <optional>
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
    std::deque<std::string> m_names;
    std::unordered_map<std::string, std::uint32_t> m_index;
    std::uint32_t m_last = 0;
};

/// A hash that lets an unordered_map of strings be searched with a string_view.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// The rows of one family, in file order: what the integrity checks compare. A few numbers per
/// row and where its text is (for the examples), never the decoded fields.
struct FamilyRows {
    std::uint32_t code = 0;
    std::vector<std::uint64_t> fixedHash;   ///< all columns that must not differ
    std::vector<std::uint32_t> groups;      ///< protected codes, P per row
    std::vector<std::uint64_t> linked;      ///< linked value hashes, L per row
    std::vector<std::size_t> offset;        ///< of the record in the family's text
    std::vector<std::int64_t> line;         ///< 1-based line of the record in the whole input

    std::size_t size() const { return line.size(); }
    void clear()
    {
        fixedHash.clear();
        groups.clear();
        linked.clear();
        offset.clear();
        line.clear();
    }
};

/// One record as parsed: the family stage's numbers and the row stage's values.
struct Record {
    std::string_view family;                ///< valid until the next field is read
    std::string familyOwned;                ///< the family id when the scanner had to unescape
    std::uint64_t fixed = 0;
    std::vector<std::uint32_t> groups;      ///< by protected index
    std::vector<std::uint32_t> strata;      ///< by strata index
    std::vector<std::uint64_t> linked;      ///< by linked index
    std::vector<std::string_view> groupNames;
    std::string variant;
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

/// A scanner over data that does not start the file: a byte order mark there is data.
CsvScanner scannerAt(std::string_view data, std::int64_t line)
{
    CsvScanner sc(data);
    sc.seek(0, line);
    return sc;
}

/// The decoded fields of the record at a saved position.
std::vector<std::string> fieldsAt(std::string_view text, std::size_t offset, std::int64_t line)
{
    CsvScanner sc = scannerAt(text, 1);
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

} // namespace

/// The check behind checkProbeSet() and ProbeSetStreamCheck. One pass in file order does the
/// row stage (header, parse errors, groups, variant labels, balance, canonical bytes) and, while
/// a family's rows are together, the family stage (integrity) each time a family ends. When the
/// whole input is in memory and a family turns up again after another began, the family stage
/// is redone at the end over the rows grouped by family.
class ProbeSetChecker
{
public:
    ProbeSetChecker(const ProbeSetLayout &layout, std::string source, std::string_view whole,
                    ProbeSetStreamCheck::Sink sink, Progress progress)
        : m_layout(layout), m_source(std::move(source)), m_whole(whole), m_sink(std::move(sink)),
          m_progress(std::move(progress))
    {
    }

    Status feed(std::string_view chunk)
    {
        if (!m_failed)
            if (auto s = feedPiece(chunk); !s) {
                m_failed = s.error();
                return s;
            }
        if (m_failed)
            return *m_failed;
        return Ok{};
    }

    /// The reports; sha256 and canonical are the caller's.
    Status finish(ProbeSetCheck &out);
    std::string sha256() { return m_sha.hexDigest(); }
    bool reencoded() const { return m_reencoded; }

private:
    Status feedPiece(std::string_view chunk);
    Status emit(std::string_view bytes);
    Status emitReencoded(std::string_view chunk, std::size_t start, std::int64_t line);
    Status resolveHeader(CsvScanner &sc, std::int64_t line);
    Status parse(CsvScanner &sc, std::int64_t line, bool rowStage);
    Status row(CsvScanner &sc, std::size_t base, std::size_t start, std::int64_t line);
    void addToFamily(std::size_t start, std::size_t end, std::int64_t line);
    void switchToGrouped(std::size_t start, std::uint32_t code, std::int64_t line);
    void groupedFamilyStage();
    void endFamily();
    void checkFamily(const FamilyRows &fam, std::string_view text);
    void balance(BalanceReport &report);
    std::string groupsOf(const FamilyRows &fam, std::size_t row,
                         const std::vector<int> &which) const;

    const ProbeSetLayout m_layout;
    const std::string m_source;
    const std::string_view m_whole;             ///< the whole input, when it is in memory
    const ProbeSetStreamCheck::Sink m_sink;     ///< empty: no canonical bytes are produced
    const Progress m_progress;
    std::optional<Error> m_failed;

    // The header and the roles of its columns.
    bool m_haveHeader = false;
    std::vector<std::string> m_header;
    std::vector<ColumnRole> m_roles;
    std::size_t m_p = 0, m_s = 0, m_l = 0;
    std::vector<Levels> m_groupLevels, m_strataLevels;
    std::vector<int> m_protectedColumn, m_strataColumn, m_linkedColumn;  ///< header positions
    std::vector<std::vector<int>> m_follows;  ///< per linked column: protected indices
    std::vector<int> m_all;                   ///< every protected index
    int m_familyField = -1;

    // Where the input stands.
    bool m_firstPiece = true;
    bool m_openEnded = false;                 ///< the last record had no line feed
    std::int64_t m_lineBase = 1;              ///< line of the current piece's first byte
    std::int64_t m_rows = 0;
    std::size_t m_firstRowOffset = 0;
    std::int64_t m_firstRowLine = 0;
    Record m_record;

    // Canonical bytes.
    bool m_reencoded = false;
    Sha256 m_sha;
    std::string m_scratch;

    // Families: first-appearance codes, and the rows of the current one.
    std::deque<std::string> m_familyNames;
    std::unordered_map<std::string_view, std::uint32_t, TextHash, std::equal_to<>> m_familyIndex;
    bool m_haveFamily = false;
    FamilyRows m_family;
    std::string_view m_chunk;                 ///< the piece being read
    std::size_t m_familyEnd = 0;              ///< end of its last record in the piece
    std::string m_familyText;                 ///< the current family's records, once copied
    bool m_familyCopied = false;
    std::vector<std::uint32_t> m_sortScratch;

    // Grouped mode (input in memory, families apart): every row's family and place.
    bool m_grouped = false;
    std::vector<std::uint32_t> m_rowFamily;
    std::vector<std::size_t> m_rowOffset;
    std::vector<std::int64_t> m_rowLine;

    // Reports.
    IntegrityReport m_integrity;
    std::vector<std::vector<std::int64_t>> m_groupCounts;      ///< per protected column, by code
    std::unordered_map<std::string, std::size_t> m_cellIndex;  ///< codes → m_cells
    std::vector<std::pair<std::string, std::int64_t>> m_cells; ///< label, count
    /// Per strata × protected column: (stratum code << 32 | group code) → count.
    std::vector<std::unordered_map<std::uint64_t, std::int64_t>> m_strataCounts;
};

Status ProbeSetChecker::emit(std::string_view bytes)
{
    if (bytes.empty())
        return Ok{};
    m_sha.update(bytes);
    return m_sink(bytes);
}

Status ProbeSetChecker::emitReencoded(std::string_view chunk, std::size_t start,
                                      std::int64_t line)
{
    m_scratch.clear();
    CsvScanner sc = scannerAt(chunk.substr(start), line);
    std::string_view f;
    std::size_t i = 0;
    do {
        if (!sc.field(f))  // cannot happen: the record was read once already
            return Error{ErrorCode::Parse, m_source, line, {}, sc.error()};
        if (i++)
            m_scratch += ',';
        appendCanonicalCsvField(m_scratch, f);
    } while (!sc.endOfRecord());
    m_scratch += '\n';
    return emit(m_scratch);
}

Status ProbeSetChecker::feedPiece(std::string_view chunk)
{
    if (chunk.empty())
        return Ok{};
    if (m_openEnded)
        return Error{ErrorCode::Invalid, m_source, m_lineBase, {},
                     "a piece of the probe set ended inside a record (pieces hold whole records)"};
    m_chunk = chunk;
    // A byte order mark is stripped only at the very start of the input.
    CsvScanner sc = m_firstPiece ? CsvScanner(chunk) : scannerAt(chunk, 1);
    m_firstPiece = false;
    std::size_t base = 0;       // offset of the scanner's data in the chunk
    std::size_t runStart = 0;   // canonical bytes not yet handed to the sink
    std::size_t prevEnd = 0;
    while (true) {
        const bool wasCanonical = sc.canonical();
        if (!sc.nextRecord())
            break;
        const std::size_t start = base + sc.offset();
        const std::int64_t line = m_lineBase + sc.line() - 1;
        if (auto s = m_haveHeader ? row(sc, base, start, line) : resolveHeader(sc, line); !s)
            return s;
        const std::size_t end = base + sc.offset();
        if (end == chunk.size() && chunk.back() != '\n')
            m_openEnded = true;
        if (!m_sink)
            continue;
        if (wasCanonical && sc.canonical()) {
            prevEnd = end;
            continue;
        }
        // This record (or the blank lines before it) is not canonical: hand over the canonical
        // run before it, then the record re-encoded, and go on with a fresh scanner, whose
        // canonical() speaks of what follows only.
        m_reencoded = true;
        if (auto s = emit(chunk.substr(runStart, prevEnd - runStart)); !s)
            return s;
        if (auto s = emitReencoded(chunk, start, line); !s)
            return s;
        runStart = prevEnd = base = end;
        sc = scannerAt(chunk.substr(base), sc.line());
    }
    if (!sc.canonical())
        m_reencoded = true;   // trailing blank lines, a byte order mark, no final line feed
    if (m_sink)
        if (auto s = emit(chunk.substr(runStart, prevEnd - runStart)); !s)
            return s;
    m_lineBase += sc.line() - 1;
    // The current family may go on in the next piece: keep its records, which this piece's
    // bytes will not outlive.
    if (m_whole.empty() && m_haveFamily && !m_familyCopied && m_family.size()) {
        const std::size_t first = m_family.offset.front();
        m_familyText.assign(chunk.substr(first, m_familyEnd - first));
        for (std::size_t &o : m_family.offset)
            o -= first;
        m_familyCopied = true;
    }
    m_chunk = {};
    return Ok{};
}

Status ProbeSetChecker::resolveHeader(CsvScanner &sc, std::int64_t line)
{
    std::string_view f;
    do {
        if (!sc.field(f))
            return Error{ErrorCode::Parse, m_source, m_lineBase + sc.line() - 1, {},
                         sc.error()};
        if (std::find(m_header.begin(), m_header.end(), f) != m_header.end())
            return schemaError(m_source, 1, std::string(f), "the header names this column twice");
        m_header.emplace_back(f);
    } while (!sc.endOfRecord());
    m_haveHeader = true;
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
                                     std::pair(m_layout.variantColumn, Role::Variant)}) {
        auto r = claim(name, role, 0);
        if (!r)
            return r.error();
        if (role == Role::Family)
            m_familyField = *r;
    }
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
    m_groupCounts.resize(m_p);
    m_strataCounts.resize(m_s * m_p);
    m_record.groups.resize(m_p);
    m_record.groupNames.resize(m_p);
    m_record.strata.resize(m_s);
    m_record.linked.resize(m_l);
    return Ok{};
}

Status ProbeSetChecker::parse(CsvScanner &sc, std::int64_t line, bool rowStage)
{
    static const std::hash<std::string_view> hasher;
    Record &r = m_record;
    const std::size_t width = m_header.size();
    r.fixed = 0x243F6A8885A308D3ull;
    r.family = {};
    std::string_view f;
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
            r.fixed = mix(r.fixed, hasher(f));
            if (role.stratum >= 0)
                r.strata[std::size_t(role.stratum)] =
                    m_strataLevels[std::size_t(role.stratum)].code(f);
            break;
        case Role::Family:
            if (f.empty())
                return schemaError(m_source, line, m_header[i], "empty family id");
            // The scanner's scratch buffer holds an unescaped field only until the next one.
            r.familyOwned.assign(f);
            r.family = r.familyOwned;
            break;
        case Role::Variant:
            r.variant.assign(f);
            break;
        case Role::Protected: {
            if (f.empty())
                return schemaError(m_source, line, m_header[i], "empty group");
            Levels &levels = m_groupLevels[std::size_t(role.index)];
            const std::uint32_t code = levels.code(f);
            if (rowStage && levels.size() > MaxGroups)
                return schemaError(m_source, line, m_header[i],
                                   "more than " + std::to_string(MaxGroups)
                                       + " groups; is this the protected column?");
            r.groups[std::size_t(role.index)] = code;
            r.groupNames[std::size_t(role.index)] = levels.name(code);
            break;
        }
        case Role::Linked:
            r.linked[std::size_t(role.index)] = hasher(f);
            break;
        }
        ++i;
    } while (!sc.endOfRecord());
    if (i != width)
        return Error{ErrorCode::Parse, m_source, line, {},
                     "expected " + std::to_string(width) + " fields as in the header, found "
                         + std::to_string(i)};
    return Ok{};
}

Status ProbeSetChecker::row(CsvScanner &sc, std::size_t base, std::size_t start,
                            std::int64_t line)
{
    if (auto s = parse(sc, line, true); !s)
        return s;
    const Record &r = m_record;
    const std::size_t end = base + sc.offset();
    if (m_rows == 0) {
        m_firstRowOffset = start;
        m_firstRowLine = line;
    }
    // The family: its first-appearance code, and whether it continues the current one.
    std::uint32_t code = 0;
    bool again = false;
    if (m_haveFamily && m_familyNames[m_family.code] == r.family) {
        code = m_family.code;
    } else {
        const auto it = m_familyIndex.find(r.family);
        if (it == m_familyIndex.end()) {
            code = std::uint32_t(m_familyNames.size());
            m_familyIndex.emplace(m_familyNames.emplace_back(r.family), code);
        } else {
            code = it->second;
            again = true;
        }
    }
    // Row stage: the variant's label and the balance counts.
    if (!labelMatches(r.variant, r.groupNames))
        m_integrity.wrongVariantLabels.add(
            {std::string(r.family), line, m_layout.variantColumn,
             "label '" + r.variant + "', but the groups are '" + joinLabel(r.groupNames) + "'"});
    for (std::size_t k = 0; k < m_p; ++k) {
        auto &counts = m_groupCounts[k];
        if (counts.size() <= r.groups[k])
            counts.resize(r.groups[k] + 1, 0);
        ++counts[r.groups[k]];
        for (std::size_t s = 0; s < m_s; ++s)
            ++m_strataCounts[s * m_p + k][(std::uint64_t(r.strata[s]) << 32) | r.groups[k]];
    }
    {
        const std::string key(reinterpret_cast<const char *>(r.groups.data()), m_p * 4);
        const auto [it, fresh] = m_cellIndex.emplace(key, m_cells.size());
        if (fresh)
            m_cells.emplace_back(joinLabel(r.groupNames), 0);
        ++m_cells[it->second].second;
    }
    // Family stage: the rows of one family together.
    if (!m_grouped && again) {
        if (m_whole.empty())
            return schemaError(m_source, line, m_layout.familyColumn,
                               "family '" + std::string(r.family)
                                   + "' appears again after other families began; a probe set "
                                     "written in pieces keeps each family's rows together");
        switchToGrouped(start, code, line);
    } else if (m_grouped) {
        m_rowFamily.push_back(code);
        m_rowOffset.push_back(start);
        m_rowLine.push_back(line);
    } else {
        if (m_haveFamily && code != m_family.code)
            endFamily();
        if (!m_haveFamily) {
            m_haveFamily = true;
            m_family.code = code;
        }
        addToFamily(start, end, line);
    }
    ++m_rows;
    if ((m_rows & (ProgressEvery - 1)) == 0) {
        if (m_progress.isCancelled())
            return Error{ErrorCode::Cancelled, m_source, line, {}, "cancelled"};
        if (!m_whole.empty())
            m_progress.report(std::int64_t(end), std::int64_t(m_whole.size()));
    }
    return Ok{};
}

void ProbeSetChecker::addToFamily(std::size_t start, std::size_t end, std::int64_t line)
{
    const Record &r = m_record;
    FamilyRows &fam = m_family;
    fam.fixedHash.push_back(r.fixed);
    fam.groups.insert(fam.groups.end(), r.groups.begin(), r.groups.end());
    fam.linked.insert(fam.linked.end(), r.linked.begin(), r.linked.end());
    fam.line.push_back(line);
    if (m_familyCopied) {
        fam.offset.push_back(m_familyText.size());
        m_familyText.append(m_chunk.substr(start, end - start));
    } else {
        fam.offset.push_back(start);
        m_familyEnd = end;
    }
}

void ProbeSetChecker::endFamily()
{
    if (!m_haveFamily)
        return;
    const std::string_view text = m_familyCopied ? std::string_view(m_familyText)
                                  : m_whole.empty() ? m_chunk
                                                    : m_whole;
    checkFamily(m_family, text);
    m_family.clear();
    m_familyText.clear();
    m_familyCopied = false;
    m_haveFamily = false;
}

void ProbeSetChecker::switchToGrouped(std::size_t start, std::uint32_t code, std::int64_t line)
{
    // What the family stage found so far looked at incomplete families: it is redone at the end.
    m_grouped = true;
    m_integrity.singleVariantFamilies = {};
    m_integrity.fieldsDifferOutside = {};
    m_integrity.identicalLinked = {};
    m_integrity.duplicateVariants = {};
    m_family.clear();
    m_haveFamily = false;
    // Index the rows read so far (every one parsed without error once already).
    m_rowFamily.reserve(std::size_t(m_rows) * 2 + 16);
    m_rowOffset.reserve(std::size_t(m_rows) * 2 + 16);
    m_rowLine.reserve(std::size_t(m_rows) * 2 + 16);
    CsvScanner sc = scannerAt(m_whole, 1);
    sc.seek(m_firstRowOffset, m_firstRowLine);
    std::string_view f;
    while (sc.nextRecord() && sc.offset() < start) {
        const std::size_t offset = sc.offset();
        const std::int64_t at = sc.line();
        std::uint32_t family = 0;
        int i = 0;
        do {
            sc.field(f);
            if (i++ == m_familyField)
                family = m_familyIndex.find(f)->second;
        } while (!sc.endOfRecord());
        m_rowFamily.push_back(family);
        m_rowOffset.push_back(offset);
        m_rowLine.push_back(at);
    }
    m_rowFamily.push_back(code);
    m_rowOffset.push_back(start);
    m_rowLine.push_back(line);
}

void ProbeSetChecker::groupedFamilyStage()
{
    const std::size_t families = m_familyNames.size();
    // Counting sort by family keeps file order within each family.
    std::vector<std::size_t> first(families + 1, 0);
    for (std::uint32_t f : m_rowFamily)
        ++first[f + 1];
    for (std::size_t f = 0; f < families; ++f)
        first[f + 1] += first[f];
    std::vector<std::size_t> order(m_rowFamily.size());
    {
        std::vector<std::size_t> next(first.begin(), first.end() - 1);
        for (std::size_t row = 0; row < m_rowFamily.size(); ++row)
            order[next[m_rowFamily[row]]++] = row;
    }
    CsvScanner sc = scannerAt(m_whole, 1);
    for (std::uint32_t f = 0; f < families; ++f) {
        m_family.clear();
        m_family.code = f;
        for (std::size_t j = first[f]; j < first[f + 1]; ++j) {
            const std::size_t row = order[j];
            sc.seek(m_rowOffset[row], m_rowLine[row]);
            (void)parse(sc, m_rowLine[row], false);  // read without error in the first pass
            const Record &r = m_record;
            m_family.fixedHash.push_back(r.fixed);
            m_family.groups.insert(m_family.groups.end(), r.groups.begin(), r.groups.end());
            m_family.linked.insert(m_family.linked.end(), r.linked.begin(), r.linked.end());
            m_family.offset.push_back(m_rowOffset[row]);
            m_family.line.push_back(m_rowLine[row]);
        }
        checkFamily(m_family, m_whole);
    }
    m_family.clear();
}

std::string ProbeSetChecker::groupsOf(const FamilyRows &fam, std::size_t row,
                                      const std::vector<int> &which) const
{
    std::string s;
    for (int k : which)
        (s += s.empty() ? "" : "/") += m_groupLevels[std::size_t(k)].name(
            fam.groups[row * m_p + std::size_t(k)]);
    return s;
}

void ProbeSetChecker::checkFamily(const FamilyRows &r, std::string_view text)
{
    IntegrityReport &report = m_integrity;
    const std::size_t k = r.size();
    const std::string family = m_familyNames[r.code];
    const std::size_t first = 0;
    if (k == 1) {
        report.singleVariantFamilies.add(
            {family, r.line[first], m_layout.familyColumn, "the family has a single variant"});
        return;
    }
    // Every twin must equal the family's first variant outside protected and linked columns.
    std::vector<std::string> firstFields;
    for (std::size_t row = 1; row < k; ++row) {
        if (r.fixedHash[row] == r.fixedHash[first])
            continue;
        if (report.fieldsDifferOutside.examples.size() >= IntegrityFinding::MaxExamples) {
            ++report.fieldsDifferOutside.count;
            continue;
        }
        if (firstFields.empty())
            firstFields = fieldsAt(text, r.offset[first], r.line[first]);
        const auto fields = fieldsAt(text, r.offset[row], r.line[row]);
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
    auto sameGroups = [&](std::size_t a, std::size_t b, const std::vector<int> *which) {
        if (!which)
            return std::equal(&r.groups[a * m_p], &r.groups[a * m_p] + m_p, &r.groups[b * m_p]);
        for (int g : *which)
            if (r.groups[a * m_p + std::size_t(g)] != r.groups[b * m_p + std::size_t(g)])
                return false;
        return true;
    };
    auto lessGroups = [&](std::size_t a, std::size_t b, const std::vector<int> *which) {
        for (std::size_t g = 0; g < (which ? which->size() : m_p); ++g) {
            const std::size_t col = which ? std::size_t((*which)[g]) : g;
            const auto x = r.groups[a * m_p + col], y = r.groups[b * m_p + col];
            if (x != y)
                return x < y;
        }
        return false;
    };
    std::vector<std::uint32_t> &order = m_sortScratch;
    auto reset = [&] {
        order.resize(k);
        for (std::size_t j = 0; j < k; ++j)
            order[j] = std::uint32_t(j);
    };
    // Duplicates: sort the family's rows by their groups; equal neighbours repeat a variant.
    reset();
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return lessGroups(a, b, nullptr) || (!lessGroups(b, a, nullptr) && a < b);
    });
    for (std::size_t j = 1; j < k; ++j)
        if (sameGroups(order[j - 1], order[j], nullptr))
            report.duplicateVariants.add(
                {family, r.line[order[j]], m_layout.variantColumn,
                 "groups '" + groupsOf(r, order[j], m_all) + "' already on line "
                     + std::to_string(r.line[order[j - 1]])});
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
        reset();
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            if (value(a) != value(b))
                return value(a) < value(b);
            if (lessGroups(a, b, &follows) || lessGroups(b, a, &follows))
                return lessGroups(a, b, &follows);
            return a < b;
        });
        for (std::size_t begin = 0; begin < k;) {
            std::size_t end = begin + 1;
            while (end < k && value(order[end]) == value(order[begin]))
                ++end;
            // Pairs in the run minus pairs that share the followed groups.
            const auto m = std::int64_t(end - begin);
            std::int64_t pairs = m * (m - 1) / 2;
            std::size_t other = end;
            for (std::size_t t = begin; t < end;) {
                std::size_t u = t + 1;
                while (u < end && sameGroups(order[t], order[u], &follows))
                    ++u;
                const auto mt = std::int64_t(u - t);
                pairs -= mt * (mt - 1) / 2;
                if (t > begin && other == end)
                    other = t;
                t = u;
            }
            if (pairs > 0)
                found.push_back({std::max(order[begin], order[other]),
                                 std::min(order[begin], order[other]), c, pairs});
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
                             + " although the groups differ ('" + groupsOf(r, x.earlier, follows)
                             + "' vs '" + groupsOf(r, x.later, follows) + "')";
        if (report.identicalLinked.examples.size() < IntegrityFinding::MaxExamples) {
            const auto fields = fieldsAt(text, r.offset[x.later], r.line[x.later]);
            if (col < fields.size())
                detail = "'" + fields[col] + "', " + detail;
        }
        report.identicalLinked.add({family, r.line[x.later], m_header[col], detail}, x.pairs);
    }
}

void ProbeSetChecker::balance(BalanceReport &report)
{
    auto equal = [](const GroupBalance &g) {
        return std::all_of(g.counts.begin(), g.counts.end(),
                           [&](const GroupCount &c) { return c.count == g.counts[0].count; });
    };
    for (std::size_t k = 0; k < m_p; ++k) {
        GroupBalance g;
        g.column = m_layout.protectedColumns[k];
        for (std::uint32_t c = 0; c < m_groupLevels[k].size(); ++c)
            g.counts.push_back({{}, m_groupLevels[k].name(c),
                                c < m_groupCounts[k].size() ? m_groupCounts[k][c] : 0});
        g.balanced = equal(g);
        report.groups.push_back(std::move(g));
    }
    // Intersections: every protected code together, in first-appearance order.
    {
        GroupBalance &g = report.intersection;
        for (const auto &p : m_layout.protectedColumns)
            (g.column += g.column.empty() ? "" : "×") += p;
        for (const auto &[label, count] : m_cells)
            g.counts.push_back({{}, label, count});
        g.balanced = equal(g);
    }
    for (std::size_t s = 0; s < m_s; ++s) {
        for (std::size_t k = 0; k < m_p; ++k) {
            const auto &counts = m_strataCounts[s * m_p + k];
            auto count = [&](std::uint32_t st, std::uint32_t c) -> std::int64_t {
                const auto it = counts.find((std::uint64_t(st) << 32) | c);
                return it == counts.end() ? 0 : it->second;
            };
            GroupBalance g;
            g.column = m_layout.protectedColumns[k];
            g.stratumColumn = m_layout.strataColumns[s];
            for (std::uint32_t st = 0; st < m_strataLevels[s].size(); ++st) {
                for (std::uint32_t c = 0; c < m_groupLevels[k].size(); ++c) {
                    const std::int64_t n = count(st, c);
                    g.counts.push_back({m_strataLevels[s].name(st), m_groupLevels[k].name(c), n});
                    if (n != count(st, 0))
                        g.balanced = false;
                }
            }
            report.strata.push_back(std::move(g));
        }
    }
    report.families = std::int64_t(m_familyNames.size());
    report.variants = m_rows;
    report.balanced = report.intersection.balanced
                      && std::all_of(report.groups.begin(), report.groups.end(),
                                     [](const GroupBalance &g) { return g.balanced; })
                      && std::all_of(report.strata.begin(), report.strata.end(),
                                     [](const GroupBalance &g) { return g.balanced; });
}

Status ProbeSetChecker::finish(ProbeSetCheck &out)
{
    if (m_failed)
        return *m_failed;
    if (!m_haveHeader)
        return Error{ErrorCode::Parse, m_source, 1, {}, "the file is empty (no header line)"};
    for (std::size_t s = 0; s < m_s; ++s)
        if (m_strataLevels[s].size() > MaxGroups)
            return schemaError(m_source, 0, m_header[std::size_t(m_strataColumn[s])],
                               "more than " + std::to_string(MaxGroups)
                                   + " strata; is this the strata column?");
    if (m_rows == 0)
        return Error{ErrorCode::Schema, m_source, 2, {}, "the probe set has no rows"};
    if (m_grouped)
        groupedFamilyStage();
    else
        endFamily();
    out.columns = m_header;
    out.reencoded = m_reencoded;
    balance(out.balance);
    out.integrity = std::move(m_integrity);
    out.integrity.families = out.balance.families;
    out.integrity.variants = out.balance.variants;
    return Ok{};
}

ProbeSetStreamCheck::ProbeSetStreamCheck(const ProbeSetLayout &layout, std::string source,
                                         Sink sink, Progress progress)
    : m_checker(std::make_unique<ProbeSetChecker>(layout, std::move(source), std::string_view(),
                                                  sink ? std::move(sink)
                                                       : Sink([](std::string_view) -> Status {
                                                             return Ok{};
                                                         }),
                                                  std::move(progress)))
{
}

ProbeSetStreamCheck::~ProbeSetStreamCheck() = default;

Status ProbeSetStreamCheck::feed(std::string_view records)
{
    return m_checker->feed(records);
}

Result<ProbeSetCheck> ProbeSetStreamCheck::finish()
{
    ProbeSetCheck out;
    if (auto s = m_checker->finish(out); !s)
        return s.error();
    out.sha256 = m_checker->sha256();
    return out;
}

Result<ProbeSetCheck> checkProbeSet(std::string_view csv, const ProbeSetLayout &layout,
                                    const std::string &source, const Progress &progress)
{
    // Hashing runs beside the check; when the input turns out not to be canonical the hash is
    // redone over the re-encoded bytes.
    std::string sha;
    std::jthread hashing([&] { sha = Sha256::hex(csv); });
    ProbeSetCheck out;
    ProbeSetChecker checker(layout, source, csv, {}, progress);
    Status s = checker.feed(csv);
    if (s)
        s = checker.finish(out);
    hashing.join();
    if (!s)
        return s.error();
    if (!out.reencoded) {
        out.sha256 = std::move(sha);
        return out;
    }
    auto canonical = canonicalCsv(csv, source);
    if (!canonical)
        return canonical.error();
    out.canonical = std::move(*canonical);
    out.sha256 = Sha256::hex(out.canonical);
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
