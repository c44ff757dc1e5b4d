// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to core/probeset: the checker behind checkProbeSet() and ProbeSetStreamCheck
// (probesetcheck.h). probesetchecker.cpp reads the rows (the row stage); probesetfamilies.cpp
// checks each family and sums up the balance (the family stage and the reports).

#include "probesetcheck.h"

#include <core/common/sha256.h>
#include <core/table/csvscanner.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cp {

namespace probesetcheck {

inline constexpr std::size_t MaxGroups = 1000;
inline constexpr std::int64_t ProgressEvery = 1 << 16;

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

inline std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xBF58476D1CE4E5B9ull;
}

inline Error schemaError(const std::string &source, std::int64_t line, std::string field,
                  std::string message)
{
    return Error{ErrorCode::Schema, source, line, std::move(field), std::move(message)};
}

inline bool labelMatches(std::string_view label, const std::vector<std::string_view> &groups)
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

inline std::string joinLabel(const std::vector<std::string_view> &groups)
{
    std::string s;
    for (std::size_t k = 0; k < groups.size(); ++k)
        (s += k ? "/" : "") += groups[k];
    return s;
}

/// A scanner over data that does not start the file: a byte order mark there is data.
inline CsvScanner scannerAt(std::string_view data, std::int64_t line)
{
    CsvScanner sc(data);
    sc.seek(0, line);
    return sc;
}

/// The decoded fields of the record at a saved position.
inline std::vector<std::string> fieldsAt(std::string_view text, std::size_t offset,
                                         std::int64_t line)
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


/// The check behind checkProbeSet() and ProbeSetStreamCheck. One pass in file order does the
/// row stage (header, parse errors, groups, variant labels, balance, canonical bytes) and, while
/// a family's rows are together, the family stage (integrity) each time a family ends. When the
/// whole input is in memory and a family turns up again after another began, the family stage
/// is redone at the end over the rows grouped by family.
class Checker
{
public:
    Checker(const ProbeSetLayout &layout, std::string source, std::string_view whole,
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
    Status resolveHeader(CsvScanner &sc);
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

} // namespace probesetcheck

} // namespace cp
