// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

namespace cp {

class ProjectStore;

/// One write transaction on a project, RAII: rolled back unless commit() succeeded. Inside
/// another StoreTransaction on the same store it joins that one: only the outermost begins and
/// commits, and an inner one left without commit() makes the outer commit() fail, so a part
/// that gave up never lands half-written.
class StoreTransaction
{
public:
    explicit StoreTransaction(ProjectStore &store);
    ~StoreTransaction();
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    /// Whether the transaction could be begun (an error when the project is locked too long).
    const Status &begun() const { return m_begun; }
    Status commit();

private:
    ProjectStore &m_store;
    Status m_begun;
    bool m_done = false;
};

} // namespace cp
