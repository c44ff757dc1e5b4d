// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditsession.h"

#include <QTimer>

namespace cp::ui {

AuditSession::AuditSession(QObject *parent)
    : QObject(parent)
{}

AuditSession::~AuditSession() = default;

void AuditSession::subscribe(QObject *receiver, Handler handler)
{
    m_subscribers.push_back({receiver, std::move(handler)});
    if (m_audit && m_next == m_subscribers.size() - 1) {
        // The hand-off had finished: this one still needs the current audit.
        scheduleNext();
    }
}

void AuditSession::subscribeToResult(QObject *receiver, ResultHandler handler)
{
    subscribe(receiver, [handler = std::move(handler)](
                            const std::shared_ptr<const cp::SourceAudit> &audit) {
        if (!audit)
            return handler(nullptr, nullptr);
        // Aliases into the audit: the spec lives as long as the result does.
        handler(std::shared_ptr<const cp::AuditResult>(audit, &audit->audit.result),
                &audit->audit.parsedSpec);
    });
}

void AuditSession::setAudit(const QString &projectFile, std::shared_ptr<const cp::SourceAudit> audit)
{
    ++m_generation;
    m_projectFile = projectFile;
    m_audit = std::move(audit);
    m_next = 0;
    emit auditChanged(m_audit);
    // The first view takes it now, the rest one per turn of the event loop.
    deliverNext(m_generation);
}

void AuditSession::clear()
{
    ++m_generation;
    m_audit.reset();
    m_projectFile.clear();
    emit auditChanged(nullptr);
    for (m_next = 0; m_next < m_subscribers.size(); ++m_next) {
        const Subscriber &s = m_subscribers[m_next];
        if (s.receiver)
            s.handler(nullptr);
    }
    emit delivered(nullptr);
}

std::shared_ptr<const cp::ProjectAudit> AuditSession::projectAudit() const
{
    return m_audit ? std::shared_ptr<const cp::ProjectAudit>(m_audit, &m_audit->audit) : nullptr;
}

void AuditSession::scheduleNext()
{
    QTimer::singleShot(0, this, [this, generation = m_generation] { deliverNext(generation); });
}

void AuditSession::deliverNext(std::uint64_t generation)
{
    if (generation != m_generation)
        return; // a newer audit (or none) took over
    while (m_next < m_subscribers.size() && !m_subscribers[m_next].receiver)
        ++m_next; // gone before its turn
    if (m_next >= m_subscribers.size()) {
        emit delivered(m_audit);
        return;
    }
    // A copy: the handler may subscribe another view, which can move the vector.
    const Handler handler = m_subscribers[m_next].handler;
    const std::shared_ptr<const cp::SourceAudit> audit = m_audit;
    ++m_next;
    handler(audit);
    if (generation != m_generation)
        return; // the handler changed the audit
    if (m_next < m_subscribers.size())
        scheduleNext();
    else
        emit delivered(audit);
}

} // namespace cp::ui
