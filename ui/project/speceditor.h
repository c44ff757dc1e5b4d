// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>
#include <core/common/result.h>

#include <nlohmann/json_fwd.hpp>

#include <QWidget>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

class QLabel;
class QTabWidget;
class QUndoStack;

namespace cp::ui {

class AttributeEditor;
class ContractEditor;

/// Edits the current audit spec in place: the protected attributes and strata (AttributeEditor)
/// and the contract (ContractEditor), one tab each. It holds the spec JSON both pages edit, so
/// they never build on a stale copy. Every edit is checked by cp::editAuditSpec (an invalid one
/// is marked where it was typed and not applied), handed to the apply callback and, if that
/// accepts it, pushed on undoStack() as one SpecEditCommand. The editor computes no metric:
/// the window's apply callback saves the spec version and re-runs the audit.
class SpecEditor : public QWidget
{
    Q_OBJECT

public:
    using Apply = std::function<bool(const std::string &json)>;

    explicit SpecEditor(QWidget *parent = nullptr);
    ~SpecEditor() override;

    /// Shows this spec (the project's current version). Does not touch the undo stack: the
    /// window clears it when it opens another project.
    void setSpec(const std::string &json);
    /// Called with the whole new spec JSON on every edit, undo and redo; false refuses it.
    void setApply(Apply apply);
    /// The reviewer's name recorded with an attestation. Empty (the default): read from
    /// QSettings "identity/name", asked once with an input dialog when that is empty too.
    void setIdentity(const QString &name);

    QUndoStack *undoStack() const { return m_undoStack; }
    const std::string &spec() const { return m_json; }
    /// The parsed spec, or nullptr when the JSON given to setSpec does not parse.
    const cp::AuditSpec *parsedSpec() const { return m_parsed ? &*m_parsed : nullptr; }

    AttributeEditor *attributeEditor() const { return m_attributes; }
    ContractEditor *contractEditor() const { return m_contract; }
    QTabWidget *tabs() const { return m_tabs; }

    /// Sets one value (null removes an optional member) and applies the result as one undo
    /// step named `text`. Returns the parser's error (or a refusal of the apply callback).
    cp::Status edit(const std::string &jsonPointer, const nlohmann::json &value,
                    const QString &text, const QString &mergeKey = {});
    /// Marks an attestation done by the identity, today (UTC), or undone.
    cp::Status attest(std::size_t index, bool done);

signals:
    /// After every change of the shown spec (an edit, undo, redo or setSpec).
    void specChanged();

private:
    bool applyJson(const std::string &json);
    bool commit(std::string after, const QString &text, const QString &mergeKey);
    QString identity();

    std::string m_json;
    std::optional<cp::AuditSpec> m_parsed;
    Apply m_apply;
    QString m_identity;
    QUndoStack *m_undoStack;
    QTabWidget *m_tabs;
    QLabel *m_problem;
    AttributeEditor *m_attributes;
    ContractEditor *m_contract;
};

} // namespace cp::ui
