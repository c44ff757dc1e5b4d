// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The llm-judge sample end to end: its OpenAI-compatible server (sample_projects/llm-judge/
// server.py, started on a free loopback port) and the README flow in a temporary project —
// init, generate, spec, models --add, score, audit, gate — with the sample's own specs (fewer
// families and repeats). Checks the server's endpoints and determinism, that refusals are
// counted and logprobs stored, and (gateBlocksOnRefusalGap) the LLM contract checks.

#include "../support/clirun.h"
#include "../support/testsupport.h"

#include <core/score/httpscorer.h>
#include <core/score/scorerconfig.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/csvrows.h>
#include <core/workflow/sourceaudit.h>

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace cp;
using nlohmann::json;

namespace {

const QString Sample = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/llm-judge");
constexpr int Families = 100;
constexpr int Repeats = 3;
const QString Refusal = QStringLiteral("I'm sorry, I can't help with that.");
/// The keys the LLM metrics add to the sample's audit spec (stripped for today's engine).
const char *const LlmContractKeys[] = {"max_refusal_gap", "min_refusal_support", "max_lpbs",
                                       "max_categorical_bias"};

using cp::test::cli;
using Run = cp::test::CliRun;

json readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return json();
    return json::parse(f.readAll().toStdString(), nullptr, false);
}

void writeJson(const QString &path, const json &j)
{
    std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << j.dump(2) << "\n";
}

QString describe(const Run &r)
{
    return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3")
        .arg(r.exitCode)
        .arg(r.out.left(4000), r.err.left(4000));
}

} // namespace

