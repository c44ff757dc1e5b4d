// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Reviews in a project: labels and their append-only history, packets out and back (twice,
// and for the wrong probe set version), bad packets, the audit of the ShopFlow fixture with
// reviewed labels and exclusions and the contract's review checks, and a labelling process
// killed mid-session (every label it reported saved is there after reopening).

#include <core/workflow/samplefolder.h>
#include <core/audit/auditresult.h>
#include <core/review/consensus.h>
#include <core/review/packet.h>
#include <core/review/reviewqueue.h>
#include <core/review/reviewstore.h>
#include <core/workflow/projectaudit.h>
#include <core/store/projectstore.h>
#include <core/workflow/sourceaudit.h>
#include <core/report/htmlreport.h>
#include <core/report/junitreport.h>
#include <core/report/report.h>
#include <core/workflow/reportbuilder.h>

#include <nlohmann/json.hpp>

#include "../support/sqlitefile.h"
#include "../support/testsupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <fstream>
#include <set>

using namespace cp;
using nlohmann::json;

namespace {

const std::string SampleDir = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge";
constexpr auto Create = ProjectStore::OpenMode::CreateIfMissing;

std::unique_ptr<ProjectStore> shopflow(const QString &path)
{
    auto store = ProjectStore::open(path.toStdString(), Create);
    if (!store || !importProjectFolder(**store, SampleDir))
        return nullptr;
    return std::move(*store);
}

ReviewLabel label(std::int64_t table, const std::string &family, const std::string &reviewer,
                  Equivalence e, std::optional<ExpectedOutcome> x = {})
{
    ReviewLabel l;
    l.tableId = table;
    l.family = family;
    l.reviewer = reviewer;
    l.equivalence = e;
    l.expected = x;
    return l;
}

json readJson(const std::string &path)
{
    std::ifstream f(path);
    return json::parse(f);
}

void writeJson(const json &j, const std::string &path)
{
    std::ofstream f(path);
    f << j.dump(2);
}

std::string setContract(ProjectStore &store, const json &extra)
{
    auto spec = store.currentSpec();
    json j = json::parse((*spec)->json);
    for (const auto &[k, v] : extra.items())
        j["contract"][k] = v;
    auto saved = store.saveSpec(j.dump(2));
    return saved ? std::string() : saved.error().toString();
}

} // namespace

class tst_Reviews : public QObject
{
    Q_OBJECT

private slots:
    void labelsAndHistory();
    void damagedHistoryIsAnError();
    void packetRoundTrip();
    void quotedFamilyKeys();
    void badPackets_data();
    void badPackets();
    void auditWithReviews();
    void reviewChecks();
    void killedWhileLabelling();
};

/// Issue 14, defects 1 and 9: a label in the history whose stored JSON is damaged (a note that
/// is not text threw out of nlohmann and aborted the workbench's history pane; text that is not
/// JSON was read as "no label") is an error naming the project and the change.
void tst_Reviews::damagedHistoryIsAnError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("p.counterpart");
    auto store = shopflow(path);
    QVERIFY(store);
    auto table = store->findTable("baseline");
    CP_VERIFY_OK(table);
    const std::int64_t t = table->id;
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "p1", "ann", Equivalence::Equivalent)));
    CP_VERIFY_OK(reviewHistory(*store, t, "p1"));

    const QStringList damages{"'{\"note\": 5}'", "'{\"equivalence\": [1]}'", "'{\"note\": '",
                              "'[1, 2]'", "'1e400'", "printf('%.*c', 100000, '[')"};
    for (const QString &damage : damages) {
        const QString failed = cp::test::execSql(
            path, QStringLiteral("DROP TRIGGER IF EXISTS review_history_no_update; "
                                 "UPDATE review_history SET new_json = %1;")
                      .arg(damage));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        auto history = reviewHistory(*store, t, "p1");
        QVERIFY2(!history, qPrintable(damage));
        QCOMPARE(history.error().code, ErrorCode::Storage);
        QVERIFY2(QString::fromStdString(history.error().file).contains("review change"),
                 qPrintable(QString::fromStdString(history.error().toString())));
    }
}

