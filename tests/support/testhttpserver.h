// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests and benchmarks of the HTTP
// scorer: POSIX sockets, a thread per connection, keep-alive, Content-Length bodies only.
// Test support, not product code.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace cptest {

struct TestHttpRequest {
    std::string method;
    std::string path;                   ///< as sent, with the query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The value of a header (name compared ignoring case), empty when absent.
    std::string header(std::string_view name) const;
};

struct TestHttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds delay{0};   ///< wait before answering (cut short by stop())
};

/// Called on the connection's thread, possibly on several threads at once.
using TestHttpHandler = std::function<TestHttpResponse(const TestHttpRequest &)>;

class TestHttpServer
{
public:
    TestHttpServer() = default;
    TestHttpServer(const TestHttpServer &) = delete;
    TestHttpServer &operator=(const TestHttpServer &) = delete;
    ~TestHttpServer() { stop(); }

    /// Listens on 127.0.0.1 with an ephemeral port; returns the port, or 0 on failure.
    int start(TestHttpHandler handler);
    /// Closes the listening socket and every connection, and joins all threads.
    void stop();

    int port() const { return m_port; }
    std::string url(std::string_view path = "/") const;

    std::int64_t requestCount() const { return m_requests.load(); }
    std::int64_t connectionCount() const { return m_connections.load(); }
    /// The most requests being handled (delay included) at the same time.
    int maxConcurrent() const { return m_maxConcurrent.load(); }
    void resetCounts();

private:
    struct Connection {
        int fd = -1;
        std::thread thread;
        std::atomic<bool> done{false};
    };
    void acceptLoop();
    void serve(Connection &connection);
    bool sleepUnlessStopping(std::chrono::milliseconds delay);

    TestHttpHandler m_handler;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_acceptThread;
    std::mutex m_mutex;                 ///< guards m_open and the stop wait
    std::condition_variable m_stopCv;
    std::list<Connection> m_open;
    std::atomic<std::int64_t> m_requests{0}, m_connections{0};
    std::atomic<int> m_inFlight{0}, m_maxConcurrent{0};
};

} // namespace cptest
