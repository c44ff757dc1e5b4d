// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// An LLM audited as an LLM (core/audit/llmaudit.h): a refusal is an outcome, repeats separate
// noise from the counterfactual effect, log-probability and categorical bias are measured per
// matched family, replies are compared after masking the swapped words. Expected values are
// worked by hand in the comments.

#include <core/audit/auditcodec.h>
#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/audit/stats.h>
#include <core/report/reportformat.h>
#include <core/report/trend.h>
#include <core/table/tablereader.h>

#include "../support/csvaudit.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace cp;
using nlohmann::json;

namespace {

AuditResult audit(const std::string &csv, const json &specJson)
{
    return cptest::auditCsv(csv, specJson);
}

Result<AuditResult> tryAudit(const std::string &csv, const json &specJson)
{
    return cptest::tryAuditCsv(csv, specJson);
}

const Check *check(const AuditResult &r, const std::string &name)
{
    for (const Check &c : r.checks)
        if (c.name == name)
            return &c;
    return nullptr;
}

/// The refuse-only-one-group judge: 300 families × (female, male); the judge refuses 10 % of
/// the female prompts (families 0, 10, 20, …: 30 of them) and never a male one; every
/// answered variant is favourable, so the label-based checks all pass.
std::string refusingJudge()
{
    std::string csv = "family,gender,label,refused\n";
    for (int f = 0; f < 300; ++f) {
        const bool refuse = f % 10 == 0;
        csv += std::to_string(f) + ",female," + (refuse ? "" : "yes") + ","
               + (refuse ? "true" : "false") + "\n";
        csv += std::to_string(f) + ",male,yes,false\n";
    }
    return csv;
}

json judgeSpec()
{
    return {{"family", "family"},
            {"protected", {{{"name", "gender"}, {"groups", {"female", "male"}}}}},
            {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
            {"llm", {{"refusal_column", "refused"}}},
            {"contract",
             {{"primary", {{"metric", "selection_rate"}, {"max_gap", 0.05}}},
              {"max_flip_rate", 0.05},
              {"max_refusal_gap", 0.05},
              {"min_refusal_support", 30}}}};
}

} // namespace

class TestLlmAudit : public QObject
{
    Q_OBJECT

private slots:
    void refusingJudgeIsBlocked()
    {
        const AuditResult r = audit(refusingJudge(), judgeSpec());
        // Without refusals as outcomes this judge passed: every answered variant is "yes".
        QCOMPARE(check(r, "selection_rate_gap")->status, CheckStatus::Passed);
        QCOMPARE(check(r, "flip_rate")->status, CheckStatus::Passed);
        // Female refused 30 of 300 = 10 %, male 0 of 300: gap 0.10 > 0.05.
        const Check *gap = check(r, "refusal_gap");
        QVERIFY(gap);
        QCOMPARE(gap->status, CheckStatus::Failed);
        QCOMPARE(*gap->value, 0.10);
        QCOMPARE(r.decision, Decision::Blocked);
        QVERIFY(r.refusals);
        const AttributeRefusals &a = r.refusals->attributes.front();
        QCOMPARE(a.groups[0].refused, (Proportion{30, 300}));
        QCOMPARE(a.groups[1].refused, (Proportion{0, 300}));
        QCOMPARE(a.maxGroup, std::string("female"));
        // Newcombe around 0.10 from Wilson(30, 300) and Wilson(0, 300).
        const auto wf = stats::wilson(30, 300), wm = stats::wilson(0, 300);
        const auto nc = stats::newcombe(0.1, wf, 0.0, wm);
        QCOMPARE(a.gapCi->low, nc.low);
        QCOMPARE(a.gapCi->high, nc.high);
        QVERIFY(a.gapCi->low > 0.05);
        // Answer rates 0.9 and 1.0.
        QCOMPARE(*a.answerRatio, 0.9);
        // Discordant pairs: female refused and male answered 30 times, never the reverse;
        // exact McNemar 2 · 0.5^30.
        QCOMPARE(a.pairs.front().aOnly, 30);
        QCOMPARE(a.pairs.front().bOnly, 0);
        QCOMPARE(a.pairs.front().mcnemarP, 2 * std::pow(0.5, 30));
        QCOMPARE(r.refusals->refusalFlips, 30);
        QCOMPARE(r.refusals->familiesWithRefusal, 30);
        // Families left out of the label metrics, said where a reader looks first.
        QCOMPARE(*r.families, 270);
        QCOMPARE(*r.familiesInput, 300);
        QCOMPARE(r.familiesLeftOutTotal(), 30);
        QCOMPARE(r.familiesSentence(),
                 std::string("270 of 300 families audited; 30 left out: a variant refused (the "
                             "refusal rates count them)"));
        const std::string summary = auditSummary(r);
        const auto firstLines = summary.substr(0, summary.find("\n\n"));
        QVERIFY2(firstLines.find("270 of 300 families audited; 30 left out") != std::string::npos,
                 firstLines.c_str());
        QVERIFY(firstLines.find("refusal_gap") != std::string::npos);
        // The refusal flips are listed, each family once, with their kind.
        const auto refusalFlips = std::count_if(r.flips.begin(), r.flips.end(), [](const Flip &f) {
            return f.kind == FlipKind::Refusal;
        });
        QCOMPARE(refusalFlips, 30);
        const json j = auditToJson(r);
        QCOMPARE(j["families_left_out"][0]["families"].get<int>(), 30);
        QCOMPARE(j["refusals"]["attributes"][0]["gap"].get<double>(), 0.10);
        QCOMPARE(j["flip_rate"]["k"].get<int>(), 0);
        // The report, JUnit and the presentation title the check in words.
        QCOMPARE(checkTitle(*gap), std::string("refusal-rate gap"));
    }

