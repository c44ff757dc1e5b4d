// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Names the phase a long operation enters ("store: scores", "parse", "audit" …), for a
// benchmark that times each one (tests/bench/bench_projectaudit.cpp). Nothing listens unless a
// sink is set; then it costs one call per phase, never per row.

namespace cp::trace {

using PhaseSink = void (*)(const char *phase);

/// Sets (or, with nullptr, clears) the one sink of the process.
void setPhaseSink(PhaseSink sink);
/// Tells the sink that the calling thread starts this phase (a string literal).
void phase(const char *name);

} // namespace cp::trace
