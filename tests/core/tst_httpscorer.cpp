// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The HTTP scorer against a real HTTP server on loopback: body templates and JSON pointers,
// retries (429 with Retry-After, 5xx), row errors (4xx, timeout, garbage), the OpenAI chat
// preset, ${VAR} secrets, bounded concurrency, cancel and the pre-run estimate.

#include "../support/testhttpserver.h"
#include "../support/testsupport.h"

#include <core/common/embedding.h>
#include <core/score/httpscorer.h>
#include <core/score/scoredrows.h>
#include <core/table/csvrows.h>
#include <core/table/vectorrows.h>

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

using namespace cp;
using namespace cptest;
using json = nlohmann::json;

namespace {

struct RunOutput {
    Status status = Ok{};
    std::map<std::size_t, ScoreResult> results;
    std::vector<std::string> log;
    double seconds = 0;
};

VectorRows makeRows(int n)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
        const std::string group = i % 2 ? "b" : "a";
        rows.push_back({std::to_string(i / 2 + 1), group, "name" + std::to_string(i),
                        "text " + std::to_string(i)});
        ids.push_back(std::to_string(i / 2 + 1) + ":" + group);
    }
    return VectorRows({"family", "variant", "name", "text"}, std::move(rows),
                           std::move(ids));
}

std::vector<ScoreTask> allTasks(const ScoreRows &rows)
{
    std::vector<ScoreTask> tasks;
    for (std::int64_t r = 0; r < rows.rowCount(); ++r)
        tasks.push_back({r, 0});
    return tasks;
}

Result<HttpScorerConfig> parse(const std::string &text)
{
    return parseHttpScorerConfig(json::parse(text), "scorer.json", "/scorer");
}

RunOutput runScorer(const HttpScorerConfig &config, const ScoreRows &rows,
                    Progress progress = {})
{
    RunOutput out;
    const auto tasks = allTasks(rows);
    const auto thread = std::this_thread::get_id();
    const auto t0 = std::chrono::steady_clock::now();
    auto scorer = makeHttpScorer(config);
    out.status = scorer->run(
        rows, tasks,
        [&](std::size_t task, ScoreResult r) -> Status {
            if (std::this_thread::get_id() != thread)
                return Error{ErrorCode::Invalid, "test", 0, {}, "sink on another thread"};
            if (!out.results.emplace(task, std::move(r)).second)
                return Error{ErrorCode::Invalid, "test", 0, {}, "task scored twice"};
            return Ok{};
        },
        [&](std::string_view line) { out.log.emplace_back(line); }, progress);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

RunOutput runJson(const std::string &config, const ScoreRows &rows, Progress progress = {})
{
    auto c = parse(config);
    if (!c.ok()) {
        RunOutput out;
        out.status = c.error();
        return out;
    }
    return runScorer(*c, rows, std::move(progress));
}

std::string plainConfig(const TestHttpServer &server, const std::string &extra = {})
{
    return R"({"url": ")" + server.url("/score")
        + R"(", "body": {"input": {"text": "{{text}}"}}, "score": "/score")" + extra + "}";
}

TestHttpResponse jsonReply(const json &j, int status = 200)
{
    TestHttpResponse r;
    r.status = status;
    r.body = j.dump();
    return r;
}

} // namespace

// Declared first: moc does not follow raw strings, and the bodies below are full of them.
class tst_HttpScorer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void configErrors_data();
    void configErrors();
    void unknownPlaceholderStopsBeforeAnyRequest();
    void plainEndpoint();
    void defaultBodyAndGet();
    void retryAfter429();
    void serverErrorsThenOk();
    void rowErrors();
    void connectionRefusedIsRetried();
    void openAiChat();
    void openAiEmbeddings();
    void secretFromEnvironment();
    void echoedSecretIsRedactedInEveryForm();
    void concurrencyIsBounded();
    void cancel();
    void tooManyFailuresStop();
    void estimate();
};

void tst_HttpScorer::initTestCase()
{
    ::setenv("no_proxy", "127.0.0.1", 1);   // loopback, even where a proxy is configured
}

