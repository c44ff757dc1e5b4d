// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// MainWindow's menus, status bar, recent projects, settings and drag and drop: the parts of the
// window that do not depend on what an audit shows.

#include "mainwindow.h"

#include <ui/project/speceditor.h>
#include <ui/work/taskrunner.h>

#include <QSplitter>
#include <QUndoGroup>
#include <QUndoStack>

#include <ui/audit/auditformat.h>
#include <ui/project/projectdocument.h>
#include <ui/settings/preference.h>
#include <ui/report/reportactions.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace cp::ui {

namespace {

const Preference<QStringList> recentProjects{"Project/Recent"};
const Preference<QString> lastDirectory{"Project/LastDirectory"};
const Preference<QByteArray> windowGeometry{"MainWindow/Geometry"};
const Preference<QByteArray> windowLayout{"MainWindow/State"};
const Preference<int> lastSection{"MainWindow/Section", MainWindow::SlicesSection};
/// Every splitter's sizes, by the splitter's place among the window's splitters.
const Preference<QVariantList> splitterStates{"MainWindow/Splitters"};
constexpr int MaxRecentProjects = 8;

/// A local project file or folder among dropped URLs, or an empty string.
QString droppedProject(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isDir() || info.suffix() == QLatin1String("counterpart"))
            return info.absoluteFilePath();
    }
    return {};
}

} // namespace

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Project…"), this, &MainWindow::openProjectDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open Sample &Folder…"), this, &MainWindow::openFolderDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    m_saveCopyAction = file->addAction(tr("Save &Copy As…"), this, &MainWindow::saveCopyDialog);
    m_saveCopyAction->setShortcut(QKeySequence::SaveAs);
    m_saveCopyAction->setEnabled(false);
    connect(this, &MainWindow::projectOpened, m_saveCopyAction,
            [this] { m_saveCopyAction->setEnabled(true); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    // Undo and redo for every edit of the spec (attributes, contract, attestations), and for
    // review labels while the Reviews page is shown (the group's active stack).
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *audit = menuBar()->addMenu(tr("&Audit"));
    m_rerunAction = audit->addAction(tr("&Re-run"), this, &MainWindow::rerunAudit);
    m_rerunAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_rerunAction->setEnabled(false);
    audit->addAction(tr("Set Audit &Spec…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Set Audit Spec"), {},
                                                          tr("Audit specs (*.json);;All files (*)"));
        if (!path.isEmpty())
            setAuditSpec(path);
    });
    audit->addSeparator();
    QMenu *go = menuBar()->addMenu(tr("&View"));
    const QStringList titles = {tr("&Attributes"),   tr("&Generator && Probe Sets"),
                                tr("&Models && Runs"), tr("&Pairs"),
                                tr("&Slices"),       tr("&Intersections"),
                                tr("&Calibration"),  tr("C&ontract && Decision"),
                                tr("Re&views"),      tr("&LLM Outputs")};
    Q_ASSERT(titles.size() == SectionCount);
    for (int i = 0; i < titles.size(); ++i) {
        QAction *a = go->addAction(titles.at(i), this, [this, i] { showSection(Section(i)); });
        // Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth.
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(i < 9 ? Qt::Key_1 + i : Qt::Key_0)));
    }
    QAction *cancel = audit->addAction(tr("&Cancel"), this, [this] {
        if (isTaskRunning())
            taskRunner()->cancel();
        else
            cancelAudit();
    });
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));

    // Export Report, Compare Runs, Trend, Presentation: kept in ui/report/reportactions.cpp.
    ReportActions::install(this, file, audit, go);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Counterpart"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar()
{
    m_rowsLabel->setObjectName(QStringLiteral("rowsLabel"));
    m_rowsLabel->setTextFormat(Qt::PlainText);   // shows the table's name: project text
    m_shaLabel->setObjectName(QStringLiteral("shaLabel"));
    m_contractLabel->setObjectName(QStringLiteral("contractLabel"));
    m_progress->setObjectName(QStringLiteral("auditProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_cancelButton->setObjectName(QStringLiteral("cancelAudit"));
    m_cancelButton->setToolTip(tr("Stop what runs in the background (Esc); a stopped scoring "
                                  "run resumes later without rescoring"));
    m_taskLabel->setObjectName(QStringLiteral("taskLabel"));
    m_taskLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_taskLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_rowsLabel);
    statusBar()->addPermanentWidget(m_shaLabel);
    statusBar()->addPermanentWidget(m_contractLabel);
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = windowGeometry.get();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(windowLayout.get());
    const QList<QSplitter *> splitters = findChildren<QSplitter *>();
    const QVariantList states = splitterStates.get();
    for (int i = 0; i < splitters.size() && i < states.size(); ++i)
        splitters.at(i)->restoreState(states.at(i).toByteArray());
    const int section = lastSection.get();
    if (section >= 0 && section < SectionCount)
        showSection(Section(section));
}

void MainWindow::saveSettings()
{
    windowGeometry.set(saveGeometry());
    windowLayout.set(saveState());
    QVariantList states;
    for (QSplitter *splitter : findChildren<QSplitter *>())
        states << splitter->saveState();
    splitterStates.set(states);
    lastSection.set(int(currentSection()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    cancelAudit(); // the runner (a child) waits for the worker when the window is destroyed
    event->accept();
}

void MainWindow::addRecentProject(const QString &path)
{
    QStringList list = recentProjects.get();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > MaxRecentProjects)
        list.removeLast();
    recentProjects.set(list);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList list = recentProjects.get();
    for (const QString &path : list) {
        QAction *a = m_recentMenu->addAction(QDir::toNativeSeparators(path), this,
                                             [this, path] { openProject(path); });
        a->setEnabled(QFileInfo::exists(path));
    }
    if (list.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), this, [] { recentProjects.reset(); });
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), lastDirectory.get(),
        tr("Counterpart projects (*.counterpart);;All files (*)"));
    if (path.isEmpty())
        return;
    lastDirectory.set(QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::openFolderDialog()
{
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Open Sample Folder (holding project.json)"), lastDirectory.get());
    if (path.isEmpty())
        return;
    lastDirectory.set(QFileInfo(path).absolutePath());
    openProject(path);
}

void MainWindow::saveCopyDialog()
{
    if (!m_document)
        return;
    const QString suggested = QDir(lastDirectory.get()).filePath(
        QFileInfo(m_document->sourcePath()).completeBaseName() + QStringLiteral(".counterpart"));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Copy As"), suggested,
                                                tr("Counterpart projects (*.counterpart)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".counterpart");
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->projectFile()).absoluteFilePath()) {
        showError(tr("Error Saving Copy"), tr("'%1' is the open project itself.").arg(path));
        return;
    }
    // The dialog already asked before overwriting; VACUUM INTO needs the target to be absent.
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        showError(tr("Error Saving Copy"), tr("Cannot replace '%1'.").arg(path));
        return;
    }
    if (auto saved = m_document->saveCopy(path); !saved) {
        showError(tr("Error Saving Copy"), tr("Error saving a copy to '%1':\n%2")
                                               .arg(path, format::qs(saved.error().toString())));
        return;
    }
    lastDirectory.set(QFileInfo(path).absolutePath());
    addRecentProject(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved a copy to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Counterpart"),
        tr("<h3>Counterpart %1</h3><p>A workbench for counterfactual fairness audits: balanced "
           "probe sets, pair flips, slice rates with Wilson intervals, and a release decision "
           "against a fairness contract.</p><p>MIT licence.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedProject(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedProject(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openProject(path);
}

} // namespace cp::ui
