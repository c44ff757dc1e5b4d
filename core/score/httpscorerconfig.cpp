// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "httpscorer.h"
#include "httpscorer_p.h"

namespace cp {

using namespace httpdetail;

// Parsing the scorer section (errors name the JSON path) and the pre-run estimate.

namespace {

class ConfigReader
{
public:
    ConfigReader(const json &section, const std::string &source, const std::string &path)
        : m_section(section), m_source(source), m_path(path)
    {}

    Error error(const std::string &key, std::string message) const
    {
        return Error{ErrorCode::Schema, m_source, 0, m_path + (key.empty() ? "" : "/" + key),
                     std::move(message)};
    }
    const json *find(const char *key) const
    {
        const auto it = m_section.find(key);
        return it == m_section.end() ? nullptr : &*it;
    }
    std::optional<Error> string(const char *key, std::string &out, bool required = false) const
    {
        const json *j = find(key);
        if (!j)
            return required ? std::optional(error(key, "missing (expected a string)"))
                            : std::nullopt;
        if (!j->is_string())
            return error(key, "expected a string, found " + utf8::printable(jsontext::dump(*j)));
        out = j->get<std::string>();
        if (required && out.empty())
            return error(key, "must not be empty");
        return std::nullopt;
    }
    std::optional<Error> integer(const char *key, int &out, int min, int max) const
    {
        const json *j = find(key);
        if (!j)
            return std::nullopt;
        if (!j->is_number_integer() || j->get<std::int64_t>() < min
            || j->get<std::int64_t>() > max)
            return error(key, "expected a whole number from " + std::to_string(min) + " to "
                                  + std::to_string(max) + ", found " + utf8::printable(jsontext::dump(*j)));
        out = j->get<int>();
        return std::nullopt;
    }
    std::optional<Error> number(const json &parent, const char *key, const std::string &where,
                                std::optional<double> &out) const
    {
        const auto it = parent.find(key);
        if (it == parent.end())
            return std::nullopt;
        if (!it->is_number() || it->get<double>() < 0)
            return error(where + key, "expected a number ≥ 0, found " + utf8::printable(jsontext::dump(*it)));
        out = it->get<double>();
        return std::nullopt;
    }
    std::optional<Error> pointer(const char *key, std::string &out) const
    {
        if (auto e = string(key, out))
            return e;
        try {
            json::json_pointer p(out);
        } catch (const json::exception &) {
            return error(key, "not a JSON pointer: '" + out + "' (expected e.g. \"/score\")");
        }
        return std::nullopt;
    }
    std::optional<Error> regex(const char *key, std::string &out) const
    {
        if (auto e = string(key, out))
            return e;
        try {
            compileRegex(out);
        } catch (const std::regex_error &e) {
            return error(key, "not a valid regular expression: " + std::string(e.what()));
        }
        return std::nullopt;
    }
    std::optional<Error> onlyKeys(std::initializer_list<const char *> keys) const
    {
        for (const auto &item : m_section.items()) {
            const std::string &key = item.key();
            if (std::none_of(keys.begin(), keys.end(), [&](const char *k) { return key == k; }))
                return error(key, "unknown key");
        }
        return std::nullopt;
    }

private:
    const json &m_section;
    const std::string &m_source;
    const std::string &m_path;
};

bool looksSecret(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) {
        return char(std::tolower(ch));
    });
    return name.find("authorization") != std::string::npos
        || name.find("key") != std::string::npos || name.find("token") != std::string::npos
        || name.find("secret") != std::string::npos;
}

} // namespace

