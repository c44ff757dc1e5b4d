// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "packet.h"

#include <core/common/jsontext.h>
#include <core/common/sha256.h>
#include <core/common/utf8.h>
#include <core/store/projectstore.h>
#include <core/store/storeclock.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <tuple>

namespace cp {

using json = nlohmann::json;

namespace {

std::string newPacketId()
{
    std::random_device rd;
    const std::uint64_t v = (std::uint64_t(rd()) << 32) ^ std::uint64_t(rd());
    char buf[32];
    std::snprintf(buf, sizeof buf, "rp-%016llx", static_cast<unsigned long long>(v));
    return buf;
}

} // namespace

std::vector<std::string> blindColumns(const AuditSpec &spec, bool scoringRun)
{
    std::vector<std::string> out;
    const auto add = [&](const std::string &c) {
        if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    };
    if (spec.prediction.scoreColumn)
        add(*spec.prediction.scoreColumn);
    if (spec.prediction.labelColumn)
        add(*spec.prediction.labelColumn);
    for (const StageSpec &stage : spec.stages)
        add(stage.column);
    if (spec.truth)
        add(spec.truth->column);
    // An LLM's outputs give its answer away as much as a score does: a reply reads
    // "YES (score 0.72): …".
    for (const auto *c : {&spec.llm.refusalColumn, &spec.llm.logprobColumn, &spec.llm.replyColumn,
                          &spec.llm.embeddingColumn, &spec.llm.repeatShareColumn,
                          &spec.llm.repeatTieColumn})
        if (*c)
            add(**c);
    if (scoringRun)
        for (const char *c : {"score", "label", "refused", "score_error", "repeat_agreement",
                              "logprob", "reply", "repeat_favourable", "repeat_tie",
                              "embedding"})
            add(c);
    return out;
}

Result<json> makePacket(ProjectStore &store, const PacketRequest &request, const std::string &file)
{
    if (!request.index || !request.index->rows)
        return Error{ErrorCode::Invalid, store.path(), 0, "family",
                     "the rows have no families to put in a packet"};
    if (request.familyKeyColumn < 0)
        return Error{ErrorCode::Invalid, store.path(), 0, "family",
                     "the rows have no family column"};
    const PairsIndex &index = *request.index;
    json packet;
    packet["format"] = PacketFormat;
    packet["version"] = PacketVersion;
    packet["packet_id"] = newPacketId();
    packet["created"] = nowUtc();
    packet["project"] = request.projectName;
    packet["subject"] = {{"sha256", request.subject.sha256}, {"name", request.subject.name}};
    packet["reviewer"] = request.reviewer;
    packet["blind"] = true;
    packet["outcomes"] = {{"favourable", request.favourableLabel},
                          {"unfavourable", request.unfavourableLabel}};
    packet["instructions"] =
        "For each item, add to \"labels\": {\"family\": ..., \"equivalence\": \"equivalent\" | "
        "\"not_equivalent\" | \"unsure\", \"expected\": \"favourable\" | \"unfavourable\", "
        "\"note\": \"...\"}. Equivalent means the variants state the same facts and deserve the "
        "same outcome.";
    const auto &allColumns = index.rows->columns();
    std::vector<std::size_t> shown;
    std::vector<std::string> columns;
    for (std::size_t c = 0; c < allColumns.size(); ++c)
        if (std::find(request.hiddenColumns.begin(), request.hiddenColumns.end(), allColumns[c])
            == request.hiddenColumns.end()) {
            shown.push_back(c);
            columns.push_back(allColumns[c]);
        }
    packet["columns"] = columns;
    packet["hidden_columns"] = request.hiddenColumns;
    json items = json::array();
    std::vector<std::string_view> cells;
    std::string scratch;
    for (std::int32_t f : request.families) {
        if (f < 0 || std::size_t(f) >= index.families.size())
            continue;
        json variants = json::array();
        std::string key;
        for (int v = 0; v < index.families[std::size_t(f)].variants; ++v) {
            const std::int64_t row = index.row(std::size_t(f), v);
            index.rows->cells(row, cells, scratch);
            json values = json::array();
            for (std::size_t c : shown)
                values.push_back(c < cells.size() ? std::string(cells[c]) : std::string());
            if (v == 0 && request.familyKeyColumn < int(cells.size()))
                key = std::string(cells[std::size_t(request.familyKeyColumn)]);
            variants.push_back({{"row", row}, {"values", values}});
        }
        items.push_back({{"family", key}, {"variants", variants}});
    }
    packet["items"] = items;
    packet["labels"] = json::array();

    PacketRecord record;
    record.packetId = packet["packet_id"];
    record.direction = "export";
    record.tableId = request.subject.tableId;
    record.reviewer = request.reviewer;
    record.file = file;
    record.sha256 = Sha256::hex(jsontext::dump(packet));
    record.items = std::int64_t(items.size());
    if (auto s = recordPacket(store, record); !s)
        return s.error();
    return packet;
}

Status writePacketFile(const json &packet, const std::string &path)
{
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return Error{ErrorCode::Io, path, 0, {}, "cannot write the packet"};
        out << jsontext::dump(packet, 2) << '\n';
        out.close();
        if (!out)
            return Error{ErrorCode::Io, path, 0, {}, "cannot write the packet (disk full?)"};
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec)
        return Error{ErrorCode::Io, path, 0, {}, "cannot write the packet: " + ec.message()};
    return Ok{};
}

