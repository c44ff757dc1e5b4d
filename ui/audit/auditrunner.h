// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/workflow/projectaudit.h>
#include <core/workflow/sourceaudit.h>

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace cp::ui {

/// Runs cp::auditSource (a table or a scoring run, with the Pairs index) on a pool thread and
/// reports back on the GUI thread.
/// The worker opens its own cp::ProjectStore on the project file: SQLite connections are per
/// thread. At most one audit runs at a time; start() cancels and waits for a running one.
/// The destructor cancels and waits, so no worker outlives the runner.
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
    void sourceFinished(std::shared_ptr<const cp::SourceAudit> audit);
    void finished(std::shared_ptr<const cp::ProjectAudit> audit);
    void failed(const cp::Error &error);
    void cancelled();

private:
    void connectWatcher();
    void onFinished();

    QFutureWatcher<cp::Result<cp::SourceAudit>> m_watcher;
};

} // namespace cp::ui
