// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditspec.h"

#include <core/common/jsontext.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace cp {

using nlohmann::json;

std::vector<ColumnRequest> AuditSpec::coreColumns() const
{
    std::vector<ColumnRequest> out;
    auto add = [&](const std::string &column, ColumnKind kind) {
        for (const auto &c : out)
            if (c.name == column && c.kind == kind)
                return;
        out.push_back({column, kind});
    };
    if (familyColumn)
        add(*familyColumn, ColumnKind::Categorical);
    for (const auto &a : protectedAttributes)
        add(a.column, ColumnKind::Categorical);
    for (const auto &s : strata)
        add(s.column, ColumnKind::Categorical);
    if (truth)
        add(truth->column, ColumnKind::Categorical);
    if (prediction.scoreColumn)
        add(*prediction.scoreColumn, ColumnKind::Numeric);
    if (prediction.labelColumn)
        add(*prediction.labelColumn, ColumnKind::Categorical);
    for (const auto &s : stages)
        add(s.column, ColumnKind::Categorical);
    return out;
}

std::vector<ColumnRequest> AuditSpec::columns() const
{
    std::vector<ColumnRequest> out = coreColumns();
    auto add = [&](const std::optional<std::string> &column, ColumnKind kind) {
        if (!column)
            return;
        for (const auto &c : out)
            if (c.name == *column && c.kind == kind)
                return;
        out.push_back({*column, kind});
    };
    add(llm.refusalColumn, ColumnKind::Categorical);
    add(llm.logprobColumn, ColumnKind::Numeric);
    add(llm.replyColumn, ColumnKind::Categorical);
    add(llm.embeddingColumn, ColumnKind::Categorical);
    add(llm.repeatShareColumn, ColumnKind::Numeric);
    add(llm.repeatTieColumn, ColumnKind::Categorical);
    if (llm.replyColumn)
        for (const std::string &c : llm.maskColumns)
            add(c, ColumnKind::Categorical);
    return out;
}

const AttributeSpec *AuditSpec::dimension(std::string_view dimensionName) const
{
    for (const auto &a : protectedAttributes)
        if (a.name == dimensionName)
            return &a;
    for (const auto &s : strata)
        if (s.name == dimensionName)
            return &s;
    return nullptr;
}

namespace {

/// Reads typed values out of a JSON object, turning every mismatch into an Error with the path.
class SpecReader
{
public:
    explicit SpecReader(std::string source) : m_source(std::move(source)) {}

    Error error(const std::string &path, const std::string &message) const
    {
        return Error{ErrorCode::Schema, m_source, 0, path.empty() ? "/" : path, message};
    }

    std::optional<Error> checkObject(const json &j, const std::string &path,
                                     std::initializer_list<const char *> allowed) const
    {
        if (!j.is_object())
            return error(path, "expected an object");
        for (const auto &item : j.items()) {
            const std::string &key = item.key();
            if (std::none_of(allowed.begin(), allowed.end(),
                             [&](const char *a) { return key == a; }))
                return error(path + "/" + key, "unknown key (allowed: " + join(allowed) + ")");
        }
        return std::nullopt;
    }

    std::optional<Error> string(const json &obj, const char *key, const std::string &path,
                                std::string &out, bool required) const
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return required ? std::optional(error(path + "/" + key, "required")) : std::nullopt;
        if (!it->is_string() || it->get_ref<const std::string &>().empty())
            return error(path + "/" + key, "expected a non-empty string");
        out = it->get<std::string>();
        return std::nullopt;
    }

    std::optional<Error> number(const json &obj, const char *key, const std::string &path,
                                std::optional<double> &out) const
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return std::nullopt;
        if (!it->is_number())
            return error(path + "/" + key, "expected a number");
        out = it->get<double>();
        return std::nullopt;
    }

    std::optional<Error> count(const json &obj, const char *key, const std::string &path,
                               std::int64_t &out) const
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return std::nullopt;
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
            return error(path + "/" + key, "expected a whole number >= 0");
        out = it->get<std::int64_t>();
        return std::nullopt;
    }

    /// A string or a list of strings (numbers and booleans are taken as their text).
    std::optional<Error> strings(const json &obj, const char *key, const std::string &path,
                                 std::vector<std::string> &out) const
    {
        const auto it = obj.find(key);
        if (it == obj.end())
            return std::nullopt;
        out.clear();
        auto one = [&](const json &v, const std::string &p) -> std::optional<Error> {
            if (v.is_string())
                out.push_back(v.get<std::string>());
            else if (v.is_boolean())
                out.push_back(v.get<bool>() ? "true" : "false");
            else if (v.is_number())
                out.push_back(jsontext::dump(v));
            else
                return error(p, "expected a string");
            return std::nullopt;
        };
        if (it->is_array()) {
            for (std::size_t i = 0; i < it->size(); ++i)
                if (auto e = one((*it)[i], path + "/" + key + "/" + std::to_string(i)))
                    return e;
            return std::nullopt;
        }
        return one(*it, path + "/" + key);
    }

