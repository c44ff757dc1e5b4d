// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "commandscorer.h"

#include "childprocess.h"
#include "commandanswer.h"
#include "secrets.h"

#include <core/common/utf8.h>
#include <core/common/jsontext.h>

#include <nlohmann/json.hpp>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace cp {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

/// A JSON string literal of s. Invalid UTF-8 becomes U+FFFD so the line stays valid JSON;
/// everything else goes through byte for byte.
void appendJsonString(std::string &out, std::string_view s)
{
    static const char Hex[] = "0123456789abcdef";
    out += '"';
    const char *p = s.data();
    const char *const end = p + s.size();
    const char *run = p;
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++p;
            continue;
        }
        if (c >= 0x80) {
            const auto at = [&](std::ptrdiff_t k) {
                return p + k < end ? static_cast<unsigned char>(p[k]) : 0u;
            };
            const auto cont = [](unsigned b) { return (b & 0xC0) == 0x80; };
            std::ptrdiff_t n = 0;
            if (c >= 0xC2 && c <= 0xDF && cont(at(1)))
                n = 2;
            else if (c >= 0xE0 && c <= 0xEF && cont(at(1)) && cont(at(2))
                     && !(c == 0xE0 && at(1) < 0xA0) && !(c == 0xED && at(1) > 0x9F))
                n = 3;
            else if (c >= 0xF0 && c <= 0xF4 && cont(at(1)) && cont(at(2)) && cont(at(3))
                     && !(c == 0xF0 && at(1) < 0x90) && !(c == 0xF4 && at(1) > 0x8F))
                n = 4;
            if (n > 0) {
                p += n;
                continue;
            }
        }
        out.append(run, p);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c >= 0x80)
                out += "\\ufffd";
            else
                out.append("\\u00").append(1, Hex[c >> 4]).append(1, Hex[c & 15]);
        }
        run = ++p;
    }
    out.append(run, p);
    out += '"';
}

/// The start of a line the scorer wrote, for an error or the log: at most `limit` bytes, cut
/// on a UTF-8 boundary, control characters escaped (no terminal escape reaches a terminal).
std::string excerpt(std::string_view line, std::size_t limit = 200)
{
    return utf8::printable(line, limit);
}

/// The longest line a scorer may write (COMMAND.md).
constexpr std::size_t MaxAnswerLineBytes = std::size_t(64) << 20;

class Session
{
public:
    Session(const CommandScorerConfig &config, const ScoreRows &rows,
            std::span<const ScoreTask> tasks, const ScoreSink &sink, const ScoreLog &log,
            const Progress &progress)
        : m_config(config), m_rows(rows), m_tasks(tasks), m_sink(sink), m_log(log),
          m_progress(progress)
    {}
    Status run();

private:
    struct Flight {
        std::size_t task;
        std::string id;
        Clock::time_point queuedAt, sentAt;
        std::uint64_t endByte;      ///< of the request line in this child's input stream
        bool written = false;
        bool done = false;
    };

    std::optional<Error> prepare();
    std::optional<Error> startChild();
    bool cancelled() const { return m_progress.isCancelled && m_progress.isCancelled(); }
    bool workLeft() const { return m_inFlight || !m_resend.empty() || m_next < m_tasks.size(); }
    void fill();
    void enqueue(std::size_t task);
    void flush();
    void pollOnce();
    bool readStdout();
    void readStderr(bool all);
    void onLine(std::string_view line);
    void unusable(std::string_view line, const std::string &reason);
    void complete(std::uint64_t seq, ScoreResult result);
    bool fail(const std::string &what);
    void checkTimeout();
    void onExit();
    void restart();
    std::optional<int> waitChild(int graceMs);
    Status finish();
    void log(const std::string &line) const { m_log ? m_log(scrub(line)) : void(); }
    std::string scrub(std::string text) const;
    Flight &flight(std::uint64_t seq) { return m_flights[std::size_t(seq - m_flightBase)]; }

    const CommandScorerConfig &m_config;
    const ScoreRows &m_rows;
    std::span<const ScoreTask> m_tasks;
    const ScoreSink &m_sink;
    const ScoreLog &m_log;
    const Progress &m_progress;

    std::vector<std::string> m_env;
    std::vector<std::pair<std::string, std::string>> m_secrets;   ///< value, "${NAME}"
    SecretRedactor m_redactor;                                    ///< every form of m_secrets
    std::vector<std::size_t> m_fieldColumns;
    std::vector<std::string> m_fieldKeys;                         ///< ,"name": per field
    std::vector<std::string_view> m_cells;
    std::string m_scratch;

