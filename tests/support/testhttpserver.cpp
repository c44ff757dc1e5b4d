// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "testhttpserver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <strings.h>

namespace cptest {

namespace {

bool sendAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data.remove_prefix(std::size_t(n));
    }
    return true;
}

const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

/// Reads one request (head and Content-Length body) from fd, buffering what follows it.
bool readRequest(int fd, std::string &buffer, TestHttpRequest &request)
{
    char chunk[16384];
    const auto fill = [&] {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n > 0)
            buffer.append(chunk, std::size_t(n));
        return n > 0;
    };
    std::size_t headerEnd;
    while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos)
        if (!fill())
            return false;
    request = {};
    const std::string head = buffer.substr(0, headerEnd);
    std::size_t lineEnd = head.find("\r\n");
    const std::string first = head.substr(0, lineEnd);
    const std::size_t sp1 = first.find(' '), sp2 = first.rfind(' ');
    request.method = first.substr(0, sp1);
    request.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
    while (lineEnd != std::string::npos) {
        const std::size_t start = lineEnd + 2;
        lineEnd = head.find("\r\n", start);
        const std::string line = head.substr(start, lineEnd - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        request.headers.emplace_back(line.substr(0, colon), value);
    }
    const std::size_t contentLength = std::strtoull(request.header("Content-Length").c_str(),
                                                    nullptr, 10);
    buffer.erase(0, headerEnd + 4);
    while (buffer.size() < contentLength)
        if (!fill())
            return false;
    request.body = buffer.substr(0, contentLength);
    buffer.erase(0, contentLength);
    return true;
}

} // namespace

std::string TestHttpRequest::header(std::string_view name) const
{
    for (const auto &[key, value] : headers)
        if (key.size() == name.size() && ::strncasecmp(key.data(), name.data(), key.size()) == 0)
            return value;
    return {};
}

int TestHttpServer::start(TestHttpHandler handler)
{
    m_handler = std::move(handler);
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return 0;
    const int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::listen(m_listenFd, 256) != 0
        || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
        return 0;
    }
    m_port = ntohs(addr.sin_port);
    m_stopping = false;
    m_acceptThread = std::thread([this] { acceptLoop(); });
    return m_port;
}

void TestHttpServer::stop()
{
    if (m_listenFd < 0)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (Connection &c : m_open)
            ::shutdown(c.fd, SHUT_RDWR);   // wakes a recv() blocked on an idle keep-alive
    }
    m_stopCv.notify_all();
    m_acceptThread.join();
    for (Connection &c : m_open) {
        c.thread.join();
        ::close(c.fd);
    }
    m_open.clear();
    ::close(m_listenFd);
    m_listenFd = -1;
}

std::string TestHttpServer::url(std::string_view path) const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + std::string(path);
}

void TestHttpServer::resetCounts()
{
    m_requests = 0;
    m_connections = 0;
    m_maxConcurrent = 0;
}

void TestHttpServer::acceptLoop()
{
    while (!m_stopping) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0)
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ++m_connections;
        std::lock_guard lock(m_mutex);
        // Reap connections the client closed, so a long benchmark does not pile up threads.
        for (auto it = m_open.begin(); it != m_open.end();) {
            if (it->done) {
                it->thread.join();
                ::close(it->fd);
                it = m_open.erase(it);
            } else {
                ++it;
            }
        }
        if (m_stopping) {
            ::close(fd);
            break;
        }
        Connection &c = m_open.emplace_back();
        c.fd = fd;
        c.thread = std::thread([this, &c] { serve(c); });
    }
}

bool TestHttpServer::sleepUnlessStopping(std::chrono::milliseconds delay)
{
    std::unique_lock lock(m_mutex);
    return !m_stopCv.wait_for(lock, delay, [this] { return m_stopping.load(); });
}

void TestHttpServer::serve(Connection &connection)
{
    const int fd = connection.fd;
    std::string buffer;
    TestHttpRequest request;
    while (!m_stopping && readRequest(fd, buffer, request)) {
        ++m_requests;
        const int now = ++m_inFlight;
        int seen = m_maxConcurrent.load();
        while (now > seen && !m_maxConcurrent.compare_exchange_weak(seen, now)) {
        }
        const TestHttpResponse response = m_handler(request);
        const bool answer = response.delay.count() == 0 || sleepUnlessStopping(response.delay);
        --m_inFlight;
        if (!answer)
            break;
        const bool close = ::strcasecmp(request.header("Connection").c_str(), "close") == 0;
        std::string out = "HTTP/1.1 " + std::to_string(response.status) + " "
            + reason(response.status) + "\r\n";
        bool hasType = false;
        for (const auto &[key, value] : response.headers) {
            out += key + ": " + value + "\r\n";
            hasType = hasType || ::strcasecmp(key.c_str(), "Content-Type") == 0;
        }
        if (!hasType)
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
        out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
        out += response.body;
        if (!sendAll(fd, out) || close)
            break;
    }
    ::shutdown(fd, SHUT_RDWR);
    connection.done = true;
}

} // namespace cptest
