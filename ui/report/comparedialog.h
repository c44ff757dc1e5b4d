// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/report/runcomparison.h>
#include <core/workflow/sourceaudit.h>

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace cp::ui {

class BackgroundTask;
class DecisionBanner;

class ComparisonModel;

/// Audit › Compare Runs…: a baseline and a candidate picked from the project's audit sources
/// (the main window's list: tables, then scoring runs), both audited with the current spec on
/// a pool thread (not recorded), then compared (cp::compareRuns): the decision change, the
/// regression-set caveat when a repair is shown only on the probe set that exposed it, flips
/// fixed and introduced, check changes, and every metric's delta. Sources that are not the
/// same probe set are refused with core's reason.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    struct Outcome {
        std::shared_ptr<const cp::SourceAudit> baseline;
        std::shared_ptr<const cp::SourceAudit> candidate;
        std::shared_ptr<const cp::RunComparison> comparison;
    };

    /// Lists the project's sources; with two or more, compares the first two (or the pair
    /// given by setSources()).
    explicit CompareDialog(const QString &projectFile, QWidget *parent = nullptr);
    ~CompareDialog() override;

    /// Selects sources by key ("table:1", "run:2") and compares them.
    bool setSources(const QString &baselineKey, const QString &candidateKey);
    void compare();
    bool isComparing() const;

    QComboBox *baselineCombo() const { return m_baseline; }
    QComboBox *candidateCombo() const { return m_candidate; }
    ComparisonModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// The last comparison, or nullptr.
    const cp::RunComparison *comparison() const { return m_outcome.comparison.get(); }
    bool caveatShown() const;
    QString caveatText() const;
    QString decisionText() const;
    QString flipsText() const;
    QString errorText() const;

signals:
    void compared();
    void failed(const QString &message);
    /// "Present Candidate…": the candidate's audit with the comparison attached.
    void presentRequested(std::shared_ptr<const cp::SourceAudit> candidate,
                          std::shared_ptr<const cp::RunComparison> comparison);

private:
    void loadSources();
    void onFinished(cp::Result<Outcome> result);
    void showOutcome();
    void showError(const QString &message);
    void setBusy(bool busy);

    QString m_projectFile;
    QComboBox *m_baseline;
    QComboBox *m_candidate;
    QPushButton *m_compareButton;
    QPushButton *m_presentButton;
    QProgressBar *m_progress;
    QLabel *m_header;
    QLabel *m_decision;
    DecisionBanner *m_verdict;  ///< the gate's verdict on the candidate against the baseline
    QLabel *m_caveat;
    QLabel *m_flips;
    QLabel *m_checks;
    QLabel *m_error;
    ComparisonModel *m_model;
    QTableView *m_table;
    BackgroundTask *m_task;  ///< the latest pair wins: a new pick supersedes a running one
    Outcome m_outcome;
};

} // namespace cp::ui
