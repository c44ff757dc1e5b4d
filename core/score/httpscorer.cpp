// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "httpscorer.h"
#include "httpscorer_p.h"

#include <core/common/embedding.h>
#include <core/common/jsontext.h>

#include <curl/curl.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

// The run: a fixed set of transfer slots (one easy handle each) on one multi handle, fed from
// the task list and from retries waiting out their backoff. Results reach the sink on the
// calling thread, as curl_multi_perform() completes them.

namespace cp {

using namespace httpdetail;

namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
    CURL *easy = nullptr;
    bool busy = false;
    std::size_t task = 0;
    int attempt = 0;                    ///< attempts made before this one
    std::string url, body, response;
    std::optional<double> retryAfter;   ///< seconds, from the last response's header
    bool tooLong = false;               ///< the body passed MaxResponseBytes; the transfer stopped
};

/// A response body larger than this fails its row instead of growing without bound (a
/// server streaming gigabytes took the process past 4 GB and aborted it).
constexpr std::size_t MaxResponseBytes = std::size_t(64) << 20;

struct Pending {
    Clock::time_point ready;
    std::size_t task;
    int attempt;
};

std::size_t onData(char *data, std::size_t size, std::size_t n, void *user)
{
    Slot *slot = static_cast<Slot *>(user);
    if (slot->response.size() + size * n > MaxResponseBytes) {
        slot->tooLong = true;
        return 0;   // CURLE_WRITE_ERROR: the transfer ends here
    }
    slot->response.append(data, size * n);
    return size * n;
}

std::size_t onHeader(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *slot = static_cast<Slot *>(user);
    const std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0)
        slot->retryAfter.reset();
    constexpr std::string_view Name = "retry-after:";
    if (line.size() > Name.size()
        && std::equal(Name.begin(), Name.end(), line.begin(), [](char a, char b) {
               return a == std::tolower(static_cast<unsigned char>(b));
           })) {
        if (auto v = parseNumber(line.substr(Name.size())); v && *v >= 0)
            slot->retryAfter = *v;
    }
    return size * n;
}

bool isConnectionError(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: case CURLE_SEND_ERROR: case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE: case CURLE_SSL_CONNECT_ERROR:
        return true;
    default:
        return false;
    }
}

class HttpRun
{
public:
    HttpRun(const HttpScorerConfig &c, const ScoreRows &rows, std::span<const ScoreTask> tasks,
            const ScoreSink &sink, const ScoreLog &log, const Progress &progress)
        : m_c(c), m_rows(rows), m_tasks(tasks), m_sink(sink), m_log(log), m_progress(progress),
          m_random(std::random_device{}())
    {}
    ~HttpRun()
    {
        for (Slot &s : m_slots) {
            if (s.busy)
                curl_multi_remove_handle(m_multi, s.easy);
            curl_easy_cleanup(s.easy);
        }
        if (m_multi)
            curl_multi_cleanup(m_multi);
        curl_slist_free_all(m_headers);
    }

    Status run();

private:
    Status prepare();
    void start(Slot &slot, std::size_t task, int attempt);
    Status finish(Slot &slot, CURLcode code);
    std::optional<std::string> retry(Slot &slot, const std::string &why);
    ScoreResult parse(const std::string &body, const json &doc) const;
    Error runError(std::string message) const
    {
        return Error{ErrorCode::Invalid, m_c.source, 0, m_c.path,
                     m_secrets.redact(std::move(message))};
    }

    const HttpScorerConfig &m_c;
    const ScoreRows &m_rows;
    std::span<const ScoreTask> m_tasks;
    const ScoreSink &m_sink;
    const ScoreLog &m_log;
    const Progress &m_progress;
    std::mt19937 m_random;

    Secrets m_secrets;
    Template m_url, m_body;
    bool m_hasBody = false;
    std::regex m_scoreRe, m_labelRe, m_refusalRe;
    CURLM *m_multi = nullptr;
    curl_slist *m_headers = nullptr;
    std::vector<Slot> m_slots;
    std::vector<Pending> m_pending;
    std::vector<std::string_view> m_cells;
    std::string m_scratch;
    std::size_t m_next = 0;
    std::int64_t m_done = 0;
    int m_consecutiveFailures = 0;
    std::int64_t m_promptTokens = 0, m_completionTokens = 0;
};

