// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The HTTP JSON scorer: one request per task to a JSON endpoint (libcurl, keep-alive, bounded
// concurrency, retries with backoff), with OpenAI-compatible presets: chat completions for LLM
// judges and embeddings for replies (llama.cpp server, vLLM, Ollama, OpenAI). Key reference:
// core/score/HTTP.md.

#include "scorer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace cp {

/// A parsed HTTP scorer section. Strings keep their `${VAR}` references: environment values
/// are substituted when a run starts and are never stored here, logged or put in an error.
struct HttpScorerConfig {
    enum class Preset { None, OpenAiChat, OpenAiEmbeddings };

    std::string source;                 ///< the file the section came from (for errors)
    std::string path;                   ///< the section's JSON path ("/scorer")
    nlohmann::json section;             ///< the section as given, for storing with a run
    Preset preset = Preset::None;

    std::string url;                    ///< may hold ${VAR} and {{field}} (URL-encoded)
    std::string method = "POST";        ///< GET, POST, PUT or PATCH
    std::vector<std::pair<std::string, std::string>> headers;   ///< values may hold ${VAR}
    /// The request body template ({{field}} inside strings). Absent (null) with POST: an
    /// object of the request id ("id") and the cells of `fields` (all columns when empty).
    nlohmann::json body;
    std::vector<std::string> fields;    ///< the columns requests may use (empty: any column)

    /// JSON pointers into the response (plain endpoint; empty = not read).
    std::string scorePointer, labelPointer, refusedPointer, textPointer;

    /// openai_chat preset: the body is built from these, the reply read from
    /// /choices/0/message/content.
    std::string model, system, prompt;
    double temperature = 0;
    int maxTokens = 16;
    std::string scoreRegex, labelRegex, refusalRegex;   ///< "(?i)" prefix: ignore case
    std::optional<std::string> logprobToken;
    /// openai_embeddings preset: the text to embed ({{field}}), sent as "input"; the vector read
    /// from /data/0/embedding. dimensions: asked for when set (models that can shorten).
    std::string input;
    std::optional<int> dimensions;
    std::optional<double> priceInputPer1k, priceOutputPer1k;

    int concurrency = 8;                ///< transfers in flight
    int timeoutMs = 30000;              ///< per attempt
    int retries = 5;                    ///< extra attempts after 429, 5xx, connection errors
    int maxFailures = 20;               ///< consecutive failed tasks that stop the run
};

/// Parses an HTTP scorer section (plain endpoint, {"preset": "openai_chat", …} or
/// {"preset": "openai_embeddings", …}). Errors
/// are Schema errors naming `source` and the JSON path under `path` ("/scorer/url").
Result<HttpScorerConfig> parseHttpScorerConfig(const nlohmann::json &section,
                                               const std::string &source,
                                               const std::string &path);

/// A scorer sending one request per task. run() checks the placeholders against the rows'
/// columns and resolves ${VAR} from the environment before the first request.
std::unique_ptr<Scorer> makeHttpScorer(HttpScorerConfig config);

/// What a run would cost, shown before it starts. Token counts (characters / 4 of the rendered
/// prompts; max_tokens per reply) and cost are set for the presets only (output tokens not for
/// embeddings, which give none); cost only when a price is configured.
struct HttpEstimate {
    std::int64_t requests = 0;
    std::optional<std::int64_t> inputTokens, outputTokens;
    std::optional<double> cost;
};

HttpEstimate estimateHttpRun(const HttpScorerConfig &config, const ScoreRows &rows,
                             std::span<const ScoreTask> tasks);

} // namespace cp
