// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The HTTP scorer's own overhead: a local TestHttpServer answers {"score": 0.5} at once, and
// 20,000 rows are scored at concurrency 1, 8 and 64 over keep-alive connections on loopback.
// Prints requests/s for each and peak RSS. A real model endpoint is far slower than this; the
// point is that the adapter is never the bottleneck.
//
//   bench_http [rows]

#include "../support/testhttpserver.h"

#include <core/score/httpscorer.h>
#include <core/table/csvrows.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

long peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 20000;
    std::string csv = "family,variant,name,text\n";
    for (std::int64_t i = 0; i < n; ++i)
        csv += std::to_string(i / 2) + (i % 2 ? ",b," : ",a,") + "name" + std::to_string(i)
            + ",\"a short \"\"quoted\"\" text\"\n";
    auto rows = cp::CsvRows::parse(std::move(csv), "bench.csv");
    if (!rows) {
        std::fprintf(stderr, "%s\n", rows.error().toString().c_str());
        return 1;
    }
    std::vector<cp::ScoreTask> tasks;
    for (std::int64_t r = 0; r < n; ++r)
        tasks.push_back({r, 0});

    cptest::TestHttpServer server;
    if (!server.start([](const cptest::TestHttpRequest &) {
            return cptest::TestHttpResponse{200, {}, R"({"score": 0.5})", {}};
        })) {
        std::fprintf(stderr, "cannot start the test server\n");
        return 1;
    }
    for (const int concurrency : {1, 8, 64}) {
        const nlohmann::json section = {
            {"url", server.url("/score")},
            {"body", {{"id", "{{@id}}"}, {"name", "{{name}}"}, {"text", "{{text}}"}}},
            {"score", "/score"},
            {"concurrency", concurrency}};
        auto config = cp::parseHttpScorerConfig(section, "bench", "");
        if (!config) {
            std::fprintf(stderr, "%s\n", config.error().toString().c_str());
            return 1;
        }
        server.resetCounts();
        std::int64_t ok = 0, failed = 0;
        const auto t0 = std::chrono::steady_clock::now();
        const cp::Status status = cp::makeHttpScorer(std::move(*config))
                                      ->run(
                                          **rows, tasks,
                                          [&](std::size_t, cp::ScoreResult r) -> cp::Status {
                                              ++(r.ok() ? ok : failed);
                                              return cp::Ok{};
                                          },
                                          [](std::string_view line) {
                                              std::fprintf(stderr, "%.*s\n", int(line.size()),
                                                           line.data());
                                          },
                                          {});
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!status) {
            std::fprintf(stderr, "%s\n", status.error().toString().c_str());
            return 1;
        }
        std::printf("concurrency %2d: %lld requests in %.2f s, %.0f requests/s "
                    "(%lld failed, %lld connections, max %d in flight at the server)\n",
                    concurrency, static_cast<long long>(ok + failed), s, double(n) / s,
                    static_cast<long long>(failed),
                    static_cast<long long>(server.connectionCount()), server.maxConcurrent());
    }
    std::printf("peak RSS %ld MiB\n", peakRssMiB());
    return 0;
}
