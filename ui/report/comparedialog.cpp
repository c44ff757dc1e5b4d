// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "comparedialog.h"

#include "comparisonmodel.h"

#include <ui/audit/auditformat.h>
#include <ui/audit/decisionbanner.h>
#include <ui/work/backgroundtask.h>

#include <core/audit/auditspec.h>
#include <core/report/privacyfloor.h>
#include <core/report/reportformat.h>
#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace cp::ui {

using format::qs;

namespace {

constexpr int MaxFamiliesListed = 12;

QString statusWord(const std::optional<cp::CheckStatus> &s)
{
    if (!s)
        return QStringLiteral("not checked");
    switch (*s) {
    case cp::CheckStatus::Passed: return QStringLiteral("passed");
    case cp::CheckStatus::Failed: return QStringLiteral("FAILED");
    case cp::CheckStatus::Insufficient: return QStringLiteral("too little support");
    }
    return {};
}

QString familyList(const std::vector<std::string> &ids)
{
    QStringList shown;
    for (std::size_t i = 0; i < ids.size() && i < std::size_t(MaxFamiliesListed); ++i)
        shown << qs(ids[i]);
    QString text = shown.join(QStringLiteral(", "));
    if (ids.size() > std::size_t(MaxFamiliesListed))
        text += QStringLiteral(" … and %1 more").arg(ids.size() - MaxFamiliesListed);
    return text;
}

cp::Result<CompareDialog::Outcome> runComparison(const std::string &projectFile,
                                                 const cp::AuditSource &baseline,
                                                 const cp::AuditSource &candidate,
                                                 const cp::Progress &progress)
{
    auto store = cp::ProjectStore::open(projectFile, cp::ProjectStore::OpenMode::ExistingOnly);
    if (!store)
        return store.error();
    auto spec = (*store)->currentSpec();
    if (!spec)
        return spec.error();
    if (!spec->has_value())
        return cp::Error{cp::ErrorCode::Invalid, projectFile, 0, "spec",
                         "the project has no audit spec (Audit › Set Audit Spec…)"};
    // One bar through both audits: the baseline's first half, the candidate's second.
    auto b = cp::auditSource(**store, baseline, progress.phase(0, 500), false);
    if (!b)
        return b.error();
    auto c = cp::auditSource(**store, candidate, progress.phase(500, 1000), false);
    if (!c)
        return c.error();
    auto compared = cp::compareRuns(*b, *c, c->spec());
    if (!compared)
        return compared.error();
    CompareDialog::Outcome out;
    out.baseline = std::make_shared<const cp::SourceAudit>(std::move(*b));
    out.candidate = std::make_shared<const cp::SourceAudit>(std::move(*c));
    out.comparison = std::make_shared<const cp::RunComparison>(std::move(*compared));
    return out;
}

} // namespace

