// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "taskrunner.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace cp::ui {

TaskRunner::TaskRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { emit progressChanged(value, ProgressMaximum); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &TaskRunner::onFinished);
}

TaskRunner::~TaskRunner()
{
    m_watcher.disconnect(this);
    cancel();
    waitForFinished();
}

bool TaskRunner::start(const QString &title, Task task)
{
    if (isRunning())
        return false;
    m_title = title;
    auto future = QtConcurrent::run(
        [task = std::move(task)](QPromise<cp::Result<std::string>> &promise) {
            promise.setProgressRange(0, ProgressMaximum);
            cp::Progress progress;
            progress.report = [&promise](std::int64_t done, std::int64_t total) {
                if (total > 0)
                    promise.setProgressValue(int(ProgressMaximum * done / total));
            };
            progress.isCancelled = [&promise] { return promise.isCanceled(); };
            promise.addResult(task(progress));
        });
    m_watcher.setFuture(future);
    emit started(title);
    emit progressChanged(0, ProgressMaximum);
    return true;
}

void TaskRunner::cancel()
{
    if (m_watcher.future().isValid())
        m_watcher.cancel();
}

bool TaskRunner::isRunning() const
{
    return m_watcher.future().isValid() && m_watcher.isRunning();
}

void TaskRunner::waitForFinished()
{
    if (m_watcher.future().isValid())
        m_watcher.waitForFinished();
}

void TaskRunner::onFinished()
{
    QFuture<cp::Result<std::string>> future = m_watcher.future();
    // A cancelled QPromise drops results added after the cancel: the task's own outcome may
    // be lost, so a cancel is reported as such (the task left its work resumable or undone).
    if (future.isCanceled() || future.resultCount() == 0) {
        emit cancelled(m_title);
        return;
    }
    cp::Result<std::string> result = future.takeResult();
    if (!result) {
        if (result.error().code == cp::ErrorCode::Cancelled)
            emit cancelled(m_title);
        else
            emit failed(m_title, result.error());
        return;
    }
    emit finished(m_title, QString::fromStdString(*result));
}

} // namespace cp::ui