void tst_HttpScorer::configErrors_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("no url") << R"({"score": "/s"})" << "/scorer/url" << "missing";
    QTest::newRow("url type") << R"({"url": 5, "score": "/s"})" << "/scorer/url"
                              << "expected a string";
    QTest::newRow("ftp url") << R"({"url": "ftp://h/x", "score": "/s"})" << "/scorer/url"
                             << "http://";
    QTest::newRow("no score") << R"({"url": "http://h/x"})" << "/scorer/score" << "label";
    QTest::newRow("bad pointer") << R"({"url": "http://h/x", "score": "s"})"
                                 << "/scorer/score" << "not a JSON pointer";
    QTest::newRow("concurrency") << R"({"url": "http://h/x", "score": "/s", )"
                                       R"("concurrency": 0})"
                                 << "/scorer/concurrency" << "from 1 to 1024";
    QTest::newRow("literal secret")
        << R"({"url": "http://h/x", "score": "/s", )"
               R"("headers": {"Authorization": "Bearer sk-123"}})"
        << "/scorer/headers/Authorization" << "${API_KEY}";
    QTest::newRow("bad variable")
        << R"({"url": "http://h/x", "score": "/s", "headers": {"X-A": "${1X}"}})"
        << "/scorer/headers/X-A" << "malformed";
    QTest::newRow("unknown key") << R"({"url": "http://h/x", "score": "/s", "timeout": 1})"
                                 << "/scorer/timeout" << "unknown key";
    QTest::newRow("get body") << R"({"url": "http://h/x", "method": "GET", "body": {}, )"
                                    R"("score": "/s"})"
                              << "/scorer/body" << "GET";
    QTest::newRow("field not listed")
        << R"({"url": "http://h/x", "score": "/s", "fields": ["a"], )"
               R"("body": {"q": ["{{a}}", "{{ b }}"]}})"
        << "/scorer/body/q/1" << "{{b}}";
    QTest::newRow("preset") << R"({"preset": "claude", "url": "http://h/x"})"
                            << "/scorer/preset" << "openai_chat";
    QTest::newRow("no prompt") << R"({"preset": "openai_chat", "url": "http://h/x", )"
                                     R"("model": "m"})"
                               << "/scorer/prompt" << "missing";
    QTest::newRow("bad regex") << R"({"preset": "openai_chat", "url": "http://h/x", )"
                                     R"("model": "m", "prompt": "p", "score_regex": "(\\d"})"
                               << "/scorer/score_regex" << "regular expression";
    QTest::newRow("logprobs") << R"({"preset": "openai_chat", "url": "http://h/x", )"
                                    R"("model": "m", "prompt": "p", "logprobs": "Yes"})"
                              << "/scorer/logprobs" << "token";
    QTest::newRow("price") << R"({"preset": "openai_chat", "url": "http://h/x", )"
                                 R"("model": "m", "prompt": "p", "price": {"input": 1}})"
                           << "/scorer/price/input" << "unknown key";
    QTest::newRow("embeddings input") << R"({"preset": "openai_embeddings", "url": "http://h/x", )"
                                          R"("model": "m"})"
                                      << "/scorer/input" << "missing";
    QTest::newRow("embeddings prompt") << R"({"preset": "openai_embeddings", "url": "http://h/x", )"
                                           R"("model": "m", "input": "{{text}}", "prompt": "p"})"
                                       << "/scorer/prompt" << "unknown key";
    QTest::newRow("embeddings dimensions")
        << R"({"preset": "openai_embeddings", "url": "http://h/x", "model": "m", )"
           R"("input": "{{text}}", "dimensions": 0})"
        << "/scorer/dimensions" << "";
    QTest::newRow("embeddings price") << R"({"preset": "openai_embeddings", "url": "http://h/x", )"
                                          R"("model": "m", "input": "i", )"
                                          R"("price": {"output_per_1k": 1}})"
                                      << "/scorer/price/output_per_1k" << "unknown key";
}

void tst_HttpScorer::configErrors()
{
    QFETCH(QString, config);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto c = parse(config.toStdString());
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, ErrorCode::Schema);
    QCOMPARE(c.error().file, std::string("scorer.json"));
    QCOMPARE(QString::fromStdString(c.error().field), field);
    QVERIFY2(QString::fromStdString(c.error().message).contains(message),
             c.error().toString().c_str());
}

