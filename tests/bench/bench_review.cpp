// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_review [FAMILIES] [LABELS] [OUT_DIR]
//
// Reviews at scale. A probe set of FAMILIES (default 1,000,000) two-variant families is frozen
// into a project and scored with a built-in model. Then: single labels saved as the review page
// saves them (one committed transaction each: the latency a reviewer feels per key press);
// LABELS (default 100,000) labels by two reviewers saved in one transaction as a packet import
// does; the consensus and agreement over them; the run audited without and with the reviews
// applied (a third of the reviewed families excluded as not equivalent, the rest giving y_true).
// Prints each phase's time and peak RSS. Never fails on time.

#include "benchsupport.h"

#include "../support/syntheticprobeset.h"

#include <core/review/consensus.h>
#include <core/review/reviewqueue.h>
#include <core/workflow/sourceaudit.h>
#include <core/review/reviewstore.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/workflow/runaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace cp;
using cpbench::Clock;
using cpbench::failed;
using cpbench::peakRssMb;
using cpbench::seconds;

namespace {

const char *Spec = R"({
  "name": "bench reviews", "family": "family",
  "protected": [{"name": "gender", "groups": ["f", "m"], "reference": "m"}],
  "strata": [{"name": "channel", "groups": ["web", "referral"]}],
  "prediction": {"score": "score", "threshold": 0.5},
  "contract": {"primary": {"metric": "selection_rate", "max_gap": 0.1},
               "min_reviewed_pairs": 1000, "min_agreement": 0.6}})";




} // namespace

