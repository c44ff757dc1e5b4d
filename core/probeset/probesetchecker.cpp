// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The row stage of the probe set check: pieces, records, the header, families kept together.

#include "probesetchecker.h"

#include "canonicalcsv.h"

#include <algorithm>

namespace cp::probesetcheck {

Status Checker::emit(std::string_view bytes)
{
    if (bytes.empty())
        return Ok{};
    m_sha.update(bytes);
    return m_sink(bytes);
}

Status Checker::emitReencoded(std::string_view chunk, std::size_t start,
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

Status Checker::feedPiece(std::string_view chunk)
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
        if (auto s = m_haveHeader ? row(sc, base, start, line) : resolveHeader(sc); !s)
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

Status Checker::resolveHeader(CsvScanner &sc)
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

Status Checker::parse(CsvScanner &sc, std::int64_t line, bool rowStage)
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

Status Checker::row(CsvScanner &sc, std::size_t base, std::size_t start,
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

void Checker::addToFamily(std::size_t start, std::size_t end, std::int64_t line)
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

void Checker::endFamily()
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

void Checker::switchToGrouped(std::size_t start, std::uint32_t code, std::int64_t line)
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

void Checker::groupedFamilyStage()
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


Status Checker::finish(ProbeSetCheck &out)
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


} // namespace cp::probesetcheck