Status HttpRun::prepare()
{
    const auto &columns = m_rows.columns();
    for (const std::string &f : m_c.fields)
        if (std::find(columns.begin(), columns.end(), f) == columns.end())
            return Error{ErrorCode::Schema, m_c.source, 0, m_c.path + "/fields",
                         "the rows have no column '" + f + "'"};
    for (const Site &s : placeholderSites(m_c))
        if (s.field != RequestIdField
            && std::find(columns.begin(), columns.end(), s.field) == columns.end())
            return Error{ErrorCode::Schema, m_c.source, 0, s.path,
                         "unknown field {{" + s.field + "}}: the rows have no column '"
                             + s.field + "'"};

    auto url = substituteEnvironment(m_c.url, m_c, m_c.path + "/url", m_secrets);
    if (!url)
        return url.error();
    m_url.escape = Escape::Url;
    m_url.addText(*url, columns);
    bool contentType = false;
    for (const auto &[name, value] : m_c.headers) {
        auto v = substituteEnvironment(value, m_c,
                                       m_c.path + "/headers/"
                                           + pointerToken(name),
                                       m_secrets);
        if (!v)
            return v.error();
        m_headers = curl_slist_append(m_headers, (name + ": " + *v).c_str());
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return char(std::tolower(ch)); });
        contentType = contentType || lower == "content-type";
    }
    const json body = requestBody(m_c, columns);
    m_hasBody = !body.is_null();
    if (m_hasBody) {
        m_body.escape = Escape::Json;
        m_body.addJson(body, columns);
        if (!contentType)
            m_headers = curl_slist_append(m_headers, "Content-Type: application/json");
    }
    m_headers = curl_slist_append(m_headers, "Accept: application/json");
    m_headers = curl_slist_append(m_headers, "Expect:");   // no 100-continue round trip
    m_scoreRe = compileRegex(m_c.scoreRegex);
    m_labelRe = compileRegex(m_c.labelRegex);
    m_refusalRe = compileRegex(m_c.refusalRegex);

    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    m_multi = initialised ? curl_multi_init() : nullptr;
    if (!m_multi)
        return runError("cannot initialise libcurl");
    const long n = std::min<long>(m_c.concurrency, long(std::max<std::size_t>(m_tasks.size(), 1)));
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, n);
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, n);
    m_slots.resize(std::size_t(n));
    for (Slot &s : m_slots) {
        s.easy = curl_easy_init();
        if (!s.easy)
            return runError("cannot initialise libcurl");
        curl_easy_setopt(s.easy, CURLOPT_PRIVATE, &s);
        curl_easy_setopt(s.easy, CURLOPT_WRITEFUNCTION, onData);
        curl_easy_setopt(s.easy, CURLOPT_WRITEDATA, &s);
        curl_easy_setopt(s.easy, CURLOPT_HEADERFUNCTION, onHeader);
        curl_easy_setopt(s.easy, CURLOPT_HEADERDATA, &s);
        curl_easy_setopt(s.easy, CURLOPT_HTTPHEADER, m_headers);
        curl_easy_setopt(s.easy, CURLOPT_TIMEOUT_MS, long(m_c.timeoutMs));
        curl_easy_setopt(s.easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(s.easy, CURLOPT_USERAGENT, "counterpart");
        curl_easy_setopt(s.easy, CURLOPT_ACCEPT_ENCODING, "");
        if (m_c.method == "GET")
            curl_easy_setopt(s.easy, CURLOPT_HTTPGET, 1L);
        else if (m_c.method != "POST")
            curl_easy_setopt(s.easy, CURLOPT_CUSTOMREQUEST, m_c.method.c_str());
    }
    return Ok{};
}

