// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/workflow/projectaudit.h>
#include <core/workflow/sourceaudit.h>

#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace cp::ui {

/// The window's current audit (a cp::SourceAudit: the result, the parsed spec, the Pairs
/// index) and "the audit changed" for every view that shows it. Each view subscribes itself
/// (its setSession()); the main window only calls setAudit() or clear(), so a new view needs
/// no hand-off code of its own there.
///
/// setAudit() hands the audit to the subscribers one per turn of the event loop, in the order
/// they subscribed: at 1,000,000 families a view needs tens of milliseconds to take it, and
/// all of them at once would block the loop for 150-250 ms. A newer audit (or clear()) in
/// between makes the rest of the older hand-off moot. clear() tells every subscriber at once
/// (with a null audit): it is cheap, and callers rely on it, e.g. to close a review
/// connection before a scratch project goes. A subscriber destroyed before its turn is
/// skipped.
class AuditSession : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const std::shared_ptr<const cp::SourceAudit> &audit)>;

    explicit AuditSession(QObject *parent = nullptr);
    ~AuditSession() override;

    /// handler(audit) runs on every change while receiver lives; the current audit, if any,
    /// reaches it on the next turn of the event loop.
    void subscribe(QObject *receiver, Handler handler);
    /// As subscribe(), for a view that shows the result with the spec it was audited with:
    /// handler(result, spec), both aliases into the audit (null, null when cleared).
    using ResultHandler = std::function<void(std::shared_ptr<const cp::AuditResult> result,
                                             const cp::AuditSpec *spec)>;
    void subscribeToResult(QObject *receiver, ResultHandler handler);

    /// The audit of a source of the project file at projectFile.
    void setAudit(const QString &projectFile, std::shared_ptr<const cp::SourceAudit> audit);
    /// No audit (a failed audit, another project opened).
    void clear();

    const std::shared_ptr<const cp::SourceAudit> &audit() const { return m_audit; }
    /// The audit alone (an alias into audit()), or null.
    std::shared_ptr<const cp::ProjectAudit> projectAudit() const;
    QString projectFile() const { return m_projectFile; }
    /// True while some subscriber has not yet been handed the current audit.
    bool isDelivering() const { return m_next < m_subscribers.size(); }

signals:
    /// A new audit (null: cleared), before any subscriber has it.
    void auditChanged(std::shared_ptr<const cp::SourceAudit> audit);
    /// Every subscriber has been handed the audit.
    void delivered(std::shared_ptr<const cp::SourceAudit> audit);

private:
    struct Subscriber
    {
        QPointer<QObject> receiver;
        Handler handler;
    };

    void deliverNext(std::uint64_t generation);
    void scheduleNext();

    std::vector<Subscriber> m_subscribers;
    std::shared_ptr<const cp::SourceAudit> m_audit;
    QString m_projectFile;
    std::uint64_t m_generation = 0; ///< counts changes: a stale turn of a hand-off stops
    std::size_t m_next = 0;         ///< the next subscriber to hand the current audit to
};

} // namespace cp::ui
