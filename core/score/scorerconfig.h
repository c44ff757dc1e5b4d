// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "scorer.h"

#include <core/store/scorestore.h>

#include <nlohmann/json.hpp>

#include <memory>

namespace cp {

/// A scorer as configured: which model, which version, and how to reach it.
///
///   {"name": "hiring-biased", "version": "1", "kind": "builtin"|"command"|"http"|"predictions",
///    "repeats": 1, "description": "…",
///    "<kind>": { the adapter's keys: builtinmodel.h, COMMAND.md, HTTP.md, predictions below }}
///
/// predictions: {"file": "scores.csv", "id": "id", "score": "score", "label": "label",
///               "refused": "refused"} — scores computed elsewhere, joined on the variant id
/// ("<family>:<variant>"); relative files resolve against the config's folder.
struct ScorerConfig {
    std::string name;
    std::string version;
    std::string kind;
    std::string description;
    int repeats = 1;
    nlohmann::json section;     ///< the kind's object
    std::string json;           ///< the whole config, compact, keys sorted: what is stored
    std::string sha256;         ///< of json: the config hash runs and trust refer to
    std::string source;         ///< file name for errors
    std::string baseDir;        ///< folder relative paths resolve against

    /// Command and HTTP scorers run code or reach the network: they need the user's trust.
    bool needsTrust() const;
    /// An embeddings scorer (the openai_embeddings preset): its answers are vectors, not
    /// outcomes; the audit of the run whose replies it embedded reads them.
    bool producesEmbeddings() const;
};

/// Parses a scorer config. Errors name the source and the JSON path.
Result<ScorerConfig> parseScorerConfig(std::string_view text, const std::string &source,
                                       const std::string &baseDir);
Result<ScorerConfig> loadScorerConfig(const std::string &path);

/// Stores the config in a project as a model record (see addModel in core/store/scorestore.h).
Result<ModelRecord> addModel(ProjectStore &store, const ScorerConfig &config);

/// The adapter for a config (its section is checked here; errors name the JSON path).
Result<std::unique_ptr<Scorer>> makeScorer(const ScorerConfig &config);

/// The predictions-file adapter: reads the file when run and joins on request ids. Ids with no
/// prediction are row errors; ids in the file that match no variant are counted in the log.
Result<std::unique_ptr<Scorer>> makePredictionsScorer(const nlohmann::json &section,
                                                      const std::string &source,
                                                      const std::string &baseDir);

} // namespace cp