void HttpRun::start(Slot &slot, std::size_t task, int attempt)
{
    const ScoreTask &t = m_tasks[task];
    m_rows.cells(t.row, m_cells, m_scratch);
    const std::string id = m_url.usesId() || m_body.usesId() ? requestId(m_rows, t) : "";
    m_url.render(slot.url, m_cells, id);
    curl_easy_setopt(slot.easy, CURLOPT_URL, slot.url.c_str());
    if (m_hasBody) {
        m_body.render(slot.body, m_cells, id);
        curl_easy_setopt(slot.easy, CURLOPT_POSTFIELDSIZE, long(slot.body.size()));
        curl_easy_setopt(slot.easy, CURLOPT_POSTFIELDS, slot.body.c_str());
    }
    slot.task = task;
    slot.attempt = attempt;
    slot.response.clear();
    slot.tooLong = false;
    slot.retryAfter.reset();
    slot.busy = true;
    curl_multi_add_handle(m_multi, slot.easy);
}

/// Schedules another attempt when retries are left (and logs it); else the row's error.
std::optional<std::string> HttpRun::retry(Slot &slot, const std::string &why)
{
    if (slot.attempt >= m_c.retries)
        return why + (m_c.retries ? " (after " + std::to_string(m_c.retries + 1) + " attempts)"
                                  : std::string());
    const int k = slot.attempt + 1;
    double seconds = std::min(10.0, 0.2 * std::pow(2.0, k - 1));
    seconds = std::min(10.0, seconds * std::uniform_real_distribution(0.8, 1.2)(m_random));
    if (slot.retryAfter)
        seconds = *slot.retryAfter;
    char wait[32];
    std::snprintf(wait, sizeof wait, "%.1f", seconds);
    m_log(m_secrets.redact("retry " + std::to_string(k) + "/" + std::to_string(m_c.retries)
                           + " for " + requestId(m_rows, m_tasks[slot.task]) + " after "
                           + why + ", waiting " + wait + " s"));
    m_pending.push_back({Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(seconds)),
                         slot.task, k});
    return std::nullopt;
}

ScoreResult HttpRun::parse(const std::string &body, const json &doc) const
{
    ScoreResult r;
    if (doc.is_discarded()) {
        r.error = "response is not JSON: " + excerpt(body);
        return r;
    }
    const auto missing = [&](const std::string &what) {
        r.error = "response has no " + what + ": " + excerpt(body);
        return r;
    };
    if (m_c.preset == HttpScorerConfig::Preset::OpenAiEmbeddings) {
        const json *vector = at(doc, "/data/0/embedding");
        if (!vector || !vector->is_array() || vector->empty())
            return missing("/data/0/embedding (an array of numbers)");
        if (const auto bad = embedding::readJsonVector(*vector, r.embedding)) {
            r.error = "expected a finite number at /data/0/embedding/" + std::to_string(*bad)
                      + ", found " + excerpt(jsontext::dump((*vector)[*bad]));
            return r;
        }
        if (m_c.dimensions && r.embedding.size() != std::size_t(*m_c.dimensions)) {
            r.error = "asked for " + std::to_string(*m_c.dimensions) + " dimensions, the "
                      "endpoint returned " + std::to_string(r.embedding.size());
            r.embedding.clear();
        }
        return r;
    }
    if (m_c.preset == HttpScorerConfig::Preset::OpenAiChat) {
        const json *content = at(doc, "/choices/0/message/content");
        if (!content || !content->is_string())
            return missing("/choices/0/message/content");
        const std::string &reply = content->get_ref<const std::string &>();
        r.text = reply;
        r.refused = !m_c.refusalRegex.empty() && std::regex_search(reply, m_refusalRe);
        if (!m_c.scoreRegex.empty()) {
            const auto s = searchRegex(m_scoreRe, reply);
            if (s)
                r.score = parseNumber(*s);
            if (!r.score && !r.refused) {
                r.error = (s ? "score_regex matched '" + *s + "', not a number, in the reply "
                             : std::string("score_regex did not match the reply "))
                    + excerpt(reply);
                return r;
            }
        }
        if (!m_c.labelRegex.empty()) {
            const auto l = searchRegex(m_labelRe, reply);
            if (!l && !r.refused) {
                r.error = "label_regex did not match the reply " + excerpt(reply);
                return r;
            }
            r.label = std::string(trimmed(l.value_or("")));
        } else if (m_c.scoreRegex.empty()) {
            r.label = std::string(trimmed(reply));
        }
        if (m_c.logprobToken)
            if (const json *top = at(doc, "/choices/0/logprobs/content/0/top_logprobs");
                top && top->is_array())
                for (const json &entry : *top) {
                    const json *token = at(entry, "/token");
                    const json *lp = at(entry, "/logprob");
                    if (token && token->is_string() && lp && lp->is_number()
                        && trimmed(token->get_ref<const std::string &>()) == *m_c.logprobToken) {
                        r.logprob = lp->get<double>();
                        break;
                    }
                }
        return r;
    }
    if (!m_c.refusedPointer.empty())
        if (const json *v = at(doc, m_c.refusedPointer))
            r.refused = v->is_boolean() ? v->get<bool>() : v->is_number() && v->get<double>() != 0;
    if (!m_c.textPointer.empty())
        if (const json *v = at(doc, m_c.textPointer); v && !v->is_null())
            r.text = v->is_string() ? v->get<std::string>() : jsontext::dump(*v);
    if (!m_c.scorePointer.empty()) {
        const json *v = at(doc, m_c.scorePointer);
        if ((!v || v->is_null()) && !r.refused)
            return missing(m_c.scorePointer);
        if (v && v->is_number())
            r.score = v->get<double>();
        else if (v && v->is_string())
            r.score = parseNumber(v->get_ref<const std::string &>());
        if (v && !v->is_null() && !r.score) {
            r.error = "expected a number at " + m_c.scorePointer + ", found " + excerpt(jsontext::dump(*v));
            return r;
        }
    }
    if (!m_c.labelPointer.empty()) {
        const json *v = at(doc, m_c.labelPointer);
        if ((!v || v->is_null()) && !r.refused)
            return missing(m_c.labelPointer);
        if (v && !v->is_null())
            r.label = v->is_string() ? v->get<std::string>() : jsontext::dump(*v);
    }
    return r;
}

