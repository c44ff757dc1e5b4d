// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Review labels, their history, the reviewed rows and packets in the SQLite backend.

#include "sqlitebackend.h"

#include "sqlitequery.h"
#include "sqlitestatement.h"

namespace cp {

using sqlite::Statement;
using sqlite::queryAll;
using sqlite::queryOne;

namespace {

constexpr const char *LabelColumns =
    "SELECT table_id, family, reviewer, role, equivalence, expected, note, updated, source "
    "FROM review_labels ";

const char *roleOf(bool adjudication) { return adjudication ? "adjudicator" : "reviewer"; }

ReviewLabel labelFrom(const Statement &s)
{
    ReviewLabel l;
    l.tableId = s.integer(0);
    l.family = s.text(1);
    l.reviewer = s.text(2);
    l.adjudication = s.text(3) == "adjudicator";
    if (!s.isNull(4))
        l.equivalence = equivalenceFromKey(s.text(4));
    if (!s.isNull(5))
        l.expected = expectedFromKey(s.text(5));
    l.note = s.text(6);
    l.updated = s.text(7);
    l.source = s.text(8);
    return l;
}

constexpr const char *SubjectColumns =
    "SELECT t.id, t.sha256, t.name, p.id, p.name FROM tables t "
    "LEFT JOIN probe_sets p ON p.table_id = t.id ";

StoredReviewSubject subjectFrom(const Statement &s)
{
    return StoredReviewSubject{s.integer(0), s.text(1), s.text(2), s.optionalInteger(3),
                               s.isNull(4) ? std::string() : s.text(4)};
}

} // namespace

Result<std::optional<ReviewLabel>> SqliteBackend::reviewLabel(std::int64_t tableId,
                                                              const std::string &family,
                                                              const std::string &reviewer,
                                                              bool adjudication)
{
    Statement s(m_db, std::string(LabelColumns)
                          + "WHERE table_id = ?1 AND family = ?2 AND reviewer = ?3 AND role = ?4");
    s.bind(1, tableId).bind(2, family).bind(3, reviewer).bind(4, roleOf(adjudication));
    return queryOne(*this, s, "cannot read a review label", labelFrom);
}

Result<std::vector<ReviewLabel>> SqliteBackend::reviewLabels(std::int64_t tableId)
{
    Statement s(m_db, std::string(LabelColumns)
                          + "WHERE table_id = ?1 ORDER BY family, role, reviewer");
    s.bind(1, tableId);
    return queryAll(*this, s, "cannot read the reviews", labelFrom);
}

Result<std::string> SqliteBackend::reviewStamp(std::int64_t tableId)
{
    Statement s(m_db, "SELECT (SELECT count(*) FROM review_labels WHERE table_id = ?1), "
                      "(SELECT coalesce(max(updated), '') FROM review_labels WHERE table_id = ?1), "
                      "(SELECT count(*) FROM review_history WHERE table_id = ?1), "
                      "(SELECT coalesce(max(id), 0) FROM review_history WHERE table_id = ?1)");
    s.bind(1, tableId);
    auto stamp = queryOne(*this, s, "cannot read the reviews", [](const Statement &r) {
        return std::to_string(r.integer(0)) + "/" + r.text(1) + "/" + std::to_string(r.integer(2))
               + "/" + std::to_string(r.integer(3));
    });
    if (!stamp)
        return stamp.error();
    return stamp->value_or(std::string());
}

Status SqliteBackend::putReviewLabel(const ReviewLabel &l)
{
    Statement s(m_db, "INSERT OR REPLACE INTO review_labels(table_id, family, reviewer, role, "
                      "equivalence, expected, note, updated, source) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, l.tableId).bind(2, l.family).bind(3, l.reviewer).bind(4, roleOf(l.adjudication));
    s.bind(5, l.equivalence ? std::optional(equivalenceKey(*l.equivalence)) : std::nullopt);
    s.bind(6, l.expected ? std::optional(expectedKey(*l.expected)) : std::nullopt);
    s.bind(7, l.note).bind(8, l.updated).bind(9, l.source);
    return sqlite::run(*this, s, "cannot save the review of family '" + l.family + "'");
}

Status SqliteBackend::deleteReviewLabel(std::int64_t tableId, const std::string &family,
                                        const std::string &reviewer, bool adjudication)
{
    Statement s(m_db, "DELETE FROM review_labels WHERE table_id = ?1 AND family = ?2 "
                      "AND reviewer = ?3 AND role = ?4");
    s.bind(1, tableId).bind(2, family).bind(3, reviewer).bind(4, roleOf(adjudication));
    return sqlite::run(*this, s, "cannot remove the review of family '" + family + "'");
}

Status SqliteBackend::appendReviewChange(const StoredReviewChange &c)
{
    Statement s(m_db, "INSERT INTO review_history(table_id, family, reviewer, role, at, old_json, "
                      "new_json, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    s.bind(1, c.tableId).bind(2, c.family).bind(3, c.reviewer).bind(4, roleOf(c.adjudication));
    s.bind(5, c.at).bind(6, c.before).bind(7, c.after).bind(8, c.source);
    return sqlite::run(*this, s, "cannot append to the review history");
}

Result<std::vector<StoredReviewChange>> SqliteBackend::reviewHistory(std::int64_t tableId,
                                                                     const std::string &family)
{
    Statement s(m_db, "SELECT id, table_id, family, reviewer, role, at, old_json, new_json, "
                      "source FROM review_history WHERE table_id = ?1"
                          + std::string(family.empty() ? "" : " AND family = ?2")
                          + " ORDER BY id");
    s.bind(1, tableId);
    if (!family.empty())
        s.bind(2, family);
    return queryAll(*this, s, "cannot read the review history", [](const Statement &r) {
        return StoredReviewChange{r.integer(0),      r.integer(1),      r.text(2),
                                  r.text(3),         r.text(4) == "adjudicator",
                                  r.text(5),         r.optionalText(6), r.optionalText(7),
                                  r.text(8)};
    });
}

Result<std::optional<StoredReviewSubject>> SqliteBackend::reviewSubjectByTable(
    std::int64_t tableId)
{
    Statement s(m_db, std::string(SubjectColumns) + "WHERE t.id = ?1");
    s.bind(1, tableId);
    return queryOne(*this, s, "cannot look up the reviewed rows", subjectFrom);
}

Result<std::optional<StoredReviewSubject>> SqliteBackend::reviewSubjectBySha(
    const std::string &sha256)
{
    Statement s(m_db, std::string(SubjectColumns) + "WHERE t.sha256 = ?1");
    s.bind(1, sha256);
    return queryOne(*this, s, "cannot look up the reviewed rows", subjectFrom);
}

Status SqliteBackend::insertPacket(const PacketRecord &p)
{
    Statement s(m_db,
                "INSERT INTO review_packets(packet_id, direction, table_id, reviewer, file, "
                "sha256, at, items, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, p.packetId).bind(2, p.direction).bind(3, p.tableId).bind(4, p.reviewer);
    s.bind(5, p.file).bind(6, p.sha256).bind(7, p.at).bind(8, p.items).bind(9, p.changed);
    return sqlite::run(*this, s, "cannot record the review packet");
}

Result<std::vector<PacketRecord>> SqliteBackend::packets(std::int64_t tableId)
{
    Statement s(m_db, "SELECT packet_id, direction, table_id, reviewer, file, sha256, at, items, "
                      "changed FROM review_packets WHERE table_id = ?1 ORDER BY id");
    s.bind(1, tableId);
    return queryAll(*this, s, "cannot read the review packets", [](const Statement &r) {
        PacketRecord p;
        p.packetId = r.text(0);
        p.direction = r.text(1);
        p.tableId = r.integer(2);
        p.reviewer = r.text(3);
        p.file = r.text(4);
        p.sha256 = r.text(5);
        p.at = r.text(6);
        p.items = r.integer(7);
        p.changed = r.integer(8);
        return p;
    });
}

} // namespace cp