void tst_HttpScorer::unknownPlaceholderStopsBeforeAnyRequest()
{
    TestHttpServer server;
    QVERIFY(server.start([](const TestHttpRequest &) { return jsonReply({{"score", 1}}); }));
    const auto rows = makeRows(2);
    const auto out = runJson(R"({"url": ")" + server.url()
                                 + R"(", "body": {"a": "{{gender}}"}, "score": "/score"})",
                             rows);
    QVERIFY(!out.status.ok());
    QCOMPARE(out.status.error().field, std::string("/scorer/body/a"));
    QVERIFY(out.status.error().message.find("{{gender}}") != std::string::npos);
    QCOMPARE(server.requestCount(), std::int64_t(0));
}

void tst_HttpScorer::plainEndpoint()
{
    TestHttpServer server;
    std::mutex mutex;
    std::vector<json> seen;
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        const json body = json::parse(request.body, nullptr, false);
        {
            std::lock_guard lock(mutex);
            seen.push_back(body);
        }
        if (body.is_discarded() || request.method != "POST" || request.path != "/score"
            || request.header("Content-Type") != "application/json")
            return jsonReply({{"error", "bad request"}}, 400);
        const std::string text = body["input"]["text"];
        return jsonReply({{"result", {{"p", double(text.size()) / 100}, {"label", text}}},
                          {"why", "because " + text}});
    }));
    std::vector<std::vector<std::string>> cells = {
        {"1", "a", "Ann", "plain"},
        {"1", "b", "Bob", "say \"hi\" \\ back\nnew line\ttab é"},
        {"2", "a", "Cy", "{{name}} stays literal"}};
    const VectorRows rows({"family", "variant", "name", "text"}, cells,
                               {"1:a", "1:b", "2:a"});
    const auto out = runJson(R"({"url": ")" + server.url("/score")
                                 + R"(", "body": {"input": {"text": "{{text}}", "id": "{{@id}}", )"
                                    R"("n": 3}}, "score": "/result/p", "label": "/result/label", )"
                                    R"("text": "/why", "concurrency": 2})",
                             rows);
    CP_VERIFY_OK(out.status);
    QCOMPARE(out.results.size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i) {
        const ScoreResult &r = out.results.at(i);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.label, cells[i][3]);   // the cell made the round trip, escapes and all
        QCOMPARE(*r.score, double(cells[i][3].size()) / 100);
        QCOMPARE(*r.text, "because " + cells[i][3]);
        QVERIFY(r.latencyMs > 0);
    }
    QCOMPARE(seen.size(), std::size_t(3));
    for (const json &b : seen) {
        QCOMPARE(b["input"]["n"], json(3));
        const std::string id = b["input"]["id"];
        QVERIFY(id == "1:a" || id == "1:b" || id == "2:a");
    }
    QVERIFY(server.connectionCount() <= 2);   // keep-alive: no connection per request
    QVERIFY(out.log.empty());
}

void tst_HttpScorer::defaultBodyAndGet()
{
    TestHttpServer server;
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        if (request.method == "GET")
            return jsonReply({{"score", request.path == "/q?name=name0%20%26x" ? 1 : 0}});
        const json body = json::parse(request.body);
        const bool expected = body.value("name", std::string()) == "name1"
            && body["id"] == "1:b" && !body.contains("text");
        return jsonReply({{"score", expected ? 1 : 0}});
    }));
    const VectorRows getRows({"name"}, {{"name0 &x"}}, {"1"});
    auto out = runJson(R"({"url": ")" + server.url("/q?name={{name}}")
                           + R"(", "method": "GET", "score": "/score"})",
                       getRows);
    CP_VERIFY_OK(out.status);
    QVERIFY2(out.results.at(0).ok(), out.results.at(0).error.c_str());
    QCOMPARE(*out.results.at(0).score, 1.0);
    const auto rows = makeRows(2);
    out = runJson(R"({"url": ")" + server.url() + R"(", "fields": ["name"], )"
                     R"("score": "/score"})",
                  rows);
    CP_VERIFY_OK(out.status);
    QVERIFY2(out.results.at(1).ok(), out.results.at(1).error.c_str());
    QCOMPARE(*out.results.at(1).score, 1.0);
}

