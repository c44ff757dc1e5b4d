// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "trendview.h"

#include <ui/audit/auditformat.h>
#include <ui/work/backgroundtask.h>

#include <core/audit/auditspec.h>
#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QProgressBar>
#include <QScatterSeries>
#include <QScrollArea>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cp::ui {

using format::qs;

namespace {

const QColor Line(0x00, 0x72, 0xb2);        // Okabe–Ito blue
const QColor Band(0x56, 0xb4, 0xe9, 70);    // sky blue, translucent
const QColor Regression(0xb0, 0x3a, 0x00);  // dark vermillion
const QColor Improvement(0x00, 0x7a, 0x5a); // dark bluish green
constexpr int MaxRunLabels = 12;            // more runs: every n-th is labelled

/// "2026-03-01T12:05:09Z" → "2026-03-01 12:05".
QString shortDate(const std::string &iso)
{
    QString d = qs(iso);
    d.replace(QLatin1Char('T'), QLatin1Char(' '));
    if (d.endsWith(QLatin1Char('Z')))
        d.chop(1);
    if (d.size() >= 16 && d.at(13) == QLatin1Char(':'))
        d.truncate(16);
    return d;
}

QString changeWords(const cp::TrendPoint &p, double threshold)
{
    const QString by = TrendView::number(std::abs(*p.delta));
    return p.change == cp::TrendChange::Regression
               ? QStringLiteral("regressed by %1 > %2").arg(by, TrendView::number(threshold))
               : QStringLiteral("improved by %1 > %2").arg(by, TrendView::number(threshold));
}

void hideLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *m : chart->legend()->markers(series))
        m->setVisible(false);
}

} // namespace