void tst_Reviews::labelsAndHistory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("p.counterpart");
    auto store = shopflow(path);
    QVERIFY(store);
    auto table = store->findTable("baseline");
    CP_VERIFY_OK(table);
    const std::int64_t t = table->id;

    auto first = saveReviewLabel(*store, label(t, "p1", "ann", Equivalence::Equivalent));
    CP_VERIFY_OK(first);
    QVERIFY(*first);
    // The same answers again change nothing and add no history.
    auto again = saveReviewLabel(*store, label(t, "p1", "ann", Equivalence::Equivalent));
    CP_VERIFY_OK(again);
    QVERIFY(!*again);
    auto changed = saveReviewLabel(*store, label(t, "p1", "ann", Equivalence::Unsure,
                                                 ExpectedOutcome::Favourable));
    CP_VERIFY_OK(changed);
    QVERIFY(*changed);
    auto removed = removeReviewLabel(*store, t, "p1", "ann", false);
    CP_VERIFY_OK(removed);
    QVERIFY(*removed);
    auto history = reviewHistory(*store, t, "p1");
    CP_VERIFY_OK(history);
    QCOMPARE(history->size(), std::size_t(3));
    QVERIFY(!(*history)[0].before && (*history)[0].after);
    QCOMPARE(*(*history)[1].before->equivalence, Equivalence::Equivalent);
    QCOMPARE(*(*history)[1].after->equivalence, Equivalence::Unsure);
    QCOMPARE(*(*history)[1].after->expected, ExpectedOutcome::Favourable);
    QVERIFY((*history)[2].before && !(*history)[2].after);
    QCOMPARE((*history)[2].reviewer, std::string("ann"));
    QVERIFY(!(*history)[2].at.empty());

    // Bad labels are refused with the field named; nothing is written.
    ReviewLabel empty = label(t, "p2", "ann", Equivalence::Equivalent);
    empty.equivalence.reset();
    auto refused = saveReviewLabel(*store, empty);
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, std::string("equivalence"));
    auto anonymous = saveReviewLabel(*store, label(t, "p2", "", Equivalence::Equivalent));
    QVERIFY(!anonymous);
    QCOMPARE(anonymous.error().field, std::string("reviewer"));
    QCOMPARE(reviewLabels(*store, t)->size(), std::size_t(0));

    // The history is append-only, whoever writes to the file.
    store.reset();
    bool ok = true;
    cp::test::sql(path, "UPDATE review_history SET reviewer = 'mallory'", &ok);
    QVERIFY(!ok);
    cp::test::sql(path, "DELETE FROM review_history", &ok);
    QVERIFY(!ok);
    QCOMPARE(cp::test::sql(path, "SELECT count(*) FROM review_history"), QStringLiteral("3"));
}

