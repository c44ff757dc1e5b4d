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
/// The column a run's audit gets with its replies' embeddings (joinReplyEmbeddings).
inline constexpr const char *ReplyEmbeddingColumn = "reply_embedding";

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

/// Whether a run's answers are embeddings: its model is an openai_embeddings scorer, or a
/// command scorer whose results hold vectors.
bool runProducesEmbeddings(ProjectStore &store, const ScoreRunRecord &run);

/// The newest run, by an embeddings scorer, of a probe set made from run `runId`'s replies:
/// where the audit of run `runId` finds its replies' embeddings. nullopt when there is none.
Result<std::optional<RunAndProbeSet>> replyEmbeddingsRun(ProjectStore &store, std::int64_t runId);

struct ScoredRun;

/// Adds to `scored` (a run's audited rows) a column `column` of each row's reply embedding
/// from `embeddings` (a run found by replyEmbeddingsRun), matched by family and variant (or
/// by the id column); rows the embeddings run has not embedded get none. Returns the number of
/// rows matched; 0 (and no column) when the rows have neither family and variant nor an id.
Result<std::int64_t> joinReplyEmbeddings(ProjectStore &store, const RunAndProbeSet &embeddings,
                                         ScoredRun &scored, const std::string &column,
                                         const Progress &progress = {});

} // namespace cp
