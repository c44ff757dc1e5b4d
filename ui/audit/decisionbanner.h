// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/report/gateverdict.h>

#include <QFrame>

class QLabel;

namespace cp::ui {

/// The strip above every view that says the release decision in one word: BLOCKED (red),
/// APPROVED (green) or "No contract" (grey), with a one-line count of what failed.
/// Clicking it (or pressing Enter/Space when focused) emits reasonsRequested().
class DecisionBanner : public QFrame
{
    Q_OBJECT

public:
    enum class State { Idle, Running, Blocked, Approved, NoContract, Error };

    explicit DecisionBanner(QWidget *parent = nullptr);

    /// Nothing audited yet, with a hint such as "Open a project to audit it".
    void showIdle(const QString &hint);
    void showRunning(const QString &what);
    void showError(const QString &message);
    /// The audit's verdict on its own (cp::gateVerdict without a comparison).
    void showResult(const cp::AuditResult &result, const QString &tableName);
    /// The gate's verdict, e.g. a candidate's against its baseline: a candidate approved but
    /// repaired only on the regression set shows BLOCKED, "not validated for release".
    void showResult(const cp::AuditResult &result, const QString &tableName,
                    const cp::GateVerdict &verdict);

    State state() const { return m_state; }
    QString headline() const;  ///< "BLOCKED", "APPROVED", "No contract", …
    QString summary() const;   ///< "4 checks failed · 4 attestations missing"

    /// "4 checks failed · 4 attestations missing" for a result (empty with no contract).
    static QString problemSummary(const cp::AuditResult &result);

signals:
    void reasonsRequested();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void setState(State state, const QString &headline, const QString &summary,
                  const QString &detail);

    State m_state = State::Idle;
    QLabel *m_headline;
    QLabel *m_summary;
    QLabel *m_detail;
    QLabel *m_hint;
};

} // namespace cp::ui