private:
    static std::string join(std::initializer_list<const char *> items)
    {
        std::string s;
        for (const char *i : items)
            s += (s.empty() ? "" : ", ") + std::string(i);
        return s;
    }

    std::string m_source;
};

#define CP_TRY(expr)                                                                              \
    do {                                                                                          \
        if (auto cpError = (expr))                                                                \
            return *cpError;                                                                      \
    } while (false)

Result<AttributeSpec> parseAttribute(const SpecReader &r, const json &j, const std::string &path,
                                     bool isProtected)
{
    AttributeSpec a;
    if (isProtected)
        CP_TRY(r.checkObject(j, path, {"name", "column", "groups", "reference"}));
    else
        CP_TRY(r.checkObject(j, path, {"name", "column", "groups"}));
    CP_TRY(r.string(j, "name", path, a.name, true));
    a.column = a.name;
    CP_TRY(r.string(j, "column", path, a.column, false));
    CP_TRY(r.strings(j, "groups", path, a.groups));
    std::set<std::string> unique(a.groups.begin(), a.groups.end());
    if (unique.size() != a.groups.size())
        return r.error(path + "/groups", "a group is listed twice");
    if (j.contains("reference")) {
        std::string ref;
        CP_TRY(r.string(j, "reference", path, ref, true));
        if (!a.groups.empty() && !unique.count(ref))
            return r.error(path + "/reference", "'" + ref + "' is not one of the groups");
        a.reference = ref;
    }
    return a;
}

Result<GapLimit> parseGapLimit(const SpecReader &r, const json &j, const std::string &path)
{
    CP_TRY(r.checkObject(j, path, {"metric", "max_gap", "min_ratio"}));
    std::string key;
    CP_TRY(r.string(j, "metric", path, key, true));
    const auto metric = metricFromKey(key);
    if (!metric)
        return r.error(path + "/metric", "unknown metric '" + key
                                             + "' (selection_rate, tpr, fpr, fnr, precision, "
                                               "accuracy)");
    GapLimit g;
    g.metric = *metric;
    CP_TRY(r.number(j, "max_gap", path, g.maxGap));
    CP_TRY(r.number(j, "min_ratio", path, g.minRatio));
    if (!g.maxGap && !g.minRatio)
        return r.error(path, "give max_gap, min_ratio or both");
    if (g.maxGap && *g.maxGap < 0)
        return r.error(path + "/max_gap", "must be >= 0");
    if (g.minRatio && (*g.minRatio < 0 || *g.minRatio > 1))
        return r.error(path + "/min_ratio", "must be between 0 and 1");
    return g;
}

