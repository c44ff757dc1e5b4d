// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cp::ui {

/// Generator & probe sets: the frozen probe-set versions of the project (hash, lineage, size)
/// with the selected one's balance and integrity reports, and Generate from a spec file (run
/// by the window in the background, with progress and Cancel).
class ProbeSetsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ProbeSetsPage(QWidget *parent = nullptr);

    /// Re-reads the project's probe sets (empty path: clears).
    void reload(const QString &projectFile);
    QTableWidget *table() const { return m_table; }
    QString reportText() const;
    void setBusy(bool busy);

signals:
    void generateRequested(const QString &specPath);

private:
    void showReport();

    QString m_projectFile;
    QTableWidget *m_table;
    QPlainTextEdit *m_report;
    QLabel *m_empty;
    QPushButton *m_generate;
    QStringList m_reports;
};

} // namespace cp::ui
