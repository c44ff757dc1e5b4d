// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>

#include <QFutureWatcher>
#include <QObject>

#include <functional>
#include <memory>
#include <utility>

class QThreadPool;

namespace cp::ui {

/// The pool the workbench's own background work runs on. Not QThreadPool::globalInstance():
/// Qt's raster engine splits some paints over the global pool and waits for it, so a long
/// job there (an audit, reading 200,000 labels) blocked a scroll bar's paint for 100 ms.
QThreadPool *workPool();

/// The workbench's one way to run a core call off the GUI thread: the work runs on a
/// workPool() thread with a cp::Progress (its report() drives progressChanged, its isCancelled() answers
/// cancel()), and its cp::Result is handed to a callback on the GUI thread. Work that opens
/// the project opens its own cp::ProjectStore: SQLite connections are per thread.
///
/// One job runs at a time. What a new request does while one runs is the policy:
/// - OneAtATime: run() refuses it (returns false, nothing starts).
/// - LatestWins: the running job is cancelled and its result discarded; the new one starts
///   once the old worker has returned (without blocking the GUI thread). A request that is
///   itself superseded before it starts never runs.
///
/// A job cancelled by cancel() (or whose work returns ErrorCode::Cancelled) does not call its
/// callback; cancelled() is emitted instead. The destructor cancels and waits, so no worker
/// outlives the task and no callback runs after it.
class BackgroundTask : public QObject
{
    Q_OBJECT

public:
    enum class Policy { OneAtATime, LatestWins };
    static constexpr int ProgressMaximum = 1000;

    explicit BackgroundTask(Policy policy, QObject *parent = nullptr);
    ~BackgroundTask() override;

    /// Runs work(progress) on a pool thread and then done(result) on the GUI thread. The work
    /// must own what it reads (capture by value, or shared_ptr to const data): it may outlive
    /// the caller's frame. An error result other than Cancelled reaches done as it is.
    template<typename T, typename Work, typename Done>
    bool run(Work work, Done done)
    {
        return startJob([work = std::move(work),
                         done = std::move(done)](const cp::Progress &progress) mutable -> Delivery {
            auto result = std::make_shared<cp::Result<T>>(work(progress));
            if (!*result && result->error().code == cp::ErrorCode::Cancelled)
                return {};
            return [done, result]() mutable { done(std::move(*result)); };
        });
    }

    /// Cancels the running job (and drops one waiting to start); cancelled() follows.
    void cancel();
    /// True while a job runs or waits to start.
    bool isRunning() const;
    /// Blocks until no worker runs (a waiting job is not started); for tests and shutdown.
    void waitForFinished();
    Policy policy() const { return m_policy; }

signals:
    /// A job started (for LatestWins: was accepted; it may start after the old one returns).
    void started();
    void progressChanged(int value, int maximum);
    /// The job was cancelled (not superseded): its callback will not run.
    void cancelled();
    /// The job's callback ran (or it was cancelled); nothing runs any more.
    void idle();

private:
    /// What the worker hands back: a call to make on the GUI thread, or empty when cancelled.
    using Delivery = std::function<void()>;
    using Job = std::function<Delivery(const cp::Progress &)>;

    bool startJob(Job job);
    void launch(Job job);
    void onFinished();

    Policy m_policy;
    QFutureWatcher<Delivery> m_watcher;
    Job m_next;             ///< LatestWins: the request waiting for the superseded worker
    bool m_running = false; ///< a worker runs (its finished() has not been handled yet)
};

} // namespace cp::ui