    ChildProcess m_child;
    std::size_t m_next = 0;                  ///< next task never sent
    std::deque<std::size_t> m_resend;        ///< tasks to send again after a restart
    std::deque<Flight> m_flights;            ///< in send order; answered ones popped at front
    std::uint64_t m_flightBase = 0;          ///< sequence number of m_flights.front()
    std::uint64_t m_stampSeq = 0;            ///< first flight not yet fully written
    std::unordered_map<std::string, std::uint64_t> m_byId;
    std::unordered_set<std::string> m_attributed;   ///< ids failed for another line
    std::size_t m_inFlight = 0;
    Clock::time_point m_oldestSince;
    std::string m_outBuf;
    std::size_t m_outPos = 0;
    std::uint64_t m_bytesQueued = 0, m_bytesWritten = 0;
    bool m_stdinBroken = false;
    std::vector<char> m_inBuf = std::vector<char>(256 * 1024);
    std::size_t m_inLen = 0;
    std::string m_errBuf;
    std::int64_t m_responses = 0;            ///< from the current process
    std::int64_t m_delivered = 0;
    int m_failures = 0;                      ///< consecutive
    std::optional<Error> m_error;            ///< set: stop the run
};

std::string Session::scrub(std::string text) const
{
    return m_redactor.redact(std::move(text));
}

std::optional<Error> Session::prepare()
{
    const auto &columns = m_rows.columns();
    for (std::size_t i = 0; m_config.fields.empty() && i < columns.size(); ++i)
        m_fieldColumns.push_back(i);
    for (const auto &f : m_config.fields) {
        const auto it = std::find(columns.begin(), columns.end(), f);
        if (it == columns.end()) {
            std::string list;
            for (const auto &c : columns)
                list += (list.empty() ? "" : ", ") + c;
            return Error{ErrorCode::Schema, "", 0, "fields",
                         "column '" + f + "' is not in the rows (columns: " + list + ")"};
        }
        m_fieldColumns.push_back(std::size_t(it - columns.begin()));
    }
    for (std::size_t i = 0; i < m_fieldColumns.size(); ++i) {
        std::string key = i == 0 ? "" : ",";
        appendJsonString(key, columns[m_fieldColumns[i]]);
        m_fieldKeys.push_back(key + ":");
    }
    auto env = commandEnvironment(m_config, m_secrets);
    m_redactor = SecretRedactor();
    for (const auto &[value, name] : m_secrets)
        m_redactor.add(value, name);
    if (!env.ok())
        return env.error();
    m_env = std::move(*env);
    return checkCommandProgram(m_config);
}

std::optional<Error> Session::startChild()
{
    const int rc = m_child.start(m_config.argv, m_config.workingDirectory, m_env);
    if (rc == 0) {
        m_oldestSince = Clock::now();
        return std::nullopt;
    }
    const std::string &program = m_config.argv[0];
    return Error{ErrorCode::Io, "", 0, "argv",
                 "cannot start the scorer '" + program + "': "
                     + (rc == ENOENT && program.find('/') == std::string::npos
                            ? std::string("not found on PATH")
                            : std::string(std::strerror(rc)))};
}

void Session::fill()
{
    while (!m_stdinBroken && m_inFlight < std::size_t(m_config.batch) && !m_error) {
        if (!m_resend.empty()) {
            enqueue(m_resend.front());
            m_resend.pop_front();
        } else if (m_next < m_tasks.size()) {
            enqueue(m_next++);
        } else {
            break;
        }
    }
}

void Session::enqueue(std::size_t task)
{
    std::string id = requestId(m_rows, m_tasks[task]);
    const std::uint64_t seq = m_flightBase + m_flights.size();
    if (!m_byId.emplace(id, seq).second) {
        ScoreResult r;
        r.error = "request id '" + id + "' is already waiting for an answer (ids must be unique)";
        if (auto s = m_sink(task, std::move(r)); !s.ok())
            m_error = s.error();
        ++m_delivered;
        return;
    }
    if (m_outPos == m_outBuf.size()) {
        m_outBuf.clear();
        m_outPos = 0;
    }
    const std::size_t before = m_outBuf.size();
    m_outBuf += "{\"id\":";
    appendJsonString(m_outBuf, id);
    m_outBuf += ",\"fields\":{";
    m_rows.cells(m_tasks[task].row, m_cells, m_scratch);
    for (std::size_t i = 0; i < m_fieldColumns.size(); ++i) {
        m_outBuf += m_fieldKeys[i];
        appendJsonString(m_outBuf, m_fieldColumns[i] < m_cells.size()
                                       ? m_cells[m_fieldColumns[i]]
                                       : std::string_view());
    }
    m_outBuf += "}}\n";
    m_bytesQueued += m_outBuf.size() - before;
    m_flights.push_back(Flight{task, std::move(id), Clock::now(), {}, m_bytesQueued});
    ++m_inFlight;
}

