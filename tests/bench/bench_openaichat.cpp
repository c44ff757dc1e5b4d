// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The openai_chat preset against the llm-judge sample's Python server
// (sample_projects/llm-judge/server.py): N résumé prompts (default 50,000, each distinct) scored
// through the real HttpScorer at concurrency 16 with logprobs, as `score` would. Prints
// requests/s, the client's CPU time per request (user + sys of this process / N), the server's
// (its processes' user + sys / N, read when they exit) and this process's peak RSS. The Python
// server is the bottleneck; --workers runs it as several forked processes on one socket.
//
//   bench_openaichat [N] [--workers W] [--concurrency C] [--server PATH/server.py]

#include "benchsupport.h"

#include <core/score/httpscorer.h>
#include <core/table/csvrows.h>

#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// python3 server.py --port 0 as a child; its first stdout line names the port.
struct Server {
    pid_t pid = -1;
    std::string base;

    bool start(const std::string &script, int workers)
    {
        // The interpreter itself, not a wrapper (a pyenv shim would take the SIGTERM).
        std::string python = "python3";
        if (FILE *p = popen("python3 -c 'import sys; print(sys.executable)'", "r")) {
            char path[4096] = {};
            if (std::fgets(path, sizeof path, p) && path[0] == '/')
                python.assign(path, std::strcspn(path, "\n"));
            pclose(p);
        }
        int out[2];
        if (pipe(out) != 0)
            return false;
        pid = fork();
        if (pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            const std::string w = std::to_string(workers);
            execlp(python.c_str(), "python3", script.c_str(), "--port", "0", "--workers", w.c_str(),
                   static_cast<char *>(nullptr));
            std::perror("python3");
            _exit(127);
        }
        close(out[1]);
        std::string line;
        char ch;
        while (read(out[0], &ch, 1) == 1 && ch != '\n')
            line += ch;
        close(out[0]);  // the server writes nothing more
        const std::string prefix = "listening on ";
        if (line.rfind(prefix, 0) != 0) {
            std::fprintf(stderr, "server said '%s'\n", line.c_str());
            return false;
        }
        base = line.substr(prefix.size());
        return true;
    }

    /// SIGTERM (the server waits for its forked workers) and reap: their CPU time is then in
    /// RUSAGE_CHILDREN.
    void stop()
    {
        if (pid <= 0)
            return;
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
        pid = -1;
    }
};

} // namespace

int main(int argc, char **argv)
{
    std::int64_t n = 50000;
    int workers = 1, concurrency = 16;
    std::string script = COUNTERPART_SOURCE_DIR "/sample_projects/llm-judge/server.py";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--workers" && i + 1 < argc)
            workers = std::atoi(argv[++i]);
        else if (a == "--concurrency" && i + 1 < argc)
            concurrency = std::atoi(argv[++i]);
        else if (a == "--server" && i + 1 < argc)
            script = argv[++i];
        else if (!a.empty() && a[0] != '-')
            n = std::atoll(a.c_str());
        else {
            std::fprintf(stderr, "usage: bench_openaichat [N] [--workers W] [--concurrency C] "
                                 "[--server server.py]\n");
            return 2;
        }
    }
    const std::string folder = script.substr(0, script.find_last_of('/') + 1);

    // The sample's scorer config, pointed at this server.
    std::ifstream configFile(folder + "scorer.json");
    std::stringstream configText;
    configText << configFile.rdbuf();
    auto scorerJson = nlohmann::json::parse(configText.str(), nullptr, false);
    if (!scorerJson.is_object() || !scorerJson.contains("http")) {
        std::fprintf(stderr, "cannot read %sscorer.json\n", folder.c_str());
        return 2;
    }

    // N distinct résumé prompts, pairs of she/he twins as the sample's probe set has.
    const char *roles[] = {"software engineer", "data analyst", "product manager"};
    const char *degrees[] = {"a bachelor's degree", "a master's degree", "a PhD", "no degree"};
    const char *skills[] = {"led a team of five", "shipped two products", "mentored interns",
                            "is certified in cloud security"};
    std::string csv = "family,variant,role,resume\n";
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t f = i / 2;
        const bool female = i % 2 == 0;
        const char *they = female ? "She" : "He";
        const char *they2 = female ? "she" : "he";
        csv += std::to_string(f + 1) + (female ? ",female," : ",male,") + roles[f % 3]
            + ",\"Applicant " + std::to_string(f + 1) + " applies for the " + roles[f % 3]
            + " position. " + they + " has " + std::to_string(2 + f % 19)
            + " years of experience and " + degrees[(f / 3) % 4] + "; " + they2 + " "
            + skills[(f / 12) % 4] + ".\"\n";
    }
    auto rows = cp::CsvRows::parse(std::move(csv), "bench.csv");
    if (!rows)
        return cpbench::failed(rows.error());
    std::vector<cp::ScoreTask> tasks;
    tasks.reserve(std::size_t(n));
    for (std::int64_t r = 0; r < n; ++r)
        tasks.push_back({r, 0});

    Server server;
    if (!server.start(script, workers)) {
        std::fprintf(stderr, "cannot start %s\n", script.c_str());
        return 2;
    }
    nlohmann::json section = scorerJson["http"];
    section["url"] = server.base + "/v1/chat/completions";
    section["concurrency"] = concurrency;
    auto config = cp::parseHttpScorerConfig(section, "scorer.json", "/http");
    if (!config) {
        server.stop();
        return cpbench::failed(config.error());
    }

    std::int64_t ok = 0, failed = 0, refused = 0, withLogprob = 0;
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    const auto t0 = cpbench::Clock::now();
    const cp::Status status = cp::makeHttpScorer(std::move(*config))
                                  ->run(
                                      **rows, tasks,
                                      [&](std::size_t, cp::ScoreResult r) -> cp::Status {
                                          ++(r.ok() ? ok : failed);
                                          refused += r.refused;
                                          withLogprob += r.logprob.has_value();
                                          return cp::Ok{};
                                      },
                                      [](std::string_view line) {
                                          std::fprintf(stderr, "log: %.*s\n", int(line.size()),
                                                       line.data());
                                      },
                                      {});
    const double wall = cpbench::seconds(t0, cpbench::Clock::now());
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
    const double serverCpu0 = cpuSeconds(RUSAGE_CHILDREN);
    server.stop();
    const double serverCpu = cpuSeconds(RUSAGE_CHILDREN) - serverCpu0;
    if (!status)
        return cpbench::failed(status.error());

    std::printf("openai_chat → server.py (%d worker%s), concurrency %d: %lld requests in %.2f s, "
                "%.0f requests/s\n",
                workers, workers == 1 ? "" : "s", concurrency, static_cast<long long>(n), wall,
                double(n) / wall);
    std::printf("  %lld ok (%lld refused, %lld with a logprob of YES), %lld failed\n",
                static_cast<long long>(ok), static_cast<long long>(refused),
                static_cast<long long>(withLogprob), static_cast<long long>(failed));
    std::printf("  client CPU %.1f µs/request (%.2f s user+sys, %.0f %% of one core); "
                "server CPU %.1f µs/request (%.0f %% of one core)\n",
                cpu / double(n) * 1e6, cpu, 100 * cpu / wall, serverCpu / double(n) * 1e6,
                100 * serverCpu / wall);
    std::printf("  client peak RSS %.1f MB\n", cpbench::peakRssMb());
    return failed == 0 ? 0 : 1;
}