Status HttpRun::finish(Slot &slot, CURLcode code)
{
    curl_multi_remove_handle(m_multi, slot.easy);
    slot.busy = false;
    curl_off_t micros = 0;
    curl_easy_getinfo(slot.easy, CURLINFO_TOTAL_TIME_T, &micros);
    long status = 0;
    curl_easy_getinfo(slot.easy, CURLINFO_RESPONSE_CODE, &status);

    // The whole body first, before it is parsed or quoted: an excerpt cut at 200 bytes could
    // end inside a key the server echoed.
    if (!m_secrets.empty())
        slot.response = m_secrets.redact(std::move(slot.response));
    std::optional<std::string> error;
    ScoreResult result;
    if (code == CURLE_OPERATION_TIMEDOUT) {
        error = "no response within " + std::to_string(m_c.timeoutMs) + " ms";
    } else if (code == CURLE_WRITE_ERROR && slot.tooLong) {
        error = "the response is longer than " + std::to_string(MaxResponseBytes >> 20)
                + " MiB (the limit of one answer)";
    } else if (code != CURLE_OK) {
        const std::string why = "connection error (" + std::string(curl_easy_strerror(code)) + ")";
        if (!isConnectionError(code))
            error = why;
        else if (!(error = retry(slot, why)))
            return Ok{};
    } else if (status == 429 || status >= 500) {
        if (!(error = retry(slot, "HTTP " + std::to_string(status))))
            return Ok{};
        *error += ": " + excerpt(slot.response);
    } else if (status < 200 || status >= 300) {
        error = "HTTP " + std::to_string(status) + ": " + excerpt(slot.response);
    } else {
        // A response nested too deep is treated as not JSON (walking it would overflow).
        const json doc = jsontext::tooDeep(slot.response)
                             ? json(json::value_t::discarded)
                             : json::parse(slot.response, nullptr, false);
        result = parse(slot.response, doc);
        if (m_c.preset != HttpScorerConfig::Preset::None && !doc.is_discarded()) {
            if (const json *p = at(doc, "/usage/prompt_tokens"); p && p->is_number_integer())
                m_promptTokens += p->get<std::int64_t>();
            if (const json *p = at(doc, "/usage/completion_tokens"); p && p->is_number_integer())
                m_completionTokens += p->get<std::int64_t>();
        }
    }
    if (error)
        result.error = *error;
    m_secrets.redact(result);
    result.latencyMs = double(micros) / 1000.0;
    m_consecutiveFailures = result.ok() ? 0 : m_consecutiveFailures + 1;
    const std::string lastError = result.error;
    ++m_done;
    if (Status s = m_sink(slot.task, std::move(result)); !s)
        return s;
    if (m_consecutiveFailures >= m_c.maxFailures)
        return runError("stopped after " + std::to_string(m_consecutiveFailures)
                        + " consecutive failed requests; the last: " + lastError);
    return Ok{};
}