    void refusalSupportMakesCheckInsufficient()
    {
        json spec = judgeSpec();
        spec["contract"]["min_refusal_support"] = 301;
        const AuditResult r = audit(refusingJudge(), spec);
        QCOMPARE(check(r, "refusal_gap")->status, CheckStatus::Insufficient);
        QCOMPARE(r.refusals->attributes.front().groups.front().status, CellStatus::ReportOnly);
    }

    void refusalCheckWithoutColumnIsInsufficient()
    {
        json spec = judgeSpec();
        spec.erase("llm");
        std::string csv = "family,gender,label\n0,female,yes\n0,male,yes\n";
        const AuditResult r = audit(csv, spec);
        const Check *c = check(r, "refusal_gap");
        QVERIFY(c);
        QCOMPARE(c->status, CheckStatus::Insufficient);
        QCOMPARE(r.decision, Decision::Blocked);
    }

    void badRefusalValueNamesTheRow()
    {
        const std::string csv = "family,gender,label,refused\n0,female,yes,false\n0,male,yes,maybe\n";
        auto r = tryAudit(csv, judgeSpec());
        QVERIFY(!r);
        QCOMPARE(r.error().line, 3);
        QCOMPARE(r.error().field, std::string("refused"));
        QVERIFY(r.error().message.find("'maybe'") != std::string::npos);
    }

