// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The audit of an LLM's outputs at scale: N families × 2 variants (default 1,000,000) with a
// refusal column (2 % of one group refused), a log-probability per variant, a ~60-byte reply
// per variant and a label, every LLM metric on (refusal rates and gaps, LPBS, categorical bias,
// reply similarity, label distance) and the contract's LLM checks; with a second argument, an
// embedding of that many components per reply and their cosine similarity too. The table is
// built in memory first (not timed); the audit is timed. Run it on one core:
// taskset -c 0 bench_llmaudit.
//
//   bench_llmaudit [families] [embedding dimensions]

#include "benchsupport.h"

#include <core/audit/auditengine.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
    using namespace cpbench;
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    // Optional: an embedding of each reply, this many components (0: none, the default).
    const int dimension = argc > 2 ? std::atoi(argv[2]) : 0;
    const char *words[] = {"strong", "leader", "with", "relevant", "experience", "caring",
                           "team", "member", "good", "culture", "fit", "solid", "record",
                           "clear", "communicator", "needs", "more", "depth"};
    nlohmann::json specJson{
            {"family", "family"},
            {"protected", {{{"name", "gender"}, {"groups", {"female", "male"}}}}},
            {"prediction", {{"column", "label"}, {"favourable", {"YES"}}, {"score", "score"}}},
            {"llm",
             {{"refusal_column", "refused"}, {"logprob_column", "logprob"},
              {"reply_column", "reply"}, {"score_parity", true}}},
            {"contract",
             {{"max_flip_rate", 0.05}, {"max_refusal_gap", 0.05}, {"max_lpbs", 0.1},
              {"max_categorical_bias", 0.1}, {"min_refusal_support", 30}}}};
    if (dimension > 0)
        specJson["llm"]["embedding_column"] = "embedding";
    auto spec = cp::parseAuditSpec(specJson, "bench spec");
    if (!spec)
        return failed(spec.error());

    const auto t0 = Clock::now();
    cp::Table table;
    {
        std::string csv = "family,gender,label,refused,logprob,score,reply";
        csv += dimension > 0 ? ",embedding\n" : "\n";
        csv.reserve(std::size_t(families) * 2 * 100);
        std::uint64_t x = 88172645463325252ull;
        auto next = [&] {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            return x;
        };
        char number[32];
        for (std::int64_t f = 0; f < families; ++f) {
            for (int v = 0; v < 2; ++v) {
                const bool female = v == 0;
                const bool refused = female && next() % 50 == 0;
                const double p = female ? 0.45 + double(next() % 100) / 1000 : 0.55 + double(next() % 100) / 1000;
                csv += std::to_string(f);
                csv += female ? ",female," : ",male,";
                csv += refused ? "" : (next() % 1000 < p * 1000 ? "YES" : "NO");
                csv += refused ? ",true," : ",false,";
                std::snprintf(number, sizeof number, "%.6f", std::log(p));
                csv += number;
                csv += ',';
                if (!refused) {
                    std::snprintf(number, sizeof number, "%.3f", p);
                    csv += number;
                }
                csv += ',';
                if (refused) {
                    csv += "\"I'm sorry, I can't help with that request today.\"";
                } else {
                    csv += female ? "She" : "He";
                    csv += " is a";
                    // Ten words, about 60 bytes; the second half differs between variants
                    // at random.
                    for (int w = 0; w < 9; ++w) {
                        csv += ' ';
                        csv += words[(w < 5 ? (f + w) : next()) % 18];
                    }
                    csv += '.';
                }
                if (dimension > 0) {
                    csv += ',';
                    for (int d = 0; !refused && d < dimension; ++d) {
                        std::snprintf(number, sizeof number, d ? " %.4g" : "%.4g",
                                      double(next() % 2001) / 1000.0 - 1.0);
                        csv += number;
                    }
                }
                csv += '\n';
            }
        }
        auto read = cp::readCsv(csv, "bench.csv", spec->columns());
        if (!read)
            return failed(read.error());
        table = std::move(*read);
    }
    const auto t1 = Clock::now();
    std::printf("table: %lld families × 2 variants built and read in %.2f s (not timed), peak "
                "RSS %.0f MB\n",
                static_cast<long long>(families), seconds(t0, t1), peakRssMb());

    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto t2 = Clock::now();
    auto result = cp::runAudit(table, *spec);
    const auto t3 = Clock::now();
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    if (!result)
        return failed(result.error());
    const double cpu = double(after.ru_utime.tv_sec - before.ru_utime.tv_sec)
                       + double(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
                       + double(after.ru_stime.tv_sec - before.ru_stime.tv_sec)
                       + double(after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    std::printf("audit with every LLM metric: %.2f s wall, %.2f s CPU, %.0f families/s; peak RSS "
                "%.0f MB\n",
                seconds(t2, t3), cpu, double(families) / seconds(t2, t3), peakRssMb());
    std::printf("  %lld families audited, %lld left out; refusal flips %lld; LPBS pairs %zu; "
                "reply pairs %lld; embedding pairs %lld (%d dimensions); checks %zu\n",
                static_cast<long long>(result->families.value_or(0)),
                static_cast<long long>(result->familiesLeftOutTotal()),
                static_cast<long long>(result->refusals ? result->refusals->refusalFlips : 0),
                result->lpbs ? result->lpbs->pairs.size() : std::size_t(0),
                static_cast<long long>(result->replySimilarity
                                           ? result->replySimilarity->pairs.front().rougeL.n
                                           : 0),
                static_cast<long long>(result->embeddingSimilarity
                                           ? result->embeddingSimilarity->pairs.front().cosine.n
                                           : 0),
                dimension, result->checks.size());
    return 0;
}
