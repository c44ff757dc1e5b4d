// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scorerconfig.h"

#include "trust.h"

#include <core/common/jsontext.h>
#include <core/common/sha256.h>
#include <core/common/utf8.h>
#include <core/table/tablereader.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

namespace cp {

namespace {

Error configError(const std::string &source, const std::string &path, const std::string &message)
{
    return Error{ErrorCode::Schema, source, 0, path, message};
}

std::string resolve(const std::string &baseDir, const std::string &file)
{
    const std::filesystem::path p(file);
    if (p.is_absolute() || baseDir.empty())
        return file;
    return (std::filesystem::path(baseDir) / p).lexically_normal().string();
}

class PredictionsScorer : public Scorer
{
public:
    PredictionsScorer(std::string file, std::string source, std::string idColumn,
                      std::string scoreColumn, std::string labelColumn, std::string refusedColumn)
        : m_file(std::move(file)), m_source(std::move(source)), m_id(std::move(idColumn)),
          m_score(std::move(scoreColumn)), m_label(std::move(labelColumn)),
          m_refused(std::move(refusedColumn))
    {}

    Status run(const ScoreRows &rows, std::span<const ScoreTask> tasks, const ScoreSink &sink,
               const ScoreLog &log, const Progress &progress) override
    {
        auto bytes = readFileBytes(m_file);
        if (!bytes)
            return bytes.error();
        const TableFormat format = formatForPath(m_file);
        std::vector<ColumnRequest> request{{m_id, ColumnKind::Categorical}};
        if (!m_score.empty())
            request.push_back({m_score, ColumnKind::Numeric});
        if (!m_label.empty())
            request.push_back({m_label, ColumnKind::Categorical});
        if (!m_refused.empty())
            request.push_back({m_refused, ColumnKind::Categorical});
        auto table = readTable(*bytes, format, m_file, request);
        if (!table)
            return table.error();
        const CategoricalColumn *ids = table->categoricalColumn(m_id);
        const NumericColumn *scores = m_score.empty() ? nullptr : table->numericColumn(m_score);
        const CategoricalColumn *labels =
            m_label.empty() ? nullptr : table->categoricalColumn(m_label);
        const CategoricalColumn *refused =
            m_refused.empty() ? nullptr : table->categoricalColumn(m_refused);
        // id level → file row; a repeated id is an error naming both lines.
        std::vector<std::int64_t> rowOfLevel(ids->levels().size(), -1);
        for (std::int64_t r = 0; r < table->rowCount; ++r) {
            const std::uint32_t code = ids->code(std::size_t(r));
            if (code == CategoricalColumn::Missing)
                return Error{ErrorCode::Schema, m_file, table->lineOfRow(r), m_id, "empty id"};
            if (rowOfLevel[code] >= 0)
                return Error{ErrorCode::Schema, m_file, table->lineOfRow(r), m_id,
                             "id '" + ids->levels()[code] + "' already given on line "
                                 + std::to_string(table->lineOfRow(rowOfLevel[code]))};
            rowOfLevel[code] = r;
        }
        std::vector<char> used(ids->levels().size(), 0);
        std::int64_t missing = 0;
        for (std::size_t t = 0; t < tasks.size(); ++t) {
            if ((t & 4095) == 0) {
                if (progress.isCancelled())
                    return Error{ErrorCode::Cancelled, {}, 0, {}, "scoring cancelled"};
                progress.report(std::int64_t(t), std::int64_t(tasks.size()));
            }
            const std::string id = requestId(rows, tasks[t]);
            ScoreResult result;
            const std::uint32_t code = ids->find(id);
            if (code == CategoricalColumn::Missing) {
                result.error = "no prediction for id " + utf8::quoted(id) + " in " + m_file;
                ++missing;
            } else {
                used[code] = 1;
                const std::size_t r = std::size_t(rowOfLevel[code]);
                if (scores && !std::isnan(scores->values[r]))
                    result.score = scores->values[r];
                if (labels && labels->code(r) != CategoricalColumn::Missing)
                    result.label = labels->levels()[labels->code(r)];
                if (refused && refused->code(r) != CategoricalColumn::Missing) {
                    const std::string &v = refused->levels()[refused->code(r)];
                    result.refused = v == "true" || v == "1" || v == "yes" || v == "True";
                }
                if (!result.score && result.label.empty() && !result.refused)
                    result.error = "the prediction for id " + utf8::quoted(id) + " (line "
                                   + std::to_string(table->lineOfRow(std::int64_t(r)))
                                   + ") has no score, label or refusal";
            }
            if (auto s = sink(t, std::move(result)); !s)
                return s;
        }
        std::int64_t unknown = 0;
        std::string examples;
        for (std::size_t level = 0; level < used.size(); ++level)
            if (!used[level]) {
                if (++unknown <= 3)
                    examples += (examples.empty() ? "" : ", ") + utf8::quoted(ids->levels()[level]);
            }
        if (missing > 0)
            log(std::to_string(missing) + " variant(s) have no prediction in " + m_file);
        if (unknown > 0)
            log(std::to_string(unknown) + " id(s) in " + m_file + " match no variant of this run ("
                + examples + (unknown > 3 ? ", …)" : ")"));
        progress.report(std::int64_t(tasks.size()), std::int64_t(tasks.size()));
        return Ok{};
    }

private:
    std::string m_file, m_source, m_id, m_score, m_label, m_refused;
};

} // namespace

bool ScorerConfig::needsTrust() const
{
    return kindNeedsTrust(kind);
}

bool ScorerConfig::producesEmbeddings() const
{
    if (kind != "http" || !section.is_object())
        return false;
    const auto preset = section.find("preset");
    return preset != section.end() && preset->is_string()
           && preset->get_ref<const std::string &>() == "openai_embeddings";
}

Result<ScorerConfig> parseScorerConfig(std::string_view text, const std::string &source,
                                       const std::string &baseDir)
{
    auto parsed = jsontext::parse(text, source, "not valid JSON: ");
    if (!parsed)
        return parsed.error();
    nlohmann::json j = std::move(*parsed);
    if (!j.is_object())
        return configError(source, "/", "expected an object");
    ScorerConfig c;
    c.source = source;
    c.baseDir = baseDir;
    static const char *Kinds[] = {"builtin", "command", "http", "predictions"};
    for (const auto &item : j.items()) {
        const std::string &k = item.key();
        const bool known = k == "name" || k == "version" || k == "kind" || k == "repeats"
                           || k == "description"
                           || std::any_of(std::begin(Kinds), std::end(Kinds),
                                          [&](const char *kind) { return k == kind; });
        if (!known)
            return configError(source, "/" + k,
                               "unknown key (allowed: name, version, kind, repeats, description, "
                               "and the kind's section)");
    }
    auto text_ = [&](const char *key, std::string &out, bool required) -> std::optional<Error> {
        const auto it = j.find(key);
        if (it == j.end())
            return required ? std::optional<Error>(configError(source, std::string("/") + key,
                                                               "required"))
                            : std::nullopt;
        if (!it->is_string() || (required && it->get<std::string>().empty()))
            return configError(source, std::string("/") + key, "expected a non-empty string");
        out = it->get<std::string>();
        return std::nullopt;
    };
    if (auto e = text_("name", c.name, true))
        return *e;
    if (auto e = text_("kind", c.kind, true))
        return *e;
    if (auto e = text_("version", c.version, false))
        return *e;
    if (auto e = text_("description", c.description, false))
        return *e;
    if (c.version.empty())
        c.version = "1";
    if (std::none_of(std::begin(Kinds), std::end(Kinds),
                     [&](const char *k) { return c.kind == k; }))
        return configError(source, "/kind",
                           "unknown kind '" + c.kind + "' (builtin, command, http, predictions)");
    if (const auto it = j.find("repeats"); it != j.end()) {
        const auto repeats = jsontext::integerIn(*it, 1, 100);
        if (!repeats)
            return configError(source, "/repeats", "expected a whole number from 1 to 100");
        c.repeats = int(*repeats);
    }
    for (const char *k : Kinds)
        if (k != c.kind && j.contains(k))
            return configError(source, std::string("/") + k,
                               "a section for kind '" + std::string(k) + "' in a '" + c.kind
                                   + "' scorer");
    const auto section = j.find(c.kind);
    if (section == j.end())
        return configError(source, "/" + c.kind, "required for kind '" + c.kind + "'");
    c.section = *section;
    c.json = jsontext::dump(j);
    c.sha256 = Sha256::hex(c.json);
    // Check the section now, so that a bad config is refused when added, not when run.
    if (auto s = makeScorer(c); !s)
        return s.error();
    return c;
}

Result<ScorerConfig> loadScorerConfig(const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    return parseScorerConfig(*bytes, path,
                             std::filesystem::path(path).parent_path().lexically_normal().string());
}

Result<std::unique_ptr<Scorer>> makePredictionsScorer(const nlohmann::json &j,
                                                      const std::string &source,
                                                      const std::string &baseDir)
{
    const std::string path = "/predictions";
    if (!j.is_object())
        return configError(source, path, "expected an object");
    std::string file, id = "id", score = "score", label, refused;
    for (const auto &item : j.items()) {
        const std::string &k = item.key();
        std::string *target = k == "file"      ? &file
                              : k == "id"      ? &id
                              : k == "score"   ? &score
                              : k == "label"   ? &label
                              : k == "refused" ? &refused
                                               : nullptr;
        if (!target)
            return configError(source, path + "/" + k,
                               "unknown key (allowed: file, id, score, label, refused)");
        if (!item.value().is_string())
            return configError(source, path + "/" + k, "expected a string");
        *target = item.value().get<std::string>();
    }
    if (file.empty())
        return configError(source, path + "/file", "required");
    if (id.empty())
        return configError(source, path + "/id", "expected a column name");
    return std::unique_ptr<Scorer>(std::make_unique<PredictionsScorer>(
        resolve(baseDir, file), source, id, score, label, refused));
}

} // namespace cp

namespace cp {

Result<ModelRecord> addModel(ProjectStore &store, const ScorerConfig &config)
{
    return addModel(store, ModelConfig{config.name, config.version, config.kind, config.json,
                                       config.sha256});
}

} // namespace cp
