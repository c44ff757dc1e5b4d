// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "speceditor.h"

#include "attributeeditor.h"
#include "contracteditor.h"
#include "speceditcommand.h"

#include <ui/settings/preference.h>

#include <core/audit/specedit.h>

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QInputDialog>
#include <QLabel>
#include <QPointer>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace cp::ui {

namespace {
const Preference<QString> identityName{"identity/name", {}};
}

SpecEditor::SpecEditor(QWidget *parent)
    : QWidget(parent)
    , m_undoStack(new QUndoStack(this))
    , m_tabs(new QTabWidget(this))
    , m_problem(new QLabel(this))
    , m_attributes(new AttributeEditor(this))
    , m_contract(new ContractEditor(this))
{
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_tabs->addTab(m_attributes, tr("Attributes"));
    m_tabs->addTab(m_contract, tr("Contract"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_problem);
    layout->addWidget(m_tabs);
    setEnabled(false);
}

SpecEditor::~SpecEditor()
{
    // The commands' callbacks point back here; they must not run while children are destroyed.
    m_undoStack->clear();
}

void SpecEditor::setSpec(const std::string &json)
{
    m_json = json;
    auto parsed = cp::parseAuditSpecText(json, "audit spec");
    if (parsed) {
        m_parsed = std::move(*parsed);
        m_problem->hide();
    } else {
        m_parsed.reset();
        m_problem->setText(tr("The current spec cannot be edited here: %1")
                               .arg(QString::fromStdString(parsed.error().toString())));
        m_problem->show();
    }
    setEnabled(m_parsed.has_value());
    if (m_parsed) {
        m_attributes->refresh(*m_parsed);
        m_contract->refresh(*m_parsed);
    }
    emit specChanged();
}

void SpecEditor::setApply(Apply apply)
{
    m_apply = std::move(apply);
}

void SpecEditor::setIdentity(const QString &name)
{
    m_identity = name;
}

cp::Status SpecEditor::edit(const std::string &jsonPointer, const nlohmann::json &value,
                            const QString &text, const QString &mergeKey)
{
    auto after = cp::editAuditSpec(m_json, jsonPointer, value, "audit spec");
    if (!after)
        return after.error();
    if (!commit(std::move(*after), text, mergeKey))
        return cp::Error{cp::ErrorCode::Invalid, "audit spec", 0, jsonPointer,
                         "the project did not accept the change"};
    return cp::Ok{};
}

cp::Status SpecEditor::attest(std::size_t index, bool done)
{
    const std::string field = "/contract/attestations/" + std::to_string(index);
    std::string by;
    std::string date;
    if (done) {
        by = identity().toStdString();
        if (by.empty())
            return cp::Error{cp::ErrorCode::Cancelled, "audit spec", 0, field + "/by",
                             "no reviewer name given"};
        date = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
    }
    auto after = cp::attest(m_json, index, done, by, date, "audit spec");
    if (!after)
        return after.error();
    const QString name = m_parsed && index < m_parsed->contract->attestations.size()
                             ? QString::fromStdString(m_parsed->contract->attestations[index].name)
                             : QString::number(index + 1);
    if (!commit(std::move(*after), done ? tr("Attest \"%1\"").arg(name)
                                        : tr("Withdraw attestation \"%1\"").arg(name), {}))
        return cp::Error{cp::ErrorCode::Invalid, "audit spec", 0, field,
                         "the project did not accept the change"};
    return cp::Ok{};
}

bool SpecEditor::applyJson(const std::string &json)
{
    if (m_apply && !m_apply(json))
        return false;
    if (json != m_json)
        setSpec(json);
    return true;
}

bool SpecEditor::commit(std::string after, const QString &text, const QString &mergeKey)
{
    if (after == m_json)
        return true;
    std::string before = m_json;
    if (!applyJson(after))
        return false;
    QPointer<SpecEditor> self(this);
    m_undoStack->push(new SpecEditCommand(
        std::move(before), std::move(after),
        [self](const std::string &json) { return self && self->applyJson(json); }, text,
        mergeKey));
    return true;
}

QString SpecEditor::identity()
{
    if (!m_identity.isEmpty())
        return m_identity;
    m_identity = identityName.get();
    if (m_identity.isEmpty()) {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Reviewer"),
                                                   tr("Your name, recorded with attestations:"),
                                                   QLineEdit::Normal, {}, &ok)
                                 .trimmed();
        if (ok && !name.isEmpty()) {
            identityName.set(name);
            m_identity = name;
        }
    }
    return m_identity;
}

} // namespace cp::ui
