// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "storetransaction.h"

#include "projectstore.h"

namespace cp {

namespace {

Status beginOn(ProjectStore &store, int depth)
{
    return depth > 0 ? Status(Ok{}) : store.backend().begin();
}

} // namespace

StoreTransaction::StoreTransaction(ProjectStore &store)
    : m_store(store), m_begun(beginOn(store, store.m_transactionDepth))
{
    if (!m_begun) {
        m_done = true;
        return;
    }
    if (m_store.m_transactionDepth++ == 0)
        m_store.m_transactionFailed = false;
}

StoreTransaction::~StoreTransaction()
{
    if (m_done)
        return;
    // Left without commit(): an error return or an exception on the way.
    if (--m_store.m_transactionDepth == 0)
        m_store.backend().rollback();
    else
        m_store.m_transactionFailed = true;
}

Status StoreTransaction::commit()
{
    if (m_done)
        return m_begun.ok() ? Status(Error{ErrorCode::Storage, m_store.path(), 0, {},
                                           "the transaction has ended already"})
                            : m_begun;
    m_done = true;
    if (--m_store.m_transactionDepth > 0)
        return Ok{};
    if (m_store.m_transactionFailed) {
        m_store.backend().rollback();
        return Error{ErrorCode::Storage, m_store.path(), 0, {},
                     "a part of the change failed; nothing was written"};
    }
    if (auto s = m_store.backend().commit(); !s) {
        m_store.backend().rollback();
        return s;
    }
    return Ok{};
}

} // namespace cp
