// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditrunner.h"

#include <core/store/projectstore.h>

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace cp::ui {

AuditRunner::AuditRunner(QObject *parent)
    : QObject(parent)
{
    connectWatcher();
}

void AuditRunner::connectWatcher()
{
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { emit progressChanged(value, ProgressMaximum); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AuditRunner::onFinished);
}

AuditRunner::~AuditRunner()
{
    m_watcher.disconnect(this);
    cancel();
    waitForFinished();
}

void AuditRunner::start(const QString &projectPath, const QString &sourceKey, bool record)
{
    if (isRunning()) {
        // The old run's result is of no interest any more; stop it before starting over.
        m_watcher.disconnect(this);
        cancel();
        waitForFinished();
        connectWatcher();
    }

    const std::string path = projectPath.toStdString();
    const cp::AuditSource source = cp::AuditSource::fromKey(sourceKey.toStdString());
    auto future = QtConcurrent::run(
        [path, source, record](QPromise<cp::Result<cp::SourceAudit>> &promise) {
            promise.setProgressRange(0, ProgressMaximum);
            cp::Progress progress;
            progress.report = [&promise](std::int64_t done, std::int64_t total) {
                if (total > 0)
                    promise.setProgressValue(int(ProgressMaximum * done / total));
            };
            progress.isCancelled = [&promise] { return promise.isCanceled(); };

            // This thread's own connection; it closes when the worker returns.
            auto store = cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::ExistingOnly);
            if (!store) {
                promise.addResult(cp::Result<cp::SourceAudit>(store.error()));
                return;
            }
            promise.addResult(cp::auditSource(**store, source, progress, record));
        });
    m_watcher.setFuture(future);
    emit started();
    emit progressChanged(0, ProgressMaximum);
}

// onFinished() takes the result, which invalidates the future (QFuture::takeResult); an
// invalid future would wait forever, so each of these first asks whether there is a run.
void AuditRunner::cancel()
{
    if (m_watcher.future().isValid())
        m_watcher.cancel();
}

bool AuditRunner::isRunning() const
{
    return m_watcher.future().isValid() && m_watcher.isRunning();
}

void AuditRunner::waitForFinished()
{
    if (m_watcher.future().isValid())
        m_watcher.waitForFinished();
}

void AuditRunner::onFinished()
{
    QFuture<cp::Result<cp::SourceAudit>> future = m_watcher.future();
    // A stopped run's "finished" can arrive after the next run was set on the watcher: it is
    // about the old run, and the new one is still going.
    if (future.isValid() && !future.isFinished())
        return;
    if (future.isCanceled() || future.resultCount() == 0) {
        emit cancelled();
        return;
    }
    cp::Result<cp::SourceAudit> result = future.takeResult();
    if (!result) {
        if (result.error().code == cp::ErrorCode::Cancelled)
            emit cancelled();
        else
            emit failed(result.error());
        return;
    }
    auto whole = std::make_shared<const cp::SourceAudit>(std::move(result).value());
    emit sourceFinished(whole);
    emit finished(std::shared_ptr<const cp::ProjectAudit>(whole, &whole->audit));
}

} // namespace cp::ui
