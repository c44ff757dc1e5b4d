// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "generationreport.h"
#include "generatorspec.h"
#include "powerplan.h"
#include "providercatalog.h"

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/probeset/probesetlayout.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

enum class OutputFormat { Csv, JsonLines };

struct GenerateOptions {
    int threads = 0;                    ///< 0 = one per hardware thread
    OutputFormat format = OutputFormat::Csv;
    std::int64_t blockFamilies = 4096;  ///< families per work unit (does not change the bytes)
};

/// A generated probe set: its bytes (one row per variant, header first for CSV), its layout and
/// what the generator checked while writing it.
struct GeneratedSet {
    std::string bytes;                  ///< empty when streamed through a sink
    std::vector<std::string> columns;
    ProbeSetLayout layout;
    std::int64_t rows = 0;
    GenerationBalance balance;
    GenerationIntegrity integrity;
    std::optional<PowerPlan> power;     ///< when the spec asks for one
    std::vector<std::string> warnings;
};

/// Receives the output in order, a block of whole rows at a time.
using ChunkSink = std::function<Status(std::string_view chunk)>;

/// Generates the probe set into memory. Deterministic: the same spec gives the same bytes for
/// any thread count. Cancelling through progress returns ErrorCode::Cancelled.
Result<GeneratedSet> generate(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                              const GenerateOptions &options = {}, const Progress &progress = {});

/// As generate(), but hands the bytes to sink in order instead of keeping them (for writing a
/// large set straight to a file or a database). A sink error stops the run and is returned.
Result<GeneratedSet> generateTo(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                                const GenerateOptions &options, const ChunkSink &sink,
                                const Progress &progress = {});

/// The rows of one family (0-based), without header: the same bytes as in the full set.
Result<std::string> generateFamily(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                                   OutputFormat format, std::int64_t family);

} // namespace cp
