// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewsession.h"

#include <core/review/packet.h>

#include <core/review/reviewqueue.h>
#include <core/store/projectstore.h>

namespace cp::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// A family's state from its verdict, as cp::reviewStates gives it (which would split every
/// row again after each label; the session updates only the labelled families).
cp::ReviewState stateOf(const cp::FamilyVerdict &v)
{
    if (v.disputed)
        return cp::ReviewState::AwaitingAdjudication;
    if (!v.equivalence)
        return cp::ReviewState::NoAnswer;
    switch (*v.equivalence) {
    case cp::Equivalence::Equivalent: return cp::ReviewState::Equivalent;
    case cp::Equivalence::NotEquivalent: return cp::ReviewState::NotEquivalent;
    case cp::Equivalence::Unsure: return cp::ReviewState::Unsure;
    }
    return cp::ReviewState::NoAnswer;
}

} // namespace

ReviewSession::ReviewSession(QObject *parent)
    : QObject(parent)
{}

ReviewSession::~ReviewSession() = default;

bool ReviewSession::setSource(const QString &projectFile,
                              std::shared_ptr<const cp::SourceAudit> audit)
{
    const bool sameFile = m_store && projectFile == m_projectFile;
    m_projectFile = projectFile;
    m_audit = std::move(audit);
    m_index.reset();
    m_spec = {};
    m_subject = {};
    m_keyColumn = -1;
    m_familyOfKey.clear();
    m_labels.clear();
    m_summary = {};
    m_states.reset();
    m_error.clear();
    if (!sameFile)
        m_store.reset();
    auto finish = [this](const QString &error) {
        m_error = error;
        emit labelsChanged();
        return error.isEmpty();
    };
    if (projectFile.isEmpty() || !m_audit) {
        m_store.reset();
        return finish(tr("No audited source: open a project and pick what to audit."));
    }
    m_spec = m_audit->spec();
    if (!m_audit->pairs)
        return finish(tr("Nothing to review: %1.").arg(qs(m_audit->pairsError)));
    m_index = m_audit->pairs;
    m_keyColumn = cp::familyKeyColumn(*m_index, m_spec.familyColumn.value_or(std::string()));
    if (m_keyColumn < 0) {
        m_index.reset();
        return finish(tr("Nothing to review: the rows have no family column '%1'.")
                          .arg(qs(m_spec.familyColumn.value_or(std::string()))));
    }
    if (!m_store) {
        auto store = cp::ProjectStore::open(projectFile.toStdString(),
                                            cp::ProjectStore::OpenMode::ExistingQuick);
        if (!store) {
            m_index.reset();
            return finish(qs(store.error().toString()));
        }
        m_store = std::move(*store);
    }
    auto subject = cp::reviewSubject(*m_store, m_audit->source);
    if (!subject) {
        m_index.reset();
        return finish(qs(subject.error().toString()));
    }
    m_subject = std::move(*subject);
    if (auto s = reload(); !s) {
        m_index.reset();
        return finish(qs(s.error().toString()));
    }
    return true;
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
    if (!m_index)
        return -1;
    if (m_familyOfKey.empty())
        buildKeyMap();  // one pass over the families, on first use
    const auto it = m_familyOfKey.find(key);
    return it == m_familyOfKey.end() ? -1 : int(it->second);
}

void ReviewSession::buildKeyMap() const
{
    m_familyOfKey.clear();
    if (!m_index)
        return;
    m_familyOfKey.reserve(m_index->families.size());
    for (std::size_t f = 0; f < m_index->families.size(); ++f)
        m_familyOfKey.emplace(cp::familyKey(*m_index, m_keyColumn, f), std::int32_t(f));
}

std::optional<cp::ReviewLabel> ReviewSession::label(const std::string &family,
                                                    const std::string &reviewer,
                                                    bool adjudication) const
{
    for (const cp::ReviewLabel &l : m_labels)
        if (l.family == family && l.reviewer == reviewer && l.adjudication == adjudication)
            return l;
    return std::nullopt;
}

cp::Result<bool> ReviewSession::save(cp::ReviewLabel label)
{
    if (!isValid())
        return cp::Error{cp::ErrorCode::Invalid, m_projectFile.toStdString(), 0, "family",
                         "nothing to review"};
    label.tableId = m_subject.tableId;
    auto saved = cp::saveReviewLabel(*m_store, std::move(label));
    if (!saved) {
        emit failed(qs(saved.error().toString()));
        return saved;
    }
    if (*saved) {
        if (auto s = reload(); !s)
            emit failed(qs(s.error().toString()));
    }
    return saved;
}

cp::Result<bool> ReviewSession::remove(const std::string &family, const std::string &reviewer,
                                       bool adjudication, const std::string &source)
{
    if (!isValid())
        return cp::Error{cp::ErrorCode::Invalid, m_projectFile.toStdString(), 0, "family",
                         "nothing to review"};
    auto removed = cp::removeReviewLabel(*m_store, m_subject.tableId, family, reviewer,
                                         adjudication, source);
    if (!removed) {
        emit failed(qs(removed.error().toString()));
        return removed;
    }
    if (*removed) {
        if (auto s = reload(); !s)
            emit failed(qs(s.error().toString()));
    }
    return removed;
}

cp::Result<std::vector<cp::ReviewChange>> ReviewSession::history(const std::string &family) const
{
    if (!isValid())
        return std::vector<cp::ReviewChange>();
    return cp::reviewHistory(*m_store, m_subject.tableId, family);
}

cp::Status ReviewSession::reload()
{
    if (!m_store || !m_index)
        return cp::Ok{};
    auto labels = cp::reviewLabels(*m_store, m_subject.tableId);
    if (!labels)
        return labels.error();
    m_labels = std::move(*labels);
    m_summary = cp::summariseReviews(m_labels, m_spec.reviews.consensus);
    updateStates();
    emit labelsChanged();
    return cp::Ok{};
}

void ReviewSession::updateStates()
{
    if (!m_index || m_summary.families.empty()) {
        m_states.reset();  // every family unreviewed
        return;
    }
    auto states = std::make_shared<std::vector<std::uint8_t>>(
        m_index->families.size(), std::uint8_t(cp::ReviewState::Unreviewed));
    for (const cp::FamilyVerdict &v : m_summary.families) {
        const int f = familyOfKey(v.family);
        if (f >= 0)
            (*states)[std::size_t(f)] = std::uint8_t(stateOf(v));
    }
    m_states = std::move(states);
}

} // namespace cp::ui
