// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "runspage.h"

#include <core/common/jsontext.h>
#include <core/score/trust.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <ui/audit/auditformat.h>

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

QTableWidget *makeTable(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells, const QString &tip = {})
{
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        if (!tip.isEmpty())
            item->setToolTip(tip);
        t->setItem(row, c, item);
    }
}

} // namespace

RunsPage::RunsPage(QWidget *parent)
    : QWidget(parent)
    , m_models(makeTable(this, QStringLiteral("modelTable"),
                         {tr("Model"), tr("Name"), tr("Version"), tr("Kind"), tr("Config"),
                          tr("On this machine"), tr("Added")}))
    , m_runs(makeTable(this, QStringLiteral("runTable"),
                       {tr("Run"), tr("Model"), tr("Probe set"), tr("Status"), tr("Scored"),
                        tr("Errors"), tr("Refused"), tr("Tasks"), tr("Started"), tr("Ended")}))
    , m_log(new QPlainTextEdit(this))
    , m_probeSet(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_add(new QPushButton(tr("&Add Model…"), this))
    , m_edit(new QPushButton(tr("&Edit Model…"), this))
    , m_score(new QPushButton(tr("&Score"), this))
    , m_resume(new QPushButton(tr("&Resume Run"), this))
    , m_audit(new QPushButton(tr("A&udit Run"), this))
    , m_replies(new QPushButton(tr("Score Re&plies"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("runsPage"));
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setReadOnly(true);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("Select a run to read its log and its row errors."));
    m_probeSet->setObjectName(QStringLiteral("scoreProbeSet"));
    m_model->setObjectName(QStringLiteral("scoreModel"));
    m_score->setObjectName(QStringLiteral("scoreButton"));
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_audit->setObjectName(QStringLiteral("auditRunButton"));
    m_replies->setObjectName(QStringLiteral("scoreRepliesButton"));
    m_replies->setToolTip(tr("Score the selected run's replies with the model chosen above "
                             "(sentiment, toxicity, a rubric judge). The replies become a probe "
                             "set of their own, column source_reply; its audit compares the "
                             "groups' score distributions."));
    m_summary->setWordWrap(true);

    auto *scoreRow = new QHBoxLayout;
    auto *setLabel = new QLabel(tr("Probe &set:"), this);
    setLabel->setBuddy(m_probeSet);
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_model);
    scoreRow->addWidget(setLabel);
    scoreRow->addWidget(m_probeSet, 1);
    scoreRow->addWidget(modelLabel);
    scoreRow->addWidget(m_model, 1);
    scoreRow->addWidget(m_score);
    scoreRow->addSpacing(16);
    scoreRow->addWidget(m_add);
    scoreRow->addWidget(m_edit);
    m_edit->setObjectName(QStringLiteral("editModelButton"));
    m_edit->setToolTip(tr("Edit the selected model's scorer config; the edit is stored as a new "
                          "record of the model (runs keep the config they used)"));
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_summary, 1);
    runRow->addWidget(m_resume);
    runRow->addWidget(m_audit);
    runRow->addWidget(m_replies);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_models);
    split->addWidget(m_runs);
    split->addWidget(m_log);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(scoreRow);
    layout->addLayout(runRow);
    layout->addWidget(split, 1);

    connect(m_runs, &QTableWidget::itemSelectionChanged, this, &RunsPage::showRun);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Add Model"), {}, tr("Scorer configs (*.json);;All files (*)"));
        if (!path.isEmpty())
            emit addModelRequested(path);
    });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        const std::int64_t model = selectedModel();
        if (model <= 0)
            return;
        const QString config = m_models->item(m_models->currentRow(), 0)->toolTip();
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Edit Model %1").arg(model));
        dialog.resize(640, 480);
        auto *text = new QPlainTextEdit(&dialog);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setPlainText(format::qs(cp::jsontext::dump(
            nlohmann::json::parse(config.toStdString(), nullptr, false), 2)));
        auto *note = new QLabel(tr("The config as JSON (kinds and keys: README, \"Scoring\"). "
                                   "A changed command or HTTP scorer asks for trust again."),
                                &dialog);
        note->setWordWrap(true);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel,
                                             &dialog);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto *dialogLayout = new QVBoxLayout(&dialog);
        dialogLayout->addWidget(note);
        dialogLayout->addWidget(text, 1);
        dialogLayout->addWidget(buttons);
        if (dialog.exec() == QDialog::Accepted)
            emit editModelRequested(model, text->toPlainText());
    });
    connect(m_score, &QPushButton::clicked, this, [this] {
        if (m_probeSet->currentIndex() >= 0 && m_model->currentIndex() >= 0)
            emit scoreRequested(m_probeSet->currentData().toLongLong(),
                                m_model->currentData().toLongLong());
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (selectedRun() > 0)
            emit resumeRequested(selectedRun());
    });
    connect(m_audit, &QPushButton::clicked, this, [this] {
        if (selectedRun() > 0)
            emit auditRequested(selectedRun());
    });
    connect(m_replies, &QPushButton::clicked, this, [this] {
        if (selectedRun() > 0 && m_model->currentIndex() >= 0)
            emit scoreRepliesRequested(selectedRun(), m_model->currentData().toLongLong());
    });
    reload({});
}

