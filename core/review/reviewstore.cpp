// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewstore.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/store/auditsource.h>
#include <core/store/sqlitestatement.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace cp {

using store::nowUtc;
using store::Statement;
using store::Transaction;

std::string equivalenceKey(Equivalence e)
{
    switch (e) {
    case Equivalence::Equivalent: return "equivalent";
    case Equivalence::NotEquivalent: return "not_equivalent";
    case Equivalence::Unsure: return "unsure";
    }
    return "unsure";
}

std::optional<Equivalence> equivalenceFromKey(std::string_view key)
{
    if (key == "equivalent")
        return Equivalence::Equivalent;
    if (key == "not_equivalent" || key == "not equivalent")
        return Equivalence::NotEquivalent;
    if (key == "unsure")
        return Equivalence::Unsure;
    return std::nullopt;
}

std::string expectedKey(ExpectedOutcome e)
{
    return e == ExpectedOutcome::Favourable ? "favourable" : "unfavourable";
}

std::optional<ExpectedOutcome> expectedFromKey(std::string_view key)
{
    if (key == "favourable")
        return ExpectedOutcome::Favourable;
    if (key == "unfavourable")
        return ExpectedOutcome::Unfavourable;
    return std::nullopt;
}

namespace {

constexpr const char *LabelColumns =
    "SELECT table_id, family, reviewer, role, equivalence, expected, note, updated, source "
    "FROM review_labels ";

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

nlohmann::json labelJson(const ReviewLabel &l)
{
    nlohmann::json j = nlohmann::json::object();
    j["equivalence"] = l.equivalence ? nlohmann::json(equivalenceKey(*l.equivalence)) : nullptr;
    j["expected"] = l.expected ? nlohmann::json(expectedKey(*l.expected)) : nullptr;
    j["note"] = l.note;
    j["updated"] = l.updated;
    j["source"] = l.source;
    return j;
}

std::optional<ReviewLabel> labelFromJson(const std::string &text, const ReviewChange &c)
{
    if (text.empty())
        return std::nullopt;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    ReviewLabel l;
    l.family = c.family;
    l.reviewer = c.reviewer;
    l.adjudication = c.adjudication;
    if (j.value("equivalence", nlohmann::json()).is_string())
        l.equivalence = equivalenceFromKey(j["equivalence"].get<std::string>());
    if (j.value("expected", nlohmann::json()).is_string())
        l.expected = expectedFromKey(j["expected"].get<std::string>());
    l.note = j.value("note", "");
    l.updated = j.value("updated", "");
    l.source = j.value("source", "");
    return l;
}

const char *roleOf(bool adjudication) { return adjudication ? "adjudicator" : "reviewer"; }

Result<std::optional<ReviewLabel>> readLabel(ProjectStore &store, std::int64_t tableId,
                                             const std::string &family,
                                             const std::string &reviewer, bool adjudication)
{
    Statement s(store.connection(), (std::string(LabelColumns)
                                     + "WHERE table_id = ?1 AND family = ?2 AND reviewer = ?3 "
                                       "AND role = ?4").c_str());
    if (!s.ok())
        return store.storageError("cannot read a review label");
    s.bind(1, tableId);
    s.bind(2, family);
    s.bind(3, reviewer);
    s.bind(4, std::string(roleOf(adjudication)));
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional<ReviewLabel>(labelFrom(s));
    if (rc != SQLITE_DONE)
        return store.storageError("cannot read a review label");
    return std::optional<ReviewLabel>();
}

Status appendHistory(ProjectStore &store, std::int64_t tableId, const std::string &family,
                     const std::string &reviewer, bool adjudication,
                     const std::optional<ReviewLabel> &before,
                     const std::optional<ReviewLabel> &after, const std::string &source)
{
    Statement h(store.connection(),
                "INSERT INTO review_history(table_id, family, reviewer, role, at, old_json, "
                "new_json, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    h.bind(1, tableId);
    h.bind(2, family);
    h.bind(3, reviewer);
    h.bind(4, std::string(roleOf(adjudication)));
    h.bind(5, nowUtc());
    if (before)
        h.bind(6, labelJson(*before).dump());
    else
        h.bindNull(6);
    if (after)
        h.bind(7, labelJson(*after).dump());
    else
        h.bindNull(7);
    h.bind(8, source);
    if (h.step() != SQLITE_DONE)
        return store.storageError("cannot append to the review history");
    return Ok{};
}

Status checkLabel(const ProjectStore &store, const ReviewLabel &l)
{
    const auto bad = [&](const std::string &field, const std::string &why) -> Status {
        return Error{ErrorCode::Invalid, store.path(), 0, field,
                     "review of family '" + l.family + "': " + why};
    };
    if (l.tableId <= 0)
        return bad("table", "names no reviewed table");
    if (l.family.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "family", "a review names no family"};
    if (l.reviewer.empty())
        return bad("reviewer", "names no reviewer (set your name first)");
    if (!l.equivalence && !l.expected && l.note.empty())
        return bad("equivalence", "gives no answer and no note");
    return Ok{};
}

/// Writes one label inside the caller's transaction; false when nothing changed.
Result<bool> writeLabel(ProjectStore &store, ReviewLabel &l)
{
    if (auto s = checkLabel(store, l); !s)
        return s.error();
    auto before = readLabel(store, l.tableId, l.family, l.reviewer, l.adjudication);
    if (!before)
        return before.error();
    if (*before && (*before)->sameAnswers(l))
        return false;
    if (l.updated.empty())
        l.updated = nowUtc();
    Statement s(store.connection(),
                "INSERT OR REPLACE INTO review_labels(table_id, family, reviewer, role, "
                "equivalence, expected, note, updated, source) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, l.tableId);
    s.bind(2, l.family);
    s.bind(3, l.reviewer);
    s.bind(4, std::string(roleOf(l.adjudication)));
    if (l.equivalence)
        s.bind(5, equivalenceKey(*l.equivalence));
    else
        s.bindNull(5);
    if (l.expected)
        s.bind(6, expectedKey(*l.expected));
    else
        s.bindNull(6);
    s.bind(7, l.note);
    s.bind(8, l.updated);
    s.bind(9, l.source);
    if (s.step() != SQLITE_DONE)
        return store.storageError("cannot save the review of family '" + l.family + "'");
    if (auto h = appendHistory(store, l.tableId, l.family, l.reviewer, l.adjudication, *before, l,
                               l.source);
        !h)
        return h.error();
    return true;
}

ReviewSubject subjectFrom(const Statement &s)
{
    ReviewSubject r;
    r.tableId = s.integer(0);
    r.sha256 = s.text(1);
    const std::string tableName = s.text(2);
    if (s.isNull(3)) {
        r.name = "table '" + tableName + "'";
    } else {
        r.probeSetId = s.integer(3);
        r.name = "probe set '" + s.text(4) + "' v" + std::to_string(*r.probeSetId);
    }
    return r;
}

constexpr const char *SubjectColumns =
    "SELECT t.id, t.sha256, t.name, p.id, p.name FROM tables t "
    "LEFT JOIN probe_sets p ON p.table_id = t.id ";

} // namespace

Result<ReviewSubject> reviewSubjectBySha(ProjectStore &store, const std::string &sha256)
{
    Statement s(store.connection(), (std::string(SubjectColumns) + "WHERE t.sha256 = ?1").c_str());
    s.bind(1, sha256);
    if (!s.ok())
        return store.storageError("cannot look up the reviewed rows");
    if (s.step() == SQLITE_ROW)
        return subjectFrom(s);
    return Error{ErrorCode::Invalid, store.path(), 0, "sha256",
                 "the project holds no probe set or table with SHA-256 " + sha256
                     + " (the packet was made for another version of the rows)"};
}

Result<ReviewSubject> reviewSubject(ProjectStore &store, const AuditSource &source)
{
    std::int64_t tableId = 0;
    if (source.kind == AuditSource::Kind::Run) {
        auto run = findScoreRun(store, source.id);
        if (!run)
            return run.error();
        auto set = findProbeSet(store, std::to_string(run->probeSetId));
        if (!set)
            return set.error();
        tableId = set->tableId;
    } else {
        auto table = store.findTable(source.id > 0 ? std::to_string(source.id) : source.label);
        if (!table)
            return table.error();
        tableId = table->id;
    }
    Statement s(store.connection(), (std::string(SubjectColumns) + "WHERE t.id = ?1").c_str());
    s.bind(1, tableId);
    if (!s.ok() || s.step() != SQLITE_ROW)
        return store.storageError("cannot look up the reviewed rows");
    return subjectFrom(s);
}

Result<bool> saveReviewLabel(ProjectStore &store, ReviewLabel label)
{
    Transaction tx(store.connection());
    if (!tx.begun())
        return store.storageError("cannot start saving a review");
    auto changed = writeLabel(store, label);
    if (!changed)
        return changed.error();
    if (*changed && !tx.commit())
        return store.storageError("cannot commit the review of family '" + label.family + "'");
    return *changed;
}

Result<std::int64_t> saveReviewLabels(ProjectStore &store, std::vector<ReviewLabel> labels)
{
    Transaction tx(store.connection());
    if (!tx.begun())
        return store.storageError("cannot start saving reviews");
    std::int64_t changed = 0;
    for (ReviewLabel &l : labels) {
        auto c = writeLabel(store, l);
        if (!c)
            return c.error();
        changed += *c ? 1 : 0;
    }
    if (!tx.commit())
        return store.storageError("cannot commit the reviews");
    return changed;
}

Result<bool> removeReviewLabel(ProjectStore &store, std::int64_t tableId, const std::string &family,
                               const std::string &reviewer, bool adjudication,
                               const std::string &source)
{
    Transaction tx(store.connection());
    if (!tx.begun())
        return store.storageError("cannot start removing a review");
    auto before = readLabel(store, tableId, family, reviewer, adjudication);
    if (!before)
        return before.error();
    if (!*before)
        return false;
    Statement s(store.connection(), "DELETE FROM review_labels WHERE table_id = ?1 AND family = ?2 "
                                    "AND reviewer = ?3 AND role = ?4");
    s.bind(1, tableId);
    s.bind(2, family);
    s.bind(3, reviewer);
    s.bind(4, std::string(roleOf(adjudication)));
    if (s.step() != SQLITE_DONE)
        return store.storageError("cannot remove the review of family '" + family + "'");
    if (auto h = appendHistory(store, tableId, family, reviewer, adjudication, *before,
                               std::nullopt, source);
        !h)
        return h.error();
    if (!tx.commit())
        return store.storageError("cannot commit removing the review of family '" + family + "'");
    return true;
}

Result<std::vector<ReviewLabel>> reviewLabels(ProjectStore &store, std::int64_t tableId)
{
    Statement s(store.connection(), (std::string(LabelColumns)
                                     + "WHERE table_id = ?1 ORDER BY family, role, reviewer").c_str());
    if (!s.ok())
        return store.storageError("cannot read the reviews");
    s.bind(1, tableId);
    std::vector<ReviewLabel> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(labelFrom(s));
    if (rc != SQLITE_DONE)
        return store.storageError("cannot read the reviews");
    return out;
}

Result<std::optional<ReviewLabel>> reviewLabel(ProjectStore &store, std::int64_t tableId,
                                               const std::string &family,
                                               const std::string &reviewer, bool adjudication)
{
    return readLabel(store, tableId, family, reviewer, adjudication);
}

Result<std::vector<ReviewChange>> reviewHistory(ProjectStore &store, std::int64_t tableId,
                                                const std::string &family)
{
    const std::string sql = "SELECT id, family, reviewer, role, at, old_json, new_json, source "
                            "FROM review_history WHERE table_id = ?1"
                            + std::string(family.empty() ? "" : " AND family = ?2")
                            + " ORDER BY id";
    Statement s(store.connection(), sql.c_str());
    if (!s.ok())
        return store.storageError("cannot read the review history");
    s.bind(1, tableId);
    if (!family.empty())
        s.bind(2, family);
    std::vector<ReviewChange> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        ReviewChange c;
        c.id = s.integer(0);
        c.family = s.text(1);
        c.reviewer = s.text(2);
        c.adjudication = s.text(3) == "adjudicator";
        c.at = s.text(4);
        c.before = labelFromJson(s.isNull(5) ? std::string() : s.text(5), c);
        c.after = labelFromJson(s.isNull(6) ? std::string() : s.text(6), c);
        c.source = s.text(7);
        for (auto *l : {&c.before, &c.after})
            if (*l)
                (*l)->tableId = tableId;
        out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE)
        return store.storageError("cannot read the review history");
    return out;
}

Status recordPacket(ProjectStore &store, const PacketRecord &p)
{
    Statement s(store.connection(),
                "INSERT INTO review_packets(packet_id, direction, table_id, reviewer, file, sha256, "
                "at, items, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, p.packetId);
    s.bind(2, p.direction);
    s.bind(3, p.tableId);
    s.bind(4, p.reviewer);
    s.bind(5, p.file);
    s.bind(6, p.sha256);
    s.bind(7, p.at.empty() ? nowUtc() : p.at);
    s.bind(8, p.items);
    s.bind(9, p.changed);
    if (s.step() != SQLITE_DONE)
        return store.storageError("cannot record the review packet");
    return Ok{};
}

Result<std::vector<PacketRecord>> packets(ProjectStore &store, std::int64_t tableId)
{
    Statement s(store.connection(), "SELECT packet_id, direction, table_id, reviewer, file, sha256, "
                                    "at, items, changed FROM review_packets WHERE table_id = ?1 "
                                    "ORDER BY id");
    if (!s.ok())
        return store.storageError("cannot read the review packets");
    s.bind(1, tableId);
    std::vector<PacketRecord> out;
    while (s.step() == SQLITE_ROW) {
        PacketRecord p;
        p.packetId = s.text(0);
        p.direction = s.text(1);
        p.tableId = s.integer(2);
        p.reviewer = s.text(3);
        p.file = s.text(4);
        p.sha256 = s.text(5);
        p.at = s.text(6);
        p.items = s.integer(7);
        p.changed = s.integer(8);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace cp
