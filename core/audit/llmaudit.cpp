// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "llmaudit.h"

#include "llmtext.h"
#include "textmetrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cp::detail {

namespace {

bool sameNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (std::tolower(x) != std::tolower(y))
            return false;
    }
    return true;
}

/// A yes/no column as one byte per row; `what` words the error.
Result<std::vector<std::uint8_t>> readFlags(const Table &t, const std::string &column,
                                            const char *what)
{
    const CategoricalColumn *c = t.categoricalColumn(column);
    if (!c)
        return Error{ErrorCode::Schema, t.source, 1, column, "missing column"};
    if (c->firstMissingRow() >= 0)
        return Error{ErrorCode::Invalid, t.source, t.lineOfRow(c->firstMissingRow()), column,
                     std::string("empty ") + what + " value; expected true or false"};
    std::vector<std::uint8_t> lut(c->levels().size());
    for (std::size_t i = 0; i < lut.size(); ++i) {
        const std::string &v = c->levels()[i];
        if (sameNoCase(v, "true") || v == "1" || sameNoCase(v, "yes"))
            lut[i] = 1;
        else if (sameNoCase(v, "false") || v == "0" || sameNoCase(v, "no"))
            lut[i] = 0;
        else
            return Error{ErrorCode::Invalid, t.source, t.lineOfRow(c->firstRows()[i]), column,
                         "'" + v + "' is not a " + what + " value; expected true or false"};
    }
    std::vector<std::uint8_t> out(std::size_t(t.rowCount));
    for (std::size_t r = 0; r < out.size(); ++r)
        out[r] = lut[c->code(r)];
    return out;
}

std::string variantLabel(const AuditContext &ctx, std::int64_t row)
{
    std::string label;
    for (std::size_t d = 0; d < ctx.protectedDims.size(); ++d) {
        if (d > 0)
            label += " / ";
        label += ctx.protectedDims[d].groups[ctx.protectedDims[d].groupOf(row)];
    }
    return label;
}

/// The outcome of an answered row, or 255 when it has none (no label, no score).
std::uint8_t outcomeOrNone(const AuditContext &ctx, std::size_t r)
{
    if (ctx.labelColumn && ctx.labelColumn->code(r) == CategoricalColumn::Missing)
        return 255;
    if (!ctx.labelColumn && ctx.score && std::isnan(ctx.score->values[r]))
        return 255;
    return ctx.outcomeOf(std::int64_t(r));
}

struct RefusalPairAcc {
    std::int64_t pairs = 0, aOnly = 0, bOnly = 0;
};

/// Per group pair of one attribute: everything accumulated over matched variants.
struct PairAcc {
    RefusalPairAcc refusal;
    stats::MeanEstimate shareDifference;
    stats::MeanEstimate delta, shift, difference, priorNormalised;
    std::vector<std::int64_t> histogram;
    stats::MeanEstimate rouge, bleu, length;
    std::int64_t replies = 0, exact = 0;
    std::vector<std::pair<double, std::uint32_t>> leastSimilar; ///< max-heap on ROUGE-L
};

} // namespace

std::vector<std::string> replyMaskPhrases(const AuditContext &ctx)
{
    const LlmSpec &llm = ctx.spec->llm;
    std::vector<std::string> phrases = llm.maskWords;
    for (const Dimension &d : ctx.protectedDims)
        phrases.insert(phrases.end(), d.groups.begin(), d.groups.end());
    for (const std::string &name : llm.maskColumns) {
        const CategoricalColumn *c = ctx.table->categoricalColumn(name);
        if (!c)
            continue;
        for (const std::string &v : c->levels()) {
            int words = 0;
            bool inWord = false;
            for (const char ch : v) {
                const bool space = ch == ' ' || ch == '\t' || ch == '\n';
                words += !space && !inWord;
                inWord = !space;
            }
            if (words <= MaxMaskWords)
                phrases.push_back(v);
        }
    }
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
    return phrases;
}

Result<std::vector<std::uint8_t>> readRefusals(const Table &table, const std::string &column)
{
    return readFlags(table, column, "refusal");
}