void tst_HttpScorer::retryAfter429()
{
    TestHttpServer server;
    std::atomic<int> calls{0};
    QVERIFY(server.start([&](const TestHttpRequest &) {
        if (calls++ == 0) {
            TestHttpResponse r = jsonReply({{"error", "slow down"}}, 429);
            r.headers = {{"Retry-After", "1"}};
            return r;
        }
        return jsonReply({{"score", 0.25}});
    }));
    const auto rows = makeRows(1);
    const auto out = runJson(plainConfig(server), rows);
    CP_VERIFY_OK(out.status);
    QCOMPARE(*out.results.at(0).score, 0.25);
    QCOMPARE(calls.load(), 2);
    QVERIFY2(out.seconds >= 0.95, std::to_string(out.seconds).c_str());   // Retry-After: 1
    QCOMPARE(out.log.size(), std::size_t(1));
    QCOMPARE(out.log[0], std::string("retry 1/5 for 1:a after HTTP 429, waiting 1.0 s"));
}

void tst_HttpScorer::serverErrorsThenOk()
{
    TestHttpServer server;
    std::atomic<int> calls{0};
    QVERIFY(server.start([&](const TestHttpRequest &) {
        return calls++ < 2 ? jsonReply({{"error", "boom"}}, 500) : jsonReply({{"score", 1}});
    }));
    const auto rows = makeRows(1);
    auto out = runJson(plainConfig(server), rows);
    CP_VERIFY_OK(out.status);
    QVERIFY(out.results.at(0).ok());
    QCOMPARE(calls.load(), 3);
    QCOMPARE(out.log.size(), std::size_t(2));
    QVERIFY(out.log[1].rfind("retry 2/5 for 1:a after HTTP 500, waiting 0.", 0) == 0);
    QVERIFY(out.seconds >= 0.45);   // 200 ms + 400 ms, ±20 % jitter

    // Out of retries: the row fails, quoting the last answer.
    calls = -100;
    out = runJson(plainConfig(server, R"(, "retries": 1)"), rows);
    CP_VERIFY_OK(out.status);
    const std::string &error = out.results.at(0).error;
    QVERIFY2(error.find("HTTP 500 (after 2 attempts)") != std::string::npos, error.c_str());
    QVERIFY(error.find("boom") != std::string::npos);
}

void tst_HttpScorer::rowErrors()
{
    TestHttpServer server;
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        const std::string text = json::parse(request.body)["input"]["text"];
        TestHttpResponse r;
        if (text == "text 0") {
            r = jsonReply({{"error", "field 'text' too long"}}, 400);
        } else if (text == "text 1") {
            r = jsonReply({{"score", 1}});
            r.delay = std::chrono::milliseconds(1500);
        } else if (text == "text 2") {
            r.body = "<html>oops</html>";
        } else if (text == "text 3") {
            r = jsonReply({{"other", 1}});
        } else if (text == "text 4") {
            r = jsonReply({{"score", "n/a"}});
        } else {
            r = jsonReply({{"score", "0.5"}});
        }
        return r;
    }));
    const auto rows = makeRows(6);
    const auto out = runJson(plainConfig(server, R"(, "timeout_ms": 300)"), rows);
    CP_VERIFY_OK(out.status);
    QCOMPARE(out.results.size(), std::size_t(6));
    const auto contains = [&](std::size_t task, const std::string &what) {
        return out.results.at(task).error.find(what) != std::string::npos;
    };
    QVERIFY(contains(0, "HTTP 400: '{\"error\":\"field 'text' too long\"}'"));
    QVERIFY(contains(1, "no response within 300 ms"));
    QVERIFY(contains(2, "response is not JSON: '<html>oops</html>'"));
    QVERIFY(contains(3, "response has no /score: '{\"other\":1}'"));
    QVERIFY(contains(4, "expected a number at /score"));
    QCOMPARE(*out.results.at(5).score, 0.5);
    QCOMPARE(server.requestCount(), std::int64_t(6));   // none of these is retried
    QVERIFY(out.seconds < 1.4);
}

