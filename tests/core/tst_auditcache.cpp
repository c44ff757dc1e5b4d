// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The finished audit kept in the project (issue 12, item 9): the codec gives back every field
// and refuses damage without crashing; an unchanged source is not audited again, and any
// change the audit would see (reviews, spec, a damaged entry) audits it again.

#include "../support/sqlitefile.h"
#include "../support/testsupport.h"

#include <core/workflow/samplefolder.h>
#include <core/audit/auditcodec.h>
#include <core/audit/auditjson.h>
#include <core/review/reviewstore.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/common/phasetrace.h>
#include <core/workflow/auditcache.h>
#include <core/workflow/reportbuilder.h>
#include <core/workflow/sourceaudit.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstring>
#include <random>

using namespace cp;

namespace {

const std::string ShopFlow = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge";

std::unique_ptr<ProjectStore> shopflowProject(const QTemporaryDir &dir)
{
    auto store = ProjectStore::open(dir.filePath("shopflow.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    if (!store || !importProjectFolder(**store, ShopFlow))
        return nullptr;
    return std::move(*store);
}

AuditSource tableSource(ProjectStore &store, const std::string &name)
{
    AuditSource s;
    s.id = store.findTable(name)->id;
    s.label = name;
    return s;
}

const char *ProbeCsv =
    "family,variant,gender,first_name,years\n"
    "1,female,female,Emily,4\n1,male,male,Jake,4\n"
    "2,female,female,Anne,10\n2,male,male,John,10\n"
    "3,female,female,Sara,0\n3,male,male,Sam,0\n"
    "4,female,female,Ada,7\n4,male,male,Al,7\n";

const char *ToyModel = R"({
  "name": "toy", "version": "1", "kind": "builtin",
  "builtin": {"link": "logistic", "intercept": -1, "numeric": {"years": 0.2},
              "categorical": {"gender": {"female": -1.2}}, "threshold": 0.5,
              "labels": ["no", "yes"]}})";

const char *RunSpec = R"({
  "family": "family",
  "protected": [{"name": "gender", "column": "gender", "groups": ["female", "male"],
                 "reference": "male"}],
  "prediction": {"score": "score", "threshold": 0.5},
  "contract": {"max_flip_rate": 0.1}})";

/// The report's pairs side by side, as text, to compare two reports' pairs.
std::string pairsText(const Report &report)
{
    std::string out = report.pairsNote + "\n";
    const auto number = [](const std::optional<double> &v) {
        return v ? std::to_string(*v) : std::string("-");
    };
    for (const ReportPair &p : report.topPairs) {
        out += p.family + " [" + p.stage + "] " + number(p.scoreRange) + " omitted "
               + std::to_string(p.variantsOmitted) + "\n";
        for (std::size_t v = 0; v < p.variants.size(); ++v)
            out += "  " + p.variants[v] + " " + p.outcomes[v] + " " + number(p.scores[v]) + "\n";
        for (const ReportPairField &f : p.fields) {
            out += "  " + f.name + ":";
            for (const std::string &value : f.values)
                out += " |" + value;
            out += "\n";
        }
        for (const auto &[name, value] : p.sameFields)
            out += "  = " + name + ": " + value + "\n";
    }
    return out;
}

} // namespace

/// The toy probe set frozen into the store, the toy model added, the run spec set, and the
/// set scored: the run's record (or the error of the step that failed).
Result<std::pair<ProbeSetRecord, ScoreRunRecord>> scoredToyRun(ProjectStore &store)
{
    ProbeSetLayout layout;
    layout.familyColumn = "family";
    layout.variantColumn = "variant";
    layout.protectedColumns = {"gender"};
    layout.linkedColumns = {"first_name"};
    layout.linkedFollows["first_name"] = {"gender"};
    auto set = freezeProbeSet(store, {"generated", "toy", "{}", 1, {}}, layout, ProbeCsv);
    if (!set)
        return set.error();
    auto config = parseScorerConfig(ToyModel, "toy.json", {});
    if (!config)
        return config.error();
    auto model = addModel(store, *config);
    if (!model)
        return model.error();
    if (auto s = store.saveSpec(RunSpec); !s)
        return s.error();
    auto scored = scoreProbeSet(store, *set, *model);
    if (!scored)
        return scored.error();
    return std::pair{*set, scored->run};
}

