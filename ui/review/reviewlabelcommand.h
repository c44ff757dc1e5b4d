// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/review/reviewstore.h>

#include <QUndoCommand>

#include <functional>
#include <optional>
#include <string>

namespace cp::ui {

class ReviewSession;

/// One change of a reviewer's label, undoable. The change is saved before the command is
/// pushed (a label is committed at once), so the first redo() does nothing; undo() restores the
/// label as it was through cp::saveReviewLabel, or removes it when there was none; redo() saves
/// the new one again. Every step is committed at once and appended to the history, so an undo
/// is itself on record. `shown` is called with the family after each undo and redo (the page
/// moves to it); a failed step is reported by the session and makes the command obsolete.
class ReviewLabelCommand : public QUndoCommand
{
public:
    /// `before` and `after` are the label of one family, reviewer and role (either may be
    /// unset: no label); `key` names them.
    ReviewLabelCommand(ReviewSession *session, cp::ReviewLabel key,
                       std::optional<cp::ReviewLabel> before, std::optional<cp::ReviewLabel> after,
                       const QString &text, std::function<void(const std::string &family)> shown);

    void undo() override;
    void redo() override;

private:
    bool apply(const std::optional<cp::ReviewLabel> &label, const char *source);

    ReviewSession *m_session;
    cp::ReviewLabel m_key;
    std::optional<cp::ReviewLabel> m_before;
    std::optional<cp::ReviewLabel> m_after;
    std::function<void(const std::string &)> m_shown;
    bool m_applied = true;
};

} // namespace cp::ui
