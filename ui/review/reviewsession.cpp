// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewsession.h"

#include <ui/work/backgroundtask.h>

#include <core/review/packet.h>
#include <core/review/reviewqueue.h>
#include <core/store/projectstore.h>

#include <QCoreApplication>
#include <QThreadPool>

namespace cp::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

/// What the reading of a source's reviews hands to the GUI thread.
struct ReviewSession::Loaded
{
    cp::ReviewSubject subject;
    cp::FamilyKeyIndex keys;
    cp::ReviewBook book;
    cp::ReviewSummary summary;
    std::shared_ptr<const std::vector<std::uint8_t>> states;
    std::any prepared;
};

ReviewSession::ReviewSession(QObject *parent)
    : QObject(parent)
    , m_task(new BackgroundTask(BackgroundTask::Policy::LatestWins, this))
{}

ReviewSession::~ReviewSession() = default;

cp::Result<ReviewSession::Loaded> ReviewSession::load(cp::ProjectStore &store,
                                                      const cp::AuditSource &source,
                                                      std::shared_ptr<const cp::PairsIndex> index,
                                                      int keyColumn, cp::ConsensusRule rule)
{
    Loaded out;
    auto subject = cp::reviewSubject(store, source);
    if (!subject)
        return subject.error();
    out.subject = std::move(*subject);
    auto labels = cp::reviewLabels(store, out.subject.tableId);
    if (!labels)
        return labels.error();
    out.book = cp::ReviewBook(std::move(*labels), rule);
    out.summary = out.book.summary(false);
    out.keys = cp::FamilyKeyIndex(index, keyColumn);
    if (!out.book.empty()) {
        auto states = std::make_shared<std::vector<std::uint8_t>>(
            index->families.size(), std::uint8_t(cp::ReviewState::Unreviewed));
        out.book.forEachVerdict([&](const cp::FamilyVerdict &v) {
            if (const int f = out.keys.find(v.family); f >= 0)
                (*states)[std::size_t(f)] = std::uint8_t(cp::reviewStateOf(v));
        });
        out.states = std::move(states);
    }
    return out;
}

void ReviewSession::take(Loaded loaded)
{
    discardBook();
    m_subject = std::move(loaded.subject);
    m_keys = std::move(loaded.keys);
    m_book = std::move(loaded.book);
    m_summary = std::move(loaded.summary);
    m_states = std::move(loaded.states);
    m_prepared = std::move(loaded.prepared);
}

void ReviewSession::discardBook()
{
    if (m_book.empty()) {
        m_book = cp::ReviewBook();
        return;
    }
    auto old = std::make_shared<cp::ReviewBook>(std::exchange(m_book, cp::ReviewBook()));
    workPool()->start([old = std::move(old)]() mutable { old.reset(); });
}

bool ReviewSession::setSource(const QString &projectFile,
                              std::shared_ptr<const cp::SourceAudit> audit, Prepare prepare)
{
    m_task->cancel();  // an older reading's result would be of another source
    const bool sameFile = m_store && projectFile == m_projectFile;
    // The same rows, read by the same family column (a spec change audits them again): what
    // is shown so far stays, and takes labels, while the new reading runs; the writes made
    // meanwhile are taken into its result again when it arrives.
    const bool sameRows = sameFile && audit && m_audit && m_subject.tableId > 0
                          && m_keyColumn >= 0
                          && audit->audit.result.tableSha256 == m_audit->audit.result.tableSha256
                          && audit->spec().familyColumn == m_spec.familyColumn;
    m_projectFile = projectFile;
    m_audit = std::move(audit);
    m_index.reset();
    m_spec = {};
    m_keyColumn = -1;
    m_ready = false;
    m_reading = false;
    if (!sameRows) {
        m_subject = {};
        m_keys = {};
        discardBook();
        m_summary = {};
        m_states.reset();
    }
    m_writtenWhileReading.clear();
    m_prepare = std::move(prepare);
    m_prepared.reset();
    m_error.clear();
    if (!sameFile)
        m_store.reset();
    auto refuse = [this](const QString &error) {
        m_index.reset();
        m_subject = {};
        m_keys = {};
        discardBook();
        m_summary = {};
        m_states.reset();
        m_error = error;
        emit labelsChanged();
        return false;
    };
    if (projectFile.isEmpty() || !m_audit) {
        m_store.reset();
        return refuse(tr("No audited source: open a project and pick what to audit."));
    }
    m_spec = m_audit->spec();
    if (!m_audit->pairs)
        return refuse(tr("Nothing to review: %1.").arg(qs(m_audit->pairsError)));
    m_index = m_audit->pairs;
    m_keyColumn = cp::familyKeyColumn(*m_index, m_spec.familyColumn.value_or(std::string()));
    if (m_keyColumn < 0)
        return refuse(tr("Nothing to review: the rows have no family column '%1'.")
                          .arg(qs(m_spec.familyColumn.value_or(std::string()))));
    if (!m_store) {
        auto store = cp::ProjectStore::open(projectFile.toStdString(),
                                            cp::ProjectStore::OpenMode::ExistingQuick);
        if (!store)
            return refuse(qs(store.error().toString()));
        m_store = std::move(*store);
    }
    m_reading = true;
    if (!sameRows)
        emit labelsChanged();  // none until they are read: the Pairs view drops the old states
    startReading();
    return true;
}