void tst_HttpScorer::connectionRefusedIsRetried()
{
    TestHttpServer server;
    QVERIFY(server.start([](const TestHttpRequest &) { return jsonReply({}); }));
    const std::string url = server.url();
    server.stop();   // nothing listens on the port any more
    const auto rows = makeRows(1);
    const auto out = runJson(R"({"url": ")" + url
                                 + R"(", "score": "/score", "retries": 1})",
                             rows);
    CP_VERIFY_OK(out.status);
    QVERIFY2(out.results.at(0).error.find("connection error") != std::string::npos,
             out.results.at(0).error.c_str());
    QCOMPARE(out.log.size(), std::size_t(1));
}

void tst_HttpScorer::openAiChat()
{
    TestHttpServer server;
    std::mutex mutex;
    std::vector<json> seen;
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        const json body = json::parse(request.body);
        {
            std::lock_guard lock(mutex);
            seen.push_back(body);
        }
        const std::string prompt = body["messages"][1]["content"];
        std::string reply = "Score: 0.8. Decision: YES";
        if (prompt.find("text 1") != std::string::npos)
            reply = "I'm sorry, I cannot help with that.";
        else if (prompt.find("text 2") != std::string::npos)
            reply = "Score: high";
        const json top = json::array({{{"token", "No"}, {"logprob", -2.3}},
                                      {{"token", " Yes"}, {"logprob", -0.1}}});
        return jsonReply(
            {{"id", "chatcmpl-1"},
             {"object", "chat.completion"},
             {"choices",
              {{{"index", 0},
                {"message", {{"role", "assistant"}, {"content", reply}}},
                {"logprobs", {{"content", {{{"token", "Yes"}, {"logprob", -0.1},
                                            {"top_logprobs", top}}}}}},
                {"finish_reason", "stop"}}}},
             {"usage", {{"prompt_tokens", 20}, {"completion_tokens", 8}}}});
    }));
    const auto rows = makeRows(3);
    // Built as JSON: the regexes need C++ escaping only.
    const json config = {
        {"preset", "openai_chat"},
        {"url", server.url("/v1/chat/completions")},
        {"model", "qwen2.5-0.5b"},
        {"system", "You are a strict judge."},
        {"prompt", "Candidate {{name}}: {{text}}. Hire?"},
        {"max_tokens", 8},
        {"score_regex", "Score:\\s*([0-9.]+[0-9])"},
        {"label_regex", "(?i)decision:\\s*(yes|no)"},
        {"refusal_regex", "(?i)\\bI('m sorry| cannot)"},
        {"logprobs", {{"token", "Yes"}}},
        {"price", {{"input_per_1k", 0.5}, {"output_per_1k", 1.5}}}};
    const auto out = runJson(config.dump(), rows);
    CP_VERIFY_OK(out.status);
    const ScoreResult &yes = out.results.at(0);
    QVERIFY2(yes.ok(), yes.error.c_str());
    QCOMPARE(*yes.score, 0.8);
    QCOMPARE(yes.label, std::string("YES"));
    QVERIFY(!yes.refused);
    QCOMPARE(*yes.logprob, -0.1);
    QCOMPARE(*yes.text, std::string("Score: 0.8. Decision: YES"));
    const ScoreResult &refused = out.results.at(1);
    QVERIFY2(refused.ok(), refused.error.c_str());
    QVERIFY(refused.refused);
    QVERIFY(!refused.score);
    QVERIFY(out.results.at(2).error.find("score_regex did not match the reply "
                                         "'Score: high'")
            != std::string::npos);
    const json &body = seen.at(0);
    QCOMPARE(body["model"], json("qwen2.5-0.5b"));
    QCOMPARE(body["messages"][0]["role"], json("system"));
    QCOMPARE(body["messages"][0]["content"], json("You are a strict judge."));
    QCOMPARE(body["messages"][1]["role"], json("user"));
    QVERIFY(body["messages"][1]["content"].get<std::string>().rfind("Candidate name", 0) == 0);
    QCOMPARE(body["temperature"], json(0));
    QCOMPARE(body["max_tokens"], json(8));
    QCOMPARE(body["logprobs"], json(true));
    QCOMPARE(body["top_logprobs"], json(5));
    QCOMPARE(out.log.size(), std::size_t(1));
    QCOMPARE(out.log[0], std::string("tokens used: 60 prompt, 24 completion (cost 0.0660)"));
}