/// The phases an audit went through (core/common/phasetrace.h), for tests that check one was
/// skipped.
std::vector<std::string> &phases()
{
    static std::vector<std::string> seen;
    return seen;
}

/// f(), with the phases it went through in phases().
template<typename F>
auto traced(F &&f)
{
    phases().clear();
    trace::setPhaseSink([](const char *phase) { phases().push_back(phase); });
    auto result = f();
    trace::setPhaseSink(nullptr);
    return result;
}

class tst_AuditCache : public QObject
{
    Q_OBJECT

private slots:
    void codecGivesBackEveryField()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        std::size_t flips = 0;
        for (const char *table : {"baseline", "candidate"}) {
            auto audit = auditSource(*store, tableSource(*store, table), {}, false);
            CP_VERIFY_OK(audit);
            const AuditResult &result = audit->audit.result;
            // The fixture exercises the result: slices, cells, checks (and flips somewhere).
            flips += result.flips.size();
            QVERIFY(!result.slices.empty());
            QVERIFY(!result.intersections.empty());
            QVERIFY(!result.checks.empty());
            const std::string bytes = encodeAudit(result);
            auto back = decodeAudit(bytes, "test");
            CP_VERIFY_OK(back);
            QVERIFY(*back == result);
            QCOMPARE(auditToJson(*back).dump(), auditToJson(result).dump());
            QCOMPARE(encodeAudit(*back), bytes);
        }
        QVERIFY(flips > 0);
    }

    void codecRefusesDamage()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto audit = auditSource(*store, tableSource(*store, "candidate"), {}, false);
        CP_VERIFY_OK(audit);
        const std::string bytes = encodeAudit(audit->audit.result);
        // Every cut short is an error naming a byte, never a crash.
        const std::size_t stride = std::max<std::size_t>(1, bytes.size() / 4000);
        for (std::size_t n = 0; n < bytes.size(); n += stride) {
            auto cut = decodeAudit(std::string_view(bytes).substr(0, n), "cut");
            QVERIFY2(!cut.ok(), qPrintable(QString::number(n)));
            QCOMPARE(cut.error().file, std::string("cut"));
            QVERIFY(cut.error().field.rfind("byte ", 0) == 0);
        }
        QVERIFY(!decodeAudit(bytes + "x", "long").ok());
        // Altered bytes: an error or some result, never a crash or a huge allocation.
        std::mt19937_64 rng(3);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string altered = bytes;
            const std::size_t at = rng() % altered.size();
            altered[at] = char(rng());
            if (i % 3 == 0)  // a length field set to the largest value
                for (std::size_t k = 0; k < 8 && at + k < altered.size(); ++k)
                    altered[at + k] = char(k == 7 ? 0x7f : 0xff);
            refused += !decodeAudit(altered, "altered").ok();
        }
        QVERIFY(refused > 0);
        // Another format version is refused by name.
        std::string other = bytes;
        other[8] = char(AuditCodecVersion + 1);
        auto version = decodeAudit(other, "v");
        QVERIFY(!version.ok());
        QVERIFY(version.error().message.find("format") != std::string::npos);
    }

    void unchangedTableIsNotAuditedAgain()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const AuditSource source = tableSource(*store, "candidate");
        auto first = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);
        QVERIFY(first->pairs);

        auto second = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(second);
        QVERIFY(second->fromCache);
        QVERIFY(second->pairsPending);
        QVERIFY(!second->pairs);
        QVERIFY(second->audit.result == first->audit.result);
        QCOMPARE(second->audit.table.id, first->audit.table.id);
        // The Pairs index comes after, from the table as stored, the same as the first one.
        CP_VERIFY_OK(indexSourcePairs(*store, *second));
        QVERIFY(!second->pairsPending);
        QVERIFY(second->pairs);
        QVERIFY(second->pairsError.empty());
        QCOMPARE(second->pairs->families.size(), first->pairs->families.size());
        QCOMPARE(second->pairs->flippedFamilies, first->pairs->flippedFamilies);
        QVERIFY(second->pairs->familyRows == first->pairs->familyRows);

        // With the index wanted at once, a kept audit still reads the table for it.
        auto third = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(third);
        QVERIFY(third->fromCache);
        QVERIFY(third->pairs);

        // Another source is audited on its own.
        auto baseline = auditSource(*store, tableSource(*store, "baseline"), {}, false);
        CP_VERIFY_OK(baseline);
        QVERIFY(!baseline->fromCache);
    }

    void whatTheAuditSeesAuditsAgain()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const AuditSource source = tableSource(*store, "candidate");
        auto first = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);

        // A review label: the reviews are part of what was audited.
        ReviewLabel label;
        label.tableId = source.id;
        label.family = "p1";  // candidate.csv's first pair
        label.reviewer = "ana";
        label.equivalence = Equivalence::NotEquivalent;
        CP_VERIFY_OK(saveReviewLabel(*store, label));
        auto reviewed = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(reviewed);
        QVERIFY(!reviewed->fromCache);
        auto again = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(again);
        QVERIFY(again->fromCache);
        QVERIFY(again->audit.result == reviewed->audit.result);
        // Removing it changes the stamp again, although the count is back where it was.
        CP_VERIFY_OK(removeReviewLabel(*store, source.id, label.family, "ana", false));
        auto removed = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(removed);
        QVERIFY(!removed->fromCache);

        // Another spec is another key.
        auto spec = store->currentSpec();
        CP_VERIFY_OK(spec);
        auto json = nlohmann::json::parse((*spec)->json);
        json["name"] = "renamed";
        CP_VERIFY_OK(store->saveSpec(json.dump()));
        auto respec = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(respec);
        QVERIFY(!respec->fromCache);
        QCOMPARE(respec->audit.result.specName, std::string("renamed"));
    }

    void damagedEntryIsAuditedAgain()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shopflow.counterpart").toStdString();
        AuditResult kept;
        {
            auto store = shopflowProject(dir);
            QVERIFY(store);
            auto first = auditSource(*store, tableSource(*store, "candidate"), {}, false);
            CP_VERIFY_OK(first);
            kept = first->audit.result;
        }
        // Bytes of the kept entry altered behind the store's back.
        bool ok = false;
        cp::test::sql(QString::fromStdString(path),
                      "UPDATE audit_cache_chunks SET content = CAST("
                      "substr(content, 1, 100) || 'x' || substr(content, 102) AS BLOB)",
                      &ok);
        QVERIFY(ok);
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ExistingOnly);
        CP_VERIFY_OK(store);
        auto again = auditSource(**store, tableSource(**store, "candidate"), {}, false);
        CP_VERIFY_OK(again);
        QVERIFY(!again->fromCache);
        QVERIFY(again->audit.result == kept);
        auto third = auditSource(**store, tableSource(**store, "candidate"), {}, false);
        CP_VERIFY_OK(third);
        QVERIFY(third->fromCache);
    }

    void runAuditKeptUntilTheRunChanges()
    {
        QTemporaryDir dir;
        auto opened = ProjectStore::open(dir.filePath("run.counterpart").toStdString(),
                                         ProjectStore::OpenMode::CreateIfMissing);
        CP_VERIFY_OK(opened);
        ProjectStore &store = **opened;
        auto toy = scoredToyRun(store);
        CP_VERIFY_OK(toy);
        const ProbeSetRecord *set = &toy->first;
        const ScoreRunRecord *run0 = &toy->second;
        QCOMPARE(run0->status, std::string("complete"));
        AuditSource source;
        source.kind = AuditSource::Kind::Run;
        source.id = run0->id;
        auto first = auditSource(store, source, {}, false);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);
        auto kept = auditSource(store, source, {}, false);
        CP_VERIFY_OK(kept);
        QVERIFY(kept->fromCache);
        QVERIFY(kept->pairs);  // read for the report, from the run's rows
        QVERIFY(kept->audit.result == first->audit.result);
        // The CLI's call finds the same entry when given the same spec text.
        auto cli = auditRunWithSpec(store, source.id, RunSpec, "audit.json");
        CP_VERIFY_OK(cli);
        QVERIFY(*cli == first->audit.result);

        // A label on the probe set's rows: audited again.
        ReviewLabel label;
        label.tableId = set->tableId;
        label.family = "2";
        label.reviewer = "ana";
        label.equivalence = Equivalence::Equivalent;
        CP_VERIFY_OK(saveReviewLabel(store, label));
        auto reviewed = auditSource(store, source, {}, false);
        CP_VERIFY_OK(reviewed);
        QVERIFY(!reviewed->fromCache);
        QVERIFY(auditSource(store, source, {}, false)->fromCache);

        // The run's record changed (as a resume or a retry changes it): audited again.
        bool ok = false;
        cp::test::sql(dir.filePath("run.counterpart"),
                      "UPDATE score_runs SET finished = '2031-01-01T00:00:00Z'", &ok);
        QVERIFY(ok);
        auto changed = auditSource(store, source, {}, false);
        CP_VERIFY_OK(changed);
        QVERIFY(!changed->fromCache);

        // Another spec text for the CLI is another entry: audited again, but the run's table
        // is not hashed again (its hash is kept beside the audits, by run and threshold).
        const std::string other = std::string(RunSpec).insert(1, " \"name\": \"other\",");
        auto renamed = traced([&] { return auditRunWithSpec(store, source.id, other, "other.json"); });
        CP_VERIFY_OK(renamed);
        QCOMPARE(renamed->specName, std::string("other"));
        const auto saw = [](const char *phase) {
            return std::find(phases().begin(), phases().end(), std::string(phase)) != phases().end();
        };
        QVERIFY(saw("audit"));
        QVERIFY(saw("store: kept table hash"));
        QVERIFY(!saw("hash (wait)"));
        QCOMPARE(renamed->tableSha256, changed->audit.result.tableSha256);
        // With nothing kept, the same rows hash to the same SHA-256.
        cp::test::sql(dir.filePath("run.counterpart"), "DELETE FROM audit_cache", &ok);
        QVERIFY(ok);
        auto fresh = traced([&] { return auditRunWithSpec(store, source.id, other, "other.json"); });
        CP_VERIFY_OK(fresh);
        QVERIFY(saw("hash (wait)"));
        QCOMPARE(fresh->tableSha256, renamed->tableSha256);
        // Another threshold can label the scores otherwise: hashed again, and kept apart.
        std::string stricter = other;
        const std::size_t at = stricter.find("\"threshold\": 0.5");
        QVERIFY(at != std::string::npos);
        stricter.replace(at, std::strlen("\"threshold\": 0.5"), "\"threshold\": 0.7");
        auto strict = traced([&] { return auditRunWithSpec(store, source.id, stricter, "stricter.json"); });
        CP_VERIFY_OK(strict);
        QVERIFY(saw("hash (wait)"));
        auto run = findScoreRun(store, source.id);  // as the SQL above left it
        CP_VERIFY_OK(run);
        QVERIFY(keptRunTableSha(store, *run, *set, 0.7));
        QCOMPARE(*keptRunTableSha(store, *run, *set, 0.5), renamed->tableSha256);
        QVERIFY(!keptRunTableSha(store, *run0, *set, 0.5));  // another stamp: not kept
    }

    /// The scores are not checked when the file opens (a run's reads meet every page of them):
    /// a damaged page of theirs is an error naming the file when the run is read, never a
    /// wrong audit or an abort.
    void damagedScoresAreAnErrorWhenRead()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("damaged.counterpart");
        std::int64_t runId = 0;
        {
            auto opened = ProjectStore::open(file.toStdString(),
                                             ProjectStore::OpenMode::CreateIfMissing);
            CP_VERIFY_OK(opened);
            auto toy = scoredToyRun(**opened);
            CP_VERIFY_OK(toy);
            runId = toy->second.id;
        }
        bool ok = false;
        cp::test::sql(file, "PRAGMA wal_checkpoint(TRUNCATE)", &ok);
        QVERIFY(ok);
        const int page = cp::test::sql(file, "SELECT pageno FROM dbstat WHERE name = 'scores' "
                                             "ORDER BY pageno DESC LIMIT 1", &ok).toInt();
        QVERIFY(ok && page > 1);
        const int pageSize = cp::test::sql(file, "PRAGMA page_size").toInt();
        QVERIFY(pageSize >= 512);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(page - 1) * pageSize));
            QCOMPARE(f.write(QByteArray(pageSize, '\x5a')), qint64(pageSize));
        }
        auto opened = ProjectStore::open(file.toStdString(), ProjectStore::OpenMode::ExistingOnly);
        CP_VERIFY_OK(opened);  // the scores are read when a run is
        AuditSource source;
        source.kind = AuditSource::Kind::Run;
        source.id = runId;
        auto audit = auditSource(**opened, source, {}, false);
        QVERIFY(!audit.ok());
        QCOMPARE(audit.error().code, ErrorCode::Storage);
        const std::string text = audit.error().toString();
        QVERIFY2(text.find("damaged") != std::string::npos, text.c_str());
        QVERIFY2(text.find(file.toStdString()) != std::string::npos, text.c_str());
    }

    void keptPairsShowTheReportsPairs()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const AuditSource source = tableSource(*store, "baseline");
        auto first = auditSource(*store, source, {}, false);
        CP_VERIFY_OK(first);
        QVERIFY(!first->fromCache);
        QVERIFY(first->pairs);
        QVERIFY(!first->audit.result.flips.empty());
        auto whole = buildReport(*store, *first);
        CP_VERIFY_OK(whole);
        QVERIFY(!whole->topPairs.empty());

        // Taken from the cache: the top flips' families come along, and the report shows the
        // same pairs from them without reading the table.
        auto kept = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(kept);
        QVERIFY(kept->fromCache);
        QVERIFY(kept->pairsPending);
        QVERIFY(kept->pairExcerpt);
        QVERIFY(kept->pairExcerpt->families.size() <= KeptPairFamilies);
        QCOMPARE(kept->pairExcerpt->families.size(),
                 std::min(KeptPairFamilies, first->audit.result.flips.size()));
        CP_VERIFY_OK(readReportPairs(*store, *kept, ReportOptions{}));
        QVERIFY(kept->pairsPending);  // nothing was read
        QVERIFY(!kept->pairs);
        auto fromKept = buildReport(*store, *kept);
        CP_VERIFY_OK(fromKept);
        QCOMPARE(pairsText(*fromKept), pairsText(*whole));
        ReportOptions few;
        few.maxVariants = 2;
        few.includePairText = false;
        QCOMPARE(pairsText(*buildReport(*store, *kept, few)),
                 pairsText(*buildReport(*store, *first, few)));

        // Without the kept families the table is read for them, and they are kept again.
        bool ok = false;
        cp::test::sql(dir.filePath("shopflow.counterpart"),
                      "DELETE FROM audit_cache_chunks WHERE entry_id IN (SELECT id FROM "
                      "audit_cache WHERE code_version LIKE '%+pairs');"
                      "DELETE FROM audit_cache WHERE code_version LIKE '%+pairs'",
                      &ok);
        QVERIFY(ok);
        auto bare = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(bare);
        QVERIFY(bare->fromCache);
        QVERIFY(!bare->pairExcerpt);
        QVERIFY(!bare->reportPairs());
        // The workbench's shared audit is not changed: a copy reads the pairs for the report.
        auto shared = buildReportReadingPairs(*store, *bare);
        CP_VERIFY_OK(shared);
        QCOMPARE(pairsText(*shared), pairsText(*whole));
        QVERIFY(bare->pairsPending);
        QVERIFY(!bare->pairs);
        CP_VERIFY_OK(readReportPairs(*store, *bare, ReportOptions{}));
        QVERIFY(bare->pairs);
        QCOMPARE(pairsText(*buildReport(*store, *bare)), pairsText(*whole));
        auto again = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(again);
        QVERIFY(again->pairExcerpt);

        // A damaged excerpt is not used: the table is read instead.
        cp::test::sql(dir.filePath("shopflow.counterpart"),
                      "UPDATE audit_cache_chunks SET content = zeroblob(length(content)) WHERE "
                      "entry_id IN (SELECT id FROM audit_cache WHERE code_version LIKE '%+pairs')",
                      &ok);
        QVERIFY(ok);
        auto damaged = auditSource(*store, source, {}, false, PairsWhen::Later);
        CP_VERIFY_OK(damaged);
        QVERIFY(!damaged->pairExcerpt);
    }

    void excerptCodecRefusesDamage()
    {
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto audit = auditSource(*store, tableSource(*store, "baseline"), {}, false);
        CP_VERIFY_OK(audit);
        QVERIFY(audit->pairs);
        const AuditResult &result = audit->audit.result;
        const auto excerpt = excerptPairs(*audit->pairs, topFlips(result.flips, 6));
        QVERIFY(!result.flips.empty());
        QCOMPARE(excerpt->families.size(), std::min<std::size_t>(6, result.flips.size()));
        const std::string bytes = encodePairExcerpt(*excerpt);
        auto back = decodePairExcerpt(bytes, "test");
        CP_VERIFY_OK(back);
        QCOMPARE(encodePairExcerpt(**back), bytes);
        // An excerpt of an excerpt is the same excerpt.
        QCOMPARE(encodePairExcerpt(*excerptPairs(**back, topFlips(result.flips, 6))), bytes);

        ReportInput in;
        in.result = &result;
        in.spec = audit->spec();
        const std::size_t stride = std::max<std::size_t>(1, bytes.size() / 3000);
        for (std::size_t n = 0; n < bytes.size(); n += stride) {
            auto cut = decodePairExcerpt(std::string_view(bytes).substr(0, n), "cut");
            QVERIFY2(!cut.ok(), qPrintable(QString::number(n)));
            QVERIFY(cut.error().field.rfind("byte ", 0) == 0);
        }
        QVERIFY(!decodePairExcerpt(bytes + "x", "long").ok());
        // Altered bytes: refused, or an excerpt whose every reference holds, which a report
        // reads without going out of bounds (ASan runs this suite).
        std::mt19937_64 rng(5);
        int refused = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string altered = bytes;
            const std::size_t at = rng() % altered.size();
            altered[at] = char(rng());
            if (i % 3 == 0)
                for (std::size_t k = 0; k < 8 && at + k < altered.size(); ++k)
                    altered[at + k] = char(k == 7 ? 0x7f : 0xff);
            auto decoded = decodePairExcerpt(altered, "altered");
            if (!decoded.ok()) {
                ++refused;
                continue;
            }
            if ((*decoded)->protectedDims.size() != in.spec.protectedAttributes.size())
                continue;  // loadPairExcerpt refuses these
            in.pairs = decoded->get();
            (void)buildReport(in);
        }
        QVERIFY(refused > 0);
    }

    void codeVersionNamesTheBuild()
    {
        const std::string v = auditCodeVersion();
        QVERIFY(v.find("engine") != std::string::npos);
        QVERIFY(v.find("codec" + std::to_string(AuditCodecVersion)) != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_AuditCache)
#include "tst_auditcache.moc"
