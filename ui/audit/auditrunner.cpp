// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditrunner.h"

#include <ui/work/backgroundtask.h>

#include <core/store/projectstore.h>

namespace cp::ui {

static_assert(AuditRunner::ProgressMaximum == BackgroundTask::ProgressMaximum);

AuditRunner::AuditRunner(QObject *parent)
    : QObject(parent)
    , m_task(new BackgroundTask(BackgroundTask::Policy::LatestWins, this))
{
    connect(m_task, &BackgroundTask::progressChanged, this, &AuditRunner::progressChanged);
    connect(m_task, &BackgroundTask::cancelled, this, &AuditRunner::cancelled);
}

AuditRunner::~AuditRunner()
{
    m_task->disconnect(this);
    cancel();
    waitForFinished();
}

void AuditRunner::start(const QString &projectPath, const QString &sourceKey, bool record)
{
    using Whole = std::shared_ptr<const cp::SourceAudit>;
    const std::string path = projectPath.toStdString();
    const cp::AuditSource source = cp::AuditSource::fromKey(sourceKey.toStdString());
    m_task->run<Whole>(
        [path, source, record](const cp::Progress &progress) -> cp::Result<Whole> {
            // This thread's own connection; it closes when the worker returns.
            auto store = cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::ExistingOnly);
            if (!store)
                return store.error();
            // An audit kept from before comes back at once, its Pairs index after it.
            auto audit = cp::auditSource(**store, source, progress, record,
                                         cp::PairsWhen::Later);
            if (!audit)
                return audit.error();
            return Whole(std::make_shared<const cp::SourceAudit>(std::move(*audit)));
        },
        [this, path](cp::Result<Whole> result) {
            if (!result) {
                emit failed(result.error());
                return;
            }
            const Whole whole = *result;
            emit sourceFinished(whole);
            emit finished(std::shared_ptr<const cp::ProjectAudit>(whole, &whole->audit));
            if (whole->pairsPending)
                indexPairs(path, whole);
        });
    emit started();
}

void AuditRunner::indexPairs(const std::string &path, std::shared_ptr<const cp::SourceAudit> audit)
{
    using Whole = std::shared_ptr<const cp::SourceAudit>;
    m_task->run<Whole>(
        [path, audit](const cp::Progress &progress) -> cp::Result<Whole> {
            auto store = cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::ExistingOnly);
            if (!store)
                return store.error();
            auto indexed = std::make_shared<cp::SourceAudit>(*audit);
            if (auto s = cp::indexSourcePairs(**store, *indexed, progress); !s)
                return s.error();
            return Whole(std::move(indexed));
        },
        [this](cp::Result<Whole> result) {
            if (!result) {
                emit failed(result.error());
                return;
            }
            emit pairsIndexed(*result);
        });
}

void AuditRunner::cancel()
{
    m_task->cancel();
}

bool AuditRunner::isRunning() const
{
    return m_task->isRunning();
}

void AuditRunner::waitForFinished()
{
    m_task->waitForFinished();
}

} // namespace cp::ui
