// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include <ui/audit/auditformat.h>
#include <ui/audit/auditrunner.h>
#include <ui/audit/auditview.h>
#include <ui/audit/decisionbanner.h>
#include <ui/project/projectdocument.h>

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace cp::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_runner(new AuditRunner(this))
    , m_banner(new DecisionBanner(this))
    , m_view(new AuditView(this))
    , m_tableCombo(new QComboBox(this))
    , m_projectLabel(new QLabel(this))
    , m_rowsLabel(new QLabel(this))
    , m_shaLabel(new QLabel(this))
    , m_contractLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_tableCombo->setObjectName(QStringLiteral("tableSelector"));
    m_tableCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tableCombo->setMinimumContentsLength(12);
    m_tableCombo->setToolTip(tr("The frozen table to audit"));
    m_projectLabel->setObjectName(QStringLiteral("projectLabel"));
    m_projectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tableLabel = new QLabel(tr("&Table:"), this);
    tableLabel->setBuddy(m_tableCombo);
    auto *selector = new QHBoxLayout;
    selector->addWidget(tableLabel);
    selector->addWidget(m_tableCombo);
    selector->addSpacing(16);
    selector->addWidget(m_projectLabel, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->setSpacing(8);
    layout->addWidget(m_banner);
    layout->addLayout(selector);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar();

    connect(m_banner, &DecisionBanner::reasonsRequested, m_view, &AuditView::showReasons);
    connect(m_tableCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onTableSelected);
    connect(m_runner, &AuditRunner::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, maximum);
        m_progress->setValue(value);
    });
    connect(m_runner, &AuditRunner::finished, this, &MainWindow::onAuditFinished);
    connect(m_runner, &AuditRunner::failed, this, &MainWindow::onAuditFailed);
    connect(m_runner, &AuditRunner::cancelled, this, &MainWindow::onAuditCancelled);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelAudit);

    setAuditRunning(false);
    updateStatusLabels();
    updateTitle();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

bool MainWindow::openProject(const QString &path, const QString &table)
{
    auto opened = ProjectDocument::open(path);
    if (!opened) {
        showError(tr("Error Opening Project"),
                  tr("Error opening '%1':\n%2")
                      .arg(QDir::toNativeSeparators(path), format::qs(opened.error().toString())));
        return false;
    }
    if (opened.value()->tables().empty()) {
        showError(tr("Error Opening Project"),
                  tr("'%1' holds no table to audit.").arg(QDir::toNativeSeparators(path)));
        return false;
    }

    m_runner->cancel();
    m_document = std::move(opened).value();
    m_audit.reset();
    m_view->setAudit(nullptr);

    {
        const QSignalBlocker blocker(m_tableCombo);
        m_tableCombo->clear();
        for (const cp::TableRecord &t : m_document->tables()) {
            const QString name = format::qs(t.name);
            const bool duplicate = m_tableCombo->findText(name) >= 0;
            m_tableCombo->addItem(duplicate ? tr("%1 (#%2)").arg(name).arg(t.id) : name,
                                  QString::number(t.id));
            m_tableCombo->setItemData(m_tableCombo->count() - 1,
                                      tr("%1 · %2 · %3 bytes · imported %4")
                                          .arg(name, format::qs(t.format))
                                          .arg(t.bytes)
                                          .arg(format::qs(t.imported)),
                                      Qt::ToolTipRole);
        }
        int index = 0;
        if (!table.isEmpty()) {
            index = m_tableCombo->findText(table);
            if (index < 0)
                index = m_tableCombo->findData(table);
            if (index < 0) {
                // Let the audit report the unknown name with core's wording.
                m_tableCombo->addItem(table, table);
                index = m_tableCombo->count() - 1;
            }
        }
        m_tableCombo->setCurrentIndex(index);
    }

    addRecentProject(m_document->sourcePath());
    updateTitle();
    emit projectOpened(m_document->sourcePath());
    startAudit();
    return true;
}

void MainWindow::rerunAudit()
{
    if (m_document)
        startAudit();
}

void MainWindow::cancelAudit()
{
    m_runner->cancel();
}

