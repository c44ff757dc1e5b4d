// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>

#include <QObject>

#include <functional>

namespace cp::ui {

class BackgroundTask;

/// Runs one long core operation (generate and freeze, score a probe set) on a pool thread with
/// progress and Cancel, and reports back on the GUI thread. The task opens its own
/// cp::ProjectStore: SQLite connections are per thread. One task at a time (a BackgroundTask
/// with the OneAtATime policy); the destructor cancels and waits, so no worker outlives the
/// runner.
class TaskRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr int ProgressMaximum = 1000;  // BackgroundTask::ProgressMaximum
    /// The task reports progress on any scale through the Progress it is given and returns a
    /// one-line summary (shown in the status bar) or an error.
    using Task = std::function<cp::Result<std::string>(const cp::Progress &progress)>;

    explicit TaskRunner(QObject *parent = nullptr);
    ~TaskRunner() override;

    /// False (and nothing started) while another task runs.
    bool start(const QString &title, Task task);
    void cancel();
    bool isRunning() const;
    QString title() const { return m_title; }
    void waitForFinished();

signals:
    void started(const QString &title);
    void progressChanged(int value, int maximum);
    void finished(const QString &title, const QString &summary);
    void failed(const QString &title, const cp::Error &error);
    void cancelled(const QString &title);

private:
    BackgroundTask *m_task;
    QString m_title;
};

} // namespace cp::ui
