// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "taskrunner.h"

#include "backgroundtask.h"

namespace cp::ui {

static_assert(TaskRunner::ProgressMaximum == BackgroundTask::ProgressMaximum);

TaskRunner::TaskRunner(QObject *parent)
    : QObject(parent)
    , m_task(new BackgroundTask(BackgroundTask::Policy::OneAtATime, this))
{
    connect(m_task, &BackgroundTask::progressChanged, this, &TaskRunner::progressChanged);
    // The task left its work resumable or undone; a cancel is reported as such.
    connect(m_task, &BackgroundTask::cancelled, this, [this] { emit cancelled(m_title); });
}

TaskRunner::~TaskRunner()
{
    m_task->disconnect(this);
    cancel();
    waitForFinished();
}

bool TaskRunner::start(const QString &title, Task task)
{
    const bool started = m_task->run<std::string>(
        [task = std::move(task)](const cp::Progress &progress) { return task(progress); },
        [this, title](cp::Result<std::string> result) {
            if (!result)
                emit failed(title, result.error());
            else
                emit finished(title, QString::fromStdString(*result));
        });
    if (!started)
        return false;
    m_title = title;
    emit this->started(title);
    return true;
}

void TaskRunner::cancel()
{
    m_task->cancel();
}

bool TaskRunner::isRunning() const
{
    return m_task->isRunning();
}

void TaskRunner::waitForFinished()
{
    m_task->waitForFinished();
}

} // namespace cp::ui
