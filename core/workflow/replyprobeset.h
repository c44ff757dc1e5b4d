// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A probe set made from a run's replies, for a second scorer of any kind (sentiment, toxicity,
// a rubric judge) to score: the scored run's families with each variant's reply as a new
// column. Its runs are audited like any other, with score parity on.

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/store/probesetstore.h>

#include <cstdint>
#include <optional>
#include <string>

namespace cp {

class ProjectStore;

/// The column that holds the reply of the run the set was made from.
inline constexpr const char *SourceReplyColumn = "source_reply";

struct ReplyProbeSet {
    ProbeSetRecord set;                 ///< kind "derived"; existed when frozen before
    std::int64_t sourceRun = 0;
    std::int64_t familiesKept = 0;
    std::int64_t familiesLeftOut = 0;   ///< a variant refused, gave no reply or no answer
};

/// Freezes (or finds, when the same content was frozen before) the probe set of run `runId`'s
/// replies: the run's probe set columns plus `source_reply`, a linked column that may differ
/// within a family. Only the families in which every variant answered with a reply are kept;
/// the others are counted, and the audit of a run of the set says so. An error when the run
/// has no reply at all.
Result<ReplyProbeSet> freezeReplyProbeSet(ProjectStore &store, std::int64_t runId,
                                          const Progress &progress = {});

/// What a probe set made by freezeReplyProbeSet() records about its source (its spec JSON).
struct ReplySource {
    std::int64_t run = 0;
    std::int64_t familiesLeftOut = 0;
};
/// The source of a reply probe set, or nullopt for any other probe set.
std::optional<ReplySource> replySourceOf(const ProbeSetRecord &set);

} // namespace cp