void ReviewSession::startReading()
{
    const std::string file = m_projectFile.toStdString();
    const cp::AuditSource source = m_audit->source;
    const cp::ConsensusRule rule = m_spec.reviews.consensus;
    m_task->run<Loaded>(
        [file, source, index = m_index, keyColumn = m_keyColumn, rule,
         prepare = m_prepare](const cp::Progress &) -> cp::Result<Loaded> {
            // SQLite connections are per thread: the reading opens one of its own.
            auto store = cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingQuick);
            if (!store)
                return store.error();
            auto loaded = load(**store, source, index, keyColumn, rule);
            if (loaded && prepare)
                loaded->prepared = prepare(*index, keyColumn, loaded->book, loaded->states.get());
            return loaded;
        },
        [this](cp::Result<Loaded> loaded) {
            m_reading = false;
            if (!loaded) {
                m_index.reset();
                m_error = qs(loaded.error().toString());
            } else {
                take(std::move(*loaded));
                m_ready = true;
                // Labels written while reading may be missing from what was read: take each
                // of them again from the file (the prepared queue may miss them too).
                const auto written = std::exchange(m_writtenWhileReading, {});
                if (!written.empty())
                    m_prepared.reset();
                for (const LabelKey &k : written)
                    if (auto s = refreshLabel(k.family, k.reviewer, k.adjudication); !s)
                        emit failed(qs(s.error().toString()));
            }
            emit ready(m_ready);  // labels, summary and states with it
        });
}

void ReviewSession::waitForReady()
{
    while (m_reading) {
        m_task->waitForFinished();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

QString ReviewSession::favourableLabel() const
{
    return qs(m_spec.outcomes.favourable);
}

QString ReviewSession::unfavourableLabel() const
{
    return qs(m_spec.outcomes.unfavourable);
}

QStringList ReviewSession::blindFields() const
{
    QStringList out;
    const bool run = m_audit && m_audit->source.kind == cp::AuditSource::Kind::Run;
    for (const std::string &c : cp::blindColumns(m_spec, run))
        out << qs(c);
    return out;
}

std::string ReviewSession::familyKey(int family) const
{
    return m_index && family >= 0 ? cp::familyKey(*m_index, m_keyColumn, std::size_t(family))
                                  : std::string();
}

int ReviewSession::familyOfKey(const std::string &key) const
{
    return m_ready ? m_keys.find(key) : -1;
}

std::optional<cp::ReviewLabel> ReviewSession::label(const std::string &family,
                                                    const std::string &reviewer,
                                                    bool adjudication) const
{
    if (const cp::ReviewLabel *l = m_book.find(family, reviewer, adjudication))
        return *l;
    return std::nullopt;
}

cp::Status ReviewSession::refreshLabel(const std::string &family, const std::string &reviewer,
                                       bool adjudication)
{
    if (m_reading)
        m_writtenWhileReading.push_back({family, reviewer, adjudication});
    auto stored = cp::reviewLabel(*m_store, m_subject.tableId, family, reviewer, adjudication);
    if (!stored)
        return stored.error();
    if (*stored)
        m_book.put(std::move(**stored));
    else
        m_book.erase(family, reviewer, adjudication);
    m_summary = m_book.summary(false);
    const int f = m_keys.find(family);
    if (f >= 0) {
        // A new vector, not an edit: the Pairs view may hold the old one.
        auto states = m_states ? std::make_shared<std::vector<std::uint8_t>>(*m_states)
                               : std::make_shared<std::vector<std::uint8_t>>(
                                     m_index->families.size(),
                                     std::uint8_t(cp::ReviewState::Unreviewed));
        const cp::FamilyVerdict *v = m_book.verdict(family);
        (*states)[std::size_t(f)] =
            std::uint8_t(v ? cp::reviewStateOf(*v) : cp::ReviewState::Unreviewed);
        m_states = std::move(states);
    }
    emit labelChanged(QString::fromStdString(family));
    return cp::Ok{};
}

cp::Result<bool> ReviewSession::save(cp::ReviewLabel label)
{
    if (!canWrite())
        return cp::Error{cp::ErrorCode::Invalid, m_projectFile.toStdString(), 0, "family",
                         "nothing to review"};
    label.tableId = m_subject.tableId;
    const std::string family = label.family, reviewer = label.reviewer;
    const bool adjudication = label.adjudication;
    auto saved = cp::saveReviewLabel(*m_store, std::move(label));
    if (!saved) {
        emit failed(qs(saved.error().toString()));
        return saved;
    }
    if (*saved) {
        if (auto s = refreshLabel(family, reviewer, adjudication); !s)
            emit failed(qs(s.error().toString()));
    }
    return saved;
}

cp::Result<bool> ReviewSession::remove(const std::string &family, const std::string &reviewer,
                                       bool adjudication, const std::string &source)
{
    if (!canWrite())
        return cp::Error{cp::ErrorCode::Invalid, m_projectFile.toStdString(), 0, "family",
                         "nothing to review"};
    auto removed = cp::removeReviewLabel(*m_store, m_subject.tableId, family, reviewer,
                                         adjudication, source);
    if (!removed) {
        emit failed(qs(removed.error().toString()));
        return removed;
    }
    if (*removed) {
        if (auto s = refreshLabel(family, reviewer, adjudication); !s)
            emit failed(qs(s.error().toString()));
    }
    return removed;
}

cp::Result<std::vector<cp::ReviewChange>> ReviewSession::history(const std::string &family) const
{
    if (!canWrite())
        return std::vector<cp::ReviewChange>();
    return cp::reviewHistory(*m_store, m_subject.tableId, family);
}

void ReviewSession::reload()
{
    if (m_reading) {
        startReading();  // the reading under way may have missed the write: read again
        return;
    }
    if (!isValid())
        return;
    // As for a new source, on a pool thread; the labels shown so far stay and take writes,
    // which the new reading's result takes again.
    m_ready = false;
    m_reading = true;
    startReading();
}

} // namespace cp::ui