Result<Contract> parseContract(const SpecReader &r, const json &j, const std::string &path)
{
    CP_TRY(r.checkObject(j, path,
                         {"version", "primary", "guardrails", "min_positives", "min_negatives",
                          "min_calibration_support", "min_cell_support", "max_flip_rate",
                          "min_reviewed_pairs", "min_agreement", "privacy_k",
                          "regression_threshold", "attestations", "max_refusal_gap",
                          "min_answer_ratio", "min_refusal_support", "max_lpbs",
                          "max_categorical_bias", "min_llm_families"}));
    Contract c;
    if (const auto it = j.find("version"); it != j.end()) {
        if (it->is_number_integer())
            c.version = std::to_string(it->get<std::int64_t>());
        else
            CP_TRY(r.string(j, "version", path, c.version, true));
    }
    if (const auto it = j.find("primary"); it != j.end()) {
        auto g = parseGapLimit(r, *it, path + "/primary");
        if (!g)
            return g.error();
        c.primary = *g;
    }
    if (const auto it = j.find("guardrails"); it != j.end()) {
        if (!it->is_array())
            return r.error(path + "/guardrails", "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto g = parseGapLimit(r, (*it)[i], path + "/guardrails/" + std::to_string(i));
            if (!g)
                return g.error();
            c.guardrails.push_back(*g);
        }
    }
    CP_TRY(r.count(j, "min_positives", path, c.minPositives));
    CP_TRY(r.count(j, "min_negatives", path, c.minNegatives));
    CP_TRY(r.count(j, "min_calibration_support", path, c.minCalibrationSupport));
    if (j.contains("min_cell_support")) {
        std::int64_t v = 0;
        CP_TRY(r.count(j, "min_cell_support", path, v));
        c.minCellSupport = v;
    }
    CP_TRY(r.number(j, "max_flip_rate", path, c.maxFlipRate));
    CP_TRY(r.number(j, "max_refusal_gap", path, c.maxRefusalGap));
    if (c.maxRefusalGap && (*c.maxRefusalGap < 0 || *c.maxRefusalGap > 1))
        return r.error(path + "/max_refusal_gap", "must be between 0 and 1 (a rate difference)");
    CP_TRY(r.number(j, "min_answer_ratio", path, c.minAnswerRatio));
    if (c.minAnswerRatio && (*c.minAnswerRatio < 0 || *c.minAnswerRatio > 1))
        return r.error(path + "/min_answer_ratio", "must be between 0 and 1");
    CP_TRY(r.count(j, "min_refusal_support", path, c.minRefusalSupport));
    CP_TRY(r.number(j, "max_lpbs", path, c.maxLpbs));
    if (c.maxLpbs && *c.maxLpbs < 0)
        return r.error(path + "/max_lpbs", "must be >= 0");
    CP_TRY(r.number(j, "max_categorical_bias", path, c.maxCategoricalBias));
    if (c.maxCategoricalBias && *c.maxCategoricalBias < 0)
        return r.error(path + "/max_categorical_bias", "must be >= 0");
    CP_TRY(r.count(j, "min_llm_families", path, c.minLlmFamilies));
    CP_TRY(r.count(j, "min_reviewed_pairs", path, c.minReviewedPairs));
    CP_TRY(r.number(j, "min_agreement", path, c.minAgreement));
    if (c.minAgreement && (*c.minAgreement < -1 || *c.minAgreement > 1))
        return r.error(path + "/min_agreement", "must be between -1 and 1 (Krippendorff's alpha)");
    if (j.contains("privacy_k")) {
        std::int64_t k = 0;
        CP_TRY(r.count(j, "privacy_k", path, k));
        c.privacyK = k;
    }
    std::optional<double> regression;
    CP_TRY(r.number(j, "regression_threshold", path, regression));
    if (regression) {
        if (*regression < 0)
            return r.error(path + "/regression_threshold", "must be >= 0");
        c.regressionThreshold = *regression;
    }
    if (const auto it = j.find("attestations"); it != j.end()) {
        if (!it->is_array())
            return r.error(path + "/attestations", "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string p = path + "/attestations/" + std::to_string(i);
            const json &a = (*it)[i];
            Attestation att;
            if (a.is_string()) {
                att.name = a.get<std::string>();
            } else {
                CP_TRY(r.checkObject(a, p, {"name", "done", "by", "date"}));
                CP_TRY(r.string(a, "name", p, att.name, true));
                if (const auto d = a.find("done"); d != a.end()) {
                    if (!d->is_boolean())
                        return r.error(p + "/done", "expected true or false");
                    att.done = d->get<bool>();
                }
                CP_TRY(r.string(a, "by", p, att.by, false));
                CP_TRY(r.string(a, "date", p, att.date, false));
            }
            c.attestations.push_back(att);
        }
    }
    return c;
}

} // namespace

