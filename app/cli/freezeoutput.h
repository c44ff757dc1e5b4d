// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cliargs.h"

#include <core/probeset/probesetlayout.h>
#include <core/store/probesetstore.h>

#include <string>

namespace cli {

/// Freezes a generated or derived probe set (canonical CSV bytes) into the project named by
/// --project, prints the version and its reports, and returns the exit status.
int freezeIntoProject(const Args &args, const cp::ProbeSetOrigin &origin,
                      const cp::ProbeSetLayout &layout, const std::string &csv);
/// The same for a probe set produced in pieces: checked and stored as it is produced.
int freezeStreamIntoProject(const Args &args, const cp::ProbeSetOrigin &origin,
                            const cp::ProbeSetLayout &layout, const cp::CsvProducer &produce);

} // namespace cli