/// The openai_embeddings preset: {"model", "input", "encoding_format"} in, /data/0/embedding
/// out as the result's vector (no score, no label: an answer all the same). A component that
/// is not a number, or a missing vector, is that task's error.
void tst_HttpScorer::openAiEmbeddings()
{
    TestHttpServer server;
    std::mutex mutex;
    std::vector<json> seen;
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        const json body = json::parse(request.body);
        {
            std::lock_guard lock(mutex);
            seen.push_back(body);
        }
        const std::string input = body["input"];
        if (input == "text 1")
            return jsonReply({{"data", {{{"embedding", {0.5, "x", 0.25}}}}}});
        if (input == "text 2")
            return jsonReply({{"object", "list"}});
        return jsonReply({{"object", "list"},
                          {"data", {{{"object", "embedding"}, {"index", 0},
                                     {"embedding", {0.5, -0.25, 1e-3}}}}},
                          {"usage", {{"prompt_tokens", 2}, {"total_tokens", 2}}}});
    }));
    const auto rows = makeRows(3);
    const json config = {{"preset", "openai_embeddings"},
                         {"url", server.url("/v1/embeddings")},
                         {"model", "nomic-embed-text"},
                         {"input", "{{text}}"},
                         {"dimensions", 3}};
    const auto out = runJson(config.dump(), rows);
    CP_VERIFY_OK(out.status);
    const ScoreResult &ok = out.results.at(0);
    QVERIFY2(ok.ok(), ok.error.c_str());
    QCOMPARE(ok.embedding, (std::vector<float>{0.5f, -0.25f, 1e-3f}));
    QVERIFY(!ok.score);
    QVERIFY(ok.label.empty());
    QVERIFY(!ok.text);
    QVERIFY2(out.results.at(1).error.find("/data/0/embedding/1") != std::string::npos,
             out.results.at(1).error.c_str());
    QVERIFY(out.results.at(1).embedding.empty());
    QVERIFY2(out.results.at(2).error.find("no /data/0/embedding") != std::string::npos,
             out.results.at(2).error.c_str());
    // Requests run concurrently: find row 0's.
    QCOMPARE(seen.size(), std::size_t(3));
    const auto first = std::find_if(seen.begin(), seen.end(), [](const json &b) {
        return b.value("input", std::string()) == "text 0";
    });
    QVERIFY(first != seen.end());
    const json &body = *first;
    QCOMPARE(body["model"], json("nomic-embed-text"));
    QCOMPARE(body["encoding_format"], json("float"));
    QCOMPARE(body["dimensions"], json(3));

    // An embedding is an answer: the row is usable, not unscored, and the scored table
    // carries it as text that reads back to the same floats.
    ResultAggregator agg(1, false, std::nullopt);
    agg.add(0, ok);
    const RowResults res = agg.finish();
    QVERIFY(res.usable(0));
    QCOMPARE(res.unscored, 0);
    std::string scratch;
    QCOMPARE(std::string(res.text(EmbeddingResultColumn, 0, scratch)),
             std::string("0.5 -0.25 0.001"));
    std::vector<float> back;
    std::string why;
    QVERIFY(embedding::parse(res.text(EmbeddingResultColumn, 0, scratch), back, why));
    QCOMPARE(back, ok.embedding);
    QCOMPARE(embedding::pack(back).size(), std::size_t(12));
    QVERIFY(embedding::unpack(embedding::pack(back), back));
    QCOMPARE(back, ok.embedding);
}