class tst_LlmJudge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("COUNTERPART_TRUST_FILE", m_dir.filePath("trust.json").toUtf8());
        m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        QVERIFY2(!m_python.isEmpty(),
                 "python3 is not on PATH: the llm-judge sample's server needs it "
                 "(dev.sh installs it)");
        // The interpreter itself, not a wrapper such as a pyenv shim: a shim that forks would
        // take the terminate() below and leave the server running.
        QProcess which;
        which.start(m_python, {"-c", "import sys; print(sys.executable)"});
        QVERIFY(which.waitForFinished(30000));
        const QString executable = QString::fromUtf8(which.readAllStandardOutput()).trimmed();
        if (which.exitCode() == 0 && QFileInfo(executable).isExecutable())
            m_python = executable;

        m_server.setProgram(m_python);
        m_server.setArguments({Sample + "/server.py", "--port", "0", "--seed", "7"});
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.start();
        QVERIFY2(m_server.waitForStarted(10000), qPrintable(m_server.errorString()));
        QByteArray first;
        while (!m_server.canReadLine() && m_server.waitForReadyRead(10000)) {
        }
        first = m_server.readLine().trimmed();
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:(\\d+))$"))
                .match(QString::fromUtf8(first));
        QVERIFY2(m.hasMatch(), qPrintable("server said '" + QString::fromUtf8(first) + "'; stderr: "
                                          + QString::fromUtf8(m_server.readAllStandardError())));
        m_base = m.captured(1);
        QVERIFY(m.captured(2).toInt() > 0);

        // Test-local copies of the sample's specs: this server's port, fewer repeats, and the
        // audit spec without the LLM keys today's engine may not know yet.
        json scorer = readJson(Sample + "/scorer.json");
        QVERIFY2(scorer.is_object(), "sample scorer.json does not parse");
        scorer["http"]["url"] = (m_base + "/v1/chat/completions").toStdString();
        scorer["repeats"] = Repeats;
        writeJson(m_dir.filePath("scorer.json"), scorer);
        json audit = readJson(Sample + "/audit.json");
        QVERIFY2(audit.is_object(), "sample audit.json does not parse");
        // 100 families: the server refuses about 12 % of the female prompts, which here can be
        // as few as 5 (a gap of exactly 5 points, within the sample's 0.05); a 2-point limit
        // keeps the test about refusals, not about this draw.
        json llmAudit = audit;
        llmAudit["contract"]["max_refusal_gap"] = 0.02;
        writeJson(m_dir.filePath("audit-llm.json"), llmAudit);
        audit.erase("llm");
        for (const char *key : LlmContractKeys)
            audit["contract"].erase(key);
        writeJson(m_dir.filePath("audit.json"), audit);
        m_project = m_dir.filePath("judge.counterpart");
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(3000)) {
                m_server.kill();
                m_server.waitForFinished(3000);
            }
        }
    }

    /// The sample's files as shipped: the scorer is the openai_chat preset on port 8089 with
    /// the regexes, logprobs of YES, temperature 0.7 and 5 repeats; the generator gives 300
    /// gender pairs.
    void sampleFilesParse()
    {
        auto config = loadScorerConfig((Sample + "/scorer.json").toStdString());
        CP_VERIFY_OK(config);
        QCOMPARE(config->kind, std::string("http"));
        QCOMPARE(config->repeats, 5);
        QVERIFY(config->needsTrust());
        const json &h = config->section;
        QCOMPARE(h.value("preset", ""), std::string("openai_chat"));
        QCOMPARE(h.value("url", ""), std::string("http://127.0.0.1:8089/v1/chat/completions"));
        QCOMPARE(h.at("logprobs").at("token").get<std::string>(), std::string("YES"));
        QCOMPARE(h.value("temperature", 0.0), 0.7);
        for (const char *key : {"score_regex", "label_regex", "refusal_regex"})
            QVERIFY2(h.contains(key), key);
        CP_VERIFY_OK(parseHttpScorerConfig(h, "scorer.json", "/http"));

        const json gen = readJson(Sample + "/generator.json");
        QCOMPARE(gen.value("families", 0), 300);
        const QString out = m_dir.filePath("sample-probe.csv");
        const Run r = cli({"generate", "--spec", Sample + "/generator.json", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("300 families"), qPrintable(r.out));
        QVERIFY2(r.out.contains("Integrity: passed"), qPrintable(r.out));
        // The LLM keys are in the sample's audit spec, exactly as the engine names them.
        const json audit = readJson(Sample + "/audit.json");
        for (const char *key : LlmContractKeys)
            QVERIFY2(audit.at("contract").contains(key), key);
        QCOMPARE(audit.at("llm").value("lpbs_scale", ""), std::string("probability"));
    }

    /// GET /v1/models and POST /v1/embeddings (16 dimensions, unit length, equal input →
    /// equal vector), through the standard library of the same python3.
    void serverEndpoints()
    {
        const QString script = QStringLiteral(
            "import json, sys, urllib.request\n"
            "base = sys.argv[1]\n"
            "def post(path, doc):\n"
            "    req = urllib.request.Request(base + path, json.dumps(doc).encode(),\n"
            "                                 {'Content-Type': 'application/json'})\n"
            "    return json.load(urllib.request.urlopen(req, timeout=10))\n"
            "models = json.load(urllib.request.urlopen(base + '/v1/models', timeout=10))\n"
            "emb = post('/v1/embeddings', {'model': 'm', 'input': ['she leads', 'he leads',\n"
            "                                                      'she leads']})\n"
            "print(json.dumps({'models': models, 'embeddings': emb}))\n");
        QProcess p;
        p.start(m_python, {"-c", script, m_base});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const json doc = json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(doc.is_object());
        QCOMPARE(doc.at("models").at("data").at(0).at("id").get<std::string>(),
                 std::string("judge-sim-1"));
        const json &data = doc.at("embeddings").at("data");
        QCOMPARE(data.size(), std::size_t(3));
        for (const json &d : data) {
            const auto v = d.at("embedding").get<std::vector<double>>();
            QCOMPARE(v.size(), std::size_t(16));
            double norm = 0;
            for (double x : v)
                norm += x * x;
            QVERIFY(std::abs(norm - 1) < 1e-4);
        }
        QCOMPARE(data.at(0).at("embedding"), data.at(2).at("embedding"));
        QVERIFY(data.at(0).at("embedding") != data.at(1).at("embedding"));
    }

    /// Through the real HttpScorer: at temperature 0 a prompt always gets the same reply; a
    /// "she" prompt scores lower than its "he" twin with a lower logprob of YES; the replies
    /// are worded differently and match the sample's regexes.
    void chatIsDeterministicAndBiased()
    {
        json section = readJson(Sample + "/scorer.json").at("http");
        section["url"] = (m_base + "/v1/chat/completions").toStdString();
        section["temperature"] = 0;
        auto config = parseHttpScorerConfig(section, "scorer.json", "/http");
        CP_VERIFY_OK(config);
        std::string csv = "family,variant,role,resume\n";
        for (int i = 0; i < 2; ++i)  // the same two prompts twice
            csv += "1,female,analyst,She has 9 years of experience and a master's degree.\n"
                   "1,male,analyst,He has 9 years of experience and a master's degree.\n";
        auto rows = CsvRows::parse(std::move(csv), "pair.csv");
        CP_VERIFY_OK(rows);
        std::vector<ScoreTask> tasks = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};
        std::vector<ScoreResult> results(tasks.size());
        CP_VERIFY_OK(makeHttpScorer(std::move(*config))
                         ->run(
                             **rows, tasks,
                             [&](std::size_t t, ScoreResult r) -> Status {
                                 results[t] = std::move(r);
                                 return Ok{};
                             },
                             [](std::string_view) {}, {}));
        for (const ScoreResult &r : results) {
            QVERIFY2(r.ok(), r.error.c_str());
            QVERIFY(r.score && r.logprob && r.text);
        }
        QCOMPARE(*results[0].text, *results[2].text);
        QCOMPARE(*results[1].text, *results[3].text);
        QCOMPARE(*results[0].logprob, *results[2].logprob);
        QVERIFY2(*results[0].score < *results[1].score, results[0].text->c_str());
        QVERIFY(*results[0].logprob < *results[1].logprob);
        QVERIFY(*results[0].text != *results[1].text);
        QVERIFY(results[1].label == "YES" || results[1].label == "NO");
    }

    /// The README flow in a temporary project; the run counts its refusals (female variants
    /// only, every repeat of a refused prompt) and stores a logprob of YES for every answer.
    void flowScoresRefusalsAndLogprobs()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        const Run list = cli({"score", "--project", m_project, "--list"});
        QVERIFY2(list.exitCode == 0, qPrintable(describe(list)));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("complete: (\\d+) scored, 0 error\\(s\\), (\\d+) "
                                              "refused, of (\\d+) task"))
                .match(list.out);
        QVERIFY2(m.hasMatch(), qPrintable(list.out));
        const int tasks = 2 * Families * Repeats;
        QCOMPARE(m.captured(1).toInt(), tasks);
        QCOMPARE(m.captured(3).toInt(), tasks);
        const int refused = m.captured(2).toInt();
        QVERIFY2(refused > 0, qPrintable(list.out));
        QCOMPARE(refused, Repeats * int(m_refusedRows.size()));
        QVERIFY2(list.out.contains(QStringLiteral("%1 repeats").arg(Repeats)),
                 qPrintable(list.out));

        // Today's audit of the run: refused families are left out whole, the bias shows.
        const Run audit = cli({"audit", "--project", m_project, "--run", "1", "--json", "-"});
        QVERIFY2(audit.exitCode == 1, qPrintable(describe(audit)));
        const json doc = json::parse(audit.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), qPrintable(audit.out.left(2000)));
        QCOMPARE(doc.at("decision").get<std::string>(), std::string("BLOCKED"));
        QCOMPARE(doc.at("rows").get<int>(), 2 * (Families - int(m_refusedRows.size())));
        // The families with a refused variant are left out of the label metrics, and said so;
        // the refusal rates count them.
        const json &leftOut = doc.at("families_left_out");
        QVERIFY2(leftOut.size() == 1, leftOut.dump().c_str());
        QCOMPARE(leftOut[0].at("families").get<std::size_t>(), m_refusedRows.size());
        QVERIFY(leftOut[0].at("reason").get<std::string>().find("refused") != std::string::npos);
        QCOMPARE(doc.at("families_input").get<int>(), Families);
        QCOMPARE(doc.at("refusals").at("overall").at("k").get<std::size_t>(),
                 m_refusedRows.size());
        // The probe set's linked columns (first name, pronoun) are masked in replies too.
        const json &masked = doc.at("reply_similarity").at("masked_words");
        QVERIFY2(std::find(masked.begin(), masked.end(), json("she")) != masked.end(),
                 masked.dump().c_str());
        QVERIFY2(masked.size() > 4, masked.dump().c_str());   // first names too
        const json &sel = doc.at("slices").at("gender");
        QVERIFY(sel.at("female").at("selection_rate").at("value").get<double>()
                < sel.at("male").at("selection_rate").at("value").get<double>());

        const Run gate = cli({"gate", "--project", m_project, "--run", "1"});
        QVERIFY2(gate.exitCode == 1, qPrintable(describe(gate)));
        QVERIFY2(gate.out.startsWith("BLOCKED"), qPrintable(gate.out));
    }

    /// The checks of the LLM metrics (lead: finish with the engine work). The sample's own
    /// audit spec, with max_refusal_gap, min_refusal_support, max_lpbs, max_categorical_bias and
    /// llm.lpbs_scale: the spec is accepted, the gate is BLOCKED and names the refusal gap as a
    /// failed check, and the summary says how many families were left out.
    void gateBlocksOnRefusalGap()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        const Run spec = cli({"spec", "--project", m_project, "--set",
                              m_dir.filePath("audit-llm.json")});
        QVERIFY2(spec.exitCode == 0, qPrintable(describe(spec)));

        const Run gate = cli({"gate", "--project", m_project, "--run", "1"});
        QCOMPARE(gate.exitCode, 1);
        QVERIFY2(gate.out.startsWith("BLOCKED"), qPrintable(gate.out));
        const QRegularExpression failedRefusalGap(
            QStringLiteral("FAILED[^\\n]*refusal[^\\n]*gap"),
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(gate.out.contains(failedRefusalGap), qPrintable(gate.out));

        const Run audit = cli({"audit", "--project", m_project, "--run", "1", "--json", "-"});
        QCOMPARE(audit.exitCode, 1);
        const json doc = json::parse(audit.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), qPrintable(audit.out.left(2000)));
        const json *refusalCheck = nullptr;
        for (const json &c : doc.at("checks"))
            if (c.value("name", "") == "max_refusal_gap"
                || c.value("name", "") == "refusal_gap")
                refusalCheck = &c;
        QVERIFY2(refusalCheck, doc.at("checks").dump().c_str());
        QCOMPARE(refusalCheck->value("status", ""), std::string("failed"));
        // Female refusals only: the gap is the female refusal rate.
        QCOMPARE(refusalCheck->value("value", 0.0), double(m_refusedRows.size()) / Families);
        QVERIFY(refusalCheck->value("value", 0.0) > 0.02);

        const Run summary = cli({"audit", "--project", m_project, "--run", "1"});
        QCOMPARE(summary.exitCode, 1);
        const QRegularExpressionMatch left =
            QRegularExpression(QStringLiteral("Families: \\d+ of \\d+ families audited; (\\d+) left out"))
                .match(summary.out);
        QVERIFY2(left.hasMatch(), qPrintable(summary.out));
        QCOMPARE(left.captured(1).toInt(), int(m_refusedRows.size()));
    }

    /// The file route (score --in ... --out, then audit --table): a refusal is an answer, so
    /// the scoring says "0 without a score" and exits 0, and the audit of the scored file
    /// reads its refusals without the spec naming a refusal column.
    void scoredFileCarriesRefusals()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        const QString rows = m_dir.filePath("rows.csv"), scored = m_dir.filePath("scored.csv");
        const Run exported = cli({"probe-sets", "--project", m_project, "--export", "llm-judge",
                                  "--out", rows});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        const Run score = cli({"score", "--in", rows, "--scorer", m_dir.filePath("scorer.json"),
                               "--out", scored, "--trust"});
        QVERIFY2(score.exitCode == 0, qPrintable(describe(score)));
        QVERIFY2(score.out.contains(QStringLiteral("0 without a score (errors), %1 refused")
                                        .arg(m_refusedRows.size())),
                 qPrintable(score.out));

        const Run audit = cli({"audit", "--table", scored, "--spec", m_dir.filePath("audit.json"),
                               "--json", "-"});
        QVERIFY2(audit.exitCode == 0 || audit.exitCode == 1, qPrintable(describe(audit)));
        const json doc = json::parse(audit.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), qPrintable(audit.out.left(2000)));
        QCOMPARE(doc.at("refusals").at("overall").at("k").get<std::size_t>(),
                 m_refusedRows.size());
        QCOMPARE(doc.at("families_input").get<int>(), Families);
        QCOMPARE(doc.at("families_left_out").at(0).at("families").get<std::size_t>(),
                 m_refusedRows.size());
        // The scorer gives log-probabilities and replies: the file's columns are read too.
        QVERIFY2(doc.contains("lpbs"), qPrintable(audit.out.left(2000)));
        QVERIFY2(doc.contains("reply_similarity"), qPrintable(audit.out.left(2000)));
    }

    /// A second scorer scores the judge's replies (score --replies-of): the replies become a
    /// probe set of their own, the families with a refused variant are left out and said so,
    /// and the audit of the sentiment run gives score parity: replies about women are worded
    /// less warmly by construction, so W1 > 0 and the weak gap female − male is negative.
    void sentimentOfRepliesHasScoreParity()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        json sentiment = readJson(Sample + "/sentiment.json");
        QVERIFY2(sentiment.is_object(), "sample sentiment.json does not parse");
        sentiment["http"]["url"] = (m_base + "/v1/chat/completions").toStdString();
        writeJson(m_dir.filePath("sentiment.json"), sentiment);
        const Run add = cli({"models", "--project", m_project, "--add",
                             m_dir.filePath("sentiment.json")});
        QVERIFY2(add.exitCode == 0, qPrintable(describe(add)));
        const Run score = cli({"score", "--project", m_project, "--replies-of", "1", "--model",
                               "sentiment-sim-1", "--trust"});
        QVERIFY2(score.exitCode == 0, qPrintable(describe(score)));
        const int kept = Families - int(m_refusedRows.size());
        QVERIFY2(score.out.contains(QStringLiteral("%1 families; %2 left out")
                                        .arg(kept)
                                        .arg(m_refusedRows.size())),
                 qPrintable(score.out));
        const QRegularExpressionMatch run =
            QRegularExpression(QStringLiteral("audit with: .* --run (\\d+)")).match(score.out);
        QVERIFY2(run.hasMatch(), qPrintable(score.out));

        const Run audit = cli({"audit", "--project", m_project, "--run", run.captured(1),
                               "--spec", Sample + "/sentiment-audit.json", "--json", "-"});
        QVERIFY2(audit.exitCode == 0 || audit.exitCode == 1, qPrintable(describe(audit)));
        const json doc = json::parse(audit.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), qPrintable(audit.out.left(2000)));
        QCOMPARE(doc.at("families").get<int>(), kept);
        QCOMPARE(doc.at("families_input").get<int>(), Families);
        const json &left = doc.at("families_left_out");
        QVERIFY2(left.size() == 1 && left[0].at("families").get<std::size_t>()
                                         == m_refusedRows.size(),
                 left.dump().c_str());
        QVERIFY(left[0].at("reason").get<std::string>().find("run 1") != std::string::npos);
        const json &pair = doc.at("score_parity").at("pairs").at(0);
        QCOMPARE(pair.at("a").get<std::string>(), std::string("female"));
        QCOMPARE(pair.at("scored_a").get<int>(), kept);
        QVERIFY2(pair.at("wasserstein1").get<double>() > 0.05, pair.dump().c_str());
        QVERIFY2(pair.at("weak_gap").get<double>() < 0, pair.dump().c_str());
        // Asking again finds the same set: no second copy.
        const Run again = cli({"score", "--project", m_project, "--replies-of", "1", "--model",
                               "sentiment-sim-1", "--estimate"});
        QVERIFY2(again.out.contains(QStringLiteral("frozen before")), qPrintable(describe(again)));
    }

    /// The openai_embeddings preset embeds the judge's replies (score --replies-of with the
    /// sample's embeddings.json); the audit of the judge run then compares each family's
    /// replies by the cosine of their vectors. The figure is checked against the cosines worked
    /// here from the stored vectors; the embeddings run itself is not an audit of outcomes and
    /// says where to look.
    void embeddingsOfRepliesHaveCosine()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        json config = readJson(Sample + "/embeddings.json");
        QVERIFY2(config.is_object(), "sample embeddings.json does not parse");
        config["http"]["url"] = (m_base + "/v1/embeddings").toStdString();
        writeJson(m_dir.filePath("embeddings.json"), config);
        const Run add = cli({"models", "--project", m_project, "--add",
                             m_dir.filePath("embeddings.json")});
        QVERIFY2(add.exitCode == 0, qPrintable(describe(add)));
        const Run score = cli({"score", "--project", m_project, "--replies-of", "1", "--model",
                               "embed-sim-1", "--trust"});
        QVERIFY2(score.exitCode == 0, qPrintable(describe(score)));
        // The run to audit is the judge's, whose replies these embeddings are.
        const QRegularExpressionMatch runId =
            QRegularExpression(QStringLiteral("audit with: .* --run 1 .*from run (\\d+)\\)"))
                .match(score.out);
        QVERIFY2(runId.hasMatch(), qPrintable(score.out));
        const std::int64_t embeddingsRun = runId.captured(1).toLongLong();

        // The cosines by hand: the reply set's rows alternate female, male within a family.
        auto store = ProjectStore::open(m_project.toStdString());
        CP_VERIFY_OK(store);
        auto scores = runScores(**store, embeddingsRun);
        CP_VERIFY_OK(scores);
        const int kept = Families - int(m_refusedRows.size());
        QCOMPARE(scores->size(), std::size_t(2 * kept));
        std::map<std::int64_t, std::vector<float>> byRow;
        for (const StoredScore &x : *scores) {
            QVERIFY2(x.result.ok(), x.result.error.c_str());
            QCOMPARE(x.result.embedding.size(), std::size_t(16));
            byRow[x.row] = x.result.embedding;
        }
        double sum = 0, least = 2;
        for (int f = 0; f < kept; ++f) {
            const std::vector<float> &a = byRow.at(2 * f), &b = byRow.at(2 * f + 1);
            double dot = 0, na = 0, nb = 0;
            for (std::size_t i = 0; i < a.size(); ++i) {
                dot += double(a[i]) * b[i];
                na += double(a[i]) * a[i];
                nb += double(b[i]) * b[i];
            }
            const double c = dot / std::sqrt(na * nb);
            sum += c;
            least = std::min(least, c);
        }
        store->reset();

        const Run audit = cli({"audit", "--project", m_project, "--run", "1", "--spec",
                               m_dir.filePath("audit.json"), "--json", "-"});
        QVERIFY2(audit.exitCode == 0 || audit.exitCode == 1, qPrintable(describe(audit)));
        const json doc = json::parse(audit.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object() && doc.contains("embedding_similarity"),
                 qPrintable(audit.out.left(3000)));
        const json &e = doc.at("embedding_similarity");
        QCOMPARE(e.at("dimension").get<int>(), 16);
        QCOMPARE(e.at("variants_with_embedding").get<int>(), 2 * kept);
        QVERIFY2(e.at("source").get<std::string>().find("scoring run "
                                                        + std::to_string(embeddingsRun))
                     != std::string::npos,
                 e.dump().c_str());
        const json &pair = e.at("pairs").at(0);
        QCOMPARE(pair.at("cosine").at("n").get<int>(), kept);
        const double mean = pair.at("cosine").at("value").get<double>();
        QVERIFY2(std::abs(mean - sum / kept) < 1e-9, pair.dump().c_str());
        // Replies about women are worded differently: not the same direction.
        QVERIFY2(mean < 0.95, pair.dump().c_str());
        QVERIFY(std::abs(pair.at("least_similar").at(0).at("cosine").get<double>() - least)
                < 1e-9);

        // The summary says it, and the embeddings run's own audit points to run 1.
        const Run text = cli({"audit", "--project", m_project, "--run", "1", "--spec",
                              m_dir.filePath("audit.json")});
        QVERIFY2(text.out.contains(QStringLiteral("Replies by embedding")), qPrintable(text.out));
        const Run own = cli({"audit", "--project", m_project, "--run",
                             QString::number(embeddingsRun), "--spec",
                             m_dir.filePath("audit.json")});
        QCOMPARE(own.exitCode, 2);
        QVERIFY2(own.err.contains(QStringLiteral("holds embeddings, not outcomes"))
                     && own.err.contains(QStringLiteral("audit of run 1")),
                 qPrintable(describe(own)));
    }

    /// The workbench shows a kept audit first and reads its pairs later: those pairs carry the
    /// replies and the same masked words as the pairs of a fresh audit.
    void keptAuditPairsHaveReplies()
    {
        ensureScored();
        if (QTest::currentTestFailed())
            return;
        const Run spec = cli({"spec", "--project", m_project, "--set",
                              m_dir.filePath("audit-llm.json")});
        QVERIFY2(spec.exitCode == 0, qPrintable(describe(spec)));
        auto store = ProjectStore::open(m_project.toStdString());
        CP_VERIFY_OK(store);
        AuditSource source;
        source.kind = AuditSource::Kind::Run;
        source.id = 1;
        auto fresh = auditSource(**store, source);
        CP_VERIFY_OK(fresh);
        QVERIFY(fresh->pairs);
        auto kept = auditSource(**store, source, {}, true, PairsWhen::Later);
        CP_VERIFY_OK(kept);
        QVERIFY(kept->fromCache);
        QVERIFY(kept->pairsPending);
        CP_VERIFY_OK(indexSourcePairs(**store, *kept));
        QVERIFY(kept->pairs);
        QCOMPARE(kept->pairs->replyMaskWords, fresh->pairs->replyMaskWords);
        QVERIFY(kept->pairs->replyMaskWords.size() > 4);
        const auto &columns = kept->pairs->rows->columns();
        const auto reply = std::size_t(std::find(columns.begin(), columns.end(), "reply")
                                       - columns.begin());
        QVERIFY(reply < columns.size());
        std::string scratch;
        QVERIFY2(!kept->pairs->rows->cell(0, reply, scratch).empty(), "no reply in kept pairs");
    }