void RunsPage::reload(const QString &projectFile)
{
    m_projectFile = projectFile;
    const std::int64_t keep = selectedRun();
    m_models->setRowCount(0);
    m_runs->setRowCount(0);
    m_probeSet->clear();
    m_model->clear();
    m_log->clear();
    setBusy(false);
    if (projectFile.isEmpty()) {
        m_summary->setText(tr("No project open."));
        return;
    }
    auto store = cp::ProjectStore::open(projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    if (!store) {
        m_summary->setText(format::qs(store.error().toString()));
        return;
    }
    auto models = cp::models(**store);
    auto runs = cp::scoreRuns(**store);
    auto sets = cp::probeSets(**store);
    if (!models || !runs || !sets) {
        m_summary->setText(tr("Cannot read the models and runs of this project."));
        return;
    }
    m_models->setRowCount(int(models->size()));
    for (std::size_t i = 0; i < models->size(); ++i) {
        const cp::ModelRecord &m = (*models)[i];
        const cp::ScorerTrust t = cp::scorerTrust(projectFile.toStdString(), m);
        const QString trust = !t.configError.empty() ? tr("damaged config: cannot run")
                              : !t.needed()          ? tr("runs in-process")
                              : t.trusted            ? tr("trusted")
                                          : tr("not trusted yet (asks before the first run)");
        setRow(m_models, int(i),
               {QString::number(m.id), format::qs(m.name), format::qs(m.version),
                format::qs(m.kind), format::qs(m.configSha256).left(12), trust,
                format::qs(m.created)},
               format::qs(m.configJson));
        m_model->addItem(tr("%1 (v%2, %3)").arg(format::qs(m.name), format::qs(m.version),
                                                format::qs(m.kind)),
                         qlonglong(m.id));
    }
    for (const cp::ProbeSetRecord &p : *sets)
        m_probeSet->addItem(tr("%1 · version %2 · %3 variants")
                                .arg(format::qs(p.name))
                                .arg(p.id)
                                .arg(format::integer(p.variants)),
                            qlonglong(p.id));
    m_probeSet->setCurrentIndex(m_probeSet->count() - 1);
    m_model->setCurrentIndex(m_model->count() - 1);
    m_runs->setRowCount(int(runs->size()));
    int reselect = -1;
    for (std::size_t i = 0; i < runs->size(); ++i) {
        const cp::ScoreRunRecord &r = (*runs)[i];
        setRow(m_runs, int(i),
               {QString::number(r.id), format::qs(r.modelName + " v" + r.modelVersion),
                format::qs(r.probeSetName), format::qs(r.status), format::integer(r.scored),
                format::integer(r.errors), format::integer(r.refused), format::integer(r.tasks),
                format::qs(r.started), format::qs(r.finished)},
               format::qs(r.message));
        if (r.id == keep)
            reselect = int(i);
    }
    m_models->resizeColumnsToContents();
    m_runs->resizeColumnsToContents();
    m_summary->setText(sets->empty() ? tr("Generate a probe set first (Generator & probe sets), "
                                          "then add a model and score it.")
                       : models->empty()
                           ? tr("Add a model (a scorer config JSON, e.g. "
                                "sample_projects/hiring-screen/model.json) to score a probe set.")
                           : tr("%n scoring run(s). Scores are committed as they arrive; a "
                                "stopped run resumes without rescoring.",
                                nullptr, int(runs->size())));
    if (reselect >= 0)
        m_runs->selectRow(reselect);
    else if (!runs->empty())
        m_runs->selectRow(int(runs->size()) - 1);
    showRun();
}

void RunsPage::setBusy(bool busy)
{
    const bool open = !m_projectFile.isEmpty();
    m_add->setEnabled(open && !busy);
    m_edit->setEnabled(open && !busy && m_models->rowCount() > 0);
    m_score->setEnabled(open && !busy && m_probeSet->count() > 0 && m_model->count() > 0);
    m_resume->setEnabled(open && !busy && selectedRun() > 0);
    m_audit->setEnabled(open && selectedRun() > 0);
    m_replies->setEnabled(open && !busy && selectedRun() > 0 && m_model->count() > 0);
}

QString RunsPage::logText() const
{
    return m_log->toPlainText();
}

std::int64_t RunsPage::selectedModel() const
{
    const auto rows = m_models->selectionModel() ? m_models->selectionModel()->selectedRows()
                                                 : QModelIndexList();
    if (rows.isEmpty() || !m_models->item(rows.first().row(), 0))
        return 0;
    return m_models->item(rows.first().row(), 0)->text().toLongLong();
}

std::int64_t RunsPage::selectedRun() const
{
    const auto rows = m_runs->selectionModel() ? m_runs->selectionModel()->selectedRows()
                                               : QModelIndexList();
    if (rows.isEmpty() || !m_runs->item(rows.first().row(), 0))
        return 0;
    return m_runs->item(rows.first().row(), 0)->text().toLongLong();
}

void RunsPage::showRun()
{
    const std::int64_t run = selectedRun();
    m_resume->setEnabled(run > 0 && m_runs->item(m_runs->currentRow(), 3)
                         && m_runs->item(m_runs->currentRow(), 3)->text() != "complete");
    m_audit->setEnabled(run > 0);
    m_replies->setEnabled(run > 0 && m_model->count() > 0);
    if (run <= 0 || m_projectFile.isEmpty()) {
        m_log->clear();
        return;
    }
    auto store = cp::ProjectStore::open(m_projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    if (!store)
        return;
    QStringList text;
    if (auto log = cp::runLog(**store, run); log) {
        text << tr("Log of run %1:").arg(run);
        for (const auto &line : *log)
            text << format::qs(line);
        if (log->empty())
            text << tr("(empty)");
    }
    // Row errors, browsable here: the count from the run, the first 500 by an indexed query
    // (reading every score of a 2,000,000-variant run would stall the window).
    if (auto errors = cp::runErrors(**store, run, 500); errors) {
        text << QString() << tr("%n row error(s)", nullptr, int(errors->total));
        for (const cp::StoredScore &s : errors->first)
            text << tr("row %1%2: %3")
                        .arg(s.row + 1)
                        .arg(s.repeat ? tr(" repeat %1").arg(s.repeat) : QString())
                        .arg(format::qs(s.result.error));
        if (errors->total > std::int64_t(errors->first.size()))
            text << tr("… and %1 more").arg(errors->total - std::int64_t(errors->first.size()));
    }
    m_log->setPlainText(text.join(QLatin1Char('\n')));
}

} // namespace cp::ui
