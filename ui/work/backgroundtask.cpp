// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "backgroundtask.h"

#include <QCoreApplication>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace cp::ui {

QThreadPool *workPool()
{
    // Owned by the application, so that it waits for its threads before the application goes
    // (and a new one is made for a later application).
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    }
    return pool;
}

BackgroundTask::BackgroundTask(Policy policy, QObject *parent)
    : QObject(parent)
    , m_policy(policy)
{
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { emit progressChanged(value, ProgressMaximum); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BackgroundTask::onFinished);
}

BackgroundTask::~BackgroundTask()
{
    m_watcher.disconnect(this);
    m_next = nullptr;
    cancel();
    waitForFinished();
}

bool BackgroundTask::startJob(Job job)
{
    if (m_running) {
        if (m_policy == Policy::OneAtATime)
            return false;
        // The old result is of no interest any more. Its worker is asked to stop, and the
        // new job starts when it has returned: waiting here would block the GUI thread for
        // as long as the old work takes to notice, and two workers writing the same project
        // at once gain nothing.
        m_next = std::move(job);
        m_watcher.cancel();
        emit started();
        emit progressChanged(0, ProgressMaximum);
        return true;
    }
    launch(std::move(job));
    return true;
}

void BackgroundTask::launch(Job job)
{
    m_running = true;
    auto future = QtConcurrent::run(workPool(), [job = std::move(job)](QPromise<Delivery> &promise) {
        promise.setProgressRange(0, ProgressMaximum);
        cp::Progress progress;
        progress.report = [&promise](std::int64_t done, std::int64_t total) {
            if (total > 0)
                promise.setProgressValue(int(ProgressMaximum * done / total));
        };
        progress.isCancelled = [&promise] { return promise.isCanceled(); };
        promise.addResult(job(progress));
    });
    m_watcher.setFuture(future);
    emit started();
    emit progressChanged(0, ProgressMaximum);
}

void BackgroundTask::cancel()
{
    m_next = nullptr;
    if (m_running)
        m_watcher.cancel();
}

bool BackgroundTask::isRunning() const
{
    return m_running || m_next;
}

void BackgroundTask::waitForFinished()
{
    // Not QFuture::isValid(): a cancel makes the future invalid while its worker still runs
    // (the runners this class replaced skipped the wait then). A future whose result was
    // taken would wait forever, but that happens only in onFinished(), which ends m_running.
    if (m_running)
        m_watcher.waitForFinished();
}

void BackgroundTask::onFinished()
{
    m_running = false;
    QFuture<Delivery> future = m_watcher.future();
    if (m_next) {
        // Superseded: the old result goes unread; the newest request runs now.
        launch(std::exchange(m_next, nullptr));
        return;
    }
    // A cancelled QPromise drops results added after the cancel.
    Delivery deliver;
    if (!future.isCanceled() && future.resultCount() > 0)
        deliver = future.takeResult();
    if (deliver)
        deliver();
    else
        emit cancelled();
    if (!isRunning()) // the callback may have started the next job
        emit idle();
}

} // namespace cp::ui
