// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Scoring runs: the built-in model against hand-computed scores, scorer configs and their
// errors, the predictions file, runs stored in a project, a real process killed mid-run and
// resumed without rescoring, the trust gate, secrets kept out of the project, and the audit
// of a run.

#include "../support/testsupport.h"

#include <core/audit/auditspec.h>
#include <core/audit/pairsindex.h>
#include <core/score/builtinmodel.h>
#include <core/score/scorerconfig.h>
#include <core/table/csvrows.h>
#include <core/table/vectorrows.h>
#include <core/score/scoringestimate.h>
#include <core/score/scoringrun.h>
#include <core/score/trust.h>
#include <core/workflow/runaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>

#include <nlohmann/json.hpp>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <fstream>
#include <set>

using namespace cp;

namespace {

/// Four families of two variants; everything but gender, name and pronoun is shared.
const char *ProbeCsv =
    "family,variant,gender,first_name,pronoun,years,note\n"
    "1,female,female,Emily,she,4,\"Strong lead, she says\"\n"
    "1,male,male,Jake,he,4,\"Strong lead, he says\"\n"
    "2,female,female,Anne,she,10,\"quiet, she\"\n"
    "2,male,male,John,he,10,\"quiet, he\"\n"
    "3,female,female,Sara,she,0,She LEADS\n"
    "3,male,male,Sam,he,0,He LEADS\n"
    "4,female,female,Ada,she,7,\"said \"\"leadership\"\"\"\n"
    "4,male,male,Al,he,7,\"said \"\"leadership\"\" too\"\n";

ProbeSetLayout probeLayout()
{
    ProbeSetLayout l;
    l.familyColumn = "family";
    l.variantColumn = "variant";
    l.protectedColumns = {"gender"};
    l.linkedColumns = {"first_name", "pronoun", "note"};
    l.linkedFollows["first_name"] = {"gender"};
    l.linkedFollows["pronoun"] = {"gender"};
    return l;
}

const char *BuiltinConfig = R"({
  "name": "toy", "version": "2", "kind": "builtin",
  "builtin": {"link": "logistic", "intercept": -1, "numeric": {"years": 0.2},
              "categorical": {"gender": {"female": -1.2}},
              "keywords": {"note": {"leads": 0.7, "leadership": 0.3, "she": -0.4}},
              "threshold": 0.5, "labels": ["no", "yes"]}})";

double logistic(double z)
{
    return 1 / (1 + std::exp(-z));
}

void writeFile(const QString &path, const std::string &text)
{
    std::ofstream f(path.toStdString(), std::ios::binary | std::ios::trunc);
    f << text;
}

/// Every byte of the project file and its WAL, for looking for what must not be there.
QByteArray projectBytes(const QString &path)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile f(path + suffix);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace

