// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUndoCommand>

#include <functional>
#include <string>

namespace cp::ui {

/// One edit of the audit spec: the whole spec JSON before and after. redo() hands `after` to
/// the apply callback and undo() hands `before` (the window saves it as the current spec
/// version and re-runs the audit). The editor applies an edit itself before pushing it, so that
/// a refused apply never reaches the stack; such a command skips its first redo().
/// Consecutive commands with the same non-empty merge key (one field) merge into one step.
class SpecEditCommand : public QUndoCommand
{
public:
    using Apply = std::function<bool(const std::string &json)>;

    SpecEditCommand(std::string before, std::string after, Apply apply, const QString &text,
                    QString mergeKey = {}, bool alreadyApplied = true,
                    QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    const std::string &before() const { return m_before; }
    const std::string &after() const { return m_after; }

private:
    std::string m_before;
    std::string m_after;
    Apply m_apply;
    QString m_mergeKey;
    bool m_skipRedo;
};

} // namespace cp::ui
