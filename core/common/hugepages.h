// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Asks the kernel to back a large buffer with transparent huge pages before it is first
// written: reading a 1 GB probe set into memory took 240,000 page faults (1.8 s of a 10 s audit
// on a virtual machine), with 2 MB pages it takes 500. Advice only: where the kernel keeps huge
// pages to itself (or the system has none), nothing changes.

#include <cstddef>

namespace cp {

/// For buffers of several megabytes, reserved but not yet written.
void adviseHugePages(void *data, std::size_t bytes);

} // namespace cp