void tst_Reviews::packetRoundTrip()
{
    QTemporaryDir dir;
    auto store = shopflow(dir.filePath("p.counterpart"));
    QVERIFY(store);
    AuditSource source;
    source.label = "baseline";
    auto audited = auditSource(*store, source, {}, false);
    CP_VERIFY_OK(audited);
    QVERIFY(audited->pairs);
    auto subject = reviewSubject(*store, audited->source);
    CP_VERIFY_OK(subject);

    ReviewQueueOptions options;
    options.sample = 4;
    options.seed = 7;
    const auto queue = buildReviewQueue(*audited->pairs, options);
    // Flips first (p4, p5, n1 in table order), then four of the other seven.
    QCOMPARE(queue.size(), std::size_t(7));
    const int key = familyKeyColumn(*audited->pairs, "pair");
    QCOMPARE(familyKey(*audited->pairs, key, std::size_t(queue[0])), std::string("p4"));
    QCOMPARE(familyKey(*audited->pairs, key, std::size_t(queue[2])), std::string("n1"));
    std::set<std::int32_t> distinct(queue.begin(), queue.end());
    QCOMPARE(distinct.size(), queue.size());
    // The sample is stratified over channel: two chat and two email families.
    int chat = 0;
    for (std::size_t i = 3; i < queue.size(); ++i)
        chat += audited->pairs->strata[0].groupOfRow[std::size_t(
                    audited->pairs->row(std::size_t(queue[i]), 0))] == 0;
    QCOMPARE(chat, 2);

    PacketRequest request;
    request.subject = *subject;
    request.index = audited->pairs.get();
    request.familyKeyColumn = key;
    request.families = queue;
    request.reviewer = "remote";
    request.favourableLabel = "auto_serve";
    request.unfavourableLabel = "human_review";
    auto spec = parseAuditSpecText(audited->audit.spec.json, "spec");
    CP_VERIFY_OK(spec);
    request.hiddenColumns = blindColumns(*spec, false);
    QCOMPARE(request.hiddenColumns,
             (std::vector<std::string>{"score", "evidence_passed", "expected_auto_serve"}));
    // A scoring run's LLM outputs are hidden too: a reply tells its answer as a score does.
    {
        const auto run = blindColumns(*spec, true);
        for (const char *c : {"reply", "logprob", "repeat_favourable", "refused", "label"})
            QVERIFY2(std::find(run.begin(), run.end(), std::string(c)) != run.end(), c);
        AuditSpec withLlm = *spec;
        withLlm.llm.replyColumn = "answer_text";
        const auto table = blindColumns(withLlm, false);
        QVERIFY(std::find(table.begin(), table.end(), std::string("answer_text")) != table.end());
    }
    const std::string file = dir.filePath("packet.json").toStdString();
    auto packet = makePacket(*store, request, file);
    CP_VERIFY_OK(packet);
    CP_VERIFY_OK(writePacketFile(*packet, file));
    json j = readJson(file);
    QCOMPARE(j["items"].size(), std::size_t(7));
    QCOMPARE(j["subject"]["sha256"].get<std::string>(), subject->sha256);
    // Blind: no score, stage or expected outcome in the packet, in its columns or its values.
    QVERIFY(j["blind"].get<bool>());
    QCOMPARE(j["columns"], json({"pair", "variant", "channel"}));
    QCOMPARE(j["items"][0]["variants"].size(), std::size_t(2));
    QCOMPARE(j["items"][0]["variants"][0]["values"].size(), std::size_t(3));
    for (const json &item : j["items"])
        for (const json &v : item["variants"])
            for (const json &value : v["values"])
                QVERIFY(value != "yes" && value != "no" && value != "true"
                        && value.get<std::string>().find("0.") != 0);

    // The remote reviewer fills it in (outcome labels or keys both accepted).
    for (const json &item : j["items"])
        j["labels"].push_back({{"family", item["family"]},
                               {"equivalence", item["family"] == "n1" ? "not_equivalent" : "equivalent"},
                               {"expected", item["family"].get<std::string>()[0] == 'p'
                                                ? "auto_serve" : "unfavourable"},
                               {"note", "checked"}});
    writeJson(j, file);
    auto imported = importPacketFile(*store, file);
    CP_VERIFY_OK(imported);
    QCOMPARE(imported->labels, std::int64_t(7));
    QCOMPARE(imported->changed, std::int64_t(7));
    auto labels = reviewLabels(*store, subject->tableId);
    CP_VERIFY_OK(labels);
    QCOMPARE(labels->size(), std::size_t(7));
    QCOMPARE((*labels)[0].reviewer, std::string("remote"));
    QVERIFY(QString::fromStdString((*labels)[0].source).startsWith("packet rp-"));
    const auto historyBefore = reviewHistory(*store, subject->tableId)->size();

    // Importing the same packet twice changes nothing.
    auto twice = importPacketFile(*store, file);
    CP_VERIFY_OK(twice);
    QCOMPARE(twice->changed, std::int64_t(0));
    QCOMPARE(reviewHistory(*store, subject->tableId)->size(), historyBefore);
    QCOMPARE(reviewLabels(*store, subject->tableId)->size(), std::size_t(7));
    auto recorded = packets(*store, subject->tableId);
    CP_VERIFY_OK(recorded);
    QCOMPARE(recorded->size(), std::size_t(3)); // one export, two imports

    // A packet for another probe set version is refused, and says why.
    j["subject"]["sha256"] = std::string(64, 'a');
    const std::string other = dir.filePath("other.json").toStdString();
    writeJson(j, other);
    auto foreign = importPacketFile(*store, other);
    QVERIFY(!foreign);
    QVERIFY2(QString::fromStdString(foreign.error().message).contains("different probe set version"),
             foreign.error().toString().c_str());
    QCOMPARE(foreign.error().file, other);
}