Result<HttpScorerConfig> parseHttpScorerConfig(const nlohmann::json &section,
                                               const std::string &source,
                                               const std::string &path)
{
    HttpScorerConfig c;
    c.source = source;
    c.path = path;
    c.section = section;
    const ConfigReader r(section, source, path);
    if (!section.is_object())
        return r.error({}, "expected an object with \"url\" (or a \"preset\")");

    std::string preset;
    if (auto e = r.string("preset", preset))
        return *e;
    if (!preset.empty() && preset != "openai_chat" && preset != "openai_embeddings")
        return r.error("preset", "unknown preset '" + preset
                                     + "' (known: openai_chat, openai_embeddings)");
    c.preset = preset.empty()            ? HttpScorerConfig::Preset::None
               : preset == "openai_chat" ? HttpScorerConfig::Preset::OpenAiChat
                                         : HttpScorerConfig::Preset::OpenAiEmbeddings;
    const bool chat = c.preset == HttpScorerConfig::Preset::OpenAiChat;
    const bool embeddings = c.preset == HttpScorerConfig::Preset::OpenAiEmbeddings;
    if (auto e = chat ? r.onlyKeys({"type", "name", "preset", "url", "headers", "model",
                                    "system", "prompt", "temperature", "max_tokens",
                                    "score_regex", "label_regex", "refusal_regex", "logprobs",
                                    "price", "concurrency", "timeout_ms", "retries",
                                    "max_failures", "fields"})
                 : embeddings
                     ? r.onlyKeys({"type", "name", "preset", "url", "headers", "model", "input",
                                   "dimensions", "price", "concurrency", "timeout_ms", "retries",
                                   "max_failures", "fields"})
                     : r.onlyKeys({"type", "name", "url", "method", "headers", "body", "score",
                                   "label", "refused", "text", "concurrency", "timeout_ms",
                                   "retries", "max_failures", "fields"}))
        return *e;

    if (auto e = r.string("url", c.url, true))
        return *e;
    if (c.url.rfind("http://", 0) != 0 && c.url.rfind("https://", 0) != 0)
        return r.error("url", "expected an http:// or https:// URL, found '" + c.url + "'");
    if (!forEachVariable(c.url, [](auto &&...) {}))
        return r.error("url", "malformed ${NAME} reference");
    const std::size_t hostStart = c.url.find("://") + 3;
    const std::size_t userEnd = c.url.find('@', hostStart);
    if (userEnd != std::string::npos && userEnd < c.url.find('/', hostStart)
        && c.url.find("${", hostStart) > userEnd)
        return r.error("url", "credentials in the URL must come from the environment "
                              "(write ${NAME})");

    if (const json *h = r.find("headers")) {
        if (!h->is_object())
            return r.error("headers", "expected an object of header names to strings");
        for (const auto &[name, value] : h->items()) {
            const std::string key = "headers/" + pointerToken(name);
            if (!value.is_string())
                return r.error(key, "expected a string, found " + utf8::printable(jsontext::dump(value)));
            const auto &v = value.get_ref<const std::string &>();
            if (name.empty() || name.find_first_of(": \r\n") != std::string::npos
                || v.find_first_of("\r\n") != std::string::npos)
                return r.error(key, "not a valid header");
            if (!forEachVariable(v, [](auto &&...) {}))
                return r.error(key, "malformed ${NAME} reference");
            if (looksSecret(name) && v.find("${") == std::string::npos)
                return r.error(key, "a secret must come from the environment: write "
                                    "\"Bearer ${API_KEY}\", never the key itself");
            c.headers.emplace_back(name, v);
        }
    }
    if (const json *f = r.find("fields")) {
        if (!f->is_array() || !std::all_of(f->begin(), f->end(), [](auto &x) {
                return x.is_string();
            }))
            return r.error("fields", "expected an array of column names");
        c.fields = f->get<std::vector<std::string>>();
    }
    if (auto e = r.integer("concurrency", c.concurrency, 1, 1024))
        return *e;
    if (auto e = r.integer("timeout_ms", c.timeoutMs, 1, 3600000))
        return *e;
    if (auto e = r.integer("retries", c.retries, 0, 100))
        return *e;
    if (auto e = r.integer("max_failures", c.maxFailures, 1, 1000000000))
        return *e;

    const auto readPrice = [&](bool withOutput) -> std::optional<Error> {
        const json *p = r.find("price");
        if (!p)
            return std::nullopt;
        const std::string shape = withOutput
                                      ? "expected {\"input_per_1k\": …, \"output_per_1k\": …}"
                                      : "expected {\"input_per_1k\": …}";
        if (!p->is_object())
            return r.error("price", shape);
        for (const auto &[key, value] : p->items())
            if (key != "input_per_1k" && (key != "output_per_1k" || !withOutput))
                return r.error("price/" + pointerToken(key), "unknown key");
        if (auto e = r.number(*p, "input_per_1k", "price/", c.priceInputPer1k))
            return e;
        if (withOutput)
            if (auto e = r.number(*p, "output_per_1k", "price/", c.priceOutputPer1k))
                return e;
        return std::nullopt;
    };
    if (embeddings) {
        if (auto e = r.string("model", c.model, true))
            return *e;
        if (auto e = r.string("input", c.input, true))
            return *e;
        if (r.find("dimensions")) {
            int d = 0;
            if (auto e = r.integer("dimensions", d, 1, 65536))
                return *e;
            c.dimensions = d;
        }
        if (auto e = readPrice(false))
            return *e;
    } else if (chat) {
        if (auto e = r.string("model", c.model, true))
            return *e;
        if (auto e = r.string("system", c.system))
            return *e;
        if (auto e = r.string("prompt", c.prompt, true))
            return *e;
        if (const json *t = r.find("temperature")) {
            if (!t->is_number() || t->get<double>() < 0)
                return r.error("temperature", "expected a number ≥ 0, found " + utf8::printable(jsontext::dump(*t)));
            c.temperature = t->get<double>();
        }
        if (auto e = r.integer("max_tokens", c.maxTokens, 1, 1000000))
            return *e;
        for (auto [key, out] : {std::pair{"score_regex", &c.scoreRegex},
                                {"label_regex", &c.labelRegex},
                                {"refusal_regex", &c.refusalRegex}})
            if (auto e = r.regex(key, *out))
                return *e;
        if (const json *l = r.find("logprobs")) {
            const auto token = l->is_object() ? l->find("token") : l->end();
            if (!l->is_object() || l->size() != 1 || token == l->end() || !token->is_string()
                || trimmed(token->get_ref<const std::string &>()).empty())
                return r.error("logprobs", "expected {\"token\": \"Yes\"}");
            c.logprobToken = std::string(trimmed(token->get_ref<const std::string &>()));
        }
        if (auto e = readPrice(true))
            return *e;
    } else {
        if (auto e = r.string("method", c.method))
            return *e;
        std::transform(c.method.begin(), c.method.end(), c.method.begin(),
                       [](unsigned char ch) { return char(std::toupper(ch)); });
        if (c.method != "GET" && c.method != "POST" && c.method != "PUT" && c.method != "PATCH")
            return r.error("method", "expected GET, POST, PUT or PATCH, found '" + c.method + "'");
        if (const json *b = r.find("body")) {
            if (c.method == "GET")
                return r.error("body", "a GET request has no body");
            c.body = *b;
        }
        for (auto [key, out] : {std::pair{"score", &c.scorePointer}, {"label", &c.labelPointer},
                                {"refused", &c.refusedPointer}, {"text", &c.textPointer}})
            if (auto e = r.pointer(key, *out))
                return *e;
        if (c.scorePointer.empty() && c.labelPointer.empty())
            return r.error("score", "missing: give \"score\" or \"label\", a JSON pointer "
                                    "into the response");
    }
    if (!c.fields.empty())
        for (const Site &s : placeholderSites(c))
            if (s.field != RequestIdField
                && std::find(c.fields.begin(), c.fields.end(), s.field) == c.fields.end())
                return Error{ErrorCode::Schema, source, 0, s.path,
                             "unknown field {{" + s.field + "}}: not in \"fields\""};
    return c;
}

