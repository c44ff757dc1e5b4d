// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// MainWindow's background work: generate and freeze a probe set, add a scorer, score a probe
// set (asking for trust first when the scorer runs a program or reaches a URL), resume a run,
// set the audit spec. Each runs through the TaskRunner with progress and Cancel; the views are
// reloaded when it ends.

#include "mainwindow.h"

#include <core/common/jsontext.h>
#include <core/derive/derivefiles.h>
#include <core/generate/generator.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/score/trust.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/tablereader.h>
#include <core/workflow/replyprobeset.h>
#include <ui/audit/auditformat.h>
#include <ui/audit/decisionbanner.h>
#include <ui/project/probesetspage.h>
#include <ui/project/projectdocument.h>
#include <ui/project/runspage.h>
#include <ui/work/taskrunner.h>

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include <nlohmann/json.hpp>

namespace cp::ui {

namespace {

/// For the background tasks: the whole file checked (once per process).
cp::Result<std::unique_ptr<cp::ProjectStore>> openStore(const std::string &file)
{
    return cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingOnly);
}

/// For short reads and writes on the GUI thread.
cp::Result<std::unique_ptr<cp::ProjectStore>> openQuick(const std::string &file)
{
    return cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingQuick);
}

} // namespace

bool MainWindow::isTaskRunning() const
{
    return m_tasks->isRunning();
}

bool MainWindow::generateProbeSet(const QString &specPath)
{
    auto text = cp::readFileBytes(specPath.toStdString());
    if (!text) {
        showError(tr("Cannot Generate"), format::qs(text.error().toString()));
        return false;
    }
    return generateProbeSetFromText(format::qs(*text), specPath);
}

bool MainWindow::generateProbeSetFromText(const QString &specText, const QString &source)
{
    if (!m_document || m_tasks->isRunning())
        return false;
    const std::string file = m_document->projectFile().toStdString();
    const std::string text = specText.toStdString();
    const std::string spec = source.toStdString();
    const QString title = tr("Generating from %1").arg(QFileInfo(source).fileName());
    const bool started = m_tasks->start(title, [file, text, spec](const cp::Progress &progress)
                                                   -> cp::Result<std::string> {
        auto parsed = cp::parseGeneratorSpec(text, spec);
        if (!parsed)
            return parsed.error();
        auto catalog = cp::ProviderCatalog::loadDefault();
        if (!catalog)
            return catalog.error();
        auto set = cp::generate(*parsed, *catalog, {}, progress.phase(0, 700));
        if (!set)
            return set.error();
        auto store = openStore(file);
        if (!store)
            return store.error();
        cp::FreezeOptions options;
        options.source = spec;
        options.progress = progress.phase(700, 1000);
        const cp::ProbeSetOrigin origin{"generated", parsed->name, parsed->json, parsed->seed,
                                        std::nullopt};
        auto record = cp::freezeProbeSet(**store, origin, set->layout, set->bytes, options);
        if (!record)
            return record.error();
        return (record->existed ? "identical to probe set " : "froze probe set ")
               + std::to_string(record->id) + " '" + record->name + "': "
               + std::to_string(record->families) + " families, "
               + std::to_string(record->variants) + " variants";
    });
    if (started)
        setTaskRunning(true);
    return started;
}

bool MainWindow::deriveProbeSet(const QString &tablePath, const QString &specPath)
{
    if (!m_document || m_tasks->isRunning())
        return false;
    const std::string file = m_document->projectFile().toStdString();
    const std::string table = tablePath.toStdString();
    const std::string spec = specPath.toStdString();
    const QString title = tr("Deriving from %1").arg(QFileInfo(tablePath).fileName());
    const bool started = m_tasks->start(title, [file, table, spec](const cp::Progress &progress)
                                                   -> cp::Result<std::string> {
        auto derived = cp::deriveFromFiles(table, spec, {}, {}, progress.phase(0, 700));
        if (!derived)
            return derived.error();
        auto store = openStore(file);
        if (!store)
            return store.error();
        cp::FreezeOptions options;
        options.source = table;
        options.progress = progress.phase(700, 1000);
        const cp::ProbeSetOrigin origin{"derived", derived->spec.name, derived->specText,
                                        std::nullopt, std::nullopt};
        auto record = cp::freezeProbeSet(**store, origin, derived->set.layout, derived->set.csv,
                                         options);
        if (!record)
            return record.error();
        std::string summary = (record->existed ? "identical to probe set " : "froze probe set ")
                              + std::to_string(record->id) + " '" + record->name + "': "
                              + std::to_string(record->families) + " families";
        if (derived->set.flaggedVariants > 0)
            summary += "; " + std::to_string(derived->set.flaggedVariants)
                       + " variants carry review flags (see the review_flags column)";
        return summary;
    });
    if (started)
        setTaskRunning(true);
    return started;
}

