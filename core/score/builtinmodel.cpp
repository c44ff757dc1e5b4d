// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "builtinmodel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

namespace cp {

namespace {

Error configError(const std::string &source, const std::string &path, const std::string &message)
{
    return Error{ErrorCode::Schema, source, 0, path, message};
}

/// {"name": number, …} into pairs; errors at path/name.
Result<std::vector<std::pair<std::string, double>>> weightMap(const nlohmann::json &j,
                                                              const std::string &source,
                                                              const std::string &path)
{
    if (!j.is_object())
        return configError(source, path, "expected an object of name → weight");
    std::vector<std::pair<std::string, double>> out;
    for (const auto &item : j.items()) {
        if (!item.value().is_number() || !std::isfinite(item.value().get<double>()))
            return configError(source, path + "/" + item.key(), "expected a number");
        out.emplace_back(item.key(), item.value().get<double>());
    }
    return out;
}

bool isWordByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '\''
           || u >= 0x80;
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

class BuiltinModel : public Scorer
{
public:
    explicit BuiltinModel(BuiltinModelConfig config) : m_config(std::move(config)) {}

    Status run(const ScoreRows &rows, std::span<const ScoreTask> tasks, const ScoreSink &sink,
               const ScoreLog &, const Progress &progress) override
    {
        if (auto s = bind(rows); !s)
            return s;
        std::vector<std::string_view> cells;
        std::string scratch;
        for (std::size_t t = 0; t < tasks.size(); ++t) {
            if ((t & 4095) == 0) {
                if (progress.isCancelled())
                    return Error{ErrorCode::Cancelled, {}, 0, {}, "scoring cancelled"};
                progress.report(std::int64_t(t), std::int64_t(tasks.size()));
            }
            rows.cells(tasks[t].row, cells, scratch);
            ScoreResult result = score(cells);
            if (auto s = sink(t, std::move(result)); !s)
                return s;
        }
        progress.report(std::int64_t(tasks.size()), std::int64_t(tasks.size()));
        return Ok{};
    }

private:
    struct Keyword {
        std::string word;   // lower case
        double weight;
    };
    struct KeywordField {
        std::size_t column;
        std::array<std::vector<Keyword>, 256> byFirst;  // keywords by their first byte
    };
    struct CategoricalField {
        std::size_t column;
        std::string name;
        std::unordered_map<std::string_view, double> weights;
    };

    /// Resolves field names to columns once per run.
    Status bind(const ScoreRows &rows)
    {
        const auto &columns = rows.columns();
        auto find = [&](const std::string &name, const char *what) -> Result<std::size_t> {
            for (std::size_t i = 0; i < columns.size(); ++i)
                if (columns[i] == name)
                    return i;
            return Error{ErrorCode::Schema, {}, 0, name,
                         std::string("the model's ") + what + " field '" + name
                             + "' is not a column of the probe set"};
        };
        m_numeric.clear();
        m_categorical.clear();
        m_keywords.clear();
        for (const auto &[name, weight] : m_config.numeric) {
            auto c = find(name, "numeric");
            if (!c)
                return c.error();
            m_numeric.push_back({*c, name, weight});
        }
        for (const auto &[name, values] : m_config.categorical) {
            auto c = find(name, "categorical");
            if (!c)
                return c.error();
            CategoricalField f{*c, name, {}};
            for (const auto &[value, weight] : values)
                f.weights[value] = weight;
            m_categorical.push_back(std::move(f));
        }
        for (const auto &[name, words] : m_config.keywords) {
            auto c = find(name, "keyword");
            if (!c)
                return c.error();
            auto f = std::make_unique<KeywordField>();
            f->column = *c;
            for (const auto &[word, weight] : words) {
                std::string w;
                for (char ch : word)
                    w += lower(ch);
                if (!w.empty())
                    f->byFirst[static_cast<unsigned char>(w[0])].push_back({w, weight});
            }
            m_keywords.push_back(std::move(f));
        }
        return Ok{};
    }

    static double keywordSum(const KeywordField &f, std::string_view text)
    {
        double sum = 0;
        std::size_t i = 0;
        const std::size_t n = text.size();
        while (i < n) {
            while (i < n && !isWordByte(text[i]))
                ++i;
            const std::size_t start = i;
            while (i < n && isWordByte(text[i]))
                ++i;
            if (i == start)
                break;
            const auto &candidates = f.byFirst[static_cast<unsigned char>(lower(text[start]))];
            for (const Keyword &k : candidates) {
                if (k.word.size() != i - start)
                    continue;
                bool same = true;
                for (std::size_t j = 1; j < k.word.size() && same; ++j)
                    same = lower(text[start + j]) == k.word[j];
                if (same)
                    sum += k.weight;
            }
        }
        return sum;
    }

