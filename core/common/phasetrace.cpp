// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "phasetrace.h"

#include <atomic>

namespace cp::trace {

namespace {
std::atomic<PhaseSink> s_sink{nullptr};
} // namespace

void setPhaseSink(PhaseSink sink)
{
    s_sink.store(sink);
}

void phase(const char *name)
{
    if (const PhaseSink sink = s_sink.load(std::memory_order_relaxed))
        sink(name);
}

} // namespace cp::trace