void tst_Reviews::quotedFamilyKeys()
{
    // Family ids with a comma and a quote: the key is the CSV field, unquoted.
    QTemporaryDir dir;
    auto store = shopflow(dir.filePath("p.counterpart"));
    QVERIFY(store);
    const std::string csv = "pair,variant,channel,expected_auto_serve,evidence_passed,score\n"
                            "\"p,1\",formal,chat,yes,true,0.9\n"
                            "\"p,1\",conversational,chat,yes,true,0.5\n"
                            "\"q\"\"2\",formal,email,no,true,0.2\n"
                            "\"q\"\"2\",conversational,email,no,true,0.3\n";
    auto table = store->importTable("quoted", csv, "csv");
    CP_VERIFY_OK(table);
    AuditSource source;
    source.id = table->id;
    auto audited = auditSource(*store, source, {}, false);
    CP_VERIFY_OK(audited);
    QVERIFY(audited->pairs);
    const int key = familyKeyColumn(*audited->pairs, "pair");
    QCOMPARE(familyKey(*audited->pairs, key, 0), std::string("p,1"));
    QCOMPARE(familyKey(*audited->pairs, key, 1), std::string("q\"2"));
    CP_VERIFY_OK(saveReviewLabel(*store, label(table->id, "q\"2", "ann", Equivalence::NotEquivalent)));
    const auto states = reviewStates(*audited->pairs, key,
                                     summariseReviews(*reviewLabels(*store, table->id),
                                                      ConsensusRule::Majority));
    QCOMPARE(states, (std::vector<std::uint8_t>{std::uint8_t(ReviewState::Unreviewed),
                                                std::uint8_t(ReviewState::NotEquivalent)}));
    // Family keys that need quoting are found again by key.
    const FamilyKeyIndex keys(audited->pairs, key);
    QCOMPARE(keys.find("p,1"), 0);
    QCOMPARE(keys.find("q\"2"), 1);
    QCOMPARE(keys.find("q"), -1);
    QVERIFY(awaitingAdjudication(states).empty());
    const std::vector<std::uint8_t> disputed = {
        std::uint8_t(ReviewState::AwaitingAdjudication), std::uint8_t(ReviewState::Equivalent),
        std::uint8_t(ReviewState::AwaitingAdjudication)};
    QCOMPARE(awaitingAdjudication(disputed), (std::vector<std::int32_t>{0, 2}));
}

void tst_Reviews::badPackets_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("field");
    QTest::newRow("not a packet") << "format" << "/format";
    QTest::newRow("newer version") << "version" << "/version";
    QTest::newRow("unknown family") << "family" << "/labels/1/family";
    QTest::newRow("bad equivalence") << "equivalence" << "/labels/1/equivalence";
    QTest::newRow("bad expected") << "expected" << "/labels/1/expected";
    QTest::newRow("no reviewer") << "reviewer" << "/labels/0/reviewer";
    QTest::newRow("empty label") << "empty" << "/labels/1";
    // Values of the wrong type and missing keys aborted the import (issue 14, defect 1).
    QTest::newRow("format a number") << "format-number" << "/format";
    QTest::newRow("reviewer a number") << "reviewer-number" << "/reviewer";
    QTest::newRow("outcomes a string") << "outcomes-string" << "/outcomes";
    QTest::newRow("adjudication a string") << "adjudication-string" << "/labels/1/adjudication";
    QTest::newRow("label without family") << "label-no-family" << "/labels/1/family";
    QTest::newRow("item without family") << "item-no-family" << "/items/1/family";
    QTest::newRow("subject without sha256") << "subject-no-sha" << "/subject/sha256";
    QTest::newRow("note a number") << "note-number" << "/labels/1/note";
}