Result<PacketImport> importPacketFile(ProjectStore &store, const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    const auto bad = [&](const std::string &field, const std::string &why) {
        return Error{ErrorCode::Invalid, path, 0, field, why};
    };
    auto parsed = jsontext::parse(*bytes, path, "not a JSON file: ");
    if (!parsed)
        return parsed.error();
    const json packet = std::move(*parsed);
    // Every value through a checked read: a missing key or a value of the wrong type is an
    // error naming its JSON path, never an exception or operator[] on a missing key.
    using jsontext::member;
    const auto text = [&](const json &object, const char *key, const std::string &at)
        -> Result<std::string> {
        auto v = jsontext::optionalString(object, key, path, at);
        if (!v)
            return v.error();
        return v->value_or(std::string());
    };
    if (!packet.is_object())
        return bad("/format", std::string("not a review packet (expected \"format\": \"")
                                  + PacketFormat + "\")");
    const json *format = member(packet, "format");
    if (!format || !format->is_string() || format->get<std::string>() != PacketFormat)
        return bad("/format", std::string("not a review packet (expected \"format\": \"")
                                  + PacketFormat + "\")");
    const json *version = member(packet, "version");
    if (!version || !version->is_number_integer() || version->get<std::int64_t>() != PacketVersion)
        return bad("/version", "unsupported packet version (this Counterpart reads version "
                               + std::to_string(PacketVersion) + ")");
    PacketImport out;
    const json *packetId = member(packet, "packet_id");
    if (!packetId || !packetId->is_string() || packetId->get<std::string>().empty())
        return bad("/packet_id", "missing");
    out.packetId = packetId->get<std::string>();
    const json *subject = member(packet, "subject");
    const json *subjectSha = subject ? member(*subject, "sha256") : nullptr;
    if (!subjectSha || !subjectSha->is_string())
        return bad("/subject/sha256", "missing");
    auto found = reviewSubjectBySha(store, subjectSha->get<std::string>());
    if (!found) {
        auto name = text(*subject, "name", "/subject");
        if (!name)
            return name.error();
        return bad("/subject/sha256",
                   "this packet is for " + (name->empty() ? std::string("unnamed rows") : *name)
                       + " (SHA-256 " + subjectSha->get<std::string>()
                       + "), which this project does not hold: it was made for a different "
                         "probe set version, or for another project");
    }
    out.subject = *found;
    auto reviewer = text(packet, "reviewer", "");
    if (!reviewer)
        return reviewer.error();
    out.reviewer = *reviewer;
    std::set<std::string> families;
    const json *items = member(packet, "items");
    if (!items || !items->is_array())
        return bad("/items", "expected a list");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json *family = member((*items)[i], "family");
        if (!family || !family->is_string())
            return bad("/items/" + std::to_string(i) + "/family", "missing: expected text");
        families.insert(family->get<std::string>());
    }
    const json *labelsAt = member(packet, "labels");
    if (!labelsAt || !labelsAt->is_array())
        return bad("/labels", "expected a list");
    const json &labels = *labelsAt;
    std::string favourable, unfavourable;
    if (const json *outcomes = member(packet, "outcomes"); outcomes && !outcomes->is_null()) {
        if (!outcomes->is_object())
            return bad("/outcomes", "expected an object with \"favourable\" and \"unfavourable\"");
        auto f = text(*outcomes, "favourable", "/outcomes");
        auto u = text(*outcomes, "unfavourable", "/outcomes");
        if (!f)
            return f.error();
        if (!u)
            return u.error();
        favourable = *f;
        unfavourable = *u;
    }
    const std::string source = "packet " + out.packetId + " ("
                               + std::filesystem::path(path).filename().string() + ")";
    std::vector<ReviewLabel> toSave;
    // One label per family, reviewer and role, and at most MaxPacketLabelsPerFamily per family:
    // a packet of 2,000,000 labels for one family was accepted.
    std::map<std::tuple<std::string, std::string, bool>, std::size_t> seen;
    std::map<std::string, std::size_t> perFamily;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string p = "/labels/" + std::to_string(i);
        const json &l = labels[i];
        if (!l.is_object())
            return bad(p, "expected an object");
        ReviewLabel label;
        label.tableId = out.subject.tableId;
        label.source = source;
        const json *family = member(l, "family");
        if (!family || !family->is_string() || !families.count(family->get<std::string>()))
            return bad(p + "/family", "names no family of this packet");
        label.family = family->get<std::string>();
        auto labelReviewer = text(l, "reviewer", p);
        if (!labelReviewer)
            return labelReviewer.error();
        label.reviewer = labelReviewer->empty() ? out.reviewer : *labelReviewer;
        if (label.reviewer.empty())
            return bad(p + "/reviewer", "no reviewer: set \"reviewer\" in the packet or the label");
        auto adjudication = jsontext::optionalBool(l, "adjudication", path, p);
        if (!adjudication)
            return adjudication.error();
        label.adjudication = adjudication->value_or(false);
        if (const json *eq = member(l, "equivalence"); eq && !eq->is_null()) {
            const auto e = eq->is_string() ? equivalenceFromKey(eq->get<std::string>())
                                           : std::nullopt;
            if (!e)
                return bad(p + "/equivalence", "expected equivalent, not_equivalent or unsure");
            label.equivalence = e;
        }
        if (const json *ex = member(l, "expected"); ex && !ex->is_null()) {
            const std::string v = ex->is_string() ? ex->get<std::string>() : "";
            auto x = expectedFromKey(v);
            if (!x && !v.empty() && v == favourable)
                x = ExpectedOutcome::Favourable;
            if (!x && !v.empty() && v == unfavourable)
                x = ExpectedOutcome::Unfavourable;
            if (!x)
                return bad(p + "/expected", "expected favourable or unfavourable"
                                                + (favourable.empty() ? std::string()
                                                                      : " (" + favourable + " / "
                                                                            + unfavourable + ")"));
            label.expected = x;
        }
        auto note = text(l, "note", p);
        if (!note)
            return note.error();
        label.note = *note;
        auto updated = text(l, "updated", p);
        if (!updated)
            return updated.error();
        label.updated = *updated;
        if (!label.equivalence && !label.expected && label.note.empty())
            return bad(p, "gives no answer and no note");
        const auto [at, fresh] =
            seen.emplace(std::tuple(label.family, label.reviewer, label.adjudication), i);
        if (!fresh)
            return bad(p, "labels family " + utf8::quoted(label.family) + " for "
                              + utf8::quoted(label.reviewer) + " again (label "
                              + std::to_string(at->second)
                              + " did): one label per family, reviewer and role");
        if (++perFamily[label.family] > MaxPacketLabelsPerFamily)
            return bad(p, "more than " + std::to_string(MaxPacketLabelsPerFamily)
                              + " labels for family " + utf8::quoted(label.family)
                              + " (the limit of a packet)");
        toSave.push_back(std::move(label));
    }
    out.labels = std::int64_t(toSave.size());
    auto changed = saveReviewLabels(store, std::move(toSave));
    if (!changed)
        return changed.error();
    out.changed = *changed;
    PacketRecord record;
    record.packetId = out.packetId;
    record.direction = "import";
    record.tableId = out.subject.tableId;
    record.reviewer = out.reviewer;
    record.file = path;
    record.sha256 = Sha256::hex(*bytes);
    record.items = out.labels;
    record.changed = out.changed;
    if (auto s = recordPacket(store, record); !s)
        return s.error();
    return out;
}

} // namespace cp
