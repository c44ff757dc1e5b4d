// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <QWidget>

#include <memory>

class QLabel;
class QTableWidget;

namespace cp::ui {

class AuditSession;
class IntervalBars;
class DeltaHistogram;

/// The LLM outputs of an audit, as the engine computed them (core/audit/llmaudit.h): how many
/// families were left out and why; refusal rates per group with their Wilson intervals (a
/// chart) and the refusal gap; repeat noise; log-probability bias per group pair with the
/// distribution of Δ (a chart) and categorical bias; reply similarity. Every value, interval,
/// support and status is the audit's; the view only lays them out.
class LlmView : public QWidget
{
    Q_OBJECT

public:
    explicit LlmView(QWidget *parent = nullptr);

    void setAudit(std::shared_ptr<const cp::AuditResult> result);
    void setSession(AuditSession *session);

    QString summaryText() const;
    QTableWidget *table() const { return m_table; }
    /// The chart's bars, for tests: "gender = female: 13.0 % [9.7 %, 17.3 %] · 39/300".
    QStringList refusalBars() const;

private:
    void addRow(const QString &what, const QString &subject, const QString &value,
                const QString &interval, const QString &support, const QString &status,
                bool muted = false);
    void addHeading(const QString &title);

    std::shared_ptr<const cp::AuditResult> m_result;
    QLabel *m_summary;
    QLabel *m_refusalTitle;
    IntervalBars *m_refusals;
    QLabel *m_deltaTitle;
    DeltaHistogram *m_delta;
    QTableWidget *m_table;
};

} // namespace cp::ui