bool MainWindow::isAuditRunning() const
{
    return m_runner->isRunning();
}

QString MainWindow::currentTable() const
{
    return m_tableCombo->currentText();
}

void MainWindow::onTableSelected(int index)
{
    if (index >= 0 && m_document)
        startAudit();
}

void MainWindow::startAudit()
{
    if (!m_document || m_tableCombo->currentIndex() < 0)
        return;
    const QString table = m_tableCombo->currentData().toString();
    m_banner->showRunning(tr("Table %1 of %2")
                              .arg(m_tableCombo->currentText(), m_document->name()));
    setAuditRunning(true);
    m_runner->start(m_document->projectFile(), table);
}

void MainWindow::onAuditFinished(std::shared_ptr<const cp::ProjectAudit> audit)
{
    setAuditRunning(false);
    m_audit = std::move(audit);
    m_view->setAudit(m_audit);
    m_banner->showResult(m_audit->result, format::qs(m_audit->table.name));
    updateStatusLabels();
    statusBar()->showMessage(tr("Audited %1").arg(format::qs(m_audit->table.name)), 5000);
    emit auditFinished();
}

void MainWindow::onAuditFailed(const cp::Error &error)
{
    setAuditRunning(false);
    m_audit.reset();
    m_view->setAudit(nullptr);
    updateStatusLabels();
    const QString message = format::qs(error.toString());
    m_banner->showError(message);
    showError(tr("Audit Failed"),
              tr("The audit of '%1' failed:\n%2").arg(m_tableCombo->currentText(), message));
    emit auditFailed(message);
}

void MainWindow::onAuditCancelled()
{
    setAuditRunning(false);
    if (m_audit)
        m_banner->showResult(m_audit->result, format::qs(m_audit->table.name));
    else
        m_banner->showIdle(tr("The audit was cancelled. Press F5 to run it again."));
    statusBar()->showMessage(tr("Audit cancelled"), 5000);
}

void MainWindow::setAuditRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancelButton->setVisible(running);
    if (running)
        m_progress->setValue(0);
    m_view->setEnabled(!running);
    if (m_rerunAction)
        m_rerunAction->setEnabled(m_document != nullptr);
}

void MainWindow::updateStatusLabels()
{
    if (!m_audit) {
        m_rowsLabel->setText(tr("No audit"));
        m_shaLabel->clear();
        m_shaLabel->setToolTip({});
        m_contractLabel->clear();
        return;
    }
    const cp::AuditResult &r = m_audit->result;
    QString rows = tr("%1 rows").arg(cp::ui::format::integer(r.rows));
    if (r.families)
        rows += tr(" · %1 families").arg(cp::ui::format::integer(*r.families));
    m_rowsLabel->setText(rows);
    const QString sha = format::qs(r.tableSha256);
    m_shaLabel->setText(tr("sha256 %1…").arg(sha.left(12)));
    m_shaLabel->setToolTip(tr("SHA-256 of the frozen table:\n%1").arg(sha));
    m_contractLabel->setText(r.contractVersion.empty()
                                 ? tr("no contract")
                                 : tr("contract v%1").arg(format::qs(r.contractVersion)));
}

void MainWindow::updateTitle()
{
    if (!m_document) {
        setWindowTitle(tr("Counterpart"));
        m_projectLabel->setText(tr("No project open — File › Open Project… or drop a project "
                                   "file or folder here"));
        return;
    }
    setWindowTitle(tr("%1 — Counterpart").arg(m_document->name()));
    QString where = QDir::toNativeSeparators(m_document->sourcePath());
    if (m_document->isScratch())
        where += tr(" (imported into a temporary project; File › Save Copy As… keeps it)");
    m_projectLabel->setText(tr("<b>%1</b> &nbsp; %2").arg(m_document->name().toHtmlEscaped(),
                                                          where.toHtmlEscaped()));
    m_projectLabel->setToolTip(tr("Audited project file: %1")
                                   .arg(QDir::toNativeSeparators(m_document->projectFile())));
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    qWarning("%s: %s", qPrintable(title), qPrintable(message));
    emit errorOccurred(title, message);
    if (!m_errorDialogs)
        return;
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace cp::ui