void Session::flush()
{
    while (m_outPos < m_outBuf.size() && !m_stdinBroken) {
        const ssize_t n = ::write(m_child.inFd(), m_outBuf.data() + m_outPos,
                                  m_outBuf.size() - m_outPos);
        if (n > 0) {
            m_outPos += std::size_t(n);
            m_bytesWritten += std::uint64_t(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN) {
            break;
        } else {
            // EPIPE: the scorer closed its input; its exit (stdout EOF) or a time-out follows.
            m_stdinBroken = true;
            m_outBuf.clear();
            m_outPos = 0;
        }
    }
    const auto now = Clock::now();
    m_stampSeq = std::max(m_stampSeq, m_flightBase);
    while (m_stampSeq < m_flightBase + m_flights.size()
           && flight(m_stampSeq).endByte <= m_bytesWritten) {
        flight(m_stampSeq).written = true;
        flight(m_stampSeq).sentAt = now;
        ++m_stampSeq;
    }
}

bool Session::fail(const std::string &what)
{
    if (++m_failures < m_config.maxConsecutiveFailures)
        return true;
    m_error = Error{ErrorCode::Invalid, "", 0, {},
                    "the scorer failed " + std::to_string(m_failures)
                        + " times in a row; last: " + scrub(what)};
    return false;
}

void Session::complete(std::uint64_t seq, ScoreResult result)
{
    m_redactor.redact(result);   // a scorer echoing its key in a reply or an error
    Flight &f = flight(seq);
    const std::size_t task = f.task;
    m_byId.erase(f.id);
    f.done = true;
    --m_inFlight;
    if (seq == m_flightBase) {
        while (!m_flights.empty() && m_flights.front().done) {
            m_flights.pop_front();
            ++m_flightBase;
        }
        m_oldestSince = Clock::now();
    }
    const bool ok = result.ok();
    const std::string error = result.error;
    if (auto s = m_sink(task, std::move(result)); !s.ok()) {
        m_error = s.error();
        return;
    }
    if (++m_delivered % 4096 == 0 && m_progress.report)
        m_progress.report(m_delivered, std::int64_t(m_tasks.size()));
    if (ok)
        m_failures = 0;
    else
        fail(error);
}

void Session::unusable(std::string_view line, const std::string &reason)
{
    const std::string quoted = "'" + excerpt(scrub(std::string(line))) + "'";
    if (m_flights.empty()) {
        log("ignored a line from the scorer (" + reason + "): " + quoted);
        return;
    }
    m_attributed.insert(m_flights.front().id);
    ScoreResult r;
    r.error = "unusable line from the scorer (" + reason + "): " + quoted;
    complete(m_flightBase, std::move(r));
}

void Session::onLine(std::string_view line)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos)
        return;
    if (jsontext::tooDeep(line))
        return unusable(line, "JSON nested deeper than " + std::to_string(jsontext::MaxDepth)
                                  + " levels");
    const json j = json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded())
        return unusable(line, "not JSON");
    if (!j.is_object())
        return unusable(line, "not a JSON object");
    const auto idIt = j.find("id");
    if (idIt == j.end() || !idIt->is_string())
        return unusable(line, "no \"id\" string");
    const std::string &id = idIt->get_ref<const std::string &>();
    const auto it = m_byId.find(id);
    if (it == m_byId.end()) {
        if (m_attributed.erase(id)) {
            log("ignored a late answer for " + id + ", already failed");
            return;
        }
        return unusable(line, "unknown id");
    }
    const std::uint64_t seq = it->second;
    ++m_responses;
    ScoreResult r;
    const Flight &f = flight(seq);
    r.latencyMs = std::chrono::duration<double, std::milli>(
                      Clock::now() - (f.written ? f.sentAt : f.queuedAt))
                      .count();
    if (const detail::AnswerProblem problem = detail::readCommandAnswer(j, r);
        !problem.what.empty()) {
        const double latency = r.latencyMs;
        r = ScoreResult{};
        r.latencyMs = latency;
        r.error = problem.reportedByScorer
                      ? scrub("the scorer reported an error: " + excerpt(problem.what))
                      : "unusable answer (" + problem.what + "): '" + excerpt(scrub(std::string(line))) + "'";
    }
    complete(seq, std::move(r));
}

