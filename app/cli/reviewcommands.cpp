// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Reviews from the command line: packets out and in, single labels and adjudications, and the
// agreement figures.

#include "commands.h"

#include <core/common/jsontext.h>
#include <core/audit/auditspec.h>
#include <core/review/consensus.h>
#include <core/review/packet.h>
#include <core/review/reviewqueue.h>
#include <core/review/reviewstore.h>
#include <core/store/projectstore.h>
#include <core/workflow/sourceaudit.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

namespace cli {

namespace {

using Access = cp::OpenedProject::Access;

cp::Result<cp::OpenedProject> openExisting(const Args &args, Access access)
{
    if (!args.has("--project"))
        return cp::Error{cp::ErrorCode::Invalid, {}, 0, "--project", "give --project P"};
    return openProject(args, access);
}

/// The project, the audited source (--run / --table) and the rows its reviews belong to.
struct Reviewed {
    cp::OpenedProject project;
    cp::ProjectStore *store = nullptr;   ///< project's store
    cp::AuditSource source;
    cp::ReviewSubject subject;
};

/// Labels and packets are written to the project, so only `review stats` reads a sample folder.
cp::Result<Reviewed> openReviewed(const Args &args, Access access)
{
    auto project = openExisting(args, access);
    if (!project)
        return project.error();
    cp::ProjectStore *store = &project->store();
    auto source = sourceFromArgs(*store, args);
    if (!source)
        return source.error();
    auto subject = cp::reviewSubject(*store, *source);
    if (!subject)
        return subject.error();
    return Reviewed{std::move(*project), store, *source, *subject};
}

cp::ConsensusRule consensusOf(cp::ProjectStore &store)
{
    auto spec = store.currentSpec();
    if (spec && spec->has_value()) {
        auto parsed = cp::parseAuditSpecText((*spec)->json, "spec");
        if (parsed)
            return parsed->reviews.consensus;
    }
    return cp::ConsensusRule::Majority;
}

int reviewExport(const Args &args)
{
    if (const std::string u = args.unknown({"--project", "--run", "--table", "--out", "--reviewer",
                                            "--sample", "--seed"},
                                           {"--no-flips"});
        !u.empty())
        return usageError("review export: unknown option " + u);
    if (!args.has("--out"))
        return usageError("review export: give --out PACKET.json");
    auto opened = openReviewed(args, Access::ReadWrite);
    if (!opened)
        return fail(opened.error());
    auto *store = &opened->store;
    const cp::AuditSource *source = &opened->source;
    const cp::ReviewSubject *subject = &opened->subject;
    auto audited = cp::auditSource(**store, *source, {}, false);
    if (!audited)
        return fail(audited.error());
    if (!audited->pairs)
        return fail(cp::Error{cp::ErrorCode::Invalid, (*store)->path(), 0, "family",
                              audited->pairsError});
    const cp::AuditSpec *spec = &audited->spec();
    cp::ReviewQueueOptions options;
    options.flipsFirst = !args.flag("--no-flips");
    try {
        options.sample = std::stoll(args.get("--sample", "0"));
        options.seed = std::stoull(args.get("--seed", "1"));
    } catch (...) {
        return usageError("review export: --sample and --seed take whole numbers");
    }
    cp::PacketRequest request;
    request.subject = *subject;
    request.index = audited->pairs.get();
    request.familyKeyColumn = cp::familyKeyColumn(*audited->pairs, *spec->familyColumn);
    request.families = cp::buildReviewQueue(*audited->pairs, options);
    request.reviewer = args.get("--reviewer");
    request.favourableLabel = spec->outcomes.favourable;
    request.unfavourableLabel = spec->outcomes.unfavourable;
    request.hiddenColumns = cp::blindColumns(*spec, source->kind == cp::AuditSource::Kind::Run);
    auto name = (*store)->projectName();
    request.projectName = name ? *name : std::string();
    if (request.families.empty())
        return fail(cp::Error{cp::ErrorCode::Invalid, (*store)->path(), 0, "--sample",
                              "nothing to review: no family flipped; ask for a sample with "
                              "--sample N"});
    const std::string out = args.get("--out");
    auto packet = cp::makePacket(**store, request, out);
    if (!packet)
        return fail(packet.error());
    if (auto s = cp::writePacketFile(*packet, out); !s)
        return fail(s.error());
    std::cout << "Packet " << (*packet)["packet_id"].get<std::string>() << ": "
              << request.families.size() << " pairs of " << subject->name << " → " << out << "\n";
    return ExitOk;
}

int reviewImport(const Args &args)
{
    if (const std::string u = args.unknown({"--project", "--packet"}, {}); !u.empty())
        return usageError("review import: unknown option " + u);
    if (!args.has("--packet"))
        return usageError("review import: give --packet PACKET.json");
    auto project = openExisting(args, Access::ReadWrite);
    if (!project)
        return fail(project.error());
    auto imported = cp::importPacketFile(project->store(), args.get("--packet"));
    if (!imported)
        return fail(imported.error());
    std::cout << "Packet " << imported->packetId << " (" << imported->subject.name << "): "
              << imported->labels << " labels, " << imported->changed << " changed"
              << (imported->changed == 0 && imported->labels > 0 ? " (already imported)" : "")
              << "\n";
    return ExitOk;
}

int reviewLabel(const Args &args)
{
    if (const std::string u = args.unknown({"--project", "--run", "--table", "--family",
                                            "--reviewer", "--equivalence", "--expected", "--note"},
                                           {"--adjudicate", "--remove"});
        !u.empty())
        return usageError("review label: unknown option " + u);
    if (!args.has("--family") || !args.has("--reviewer"))
        return usageError("review label: give --family F and --reviewer NAME");
    auto opened = openReviewed(args, Access::ReadWrite);
    if (!opened)
        return fail(opened.error());
    auto *store = &opened->store;
    const cp::ReviewSubject *subject = &opened->subject;
    if (args.flag("--remove")) {
        auto removed = cp::removeReviewLabel(**store, subject->tableId, args.get("--family"),
                                             args.get("--reviewer"), args.flag("--adjudicate"));
        if (!removed)
            return fail(removed.error());
        std::cout << (*removed ? "Removed.\n" : "No such label.\n");
        return ExitOk;
    }
    // A label for a family the rows do not hold was saved, and counted by review stats.
    auto audited = cp::auditSource(**store, opened->source, {}, false);
    if (!audited)
        return fail(audited.error());
    if (auto s = cp::checkFamilyInSource(*audited, args.get("--family")); !s)
        return fail(s.error());
    cp::ReviewLabel label;
    label.tableId = subject->tableId;
    label.family = args.get("--family");
    label.reviewer = args.get("--reviewer");
    label.adjudication = args.flag("--adjudicate");
    label.note = args.get("--note");
    if (args.has("--equivalence")) {
        label.equivalence = cp::equivalenceFromKey(args.get("--equivalence"));
        if (!label.equivalence)
            return usageError("review label: --equivalence is equivalent, not_equivalent or unsure");
    }
    if (args.has("--expected")) {
        label.expected = cp::expectedFromKey(args.get("--expected"));
        if (!label.expected)
            return usageError("review label: --expected is favourable or unfavourable");
    }
    auto saved = cp::saveReviewLabel(**store, label);
    if (!saved)
        return fail(saved.error());
    std::cout << (*saved ? "Saved.\n" : "Unchanged.\n");
    return ExitOk;
}

int reviewStats(const Args &args)
{
    if (const std::string u = args.unknown({"--project", "--run", "--table", "--json"}, {});
        !u.empty())
        return usageError("review stats: unknown option " + u);
    auto opened = openReviewed(args, Access::ReadOnly);
    if (!opened)
        return fail(opened.error());
    auto *store = &opened->store;
    const cp::ReviewSubject *subject = &opened->subject;
    auto labels = cp::reviewLabels(**store, subject->tableId);
    if (!labels)
        return fail(labels.error());
    const cp::ReviewSummary summary = cp::summariseReviews(*labels, consensusOf(**store));
    const auto queue = summary.adjudicationQueue();
    // With --json - the standard output is the document alone, as for audit --json -.
    const bool jsonToStdout = args.has("--json") && args.get("--json") == "-";
    if (!jsonToStdout)
        std::cout << "Reviews of " << subject->name << "\n" << cp::reviewSummaryText(summary);
    if (!jsonToStdout && !queue.empty()) {
        std::cout << "  adjudication queue:";
        for (std::size_t i = 0; i < queue.size() && i < 20; ++i)
            std::cout << " " << queue[i];
        std::cout << (queue.size() > 20 ? " …" : "") << "\n";
    }
    if (args.has("--json")) {
        nlohmann::json j;
        j["subject"] = {{"name", subject->name}, {"sha256", subject->sha256}};
        j["consensus"] = cp::consensusRuleKey(summary.rule);
        j["reviewers"] = summary.reviewers;
        j["families"] = summary.families.size();
        j["labels"] = summary.labels;
        j["equivalent"] = summary.equivalent;
        j["not_equivalent"] = summary.notEquivalent;
        j["unsure"] = summary.unsure;
        j["awaiting_adjudication"] = summary.disputed;
        j["adjudicated"] = summary.adjudicated;
        j["adjudication_queue"] = queue;
        nlohmann::json agreement = nlohmann::json::array();
        const auto value = [](const cp::AgreementValue &v) {
            return v.value ? nlohmann::json(*v.value) : nlohmann::json(nullptr);
        };
        for (const cp::QuestionAgreement &q : summary.agreement) {
            agreement.push_back({{"question", q.question}, {"statistic", "krippendorff_alpha"},
                                 {"value", value(q.alpha)}, {"items", q.alpha.items},
                                 {"detail", q.alpha.detail}});
            for (const cp::ReviewerPairAgreement &p : q.kappas)
                agreement.push_back({{"question", q.question}, {"statistic", "cohen_kappa"},
                                     {"reviewers", {p.a, p.b}}, {"value", value(p.kappa)},
                                     {"items", p.kappa.items}, {"detail", p.kappa.detail}});
        }
        j["agreement"] = agreement;
        const std::string out = args.get("--json");
        if (out == "-") {
            std::cout << cp::jsontext::dump(j, 2) << "\n";
        } else {
            std::ofstream f(out, std::ios::binary);
            f << cp::jsontext::dump(j, 2) << "\n";
            if (!f)
                return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, "cannot write the figures"});
        }
    }
    return ExitOk;
}

} // namespace

int runReview(const Args &args)
{
    if (args.subcommand == "export")
        return reviewExport(args);
    if (args.subcommand == "import")
        return reviewImport(args);
    if (args.subcommand == "stats")
        return reviewStats(args);
    if (args.subcommand == "label")
        return reviewLabel(args);
    return usageError(args.subcommand.empty()
                          ? std::string("review: give export, import, stats or label")
                          : "review: unknown subcommand '" + args.subcommand + "'");
}

} // namespace cli