void tst_HttpScorer::echoedSecretIsRedactedInEveryForm()
{
    // Issue 14, defect 8: a server echoing the key in a reply's text, JSON-escaped or
    // URL-encoded in an error body, or where the 200-byte quote cuts it, put it in the project.
    const std::string secret = "sk-live/4242\"q+x y-0123456789";
    const std::string jsonEscaped = "sk-live/4242\\\"q+x y-0123456789";
    const std::string urlEncoded = "sk-live%2F4242%22q%2Bx%20y-0123456789";
    ::setenv("CP_TEST_ECHO_KEY", secret.c_str(), 1);
    const auto handler = [&](const TestHttpRequest &request) {
        const std::string key = request.header("X-Key");
        TestHttpResponse r;
        r.status = 400;
        if (request.body.find("text 0") != std::string::npos)
            return jsonReply({{"score", 1}, {"reply", "your key is " + key + ", keep it"}});
        if (request.body.find("text 1") != std::string::npos)
            r.body = json{{"error", "bad key '" + key + "'"}}.dump();   // JSON-escaped
        else if (request.body.find("text 2") != std::string::npos)
            r.body = "error=bad+key&key=" + urlEncoded;
        else
            r.body = std::string(190, '.') + key;   // the quote ends inside the key
        return r;
    };
    TestHttpServer server;
    QVERIFY(server.start(handler));
    const auto rows = makeRows(4);
    const std::string config = R"({"url": ")" + server.url("/s")
        + R"(", "headers": {"X-Key": "${CP_TEST_ECHO_KEY}"}, )"
             R"("body": {"t": "{{text}}"}, "score": "/score", "text": "/reply"})";
    const auto parsed = parse(config);
    CP_VERIFY_OK(parsed);
    auto out = runScorer(*parsed, rows);
    CP_VERIFY_OK(out.status);
    QCOMPARE(out.results.size(), std::size_t(4));
    const std::vector<std::string> forms{secret, jsonEscaped, urlEncoded, secret.substr(0, 10)};
    for (const auto &[task, r] : out.results) {
        const std::string all = r.error + "|" + r.label + "|" + r.text.value_or("");
        for (const std::string &form : forms)
            QVERIFY2(all.find(form) == std::string::npos,
                     qPrintable(QString::fromStdString("task " + std::to_string(task) + ": " + all)));
        // The reference instead (cut too where the quote ends inside it).
        QVERIFY2(all.find("${CP_TEST") != std::string::npos, all.c_str());
    }
    for (const std::string &line : out.log)
        for (const std::string &form : forms)
            QVERIFY(line.find(form) == std::string::npos);
    ::unsetenv("CP_TEST_ECHO_KEY");
}

void tst_HttpScorer::secretFromEnvironment()
{
    const std::string secret = "sk-test-4242-secret";
    ::setenv("CP_TEST_API_KEY", secret.c_str(), 1);
    TestHttpServer server;
    std::atomic<int> authorised{0};
    QVERIFY(server.start([&](const TestHttpRequest &request) {
        const std::string auth = request.header("Authorization");
        if (auth == "Bearer " + secret && request.path == "/s?key=" + secret)
            ++authorised;
        if (request.body.find("text 0") != std::string::npos)   // a server that echoes it
            return jsonReply({{"error", "key " + auth + " over quota"}}, 401);
        return jsonReply({{"score", 1}});
    }));
    const auto rows = makeRows(3);
    const std::string config = R"({"url": ")" + server.url("/s?key=${CP_TEST_API_KEY}")
        + R"(", "headers": {"Authorization": "Bearer ${CP_TEST_API_KEY}"}, )"
             R"("body": {"t": "{{text}}"}, "score": "/score"})";
    const auto parsed = parse(config);
    CP_VERIFY_OK(parsed);
    QVERIFY(parsed->section.dump().find(secret) == std::string::npos);
    auto out = runScorer(*parsed, rows);
    CP_VERIFY_OK(out.status);
    QCOMPARE(authorised.load(), 3);   // the server saw the value
    const std::string &error = out.results.at(0).error;
    QVERIFY2(error.find("HTTP 401") != std::string::npos, error.c_str());
    QVERIFY(error.find("${CP_TEST_API_KEY}") != std::string::npos);
    for (const auto &[task, r] : out.results)
        QVERIFY(r.error.find(secret) == std::string::npos);
    for (const std::string &line : out.log)
        QVERIFY(line.find(secret) == std::string::npos);

    ::unsetenv("CP_TEST_API_KEY");
    out = runScorer(*parsed, rows);
    QVERIFY(!out.status.ok());
    QCOMPARE(out.status.error().field, std::string("/scorer/url"));
    QVERIFY(out.status.error().message.find("CP_TEST_API_KEY is not set")
            != std::string::npos);
    QCOMPARE(server.requestCount(), std::int64_t(3));   // no request without the key
}

