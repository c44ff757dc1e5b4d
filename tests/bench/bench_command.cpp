// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Scoring through a command scorer: 200,000 rows of a 10-column probe set (family, variant,
// eight text and number columns, ~150 bytes a row), built in memory, sent as JSON Lines to
// echoscorer (which answers each line at once) and matched back. Prints rows/s and peak RSS.
// Target (issue #4): at least 200,000 rows/s through the pipe.
//
//   bench_command [rows] [batch]

#include <core/score/commandscorer.h>
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

std::string probeCsv(std::int64_t rows)
{
    static const char *const Roles[] = {"nurse", "engineer", "teacher", "analyst", "driver"};
    static const char *const Cities[] = {"Berlin", "Hamburg", "Munich", "Cologne", "Leipzig"};
    std::string csv = "family,variant,first_name,pronoun,age,years,role,city,salary,summary\n";
    csv.reserve(std::size_t(rows) * 160);
    for (std::int64_t r = 0; r < rows; ++r) {
        const std::int64_t f = r / 2;
        const bool she = r % 2 == 0;
        const char *role = Roles[f % 5];
        const char *city = Cities[(f / 5) % 5];
        const std::string years = std::to_string(f % 30);
        csv += "F" + std::to_string(f) + (she ? ",f,Anna,she," : ",m,Paul,he,")
               + std::to_string(25 + f % 40) + "," + years + "," + role + "," + city + ","
               + std::to_string(30000 + (f * 7919) % 70000) + ",\"A " + role + " from " + city
               + " with " + years + " years; " + (she ? "she" : "he")
               + " led a team of \"\"six\"\" and shipped the billing rewrite.\"\n";
    }
    return csv;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 200000;
    auto t0 = std::chrono::steady_clock::now();
    const std::string csv = probeCsv(n);
    const std::size_t bytes = csv.size();
    auto rows = cp::CsvRows::parse(csv, "bench.csv");
    if (!rows.ok()) {
        std::fprintf(stderr, "%s\n", rows.error().toString().c_str());
        return 2;
    }
    std::vector<cp::ScoreTask> tasks;
    tasks.reserve(std::size_t(n));
    for (std::int64_t r = 0; r < n; ++r)
        tasks.push_back({r, 0});
    std::printf("built %lld rows, %.1f MB of CSV (%.0f bytes/row) in %.2f s\n",
                static_cast<long long>(n), double(bytes) / 1e6, double(bytes) / double(n),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

    cp::CommandScorerConfig config;
    config.argv = {COUNTERPART_ECHO_SCORER};
    if (argc > 2)
        config.batch = std::atoi(argv[2]);
    auto scorer = cp::makeCommandScorer(config);
    std::int64_t answered = 0, failed = 0;
    double latency = 0;
    t0 = std::chrono::steady_clock::now();
    const cp::Status status = scorer->run(
        **rows, tasks,
        [&](std::size_t, cp::ScoreResult r) -> cp::Status {
            ++answered;
            failed += !r.ok();
            latency += r.latencyMs;
            return cp::Ok{};
        },
        [](std::string_view line) { std::fprintf(stderr, "log: %.*s\n", int(line.size()),
                                                 line.data()); },
        {});
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!status.ok()) {
        std::fprintf(stderr, "%s\n", status.error().toString().c_str());
        return 1;
    }
    std::printf("scored %lld rows (%lld failed) in %.2f s with batch %d: %.0f rows/s, "
                "mean latency %.3f ms (peak RSS %ld MiB)\n",
                static_cast<long long>(answered), static_cast<long long>(failed), s,
                config.batch, double(answered) / s, latency / double(answered), peakRssMiB());
    return failed == 0 && answered == n ? 0 : 1;
}
