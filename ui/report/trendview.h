// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/report/trend.h>

#include <QWidget>

#include <vector>

class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;

namespace cp::ui {

class BackgroundTask;

/// Audit › Trend: each tracked metric (every attribute's gap per metric, and the flip rate)
/// across the project's runs, oldest first, with x labelled by run, date and model version
/// (for a recorded audit, the table's name). Around each previous value a band shows the
/// contract's regression threshold (default 0.03); a point beyond it is flagged with a marker
/// and the words "regressed by 0.05 > 0.03" (or "improved by …"). Below the chart every
/// crossing of every metric is listed in words.
///
/// The runs are the audits recorded in the project (cp::recordedTrendRuns), or every complete
/// scoring run audited now with the current spec (cp::scoringTrendRuns); both load on a pool
/// thread with their own connection; a new load supersedes a running one.
class TrendView : public QWidget
{
    Q_OBJECT

public:
    enum class RunKind { Recorded, Scoring };

    explicit TrendView(QWidget *parent = nullptr);
    ~TrendView() override;

    /// Loads the project's runs of the current kind in the background (loaded() or
    /// loadFailed() follows).
    void setProjectFile(const QString &projectFile);
    void setRunKind(RunKind kind);
    RunKind runKind() const;
    bool isLoading() const;

    /// Shows runs directly (tests; the loader ends here). fromContract: the threshold is the
    /// contract's, not the default.
    void setRuns(std::vector<cp::TrendRun> runs, double threshold, bool fromContract = true);

    const std::vector<cp::TrendSeries> &series() const { return m_series; }
    int currentSeries() const;
    void setCurrentSeries(int index);
    double threshold() const { return m_threshold; }
    QComboBox *seriesCombo() const { return m_seriesCombo; }
    QChartView *chartView() const { return m_chart; }
    /// Every crossing of every series in words, one per line; or why there is none.
    QString flagsText() const;
    /// The words at the flagged points of the chart shown ("regressed by 0.333 > 0.03").
    QStringList flagLabels() const { return m_flagLabels; }
    /// The x labels of the chart shown, as plain text.
    QStringList runLabels() const { return m_runLabels; }

    /// "0.333", "0.05": a fraction with at most three decimals.
    static QString number(double value);

signals:
    void loaded();
    void loadFailed(const QString &message);

private:
    struct Loaded {
        std::vector<cp::TrendRun> runs;
        double threshold = cp::DefaultRegressionThreshold;
        bool fromContract = false;
        std::string primaryMetric;  ///< "tpr_gap": the series the view opens on
    };

    void load();
    void onLoaded(cp::Result<Loaded> result);
    void rebuildChart();
    void updateFlags();

    QString m_projectFile;
    QComboBox *m_runKind;
    QComboBox *m_seriesCombo;
    QLabel *m_thresholdLabel;
    QProgressBar *m_progress;
    QLabel *m_note;
    QChartView *m_chart;
    QLabel *m_flags;
    BackgroundTask *m_task;
    std::vector<cp::TrendSeries> m_series;
    std::size_t m_runCount = 0;
    double m_threshold = cp::DefaultRegressionThreshold;
    bool m_fromContract = false;
    std::string m_preferredMetric;
    QStringList m_flagLabels;
    QStringList m_runLabels;
};

} // namespace cp::ui