Status HttpRun::run()
{
    if (Status s = prepare(); !s)
        return s;
    const auto total = std::int64_t(m_tasks.size());
    auto lastReport = Clock::now();
    m_progress.report(0, total);
    while (true) {
        if (m_progress.isCancelled())
            return Error{ErrorCode::Cancelled, m_c.source, 0, {}, "scoring cancelled"};
        const auto now = Clock::now();
        for (Slot &slot : m_slots) {
            if (slot.busy)
                continue;
            const auto ready = std::min_element(m_pending.begin(), m_pending.end(),
                                                [](auto &a, auto &b) { return a.ready < b.ready; });
            if (ready != m_pending.end() && ready->ready <= now) {
                const Pending p = *ready;
                m_pending.erase(ready);
                start(slot, p.task, p.attempt);
            } else if (m_next < m_tasks.size()) {
                start(slot, m_next++, 0);
            } else {
                break;
            }
        }
        const bool busy =
            std::any_of(m_slots.begin(), m_slots.end(), [](auto &s) { return s.busy; });
        if (!busy && m_pending.empty() && m_next == m_tasks.size())
            break;

        int running = 0;
        curl_multi_perform(m_multi, &running);
        int left = 0;
        bool freed = false;
        while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Slot *slot = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &slot);
            if (Status s = finish(*slot, msg->data.result); !s)
                return s;
            freed = true;
        }
        if (Clock::now() - lastReport > std::chrono::milliseconds(200)) {
            m_progress.report(m_done, total);
            lastReport = Clock::now();
        }
        // A freed slot takes the next task at once. Otherwise wait for the sockets, waking at
        // least every 50 ms for the cancel check, and when a retry falls due for a free slot.
        if (freed)
            continue;
        auto wait = std::chrono::milliseconds(50);
        if (std::any_of(m_slots.begin(), m_slots.end(), [](auto &s) { return !s.busy; }))
            for (const Pending &p : m_pending)
                wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(std::max(
                                          p.ready - Clock::now(), Clock::duration::zero())));
        if (running > 0 || wait.count() > 0)
            curl_multi_poll(m_multi, nullptr, 0, int(wait.count()), nullptr);
    }
    m_progress.report(m_done, total);
    if (m_promptTokens || m_completionTokens) {
        std::string line = "tokens used: " + std::to_string(m_promptTokens) + " prompt, "
            + std::to_string(m_completionTokens) + " completion";
        if (m_c.priceInputPer1k || m_c.priceOutputPer1k) {
            char cost[64];
            std::snprintf(cost, sizeof cost, " (cost %.4f)",
                          double(m_promptTokens) / 1000 * m_c.priceInputPer1k.value_or(0)
                              + double(m_completionTokens) / 1000
                                  * m_c.priceOutputPer1k.value_or(0));
            line += cost;
        }
        m_log(line);
    }
    return Ok{};
}

class HttpScorer : public Scorer
{
public:
    explicit HttpScorer(HttpScorerConfig config) : m_config(std::move(config)) {}

    Status run(const ScoreRows &rows, std::span<const ScoreTask> tasks, const ScoreSink &sink,
               const ScoreLog &log, const Progress &progress) override
    {
        try {
            HttpRun run(m_config, rows, tasks, sink, log, progress);
            return run.run();
        } catch (const std::exception &e) {   // std::regex (stack depth) or allocation
            return Error{ErrorCode::Invalid, m_config.source, 0, m_config.path,
                         std::string("scoring failed: ") + e.what()};
        }
    }

private:
    HttpScorerConfig m_config;
};

} // namespace

std::unique_ptr<Scorer> makeHttpScorer(HttpScorerConfig config)
{
    return std::make_unique<HttpScorer>(std::move(config));
}

} // namespace cp
