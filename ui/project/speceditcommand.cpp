// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "speceditcommand.h"

#include <QDebug>

namespace cp::ui {

SpecEditCommand::SpecEditCommand(std::string before, std::string after, Apply apply,
                                 const QString &text, QString mergeKey, bool alreadyApplied,
                                 QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_apply(std::move(apply))
    , m_mergeKey(std::move(mergeKey))
    , m_skipRedo(alreadyApplied)
{}

void SpecEditCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    if (m_apply && !m_apply(m_after))
        qWarning() << "Redo of" << text() << "was not applied";
}

void SpecEditCommand::undo()
{
    if (m_apply && !m_apply(m_before))
        qWarning() << "Undo of" << text() << "was not applied";
}

int SpecEditCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : 0x5bec;
}

bool SpecEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const SpecEditCommand *>(other);
    if (!o || o->m_mergeKey != m_mergeKey || o->m_before != m_after)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);  // stepped back to where it started: nothing to undo
    return true;
}

} // namespace cp::ui
