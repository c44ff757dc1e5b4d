// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "builtinmodel.h"
#include "commandscorer.h"
#include "httpscorer.h"
#include "scorerconfig.h"

namespace cp {

Result<std::unique_ptr<Scorer>> makeScorer(const ScorerConfig &config)
{
    const std::string path = "/" + config.kind;
    if (config.kind == "builtin") {
        auto c = parseBuiltinModelConfig(config.section, config.source, path);
        if (!c)
            return c.error();
        return makeBuiltinModel(std::move(*c));
    }
    if (config.kind == "command") {
        auto c = parseCommandScorerConfig(config.section, config.source, path, config.baseDir);
        if (!c)
            return c.error();
        return makeCommandScorer(std::move(*c));
    }
    if (config.kind == "http") {
        auto c = parseHttpScorerConfig(config.section, config.source, path);
        if (!c)
            return c.error();
        return makeHttpScorer(std::move(*c));
    }
    if (config.kind == "predictions")
        return makePredictionsScorer(config.section, config.source, config.baseDir);
    return Error{ErrorCode::Schema, config.source, 0, "/kind", "unknown kind '" + config.kind + "'"};
}

} // namespace cp
