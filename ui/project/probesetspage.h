// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTimer;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableWidget;

namespace cp::ui {

class GeneratorFieldEditor;

/// Generator & probe sets: the frozen probe-set versions of the project (hash, lineage, size)
/// with the selected one's balance and integrity reports; a preview of the first 20 families
/// of a generator spec with the cells that differ within a family marked; the Spec tab, where
/// the spec is edited as controls (size, seed, design and, per field, a kind-specific form in
/// a GeneratorFieldEditor) beside its JSON text, every control edit written back through the
/// spec writer as one undo step of the text; and Generate from a spec file or Derive from a
/// real CSV (run by the window in the background, with progress and Cancel).
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
    /// The same for spec text (the Spec tab's editor calls it as the user types).
    bool previewSpecText(const QString &text, const QString &source);
    /// Loads a generator spec into the Spec tab's editor (and previews it).
    bool openSpec(const QString &specPath);
    QPlainTextEdit *specEditor() const { return m_specText; }
    QSpinBox *familiesBox() const { return m_families; }
    QSpinBox *seedBox() const { return m_seed; }
    QComboBox *designCombo() const { return m_design; }
    GeneratorFieldEditor *fieldEditor() const { return m_fieldEditor; }
    QString specProblem() const;
    QTableWidget *preview() const { return m_preview; }
    /// Cells of the preview that differ from their family's first variant.
    int previewChangedCells() const { return m_changedCells; }

signals:
    void generateRequested(const QString &specPath);
    void deriveRequested(const QString &tablePath, const QString &specPath);
    /// Generate from the spec as edited in the Spec tab.
    void generateTextRequested(const QString &specText, const QString &source);

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
    QSplitter *m_split;
    QTableWidget *m_preview;
    QLabel *m_previewNote;
    QPlainTextEdit *m_specText;
    QSpinBox *m_families;
    QSpinBox *m_seed;
    QComboBox *m_design;
    GeneratorFieldEditor *m_fieldEditor;
    QLabel *m_specStatus;
    QPushButton *m_generateEdited;
    QTimer *m_specTimer;
    QString m_specSource;
    bool m_specValid = false;
    void onSpecEdited();
    void setSpecField(const char *what, int value);
    /// Replaces the spec text as one undo step of the editor, then checks and previews it.
    void replaceSpecText(const QString &text);
    int m_changedCells = 0;
    QStringList m_reports;
};

} // namespace cp::ui