void tst_Reviews::badPackets()
{
    QFETCH(QString, edit);
    QFETCH(QString, field);
    QTemporaryDir dir;
    auto store = shopflow(dir.filePath("p.counterpart"));
    QVERIFY(store);
    auto table = store->findTable("baseline");
    json j = {{"format", PacketFormat}, {"version", PacketVersion}, {"packet_id", "rp-test"},
              {"subject", {{"sha256", table->sha256}, {"name", "baseline"}}},
              {"reviewer", "remote"},
              {"outcomes", {{"favourable", "auto_serve"}, {"unfavourable", "human_review"}}},
              {"items", {{{"family", "p1"}}, {{"family", "p2"}}}},
              {"labels", {{{"family", "p1"}, {"equivalence", "equivalent"}},
                          {{"family", "p2"}, {"equivalence", "unsure"}}}}};
    if (edit == "format")
        j["format"] = "something-else";
    else if (edit == "version")
        j["version"] = 99;
    else if (edit == "family")
        j["labels"][1]["family"] = "p9";
    else if (edit == "equivalence")
        j["labels"][1]["equivalence"] = "same";
    else if (edit == "expected")
        j["labels"][1]["expected"] = "maybe";
    else if (edit == "reviewer")
        j["reviewer"] = "";
    else if (edit == "empty")
        j["labels"][1] = {{"family", "p2"}};
    else if (edit == "format-number")
        j["format"] = 1;
    else if (edit == "reviewer-number")
        j["reviewer"] = 5;
    else if (edit == "outcomes-string")
        j["outcomes"] = "auto_serve";
    else if (edit == "adjudication-string")
        j["labels"][1]["adjudication"] = "yes";
    else if (edit == "label-no-family")
        j["labels"][1].erase("family");
    else if (edit == "item-no-family")
        j["items"][1].erase("family");
    else if (edit == "subject-no-sha")
        j["subject"].erase("sha256");
    else if (edit == "note-number")
        j["labels"][1]["note"] = 3;
    const std::string file = dir.filePath("bad.json").toStdString();
    writeJson(j, file);
    auto imported = importPacketFile(*store, file);
    QVERIFY(!imported);
    QCOMPARE(QString::fromStdString(imported.error().field), field);
    QCOMPARE(imported.error().file, file);
    // All or nothing: the good first label is not saved either.
    QCOMPARE(reviewLabels(*store, table->id)->size(), std::size_t(0));

    // Not JSON at all.
    QFile garbage(dir.filePath("garbage.json"));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("{\"format\": ");
    garbage.close();
    auto parse = importPacketFile(*store, garbage.fileName().toStdString());
    QVERIFY(!parse);
    QCOMPARE(parse.error().code, ErrorCode::Parse);
}

void tst_Reviews::auditWithReviews()
{
    QTemporaryDir dir;
    auto store = shopflow(dir.filePath("p.counterpart"));
    QVERIFY(store);
    auto table = store->findTable("baseline");
    const std::int64_t t = table->id;
    // Without reviews the audit is the reference fixture's.
    auto plain = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(plain);
    QVERIFY(!plain->result.reviews);
    QCOMPARE(*plain->result.families, std::int64_t(10));

    // ann and bob judge n1 not equivalent (the formal false positive); ann alone says p6 should
    // not be auto-served, against the table's y_true.
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "n1", "ann", Equivalence::NotEquivalent)));
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "n1", "bob", Equivalence::NotEquivalent)));
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "p6", "ann", Equivalence::Equivalent,
                                               ExpectedOutcome::Unfavourable)));
    // p2: a dispute (1–1): not applied until adjudicated.
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "p2", "ann", Equivalence::Equivalent,
                                               ExpectedOutcome::Unfavourable)));
    CP_VERIFY_OK(saveReviewLabel(*store, label(t, "p2", "bob", Equivalence::NotEquivalent)));
    auto reviewed = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(reviewed);
    const AuditResult &r = reviewed->result;
    QVERIFY(r.reviews);
    QCOMPARE(*r.families, std::int64_t(9));
    QCOMPARE(r.rows, std::int64_t(18));
    QCOMPARE(r.reviews->excludedNotEquivalent, std::int64_t(1));
    QCOMPARE(r.reviews->excludedRows, std::int64_t(2));
    QCOMPARE(r.reviews->awaitingAdjudication, std::int64_t(1));
    QCOMPARE(r.reviews->truthFromReviews, std::int64_t(1));
    QCOMPARE(r.warnings[0].message,
             std::string("1 pair excluded as not equivalent by the reviewers (2 rows)"));
    // n1 was the only formal false positive: formal FPR 0/3. p6 is now a negative: formal TPR
    // 5/5, conversational 3/5.
    const SliceRates *formal = r.findSlice("variant", "formal");
    const SliceRates *conversational = r.findSlice("variant", "conversational");
    QVERIFY(formal && conversational);
    QCOMPARE(formal->rate(Metric::Fpr).k, std::int64_t(0));
    QCOMPARE(formal->rate(Metric::Fpr).n, std::int64_t(4)); // n2, n3, n4, p6
    QCOMPARE(formal->rate(Metric::Tpr).k, std::int64_t(5));
    QCOMPARE(formal->rate(Metric::Tpr).n, std::int64_t(5));
    QCOMPARE(conversational->rate(Metric::Tpr).k, std::int64_t(3));
    QCOMPARE(conversational->rate(Metric::Tpr).n, std::int64_t(5));
    // n1's flip no longer counts.
    QCOMPARE(r.flips.size(), std::size_t(2));
    // The Pairs view still lists n1 (the reviewers may change their minds), and each flip's row
    // is the row of its own family there, not of the family at that place in the audited rows.
    AuditSource source;
    source.label = "baseline";
    auto withPairs = auditSource(*store, source, {}, false);
    CP_VERIFY_OK(withPairs);
    QVERIFY(withPairs->pairs);
    QCOMPARE(withPairs->pairs->families.size(), std::size_t(10));
    const int key = familyKeyColumn(*withPairs->pairs, "pair");
    QCOMPARE(withPairs->audit.result.flips.size(), std::size_t(2));
    for (const Flip &flip : withPairs->audit.result.flips)
        QCOMPARE(familyKey(*withPairs->pairs, key,
                           withPairs->pairs->familyOfRow[std::size_t(flip.firstRow)]),
                 flip.family);

    // An adjudicator settles p2: equivalent, favourable (the table's own y_true).
    ReviewLabel verdict = label(t, "p2", "dee", Equivalence::Equivalent, ExpectedOutcome::Favourable);
    verdict.adjudication = true;
    CP_VERIFY_OK(saveReviewLabel(*store, verdict));
    auto settled = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(settled);
    QCOMPARE(settled->result.reviews->awaitingAdjudication, std::int64_t(0));
    QCOMPARE(settled->result.reviews->adjudicated, std::int64_t(1));
    QCOMPARE(settled->result.reviews->truthFromReviews, std::int64_t(2));

    // "use": false leaves the audit as the table says.
    auto spec = store->currentSpec();
    json j = json::parse((*spec)->json);
    j["reviews"] = {{"use", false}};
    CP_VERIFY_OK(store->saveSpec(j.dump()));
    auto ignored = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(ignored);
    QVERIFY(!ignored->result.reviews);
    QCOMPARE(*ignored->result.families, std::int64_t(10));
}