int main(int argc, char **argv)
{
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::int64_t labels = std::min<std::int64_t>(argc > 2 ? std::atoll(argv[2]) : 100000, families);
    const std::filesystem::path dir = argc > 3 ? std::filesystem::path(argv[3])
                                               : std::filesystem::temp_directory_path();
    const std::string project = (dir / "bench_review.counterpart").string();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix);
    std::printf("reviews: %lld families x 2 variants, %lld families labelled by 2 reviewers\n",
                static_cast<long long>(families), static_cast<long long>(labels));
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        return failed(store.error());
    std::int64_t runId = 0, tableId = 0;
    {
        const std::string csv = cptest::syntheticProbeSet(families);
        auto set = freezeProbeSet(**store, {"generated", "bench", "{}", 1, {}},
                                  cptest::syntheticLayout(), csv);
        if (!set)
            return failed(set.error());
        tableId = set->tableId;
        auto config = parseScorerConfig(cptest::SyntheticModel, "bench-model.json", {});
        if (!config)
            return failed(config.error());
        auto model = addModel(**store, *config);
        if (!model)
            return failed(model.error());
        ScoringOptions options;
        options.batchSize = 50000;
        auto outcome = scoreProbeSet(**store, *set, *model, options);
        if (!outcome)
            return failed(outcome.error());
        runId = outcome->run.id;
        if (auto s = (*store)->saveSpec(Spec); !s)
            return failed(s.error());
    }
    const auto familyName = [](std::int64_t f) { return "F1-" + std::to_string(f); };
    const auto labelOf = [&](std::int64_t f, const char *reviewer) {
        ReviewLabel l;
        l.tableId = tableId;
        l.family = familyName(f);
        l.reviewer = reviewer;
        // bob disagrees with ann on one family in ten.
        const bool flip = reviewer[0] == 'b' && f % 10 == 0;
        l.equivalence = (f % 3 == 0) != flip ? Equivalence::NotEquivalent : Equivalence::Equivalent;
        l.expected = f % 2 ? ExpectedOutcome::Favourable : ExpectedOutcome::Unfavourable;
        return l;
    };

    // One label per transaction, as the review page commits each key press.
    const int single = 2000;
    std::vector<double> latency;
    for (int i = 0; i < single; ++i) {
        const auto t0 = Clock::now();
        auto saved = saveReviewLabel(**store, labelOf(i, "ann"));
        latency.push_back(seconds(t0, Clock::now()) * 1000);
        if (!saved)
            return failed(saved.error());
    }
    std::sort(latency.begin(), latency.end());
    std::printf("  single labels (one transaction each): median %.3f ms, p99 %.3f ms, max %.3f ms\n",
                latency[latency.size() / 2], latency[latency.size() * 99 / 100], latency.back());

    std::vector<ReviewLabel> batch;
    batch.reserve(std::size_t(2 * labels));
    for (std::int64_t f = 0; f < labels; ++f) {
        batch.push_back(labelOf(f, "ann"));
        batch.push_back(labelOf(f, "bob"));
    }
    const auto b0 = Clock::now();
    auto changed = saveReviewLabels(**store, std::move(batch));
    const auto b1 = Clock::now();
    if (!changed)
        return failed(changed.error());
    std::printf("  %lld labels in one transaction (a packet import): %.2f s = %.0f labels/s\n",
                static_cast<long long>(*changed), seconds(b0, b1),
                double(*changed) / seconds(b0, b1));

    const auto c0 = Clock::now();
    auto all = reviewLabels(**store, tableId);
    if (!all)
        return failed(all.error());
    const auto c1 = Clock::now();
    const ReviewSummary summary = summariseReviews(*all, ConsensusRule::Majority);
    const auto c2 = Clock::now();
    std::printf("  read %zu labels %.2f s; consensus + agreement %.2f s (alpha %.3f on %lld "
                "pairs; %lld awaiting adjudication)\n",
                all->size(), seconds(c0, c1), seconds(c1, c2),
                summary.agreement[0].alpha.value.value_or(-9),
                static_cast<long long>(summary.agreement[0].alpha.items),
                static_cast<long long>(summary.disputed));

    auto spec = parseAuditSpecText(Spec, "bench spec");
    if (!spec)
        return failed(spec.error());
    AuditSpec without = *spec;
    without.reviews.useReviews = false;
    without.contract->minReviewedPairs = 0;
    without.contract->minAgreement.reset();
    const auto a0 = Clock::now();
    auto plain = auditScoreRun(**store, runId, without);
    const auto a1 = Clock::now();
    if (!plain)
        return failed(plain.error());
    auto reviewed = auditScoreRun(**store, runId, *spec);
    const auto a2 = Clock::now();
    if (!reviewed)
        return failed(reviewed.error());
    std::printf("  audit of the run: without reviews %.2f s (%lld families); with reviews "
                "%.2f s (%lld families, %lld excluded as not equivalent, y_true from reviews "
                "for %lld)\n",
                seconds(a0, a1), static_cast<long long>(plain->families.value_or(0)),
                seconds(a1, a2), static_cast<long long>(reviewed->families.value_or(0)),
                static_cast<long long>(reviewed->reviews->excludedNotEquivalent),
                static_cast<long long>(reviewed->reviews->truthFromReviews));
    // What the review page does on the GUI thread when a source is opened: the queue (flips,
    // then a stratified sample of 20) and the families' review states.
    AuditSource source;
    source.kind = AuditSource::Kind::Run;
    source.id = runId;
    auto audited = auditSource(**store, source, {}, false);
    if (!audited)
        return failed(audited.error());
    if (audited->pairs) {
        const auto q0 = Clock::now();
        ReviewQueueOptions options;
        options.sample = 20;
        const auto queue = buildReviewQueue(*audited->pairs, options);
        const auto q1 = Clock::now();
        const int key = familyKeyColumn(*audited->pairs, "family");
        const auto states = reviewStates(*audited->pairs, key, summary);
        const auto q2 = Clock::now();
        std::printf("  review queue (%zu flips + 20 sampled) %.3f s; review states of %zu "
                    "families %.3f s\n",
                    queue.size() - 20, seconds(q0, q1), states.size(), seconds(q1, q2));
    }
    std::printf("  peak RSS %.0f MB; project file %.0f MB\n", peakRssMb(),
                double(std::filesystem::file_size(project)) / 1e6);
    store->reset();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(project + suffix);
    return 0;
}