bool Session::readStdout()
{
    for (int round = 0; round < 4 && !m_error; ++round) {
        if (m_inLen == m_inBuf.size()) {
            // One line longer than the buffer: grow it, up to the limit of one answer (a
            // scorer writing gigabytes without a newline took the process past 4 GB).
            if (m_inBuf.size() >= MaxAnswerLineBytes) {
                m_error = Error{ErrorCode::Invalid, "", 0, {},
                                "the scorer wrote a line longer than "
                                    + std::to_string(MaxAnswerLineBytes >> 20)
                                    + " MiB (the limit of one answer)"};
                return true;
            }
            m_inBuf.resize(std::min(m_inBuf.size() * 2, MaxAnswerLineBytes));
        }
        const ssize_t n =
            ::read(m_child.outFd(), m_inBuf.data() + m_inLen, m_inBuf.size() - m_inLen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return true;
        if (n <= 0) {
            if (m_inLen > 0)
                onLine(std::string_view(m_inBuf.data(), m_inLen));   // no final newline
            m_inLen = 0;
            return false;
        }
        const char *begin = m_inBuf.data();
        const char *end = begin + m_inLen + std::size_t(n);
        const char *scan = begin + m_inLen;
        const char *line = begin;
        while (!m_error) {
            const auto *nl =
                static_cast<const char *>(std::memchr(scan, '\n', std::size_t(end - scan)));
            if (!nl)
                break;
            onLine(std::string_view(line, std::size_t(nl - line)));
            line = scan = nl + 1;
        }
        m_inLen = std::size_t(end - line);
        std::memmove(m_inBuf.data(), line, m_inLen);
        if (std::size_t(n) < m_inBuf.size() / 2)
            return true;   // drained; poll again rather than spend a read on EAGAIN
    }
    return true;
}

void Session::readStderr(bool all)
{
    char buf[16384];
    while (m_child.errFd() >= 0) {
        const ssize_t n = ::read(m_child.errFd(), buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n > 0) {
            m_errBuf.append(buf, std::size_t(n));
        } else if (n == 0 || errno != EAGAIN) {
            m_child.closeErr();
        }
        std::size_t start = 0;
        for (std::size_t nl; (nl = m_errBuf.find('\n', start)) != std::string::npos;
             start = nl + 1) {
            std::string_view line(m_errBuf.data() + start, nl - start);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            log("stderr: " + excerpt(line, 2000));
        }
        m_errBuf.erase(0, start);
        if (m_errBuf.size() > 65536 || (m_child.errFd() < 0 && !m_errBuf.empty())) {
            log("stderr: " + excerpt(m_errBuf, 2000));
            m_errBuf.clear();
        }
        if (n <= 0 || !all)
            break;
    }
}

void Session::pollOnce()
{
    pollfd fds[3];
    nfds_t count = 0;
    const auto add = [&](int fd, short events) {
        if (fd >= 0)
            fds[count++] = pollfd{fd, events, 0};
    };
    add(m_child.outFd(), POLLIN);
    add(m_child.errFd(), POLLIN);
    if (m_outPos < m_outBuf.size() && !m_stdinBroken)
        add(m_child.inFd(), POLLOUT);
    int timeout = 50;   // the cancel check interval
    if (!m_flights.empty()) {
        const Flight &f = m_flights.front();
        const auto deadline = std::max(f.written ? f.sentAt : f.queuedAt, m_oldestSince)
                              + std::chrono::milliseconds(m_config.timeoutMs);
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        timeout = int(std::clamp<std::int64_t>(left.count(), 0, timeout));
    }
    if (::poll(fds, count, timeout) < 0 && errno != EINTR)
        return;
    for (nfds_t i = 0; i < count && !m_error; ++i) {
        if (!fds[i].revents)
            continue;
        if (fds[i].fd == m_child.outFd()) {
            if (!readStdout())
                return onExit();
        } else if (fds[i].fd == m_child.errFd()) {
            readStderr(false);
        } else if (fds[i].fd == m_child.inFd()) {
            flush();
        }
    }
    if (!m_error)
        checkTimeout();
}

void Session::checkTimeout()
{
    if (m_flights.empty())
        return;
    const Flight &f = m_flights.front();
    const auto now = Clock::now();
    // A request's clock runs from when it was written or became the oldest unanswered one,
    // whichever is later: a sequential scorer is then timed per row, not per batch.
    if (now - std::max(f.written ? f.sentAt : f.queuedAt, m_oldestSince)
        < std::chrono::milliseconds(m_config.timeoutMs))
        return;
    const std::string what = "request " + f.id + " timed out after "
                             + std::to_string(m_config.timeoutMs) + " ms";
    ScoreResult r;
    r.error = "timed out after " + std::to_string(m_config.timeoutMs) + " ms";
    r.latencyMs = std::chrono::duration<double, std::milli>(now - f.queuedAt).count();
    complete(m_flightBase, std::move(r));   // counts the failure
    readStderr(true);
    if (m_error) {
        log(what + "; stopping");
        return;
    }
    log(what + "; killing and restarting the scorer");
    restart();
}

std::optional<int> Session::waitChild(int graceMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(graceMs);
    while (true) {
        if (auto status = m_child.poll())
            return status;
        if (Clock::now() >= deadline)
            return std::nullopt;
        pollfd fds[2];
        nfds_t count = 0;
        if (m_child.outFd() >= 0)
            fds[count++] = pollfd{m_child.outFd(), POLLIN, 0};
        if (m_child.errFd() >= 0)
            fds[count++] = pollfd{m_child.errFd(), POLLIN, 0};
        ::poll(fds, count, 5);
        if (m_child.outFd() >= 0 && !readStdout())
            m_child.closeOut();
        readStderr(true);
    }
}

void Session::onExit()
{
    m_child.closeOut();
    m_child.closeIn();
    if (!workLeft())
        return;   // answered everything and quit early; finish() reaps it
    const std::optional<int> status = waitChild(1000);
    readStderr(true);
    const std::string what = "scorer "
                             + (status ? ChildProcess::describeStatus(*status)
                                       : std::string("closed its output"))
                             + " after " + std::to_string(m_responses) + " responses";
    if (!fail(what)) {
        log(what);
        return;
    }
    log(what + "; restarting");
    restart();
}

void Session::restart()
{
    m_child.kill();
    if (!m_errBuf.empty())
        log("stderr: " + excerpt(m_errBuf, 2000));
    m_errBuf.clear();
    // Unanswered requests go first, in their original order, then what was already queued.
    std::deque<std::size_t> resend;
    for (const Flight &f : m_flights)
        if (!f.done)
            resend.push_back(f.task);
    resend.insert(resend.end(), m_resend.begin(), m_resend.end());
    m_resend = std::move(resend);
    m_flightBase += m_flights.size();
    m_stampSeq = m_flightBase;
    m_flights.clear();
    m_byId.clear();
    m_attributed.clear();
    m_inFlight = 0;
    m_outBuf.clear();
    m_outPos = 0;
    m_bytesQueued = m_bytesWritten = 0;
    m_stdinBroken = false;
    m_inLen = 0;
    m_responses = 0;
    if (auto e = startChild())
        m_error = e;
}

Status Session::finish()
{
    m_child.closeIn();
    const std::optional<int> status = waitChild(2000);
    readStderr(true);
    if (!status)
        log("scorer did not exit within 2 s after its input was closed; killed");
    else if (*status != 0)
        log("scorer " + ChildProcess::describeStatus(*status) + " at the end");
    m_child.kill();
    if (m_progress.report)
        m_progress.report(m_delivered, std::int64_t(m_tasks.size()));
    if (m_error)
        return *m_error;
    return Ok{};
}

Status Session::run()
{
    if (auto e = prepare())
        return *e;
    if (m_tasks.empty())
        return Ok{};
    if (cancelled())
        return Error{ErrorCode::Cancelled, "", 0, {}, "scoring cancelled"};
    const SigpipeBlock sigpipe;
    if (auto e = startChild())
        return *e;
    while (!m_error) {
        if (cancelled()) {
            m_error = Error{ErrorCode::Cancelled, "", 0, {}, "scoring cancelled"};
            break;
        }
        fill();
        flush();
        if (m_error || !workLeft())
            break;
        // Every request is written: end the scorer's input now, not after the last answer,
        // so that a scorer holding a partial batch until end-of-input answers it.
        if (m_next == m_tasks.size() && m_resend.empty() && m_outPos == m_outBuf.size()
            && m_child.inFd() >= 0)
            m_child.closeIn();
        pollOnce();
    }
    if (m_error) {
        readStderr(true);
        m_child.kill();
        return *m_error;
    }
    return finish();
}

class CommandScorer : public Scorer
{
public:
    explicit CommandScorer(CommandScorerConfig config) : m_config(std::move(config)) {}

    Status run(const ScoreRows &rows, std::span<const ScoreTask> tasks, const ScoreSink &sink,
               const ScoreLog &log, const Progress &progress) override
    {
        Session session(m_config, rows, tasks, sink, log, progress);
        return session.run();
    }

private:
    CommandScorerConfig m_config;
};

} // namespace

std::unique_ptr<Scorer> makeCommandScorer(CommandScorerConfig config)
{
    return std::make_unique<CommandScorer>(std::move(config));
}

} // namespace cp