private:
    /// Runs the README flow once (init, generate, spec, models --add, score --trust) and
    /// reads the run's stored results: m_refusedRows are the rows whose repeats were refused.
    void ensureScored()
    {
        if (m_scored)
            return;
        const QList<QStringList> steps = {
            {"init", "--project", m_project},
            {"generate", "--spec", Sample + "/generator.json", "--project", m_project,
             "--families", QString::number(Families)},
            {"spec", "--project", m_project, "--set", m_dir.filePath("audit.json")},
            {"models", "--project", m_project, "--add", m_dir.filePath("scorer.json")},
            {"score", "--project", m_project, "--probe-set", "llm-judge", "--model",
             "judge-sim-1", "--trust"}};
        for (const QStringList &step : steps) {
            const Run r = cli(step);
            QVERIFY2(r.exitCode == 0, qPrintable(step.join(' ') + "\n" + describe(r)));
        }

        auto store = ProjectStore::open(m_project.toStdString());
        CP_VERIFY_OK(store);
        auto scores = runScores(**store, 1);
        CP_VERIFY_OK(scores);
        QCOMPARE(scores->size(), std::size_t(2 * Families * Repeats));
        const QRegularExpression reply(
            QStringLiteral("^(YES|NO) \\(score [01]\\.\\d\\d\\): [a-z ,]+\\.$"));
        std::map<std::int64_t, int> refusedRepeats;
        for (const StoredScore &s : *scores) {
            const ScoreResult &r = s.result;
            QVERIFY2(r.ok(), r.error.c_str());
            QVERIFY(r.text.has_value());
            const QString text = QString::fromStdString(*r.text);
            // Rows alternate female, male (groups in declared order within each family).
            const bool female = s.row % 2 == 0;
            if (r.refused) {
                QVERIFY2(female, qPrintable(text));
                QCOMPARE(text, Refusal);
                ++refusedRepeats[s.row];
                continue;
            }
            QVERIFY2(reply.match(text).hasMatch(), qPrintable(text));
            QVERIFY(r.score.has_value());
            QCOMPARE(QString::fromStdString(r.label), text.left(text.indexOf(' ')));
            QVERIFY2(r.logprob.has_value(), qPrintable(text));
            QVERIFY(*r.logprob < 0);
        }
        for (const auto &[row, n] : refusedRepeats) {
            QCOMPARE(n, Repeats);   // a refused prompt is refused on every repeat
            m_refusedRows.insert(row);
        }
        // About 12 % of the female prompts.
        QVERIFY2(m_refusedRows.size() >= 3 && m_refusedRows.size() <= 30,
                 qPrintable(QString::number(m_refusedRows.size())));
        m_scored = true;
    }

    QTemporaryDir m_dir;
    QString m_python, m_base, m_project;
    QProcess m_server;
    bool m_scored = false;
    std::set<std::int64_t> m_refusedRows;
};

QTEST_GUILESS_MAIN(tst_LlmJudge)
#include "tst_llmjudge.moc"