Result<AuditSpec> parseAuditSpec(const json &j, const std::string &source)
{
    const SpecReader r(source);
    CP_TRY(r.checkObject(j, "",
                         {"name", "family", "protected", "strata", "y_true", "prediction",
                          "outcomes", "stages", "score_bands", "intersections", "contract",
                          "reviews", "description", "llm"}));
    AuditSpec spec;
    CP_TRY(r.string(j, "name", "", spec.name, false));
    if (j.contains("family")) {
        std::string f;
        CP_TRY(r.string(j, "family", "", f, true));
        spec.familyColumn = f;
    }

    std::set<std::string> names;
    auto attributes = [&](const char *key, std::vector<AttributeSpec> &out,
                          bool isProtected) -> std::optional<Error> {
        const auto it = j.find(key);
        if (it == j.end())
            return std::nullopt;
        if (!it->is_array())
            return r.error(std::string("/") + key, "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string p = std::string("/") + key + "/" + std::to_string(i);
            auto a = parseAttribute(r, (*it)[i], p, isProtected);
            if (!a)
                return a.error();
            if (!names.insert(a->name).second)
                return r.error(p + "/name", "the name '" + a->name + "' is used twice");
            out.push_back(*a);
        }
        return std::nullopt;
    };
    CP_TRY(attributes("protected", spec.protectedAttributes, true));
    CP_TRY(attributes("strata", spec.strata, false));
    if (spec.protectedAttributes.empty())
        return r.error("/protected", "name at least one protected attribute");

    if (const auto it = j.find("y_true"); it != j.end()) {
        TruthSpec t;
        if (it->is_string()) {
            t.column = it->get<std::string>();
        } else {
            CP_TRY(r.checkObject(*it, "/y_true", {"column", "positive", "negative"}));
            CP_TRY(r.string(*it, "column", "/y_true", t.column, true));
            CP_TRY(r.strings(*it, "positive", "/y_true", t.positive));
            CP_TRY(r.strings(*it, "negative", "/y_true", t.negative));
        }
        for (const auto &p : t.positive)
            if (std::find(t.negative.begin(), t.negative.end(), p) != t.negative.end())
                return r.error("/y_true", "'" + p + "' is listed as positive and as negative");
        spec.truth = t;
    }

    const auto pred = j.find("prediction");
    if (pred == j.end())
        return r.error("/prediction", "required: a score with a threshold, or a label column");
    CP_TRY(r.checkObject(*pred, "/prediction",
                         {"stage", "score", "threshold", "column", "favourable"}));
    CP_TRY(r.string(*pred, "stage", "/prediction", spec.prediction.stage, false));
    if (pred->contains("score")) {
        std::string s;
        CP_TRY(r.string(*pred, "score", "/prediction", s, true));
        spec.prediction.scoreColumn = s;
    }
    CP_TRY(r.number(*pred, "threshold", "/prediction", spec.prediction.threshold));
    if (pred->contains("column")) {
        std::string s;
        CP_TRY(r.string(*pred, "column", "/prediction", s, true));
        spec.prediction.labelColumn = s;
        CP_TRY(r.strings(*pred, "favourable", "/prediction", spec.prediction.favourableValues));
        if (spec.prediction.favourableValues.empty())
            return r.error("/prediction/favourable", "required with a prediction column");
    }
    if (spec.prediction.labelColumn && spec.prediction.threshold)
        return r.error("/prediction", "give either a threshold (for the score) or a label "
                                      "column, not both");
    if (!spec.prediction.labelColumn && !(spec.prediction.scoreColumn && spec.prediction.threshold))
        return r.error("/prediction", "give a score column with a threshold, or a label column "
                                      "with its favourable value");

    if (const auto it = j.find("outcomes"); it != j.end()) {
        CP_TRY(r.checkObject(*it, "/outcomes", {"favourable", "unfavourable"}));
        CP_TRY(r.string(*it, "favourable", "/outcomes", spec.outcomes.favourable, false));
        CP_TRY(r.string(*it, "unfavourable", "/outcomes", spec.outcomes.unfavourable, false));
    }

    if (const auto it = j.find("stages"); it != j.end()) {
        if (!it->is_array())
            return r.error("/stages", "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string p = "/stages/" + std::to_string(i);
            StageSpec s;
            CP_TRY(r.checkObject((*it)[i], p, {"name", "column", "pass", "fail_outcome"}));
            CP_TRY(r.string((*it)[i], "name", p, s.name, true));
            s.column = s.name;
            CP_TRY(r.string((*it)[i], "column", p, s.column, false));
            CP_TRY(r.strings((*it)[i], "pass", p, s.passValues));
            if ((*it)[i].contains("fail_outcome")) {
                std::string o;
                CP_TRY(r.string((*it)[i], "fail_outcome", p, o, true));
                if (s.passValues.empty())
                    return r.error(p + "/fail_outcome", "needs the 'pass' values of the stage");
                s.failOutcome = o;
            }
            if (s.name == spec.prediction.stage)
                return r.error(p + "/name", "'" + s.name + "' is the prediction's own stage");
            spec.stages.push_back(s);
        }
    }

    if (const auto it = j.find("score_bands"); it != j.end()) {
        if (!spec.prediction.scoreColumn)
            return r.error("/score_bands", "score bands need a score column in /prediction/score");
        ScoreBands b;
        const json *cuts = &*it;
        if (it->is_object()) {
            CP_TRY(r.checkObject(*it, "/score_bands", {"cuts", "labels"}));
            if (!it->contains("cuts"))
                return r.error("/score_bands/cuts", "required");
            cuts = &(*it)["cuts"];
            CP_TRY(r.strings(*it, "labels", "/score_bands", b.labels));
        }
        if (!cuts->is_array() || cuts->empty())
            return r.error("/score_bands", "expected a list of cut points");
        for (std::size_t i = 0; i < cuts->size(); ++i) {
            if (!(*cuts)[i].is_number())
                return r.error("/score_bands/cuts/" + std::to_string(i), "expected a number");
            b.cuts.push_back((*cuts)[i].get<double>());
            if (i > 0 && b.cuts[i] <= b.cuts[i - 1])
                return r.error("/score_bands/cuts/" + std::to_string(i), "cuts must ascend");
        }
        if (b.labels.empty()) {
            auto fmt = [](double v) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.2f", v);
                return std::string(buf);
            };
            b.labels.push_back("< " + fmt(b.cuts.front()));
            for (std::size_t i = 1; i < b.cuts.size(); ++i)
                b.labels.push_back(fmt(b.cuts[i - 1]) + "-" + fmt(b.cuts[i]));
            b.labels.push_back(">= " + fmt(b.cuts.back()));
        } else if (b.labels.size() != b.cuts.size() + 1) {
            return r.error("/score_bands/labels", "expected " + std::to_string(b.cuts.size() + 1)
                                                      + " labels, one per band");
        }
        spec.scoreBands = b;
    }

    if (const auto it = j.find("intersections"); it != j.end()) {
        if (!it->is_array())
            return r.error("/intersections", "expected a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string p = "/intersections/" + std::to_string(i);
            const json &x = (*it)[i];
            IntersectionSpec s;
            CP_TRY(r.checkObject(x, p, {"dimensions", "population"}));
            CP_TRY(r.strings(x, "dimensions", p, s.dimensions));
            if (s.dimensions.size() < 2)
                return r.error(p + "/dimensions", "name two or more attributes or strata");
            for (std::size_t d = 0; d < s.dimensions.size(); ++d) {
                if (!spec.dimension(s.dimensions[d]))
                    return r.error(p + "/dimensions/" + std::to_string(d),
                                   "'" + s.dimensions[d] + "' is not a protected attribute or "
                                                           "stratum of this spec");
                for (std::size_t e = 0; e < d; ++e)
                    if (s.dimensions[e] == s.dimensions[d])
                        return r.error(p + "/dimensions/" + std::to_string(d), "listed twice");
            }
            std::string pop = "all";
            CP_TRY(r.string(x, "population", p, pop, false));
            if (pop == "all")
                s.population = Population::All;
            else if (pop == "positives")
                s.population = Population::Positives;
            else if (pop == "negatives")
                s.population = Population::Negatives;
            else
                return r.error(p + "/population", "expected all, positives or negatives");
            if (s.population != Population::All && !spec.truth)
                return r.error(p + "/population", "positives/negatives need /y_true");
            spec.intersections.push_back(s);
        }
    }

    if (const auto it = j.find("reviews"); it != j.end()) {
        CP_TRY(r.checkObject(*it, "/reviews", {"consensus", "use"}));
        std::string rule;
        CP_TRY(r.string(*it, "consensus", "/reviews", rule, false));
        if (rule == "unanimous")
            spec.reviews.consensus = ConsensusRule::Unanimous;
        else if (!rule.empty() && rule != "majority")
            return r.error("/reviews/consensus", "expected majority or unanimous");
        if (const auto u = it->find("use"); u != it->end()) {
            if (!u->is_boolean())
                return r.error("/reviews/use", "expected true or false");
            spec.reviews.useReviews = u->get<bool>();
        }
    }

    if (const auto it = j.find("llm"); it != j.end()) {
        const std::string p = "/llm";
        CP_TRY(r.checkObject(*it, p,
                             {"refusal_column", "logprob_column", "reply_column",
                              "embedding_column", "repeat_share_column", "repeat_tie_column", "repeats",
                              "lpbs_scale", "neutral", "mask_words", "mask_columns",
                              "score_parity"}));
        auto column = [&](const char *key, std::optional<std::string> &out) -> std::optional<Error> {
            if (!it->contains(key))
                return std::nullopt;
            std::string v;
            CP_TRY(r.string(*it, key, p, v, true));
            out = v;
            return std::nullopt;
        };
        CP_TRY(column("refusal_column", spec.llm.refusalColumn));
        CP_TRY(column("logprob_column", spec.llm.logprobColumn));
        CP_TRY(column("reply_column", spec.llm.replyColumn));
        CP_TRY(column("embedding_column", spec.llm.embeddingColumn));
        CP_TRY(column("repeat_share_column", spec.llm.repeatShareColumn));
        CP_TRY(column("repeat_tie_column", spec.llm.repeatTieColumn));
        if (spec.llm.repeatTieColumn && !spec.llm.repeatShareColumn)
            return r.error(p + "/repeat_tie_column", "needs repeat_share_column");
        if (it->contains("repeats")) {
            std::int64_t repeats = 0;
            CP_TRY(r.count(*it, "repeats", p, repeats));
            if (repeats < 1 || repeats > 10000)
                return r.error(p + "/repeats", "must be between 1 and 10000");
            spec.llm.repeats = int(repeats);
        }
        std::string scale = "probability";
        CP_TRY(r.string(*it, "lpbs_scale", p, scale, false));
        if (scale == "log")
            spec.llm.lpbsScale = LpbsScale::Log;
        else if (scale != "probability")
            return r.error(p + "/lpbs_scale", "expected probability or log");
        if (const auto n = it->find("neutral"); n != it->end()) {
            if (!n->is_object())
                return r.error(p + "/neutral", "expected an object: attribute → neutral group");
            for (const auto &[attribute, group] : n->items()) {
                if (!group.is_string() || group.get_ref<const std::string &>().empty())
                    return r.error(p + "/neutral/" + attribute, "expected a group name");
                const AttributeSpec *a = nullptr;
                for (const auto &x : spec.protectedAttributes)
                    if (x.name == attribute)
                        a = &x;
                if (!a)
                    return r.error(p + "/neutral/" + attribute,
                                   "'" + attribute + "' is not a protected attribute of this spec");
                const std::string &g = group.get_ref<const std::string &>();
                if (!a->groups.empty()
                    && std::find(a->groups.begin(), a->groups.end(), g) == a->groups.end())
                    return r.error(p + "/neutral/" + attribute,
                                   "'" + g + "' is not a declared group of '" + attribute + "'");
                spec.llm.neutral.emplace_back(attribute, g);
            }
        }
        CP_TRY(r.strings(*it, "mask_words", p, spec.llm.maskWords));
        CP_TRY(r.strings(*it, "mask_columns", p, spec.llm.maskColumns));
        if (const auto sp = it->find("score_parity"); sp != it->end()) {
            if (!sp->is_boolean())
                return r.error(p + "/score_parity", "expected true or false");
            spec.llm.scoreParity = sp->get<bool>();
        }
    }

    if (const auto it = j.find("contract"); it != j.end() && !it->is_null()) {
        auto c = parseContract(r, *it, "/contract");
        if (!c)
            return c.error();
        // A contract that checks nothing would approve anything: refuse it rather than pass it.
        if (!c->primary && c->guardrails.empty() && !c->maxFlipRate && !c->maxRefusalGap
            && !c->minAnswerRatio && !c->maxLpbs && !c->maxCategoricalBias)
            return r.error("/contract", "names no fairness check: give primary, guardrails, "
                                        "max_flip_rate, max_refusal_gap, min_answer_ratio, "
                                        "max_lpbs or max_categorical_bias");
        spec.contract = *c;
    }
    return spec;
}

Result<AuditSpec> parseAuditSpecText(std::string_view text, const std::string &source)
{
    auto j = jsontext::parse(text, source, "invalid JSON: ");
    if (!j)
        return j.error();
    return parseAuditSpec(*j, source);
}

Result<AuditSpec> loadAuditSpec(const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    return parseAuditSpecText(*bytes, path);
}

} // namespace cp