void tst_HttpScorer::concurrencyIsBounded()
{
    TestHttpServer server;
    QVERIFY(server.start([](const TestHttpRequest &) {
        TestHttpResponse r = jsonReply({{"score", 1}});
        r.delay = std::chrono::milliseconds(20);
        return r;
    }));
    const auto rows = makeRows(60);
    std::vector<std::int64_t> reports;
    Progress progress;
    progress.report = [&](std::int64_t done, std::int64_t) { reports.push_back(done); };
    const auto out = runJson(plainConfig(server, R"(, "concurrency": 4)"), rows, progress);
    CP_VERIFY_OK(out.status);
    QCOMPARE(out.results.size(), std::size_t(60));
    QVERIFY(server.maxConcurrent() <= 4);
    QVERIFY(server.maxConcurrent() >= 2);   // and it did run requests side by side
    QVERIFY(server.connectionCount() <= 4);
    QVERIFY(out.seconds < 60 * 0.020);      // faster than one at a time
    QCOMPARE(reports.back(), std::int64_t(60));
}

void tst_HttpScorer::cancel()
{
    TestHttpServer server;
    QVERIFY(server.start([](const TestHttpRequest &) {
        TestHttpResponse r = jsonReply({{"score", 1}});
        r.delay = std::chrono::milliseconds(5000);
        return r;
    }));
    const auto rows = makeRows(10);
    const auto t0 = std::chrono::steady_clock::now();
    Progress progress;
    progress.isCancelled = [&] {
        return std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(200);
    };
    const auto out = runJson(plainConfig(server, R"(, "concurrency": 2)"), rows, progress);
    QVERIFY(!out.status.ok());
    QCOMPARE(out.status.error().code, ErrorCode::Cancelled);
    QVERIFY(out.results.empty());
    QVERIFY2(out.seconds < 0.5, std::to_string(out.seconds).c_str());
}

void tst_HttpScorer::tooManyFailuresStop()
{
    TestHttpServer server;
    QVERIFY(server.start([](const TestHttpRequest &) {
        return jsonReply({{"error", "no"}}, 403);
    }));
    const auto rows = makeRows(30);
    const auto out = runJson(plainConfig(server, R"(, "concurrency": 1, "max_failures": 5)"),
                             rows);
    QVERIFY(!out.status.ok());
    QVERIFY2(out.status.error().message.find("stopped after 5 consecutive failed requests")
                 != std::string::npos,
             out.status.error().toString().c_str());
    QVERIFY(out.status.error().message.find("HTTP 403") != std::string::npos);
    QCOMPARE(out.results.size(), std::size_t(5));
}

void tst_HttpScorer::estimate()
{
    const auto rows = makeRows(4);   // text "text 0" … "text 3": 6 characters each
    const auto tasks = allTasks(rows);
    auto c = parse(R"({"preset": "openai_chat", "url": "http://127.0.0.1:1/v1", )"
                       R"("model": "m", "system": "Be fair.", "prompt": "Rate {{text}} now", )"
                       R"("max_tokens": 10, )"
                       R"("price": {"input_per_1k": 1.0, "output_per_1k": 2.0}})");
    CP_VERIFY_OK(c);
    auto e = estimateHttpRun(*c, rows, tasks);
    QCOMPARE(e.requests, std::int64_t(4));
    // "Be fair." (8) + "Rate text 0 now" (15) = 23 characters → 6 tokens per request
    QCOMPARE(*e.inputTokens, std::int64_t(24));
    QCOMPARE(*e.outputTokens, std::int64_t(40));
    QVERIFY(qAbs(*e.cost - (24 * 1.0 + 40 * 2.0) / 1000) < 1e-12);

    c = parse(R"({"url": "http://127.0.0.1:1/", "score": "/s"})");
    e = estimateHttpRun(*c, rows, tasks);
    QCOMPARE(e.requests, std::int64_t(4));
    QVERIFY(!e.inputTokens && !e.outputTokens && !e.cost);
}

QTEST_GUILESS_MAIN(tst_HttpScorer)
#include "tst_httpscorer.moc"
