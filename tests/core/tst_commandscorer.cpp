// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The command scorer against a real process (tests/support/fakescorer.cpp) that crashes,
// hangs, prints garbage, answers out of order or writes to stderr on request.

#include <core/score/commandanswer.h>
#include <core/score/commandscorer.h>
#include <core/table/csvrows.h>
#include <core/table/vectorrows.h>

#include <nlohmann/json.hpp>

#include <QtTest>

#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>

using namespace cp;

namespace {

struct Outcome {
    Status status = Ok{};
    std::vector<int> calls;                       ///< sink calls per task
    std::vector<std::optional<ScoreResult>> results;
    std::vector<std::string> log;
    double seconds = 0;

    int errors() const
    {
        int n = 0;
        for (const auto &r : results)
            n += r && !r->ok();
        return n;
    }
    bool logHas(const std::string &needle) const
    {
        for (const auto &l : log)
            if (l.find(needle) != std::string::npos)
                return true;
        return false;
    }
};

/// Texts with quotes, backslashes, a newline, a tab and non-ASCII, of varying length.
std::string textOf(int i)
{
    std::string t = "row " + std::to_string(i) + " says \"hi\" \\ ";
    if (i % 3 == 0)
        t += "line\nbreak\ttab ";
    if (i % 5 == 0)
        t += "caf\xc3\xa9 \xe2\x80\x94 ";
    t += std::string(std::size_t(i % 37), 'x');
    return t;
}

VectorRows makeRows(int n)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
        rows.push_back({std::to_string(i), textOf(i), i % 2 ? "she" : "he"});
        ids.push_back("r" + std::to_string(i));
    }
    return VectorRows({"id", "text", "pronoun"}, std::move(rows), std::move(ids));
}

std::vector<ScoreTask> tasksFor(int n)
{
    std::vector<ScoreTask> tasks;
    for (int i = 0; i < n; ++i)
        tasks.push_back({i, 0});
    return tasks;
}

CommandScorerConfig fake(std::vector<std::string> args)
{
    CommandScorerConfig c;
    c.argv = {COUNTERPART_FAKE_SCORER};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    return c;
}

Outcome score(const CommandScorerConfig &config, const ScoreRows &rows,
              const std::vector<ScoreTask> &tasks, Progress progress = {},
              std::function<Status(std::size_t)> sinkHook = {})
{
    Outcome o;
    o.calls.assign(tasks.size(), 0);
    o.results.resize(tasks.size());
    const auto t0 = std::chrono::steady_clock::now();
    auto scorer = makeCommandScorer(config);
    o.status = scorer->run(
        rows, tasks,
        [&](std::size_t task, ScoreResult r) -> Status {
            ++o.calls[task];
            o.results[task] = std::move(r);
            return sinkHook ? sinkHook(task) : Status(Ok{});
        },
        [&](std::string_view line) { o.log.emplace_back(line); }, progress);
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return o;
}

