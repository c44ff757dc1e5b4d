// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "runaudit.h"

#include <core/common/phasetrace.h>
#include <core/review/reviewaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/workflow/auditcache.h>
#include <core/workflow/replyprobeset.h>

#include <algorithm>
#include <cmath>


namespace cp {

void mapFlipRows(AuditResult &result, const std::vector<std::int64_t> &reviewedRows)
{
    if (reviewedRows.empty())
        return;
    for (Flip &flip : result.flips)
        if (flip.firstRow >= 0 && std::size_t(flip.firstRow) < reviewedRows.size())
            flip.firstRow = reviewedRows[std::size_t(flip.firstRow)];
}

AuditSpec runAuditSpec(const AuditSpec &spec, const ScoreRunRecord &run, bool modelHasOutputs)
{
    AuditSpec out = spec;
    LlmSpec &llm = out.llm;
    // The built-in model can neither refuse nor reply: its runs carry no LLM evidence (and
    // their audits none of its cost), unless a refusal was recorded all the same.
    if (!llm.refusalColumn && (modelHasOutputs || run.refused > 0))
        llm.refusalColumn = "refused";
    if (modelHasOutputs && !llm.logprobColumn)
        llm.logprobColumn = "logprob";
    if (modelHasOutputs && !llm.replyColumn)
        llm.replyColumn = "reply";
    if (run.repeats > 1 && !llm.repeatShareColumn) {
        llm.repeatShareColumn = "repeat_favourable";
        llm.repeatTieColumn = "repeat_tie";
        llm.repeats = run.repeats;
    }
    return out;
}

bool runHasOutputs(ProjectStore &store, const ScoreRunRecord &run)
{
    auto model = findModel(store, std::to_string(run.modelId));
    return !model || model->kind != "builtin";
}

AuditSpec runAuditSpec(ProjectStore &store, const AuditSpec &given, const RunAndProbeSet &found)
{
    AuditSpec spec = runAuditSpec(given, found.run, runHasOutputs(store, found.run));
    // A run of a set of another run's replies scores those replies (sentiment, toxicity):
    // whether the groups' replies get the same scores is the question.
    if (replySourceOf(found.probeSet) && spec.prediction.scoreColumn)
        spec.llm.scoreParity = true;
    // The probe set's linked columns that follow a protected value (a first name, a pronoun)
    // are swapped words too: masked in replies. Free text (follows nothing) is not.
    if (spec.llm.replyColumn && spec.llm.maskColumns.empty()) {
        const ProbeSetLayout &layout = found.probeSet.layout;
        for (const std::string &c : layout.linkedColumns) {
            const auto follows = layout.linkedFollows.find(c);
            if (follows == layout.linkedFollows.end() || !follows->second.empty())
                spec.llm.maskColumns.push_back(c);
        }
    }
    return spec;
}

OutcomeRule outcomeRuleOf(const AuditSpec &spec)
{
    return OutcomeRule{spec.prediction.threshold, spec.prediction.favourableValues, 1};
}

Result<RunAudit> auditRun(ProjectStore &store, std::int64_t runId, const AuditSpec &given,
                          const Progress &progress, bool indexPairs)
{
    auto found = findRunAndProbeSet(store, runId);
    if (!found)
        return found.error();
    AuditSpec spec = runAuditSpec(store, given, *found);
    const std::optional<ReplySource> replies = replySourceOf(found->probeSet);
    const std::string source = "scoring run " + std::to_string(runId);
    RunAudit out;
    // The hash of exactly what was audited: the probe set's rows with this run's scores, in
    // their CSV form. Kept from an earlier audit of this run under another spec when it can be
    // (it does not depend on anything else the spec says); else made on a thread of its own
    // while the columns are parsed and audited (nothing is written: the text is made and
    // hashed a megabyte at a time).
    const auto kept = keptRunTableSha(store, found->run, found->probeSet,
                                      spec.prediction.threshold);
    auto scored = loadScoredRun(store, runId, spec.columns(), source, false, false,
                                outcomeRuleOf(spec), progress.phase(0, 500), !kept);
    if (!scored)
        return scored.error();
    out.scored = std::move(*scored);
    ScoredRun &s = out.scored;
    // A model that could give replies or log-probabilities but gave none has no such evidence.
    if (spec.llm.logprobColumn && !given.llm.logprobColumn && !s.rows->results().hasLogprobs())
        spec.llm.logprobColumn.reset();
    if (spec.llm.replyColumn && !given.llm.replyColumn && !s.rows->results().hasReplies())
        spec.llm.replyColumn.reset();
    // A run of an embeddings scorer answered with vectors only: nothing to count.
    if (const RowResults &res = s.rows->results(); res.hasEmbeddings()
        && std::all_of(res.score.begin(), res.score.end(), [](double v) { return std::isnan(v); })
        && std::all_of(res.label.begin(), res.label.end(), [](std::int32_t l) { return l < 0; }))
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "scoring run " + std::to_string(runId) + " holds embeddings, not outcomes: "
                         + (replies ? "the cosine similarities of run "
                                          + std::to_string(replies->run)
                                          + "'s replies are in the audit of run "
                                          + std::to_string(replies->run)
                                    : std::string("embed a run's replies (score --replies-of "
                                                  "RUN) and audit that run"))};
    // The replies' embeddings, from the newest embeddings run of the set of its replies.
    if (spec.llm.replyColumn && !spec.llm.embeddingColumn && s.rows->rowCount() > 0) {
        auto embeddings = replyEmbeddingsRun(store, runId);
        if (!embeddings)
            return embeddings.error();
        if (*embeddings) {
            const RunAndProbeSet &e = **embeddings;
            auto matched = joinReplyEmbeddings(store, e, s, ReplyEmbeddingColumn);
            if (!matched)
                return matched.error();
            if (*matched > 0) {
                spec.llm.embeddingColumn = ReplyEmbeddingColumn;
                spec.llm.embeddingSource = "scoring run " + std::to_string(e.run.id) + ", model "
                                           + e.run.modelName
                                           + (e.run.modelVersion.empty()
                                                  ? std::string()
                                                  : " version " + e.run.modelVersion);
            }
        }
    }
    if (s.rows->rowCount() == 0)
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "scoring run " + std::to_string(runId)
                         + " has no scored family yet (score it first, or resume it)"};
    std::string sha256 = kept.value_or(std::string());
    trace::phase("audit");
    auto result = runReviewedAudit(store, s.probeSet.tableId,
                                   "probe set '" + s.probeSet.name + "' v"
                                       + std::to_string(s.probeSet.id),
                                   s.table, spec, progress.phase(500, 950), &out.reviewedRows);
    if (!result)
        return result.error();
    mapFlipRows(*result, out.reviewedRows);
    if (indexPairs && !spec.familyColumn) {
        out.pairsError = "the spec names no family column, so there are no pairs";
    } else if (indexPairs) {
        trace::phase("pairs index");
        auto pairs = buildPairsIndex(s.table, s.rows, spec, *result, progress.phase(950, 1000));
        if (!pairs)
            out.pairsError = pairs.error().toString();
        else
            out.pairs = std::move(*pairs);
    }
    if (!kept) {
        trace::phase("hash (wait)");
        sha256 = s.sha256.get();
        keepRunTableSha(store, s.run, s.probeSet, spec.prediction.threshold, sha256);
    }
    s.table.sha256 = sha256;
    result->tableSha256 = sha256;
    if (s.familiesExcluded > 0) {
        result->familiesLeftOut.insert(
            result->familiesLeftOut.begin(),
            LeftOut{s.familiesExcluded, "a variant has no answer (" + std::to_string(s.unscored)
                                            + " variant(s) unscored or errored)"});
        if (result->familiesInput)
            *result->familiesInput += s.familiesExcluded;
        else
            result->familiesInput = s.familiesExcluded + result->families.value_or(0);
    }
    if (replies && replies->familiesLeftOut > 0) {
        result->familiesLeftOut.push_back(
            LeftOut{replies->familiesLeftOut,
                    "a variant of run " + std::to_string(replies->run)
                        + " refused or gave no reply, so the set of its replies has no such family"});
        result->familiesInput = result->familiesInput.value_or(result->families.value_or(0))
                                + replies->familiesLeftOut;
    }
    out.result = std::move(*result);
    return out;
}

Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress)
{
    auto audit = auditRun(store, runId, spec, progress);
    if (!audit)
        return audit.error();
    return std::move(audit->result);
}

} // namespace cp