TrendView::TrendView(QWidget *parent)
    : QWidget(parent)
    , m_runKind(new QComboBox(this))
    , m_seriesCombo(new QComboBox(this))
    , m_thresholdLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_note(new QLabel(this))
    , m_chart(new QChartView(this))
    , m_flags(new QLabel(this))
    , m_task(new BackgroundTask(BackgroundTask::Policy::LatestWins, this))
{
    setObjectName(QStringLiteral("trendView"));
    setWindowTitle(tr("Trend — Counterpart"));
    m_runKind->setObjectName(QStringLiteral("trendRunKind"));
    m_runKind->addItem(tr("Recorded audits"));
    m_runKind->addItem(tr("Scoring runs (audited now with the current spec)"));
    m_runKind->setToolTip(tr("Recorded audits: every audit the workbench or counterpart-cli "
                             "recorded, the table standing for the model version. Scoring runs: "
                             "every complete run, by model and version."));
    m_seriesCombo->setObjectName(QStringLiteral("trendMetric"));
    m_seriesCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_thresholdLabel->setObjectName(QStringLiteral("trendThreshold"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_note->setObjectName(QStringLiteral("trendNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_chart->setObjectName(QStringLiteral("trendChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(280);
    m_flags->setObjectName(QStringLiteral("trendFlags"));
    m_flags->setWordWrap(true);
    m_flags->setTextFormat(Qt::PlainText);
    m_flags->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_flags->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_flags->setContentsMargins(4, 4, 4, 4);
    auto *flagsArea = new QScrollArea(this);
    flagsArea->setWidget(m_flags);
    flagsArea->setWidgetResizable(true);
    flagsArea->setFrameShape(QFrame::NoFrame);
    // Room for the shown series' flags and the others' summary without scrolling.
    const int line = m_flags->fontMetrics().lineSpacing();
    flagsArea->setMinimumHeight(6 * line + 12);
    flagsArea->setMaximumHeight(10 * line + 12);

    auto *controls = new QHBoxLayout;
    auto *runsLabel = new QLabel(tr("&Runs:"), this);
    runsLabel->setBuddy(m_runKind);
    auto *metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_seriesCombo);
    controls->addWidget(runsLabel);
    controls->addWidget(m_runKind);
    controls->addSpacing(12);
    controls->addWidget(metricLabel);
    controls->addWidget(m_seriesCombo);
    controls->addSpacing(12);
    controls->addWidget(m_thresholdLabel);
    controls->addWidget(m_progress);
    controls->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_note);
    layout->addWidget(m_chart, 1);
    layout->addWidget(flagsArea);

    connect(m_runKind, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(m_seriesCombo, &QComboBox::currentIndexChanged, this, [this] {
        rebuildChart();
        updateFlags();
    });
    connect(m_task, &BackgroundTask::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_task, &BackgroundTask::cancelled, m_progress, &QWidget::hide);
    resize(1100, 700);
    setRuns({}, cp::DefaultRegressionThreshold, false);
}

TrendView::~TrendView()
{
    m_task->disconnect(this);
    m_task->cancel();
    m_task->waitForFinished();
}

QString TrendView::number(double value)
{
    QString s = QString::number(value, 'f', 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

void TrendView::setProjectFile(const QString &projectFile)
{
    m_projectFile = projectFile;
    load();
}

void TrendView::setRunKind(RunKind kind)
{
    m_runKind->setCurrentIndex(kind == RunKind::Recorded ? 0 : 1);  // loads when it changes
}

TrendView::RunKind TrendView::runKind() const
{
    return m_runKind->currentIndex() == 0 ? RunKind::Recorded : RunKind::Scoring;
}

bool TrendView::isLoading() const
{
    return m_task->isRunning();
}

void TrendView::load()
{
    if (m_projectFile.isEmpty())
        return;
    const std::string file = m_projectFile.toStdString();
    const bool scoring = runKind() == RunKind::Scoring;
    m_progress->setValue(0);
    m_progress->show();
    m_note->setText(tr("Loading the runs…"));
    m_note->show();
    // A load still running is of the other kind of runs: this one supersedes it.
    m_task->run<Loaded>(
        [file, scoring](const cp::Progress &progress) -> cp::Result<Loaded> {
            auto store = cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingOnly);
            if (!store)
                return store.error();
            Loaded out;
            auto spec = (*store)->currentSpec();
            if (!spec)
                return spec.error();
            if (spec->has_value())
                if (auto parsed = cp::parseAuditSpecText((*spec)->json, file + " (spec)");
                    parsed && parsed->contract) {
                    out.threshold = parsed->contract->regressionThreshold;
                    out.fromContract = true;
                    if (parsed->contract->primary)
                        out.primaryMetric = cp::metricKey(parsed->contract->primary->metric)
                                            + "_gap";
                }
            auto runs = scoring ? cp::scoringTrendRuns(**store, progress)
                                : cp::recordedTrendRuns(**store);
            if (!runs)
                return runs.error();
            out.runs = std::move(*runs);
            return out;
        },
        [this](cp::Result<Loaded> result) { onLoaded(std::move(result)); });
}

void TrendView::onLoaded(cp::Result<Loaded> result)
{
    m_progress->hide();
    if (!result) {
        const QString message = tr("Cannot load the runs:\n%1").arg(qs(result.error().toString()));
        setRuns({}, m_threshold, m_fromContract);
        m_note->setText(message);
        m_note->show();
        emit loadFailed(message);
        return;
    }
    m_preferredMetric = result->primaryMetric;
    setRuns(std::move(result->runs), result->threshold, result->fromContract);
    emit loaded();
}

void TrendView::setRuns(std::vector<cp::TrendRun> runs, double threshold, bool fromContract)
{
    m_runCount = runs.size();
    m_threshold = threshold;
    m_fromContract = fromContract;
    m_series = cp::trendSeries(std::move(runs), threshold);
    m_thresholdLabel->setText(tr("Regression threshold: %1 (%2)")
                                  .arg(number(threshold),
                                       fromContract ? tr("the contract's") : tr("default")));
    if (m_runCount == 0)
        m_note->setText(tr("No runs yet: every audit of a table is recorded (the workbench and "
                           "counterpart-cli audit --project), and complete scoring runs are "
                           "listed under Scoring runs."));
    else if (m_runCount == 1)
        m_note->setText(tr("Only one run so far: a trend needs two or more."));
    m_note->setVisible(m_runCount < 2);

    // The series to open on: the contract's primary metric if it regressed, else the first
    // that regressed, else the primary metric, else the first.
    int pick = -1, score = -1;
    {
        const QSignalBlocker blocker(m_seriesCombo);
        m_seriesCombo->clear();
        for (std::size_t i = 0; i < m_series.size(); ++i) {
            const cp::TrendSeries &s = m_series[i];
            m_seriesCombo->addItem(qs(s.label) + (s.regressed ? tr("  — ▲ regressed") : QString()));
            const bool primary = !m_preferredMetric.empty() && s.metric == m_preferredMetric;
            const int rank = (s.regressed ? 2 : 0) + (primary ? 1 : 0);
            if (rank > score) {
                score = rank;
                pick = int(i);
            }
        }
        m_seriesCombo->setCurrentIndex(pick);
    }
    rebuildChart();
    updateFlags();
}

int TrendView::currentSeries() const
{
    return m_seriesCombo->currentIndex();
}

void TrendView::setCurrentSeries(int index)
{
    m_seriesCombo->setCurrentIndex(index);
}

void TrendView::updateFlags()
{
    // The shown series' crossings in full, the others' counted (pick them under Metric).
    QStringList lines, others;
    const int current = currentSeries();
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        const cp::TrendSeries &s = m_series[i];
        const cp::TrendPoint *previous = nullptr;
        int regressions = 0, improvements = 0;
        for (const cp::TrendPoint &p : s.points) {
            if (p.change != cp::TrendChange::None && p.delta && previous) {
                (p.change == cp::TrendChange::Regression ? regressions : improvements)++;
                if (int(i) == current)
                    lines << QStringLiteral("%1 %2: %3 (%4, %5) %6 — from %7 (%8) to %9")
                                 .arg(p.change == cp::TrendChange::Regression
                                          ? QStringLiteral("▲")
                                          : QStringLiteral("▼"),
                                      qs(s.label), qs(p.runId), shortDate(p.date),
                                      qs(p.modelVersion), changeWords(p, m_threshold),
                                      number(*previous->value), qs(previous->runId),
                                      number(*p.value));
            }
            if (p.value)
                previous = &p;
        }
        if (int(i) != current && regressions + improvements > 0) {
            QStringList counts;
            if (regressions)
                counts << (regressions == 1 ? tr("1 regression")
                                            : tr("%1 regressions").arg(regressions));
            if (improvements)
                counts << (improvements == 1 ? tr("1 improvement")
                                             : tr("%1 improvements").arg(improvements));
            others << QStringLiteral("%1 (%2)").arg(qs(s.label), counts.join(QStringLiteral(", ")));
        }
    }
    if (m_runCount < 2)
        lines << tr("No change to flag: fewer than two runs.");
    else if (lines.isEmpty() && others.isEmpty())
        lines << tr("No tracked metric moved by more than %1 between consecutive runs.")
                     .arg(number(m_threshold));
    else if (lines.isEmpty() && current >= 0)
        lines << tr("%1 stayed within ±%2 between consecutive runs.")
                     .arg(qs(m_series[std::size_t(current)].label), number(m_threshold));
    if (!others.isEmpty())
        lines << tr("Other metrics beyond ±%1 (pick them under Metric): %2")
                     .arg(number(m_threshold), others.join(QStringLiteral("; ")));
    m_flags->setText(lines.join(QLatin1Char('\n')));
}

QString TrendView::flagsText() const
{
    return m_flags->text();
}

void TrendView::rebuildChart()
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_flagLabels.clear();
    m_runLabels.clear();
    const int index = currentSeries();
    if (index < 0 || index >= int(m_series.size())) {
        chart->setTitle(tr("No tracked metric"));
        chart->legend()->hide();
        QChart *old = m_chart->chart();
        m_chart->setChart(chart);
        delete old;
        return;
    }
    const cp::TrendSeries &s = m_series[std::size_t(index)];
    chart->setTitle(tr("%1 across runs, oldest first (up is worse)").arg(qs(s.label)));
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);

    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.2f"));
    y->setTitleText(qs(s.label));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    auto *line = new QLineSeries;
    line->setName(qs(s.label));
    line->setPen(QPen(Line, 3));
    auto *points = new QScatterSeries;
    points->setColor(Line);
    points->setBorderColor(Line.darker(140));
    points->setMarkerSize(11);
    auto *upper = new QLineSeries;
    auto *lower = new QLineSeries;
    double hi = m_threshold;
    std::optional<double> previous;
    int previousX = 0;
    const int n = int(s.points.size());
    const int every = n > MaxRunLabels ? (n + MaxRunLabels - 1) / MaxRunLabels : 1;
    std::vector<QAbstractSeries *> flags;
    bool regressionNamed = false, improvementNamed = false;
    for (int i = 0; i < n; ++i) {
        const cp::TrendPoint &p = s.points[std::size_t(i)];
        const QString date = shortDate(p.date);
        QString plain = QStringLiteral("%1 · %2 · %3").arg(qs(p.runId), date, qs(p.modelVersion));
        if (!p.value)
            plain += tr(" · undefined");
        m_runLabels << plain;
        if (i % every == 0 || i == n - 1)
            x->append(QStringLiteral("<b>%1</b><br>%2<br>%3%4")
                          .arg(qs(p.runId).toHtmlEscaped(), date.toHtmlEscaped(),
                               qs(p.modelVersion).toHtmlEscaped(),
                               p.value ? QString() : tr("<br>undefined")),
                      i);
        if (!p.value)
            continue;  // undefined: no point, never 0
        if (previous) {
            // The band: the previous value ± the threshold, up to this run.
            upper->append(previousX, *previous + m_threshold);
            upper->append(i, *previous + m_threshold);
            // Gaps and flip rates are never negative: the band stops at 0.
            lower->append(previousX, std::max(0.0, *previous - m_threshold));
            lower->append(i, std::max(0.0, *previous - m_threshold));
        }
        line->append(i, *p.value);
        points->append(i, *p.value);
        hi = std::max(hi, *p.value + m_threshold);
        if (p.change != cp::TrendChange::None && p.delta) {
            const bool regression = p.change == cp::TrendChange::Regression;
            auto *flag = new QScatterSeries;
            flag->setName(regression ? tr("regression beyond the threshold")
                                     : tr("improvement beyond the threshold"));
            flag->setMarkerShape(regression ? QScatterSeries::MarkerShapeTriangle
                                            : QScatterSeries::MarkerShapeRotatedRectangle);
            flag->setMarkerSize(22);
            flag->setColor(regression ? Regression : Improvement);
            flag->setBorderColor(Qt::black);
            flag->append(i, *p.value);
            const QString words = changeWords(p, m_threshold);
            flag->setPointLabelsVisible(true);
            flag->setPointLabelsClipping(false);
            flag->setPointLabelsFormat(words);
            flag->setPointLabelsColor(regression ? Regression : Improvement);
            QFont bold = flag->pointLabelsFont();
            bold.setBold(true);
            bold.setPointSizeF(bold.pointSizeF() * 1.15);
            flag->setPointLabelsFont(bold);
            m_flagLabels << words;
            flags.push_back(flag);
            // One legend entry per kind.
            bool &named = regression ? regressionNamed : improvementNamed;
            flag->setProperty("cpLegend", !named);
            named = true;
        }
        previous = p.value;
        previousX = i;
    }
    if (upper->count() > 0) {
        auto *band = new QAreaSeries(upper, lower);
        band->setName(tr("allowed change: previous run ± %1").arg(number(m_threshold)));
        band->setColor(Band);
        band->setBorderColor(QColor(0x56, 0xb4, 0xe9));
        chart->addSeries(band);
        band->attachAxis(x);
        band->attachAxis(y);
    } else {
        delete upper;
        delete lower;
    }
    chart->addSeries(line);
    chart->addSeries(points);
    for (QAbstractSeries *a : {static_cast<QAbstractSeries *>(line),
                               static_cast<QAbstractSeries *>(points)}) {
        a->attachAxis(x);
        a->attachAxis(y);
    }
    hideLegend(chart, points);
    for (QAbstractSeries *f : flags) {
        chart->addSeries(f);
        f->attachAxis(x);
        f->attachAxis(y);
        if (!f->property("cpLegend").toBool())
            hideLegend(chart, f);
    }
    x->setRange(-0.5, std::max(0.5, n - 0.5));
    // Room above the highest point for the flag's words.
    y->setRange(0, hi * 1.2);
    y->applyNiceNumbers();

    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

} // namespace cp::ui
