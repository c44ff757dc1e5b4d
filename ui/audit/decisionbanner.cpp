// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "decisionbanner.h"

#include "auditformat.h"

#include <core/audit/auditjson.h>

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

namespace {

struct Colors {
    const char *background;
    const char *foreground;
};

Colors colorsFor(DecisionBanner::State state)
{
    switch (state) {
    case DecisionBanner::State::Blocked: return {"#b3261e", "#ffffff"};
    case DecisionBanner::State::Approved: return {"#1e7b34", "#ffffff"};
    case DecisionBanner::State::Error: return {"#7a1f1a", "#ffffff"};
    case DecisionBanner::State::NoContract: return {"#5f6368", "#ffffff"};
    case DecisionBanner::State::Idle:
    case DecisionBanner::State::Running: return {"#e8eaed", "#202124"};
    }
    return {"#e8eaed", "#202124"};
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

DecisionBanner::DecisionBanner(QWidget *parent)
    : QFrame(parent)
    , m_headline(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("decisionBanner"));
    setFocusPolicy(Qt::TabFocus);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(QStringLiteral("Release decision"));

    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setObjectName(QStringLiteral("decisionHeadline"));
    m_headline->setMinimumWidth(m_headline->fontMetrics().horizontalAdvance(
                                    QStringLiteral("No contract")) + 16);

    QFont medium = m_summary->font();
    medium.setPointSizeF(medium.pointSizeF() * 1.25);
    medium.setBold(true);
    m_summary->setFont(medium);
    m_summary->setObjectName(QStringLiteral("decisionSummary"));
    m_detail->setObjectName(QStringLiteral("decisionDetail"));
    m_hint->setText(QStringLiteral("Click for the reasons ›"));
    // Table names and contract versions come from the project: plain text, never rich text
    // (a name could otherwise paint "APPROVED ✓" inside a BLOCKED banner or load images).
    for (QLabel *label : {m_headline, m_summary, m_detail, m_hint})
        label->setTextFormat(Qt::PlainText);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_summary);
    text->addWidget(m_detail);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(18, 10, 18, 10);
    layout->setSpacing(24);
    layout->addWidget(m_headline);
    layout->addLayout(text, 1);
    layout->addWidget(m_hint, 0, Qt::AlignRight | Qt::AlignVCenter);

    showIdle(QStringLiteral("Open a project (File › Open Project…) to audit it."));
}

void DecisionBanner::setState(State state, const QString &headline, const QString &summary,
                              const QString &detail)
{
    m_state = state;
    const Colors c = colorsFor(state);
    setStyleSheet(QStringLiteral("#decisionBanner { background: %1; border-radius: 4px; }"
                                 "#decisionBanner QLabel { color: %2; background: transparent; }")
                      .arg(QLatin1String(c.background), QLatin1String(c.foreground)));
    m_headline->setText(headline);
    m_summary->setText(summary);
    m_summary->setVisible(!summary.isEmpty());
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    const bool hasReasons = state == State::Blocked || state == State::Approved
                            || state == State::Error;
    m_hint->setVisible(hasReasons);
    setToolTip(hasReasons ? QStringLiteral("Show the checks behind this decision") : QString());
}

void DecisionBanner::showIdle(const QString &hint)
{
    setState(State::Idle, QStringLiteral("No audit"), QString(), hint);
}

void DecisionBanner::showRunning(const QString &what)
{
    setState(State::Running, QStringLiteral("Auditing…"), QString(), what);
}

void DecisionBanner::showError(const QString &message)
{
    setState(State::Error, QStringLiteral("Error"), QStringLiteral("The audit did not finish"),
             message);
}

QString DecisionBanner::problemSummary(const cp::AuditResult &result)
{
    if (!result.decision)
        return {};
    const auto count = [&](cp::CheckStatus s) {
        return std::count_if(result.checks.begin(), result.checks.end(),
                             [s](const cp::Check &c) { return c.status == s; });
    };
    QStringList parts;
    if (const auto failed = count(cp::CheckStatus::Failed))
        parts << plural(failed, "check failed", "checks failed");
    if (const auto insufficient = count(cp::CheckStatus::Insufficient))
        parts << plural(insufficient, "check lacks support", "checks lack support");
    if (!result.missing.empty())
        parts << plural(qsizetype(result.missing.size()), "attestation missing",
                        "attestations missing");
    if (parts.isEmpty())
        parts << QStringLiteral("all %1 passed")
                     .arg(plural(qsizetype(result.checks.size()), "check", "checks"));
    return parts.join(QStringLiteral(" · "));
}

void DecisionBanner::showResult(const cp::AuditResult &result, const QString &tableName)
{
    showResult(result, tableName, cp::gateVerdict(result));
}

void DecisionBanner::showResult(const cp::AuditResult &result, const QString &tableName,
                                const cp::GateVerdict &verdict)
{
    // The source: a table's name, or "run 2 · model on probe set".
    QString detail = QStringLiteral("%1 · %2 rows").arg(tableName, format::integer(result.rows));
    if (!result.contractVersion.empty())
        detail += QStringLiteral(" · contract version %1").arg(format::qs(result.contractVersion));
    // Families left out (a variant refused, or unanswered): said where the reader looks first.
    if (result.familiesLeftOutTotal() > 0)
        detail += QStringLiteral("\n") + format::qs(result.familiesSentence());
    switch (verdict.outcome) {
    case cp::GateVerdict::Outcome::NoContract:
        setState(State::NoContract, QStringLiteral("No contract"),
                 QStringLiteral("The spec has no fairness contract, so there is no release "
                                "decision"),
                 detail);
        return;
    case cp::GateVerdict::Outcome::NotValidated:
        setState(State::Blocked, format::qs(verdict.word()),
                 QStringLiteral("Not validated for release: repaired on the regression set only"),
                 format::qs(verdict.caveat) + QStringLiteral("\n") + detail);
        return;
    case cp::GateVerdict::Outcome::Approved:
    case cp::GateVerdict::Outcome::Blocked:
        break;
    }
    setState(verdict.blocks() ? State::Blocked : State::Approved, format::qs(verdict.word()),
             problemSummary(result), detail);
}

QString DecisionBanner::headline() const
{
    return m_headline->text();
}

QString DecisionBanner::summary() const
{
    return m_summary->text();
}

void DecisionBanner::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit reasonsRequested();
    QFrame::mouseReleaseEvent(event);
}

void DecisionBanner::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Space) {
        emit reasonsRequested();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace cp::ui