bool MainWindow::addModel(const QString &scorerPath)
{
    if (!m_document)
        return false;
    auto config = cp::loadScorerConfig(scorerPath.toStdString());
    auto store = openQuick(m_document->projectFile().toStdString());
    auto model = config && store ? cp::addModel(**store, *config)
                                 : cp::Result<cp::ModelRecord>(config ? store.error()
                                                                      : config.error());
    if (!model) {
        showError(tr("Cannot Add Model"), format::qs(model.error().toString()));
        return false;
    }
    statusBar()->showMessage(
        model->existed ? tr("Model '%1' is already in the project").arg(format::qs(model->name))
                       : tr("Added model '%1' version %2")
                             .arg(format::qs(model->name), format::qs(model->version)),
        5000);
    reloadPages();
    return true;
}

bool MainWindow::editModel(std::int64_t modelId, const QString &configJson)
{
    if (!m_document)
        return false;
    const std::string file = m_document->projectFile().toStdString();
    auto store = openQuick(file);
    auto model = store ? cp::findModel(**store, std::to_string(modelId))
                       : cp::Result<cp::ModelRecord>(store.error());
    if (!model) {
        showError(tr("Cannot Edit Model"), format::qs(model.error().toString()));
        return false;
    }
    // Relative paths in a stored scorer resolve against the project's folder.
    const std::string folder = QFileInfo(m_document->projectFile()).absolutePath().toStdString();
    auto config = cp::parseScorerConfig(configJson.toStdString(),
                                        "model '" + model->name + "' (edited)", folder);
    if (!config) {
        showError(tr("Cannot Edit Model"), format::qs(config.error().toString()));
        return false;
    }
    auto added = cp::addModel(**store, *config);
    if (!added) {
        showError(tr("Cannot Edit Model"), format::qs(added.error().toString()));
        return false;
    }
    statusBar()->showMessage(added->existed ? tr("No change: that config is already stored")
                                            : tr("Stored model '%1' record %2")
                                                  .arg(format::qs(added->name))
                                                  .arg(added->id),
                             5000);
    reloadPages();
    return true;
}

bool MainWindow::ensureTrusted(const std::string &projectFile, const cp::ModelRecord &model)
{
    // The rule is core's (cp::scorerTrust): which kinds need trust, and whether this exact
    // config, hashed as it is stored now, was trusted here.
    const cp::ScorerTrust trust = cp::scorerTrust(projectFile, model);
    if (!trust.configError.empty()) {
        showError(tr("Cannot Score"), format::qs(trust.configError));
        return false;
    }
    if (!trust.mustAsk())
        return true;
    if (!confirmTrust(model, trust))
        return false;
    if (auto s = cp::grantTrust(projectFile, model); !s) {
        showError(tr("Cannot Record Trust"), format::qs(s.error().toString()));
        return false;
    }
    return true;
}

