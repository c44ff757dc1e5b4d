// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <cstdint>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cp::ui {

/// Models & runs: the project's scorer configs and scoring runs (status, counts, dates), the
/// selected run's log and row errors; Add Model, Score (probe set × model), Resume, and Audit
/// this run. The window runs the work in the background and asks for trust when a command or
/// HTTP scorer is not yet trusted on this machine.
class RunsPage : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPage(QWidget *parent = nullptr);

    void reload(const QString &projectFile);
    void setBusy(bool busy);

    QTableWidget *modelTable() const { return m_models; }
    QTableWidget *runTable() const { return m_runs; }
    QComboBox *probeSetCombo() const { return m_probeSet; }
    QComboBox *modelCombo() const { return m_model; }
    QString logText() const;
    /// The selected run, or 0.
    std::int64_t selectedRun() const;
    /// The selected model, or 0.
    std::int64_t selectedModel() const;

signals:
    void addModelRequested(const QString &scorerPath);
    /// Edit the selected model's config: the window validates it and stores a new record.
    void editModelRequested(std::int64_t modelId, const QString &configJson);
    void scoreRequested(std::int64_t probeSetId, std::int64_t modelId);
    void resumeRequested(std::int64_t runId);
    void auditRequested(std::int64_t runId);
    /// Score the run's replies with the model chosen for scoring (sentiment, toxicity, a
    /// rubric judge): the replies become a probe set of their own.
    void scoreRepliesRequested(std::int64_t runId, std::int64_t modelId);

private:
    void showRun();

    QString m_projectFile;
    QTableWidget *m_models;
    QTableWidget *m_runs;
    QPlainTextEdit *m_log;
    QComboBox *m_probeSet;
    QComboBox *m_model;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_score;
    QPushButton *m_resume;
    QPushButton *m_audit;
    QPushButton *m_replies;
    QLabel *m_summary;
};

} // namespace cp::ui