HttpEstimate estimateHttpRun(const HttpScorerConfig &config, const ScoreRows &rows,
                             std::span<const ScoreTask> tasks)
{
    HttpEstimate e;
    e.requests = std::int64_t(tasks.size());
    if (config.preset == HttpScorerConfig::Preset::None)
        return e;
    const bool chat = config.preset == HttpScorerConfig::Preset::OpenAiChat;
    Template text;
    if (chat) {
        text.addText(config.system, rows.columns());
        text.addText(config.prompt, rows.columns());
    } else {
        text.addText(config.input, rows.columns());
    }
    std::vector<std::string_view> cells;
    std::string scratch;
    std::int64_t input = 0;
    for (const ScoreTask &t : tasks) {
        rows.cells(t.row, cells, scratch);
        std::size_t chars = 0;
        for (const auto &p : text.pieces)
            chars += p.literal.size() + (p.column >= 0 ? cells[std::size_t(p.column)].size()
                                         : p.column == -1 ? requestId(rows, t).size()
                                                          : 0);
        input += std::int64_t((chars + 3) / 4);
    }
    e.inputTokens = input;
    if (chat)
        e.outputTokens = std::int64_t(config.maxTokens) * e.requests;
    if (config.priceInputPer1k || config.priceOutputPer1k)
        e.cost = double(input) / 1000 * config.priceInputPer1k.value_or(0)
            + double(e.outputTokens.value_or(0)) / 1000 * config.priceOutputPer1k.value_or(0);
    return e;
}

} // namespace cp