bool MainWindow::confirmTrust(const cp::ModelRecord &model, const cp::ScorerTrust &trust)
{
    if (m_trustAnswer)
        return *m_trustAnswer;
    const bool program = trust.reach == cp::ScorerTrust::Reach::Program;
    QMessageBox box(QMessageBox::Warning, tr("Trust This Scorer?"),
                    tr("Model '%1' is a %2 scorer: scoring will %3.\n\nThis project's copy of "
                       "it has not been trusted on this machine. Only trust a scorer whose "
                       "configuration you have read.")
                        .arg(format::qs(model.name), format::qs(model.kind),
                             program ? tr("run a program on this computer")
                             : trust.reach == cp::ScorerTrust::Reach::OutsideFile
                                 ? tr("read %1, a file outside the project's folder")
                                       .arg(format::qs(trust.outsideFile))
                                 : tr("send every probe to a network address")),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("trustPrompt"));
    // What the trust covers, from core: the config, and for a command the files it runs from
    // the project's folder (by content); files elsewhere run but are not covered.
    QStringList covered, outside, changed;
    for (const auto &f : trust.files)
        covered << format::qs(f.path);
    for (const auto &f : trust.uncoveredFiles)
        outside << format::qs(f);
    for (const auto &f : trust.changedFiles)
        changed << format::qs(f);
    QString info;
    if (!changed.isEmpty())
        info += tr("It was trusted before; since then this changed: %1.\n")
                    .arg(changed.join(QStringLiteral(", ")));
    if (!covered.isEmpty())
        info += tr("Trust covers the configuration and the content of: %1. A change to any of "
                   "them asks again.").arg(covered.join(QStringLiteral(", ")));
    if (!outside.isEmpty())
        info += (info.isEmpty() ? QString() : QStringLiteral("\n"))
                + tr("Not covered (outside the project's folder, they may change without a "
                     "prompt): %1.").arg(outside.join(QStringLiteral(", ")));
    if (!info.isEmpty())
        box.setInformativeText(info);
    box.setDetailedText(
        format::qs(cp::jsontext::dump(nlohmann::json::parse(model.configJson, nullptr, false),
                                      2)));
    QPushButton *trustButton = box.addButton(tr("&Trust and Score"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == trustButton;
}

bool MainWindow::scoreProbeSet(std::int64_t probeSetId, std::int64_t modelId)
{
    if (!m_document || m_tasks->isRunning())
        return false;
    const std::string file = m_document->projectFile().toStdString();
    auto store = openQuick(file);
    if (!store) {
        showError(tr("Cannot Score"), format::qs(store.error().toString()));
        return false;
    }
    auto model = cp::findModel(**store, std::to_string(modelId));
    auto set = cp::findProbeSet(**store, std::to_string(probeSetId));
    if (!model || !set) {
        showError(tr("Cannot Score"),
                  format::qs((model ? set.error() : model.error()).toString()));
        return false;
    }
    if (!ensureTrusted(file, *model)) {
        statusBar()->showMessage(tr("Not scored: the scorer was not trusted"), 5000);
        return false;
    }
    const QString title = tr("Scoring %1 with %2")
                              .arg(format::qs(set->name), format::qs(model->name));
    const cp::ProbeSetRecord probeSet = *set;
    const cp::ModelRecord record = *model;
    const bool started = m_tasks->start(title, [file, probeSet, record](
                                                   const cp::Progress &progress)
                                                   -> cp::Result<std::string> {
        auto s = openStore(file);
        if (!s)
            return s.error();
        cp::ScoringOptions options;
        options.progress = progress;
        auto outcome = cp::scoreProbeSet(**s, probeSet, record, options);
        if (!outcome)
            return outcome.error();
        if (!outcome->status.ok())
            return outcome->status.error();
        return "run " + std::to_string(outcome->run.id) + " " + outcome->run.status + ": "
               + std::to_string(outcome->run.scored) + " scored, "
               + std::to_string(outcome->run.errors) + " errors";
    });
    if (started)
        setTaskRunning(true);
    return started;
}

bool MainWindow::scoreReplies(std::int64_t runId, std::int64_t modelId)
{
    if (!m_document || m_tasks->isRunning())
        return false;
    const std::string file = m_document->projectFile().toStdString();
    auto store = openQuick(file);
    if (!store) {
        showError(tr("Cannot Score Replies"), format::qs(store.error().toString()));
        return false;
    }
    auto model = cp::findModel(**store, std::to_string(modelId));
    if (!model) {
        showError(tr("Cannot Score Replies"), format::qs(model.error().toString()));
        return false;
    }
    if (!ensureTrusted(file, *model)) {
        statusBar()->showMessage(tr("Not scored: the scorer was not trusted"), 5000);
        return false;
    }
    const QString title = tr("Scoring the replies of run %1 with %2")
                              .arg(runId)
                              .arg(format::qs(model->name));
    const cp::ModelRecord record = *model;
    const bool started = m_tasks->start(title, [file, runId, record](
                                                   const cp::Progress &progress)
                                                   -> cp::Result<std::string> {
        auto s = openStore(file);
        if (!s)
            return s.error();
        auto replies = cp::freezeReplyProbeSet(**s, runId, progress.phase(0, 100));
        if (!replies)
            return replies.error();
        cp::ScoringOptions options;
        options.progress = progress.phase(100, 1000);
        auto outcome = cp::scoreProbeSet(**s, replies->set, record, options);
        if (!outcome)
            return outcome.error();
        if (!outcome->status.ok())
            return outcome->status.error();
        return "run " + std::to_string(outcome->run.id) + " of the replies of run "
               + std::to_string(runId) + " " + outcome->run.status + ": "
               + std::to_string(outcome->run.scored) + " scored, "
               + std::to_string(outcome->run.errors) + " errors; "
               + std::to_string(replies->familiesLeftOut)
               + " families left out (a variant refused or gave no reply)";
    });
    if (started)
        setTaskRunning(true);
    return started;
}

bool MainWindow::resumeRun(std::int64_t runId)
{
    if (!m_document || m_tasks->isRunning())
        return false;
    const std::string file = m_document->projectFile().toStdString();
    auto store = openQuick(file);
    auto run = store ? cp::findScoreRun(**store, runId)
                     : cp::Result<cp::ScoreRunRecord>(store.error());
    if (!run) {
        showError(tr("Cannot Resume"), format::qs(run.error().toString()));
        return false;
    }
    auto model = cp::findModel(**store, std::to_string(run->modelId));
    auto set = cp::findProbeSet(**store, std::to_string(run->probeSetId));
    if (!model || !set)
        return false;
    if (!ensureTrusted(file, *model))
        return false;
    const cp::ProbeSetRecord probeSet = *set;
    const cp::ModelRecord record = *model;
    const bool started = m_tasks->start(
        tr("Resuming run %1").arg(runId),
        [file, probeSet, record, runId](const cp::Progress &progress) -> cp::Result<std::string> {
            auto s = openStore(file);
            if (!s)
                return s.error();
            cp::ScoringOptions options;
            options.progress = progress;
            options.runId = runId;
            auto outcome = cp::scoreProbeSet(**s, probeSet, record, options);
            if (!outcome)
                return outcome.error();
            if (!outcome->status.ok())
                return outcome->status.error();
            return "run " + std::to_string(runId) + " " + outcome->run.status + ": "
                   + std::to_string(outcome->alreadyScored) + " kept, "
                   + std::to_string(outcome->scoredNow) + " scored now";
        });
    if (started)
        setTaskRunning(true);
    return started;
}

bool MainWindow::setAuditSpec(const QString &specPath)
{
    if (!m_document)
        return false;
    auto bytes = cp::readFileBytes(specPath.toStdString());
    auto parsed = bytes ? cp::parseAuditSpecText(*bytes, specPath.toStdString())
                        : cp::Result<cp::AuditSpec>(bytes.error());
    if (!parsed) {
        showError(tr("Cannot Set the Audit Spec"), format::qs(parsed.error().toString()));
        return false;
    }
    auto store = openQuick(m_document->projectFile().toStdString());
    auto saved = store ? (*store)->saveSpec(*bytes) : cp::Result<cp::SpecRecord>(store.error());
    if (!saved) {
        showError(tr("Cannot Set the Audit Spec"), format::qs(saved.error().toString()));
        return false;
    }
    statusBar()->showMessage(tr("Audit spec '%1' set").arg(format::qs(parsed->name)), 5000);
    rerunAudit();
    return true;
}

void MainWindow::setTaskRunning(bool running)
{
    m_taskLabel->setText(running ? m_tasks->title() + QStringLiteral("…") : QString());
    m_taskLabel->setVisible(running);
    m_probeSets->setBusy(running);
    m_runsPage->setBusy(running);
    m_progress->setVisible(running || isAuditRunning());
    m_cancelButton->setVisible(running || isAuditRunning());
    if (running)
        m_progress->setValue(0);
}

void MainWindow::onTaskFinished(const QString &title, const QString &summary)
{
    setTaskRunning(false);
    statusBar()->showMessage(summary.isEmpty() ? title : summary, 8000);
    reloadPages();
    reloadSources({});
    emit taskFinished(title, true);
}

void MainWindow::onTaskFailed(const QString &title, const cp::Error &error)
{
    setTaskRunning(false);
    reloadPages();
    reloadSources({});
    showError(title, format::qs(error.toString()));
    emit taskFinished(title, false);
}

void MainWindow::onTaskCancelled(const QString &title)
{
    setTaskRunning(false);
    statusBar()->showMessage(tr("%1: cancelled").arg(title), 8000);
    reloadPages();
    reloadSources({});
    emit taskFinished(title, false);
}

} // namespace cp::ui
