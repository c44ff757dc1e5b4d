// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace cp::ui {

/// Generator & probe sets: the frozen probe-set versions of the project (hash, lineage, size)
/// with the selected one's balance and integrity reports; a preview of the first 20 families
/// of a generator spec with the cells that differ within a family marked; and Generate from a
/// spec file or Derive from a real CSV (run by the window in the background, with progress
/// and Cancel).
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
    /// Generates the first 20 families of a generator spec in memory (nothing is stored) and
    /// shows them, one row per variant; false with the error shown when the spec is invalid.
    bool previewSpec(const QString &specPath);
    QTableWidget *preview() const { return m_preview; }
    /// Cells of the preview that differ from their family's first variant.
    int previewChangedCells() const { return m_changedCells; }

signals:
    void generateRequested(const QString &specPath);
    void deriveRequested(const QString &tablePath, const QString &specPath);

private:
    void showReport();

    QString m_projectFile;
    QTableWidget *m_table;
    QPlainTextEdit *m_report;
    QLabel *m_empty;
    QPushButton *m_generate;
    QPushButton *m_derive;
    QPushButton *m_previewButton;
    QTabWidget *m_tabs;
    QTableWidget *m_preview;
    QLabel *m_previewNote;
    int m_changedCells = 0;
    QStringList m_reports;
};

} // namespace cp::ui