CompareDialog::CompareDialog(const QString &projectFile, QWidget *parent)
    : QDialog(parent)
    , m_projectFile(projectFile)
    , m_baseline(new QComboBox(this))
    , m_candidate(new QComboBox(this))
    , m_compareButton(new QPushButton(tr("&Compare"), this))
    , m_presentButton(new QPushButton(tr("&Present Candidate…"), this))
    , m_progress(new QProgressBar(this))
    , m_header(new QLabel(this))
    , m_decision(new QLabel(this))
    , m_verdict(new DecisionBanner(this))
    , m_caveat(new QLabel(this))
    , m_flips(new QLabel(this))
    , m_checks(new QLabel(this))
    , m_error(new QLabel(this))
    , m_model(new ComparisonModel(this))
    , m_table(new QTableView(this))
    , m_task(new BackgroundTask(BackgroundTask::Policy::LatestWins, this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare Runs — Counterpart"));
    m_baseline->setObjectName(QStringLiteral("baselineCombo"));
    m_candidate->setObjectName(QStringLiteral("candidateCombo"));
    for (QComboBox *c : {m_baseline, m_candidate}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        c->setMinimumContentsLength(18);
    }
    m_progress->setRange(0, BackgroundTask::ProgressMaximum);
    m_progress->setMaximumWidth(200);
    m_progress->hide();

    auto *pick = new QHBoxLayout;
    auto *baselineLabel = new QLabel(tr("&Baseline:"), this);
    baselineLabel->setBuddy(m_baseline);
    auto *candidateLabel = new QLabel(tr("C&andidate:"), this);
    candidateLabel->setBuddy(m_candidate);
    pick->addWidget(baselineLabel);
    pick->addWidget(m_baseline);
    pick->addSpacing(8);
    pick->addWidget(new QLabel(QStringLiteral("→"), this));
    pick->addSpacing(8);
    pick->addWidget(candidateLabel);
    pick->addWidget(m_candidate);
    pick->addSpacing(12);
    pick->addWidget(m_compareButton);
    pick->addWidget(m_progress);
    pick->addStretch(1);

    m_header->setObjectName(QStringLiteral("compareHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_verdict->setObjectName(QStringLiteral("compareVerdict"));
    m_verdict->showIdle(tr("Pick a baseline and a candidate."));
    m_decision->setObjectName(QStringLiteral("decisionChange"));
    m_decision->setTextFormat(Qt::PlainText);
    QFont big = m_decision->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_decision->setFont(big);
    // The caveat must not be missed: bold, boxed, a warning sign, and words that say it.
    m_caveat->setObjectName(QStringLiteral("caveatLabel"));
    m_caveat->setWordWrap(true);
    m_caveat->setTextFormat(Qt::PlainText);
    m_caveat->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont caveatFont = m_caveat->font();
    caveatFont.setPointSizeF(caveatFont.pointSizeF() * 1.15);
    caveatFont.setBold(true);
    m_caveat->setFont(caveatFont);
    m_caveat->setStyleSheet(QStringLiteral("QLabel { background: #fff1cc; color: #1a1a1a; "
                                           "border: 2px solid #e69f00; border-radius: 6px; "
                                           "padding: 10px; }"));
    m_caveat->hide();
    m_flips->setObjectName(QStringLiteral("flipsChange"));
    m_flips->setWordWrap(true);
    m_flips->setTextFormat(Qt::PlainText);
    m_flips->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checks->setObjectName(QStringLiteral("checkChanges"));
    m_checks->setTextFormat(Qt::RichText);
    m_checks->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("compareError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #8a1c00; font-weight: bold; }"));
    m_error->hide();

    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_model, &QAbstractItemModel::modelReset, m_table,
            [this] { m_table->resizeColumnsToContents(); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_presentButton, QDialogButtonBox::ActionRole);
    m_presentButton->setToolTip(tr("Present the candidate's audit full screen, with this "
                                   "comparison on the last slide"));
    m_presentButton->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_presentButton, &QPushButton::clicked, this, [this] {
        if (m_outcome.candidate && m_outcome.comparison)
            emit presentRequested(m_outcome.candidate, m_outcome.comparison);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addWidget(m_error);
    layout->addWidget(m_header);
    layout->addWidget(m_verdict);
    layout->addWidget(m_decision);
    layout->addWidget(m_caveat);
    layout->addWidget(m_flips);
    layout->addWidget(m_checks);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    connect(m_task, &BackgroundTask::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_task, &BackgroundTask::cancelled, this, [this] {
        setBusy(false);
        if (m_error->isHidden())  // not stopped for a pick that cannot be compared
            m_header->setText(tr("Comparison cancelled."));
    });
    connect(m_compareButton, &QPushButton::clicked, this, &CompareDialog::compare);
    connect(m_baseline, &QComboBox::currentIndexChanged, this, &CompareDialog::compare);
    connect(m_candidate, &QComboBox::currentIndexChanged, this, &CompareDialog::compare);

    resize(960, 720);
    loadSources();
}

CompareDialog::~CompareDialog()
{
    m_task->disconnect(this);
    m_task->cancel();
    m_task->waitForFinished();
}

void CompareDialog::loadSources()
{
    const QSignalBlocker b(m_baseline), c(m_candidate);
    m_baseline->clear();
    m_candidate->clear();
    auto store = cp::ProjectStore::open(m_projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    auto sources = store ? cp::auditSources(**store)
                         : cp::Result<std::vector<cp::AuditSource>>(store.error());
    if (!sources) {
        showError(tr("Cannot list the project's sources:\n%1")
                      .arg(qs(sources.error().toString())));
        return;
    }
    for (const cp::AuditSource &s : *sources)
        for (QComboBox *combo : {m_baseline, m_candidate}) {
            combo->addItem(qs(s.label), qs(s.key()));
            combo->setItemData(combo->count() - 1, qs(s.detail), Qt::ToolTipRole);
        }
    if (sources->size() < 2) {
        showError(tr("A comparison needs two audit sources (tables or scoring runs) of the same "
                     "probe set; this project has %1.")
                      .arg(sources->size()));
        return;
    }
    m_baseline->setCurrentIndex(0);
    m_candidate->setCurrentIndex(1);
    compare();
}

bool CompareDialog::setSources(const QString &baselineKey, const QString &candidateKey)
{
    const int b = m_baseline->findData(baselineKey), c = m_candidate->findData(candidateKey);
    if (b < 0 || c < 0)
        return false;
    {
        const QSignalBlocker bb(m_baseline), cb(m_candidate);
        m_baseline->setCurrentIndex(b);
        m_candidate->setCurrentIndex(c);
    }
    compare();
    return true;
}

bool CompareDialog::isComparing() const
{
    return m_task->isRunning();
}

void CompareDialog::compare()
{
    if (m_baseline->currentIndex() < 0 || m_candidate->currentIndex() < 0)
        return;
    if (m_baseline->currentIndex() == m_candidate->currentIndex()) {
        m_task->cancel();  // a running comparison is of the previous pick
        showError(tr("Pick two different sources: the baseline and the candidate are the same."));
        return;
    }
    const cp::AuditSource baseline = cp::AuditSource::fromKey(
        m_baseline->currentData().toString().toStdString());
    const cp::AuditSource candidate = cp::AuditSource::fromKey(
        m_candidate->currentData().toString().toStdString());
    const std::string file = m_projectFile.toStdString();
    setBusy(true);
    // A comparison still running is of the previous pick: the new one supersedes it.
    m_task->run<Outcome>(
        [file, baseline, candidate](const cp::Progress &progress) {
            return runComparison(file, baseline, candidate, progress);
        },
        [this](cp::Result<Outcome> result) { onFinished(std::move(result)); });
}

void CompareDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progress->setValue(0);
    m_compareButton->setEnabled(!busy);
    m_presentButton->setEnabled(!busy && m_outcome.comparison != nullptr);
    if (busy)
        m_header->setText(tr("Auditing '%1' and '%2' with the current spec…")
                              .arg(m_baseline->currentText(), m_candidate->currentText()));
}

void CompareDialog::onFinished(cp::Result<Outcome> result)
{
    setBusy(false);
    if (!result) {
        showError(tr("Cannot compare '%1' with '%2':\n%3")
                      .arg(m_baseline->currentText(), m_candidate->currentText(),
                           qs(result.error().toString())));
        return;
    }
    m_outcome = std::move(*result);
    showOutcome();
    m_presentButton->setEnabled(true);
    emit compared();
}

void CompareDialog::showError(const QString &message)
{
    m_outcome = {};
    m_model->setComparison(nullptr);
    m_error->setText(message);
    m_error->show();
    m_header->clear();
    m_decision->clear();
    m_verdict->showError(message);
    m_caveat->hide();
    m_flips->clear();
    m_checks->clear();
    m_presentButton->setEnabled(false);
    emit failed(message);
}

void CompareDialog::showOutcome()
{
    const cp::RunComparison &c = *m_outcome.comparison;
    cp::PrivacyFloor floor;
    if (m_outcome.candidate) {
        const cp::AuditSpec &spec = m_outcome.candidate->spec();
        if (spec.contract)
            floor = cp::PrivacyFloor(spec.contract->privacyK);
    }
    m_error->hide();
    m_header->setText(tr("Baseline '%1' → candidate '%2', on the same probe set (%3 families). "
                         "Changes beyond the contract's regression threshold (±%4) are flagged.")
                          .arg(qs(c.baselineLabel), qs(c.candidateLabel),
                               qs(floor.count(c.families, true)), format::percent(c.threshold)));
    m_decision->setText(tr("Decision: %1 → %2 (%3)")
                            .arg(qs(cp::decisionText(c.baselineDecision)),
                                 qs(cp::decisionText(c.candidateDecision)),
                                 c.decisionChanged() ? tr("changed") : tr("unchanged")));
    m_caveat->setText(QStringLiteral("⚠  ") + qs(c.caveat));
    m_caveat->setVisible(c.repairedOnRegressionSet);
    if (m_outcome.candidate)
        m_verdict->showResult(m_outcome.candidate->audit.result, qs(c.candidateLabel),
                              cp::gateVerdict(m_outcome.candidate->audit.result, &c));

    const auto count = [&](std::size_t n) { return qs(floor.count(std::int64_t(n), true)); };
    QString flips = tr("Flips fixed (flipped in the baseline only): %1 · introduced (in the "
                       "candidate only): %2 · flipped in both: %3")
                        .arg(count(c.flipsFixed.size()), count(c.flipsIntroduced.size()),
                             qs(floor.count(c.flipsKept, true)));
    if (!c.flipsFixed.empty() && !floor.hides(std::int64_t(c.flipsFixed.size())))
        flips += tr("\nFixed: %1").arg(familyList(c.flipsFixed));
    if (!c.flipsIntroduced.empty() && !floor.hides(std::int64_t(c.flipsIntroduced.size())))
        flips += tr("\nIntroduced: %1").arg(familyList(c.flipsIntroduced));
    m_flips->setText(flips);

    QString rows;
    for (const cp::CheckChange &k : c.checks) {
        cp::Check probe;
        probe.name = k.name;
        probe.limit = k.limit;
        probe.upperLimit = k.upperLimit;
        auto side = [&](const std::optional<double> &v, const std::optional<cp::CheckStatus> &st) {
            const QString value = !v           ? tr("undefined")
                                  : k.withheld ? tr("withheld")
                                  : cp::checkValueIsCount(probe)
                                      ? qs(floor.count(std::int64_t(*v)))
                                      : format::percent(*v);
            return (statusWord(st) + QStringLiteral(" · ") + value).toHtmlEscaped();
        };
        QString title = qs(cp::checkTitle(probe));
        if (!k.attribute.empty())
            title += QStringLiteral(" (%1)").arg(qs(k.attribute));
        const bool changed = k.baseline != k.candidate;
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>→</td><td>%3%4%5</td>"
                               "<td>&nbsp;&nbsp;limit %6</td></tr>")
                    .arg(title.toHtmlEscaped(), side(k.baselineValue, k.baseline),
                         changed ? QStringLiteral("<b>") : QString(),
                         side(k.candidateValue, k.candidate),
                         changed ? QStringLiteral("</b>") : QString(),
                         qs(cp::checkLimitText(probe)).toHtmlEscaped());
    }
    m_checks->setText(rows.isEmpty() ? QString()
                                     : QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">"
                                                      "<tr><th align=\"left\">Check</th>"
                                                      "<th align=\"left\">Baseline</th><th></th>"
                                                      "<th align=\"left\">Candidate</th>"
                                                      "<th></th></tr>%1</table>")
                                           .arg(rows));
    m_model->setComparison(m_outcome.comparison);
}

bool CompareDialog::caveatShown() const
{
    return !m_caveat->isHidden();
}

QString CompareDialog::caveatText() const
{
    return caveatShown() ? m_caveat->text() : QString();
}

QString CompareDialog::decisionText() const
{
    return m_decision->text();
}

QString CompareDialog::flipsText() const
{
    return m_flips->text();
}

QString CompareDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace cp::ui