void tst_Reviews::reviewChecks()
{
    QTemporaryDir dir;
    auto store = shopflow(dir.filePath("p.counterpart"));
    QVERIFY(store);
    const std::int64_t t = store->findTable("baseline")->id;
    QCOMPARE(setContract(*store, {{"min_reviewed_pairs", 4}, {"min_agreement", 0.6}}),
             std::string());
    // No reviews yet: both checks fail or are insufficient, and the decision lists them.
    auto none = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(none);
    const Check *pairs = none->result.findCheck("min_reviewed_pairs", "");
    QVERIFY(pairs);
    QCOMPARE(pairs->status, CheckStatus::Failed);
    QCOMPARE(*pairs->value, 0.0);
    const Check *agreement = none->result.findCheck("min_agreement", "equivalence");
    QVERIFY(agreement);
    QCOMPARE(agreement->status, CheckStatus::Insufficient);
    QVERIFY(!agreement->value);

    // ann and bob on four families: (Eq,Eq) (Eq,Ne) (Ne,Ne) (Ne,Ne) → α = 0.533 < 0.6; with
    // majority, (Eq,Ne) is disputed, so 1 equivalent pair.
    const char *families[] = {"p1", "p3", "n2", "n3"};
    const Equivalence annSays[] = {Equivalence::Equivalent, Equivalence::Equivalent,
                                   Equivalence::NotEquivalent, Equivalence::NotEquivalent};
    const Equivalence bobSays[] = {Equivalence::Equivalent, Equivalence::NotEquivalent,
                                   Equivalence::NotEquivalent, Equivalence::NotEquivalent};
    for (int i = 0; i < 4; ++i) {
        CP_VERIFY_OK(saveReviewLabel(*store, label(t, families[i], "ann", annSays[i])));
        CP_VERIFY_OK(saveReviewLabel(*store, label(t, families[i], "bob", bobSays[i])));
    }
    auto some = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(some);
    agreement = some->result.findCheck("min_agreement", "equivalence");
    QCOMPARE(agreement->status, CheckStatus::Failed);
    QVERIFY(std::abs(*agreement->value - (1.0 - 14.0 / 30.0)) < 1e-9);
    QVERIFY(QString::fromStdString(agreement->detail).contains("over 4 pairs"));
    QCOMPARE(*some->result.findCheck("min_reviewed_pairs", "")->value, 1.0);
    // The expected-outcome question has no answers, so it is not checked.
    QVERIFY(!some->result.findCheck("min_agreement", "expected outcome"));
    QCOMPARE(*some->result.decision, Decision::Blocked);
    // Agreement figures travel with the result.
    QCOMPARE(some->result.reviews->agreement.size(), std::size_t(4));
    QCOMPARE(some->result.reviews->agreement[0].items, std::int64_t(4));

    // The report and the gate's JUnit list the review checks and the agreement figures.
    AuditSource baseline;
    baseline.label = "baseline";
    auto audited = auditSource(*store, baseline, {}, false);
    CP_VERIFY_OK(audited);
    auto report = buildReport(*store, *audited, {});
    CP_VERIFY_OK(report);
    const QString html = QString::fromStdString(renderHtml(*report));
    QVERIFY(html.contains("minimum reviewed pairs"));
    QVERIFY(html.contains("minimum reviewer agreement"));
    QVERIFY(html.contains("0.533"));
    QVERIFY(!html.contains("No reviews recorded"));
    const QString junit = QString::fromStdString(junitXml(*report));
    QVERIFY(junit.contains("min_agreement"));
    QVERIFY(junit.contains("min_reviewed_pairs"));

    // Lower the bars: both checks pass.
    QCOMPARE(setContract(*store, {{"min_reviewed_pairs", 1}, {"min_agreement", 0.5}}),
             std::string());
    auto passing = auditProjectTable(*store, "baseline", {}, false);
    CP_VERIFY_OK(passing);
    QCOMPARE(passing->result.findCheck("min_reviewed_pairs", "")->status, CheckStatus::Passed);
    QCOMPARE(passing->result.findCheck("min_agreement", "equivalence")->status,
             CheckStatus::Passed);

    // Bad contract values are refused with their path.
    auto spec = store->currentSpec();
    json j = json::parse((*spec)->json);
    j["contract"]["min_agreement"] = 2;
    auto bad = store->saveSpec(j.dump());
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, std::string("/contract/min_agreement"));
    j["contract"]["min_agreement"] = 0.5;
    j["reviews"] = {{"consensus", "most"}};
    bad = store->saveSpec(j.dump());
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, std::string("/reviews/consensus"));
}

