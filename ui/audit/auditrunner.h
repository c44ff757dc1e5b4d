// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/workflow/projectaudit.h>
#include <core/workflow/sourceaudit.h>

#include <QObject>

#include <memory>
#include <string>

namespace cp::ui {

class BackgroundTask;

/// Runs cp::auditSource (a table or a scoring run, with the Pairs index) on a pool thread and
/// reports back on the GUI thread.
/// The worker opens its own cp::ProjectStore on the project file: SQLite connections are per
/// thread. The latest request wins (a BackgroundTask with the LatestWins policy): start()
/// cancels a running audit, whose result is then discarded, and the new one starts when the
/// old worker has returned, without blocking the GUI thread. The finished audit is wrapped in
/// its shared_ptr on the worker, so the hand-off costs the GUI thread nothing. The destructor
/// cancels and waits, so no worker outlives the runner.
class AuditRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr int ProgressMaximum = 1000;

    explicit AuditRunner(QObject *parent = nullptr);
    ~AuditRunner() override;

    /// Audits a source of the project file at projectPath: "table:ID", "run:ID", or a table's
    /// name or id (empty: the newest table). record: store a table's audit run in the project.
    void start(const QString &projectPath, const QString &source, bool record = true);
    void cancel();
    bool isRunning() const;
    /// Blocks until the current audit (if any) has finished; for tests and shutdown.
    void waitForFinished();

signals:
    void started();
    void progressChanged(int value, int maximum);
    /// The whole result first (with the Pairs index), then the audit alone (an alias into it).
    /// An audit kept in the project from before comes without its index (pairsPending): the
    /// runner goes on to read the source for it and sends pairsIndexed, unless cancelled or
    /// started again first.
    void sourceFinished(std::shared_ptr<const cp::SourceAudit> audit);
    /// The same audit, now with its Pairs index.
    void pairsIndexed(std::shared_ptr<const cp::SourceAudit> audit);
    void finished(std::shared_ptr<const cp::ProjectAudit> audit);
    void failed(const cp::Error &error);
    void cancelled();

private:
    void indexPairs(const std::string &path, std::shared_ptr<const cp::SourceAudit> audit);

    BackgroundTask *m_task;
};

} // namespace cp::ui
