// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/review/consensus.h>

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;

namespace cp::ui {

class ReviewHistoryModel;

/// Beside the pair under review: the family's history (who, when, old → new), the counts of
/// the consensus (equivalent / not equivalent / unsure / awaiting adjudication) and the
/// agreement figures: Krippendorff's α per question and Cohen's κ per pair of reviewers, each
/// with the items behind it, and "undefined" with the reason where a figure has none (never 0).
class ReviewSidePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewSidePanel(QWidget *parent = nullptr);

    void setSummary(const cp::ReviewSummary &summary);
    /// The family's changes, oldest first; `hidden` changes by others were left out (blind).
    void setHistory(const QString &family, std::vector<cp::ReviewChange> changes, int hidden,
                    const QString &favourable, const QString &unfavourable);
    void clearHistory();

    QString countsText() const;
    QString agreementText() const;
    ReviewHistoryModel *historyModel() const { return m_historyModel; }
    QTableView *historyView() const { return m_history; }

    /// "0.612 (n = 14)" or "undefined (n = 0): <reason>".
    static QString figureText(const cp::AgreementValue &value);

private:
    QLabel *m_counts;
    QLabel *m_agreement;
    QLabel *m_historyTitle;
    QLabel *m_historyNote;
    QTableView *m_history;
    ReviewHistoryModel *m_historyModel;
};

} // namespace cp::ui