class tst_Scoring : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Trust lives in the user's settings: keep the tests' trust apart from the user's.
        qputenv("COUNTERPART_TRUST_FILE", m_dir.filePath("trust.json").toUtf8());
    }

    void rowsSplitQuotedCells()
    {
        auto rows = CsvRows::parse(ProbeCsv, "probe.csv");
        CP_VERIFY_OK(rows);
        QCOMPARE((*rows)->rowCount(), std::int64_t(8));
        QCOMPARE((*rows)->id(6), std::string("4:female"));
        std::vector<std::string_view> cells;
        std::string scratch;
        (*rows)->cells(6, cells, scratch);
        QCOMPARE(cells.size(), std::size_t(7));
        QCOMPARE(std::string(cells[6]), std::string("said \"leadership\""));
        QCOMPARE(std::string(cells[3]), std::string("Ada"));
        (*rows)->cells(0, cells, scratch);
        QCOMPARE(std::string(cells[6]), std::string("Strong lead, she says"));
        QCOMPARE(requestId(**rows, ScoreTask{6, 2}), std::string("4:female#2"));
        auto bad = CsvRows::parse("a,b\n1,2\n3\n", "bad.csv");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().line, std::int64_t(3));
    }

    /// CsvRows::index finds the same rows as a full parse (line ends only, and a field-by-field
    /// scan of the lines with a quote): quoted line breaks, blank lines, CRLF, a BOM, a quote in
    /// the middle of a field, a last line without its line end.
    void rowIndexMatchesParse()
    {
        const std::string csv = "\xEF\xBB\xBF"
                                "family,variant,text\r\n"
                                "\r\n"
                                "1,a,\"line one\nline two\"\r\n"
                                "\n"
                                "2,b,plain\n"
                                "3,c,mid\"quote\n"
                                "4,\"d\",\"\"\"\"\n"
                                "\"5,5\",e,\"x\"\"\n\"\"y\"\n"
                                "6,f,last";
        auto parsed = CsvRows::parse(csv, "t.csv");
        auto indexed = CsvRows::index(csv, "t.csv");
        CP_VERIFY_OK(parsed);
        CP_VERIFY_OK(indexed);
        const CsvRows &p = **parsed, &x = **indexed;
        QCOMPARE(x.rowCount(), std::int64_t(6));
        QCOMPARE(x.rowCount(), p.rowCount());
        QCOMPARE(x.columns(), p.columns());
        std::vector<std::string_view> a, b;
        std::string sa, sb, one;
        for (std::int64_t r = 0; r < x.rowCount(); ++r) {
            QCOMPARE(x.rowBytes(r), p.rowBytes(r));
            QCOMPARE(x.lineOfRow(r), p.lineOfRow(r));
            QCOMPARE(x.id(r), p.id(r));
            x.cells(r, a, sa);
            p.cells(r, b, sb);
            QCOMPARE(a, b);
            for (std::size_t c = 0; c < a.size(); ++c)
                QCOMPARE(x.cell(r, c, one), a[c]);
        }
        QCOMPARE(x.lineOfRow(0), std::int64_t(3));
        QCOMPARE(x.lineOfRow(5), std::int64_t(11));
        QCOMPARE(x.id(4), std::string("5,5:e"));
        x.cells(4, a, sa);
        QCOMPARE(std::string(a[2]), std::string("x\"\n\"y"));
        QVERIFY(!CsvRows::index("a,b\n1,\"2\n", "bad.csv").ok());  // unterminated quote
    }

    /// Every score by hand: z = -1 + 0.2·years − 1.2·[female] + keyword weights (whole words,
    /// any case: "LEADS" counts, "lead" and "leadership" inside quotes count as written).
    void builtinModelScoresByHand()
    {
        auto config = parseScorerConfig(BuiltinConfig, "toy.json", {});
        CP_VERIFY_OK(config);
        auto scorer = makeScorer(*config);
        CP_VERIFY_OK(scorer);
        auto rows = CsvRows::parse(ProbeCsv, "probe.csv");
        std::vector<ScoreTask> tasks;
        for (std::int64_t r = 0; r < 8; ++r)
            tasks.push_back({r, 0});
        std::vector<ScoreResult> results(8);
        CP_VERIFY_OK((*scorer)->run(
            **rows, tasks,
            [&](std::size_t t, ScoreResult r) -> Status {
                results[t] = std::move(r);
                return Ok{};
            },
            [](std::string_view) {}, {}));
        const double expected[8] = {
            logistic(-1 + 0.8 - 1.2 - 0.4),  // she: -0.4; "lead" is not "leads"
            logistic(-1 + 0.8),
            logistic(-1 + 2.0 - 1.2 - 0.4),
            logistic(-1 + 2.0),
            logistic(-1 - 1.2 - 0.4 + 0.7),  // She, LEADS
            logistic(-1 + 0.7),
            logistic(-1 + 1.4 - 1.2 + 0.3),
            logistic(-1 + 1.4 + 0.3)};
        for (int i = 0; i < 8; ++i) {
            QVERIFY2(results[std::size_t(i)].ok(), results[std::size_t(i)].error.c_str());
            QVERIFY(results[std::size_t(i)].score.has_value());
            QCOMPARE(*results[std::size_t(i)].score, expected[i]);
            QCOMPARE(results[std::size_t(i)].label,
                     std::string(expected[i] >= 0.5 ? "yes" : "no"));
        }
    }

    void builtinRowErrorNamesField()
    {
        auto config = parseScorerConfig(BuiltinConfig, "toy.json", {});
        auto scorer = makeScorer(*config);
        VectorRows rows({"gender", "years", "note"}, {{"female", "ten", "x"}}, {"r1"});
        std::vector<ScoreTask> tasks{{0, 0}};
        ScoreResult got;
        CP_VERIFY_OK((*scorer)->run(
            rows, tasks,
            [&](std::size_t, ScoreResult r) -> Status {
                got = std::move(r);
                return Ok{};
            },
            [](std::string_view) {}, {}));
        QVERIFY(!got.ok());
        QVERIFY2(got.error.find("'years'") != std::string::npos
                     && got.error.find("'ten'") != std::string::npos,
                 got.error.c_str());
        // A field the rows lack stops the run with a clear error.
        VectorRows missing({"gender"}, {{"female"}}, {"r1"});
        auto s = (*scorer)->run(
            missing, tasks, [](std::size_t, ScoreResult) -> Status { return Ok{}; },
            [](std::string_view) {}, {});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.find("'years'") != std::string::npos,
                 s.error().toString().c_str());
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::newRow("no name") << R"({"kind": "builtin", "builtin": {}})" << "/name";
        QTest::newRow("bad kind") << R"({"name": "m", "kind": "magic"})" << "/kind";
        QTest::newRow("missing section") << R"({"name": "m", "kind": "builtin"})" << "/builtin";
        QTest::newRow("other section")
            << R"({"name": "m", "kind": "builtin", "builtin": {"numeric": {"a": 1}}, "http": {}})"
            << "/http";
        QTest::newRow("unknown key") << R"({"name": "m", "kind": "builtin", "colour": 1})"
                                     << "/colour";
        QTest::newRow("repeats") << R"({"name": "m", "kind": "builtin", "repeats": 0,
                                        "builtin": {"numeric": {"a": 1}}})"
                                 << "/repeats";
        QTest::newRow("weight not a number")
            << R"({"name": "m", "kind": "builtin", "builtin": {"numeric": {"years": "high"}}})"
            << "/builtin/numeric/years";
        QTest::newRow("categorical weight")
            << R"({"name": "m", "kind": "builtin",
                   "builtin": {"categorical": {"gender": {"female": null}}}})"
            << "/builtin/categorical/gender/female";
        QTest::newRow("no weights") << R"({"name": "m", "kind": "builtin", "builtin": {}})"
                                    << "/builtin";
        QTest::newRow("labels") << R"({"name": "m", "kind": "builtin",
                                       "builtin": {"numeric": {"a": 1}, "labels": ["x"]}})"
                                << "/builtin/labels";
        QTest::newRow("predictions without file")
            << R"({"name": "m", "kind": "predictions", "predictions": {"id": "id"}})"
            << "/predictions/file";
    }

    void configErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        auto config = parseScorerConfig(text.toStdString(), "model.json", {});
        QVERIFY(!config.ok());
        QCOMPARE(QString::fromStdString(config.error().field), path);
        QCOMPARE(QString::fromStdString(config.error().file), QStringLiteral("model.json"));
    }

    void predictionsFile()
    {
        const QString file = m_dir.filePath("preds.csv");
        writeFile(file, "id,score,label\n1:female,0.2,no\n1:male,0.9,yes\n2:female,0.6,yes\n"
                        "9:male,0.1,no\n");
        auto config = parseScorerConfig(
            R"({"name": "p", "kind": "predictions",
                "predictions": {"file": "preds.csv", "label": "label"}})",
            "p.json", m_dir.path().toStdString());
        CP_VERIFY_OK(config);
        auto scorer = makeScorer(*config);
        CP_VERIFY_OK(scorer);
        auto rows = CsvRows::parse(ProbeCsv, "probe.csv");
        std::vector<ScoreTask> tasks;
        for (std::int64_t r = 0; r < 4; ++r)
            tasks.push_back({r, 0});
        std::vector<ScoreResult> results(4);
        std::vector<std::string> log;
        CP_VERIFY_OK((*scorer)->run(
            **rows, tasks,
            [&](std::size_t t, ScoreResult r) -> Status {
                results[t] = std::move(r);
                return Ok{};
            },
            [&](std::string_view l) { log.emplace_back(l); }, {}));
        QCOMPARE(*results[0].score, 0.2);
        QCOMPARE(results[1].label, std::string("yes"));
        QCOMPARE(*results[2].score, 0.6);
        QVERIFY(!results[3].ok());  // 2:male has no prediction
        QVERIFY(results[3].error.find("2:male") != std::string::npos);
        bool unknownReported = false;
        for (const auto &l : log)
            unknownReported = unknownReported || (l.find("1 id(s)") != std::string::npos
                                                  && l.find("9:male") != std::string::npos);
        QVERIFY2(unknownReported, "the id matching no variant is reported");

        writeFile(file, "id,score,label\n1:female,0.2,no\n1:female,0.3,no\n");
        auto twice = makeScorer(*config);
        auto s = (*twice)->run(
            **rows, tasks, [](std::size_t, ScoreResult) -> Status { return Ok{}; },
            [](std::string_view) {}, {});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().line == 3, s.error().toString().c_str());
        QVERIFY(s.error().message.find("line 2") != std::string::npos);
    }

    /// `score --estimate` ran the whole job for every kind but HTTP: a dry run against a paid
    /// command wrapper cost real money. Every kind estimates now, in both forms, and nothing
    /// runs: the command is never started, no run is recorded, no file is written.
    void estimateScoresNothing()
    {
        const QString path = m_dir.filePath("estimate.counterpart");
        const QString started = m_dir.filePath("estimate-started");
        QFile::remove(started);
        {
            auto store = ProjectStore::open(path.toStdString(),
                                            ProjectStore::OpenMode::CreateIfMissing);
            CP_VERIFY_OK(store);
            CP_VERIFY_OK(freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}},
                                        probeLayout(), ProbeCsv));
        }
        // A "paid" command: it leaves a mark the moment it starts.
        const QString script = m_dir.filePath("paid.py");
        writeFile(script, "import json, sys\n"
                          "open(sys.argv[1], 'a').close()\n"
                          "for line in sys.stdin:\n"
                          "    r = json.loads(line)\n"
                          "    print(json.dumps({'id': r['id'], 'score': 0.5}), flush=True)\n");
        const nlohmann::json paid = {
            {"name", "paid"},
            {"kind", "command"},
            {"repeats", 2},
            {"command",
             {{"argv", {"python3", script.toStdString(), started.toStdString()}}}}};
        writeFile(m_dir.filePath("paid.json"), paid.dump());
        writeFile(m_dir.filePath("toy.json"), BuiltinConfig);
        auto cli = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral(COUNTERPART_CLI), args);
            p.waitForFinished(60000);
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()
                                                                  + p.readAllStandardError()));
        };
        for (const char *config : {"paid.json", "toy.json"})
            QCOMPARE(cli({"models", "--project", path, "--add", m_dir.filePath(config)}).first, 0);

        const auto command = cli({"score", "--project", path, "--probe-set", "toy", "--model",
                                  "paid", "--trust", "--estimate"});
        QVERIFY2(command.first == 0, qPrintable(command.second));
        QVERIFY2(command.second.contains(
                     "estimate for model 'paid' on probe set 'toy': 16 tasks (8 rows × 2 "
                     "repeats), 16 requests to the command\n"),
                 qPrintable(command.second));
        QVERIFY2(command.second.contains("nothing was scored (--estimate)"),
                 qPrintable(command.second));
        // Not trusted yet, and not trusted by an estimate either: it says so.
        const auto untrusted = cli({"score", "--project", path, "--probe-set", "toy", "--model",
                                    "paid", "--estimate"});
        QVERIFY2(untrusted.first == 0
                     && untrusted.second.contains("would ask to trust this scorer first"),
                 qPrintable(untrusted.second));
        const auto builtin = cli({"score", "--project", path, "--probe-set", "toy", "--model",
                                  "toy", "--estimate"});
        QVERIFY2(builtin.first == 0
                     && builtin.second.contains("8 tasks (8 rows × 1 repeat), scored in this "
                                                "process (no requests)"),
                 qPrintable(builtin.second));
        // The file form had no estimate at all: it scored and wrote the file.
        const QString rows = m_dir.filePath("estimate-rows.csv");
        const QString out = m_dir.filePath("estimate-out.csv");
        writeFile(rows, ProbeCsv);
        QFile::remove(out);
        const auto file = cli({"score", "--in", rows, "--scorer", m_dir.filePath("paid.json"),
                               "--out", out, "--estimate"});
        QVERIFY2(file.first == 0 && file.second.contains("16 requests to the command"),
                 qPrintable(file.second));
        QVERIFY(!QFile::exists(out));
        QVERIFY2(!QFile::exists(started), "an estimate started the command");
        const auto listed = cli({"score", "--project", path, "--list"});
        QVERIFY2(listed.second.contains("no scoring runs"), qPrintable(listed.second));

        // The same through core, for a resume: what the run already has is not counted again.
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ExistingOnly);
        CP_VERIFY_OK(store);
        auto set = findProbeSet(**store, "toy");
        auto model = findModel(**store, "toy");
        CP_VERIFY_OK(set);
        CP_VERIFY_OK(model);
        auto before = estimateScoring(**store, *set, *model);
        CP_VERIFY_OK(before);
        QCOMPARE(before->tasks, std::int64_t(8));
        QCOMPARE(before->requests, std::int64_t(0));
        QVERIFY(!before->wouldStop && !before->needsTrust);
        // A run whose third answer is garbage: a resume retries that one task only.
        const nlohmann::json flaky = {
            {"name", "flaky"},
            {"kind", "command"},
            {"command", {{"argv", {COUNTERPART_FAKE_SCORER, "garbage-at", "3"}}}}};
        auto flakyConfig = parseScorerConfig(flaky.dump(), "flaky.json", {});
        CP_VERIFY_OK(flakyConfig);
        auto flakyModel = addModel(**store, *flakyConfig);
        CP_VERIFY_OK(flakyModel);
        ScoringOptions trusted;
        trusted.trust = true;
        auto first = scoreProbeSet(**store, *set, *flakyModel, trusted);
        CP_VERIFY_OK(first);
        QCOMPARE(first->run.errors, std::int64_t(1));
        ScoringOptions resume;
        resume.resume = true;
        auto partial = estimateScoring(**store, *set, *flakyModel, resume);
        CP_VERIFY_OK(partial);
        QCOMPARE(partial->alreadyScored, std::int64_t(7));
        QCOMPARE(partial->toScore, std::int64_t(1));
        QCOMPARE(partial->requests, std::int64_t(1));
        QVERIFY2(estimateText(*partial).find("8 tasks (8 rows × 1 repeat), 7 already answered, "
                                             "1 to score, 1 request to the command")
                     == 0,
                 estimateText(*partial).c_str());
        // The estimate left the run as it was.
        auto same = findScoreRun(**store, first->run.id);
        CP_VERIFY_OK(same);
        QCOMPARE(same->errors, std::int64_t(1));
        QCOMPARE(same->status, first->run.status);

        // Without --estimate, the run goes ahead, and a command run says its estimate first.
        const auto ran = cli({"score", "--project", path, "--probe-set", "toy", "--model",
                              "paid", "--trust"});
        QVERIFY2(ran.first == 0 && ran.second.contains("estimate for model 'paid'"),
                 qPrintable(ran.second));
        QVERIFY(QFile::exists(started));
    }

    /// A run that could never send its first request (a model field that is not a column, an
    /// unset ${VAR}) was recorded as "failed" with a resume hint that could not work. It is
    /// refused before a run is recorded, and an estimate says what would stop it.
    void unrunnableRunIsNotRecorded()
    {
        const QString path = m_dir.filePath("unrunnable.counterpart");
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        CP_VERIFY_OK(store);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        auto typo = parseScorerConfig(R"({"name": "typo", "kind": "builtin",
            "builtin": {"numeric": {"yeers": 0.2}, "threshold": 0.5}})",
                                      "typo.json", {});
        CP_VERIFY_OK(typo);
        qunsetenv("COUNTERPART_TEST_UNSET_TOKEN");
        const nlohmann::json unset = {
            {"name", "unset"},
            {"kind", "command"},
            {"command",
             {{"argv", {COUNTERPART_FAKE_SCORER}},
              {"env", {{"TOKEN", "${COUNTERPART_TEST_UNSET_TOKEN}"}}}}}};
        auto env = parseScorerConfig(unset.dump(), "unset.json", {});
        CP_VERIFY_OK(env);
        for (const ScorerConfig *config : {&*typo, &*env}) {
            auto model = addModel(**store, *config);
            CP_VERIFY_OK(model);
            ScoringOptions options;
            options.trust = true;
            auto estimate = estimateScoring(**store, *set, *model, options);
            CP_VERIFY_OK(estimate);
            QVERIFY2(estimate->wouldStop.has_value(), config->name.c_str());
            auto scored = scoreProbeSet(**store, *set, *model, options);
            QVERIFY(!scored.ok());
            QCOMPARE(scored.error().toString(), estimate->wouldStop->toString());
            auto runs = scoreRuns(**store);
            CP_VERIFY_OK(runs);
            QVERIFY2(runs->empty(), "a run that never started was recorded");
        }
        auto runs = scoreRuns(**store);
        QVERIFY2(runs->empty(), "a run that never started was recorded");
        auto typoModel = findModel(**store, "typo");
        auto again = scoreProbeSet(**store, *set, *typoModel);
        QVERIFY2(again.error().toString().find("'yeers' is not a column of the probe set")
                     != std::string::npos,
                 again.error().toString().c_str());
        QVERIFY2(again.error().toString().find("model 'typo'") == 0,
                 again.error().toString().c_str());
    }

    /// A run stores every result; running again is a new run; the audit reads the run.
    void runsInProject()
    {
        const QString path = m_dir.filePath("runs.counterpart");
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        CP_VERIFY_OK(store);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        auto config = parseScorerConfig(BuiltinConfig, "toy.json", {});
        auto model = addModel(**store, *config);
        CP_VERIFY_OK(model);
        QVERIFY(!model->existed);
        QVERIFY(addModel(**store, *config)->existed);

        ScoringOptions options;
        options.batchSize = 3;  // several commits
        auto first = scoreProbeSet(**store, *set, *model, options);
        CP_VERIFY_OK(first);
        QCOMPARE(first->run.status, std::string("complete"));
        QCOMPARE(first->run.scored, std::int64_t(8));
        QCOMPARE(first->scoredNow, std::int64_t(8));
        auto second = scoreProbeSet(**store, *set, *model, options);
        CP_VERIFY_OK(second);
        QVERIFY(second->run.id != first->run.id);
        auto scores = runScores(**store, second->run.id);
        QCOMPARE(scores->size(), std::size_t(8));

        // Resuming a complete run: nothing to do.
        options.resume = true;
        auto nothing = scoreProbeSet(**store, *set, *model, options);
        QVERIFY(!nothing.ok());
        QVERIFY(nothing.error().message.find("nothing to resume") != std::string::npos);

        auto table = scoredTable(**store, first->run.id, true);
        CP_VERIFY_OK(table);
        QCOMPARE(table->rows, std::int64_t(8));
        QVERIFY(table->csv.rfind("family,variant,gender,first_name,pronoun,years,note,score,"
                                 "label,refused,score_error,repeat_agreement,logprob,reply,"
                                 "repeat_favourable,repeat_tie\n",
                                 0)
                == 0);

        auto spec = parseAuditSpecText(R"({
            "family": "family",
            "protected": [{"name": "gender", "column": "gender", "groups": ["female", "male"],
                           "reference": "male"}],
            "prediction": {"score": "score", "threshold": 0.5},
            "contract": {"max_flip_rate": 0.1}})",
                                       "audit.json");
        CP_VERIFY_OK(spec);
        auto audited = auditRun(**store, first->run.id, *spec);
        CP_VERIFY_OK(audited);
        const AuditResult *audit = &audited->result;

        // The Pairs view's index: every family, the engine's flips, filters, word changes.
        auto pairs = buildPairsIndex(audited->scored.table, audited->scored.rows, *spec, *audit);
        CP_VERIFY_OK(pairs);
        const PairsIndex &x = **pairs;
        QCOMPARE(x.families.size(), std::size_t(4));
        QCOMPARE(x.flippedFamilies, std::int64_t(2));
        QCOMPARE(filterFamilies(x, {}).size(), std::size_t(4));
        PairsFilter flips;
        flips.flipsOnly = true;
        QCOMPARE(filterFamilies(x, flips), (std::vector<std::int32_t>{1, 3}));
        PairsFilter pair;
        pair.groupPair = std::make_tuple(0, 0, 1);  // female vs male
        QCOMPARE(filterFamilies(x, pair), (std::vector<std::int32_t>{1, 3}));
        PairsFilter wide;
        wide.minScoreRange = 0.3;
        for (std::int32_t f : filterFamilies(x, wide))
            QVERIFY(x.families[std::size_t(f)].scoreRange >= 0.3f);
        const auto sorted = filterFamilies(x, {}, PairsOrder::ScoreRangeDescending);
        for (std::size_t i = 1; i < sorted.size(); ++i)
            QVERIFY(x.families[std::size_t(sorted[i - 1])].scoreRange
                    >= x.families[std::size_t(sorted[i])].scoreRange);
        QCOMPARE(x.outcome[std::size_t(x.row(1, 0))], std::uint8_t(0));  // family 2 female: no
        QCOMPARE(x.outcome[std::size_t(x.row(1, 1))], std::uint8_t(1));  // family 2 male: yes
        QCOMPARE(x.rows->id(x.row(3, 1)), std::string("4:male"));
        const std::string she = "Strong lead, she says", he = "Strong lead, he says";
        const auto changed = changedWords(she, he);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(she.substr(changed[0].first, changed[0].second - changed[0].first),
                 std::string("she"));
        QVERIFY(changedWords(he, he).empty());
        // By hand (see builtinModelScoresByHand): families 2 and 4 flip (female no, male
        // yes); 1 and 3 are no/no.
        QCOMPARE(audit->families, std::optional<std::int64_t>(4));
        QVERIFY(audit->flipRate.has_value());
        QCOMPARE(audit->flipRate->k, std::int64_t(2));
        QCOMPARE(audit->flipRate->n, std::int64_t(4));
        QCOMPARE(audit->flips.size(), std::size_t(2));
    }

    /// A run in which every request failed said "complete" and exit 0, and resuming could not
    /// retry: now it is "failed", and a resume scores the failed tasks again. A run with some
    /// failures is complete but says how many failed, and --resume finds it.
    void failedRequestsAreRetried()
    {
        const QString path = m_dir.filePath("flaky.counterpart");
        const QString healthy = m_dir.filePath("healthy");
        QFile::remove(healthy);
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        CP_VERIFY_OK(store);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        const nlohmann::json config = {
            {"name", "flaky"}, {"version", "1"}, {"kind", "command"},
            {"command",
             {{"argv", {COUNTERPART_FAKE_SCORER, "fail-until-file", healthy.toStdString()}},
              {"max_failures", 1000}}}};
        auto parsed = parseScorerConfig(config.dump(), "flaky.json", {});
        CP_VERIFY_OK(parsed);
        auto model = addModel(**store, *parsed);
        CP_VERIFY_OK(model);
        ScoringOptions options;
        options.trust = true;
        auto first = scoreProbeSet(**store, *set, *model, options);
        CP_VERIFY_OK(first);
        QCOMPARE(first->run.status, std::string("failed"));
        QCOMPARE(first->run.errors, std::int64_t(8));
        QCOMPARE(first->run.scored, std::int64_t(0));
        QVERIFY2(first->run.message.find("every one of the 8 task(s) failed; first: unusable "
                                         "line from the scorer (not JSON)")
                     == 0,
                 first->run.message.c_str());

        writeFile(healthy, "ok");
        options.resume = true;
        auto second = scoreProbeSet(**store, *set, *model, options);
        CP_VERIFY_OK(second);
        QCOMPARE(second->run.id, first->run.id);
        QCOMPARE(second->retried, std::int64_t(8));
        QCOMPARE(second->run.status, std::string("complete"));
        QCOMPARE(second->run.scored, std::int64_t(8));
        QCOMPARE(second->run.errors, std::int64_t(0));
        auto scores = runScores(**store, second->run.id);
        CP_VERIFY_OK(scores);
        QCOMPARE(scores->size(), std::size_t(8));
        for (const auto &s : *scores)
            QVERIFY(s.result.ok());
        // Complete and clean: nothing left to resume.
        QVERIFY(!scoreProbeSet(**store, *set, *model, options).ok());
        QFile::remove(healthy);
    }

    /// What an audit reads of a run's scores (forEachScoreOutcome: six columns, views) is what
    /// runScores reads, score for score: a NULL score is none and a score of exactly 0 is 0, a
    /// NULL label or error is empty.
    void scoreOutcomesMatchScores()
    {
        const QString path = m_dir.filePath("outcomes.counterpart");
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        CP_VERIFY_OK(store);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        auto model = addModel(**store, *parseScorerConfig(BuiltinConfig, "toy.json", {}));
        CP_VERIFY_OK(model);
        auto run = startScoreRun(**store, set->id, model->id, 2, 7, 16);
        CP_VERIFY_OK(run);
        std::vector<StoredScore> batch;
        auto add = [&](std::int64_t row, int repeat, std::optional<double> score,
                       std::string label, bool refused, std::string error) {
            StoredScore x;
            x.row = row;
            x.repeat = repeat;
            x.result.score = score;
            x.result.label = std::move(label);
            x.result.refused = refused;
            x.result.text = "a reply";
            x.result.logprob = -0.25;
            x.result.latencyMs = 12;
            x.result.error = std::move(error);
            batch.push_back(std::move(x));
        };
        add(0, 0, 0.0, "no", false, {});
        add(0, 1, std::nullopt, {}, true, {});
        add(1, 0, 0.75, "yes", false, {});
        add(1, 1, -0.0, "", false, {});
        add(2, 0, std::nullopt, {}, false, "HTTP 500: upstream failed");
        add(3, 1, 1e-300, "yes", false, {});
        CP_VERIFY_OK(commitScores(**store, run->id, batch));

        auto scores = runScores(**store, run->id);
        CP_VERIFY_OK(scores);
        std::vector<ScoreOutcome> outcomes;
        std::vector<std::string> texts;  // the views live only during the visit
        CP_VERIFY_OK(forEachScoreOutcome(**store, run->id, [&](const ScoreOutcome &o) {
            outcomes.push_back(o);
            texts.emplace_back(std::string(o.label) + "|" + std::string(o.error));
        }));
        QCOMPARE(outcomes.size(), scores->size());
        QCOMPARE(outcomes.size(), batch.size());
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            const StoredScore &x = (*scores)[i];
            QCOMPARE(outcomes[i].row, x.row);
            QCOMPARE(outcomes[i].repeat, x.repeat);
            QCOMPARE(outcomes[i].score.has_value(), x.result.score.has_value());
            if (x.result.score)
                QCOMPARE(*outcomes[i].score, *x.result.score);
            QCOMPARE(outcomes[i].refused, x.result.refused);
            QCOMPARE(texts[i], x.result.label + "|" + x.result.error);
        }
        QVERIFY(!outcomes[1].score.has_value());
        QCOMPARE(*outcomes[0].score, 0.0);
        QCOMPARE(texts[4], std::string("|HTTP 500: upstream failed"));
    }

    /// Three repeats per variant: family 1's female variant disagrees with itself (0.2, 0.8,
    /// 0.3 around the 0.5 threshold: one favourable repeat of three, mean 0.433), so family 1
    /// is a flip by its variants' means (0.433 vs 0.9) in a noisy family; family 2 is a stable
    /// flip. No family is split: four families, two flips, one of them noisy.
    void repeatsKeepFamiliesAndCountNoise()
    {
        const QString path = m_dir.filePath("repeats.counterpart");
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        std::string preds = "id,score\n";
        const char *variants[] = {"female", "male"};
        for (int f = 1; f <= 4; ++f)
            for (const char *v : variants)
                for (int r = 0; r < 3; ++r) {
                    double score = 0.9;
                    if (f == 1 && std::string(v) == "female")
                        score = r == 1 ? 0.8 : (r == 0 ? 0.2 : 0.3);
                    if (f == 2 && std::string(v) == "female")
                        score = 0.1;
                    preds += std::to_string(f) + ":" + v + (r ? "#" + std::to_string(r) : "")
                             + "," + std::to_string(score) + "\n";
                }
        writeFile(m_dir.filePath("repeats.csv"), preds);
        const nlohmann::json config = {
            {"name", "noisy"},
            {"kind", "predictions"},
            {"repeats", 3},
            {"predictions", {{"file", m_dir.filePath("repeats.csv").toStdString()}}}};
        auto parsed = parseScorerConfig(config.dump(), "noisy.json", {});
        CP_VERIFY_OK(parsed);
        auto model = addModel(**store, *parsed);
        auto run = scoreProbeSet(**store, *set, *model, {});
        CP_VERIFY_OK(run);
        QCOMPARE(run->run.scored, std::int64_t(24));
        QCOMPARE(run->run.status, std::string("complete"));
        auto spec = parseAuditSpecText(R"({
            "family": "family",
            "protected": [{"name": "gender", "column": "gender", "groups": ["female", "male"]}],
            "prediction": {"score": "score", "threshold": 0.5}})",
                                       "audit.json");
        CP_VERIFY_OK(spec);
        auto audit = auditScoreRun(**store, run->run.id, *spec);
        CP_VERIFY_OK(audit);
        QVERIFY(audit->flipRate.has_value());
        QCOMPARE(audit->flipRate->k, std::int64_t(2));
        QCOMPARE(audit->flipRate->n, std::int64_t(4));
        QCOMPARE(*audit->families, std::int64_t(4));
        QCOMPARE(audit->rows, std::int64_t(8));  // every variant still in the slices
        QVERIFY(audit->repeats);
        QCOMPARE(audit->repeats->repeats, 3);
        QCOMPARE(audit->repeats->noisyVariants, std::int64_t(1));
        QCOMPARE(audit->repeats->noisyFamilies, std::int64_t(1));
        QCOMPARE(audit->repeats->flipsInNoisyFamilies, std::int64_t(1));
        // Female's favourable shares: 1/3 (family 1), 0 (family 2), 1, 1 → self-disagreement 1
        // of 4; p_female − p_male over the families: −2/3, −1, 0, 0 → mean −5/12.
        const AttributeRepeats &g = audit->repeats->attributes.front();
        QCOMPARE(g.groups.front().noisy, (Proportion{1, 4}));
        QVERIFY(std::abs(g.pairs.front().shareDifference.mean + 5.0 / 12) < 1e-6);
        auto table = scoredTable(**store, run->run.id, true);
        CP_VERIFY_OK(table);
        // Family 1 female: mean 0.433…, agreement: repeats give no label here, so empty.
        QVERIFY(table->csv.find("\n1,female,female,Emily,she,4,\"Strong lead, she says\","
                                "0.43333333333333335,,false,,,,,,false\n")
                != std::string::npos);
    }

    /// A table that already has a `score` column cannot be scored: the join would shadow it.
    void resultColumnCollision()
    {
        const QString file = m_dir.filePath("has-score.csv");
        writeFile(file, "id,years,score\n1,3,0.5\n");
        auto config = parseScorerConfig(BuiltinConfig, "toy.json", {});
        auto scorer = makeScorer(*config);
        auto scored = scoreFile(file.toStdString(), **scorer, 1, {});
        QVERIFY(!scored.ok());
        QCOMPARE(scored.error().field, std::string("score"));
        QCOMPARE(scored.error().line, std::int64_t(1));
    }

    void trustGateAndSecrets()
    {
        const QString path = m_dir.filePath("trust.counterpart");
        auto store = ProjectStore::open(path.toStdString(),
                                        ProjectStore::OpenMode::CreateIfMissing);
        auto set = freezeProbeSet(**store, {"generated", "toy", "{}", 1, {}}, probeLayout(),
                                  ProbeCsv);
        CP_VERIFY_OK(set);
        // A command scorer: a shell one-liner that answers 0.5 for every request, and proves
        // it got the secret by answering its length as the label.
        const std::string secret = "s3cr3t-value-never-stored";
        qputenv("CP_TEST_SECRET", QByteArray::fromStdString(secret));
        const QString script = m_dir.filePath("answer.py");
        writeFile(script,
                  "import json, os, sys\n"
                  "for line in sys.stdin:\n"
                  "    r = json.loads(line)\n"
                  "    print(json.dumps({'id': r['id'], 'score': 0.5,\n"
                  "                      'label': str(len(os.environ['TOKEN']))}), flush=True)\n");
        nlohmann::json command = {
            {"name", "cmd"},
            {"kind", "command"},
            {"command",
             {{"argv", {"python3", script.toStdString()}},
              {"env", {{"TOKEN", "${CP_TEST_SECRET}"}}}}}};
        const std::string configText = command.dump();
        auto config = parseScorerConfig(configText, "cmd.json", {});
        CP_VERIFY_OK(config);
        QVERIFY(config->needsTrust());
        auto model = addModel(**store, *config);
        CP_VERIFY_OK(model);

        auto refused = scoreProbeSet(**store, *set, *model, {});
        QVERIFY(!refused.ok());
        QCOMPARE(QString::fromStdString(refused.error().field), QStringLiteral("trust"));
        QVERIFY(runScores(**store, 1).value().empty());
        QVERIFY(!isTrusted(path.toStdString(), model->configSha256));

        ScoringOptions options;
        options.trust = true;
        auto run = scoreProbeSet(**store, *set, *model, options);
        CP_VERIFY_OK(run);
        QCOMPARE(run->run.status, std::string("complete"));
        QVERIFY(scorerTrust(path.toStdString(), *model).trusted);
        auto scores = runScores(**store, run->run.id);
        QCOMPARE(scores->size(), std::size_t(8));
        QCOMPARE(scores->front().result.label, std::to_string(secret.size()));
        // Trusted now: runs without --trust. An edited config is a new hash: asks again.
        CP_VERIFY_OK(scoreProbeSet(**store, *set, *model, {}));
        command["command"]["batch"] = 8;
        auto edited = parseScorerConfig(command.dump(), "cmd.json", {});
        CP_VERIFY_OK(edited);
        auto editedModel = addModel(**store, *edited);
        QVERIFY(!scoreProbeSet(**store, *set, *editedModel, {}).ok());

        auto log = runLog(**store, run->run.id);
        CP_VERIFY_OK(log);
        store->reset();
        const QByteArray bytes = projectBytes(path);
        QVERIFY(!bytes.isEmpty());
        QVERIFY2(!bytes.contains(QByteArray::fromStdString(secret)),
                 "the secret's value is in the project file");
        QVERIFY(bytes.contains("${CP_TEST_SECRET}"));  // the reference is
        for (const auto &line : *log)
            QVERIFY2(line.find(secret) == std::string::npos, line.c_str());
    }

    void killAndResume_data()
    {
        QTest::addColumn<bool>("gentle");
        QTest::newRow("SIGKILL") << false;
        QTest::newRow("SIGTERM") << true;
    }

    /// The CLI scoring with a real command scorer is killed (SIGKILL: no cleanup) or stopped
    /// (SIGTERM, as Ctrl-C: the run is marked stopped) after some batches are committed;
    /// --resume finishes without asking for any committed row again.
    void killAndResume()
    {
        QFETCH(bool, gentle);
        const QString path = m_dir.filePath(gentle ? "stop.counterpart" : "kill.counterpart");
        // The scorer's state files live outside the project's folder: files there that its
        // argv names are covered by trust, and these change on every run.
        QFile::remove(m_state.filePath("hung-once"));
        QFile::remove(m_state.filePath("asked.txt"));
        {
            auto store = ProjectStore::open(path.toStdString(),
                                            ProjectStore::OpenMode::CreateIfMissing);
            std::string csv = "family,variant,gender,first_name,pronoun,years,note\n";
            for (int f = 1; f <= 150; ++f)
                for (const char *g : {"female", "male"})
                    csv += std::to_string(f) + "," + g + "," + g + ","
                           + (std::string(g) == "female" ? "Ann" : "Bob") + ","
                           + (std::string(g) == "female" ? "she" : "he") + ","
                           + std::to_string(f % 20) + ",text " + (std::string(g) == "female" ? "she" : "he") + "\n";
            CP_VERIFY_OK(freezeProbeSet(**store, {"generated", "big", "{}", 1, {}},
                                        probeLayout(), csv));
        }
        // Answers 100 requests, then hangs (first run only); logs every id it is asked.
        const QString script = m_dir.filePath("slow.py");
        const QString asked = m_state.filePath("asked.txt");
        const QString marker = m_state.filePath("hung-once");
        writeFile(script, "import json, os, sys, time\n"
                          "n = 0\n"
                          "for line in sys.stdin:\n"
                          "    r = json.loads(line)\n"
                          "    with open(sys.argv[1], 'a') as f: f.write(r['id'] + '\\n')\n"
                          "    n += 1\n"
                          "    if n > 100 and not os.path.exists(sys.argv[2]):\n"
                          "        open(sys.argv[2], 'w').close()\n"
                          "        parent = os.getppid()\n"
                          "        while os.getppid() == parent:  # hang until the CLI is gone\n"
                          "            time.sleep(0.05)\n"
                          "        sys.exit(0)\n"
                          "    print(json.dumps({'id': r['id'], 'score': n % 2}), flush=True)\n");
        const QString config = m_dir.filePath("slow.json");
        const nlohmann::json slow = {
            {"name", "slow"},
            {"kind", "command"},
            {"command",
             {{"argv",
               {"python3", script.toStdString(), asked.toStdString(), marker.toStdString()}},
              {"batch", 1}}}};
        writeFile(config, slow.dump());
        auto cli = [](const QStringList &args, int timeoutMs = 60000) {
            QProcess p;
            p.start(QStringLiteral(COUNTERPART_CLI), args);
            p.waitForFinished(timeoutMs);
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()
                                                                  + p.readAllStandardError()));
        };
        auto added = cli({"models", "--project", path, "--add", config});
        QCOMPARE(added.first, 0);

        QProcess scoring;
        scoring.start(QStringLiteral(COUNTERPART_CLI),
                      {"score", "--project", path, "--probe-set", "big", "--model", "slow",
                       "--trust", "--batch", "10"});
        QVERIFY(scoring.waitForStarted());
        // Wait for the hang: the marker appears after 100 answers (10 batches committed).
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), 30000);
        QTest::qWait(300);
        if (gentle) {
            scoring.terminate();  // SIGTERM: cancel, keep what was answered, mark stopped
            QVERIFY(scoring.waitForFinished(10000));
            QCOMPARE(scoring.exitCode(), 2);
            QVERIFY(QString::fromUtf8(scoring.readAllStandardOutput()).contains("resume with"));
        } else {
            scoring.kill();  // SIGKILL: no cleanup, no final commit
            QVERIFY(scoring.waitForFinished(10000));
        }

        std::set<std::string> committed;
        std::size_t kept = 0;
        {
            auto store = ProjectStore::open(path.toStdString());
            CP_VERIFY_OK(store);
            auto runs = scoreRuns(**store);
            QCOMPARE(runs->size(), std::size_t(1));
            // Killed mid-run it still says running; stopped, it says so.
            QCOMPARE(runs->front().status, std::string(gentle ? "stopped" : "running"));
            auto scores = runScores(**store, runs->front().id);
            // Stopped, every answer is kept. Killed, what was committed: the batches of 10 and
            // whatever the once-a-second commit took in between (91 on a loaded machine), never
            // more than was answered.
            kept = scores->size();
            if (gentle)
                QCOMPARE(kept, std::size_t(100));
            else
                QVERIFY2(kept > 0 && kept <= 100, qPrintable(QString::number(kept)));
            auto content = probeSetContent(**store, runs->front().probeSetId);
            auto rows = CsvRows::parse(*content, "big");
            for (const auto &s : *scores)
                committed.insert((*rows)->id(s.row));
        }
        QFile::remove(asked);
        auto resumed = cli({"score", "--project", path, "--probe-set", "big", "--model", "slow",
                            "--resume"});
        QVERIFY2(resumed.first == 0, qPrintable(resumed.second));
        QVERIFY2(resumed.second.contains(QString::number(kept)
                                         + " already scored before, not rescored"),
                 qPrintable(resumed.second));
        QFile f(asked);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int requests = 0;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            ++requests;
            QVERIFY2(!committed.count(line.toStdString()), line.constData());
        }
        QCOMPARE(requests, int(300 - kept));  // exactly the uncommitted variants
        auto store = ProjectStore::open(path.toStdString());
        auto runs = scoreRuns(**store);
        QCOMPARE(runs->front().status, std::string("complete"));
        QCOMPARE(runScores(**store, runs->front().id)->size(), std::size_t(300));
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_state;
};

QTEST_GUILESS_MAIN(tst_Scoring)
#include "tst_scoring.moc"