    ScoreResult score(const std::vector<std::string_view> &cells) const
    {
        ScoreResult r;
        double z = m_config.intercept;
        for (const auto &n : m_numeric) {
            const std::string_view v = cells[n.column];
            double x = 0;
            const auto parsed = std::from_chars(v.data(), v.data() + v.size(), x);
            if (v.empty() || parsed.ec != std::errc() || parsed.ptr != v.data() + v.size()) {
                r.error = "field '" + n.name + "' is not a number: '" + std::string(v) + "'";
                return r;
            }
            z += x * n.weight;
        }
        for (const auto &c : m_categorical) {
            const auto it = c.weights.find(cells[c.column]);
            if (it != c.weights.end())
                z += it->second;
        }
        for (const auto &k : m_keywords)
            z += keywordSum(*k, cells[k->column]);
        const double score = m_config.link == BuiltinModelConfig::Link::Logistic
                                 ? 1.0 / (1.0 + std::exp(-z))
                                 : z;
        r.score = score;
        r.label = score >= m_config.threshold ? m_config.labels.second : m_config.labels.first;
        return r;
    }

    struct NumericField {
        std::size_t column;
        std::string name;
        double weight;
    };

    BuiltinModelConfig m_config;
    std::vector<NumericField> m_numeric;
    std::vector<CategoricalField> m_categorical;
    std::vector<std::unique_ptr<KeywordField>> m_keywords;
};

} // namespace

Result<BuiltinModelConfig> parseBuiltinModelConfig(const nlohmann::json &j,
                                                   const std::string &source,
                                                   const std::string &path)
{
    if (!j.is_object())
        return configError(source, path, "expected an object");
    static const char *Allowed[] = {"link",     "intercept", "numeric", "categorical",
                                    "keywords", "threshold", "labels"};
    for (const auto &item : j.items())
        if (std::none_of(std::begin(Allowed), std::end(Allowed),
                         [&](const char *a) { return item.key() == a; }))
            return configError(source, path + "/" + item.key(),
                               "unknown key (allowed: link, intercept, numeric, categorical, "
                               "keywords, threshold, labels)");
    BuiltinModelConfig c;
    if (const auto it = j.find("link"); it != j.end()) {
        const std::string link = it->is_string() ? it->get<std::string>() : std::string();
        if (link == "logistic")
            c.link = BuiltinModelConfig::Link::Logistic;
        else if (link == "linear")
            c.link = BuiltinModelConfig::Link::Linear;
        else
            return configError(source, path + "/link", "expected \"logistic\" or \"linear\"");
    }
    for (const char *key : {"intercept", "threshold"}) {
        const auto it = j.find(key);
        if (it == j.end())
            continue;
        if (!it->is_number())
            return configError(source, path + "/" + key, "expected a number");
        (std::string(key) == "intercept" ? c.intercept : c.threshold) = it->get<double>();
    }
    if (const auto it = j.find("numeric"); it != j.end()) {
        auto w = weightMap(*it, source, path + "/numeric");
        if (!w)
            return w.error();
        c.numeric = std::move(*w);
    }
    for (const char *key : {"categorical", "keywords"}) {
        const auto it = j.find(key);
        if (it == j.end())
            continue;
        const std::string p = path + "/" + key;
        if (!it->is_object())
            return configError(source, p, "expected an object of field → {value: weight}");
        for (const auto &item : it->items()) {
            auto w = weightMap(item.value(), source, p + "/" + item.key());
            if (!w)
                return w.error();
            (std::string(key) == "categorical" ? c.categorical : c.keywords)
                .emplace_back(item.key(), std::move(*w));
        }
    }
    if (const auto it = j.find("labels"); it != j.end()) {
        if (!it->is_array() || it->size() != 2 || !(*it)[0].is_string() || !(*it)[1].is_string())
            return configError(source, path + "/labels",
                               "expected two labels: [below threshold, at or above]");
        c.labels = {(*it)[0].get<std::string>(), (*it)[1].get<std::string>()};
    }
    if (c.numeric.empty() && c.categorical.empty() && c.keywords.empty())
        return configError(source, path, "the model has no weights (numeric, categorical or "
                                         "keywords)");
    return c;
}

std::unique_ptr<Scorer> makeBuiltinModel(BuiltinModelConfig config)
{
    return std::make_unique<BuiltinModel>(std::move(config));
}

} // namespace cp