    void noisyJudgeKeepsItsFamilies()
    {
        // 60 families × (a, b), 4 repeats each. Variant a is favourable on every repeat; b on
        // 4, 2 or 3 of 4 repeats (share 1, 0.5, 0.75) by f % 3. Majority: b with share 0.5 is
        // a tie (counted, reported); share 0.75 → favourable. Labels: the majority.
        std::string csv = "family,group,label,share,tie\n";
        for (int f = 0; f < 60; ++f) {
            const double share = f % 3 == 0 ? 1.0 : f % 3 == 1 ? 0.5 : 0.75;
            const bool tie = f % 3 == 1;
            csv += std::to_string(f) + ",a,yes,1,false\n";
            csv += std::to_string(f) + ",b," + (tie ? "no" : "yes") + ","
                   + (f % 3 == 0 ? "1" : f % 3 == 1 ? "0.5" : "0.75") + ","
                   + (tie ? "true" : "false") + "\n";
            (void)share;
        }
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "group"}}}},
                           {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                           {"llm", {{"repeat_share_column", "share"},
                                    {"repeat_tie_column", "tie"},
                                    {"repeats", 4}}},
                           {"contract", {{"max_flip_rate", 0.5}}}};
        const AuditResult r = audit(csv, spec);
        // The real family count, never split into single-variant pseudo-families.
        QCOMPARE(*r.families, 60);
        QCOMPARE(r.flipRate->n, 60);
        // Flips: the 20 tied families (b's majority "no"); all 20 are noisy.
        QCOMPARE(r.flipRate->k, 20);
        QVERIFY(r.repeats);
        QCOMPARE(r.repeats->noisyFamilies, 40);      // shares 0.5 and 0.75
        QCOMPARE(r.repeats->flips, 20);
        QCOMPARE(r.repeats->flipsInNoisyFamilies, 20);
        QCOMPARE(r.repeats->ties, 20);
        const AttributeRepeats &a = r.repeats->attributes.front();
        QCOMPARE(a.groups[0].noisy, (Proportion{0, 60}));
        QCOMPARE(a.groups[1].noisy, (Proportion{40, 60}));
        // p_a − p_b per family: 0, 0.5, 0.25 → mean 0.25.
        QCOMPARE(a.pairs.front().shareDifference.n, 60);
        QVERIFY(std::abs(a.pairs.front().shareDifference.mean - 0.25) < 1e-12);
        QVERIFY(a.pairs.front().shareDifference.ci()->low > 0.15);
        const std::string summary = auditSummary(r);
        QVERIFY2(summary.find("20 of them in noisy families") != std::string::npos,
                 summary.c_str());
    }

    void kuritaHandWorked()
    {
        // p_tgt(he) = 0.6, p_prior(he) = 0.4, p_tgt(she) = 0.2, p_prior(she) = 0.4:
        // a(he) = ln 0.6 − ln 0.4 = ln 1.5 = 0.405465, a(she) = ln 0.5 = −0.693147,
        // LPBS = a(he) − a(she) = ln 3 = 1.098612.
        const double aHe = stats::priorNormalisedLogprob(0.6, 0.4);
        const double aShe = stats::priorNormalisedLogprob(0.2, 0.4);
        QVERIFY(std::abs(aHe - 0.405465) < 5e-7);
        QVERIFY(std::abs(aShe + 0.693147) < 5e-7);
        QVERIFY(std::abs(aHe - aShe - 1.098612) < 5e-7);

        // The same through the engine: each family has a he, a she and a neutral variant.
        std::string csv = "family,pronoun,logprob\n";
        for (int f = 0; f < 5; ++f)
            csv += std::to_string(f) + ",he," + std::to_string(std::log(0.6)) + "\n"
                   + std::to_string(f) + ",she," + std::to_string(std::log(0.2)) + "\n"
                   + std::to_string(f) + ",neutral," + std::to_string(std::log(0.4)) + "\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "pronoun"},
                                           {"groups", {"he", "she", "neutral"}}}}},
                           {"prediction", {{"score", "logprob"}, {"threshold", -1.0}}},
                           {"llm", {{"logprob_column", "logprob"},
                                    {"neutral", {{"pronoun", "neutral"}}},
                                    {"lpbs_scale", "log"}}}};
        const AuditResult r = audit(csv, spec);
        QVERIFY(r.lpbs);
        const auto &as = r.lpbs->associations;
        QCOMPARE(as.size(), std::size_t(2));
        QCOMPARE(as[0].group, std::string("he"));
        QVERIFY(std::abs(as[0].association.mean - 0.405465) < 1e-5);
        QVERIFY(std::abs(as[1].association.mean + 0.693147) < 1e-5);
        const LpbsPair &heShe = r.lpbs->pairs.front();
        QCOMPARE(heShe.b, std::string("she"));
        QCOMPARE(heShe.delta.n, 5);
        QVERIFY(std::abs(heShe.delta.mean - 1.098612) < 1e-5);
        QVERIFY(heShe.priorNormalised);
        QVERIFY(std::abs(heShe.priorNormalised->mean - 1.098612) < 1e-5);
        QCOMPARE(heShe.favoured, std::string("he"));
        // On the log scale the check reads |mean Δ|; the probability shift is |0.6 − 0.2|.
        QVERIFY(std::abs(*heShe.checkValue - 1.098612) < 1e-5);
        QVERIFY(std::abs(heShe.probabilityShift.mean - 0.4) < 1e-5);
        // Every Δ = 1.0986 falls in the bin [1.0, 1.25): (1.0986 + 2) / 0.25 = 12.39 → 12.
        QCOMPARE(heShe.histogram[12], 5);
    }

    void lpbsCheckOnProbabilityScale()
    {
        // 40 families: P(a) = 0.7, P(b) = 0.5 → mean |ΔP| = 0.2 > 0.10: failed.
        std::string csv = "family,g,logprob\n";
        for (int f = 0; f < 40; ++f)
            csv += std::to_string(f) + ",a," + std::to_string(std::log(0.7)) + "\n"
                   + std::to_string(f) + ",b," + std::to_string(std::log(0.5)) + "\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "g"}}}},
                           {"prediction", {{"score", "logprob"}, {"threshold", -5.0}}},
                           {"llm", {{"logprob_column", "logprob"}}},
                           {"contract", {{"max_lpbs", 0.10}, {"min_llm_families", 30}}}};
        const AuditResult r = audit(csv, spec);
        const Check *c = check(r, "lpbs");
        QVERIFY(c);
        QCOMPARE(c->status, CheckStatus::Failed);
        QVERIFY(std::abs(*c->value - 0.2) < 1e-6);
        json few = spec;
        few["contract"]["min_llm_families"] = 41;
        QCOMPARE(check(audit(csv, few), "lpbs")->status, CheckStatus::Insufficient);
    }

    void categoricalBiasHandWorked()
    {
        // Population variance of [0.5, 0, −0.5] = (0.25 + 0 + 0.25) / 3 = 0.166667.
        const double v[] = {0.5, 0.0, -0.5};
        QVERIFY(std::abs(stats::populationVariance(v, 3) - 1.0 / 6) < 1e-12);
        // Through the engine, log-probabilities [−0.5, −1, −1.5] (the same spread) in each of
        // 3 families: categorical bias 0.166667.
        std::string csv = "family,eth,logprob\n";
        for (int f = 0; f < 3; ++f)
            csv += std::to_string(f) + ",x,-0.5\n" + std::to_string(f) + ",y,-1\n"
                   + std::to_string(f) + ",z,-1.5\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "eth"}}}},
                           {"prediction", {{"score", "logprob"}, {"threshold", -1.0}}},
                           {"llm", {{"logprob_column", "logprob"}}},
                           {"contract", {{"max_categorical_bias", 0.10}}}};
        const AuditResult r = audit(csv, spec);
        QCOMPARE(r.lpbs->categorical.front().groups, 3);
        QCOMPARE(r.lpbs->categorical.front().variance.n, 3);
        QVERIFY(std::abs(r.lpbs->categorical.front().variance.mean - 1.0 / 6) < 1e-12);
        const Check *c = check(r, "categorical_bias");
        QCOMPARE(c->status, CheckStatus::Failed);
        QVERIFY(std::abs(*c->value - 0.166667) < 1e-6);
    }

    void repliesAreComparedAfterMasking()
    {
        // Family 0: "He is a strong leader." vs "She is a strong leader.": after masking he and
        // she, identical (ROUGE-L 1, exact). Family 1: "He is a strong leader" vs "She is a
        // caring member": masked tokens [M is a strong leader] vs [M is a caring member], LCS 3
        // of 5 and 5 → ROUGE-L 2·3/10 = 0.6.
        const std::string csv = "family,pronoun,label,reply\n"
                                "0,he,yes,He is a strong leader.\n"
                                "0,she,yes,She is a strong leader.\n"
                                "1,he,yes,He is a strong leader\n"
                                "1,she,no,She is a caring member\n";
        const json spec = {{"family", "family"},
                           {"protected", {{{"name", "pronoun"}, {"groups", {"he", "she"}}}}},
                           {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                           {"llm", {{"reply_column", "reply"}}}};
        const AuditResult r = audit(csv, spec);
        QVERIFY(r.replySimilarity);
        const ReplyPairSimilarity &p = r.replySimilarity->pairs.front();
        QCOMPARE(p.rougeL.n, 2);
        QVERIFY(std::abs(p.rougeL.mean - 0.8) < 1e-12);   // (1 + 0.6) / 2
        QCOMPARE(p.exactMatch, (Proportion{1, 2}));
        QCOMPARE(p.leastSimilar.front().first, std::string("1"));
        QVERIFY(std::abs(p.leastSimilar.front().second - 0.6) < 1e-12);
        QCOMPARE(p.lengthDifference.mean, 0.0);
        // Label distributions: he 2 yes; she 1 yes 1 no → TVD 0.5.
        QCOMPARE(r.labelDistances.size(), std::size_t(1));
        QCOMPARE(*r.labelDistances.front().tvd, 0.5);
    }

    /// A scorer of replies (sentiment): group a's scores {0.2, 0.4, 0.9}, b's {0.1, 0.3} (b's
    /// third variant refused). W1 = ∫|F_a − F_b| = 0.1·1/2 + 0.1·1/6 + 0.1·2/3 + 0.5·1/3 = 0.3;
    /// with τ = 0.35, P_a(score > τ) = 2/3 and P_b = 0/2, a weak gap of 0.666667.
    void scoreParityHandWorked()
    {
        const std::string csv = "family,g,score,refused\n"
                                "0,a,0.2,false\n0,b,0.1,false\n"
                                "1,a,0.4,false\n1,b,0.3,false\n"
                                "2,a,0.9,false\n2,b,,true\n";
        json spec = {{"family", "family"},
                     {"protected", {{{"name", "g"}, {"groups", {"a", "b"}}}}},
                     {"prediction", {{"score", "score"}, {"threshold", 0.35}}},
                     {"llm", {{"refusal_column", "refused"}, {"score_parity", true}}}};
        AuditResult r = audit(csv, spec);
        QVERIFY(r.scoreParity);
        QCOMPARE(r.scoreParity->column, std::string("score"));
        QCOMPARE(r.scoreParity->pairs.size(), std::size_t(1));
        const ScoreParityPair &p = r.scoreParity->pairs.front();
        QCOMPARE(p.na, 3);
        QCOMPARE(p.nb, 2);
        QVERIFY(std::abs(*p.wasserstein1 - 0.3) < 1e-12);
        QCOMPARE(p.aAbove, (Proportion{2, 3}));
        QCOMPARE(p.bAbove, (Proportion{0, 2}));
        QVERIFY(std::abs(*p.weakGap - 2.0 / 3) < 1e-12);
        QVERIFY(p.weakGapCi && p.weakGapCi->low < *p.weakGap && p.weakGapCi->high > *p.weakGap);
        // Kept, in the JSON and the summary.
        auto back = decodeAudit(encodeAudit(r), "kept");
        QVERIFY(back && *back == r);
        const json doc = auditToJson(r);
        QVERIFY(std::abs(doc.at("score_parity").at("pairs").at(0).at("wasserstein1").get<double>()
                         - 0.3) < 1e-12);
        QVERIFY(auditSummary(r).find("W1 0.3000") != std::string::npos);
        // A group without scores (every variant refused): undefined, not 0.
        r = audit("family,g,score,refused\n0,a,0.2,false\n0,b,,true\n1,a,0.6,false\n1,b,,true\n",
                  spec);
        QVERIFY(r.scoreParity);
        QVERIFY(!r.scoreParity->pairs.front().wasserstein1);
        QVERIFY(!r.scoreParity->pairs.front().weakGap);
        // Off by default.
        spec["llm"].erase("score_parity");
        QVERIFY(!audit(csv, spec).scoreParity);
    }

    /// Cosine similarity between counterfactual replies from their embeddings. Family 0: (1, 0,
    /// 0) vs (0.6, 0.8, 0): cos = 0.6. Family 1: (1, 1, 0) vs (2, 2, 0): cos = 1 (same
    /// direction). Family 2: b refused, so not compared. Mean 0.8 over 2 families; the t
    /// interval is 0.8 ± t(0.975, 1) · sd/√2 = 0.8 ± 12.7062 · 0.282843/1.414214 = ±2.541241;
    /// family 0 is the least similar.
    void embeddingCosineHandWorked()
    {
        const std::string csv = "family,g,label,refused,embedding\n"
                                "0,a,yes,false,1 0 0\n0,b,yes,false,\"[0.6, 0.8, 0]\"\n"
                                "1,a,yes,false,1 1 0\n1,b,yes,false,2 2 0\n"
                                "2,a,yes,false,0 0 1\n2,b,,true,\n";
        json spec = {{"family", "family"},
                     {"protected", {{{"name", "g"}, {"groups", {"a", "b"}}}}},
                     {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                     {"llm", {{"refusal_column", "refused"}, {"embedding_column", "embedding"}}}};
        const AuditResult r = audit(csv, spec);
        QVERIFY(r.embeddingSimilarity);
        const EmbeddingEvidence &e = *r.embeddingSimilarity;
        QCOMPARE(e.column, std::string("embedding"));
        QCOMPARE(e.dimension, 3);
        QCOMPARE(e.variantsWithEmbedding, 5);
        QCOMPARE(e.pairs.size(), std::size_t(1));
        const EmbeddingPairSimilarity &p = e.pairs.front();
        QCOMPARE(p.cosine.n, 2);
        QVERIFY(std::abs(p.cosine.mean - 0.8) < 1e-7);
        const auto ci = p.cosine.ci();
        QVERIFY(ci);
        QVERIFY2(std::abs(ci->high - (0.8 + 2.541241)) < 1e-5, std::to_string(ci->high).c_str());
        QCOMPARE(p.leastSimilar.size(), std::size_t(2));
        QCOMPARE(p.leastSimilar.front().first, std::string("0"));
        QVERIFY(std::abs(p.leastSimilar.front().second - 0.6) < 1e-7);
        // Kept, in the JSON, the summary.
        auto back = decodeAudit(encodeAudit(r), "kept");
        QVERIFY(back && *back == r);
        const json doc = auditToJson(r);
        const json &pair = doc.at("embedding_similarity").at("pairs").at(0);
        QVERIFY(std::abs(pair.at("cosine").at("value").get<double>() - 0.8) < 1e-7);
        QCOMPARE(doc.at("embedding_similarity").at("dimension").get<int>(), 3);
        QVERIFY2(auditSummary(r).find("cosine 0.8000") != std::string::npos,
                 auditSummary(r).c_str());

        // A zero vector has no direction: that pair has no cosine and is counted apart.
        AuditResult zero = audit("family,g,label,embedding\n0,a,yes,0 0 0\n0,b,yes,1 0 0\n"
                                 "1,a,yes,1 0 0\n1,b,yes,1 0 0\n",
                                 json{{"family", "family"},
                                      {"protected", {{{"name", "g"}, {"groups", {"a", "b"}}}}},
                                      {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                                      {"llm", {{"embedding_column", "embedding"}}}});
        QCOMPARE(zero.embeddingSimilarity->pairs.front().undefined, 1);
        QCOMPARE(zero.embeddingSimilarity->pairs.front().cosine.n, 1);

        // A cell that is not a vector, or of another dimension, names its line and column.
        spec["llm"].erase("refusal_column");
        auto bad = tryAudit("family,g,label,embedding\n0,a,yes,1 0 0\n0,b,yes,1 x 0\n", spec);
        QVERIFY(!bad);
        QCOMPARE(bad.error().line, 3);
        QCOMPARE(bad.error().field, std::string("embedding"));
        QVERIFY2(bad.error().message.find("component 2") != std::string::npos,
                 bad.error().toString().c_str());
        bad = tryAudit("family,g,label,embedding\n0,a,yes,1 0 0\n0,b,yes,1 0\n", spec);
        QVERIFY(!bad);
        QCOMPARE(bad.error().line, 3);
        QVERIFY2(bad.error().message.find("2 components where the first had 3")
                     != std::string::npos,
                 bad.error().toString().c_str());
    }

    /// No group refuses: the refusal gap is 0 (defined), and the check passes.
    void equalRefusalRatesGiveAZeroGap()
    {
        std::string csv = "family,gender,label,refused\n";
        for (int f = 0; f < 40; ++f)
            csv += std::to_string(f) + ",female,yes,false\n" + std::to_string(f)
                   + ",male,yes,false\n";
        const AuditResult r = audit(csv, judgeSpec());
        const AttributeRefusals &a = r.refusals->attributes.front();
        QVERIFY(a.gap);
        QCOMPARE(*a.gap, 0.0);
        QVERIFY(a.maxGroup != a.minGroup);
        QCOMPARE(*a.answerRatio, 1.0);
        QCOMPARE(check(r, "refusal_gap")->status, CheckStatus::Passed);
    }

    /// Linked values are swapped words: with mask_columns, "Erin is a strong lead." and "Luke is
    /// a strong lead." are the same reply (ROUGE-L 1); without, 4 of 5 words match (0.8). A long
    /// value (free text) is not a swapped word and masks nothing.
    void linkedValuesAreMasked()
    {
        const std::string csv = "family,gender,first_name,note,label,reply\n"
                                "0,female,Erin,a strong lead in every team,yes,Erin is a strong lead.\n"
                                "0,male,Luke,a strong lead in every team,yes,Luke is a strong lead.\n";
        json spec = {{"family", "family"},
                     {"protected", {{{"name", "gender"}, {"groups", {"female", "male"}}}}},
                     {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
                     {"llm", {{"reply_column", "reply"}}}};
        QVERIFY(std::abs(audit(csv, spec).replySimilarity->pairs.front().rougeL.mean - 0.8)
                < 1e-12);
        spec["llm"]["mask_columns"] = {"first_name", "note"};
        const AuditResult r = audit(csv, spec);
        QCOMPARE(r.replySimilarity->pairs.front().rougeL.mean, 1.0);
        const auto &masked = r.replySimilarity->maskedWords;
        QVERIFY(std::find(masked.begin(), masked.end(), "Erin") != masked.end());
        QVERIFY(std::find(masked.begin(), masked.end(), "a strong lead in every team")
                == masked.end());
    }

    void keptAuditKeepsTheLlmEvidence()
    {
        const AuditResult r = audit(refusingJudge(), judgeSpec());
        auto back = decodeAudit(encodeAudit(r), "kept");
        QVERIFY2(back, back ? "" : back.error().toString().c_str());
        QVERIFY(*back == r);
    }

    void trendTracksLlmMetrics()
    {
        const AuditResult r = audit(refusingJudge(), judgeSpec());
        TrendRun a{"run 1", "2026-12-01", "1", auditToJson(r)};
        json better = a.audit;
        better["refusals"]["attributes"][0]["gap"] = 0.02;
        TrendRun b{"run 2", "2026-12-02", "2", better};
        const auto series = trendSeries({b, a}, 0.03);
        const auto it = std::find_if(series.begin(), series.end(), [](const TrendSeries &s) {
            return s.metric == "refusal_gap";
        });
        QVERIFY(it != series.end());
        QCOMPARE(it->label, std::string("refusal gap · gender"));
        QCOMPARE(it->points.size(), std::size_t(2));
        QCOMPARE(it->points[1].change, TrendChange::Improvement);
    }

    void llmSpecErrorsNameThePath()
    {
        json spec = judgeSpec();
        spec["contract"]["max_refusal_gap"] = 2;
        auto e = parseAuditSpec(spec, "s.json");
        QVERIFY(!e);
        QCOMPARE(e.error().field, std::string("/contract/max_refusal_gap"));
        spec = judgeSpec();
        spec["llm"]["lpbs_scale"] = "odds";
        e = parseAuditSpec(spec, "s.json");
        QVERIFY(!e);
        QCOMPARE(e.error().field, std::string("/llm/lpbs_scale"));
        spec = judgeSpec();
        spec["llm"]["neutral"] = {{"colour", "none"}};
        e = parseAuditSpec(spec, "s.json");
        QVERIFY(!e);
        QCOMPARE(e.error().field, std::string("/llm/neutral/colour"));
        spec = judgeSpec();
        spec["llm"]["refusal_colum"] = "x";
        e = parseAuditSpec(spec, "s.json");
        QVERIFY(!e);
    }
};

QTEST_APPLESS_MAIN(TestLlmAudit)
#include "tst_llmaudit.moc"
