// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/store/projectaudit.h>

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace cp::ui {

/// Runs cp::auditProjectTable on a pool thread and reports back on the GUI thread.
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

    /// Audits tableNameOrId (empty: the newest table) of the project file at projectPath.
    /// record: store the run in the project.
    void start(const QString &projectPath, const QString &tableNameOrId, bool record = true);
    void cancel();
    bool isRunning() const;
    /// Blocks until the current audit (if any) has finished; for tests and shutdown.
    void waitForFinished();

signals:
    void started();
    void progressChanged(int value, int maximum);
    void finished(std::shared_ptr<const cp::ProjectAudit> audit);
    void failed(const cp::Error &error);
    void cancelled();

private:
    void connectWatcher();
    void onFinished();

    QFutureWatcher<cp::Result<cp::ProjectAudit>> m_watcher;
};

} // namespace cp::ui