int openFds()
{
    int n = 0;
    for ([[maybe_unused]] const auto &e : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

bool noChildren()
{
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

std::string marker()
{
    static int n = 0;
    const auto p = std::filesystem::temp_directory_path()
                   / ("tst_commandscorer_" + std::to_string(::getpid()) + "_"
                      + std::to_string(++n));
    std::filesystem::remove(p);
    return p.string();
}

} // namespace

class tst_CommandScorer : public QObject
{
    Q_OBJECT

private slots:
    /// An answer's fields, each through a type check: an embedding is an answer on its own;
    /// a vector with a non-number, or a label that is a number, is a problem naming the key.
    void answerFieldsAreTypeChecked()
    {
        using nlohmann::json;
        cp::ScoreResult r;
        auto p = cp::detail::readCommandAnswer(json{{"id", "1:a"}, {"embedding", {0.5, -1, 2}}}, r);
        QVERIFY2(p.what.empty(), p.what.c_str());
        QCOMPARE(r.embedding, (std::vector<float>{0.5f, -1.0f, 2.0f}));
        r = {};
        p = cp::detail::readCommandAnswer(json{{"id", "1:a"}, {"embedding", {0.5, "x"}}}, r);
        QCOMPARE(p.what, std::string("\"embedding\" is not an array of finite numbers"));
        r = {};
        p = cp::detail::readCommandAnswer(json{{"id", "1:a"}, {"embedding", json::array()}}, r);
        QCOMPARE(p.what, std::string("\"embedding\" is not an array of finite numbers"));
        r = {};
        p = cp::detail::readCommandAnswer(json{{"id", "1:a"}, {"label", 3}}, r);
        QCOMPARE(p.what, std::string("\"label\" is not a string"));
        r = {};
        p = cp::detail::readCommandAnswer(json{{"id", "1:a"}, {"error", "quota"}}, r);
        QVERIFY(p.reportedByScorer);
        QCOMPARE(p.what, std::string("quota"));
        r = {};
        p = cp::detail::readCommandAnswer(json{{"id", "1:a"}}, r);
        QVERIFY(p.what.rfind("none of", 0) == 0);
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << "[]" << "/command" << "expected an object";
        QTest::newRow("no argv") << "{}" << "/command/argv" << "required";
        QTest::newRow("empty argv") << R"({"argv": []})" << "/command/argv" << "non-empty";
        QTest::newRow("argv number") << R"({"argv": ["x", 3]})" << "/command/argv/1" << "string";
        QTest::newRow("argv0 empty") << R"({"argv": [""]})" << "/command/argv/0" << "empty";
        QTest::newRow("unknown key") << R"({"argv": ["x"], "colour": 1})" << "/command/colour"
                                     << "unknown key";
        QTest::newRow("batch 0") << R"({"argv": ["x"], "batch": 0})" << "/command/batch"
                                 << "integer from 1";
        QTest::newRow("timeout text") << R"({"argv": ["x"], "timeout_ms": "5"})"
                                      << "/command/timeout_ms" << "integer";
        QTest::newRow("max_failures") << R"({"argv": ["x"], "max_failures": 1.5})"
                                      << "/command/max_failures" << "integer";
        QTest::newRow("cwd") << R"({"argv": ["x"], "cwd": 3})" << "/command/cwd" << "string";
        QTest::newRow("env array") << R"({"argv": ["x"], "env": ["A"]})" << "/command/env"
                                   << "object";
        QTest::newRow("env value") << R"({"argv": ["x"], "env": {"K": 5}})" << "/command/env/K"
                                   << "string";
        QTest::newRow("env name") << R"({"argv": ["x"], "env": {"A=B": "v"}})"
                                  << "/command/env/A=B" << "name";
        // A plain literal: moc loses track of a raw string with an unbalanced brace.
        QTest::newRow("env unclosed") << "{\"argv\": [\"x\"], \"env\": {\"K\": \"${TOKEN\"}}"
                                      << "/command/env/K" << "closing";
        QTest::newRow("env bad var") << R"({"argv": ["x"], "env": {"K": "${1X}"}})"
                                     << "/command/env/K" << "${1X}";
        QTest::newRow("fields twice") << R"({"argv": ["x"], "fields": ["a", "a"]})"
                                      << "/command/fields/1" << "twice";
        QTest::newRow("fields not array") << R"({"argv": ["x"], "fields": "a"})"
                                          << "/command/fields" << "array";
    }

    void configErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto c = parseCommandScorerConfig(nlohmann::json::parse(json.toStdString()),
                                                "scorer.json", "/command", "/base");
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::Schema);
        QCOMPARE(c.error().file, std::string("scorer.json"));
        QCOMPARE(QString::fromStdString(c.error().field), field);
        QVERIFY2(c.error().message.find(message.toStdString()) != std::string::npos,
                 c.error().message.c_str());
    }

    void configResolvesPaths()
    {
        const auto c = parseCommandScorerConfig(
            nlohmann::json::parse(R"({"argv": ["./bin/score", "model.py"], "cwd": "work",
                                      "env": {"TOKEN": "Bearer ${API_TOKEN}"}, "batch": 8,
                                      "timeout_ms": 500, "max_failures": 2,
                                      "fields": ["text"]})"),
            "scorer.json", "/command", "/base/project");
        QVERIFY(c.ok());
        QCOMPARE(c->argv, (std::vector<std::string>{"/base/project/bin/score", "model.py"}));
        QCOMPARE(c->workingDirectory, std::string("/base/project/work"));
        QCOMPARE(c->environment.size(), std::size_t(1));
        QCOMPARE(c->environment[0].second, std::string("Bearer ${API_TOKEN}")); // not resolved
        QCOMPARE(c->batch, 8);
        QCOMPARE(c->timeoutMs, 500);
        QCOMPARE(c->maxConsecutiveFailures, 2);
        QCOMPARE(c->fields, std::vector<std::string>{"text"});

        const auto d = parseCommandScorerConfig(nlohmann::json::parse(R"({"argv": ["python3"],
                                                  "cwd": "/abs"})"),
                                                "s", "", "/base");
        QVERIFY(d.ok());
        QCOMPARE(d->argv[0], std::string("python3"));   // looked up on PATH
        QCOMPARE(d->workingDirectory, std::string("/abs"));
        const auto e = parseCommandScorerConfig(nlohmann::json::parse(R"({"argv": ["x"]})"), "s",
                                                "", "/base");
        QCOMPARE(e->workingDirectory, std::string("/base"));
        QCOMPARE(e->batch, 64);
    }

    void echoScoresEveryTaskOnce()
    {
        const int fdsBefore = openFds();
        const auto rows = makeRows(400);
        auto tasks = tasksFor(400);
        for (int i = 0; i < 100; ++i)
            tasks.push_back({i, 1});   // a second repeat: ids "r<i>#1"
        std::vector<std::int64_t> reported;
        Progress p;
        p.report = [&](std::int64_t done, std::int64_t) { reported.push_back(done); };
        const auto o = score(fake({"echo"}), rows, tasks, p);
        QVERIFY2(o.status.ok(), o.status.ok() ? "" : o.status.error().toString().c_str());
        for (std::size_t t = 0; t < tasks.size(); ++t) {
            QCOMPARE(o.calls[t], 1);
            QVERIFY2(o.results[t]->ok(), o.results[t]->error.c_str());
            QCOMPARE(*o.results[t]->score, double(textOf(int(tasks[t].row)).size()));
            QVERIFY(o.results[t]->latencyMs >= 0);
        }
        QVERIFY(!reported.empty());
        QCOMPARE(reported.back(), std::int64_t(500));
        QVERIFY(o.log.empty());
        QCOMPARE(openFds(), fdsBefore);
        QVERIFY(noChildren());
    }

    void invalidUtf8StaysValidJson()
    {
        VectorRows rows({"text"}, {{"ok \xff\xc3"}, {"caf\xc3\xa9"}}, {"a", "b"});
        const auto o = score(fake({"echo"}), rows, tasksFor(2));
        QVERIFY(o.status.ok());
        QCOMPARE(*o.results[0]->score, 3.0 + 3 + 3);   // each bad byte became U+FFFD
        QCOMPARE(*o.results[1]->score, 5.0);           // good UTF-8 goes through as is
    }

    void missingWorkingDirectory()
    {
        auto c = fake({"echo"});
        c.workingDirectory = "/nonexistent/folder";
        const auto o = score(c, makeRows(3), tasksFor(3));
        QVERIFY(!o.status.ok());
        QVERIFY(o.status.error().message.find("/nonexistent/folder") != std::string::npos);
    }

    void fieldsMustExist()
    {
        auto c = fake({"echo"});
        c.fields = {"text", "nope"};
        const auto o = score(c, makeRows(3), tasksFor(3));
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().code, ErrorCode::Schema);
        QVERIFY(o.status.error().message.find("'nope'") != std::string::npos);
    }

    void crashRestartsAndResends()
    {
        const int fdsBefore = openFds();
        const std::string m = marker();
        const auto o = score(fake({"crash-at", "50", m}), makeRows(300), tasksFor(300));
        std::filesystem::remove(m);
        QVERIFY2(o.status.ok(), o.status.ok() ? "" : o.status.error().toString().c_str());
        for (int t = 0; t < 300; ++t) {
            QCOMPARE(o.calls[std::size_t(t)], 1);
            QVERIFY(o.results[std::size_t(t)]->ok());
            QCOMPARE(*o.results[std::size_t(t)]->score, double(textOf(t).size()));
        }
        QVERIFY(o.logHas("scorer exited with status 3 after 50 responses; restarting"));
        QCOMPARE(openFds(), fdsBefore);
        QVERIFY(noChildren());
    }

    void hangTimesOutOneRow()
    {
        const std::string m = marker();
        auto c = fake({"hang-at", "20", m});
        c.timeoutMs = 300;
        const auto o = score(c, makeRows(100), tasksFor(100));
        std::filesystem::remove(m);
        QVERIFY2(o.status.ok(), o.status.ok() ? "" : o.status.error().toString().c_str());
        QCOMPARE(o.errors(), 1);
        QCOMPARE(o.results[19]->error, std::string("timed out after 300 ms"));
        for (int t = 0; t < 100; ++t)
            QCOMPARE(o.calls[std::size_t(t)], 1);
        QVERIFY(o.logHas("request r19 timed out after 300 ms; killing and restarting"));
        QVERIFY(o.seconds < 3);
        QVERIFY(noChildren());
    }

    void garbageIsQuoted()
    {
        const auto o = score(fake({"garbage-at", "10"}), makeRows(50), tasksFor(50));
        QVERIFY(o.status.ok());
        QCOMPARE(o.errors(), 1);
        const std::string &e = o.results[9]->error;
        QVERIFY2(e.find("'this is not json'") != std::string::npos, e.c_str());
        QVERIFY2(e.find("not JSON") != std::string::npos, e.c_str());
        for (int t = 0; t < 50; ++t)
            QCOMPARE(o.calls[std::size_t(t)], 1);
    }

    void outOfOrderMatchedById()
    {
        const auto o = score(fake({"reverse"}), makeRows(203), tasksFor(203));
        QVERIFY(o.status.ok());
        QCOMPARE(o.errors(), 0);
        for (int t = 0; t < 203; ++t)
            QCOMPARE(*o.results[std::size_t(t)]->score, double(textOf(t).size()));
    }

    void lastPartialBatchIsAnsweredAtEndOfInput()
    {
        // 203 rows in batches of 8: the last 3 are answered only once the input ends. With
        // stdin closed after the last answer, this timed out, restarted and failed the run.
        auto c = fake({"batch-until-eof", "8"});
        c.timeoutMs = 3000;
        const auto o = score(c, makeRows(203), tasksFor(203));
        QVERIFY2(o.status.ok(), o.status.ok() ? "" : o.status.error().toString().c_str());
        QCOMPARE(o.errors(), 0);
        for (int t = 0; t < 203; ++t) {
            QCOMPARE(o.calls[std::size_t(t)], 1);
            QCOMPARE(*o.results[std::size_t(t)]->score, double(textOf(t).size()));
        }
        QVERIFY2(o.seconds < 2.5, std::to_string(o.seconds).c_str());
        QVERIFY(!o.logHas("timed out"));
        QVERIFY(noChildren());
    }

    void stderrGoesToTheLog()
    {
        const auto o = score(fake({"stderr"}), makeRows(20), tasksFor(20));
        QVERIFY(o.status.ok());
        int lines = 0;
        for (const auto &l : o.log)
            lines += l.starts_with("stderr: fake: got request ");
        QCOMPARE(lines, 20);
    }

    void consecutiveFailuresStop()
    {
        const auto o = score(fake({"fail-always"}), makeRows(100), tasksFor(100));
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().code, ErrorCode::Invalid);
        const std::string &m = o.status.error().message;
        QVERIFY2(m.starts_with("the scorer failed 5 times in a row; last: "), m.c_str());
        QVERIFY2(m.find("this is not json") != std::string::npos, m.c_str());
        QCOMPARE(o.errors(), 5);
        QVERIFY(noChildren());

        auto c = fake({"exit-immediately"});
        c.maxConsecutiveFailures = 3;
        const auto x = score(c, makeRows(10), tasksFor(10));
        QVERIFY(!x.status.ok());
        QVERIFY2(x.status.error().message.find("failed 3 times in a row; last: scorer exited "
                                               "with status 7 after 0 responses")
                     != std::string::npos,
                 x.status.error().message.c_str());
        QVERIFY(x.logHas("scorer exited with status 7 after 0 responses; restarting"));
        QCOMPARE(x.errors(), 0);   // restarts fail no row: the rows stay for a resumed run
        QVERIFY(noChildren());
    }

    void missingProgram()
    {
        CommandScorerConfig c;
        c.argv = {"/nonexistent/counterpart-scorer"};
        auto o = score(c, makeRows(3), tasksFor(3));
        QVERIFY(!o.status.ok());
        QVERIFY(o.status.error().message.find("'/nonexistent/counterpart-scorer'")
                != std::string::npos);
        c.argv = {"counterpart-no-such-scorer"};
        o = score(c, makeRows(3), tasksFor(3));
        QVERIFY(!o.status.ok());
        QVERIFY2(o.status.error().message.find("'counterpart-no-such-scorer': not found on PATH")
                     != std::string::npos,
                 o.status.error().message.c_str());
        QVERIFY(noChildren());
    }

    void cancelWhileHung()
    {
        const std::string m = marker();
        auto c = fake({"hang-at", "5", m});
        const auto t0 = std::chrono::steady_clock::now();
        Progress p;
        p.isCancelled = [&] {
            return std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(300);
        };
        const auto o = score(c, makeRows(50), tasksFor(50), p);
        std::filesystem::remove(m);
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().code, ErrorCode::Cancelled);
        QVERIFY2(o.seconds < 1.0, std::to_string(o.seconds).c_str());
        for (int t = 0; t < 4; ++t)
            QCOMPARE(o.calls[std::size_t(t)], 1);   // results before the cancel stay
        QCOMPARE(o.calls[4], 0);
        QVERIFY(noChildren());
    }

    void cancelMidRun()
    {
        int delivered = 0;
        Progress p;
        p.isCancelled = [&] { return delivered >= 20; };
        const auto o = score(fake({"slow", "2"}), makeRows(500), tasksFor(500), p,
                             [&](std::size_t) {
                                 ++delivered;
                                 return Status(Ok{});
                             });
        QCOMPARE(o.status.error().code, ErrorCode::Cancelled);
        QVERIFY(delivered >= 20 && delivered < 500);
        QVERIFY(noChildren());
    }

    void sinkErrorStops()
    {
        const auto o = score(fake({"echo"}), makeRows(200), tasksFor(200), {},
                             [](std::size_t task) -> Status {
                                 if (task == 30)
                                     return Error{ErrorCode::Storage, "p.counterpart", 0, {},
                                                  "disk full"};
                                 return Ok{};
                             });
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().message, std::string("disk full"));
        QVERIFY(noChildren());
    }

    void sampleScorerPy()
    {
        if (::system("python3 -c pass >/dev/null 2>&1") != 0)
            QSKIP("python3 is not installed");
        const auto c = parseCommandScorerConfig(
            nlohmann::json::parse(R"({"argv": ["python3", "scorer.py"],
                                      "fields": ["summary", "pronoun", "years"]})"),
            "toy.json", "/command", COUNTERPART_SOURCE_DIR "/sample_projects/hiring-screen");
        QVERIFY(c.ok());
        VectorRows rows({"family", "summary", "pronoun", "years"},
                             {{"1", "Ana. Her references are attached.", "she", "6"},
                              {"1", "Ana. His references are attached.", "he", "6"}},
                             {"1:f", "1:m"});
        const auto o = score(*c, rows, tasksFor(2));
        QVERIFY2(o.status.ok(), o.status.ok() ? "" : o.status.error().toString().c_str());
        QCOMPARE(o.results[0]->label, std::string("reject"));    // the toy's deliberate bias
        QCOMPARE(o.results[1]->label, std::string("advance"));
        QVERIFY(*o.results[0]->score < *o.results[1]->score);
    }

    void environmentIsSubstitutedNeverLogged()
    {
        const std::string secret = "s3cr3t-token-4711";
        ::setenv("CP_TEST_SECRET", secret.c_str(), 1);
        auto c = fake({"env", "FAKE_TOKEN"});
        c.environment = {{"FAKE_TOKEN", "Bearer ${CP_TEST_SECRET}"}};
        const auto o = score(c, makeRows(5), tasksFor(5));
        QVERIFY(o.status.ok());
        const std::string sent = "Bearer " + secret;
        QCOMPARE(o.results[0]->label, std::string(sent.rbegin(), sent.rend()));   // reached the child
        // and echoed back as the text, it is kept as the reference (issue 14, defect 8)
        QCOMPARE(*o.results[0]->text, std::string("Bearer ${CP_TEST_SECRET}"));
        QVERIFY(o.logHas("stderr: the secret is Bearer ${CP_TEST_SECRET}"));
        for (const auto &l : o.log)
            QVERIFY2(l.find(secret) == std::string::npos, l.c_str());

        // A scorer that prints the secret as garbage: the row errors and the run error quote
        // the line with the variable's name instead.
        c.argv = {COUNTERPART_FAKE_SCORER, "leak", "FAKE_TOKEN"};
        c.maxConsecutiveFailures = 2;
        const auto f = score(c, makeRows(5), tasksFor(5));
        QVERIFY(!f.status.ok());
        QVERIFY2(f.status.error().message.find("leaked: Bearer ${CP_TEST_SECRET}")
                     != std::string::npos,
                 f.status.error().message.c_str());
        QVERIFY(f.status.error().message.find(secret) == std::string::npos);
        QCOMPARE(f.errors(), 2);
        for (const auto &r : f.results)
            QVERIFY(!r || r->error.find(secret) == std::string::npos);
        ::unsetenv("CP_TEST_SECRET");

        c.environment = {{"FAKE_TOKEN", "${CP_TEST_UNSET_VARIABLE}"}};
        const auto u = score(c, makeRows(5), tasksFor(5));
        QVERIFY(!u.status.ok());
        QVERIFY(u.status.error().message.find("CP_TEST_UNSET_VARIABLE is not set")
                != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_CommandScorer)
#include "tst_commandscorer.moc"
