// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// A command scorer that misbehaves on request, for tst_commandscorer. It speaks the protocol
// of core/score/COMMAND.md: score = the number of bytes in fields["text"] (or, without a
// "text" field, a hash of all fields in [0, 1)).
//
//   fakescorer echo | reverse | stderr | fail-always | exit-immediately
//   fakescorer crash-at K MARKER    exit(3) after K answers, the first time only (MARKER)
//   fakescorer hang-at K MARKER     hang before the K-th answer, the first time only
//   fakescorer garbage-at K         "this is not json" instead of the K-th answer
//   fakescorer env NAME             text = $NAME; also prints it on stderr once
//   fakescorer leak NAME            "leaked: $NAME" (not JSON) for every request
//   fakescorer slow MS              sleep MS before each answer

#include <nlohmann/json.hpp>

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string g_buffer;
bool g_eof = false;

/// The next line of stdin; waits at most timeoutMs (-1: forever). False on time-out or EOF.
bool readLine(std::string &line, int timeoutMs)
{
    for (;;) {
        if (const auto nl = g_buffer.find('\n'); nl != std::string::npos) {
            line = g_buffer.substr(0, nl);
            g_buffer.erase(0, nl + 1);
            return true;
        }
        if (g_eof)
            return false;
        pollfd p{0, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) == 0)
            return false;
        char buf[65536];
        const ssize_t n = ::read(0, buf, sizeof buf);
        if (n <= 0)
            g_eof = true;
        else
            g_buffer.append(buf, std::size_t(n));
    }
}

void writeAll(int fd, const std::string &s)
{
    for (std::size_t done = 0; done < s.size();) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0)
            std::exit(4);
        done += std::size_t(n);
    }
}

/// True the first time for this marker file (and creates it).
bool firstTime(const char *marker)
{
    if (std::FILE *f = std::fopen(marker, "r")) {
        std::fclose(f);
        return false;
    }
    if (std::FILE *f = std::fopen(marker, "w"))
        std::fclose(f);
    return true;
}

std::string answer(const std::string &request, const std::string &mode, const char *arg)
{
    const auto j = nlohmann::json::parse(request);
    const auto &fields = j.at("fields");
    nlohmann::json out{{"id", j.at("id")}};
    if (fields.contains("text")) {
        out["score"] = fields["text"].get<std::string>().size();
    } else {
        std::uint64_t h = 1469598103934665603ull;
        for (const auto &item : fields.items())
            for (char c : item.key() + "=" + item.value().get<std::string>() + ";")
                h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        out["score"] = double(h % 1000) / 1000.0;
    }
    if (mode == "env") {
        const char *v = std::getenv(arg);
        out["text"] = v ? v : "<unset>";
        // Reversed as the label: how a test sees that the value arrived, since the text (the
        // value itself) is redacted before it is kept.
        const std::string value = v ? v : "<unset>";
        out["label"] = std::string(value.rbegin(), value.rend());
    }
    return out.dump() + "\n";
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "echo";
    const int k = argc > 2 ? std::atoi(argv[2]) : 0;
    const char *marker = argc > 3 ? argv[3] : nullptr;
    if (mode == "exit-immediately")
        return 7;
    const char *value = argc > 2 ? std::getenv(argv[2]) : nullptr;
    if (mode == "env")
        writeAll(2, std::string("the secret is ") + (value ? value : "") + "\n");
    int answered = 0;
    std::string line;
    if (mode == "batch-until-eof") {
        // Answers only whole batches of k, and the last partial batch once its input ends:
        // a scorer that batches for a GPU and waits for end-of-input to flush.
        for (;;) {
            std::vector<std::string> batch;
            while (int(batch.size()) < k && readLine(line, -1))
                batch.push_back(line);
            for (const auto &request : batch)
                writeAll(1, answer(request, mode, nullptr));
            if (int(batch.size()) < k)
                return 0;
        }
    }
    if (mode == "reverse") {
        for (;;) {
            std::vector<std::string> batch;
            while (batch.size() < 8 && readLine(line, batch.empty() ? -1 : 20))
                batch.push_back(line);
            if (batch.empty())
                return 0;
            for (auto it = batch.rbegin(); it != batch.rend(); ++it)
                writeAll(1, answer(*it, mode, nullptr));
        }
    }
    while (readLine(line, -1)) {
        const int nth = answered + 1;
        if (mode == "hang-at" && nth == k && marker && firstTime(marker))
            for (;;)
                ::pause();
        if (mode == "stderr")
            writeAll(2, "fake: got request " + std::to_string(nth) + "\n");
        if (mode == "slow")
            std::this_thread::sleep_for(std::chrono::milliseconds(k));
        if (mode == "leak")
            writeAll(1, std::string("leaked: ") + (value ? value : "") + "\n");
        else if (mode == "fail-always" || (mode == "garbage-at" && nth == k)
                 || (mode == "fail-until-file" && !std::ifstream(argv[2]).good()))
            writeAll(1, "this is not json\n");
        else
            writeAll(1, answer(line, mode, argc > 2 ? argv[2] : nullptr));
        answered = nth;
        if (mode == "crash-at" && answered == k && marker && firstTime(marker))
            std::exit(3);
    }
    return 0;
}
