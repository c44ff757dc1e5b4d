// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "packet.h"

#include <core/common/sha256.h>
#include <core/store/projectstore.h>
#include <core/store/storeclock.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

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
    record.sha256 = Sha256::hex(packet.dump());
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
        out << packet.dump(2) << '\n';
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
    json packet;
    try {
        packet = json::parse(*bytes);
    } catch (const json::parse_error &e) {
        return Error{ErrorCode::Parse, path, 0, {},
                     std::string("not a JSON file: ") + e.what()};
    }
    if (!packet.is_object() || packet.value("format", "") != PacketFormat)
        return bad("/format", std::string("not a review packet (expected \"format\": \"")
                                  + PacketFormat + "\")");
    if (!packet["version"].is_number_integer() || packet["version"].get<int>() != PacketVersion)
        return bad("/version", "unsupported packet version (this Counterpart reads version "
                               + std::to_string(PacketVersion) + ")");
    PacketImport out;
    if (!packet["packet_id"].is_string() || packet["packet_id"].get<std::string>().empty())
        return bad("/packet_id", "missing");
    out.packetId = packet["packet_id"];
    const json &subject = packet["subject"];
    if (!subject.is_object() || !subject["sha256"].is_string())
        return bad("/subject/sha256", "missing");
    auto found = reviewSubjectBySha(store, subject["sha256"].get<std::string>());
    if (!found) {
        const std::string name = subject.value("name", std::string("unnamed rows"));
        return bad("/subject/sha256",
                   "this packet is for " + name + " (SHA-256 " + subject["sha256"].get<std::string>()
                       + "), which this project does not hold: it was made for a different "
                         "probe set version, or for another project");
    }
    out.subject = *found;
    out.reviewer = packet.value("reviewer", std::string());
    std::set<std::string> families;
    if (!packet["items"].is_array())
        return bad("/items", "expected a list");
    for (const json &item : packet["items"])
        if (item.is_object() && item["family"].is_string())
            families.insert(item["family"].get<std::string>());
    const json &labels = packet["labels"];
    if (!labels.is_array())
        return bad("/labels", "expected a list");
    const std::string favourable = packet["outcomes"].value("favourable", std::string());
    const std::string unfavourable = packet["outcomes"].value("unfavourable", std::string());
    const std::string source = "packet " + out.packetId + " ("
                               + std::filesystem::path(path).filename().string() + ")";
    std::vector<ReviewLabel> toSave;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string p = "/labels/" + std::to_string(i);
        const json &l = labels[i];
        if (!l.is_object())
            return bad(p, "expected an object");
        ReviewLabel label;
        label.tableId = out.subject.tableId;
        label.source = source;
        if (!l["family"].is_string() || !families.count(l["family"].get<std::string>()))
            return bad(p + "/family", "names no family of this packet");
        label.family = l["family"];
        label.reviewer = l.value("reviewer", out.reviewer);
        if (label.reviewer.empty())
            return bad(p + "/reviewer", "no reviewer: set \"reviewer\" in the packet or the label");
        label.adjudication = l.value("adjudication", false);
        if (l.contains("equivalence") && !l["equivalence"].is_null()) {
            const auto e = l["equivalence"].is_string()
                               ? equivalenceFromKey(l["equivalence"].get<std::string>())
                               : std::nullopt;
            if (!e)
                return bad(p + "/equivalence", "expected equivalent, not_equivalent or unsure");
            label.equivalence = e;
        }
        if (l.contains("expected") && !l["expected"].is_null()) {
            const std::string v = l["expected"].is_string() ? l["expected"].get<std::string>() : "";
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
        if (l.contains("note") && !l["note"].is_string())
            return bad(p + "/note", "expected text");
        label.note = l.value("note", std::string());
        label.updated = l.value("updated", std::string());
        if (!label.equivalence && !label.expected && label.note.empty())
            return bad(p, "gives no answer and no note");
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
