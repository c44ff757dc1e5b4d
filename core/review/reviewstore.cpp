// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewstore.h"

#include <core/common/jsontext.h>
#include <core/common/utf8.h>
#include <core/store/auditsource.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/store/storeclock.h>
#include <core/store/storetransaction.h>

#include <nlohmann/json.hpp>

namespace cp {

namespace {

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

/// A label as the history stored it; damaged stored JSON is an error naming the change, never
/// an exception (a "note" that is not text threw out of nlohmann and aborted).
Result<std::optional<ReviewLabel>> labelFromJson(const std::optional<std::string> &text,
                                                 const ReviewChange &c, const std::string &where)
{
    if (!text || text->empty())
        return std::optional<ReviewLabel>();
    auto j = jsontext::parse(*text, where, "damaged label: ");
    if (!j)
        return Error{ErrorCode::Storage, where, 0, {}, j.error().message};
    if (!j->is_object())
        return Error{ErrorCode::Storage, where, 0, "/", "damaged label: not a JSON object"};
    ReviewLabel l;
    l.family = c.family;
    l.reviewer = c.reviewer;
    l.adjudication = c.adjudication;
    struct Field {
        const char *key;
        std::string *target;
    };
    std::optional<std::string> equivalence, expected;
    for (const auto &[key, target] :
         {std::pair<const char *, std::optional<std::string> *>{"equivalence", &equivalence},
          {"expected", &expected}}) {
        auto v = jsontext::optionalString(*j, key, where, "");
        if (!v)
            return Error{ErrorCode::Storage, where, 0, v.error().field, v.error().message};
        *target = std::move(*v);
    }
    for (const Field f : {Field{"note", &l.note}, Field{"updated", &l.updated},
                          Field{"source", &l.source}}) {
        auto v = jsontext::optionalString(*j, f.key, where, "");
        if (!v)
            return Error{ErrorCode::Storage, where, 0, v.error().field, v.error().message};
        *f.target = v->value_or(std::string());
    }
    if (equivalence)
        l.equivalence = equivalenceFromKey(*equivalence);
    if (expected)
        l.expected = expectedFromKey(*expected);
    return std::optional<ReviewLabel>(std::move(l));
}

/// Every change of a label goes to the history, with the label before and after.
Status appendHistory(ProjectStore &store, std::int64_t tableId, const std::string &family,
                     const std::string &reviewer, bool adjudication,
                     const std::optional<ReviewLabel> &before,
                     const std::optional<ReviewLabel> &after, const std::string &source)
{
    StoredReviewChange c;
    c.tableId = tableId;
    c.family = family;
    c.reviewer = reviewer;
    c.adjudication = adjudication;
    c.at = nowUtc();
    if (before)
        c.before = jsontext::dump(labelJson(*before));
    if (after)
        c.after = jsontext::dump(labelJson(*after));
    c.source = source;
    return store.backend().appendReviewChange(c);
}

Status checkLabel(const ProjectStore &store, const ReviewLabel &l)
{
    const auto bad = [&](const std::string &field, const std::string &why) -> Status {
        return Error{ErrorCode::Invalid, store.path(), 0, field,
                     "review of family " + utf8::quoted(l.family) + ": " + why};
    };
    if (l.tableId <= 0)
        return bad("table", "names no reviewed table");
    if (l.family.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "family", "a review names no family"};
    if (l.reviewer.empty())
        return bad("reviewer", "names no reviewer (set your name first)");
    if (!l.equivalence && !l.expected && l.note.empty())
        return bad("equivalence", "gives no answer and no note");
    // Text from a terminal may be in the locale's encoding: stored, it would abort the export.
    for (const auto &[field, text] : {std::pair<const char *, const std::string *>{"family", &l.family},
                                      {"reviewer", &l.reviewer},
                                      {"note", &l.note}})
        if (const std::size_t at = utf8::firstInvalid(*text); at != std::string::npos)
            return Error{ErrorCode::Invalid, store.path(), 0, field,
                         utf8::invalidMessage(static_cast<unsigned char>((*text)[at]),
                                              utf8::positionOf(*text, at).column)
                             .replace(0, 0, "the text is not UTF-8: ")};
    return Ok{};
}

/// Writes one label inside the caller's transaction; false when nothing changed.
Result<bool> writeLabel(ProjectStore &store, ReviewLabel &l)
{
    if (auto s = checkLabel(store, l); !s)
        return s.error();
    auto before = store.backend().reviewLabel(l.tableId, l.family, l.reviewer, l.adjudication);
    if (!before)
        return before.error();
    if (*before && (*before)->sameAnswers(l))
        return false;
    if (l.updated.empty())
        l.updated = nowUtc();
    if (auto s = store.backend().putReviewLabel(l); !s)
        return s.error();
    if (auto h = appendHistory(store, l.tableId, l.family, l.reviewer, l.adjudication, *before, l,
                               l.source);
        !h)
        return h.error();
    return true;
}

ReviewSubject subjectFrom(const StoredReviewSubject &s)
{
    ReviewSubject r;
    r.tableId = s.tableId;
    r.sha256 = s.sha256;
    if (!s.probeSetId) {
        r.name = "table '" + s.tableName + "'";
    } else {
        r.probeSetId = s.probeSetId;
        r.name = "probe set '" + s.probeSetName + "' v" + std::to_string(*r.probeSetId);
    }
    return r;
}

} // namespace

Result<ReviewSubject> reviewSubjectBySha(ProjectStore &store, const std::string &sha256)
{
    auto found = store.backend().reviewSubjectBySha(sha256);
    if (!found)
        return found.error();
    if (*found)
        return subjectFrom(**found);
    return Error{ErrorCode::Invalid, store.path(), 0, "sha256",
                 "the project holds no probe set or table with SHA-256 " + sha256
                     + " (the packet was made for another version of the rows)"};
}

Result<ReviewSubject> reviewSubject(ProjectStore &store, const AuditSource &source)
{
    std::int64_t tableId = 0;
    if (source.kind == AuditSource::Kind::Run) {
        auto found = findRunAndProbeSet(store, source.id);
        if (!found)
            return found.error();
        tableId = found->probeSet.tableId;
    } else {
        auto table = store.findTable(source.id > 0 ? std::to_string(source.id) : source.label);
        if (!table)
            return table.error();
        tableId = table->id;
    }
    auto found = store.backend().reviewSubjectByTable(tableId);
    if (!found)
        return found.error();
    if (!*found)
        return Error{ErrorCode::Storage, store.path(), 0, {},
                     "cannot look up the reviewed rows: no table " + std::to_string(tableId)};
    return subjectFrom(**found);
}

Result<bool> saveReviewLabel(ProjectStore &store, ReviewLabel label)
{
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    auto changed = writeLabel(store, label);
    if (!changed)
        return changed.error();
    if (*changed)
        if (auto s = tx.commit(); !s)
            return s.error();
    return *changed;
}

Result<std::int64_t> saveReviewLabels(ProjectStore &store, std::vector<ReviewLabel> labels)
{
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    std::int64_t changed = 0;
    for (ReviewLabel &l : labels) {
        auto c = writeLabel(store, l);
        if (!c)
            return c.error();
        changed += *c ? 1 : 0;
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    return changed;
}

Result<bool> removeReviewLabel(ProjectStore &store, std::int64_t tableId, const std::string &family,
                               const std::string &reviewer, bool adjudication,
                               const std::string &source)
{
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    auto before = store.backend().reviewLabel(tableId, family, reviewer, adjudication);
    if (!before)
        return before.error();
    if (!*before)
        return false;
    if (auto s = store.backend().deleteReviewLabel(tableId, family, reviewer, adjudication); !s)
        return s.error();
    if (auto h = appendHistory(store, tableId, family, reviewer, adjudication, *before,
                               std::nullopt, source);
        !h)
        return h.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return true;
}

Result<std::vector<ReviewLabel>> reviewLabels(ProjectStore &store, std::int64_t tableId)
{
    return store.backend().reviewLabels(tableId);
}

Result<std::optional<ReviewLabel>> reviewLabel(ProjectStore &store, std::int64_t tableId,
                                               const std::string &family,
                                               const std::string &reviewer, bool adjudication)
{
    return store.backend().reviewLabel(tableId, family, reviewer, adjudication);
}

Result<std::vector<ReviewChange>> reviewHistory(ProjectStore &store, std::int64_t tableId,
                                                const std::string &family)
{
    auto stored = store.backend().reviewHistory(tableId, family);
    if (!stored)
        return stored.error();
    std::vector<ReviewChange> out;
    out.reserve(stored->size());
    for (const StoredReviewChange &s : *stored) {
        ReviewChange c;
        c.id = s.id;
        c.family = s.family;
        c.reviewer = s.reviewer;
        c.adjudication = s.adjudication;
        c.at = s.at;
        const std::string where = store.path() + " (review change " + std::to_string(s.id) + ")";
        auto before = labelFromJson(s.before, c, where);
        if (!before)
            return before.error();
        auto after = labelFromJson(s.after, c, where);
        if (!after)
            return after.error();
        c.before = std::move(*before);
        c.after = std::move(*after);
        c.source = s.source;
        for (auto *l : {&c.before, &c.after})
            if (*l)
                (*l)->tableId = tableId;
        out.push_back(std::move(c));
    }
    return out;
}

Status recordPacket(ProjectStore &store, const PacketRecord &p)
{
    PacketRecord record = p;
    if (record.at.empty())
        record.at = nowUtc();
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun();
    if (auto s = store.backend().insertPacket(record); !s)
        return s;
    return tx.commit();
}

Result<std::vector<PacketRecord>> packets(ProjectStore &store, std::int64_t tableId)
{
    return store.backend().packets(tableId);
}

} // namespace cp
