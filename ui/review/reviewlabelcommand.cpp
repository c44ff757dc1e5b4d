// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reviewlabelcommand.h"

#include "reviewsession.h"

namespace cp::ui {

ReviewLabelCommand::ReviewLabelCommand(ReviewSession *session, cp::ReviewLabel key,
                                       std::optional<cp::ReviewLabel> before,
                                       std::optional<cp::ReviewLabel> after, const QString &text,
                                       std::function<void(const std::string &family)> shown)
    : QUndoCommand(text)
    , m_session(session)
    , m_key(std::move(key))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_shown(std::move(shown))
{}

void ReviewLabelCommand::undo()
{
    if (!apply(m_before, "local (undo)"))
        setObsolete(true);
    m_applied = false;
}

void ReviewLabelCommand::redo()
{
    if (m_applied)
        return;  // saved before it was pushed
    if (!apply(m_after, "local (redo)"))
        setObsolete(true);
    m_applied = true;
}

bool ReviewLabelCommand::apply(const std::optional<cp::ReviewLabel> &label, const char *source)
{
    bool ok = false;
    if (label) {
        cp::ReviewLabel l = *label;
        l.updated.clear();  // the restored label is stamped now; the history keeps the old time
        l.source = source;
        ok = m_session->save(std::move(l)).ok();
    } else {
        ok = m_session->remove(m_key.family, m_key.reviewer, m_key.adjudication, source).ok();
    }
    if (m_shown)
        m_shown(m_key.family);
    return ok;
}

} // namespace cp::ui