Status auditLlmOutputs(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                       AuditResult &result, const Progress &progress)
{
    const Table &t = *ctx.table;
    const AuditSpec &spec = *ctx.spec;
    const LlmSpec &llm = spec.llm;
    const Contract *contract = spec.contract ? &*spec.contract : nullptr;
    const auto rows = std::size_t(t.rowCount);
    const std::size_t dims = ctx.protectedDims.size();
    const bool hasRefusals = !refused.empty();
    auto isRefused = [&](std::size_t r) { return hasRefusals && refused[r] != 0; };

    const NumericColumn *logprob = llm.logprobColumn ? t.numericColumn(*llm.logprobColumn) : nullptr;
    const CategoricalColumn *reply = llm.replyColumn ? t.categoricalColumn(*llm.replyColumn)
                                                     : nullptr;
    const NumericColumn *share = llm.repeatShareColumn ? t.numericColumn(*llm.repeatShareColumn)
                                                       : nullptr;
    std::vector<std::uint8_t> ties;
    if (llm.repeatTieColumn) {
        auto flags = readFlags(t, *llm.repeatTieColumn, "repeat tie");
        if (!flags)
            return flags.error();
        ties = std::move(*flags);
    }
    if (share)
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = share->values[r];
            if (!std::isnan(v) && (v < 0 || v > 1))
                return Error{ErrorCode::Invalid, t.source, t.lineOfRow(std::int64_t(r)),
                             *llm.repeatShareColumn,
                             "a share of favourable repeats must be between 0 and 1, found "
                                 + numberText(v)};
        }
    if (logprob)
        for (std::size_t r = 0; r < rows; ++r)
            if (logprob->values[r] > 1e-9)
                return Error{ErrorCode::Invalid, t.source, t.lineOfRow(std::int64_t(r)),
                             *llm.logprobColumn,
                             "a log-probability must be <= 0, found "
                                 + numberText(logprob->values[r])};

    auditScoreParity(ctx, refused, result);
    if (Status s = auditEmbeddings(ctx, refused, result); !s)
        return s;

    // ---- One pass over rows: refusals per group and cell, repeat noise, label counts. ----
    std::vector<std::vector<std::int64_t>> refusedIn(dims), variantsIn(dims);
    std::vector<std::vector<GroupRepeats>> repeatGroups(dims);
    std::vector<std::vector<std::int64_t>> labelCounts(dims); ///< groups × label levels
    const std::size_t labelLevels = ctx.labelColumn ? ctx.labelColumn->levels().size() : 0;
    const bool labelDistances = ctx.labelColumn && labelLevels >= 2 && labelLevels <= 1000;
    for (std::size_t d = 0; d < dims; ++d) {
        const std::size_t g = ctx.protectedDims[d].groups.size();
        refusedIn[d].assign(g, 0);
        variantsIn[d].assign(g, 0);
        repeatGroups[d].resize(g);
        for (std::size_t i = 0; i < g; ++i)
            repeatGroups[d][i].group = ctx.protectedDims[d].groups[i];
        if (labelDistances)
            labelCounts[d].assign(g * labelLevels, 0);
    }
    std::int64_t refusedRows = 0, variantsWithLogprob = 0, variantsWithoutLogprob = 0;
    std::int64_t variantsWithReply = 0, noisyVariants = 0, tiedVariants = 0, repeatVariants = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const bool ref = isRefused(r);
        refusedRows += ref;
        const double p = share ? share->values[r] : std::nan("");
        const bool noisy = !ref && !std::isnan(p) && p > 0 && p < 1;
        const bool tie = !ref && !ties.empty() && ties[r];
        if (share && !ref && !std::isnan(p)) {
            ++repeatVariants;
            noisyVariants += noisy;
            tiedVariants += tie;
        }
        if (logprob && !ref) {
            if (std::isnan(logprob->values[r]))
                ++variantsWithoutLogprob;
            else
                ++variantsWithLogprob;
        }
        if (reply && reply->code(r) != CategoricalColumn::Missing)
            ++variantsWithReply;
        const std::uint32_t label = labelDistances && !ref ? ctx.labelColumn->code(r)
                                                           : CategoricalColumn::Missing;
        for (std::size_t d = 0; d < dims; ++d) {
            const std::uint32_t g = ctx.protectedDims[d].groupOf(std::int64_t(r));
            ++variantsIn[d][g];
            refusedIn[d][g] += ref;
            if (share && !ref && !std::isnan(p)) {
                GroupRepeats &gr = repeatGroups[d][g];
                ++gr.noisy.n;
                gr.noisy.k += noisy;
                gr.ties += tie;
                gr.favourableShare.add(p);
            }
            if (label != CategoricalColumn::Missing)
                ++labelCounts[d][g * labelLevels + label];
        }
    }

    if (hasRefusals) {
        RefusalEvidence ev;
        ev.column = *llm.refusalColumn;
        ev.overall = Proportion{refusedRows, std::int64_t(rows)};
        const std::int64_t minSupport = contract ? contract->minRefusalSupport : 0;
        for (std::size_t d = 0; d < dims; ++d) {
            AttributeRefusals a;
            a.attribute = ctx.protectedDims[d].name;
            const Proportion *hi = nullptr, *lo = nullptr;
            for (std::size_t g = 0; g < refusedIn[d].size(); ++g) {
                GroupRefusals gr;
                gr.group = ctx.protectedDims[d].groups[g];
                gr.refused = Proportion{refusedIn[d][g], variantsIn[d][g]};
                gr.status = gr.refused.n > 0 && gr.refused.n >= minSupport ? CellStatus::Eligible
                                                                           : CellStatus::ReportOnly;
                a.groups.push_back(gr);
            }
            for (const GroupRefusals &gr : a.groups) {
                if (!gr.refused.defined())
                    continue;
                if (!hi || *gr.refused.value() > *hi->value()) {
                    hi = &gr.refused;
                    a.maxGroup = gr.group;
                }
                // <=: when every group refuses alike, lo is another group than hi (gap 0).
                if (!lo || *gr.refused.value() <= *lo->value()) {
                    lo = &gr.refused;
                    a.minGroup = gr.group;
                }
            }
            if (hi && lo && hi != lo) {
                a.gap = *hi->value() - *lo->value();
                a.gapCi = stats::newcombe(*hi->value(), *hi->ci(), *lo->value(), *lo->ci());
                const double answerHigh = 1 - *lo->value(), answerLow = 1 - *hi->value();
                if (answerHigh > 0)
                    a.answerRatio = answerLow / answerHigh;
            }
            ev.attributes.push_back(std::move(a));
        }
        // Refusal rates per intersection cell, over the cell's variants.
        for (const IntersectionSpec &x : spec.intersections) {
            std::vector<const Dimension *> xd;
            for (const auto &name : x.dimensions) {
                for (const auto &d : ctx.protectedDims)
                    if (d.name == name)
                        xd.push_back(&d);
                for (const auto &d : ctx.strataDims)
                    if (d.name == name)
                        xd.push_back(&d);
            }
            std::size_t cells = 1;
            for (const Dimension *d : xd)
                cells *= d->groups.size();
            if (xd.size() != x.dimensions.size() || cells > 1'000'000)
                continue;  // the counting engine has already refused such a grid
            std::vector<std::int64_t> n(cells, 0), k(cells, 0);
            for (std::size_t r = 0; r < rows; ++r) {
                std::size_t c = 0;
                for (const Dimension *d : xd)
                    c = c * d->groups.size() + d->groupOf(std::int64_t(r));
                ++n[c];
                k[c] += isRefused(r);
            }
            RefusalIntersection out;
            out.dimensions = x.dimensions;
            for (std::size_t c = 0; c < cells; ++c) {
                RefusalCell cell;
                std::size_t rest = c;
                cell.key.resize(xd.size());
                for (std::size_t i = xd.size(); i-- > 0;) {
                    cell.key[i] = xd[i]->groups[rest % xd[i]->groups.size()];
                    rest /= xd[i]->groups.size();
                }
                cell.refused = Proportion{k[c], n[c]};
                cell.status = n[c] > 0 && n[c] >= minSupport ? CellStatus::Eligible
                                                             : CellStatus::ReportOnly;
                out.cells.push_back(std::move(cell));
            }
            ev.intersections.push_back(std::move(out));
        }
        result.refusals = std::move(ev);
    }

    if (share) {
        RepeatEvidence ev;
        ev.repeats = llm.repeats;
        ev.variants = repeatVariants;
        ev.noisyVariants = noisyVariants;
        ev.ties = tiedVariants;
        for (std::size_t d = 0; d < dims; ++d)
            ev.attributes.push_back({ctx.protectedDims[d].name, std::move(repeatGroups[d]), {}});
        result.repeats = std::move(ev);
    }

    if (labelDistances) {
        for (std::size_t d = 0; d < dims; ++d) {
            const std::size_t g = ctx.protectedDims[d].groups.size();
            std::vector<std::int64_t> totals(g, 0);
            for (std::size_t i = 0; i < g; ++i)
                for (std::size_t l = 0; l < labelLevels; ++l)
                    totals[i] += labelCounts[d][i * labelLevels + l];
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b) {
                    LabelDistance ld;
                    ld.attribute = ctx.protectedDims[d].name;
                    ld.a = ctx.protectedDims[d].groups[a];
                    ld.b = ctx.protectedDims[d].groups[b];
                    if (totals[a] > 0 && totals[b] > 0) {
                        double sum = 0;
                        for (std::size_t l = 0; l < labelLevels; ++l)
                            sum += std::abs(double(labelCounts[d][a * labelLevels + l])
                                                / double(totals[a])
                                            - double(labelCounts[d][b * labelLevels + l])
                                                  / double(totals[b]));
                        ld.tvd = sum / 2;
                    }
                    result.labelDistances.push_back(std::move(ld));
                }
        }
    }

    // Nothing refused and nothing else to compare (a built-in model's run, say): the family
    // pass would find no refusal flip and no discordant pair, and the counting engine has
    // already counted the families and matched pairs. Take them from there.
    if (ctx.familyColumn && !logprob && !reply && !share && refusedRows == 0
        && result.refusals && result.flipRate) {
        RefusalEvidence &ev = *result.refusals;
        ev.families = result.flipRate->n;
        for (std::size_t d = 0; d < dims; ++d)
            for (const PairTest &pt : result.pairTests)
                if (pt.attribute == ctx.protectedDims[d].name)
                    ev.attributes[d].pairs.push_back({pt.a, pt.b, pt.pairs, 0, 0, 1.0});
        return Ok{};
    }

    if (!ctx.familyColumn) {
        if (logprob)
            result.lpbs = LogprobEvidence{*llm.logprobColumn, llm.lpbsScale, variantsWithLogprob,
                                          variantsWithoutLogprob, {}, {}, {}};
        if (reply)
            result.replySimilarity = ReplyEvidence{*llm.replyColumn, variantsWithReply, {}, {}};
        return Ok{};
    }

    // ---- One pass over families: pairs, mixed refusals, noise, LPBS, replies. ----
    const CategoricalColumn &fam = *ctx.familyColumn;
    const std::size_t familyCount = fam.levels().size();
    const FamilyOrder grouped = familyOrder(fam, rows);
    const std::vector<std::uint32_t> &offsets = grouped.offsets;
    const std::vector<std::uint32_t> &order = grouped.order;

    std::vector<std::vector<PairAcc>> acc(dims);
    std::vector<std::int32_t> neutralGroup(dims, -1);
    for (std::size_t d = 0; d < dims; ++d) {
        const std::size_t g = ctx.protectedDims[d].groups.size();
        acc[d].resize(g * g);
        if (logprob)
            for (PairAcc &p : acc[d])
                p.histogram.assign(LpbsPair::HistogramBins, 0);
        for (const auto &[attribute, group] : llm.neutral)
            if (attribute == ctx.protectedDims[d].name) {
                const auto &groups = ctx.protectedDims[d].groups;
                const auto it = std::find(groups.begin(), groups.end(), group);
                if (it != groups.end())
                    neutralGroup[d] = std::int32_t(it - groups.begin());
            }
    }
    std::vector<std::vector<stats::MeanEstimate>> association(dims);
    for (std::size_t d = 0; d < dims; ++d)
        association[d].resize(ctx.protectedDims[d].groups.size());
    std::vector<stats::MeanEstimate> categorical(dims);

    const std::vector<std::string> maskPhrases = replyMaskPhrases(ctx);
    const std::vector<text::Token> mask = text::maskSet(maskPhrases);

    std::vector<std::uint8_t> noisyFamily(familyCount, 0);
    std::vector<std::uint32_t> groups;
    std::vector<std::vector<text::Token>> tokens;
    std::vector<double> lps;
    std::int64_t families = 0, withRefusal = 0, allRefused = 0, noisyFamilies = 0;
    std::int64_t repeatFamilies = 0;
    std::vector<Flip> refusalFlips;
    for (std::size_t f = 0; f < familyCount; ++f) {
        const std::uint32_t *members = order.data() + offsets[f];
        const std::size_t k = offsets[f + 1] - offsets[f];
        if (k < 2)
            continue;
        ++families;
        groups.resize(k * dims);
        std::size_t refusedHere = 0;
        bool noisy = false;
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t d = 0; d < dims; ++d)
                groups[i * dims + d] = ctx.protectedDims[d].groupOf(members[i]);
            refusedHere += isRefused(members[i]);
            if (share && !isRefused(members[i])) {
                const double p = share->values[members[i]];
                noisy = noisy || (!std::isnan(p) && p > 0 && p < 1);
            }
        }
        if (share) {
            ++repeatFamilies;
            noisyFamilies += noisy;
            noisyFamily[f] = noisy;
        }
        if (refusedHere > 0) {
            ++withRefusal;
            if (refusedHere == k) {
                ++allRefused;
            } else {
                Flip flip;
                flip.family = fam.levels()[f];
                flip.firstRow = members[0];
                flip.kind = FlipKind::Refusal;
                flip.stage = spec.prediction.stage;
                flip.noisy = noisy;
                for (std::size_t i = 0; i < k; ++i) {
                    std::string outcome = "refused";
                    if (!isRefused(members[i])) {
                        const std::uint8_t o = outcomeOrNone(ctx, members[i]);
                        outcome = o == 255 ? std::string("answered") : ctx.outcomeLabel(o);
                    }
                    flip.outcomes.emplace_back(variantLabel(ctx, members[i]), std::move(outcome));
                }
                refusalFlips.push_back(std::move(flip));
            }
        }
        if (reply) {
            tokens.resize(std::max(tokens.size(), k));
            for (std::size_t i = 0; i < k; ++i) {
                const std::uint32_t code = reply->code(members[i]);
                if (code == CategoricalColumn::Missing)
                    tokens[i].clear();
                else
                    text::tokenize(reply->levels()[code], mask, tokens[i]);
            }
        }

        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
                if (i == j)
                    continue;
                std::size_t differing = 0, where = 0;
                for (std::size_t d = 0; d < dims; ++d)
                    if (groups[i * dims + d] != groups[j * dims + d]) {
                        ++differing;
                        where = d;
                    }
                if (differing != 1)
                    continue;
                const std::uint32_t ga = groups[i * dims + where];
                const std::uint32_t gb = groups[j * dims + where];
                const std::uint32_t ri = members[i], rj = members[j];
                // a(g) against the neutral variant: each non-neutral variant once, from i.
                if (logprob && std::int32_t(gb) == neutralGroup[where]
                    && std::int32_t(ga) != neutralGroup[where] && !isRefused(ri)
                    && !isRefused(rj)) {
                    const double li = logprob->values[ri], ln = logprob->values[rj];
                    if (!std::isnan(li) && !std::isnan(ln))
                        association[where][ga].add(li - ln);
                }
                if (ga >= gb)
                    continue;
                PairAcc &p = acc[where][ga * ctx.protectedDims[where].groups.size() + gb];
                const bool refI = isRefused(ri), refJ = isRefused(rj);
                ++p.refusal.pairs;
                p.refusal.aOnly += refI && !refJ;
                p.refusal.bOnly += refJ && !refI;
                if (refI || refJ)
                    continue;
                if (share) {
                    const double si = share->values[ri], sj = share->values[rj];
                    if (!std::isnan(si) && !std::isnan(sj))
                        p.shareDifference.add(si - sj);
                }
                if (logprob) {
                    const double li = logprob->values[ri], lj = logprob->values[rj];
                    if (!std::isnan(li) && !std::isnan(lj)) {
                        const double delta = li - lj;
                        p.delta.add(delta);
                        const double pi = std::exp(li), pj = std::exp(lj);
                        p.shift.add(std::abs(pi - pj));
                        p.difference.add(pi - pj);
                        const int bin = int(std::floor((delta - LpbsPair::HistogramLow)
                                                       / LpbsPair::HistogramWidth));
                        ++p.histogram[std::size_t(std::clamp(bin, 0, LpbsPair::HistogramBins - 1))];
                        // Kurita: a(a) − a(b) over the families with a neutral variant.
                        if (neutralGroup[where] >= 0) {
                            for (std::size_t m = 0; m < k; ++m) {
                                bool match = std::int32_t(groups[m * dims + where])
                                             == neutralGroup[where];
                                for (std::size_t d = 0; d < dims && match; ++d)
                                    match = d == where
                                            || groups[m * dims + d] == groups[i * dims + d];
                                const double ln = logprob->values[members[m]];
                                if (match && !isRefused(members[m]) && !std::isnan(ln)) {
                                    p.priorNormalised.add((li - ln) - (lj - ln));
                                    break;
                                }
                            }
                        }
                    }
                }
                if (reply && reply->code(ri) != CategoricalColumn::Missing
                    && reply->code(rj) != CategoricalColumn::Missing) {
                    const auto &a = tokens[i], &b = tokens[j];
                    const double rouge = text::rougeLF1(a, b);
                    p.rouge.add(rouge);
                    p.bleu.add(text::symmetricBleu(a, b));
                    p.length.add(double(b.size()) - double(a.size()));
                    ++p.replies;
                    p.exact += a == b;
                    keepSmallest(p.leastSimilar, rouge, std::uint32_t(f),
                                 ReplyPairSimilarity::LeastSimilarKept);
                }
            }
        }

        // Categorical bias: per attribute, the variants that differ only in it (grouped by
        // the other attributes' values), the population variance of their log p.
        if (logprob) {
            for (std::size_t d = 0; d < dims; ++d) {
                std::vector<bool> used(k, false);
                for (std::size_t i = 0; i < k; ++i) {
                    if (used[i])
                        continue;
                    lps.clear();
                    for (std::size_t j = i; j < k; ++j) {
                        bool same = true;
                        for (std::size_t e = 0; e < dims && same; ++e)
                            same = e == d || groups[j * dims + e] == groups[i * dims + e];
                        if (!same)
                            continue;
                        used[j] = true;
                        if (std::int32_t(groups[j * dims + d]) == neutralGroup[d])
                            continue;
                        const double l = logprob->values[members[j]];
                        if (!isRefused(members[j]) && !std::isnan(l))
                            lps.push_back(l);
                    }
                    if (lps.size() >= 2)
                        categorical[d].add(stats::populationVariance(lps.data(), lps.size()));
                }
            }
        }
        if ((f & 0xFFFF) == 0xFFFF) {
            if (progress.isCancelled())
                return Error{ErrorCode::Cancelled, t.source, 0, {}, "cancelled"};
            progress.report(std::int64_t(f), std::int64_t(familyCount));
        }
    }

    if (result.refusals) {
        RefusalEvidence &ev = *result.refusals;
        ev.families = families;
        ev.familiesWithRefusal = withRefusal;
        ev.familiesAllRefused = allRefused;
        ev.refusalFlips = std::int64_t(refusalFlips.size());
        for (std::size_t d = 0; d < dims; ++d) {
            const std::size_t g = ctx.protectedDims[d].groups.size();
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b) {
                    const RefusalPairAcc &p = acc[d][a * g + b].refusal;
                    ev.attributes[d].pairs.push_back(
                        {ctx.protectedDims[d].groups[a], ctx.protectedDims[d].groups[b], p.pairs,
                         p.aOnly, p.bOnly, stats::mcnemarExact(p.aOnly, p.bOnly)});
                }
        }
    }
    if (result.repeats) {
        RepeatEvidence &ev = *result.repeats;
        ev.families = repeatFamilies;
        ev.noisyFamilies = noisyFamilies;
        for (Flip &flip : result.flips) {
            if (flip.kind != FlipKind::Outcome)
                continue;
            ++ev.flips;
            const std::uint32_t code = fam.find(flip.family);
            flip.noisy = code != CategoricalColumn::Missing && noisyFamily[code];
            ev.flipsInNoisyFamilies += flip.noisy;
        }
        for (std::size_t d = 0; d < dims; ++d) {
            const std::size_t g = ctx.protectedDims[d].groups.size();
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b)
                    ev.attributes[d].pairs.push_back({ctx.protectedDims[d].groups[a],
                                                      ctx.protectedDims[d].groups[b],
                                                      acc[d][a * g + b].shareDifference});
        }
    }
    if (logprob) {
        LogprobEvidence ev;
        ev.column = *llm.logprobColumn;
        ev.scale = llm.lpbsScale;
        ev.variantsWithLogprob = variantsWithLogprob;
        ev.variantsWithout = variantsWithoutLogprob;
        for (std::size_t d = 0; d < dims; ++d) {
            const Dimension &dim = ctx.protectedDims[d];
            const std::size_t g = dim.groups.size();
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b) {
                    PairAcc &p = acc[d][a * g + b];
                    LpbsPair out;
                    out.attribute = dim.name;
                    out.a = dim.groups[a];
                    out.b = dim.groups[b];
                    out.delta = p.delta;
                    out.probabilityShift = p.shift;
                    out.probabilityDifference = p.difference;
                    if (neutralGroup[d] >= 0)
                        out.priorNormalised = p.priorNormalised;
                    out.histogram = std::move(p.histogram);
                    if (p.delta.defined()) {
                        out.favoured = p.delta.mean > 0 ? out.a : p.delta.mean < 0 ? out.b : "";
                        out.checkValue = llm.lpbsScale == LpbsScale::Log ? std::abs(p.delta.mean)
                                                                         : p.shift.mean;
                    }
                    ev.pairs.push_back(std::move(out));
                }
            ev.categorical.push_back({dim.name, std::int64_t(g - (neutralGroup[d] >= 0)),
                                      categorical[d]});
            if (neutralGroup[d] >= 0)
                for (std::size_t a = 0; a < g; ++a)
                    if (std::int32_t(a) != neutralGroup[d])
                        ev.associations.push_back({dim.name, dim.groups[a],
                                                   dim.groups[std::size_t(neutralGroup[d])],
                                                   association[d][a]});
        }
        result.lpbs = std::move(ev);
    }
    if (reply) {
        ReplyEvidence ev;
        ev.column = *llm.replyColumn;
        ev.variantsWithReply = variantsWithReply;
        ev.maskedWords = maskPhrases;
        for (std::size_t d = 0; d < dims; ++d) {
            const Dimension &dim = ctx.protectedDims[d];
            const std::size_t g = dim.groups.size();
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b) {
                    PairAcc &p = acc[d][a * g + b];
                    ReplyPairSimilarity out;
                    out.attribute = dim.name;
                    out.a = dim.groups[a];
                    out.b = dim.groups[b];
                    out.rougeL = p.rouge;
                    out.bleu = p.bleu;
                    out.exactMatch = Proportion{p.exact, p.replies};
                    out.lengthDifference = p.length;
                    std::sort(p.leastSimilar.begin(), p.leastSimilar.end());
                    for (const auto &[rouge, family] : p.leastSimilar)
                        out.leastSimilar.emplace_back(fam.levels()[family], rouge);
                    ev.pairs.push_back(std::move(out));
                }
        }
        result.replySimilarity = std::move(ev);
    }
    result.flips.insert(result.flips.end(), std::make_move_iterator(refusalFlips.begin()),
                        std::make_move_iterator(refusalFlips.end()));
    return Ok{};
}

} // namespace cp::detail
