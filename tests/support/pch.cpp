// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// The one translation unit that builds the tests' precompiled header (tests/CMakeLists.txt);
// every test target reuses it.