void tst_Reviews::killedWhileLabelling()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("p.counterpart");
    std::int64_t table = 0;
    {
        auto store = shopflow(path);
        QVERIFY(store);
        table = store->findTable("baseline")->id;
    }
    QProcess helper;
    helper.start(QStringLiteral(REVIEW_CRASHER),
                 {path, QString::number(table), QStringLiteral("f"), QStringLiteral("100000")});
    QVERIFY(helper.waitForStarted());
    int reported = 0;
    QByteArray buffer;
    while (reported < 40 && helper.waitForReadyRead(10000)) {
        buffer += helper.readAllStandardOutput();
        const auto lines = buffer.split('\n');
        for (const QByteArray &line : lines)
            if (line.startsWith("saved "))
                reported = std::max(reported, line.mid(6).toInt());
    }
    QVERIFY2(reported >= 40, buffer.right(200).constData());
    helper.kill(); // SIGKILL mid-session: no destructor, no rollback, no checkpoint
    QVERIFY(helper.waitForFinished());

    auto store = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(store);
    auto labels = reviewLabels(**store, table);
    CP_VERIFY_OK(labels);
    // Every label the helper reported is there; at most a few more committed before the kill.
    QVERIFY2(std::int64_t(labels->size()) >= reported, qPrintable(QString::number(labels->size())));
    auto history = reviewHistory(**store, table);
    CP_VERIFY_OK(history);
    QCOMPARE(history->size(), labels->size());  // a label and its history entry, or neither
    for (const ReviewLabel &l : *labels)
        QVERIFY(!l.note.empty() && l.equivalence);
    qInfo("killed after %d reported labels: %zu saved", reported, labels->size());
}

QTEST_APPLESS_MAIN(tst_Reviews)
#include "tst_reviews.moc"
