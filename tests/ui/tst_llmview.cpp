// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The LLM outputs view shows the engine's evidence, and nothing of its own: the refusing judge
// (tst_llmaudit's) seen as a reviewer sees it; with COUNTERPART_SHOTS a PNG of it.

#include <core/audit/auditengine.h>
#include <core/table/tablereader.h>
#include <ui/audit/llmview.h>
#include <ui/report/comparisonmodel.h>

#include <nlohmann/json.hpp>

#include <QtTest>
#include <QtWidgets>

#include <cmath>

using namespace cp;

class tst_LlmView : public QObject
{
    Q_OBJECT

private slots:
    /// The Compare dialog's model lists the LLM deltas after the metric rows, in core's words:
    /// the direction is LlmDelta::change, rates in percent, LPBS as a plain number.
    void comparisonShowsLlmDeltas()
    {
        auto comparison = std::make_shared<cp::RunComparison>();
        comparison->threshold = 0.03;
        const auto delta = [](cp::LlmMetric metric, const char *group, const char *versus,
                              std::optional<double> baseline, double candidate,
                              cp::DeltaChange change) {
            cp::LlmDelta d;
            d.metric = metric;
            d.attribute = "gender";
            d.group = group;
            d.versus = versus;
            d.baseline = baseline;
            d.candidate = candidate;
            if (baseline)
                d.delta = candidate - *baseline;
            d.beyondThreshold = change != cp::DeltaChange::None;
            d.change = change;
            return d;
        };
        const cp::LlmDelta gap = delta(cp::LlmMetric::RefusalGap, "", "", 0.13, 0.02,
                                       cp::DeltaChange::Improved);
        const cp::LlmDelta lpbs = delta(cp::LlmMetric::Lpbs, "female", "male", -0.2, -0.5,
                                        cp::DeltaChange::Regressed);
        const cp::LlmDelta oneSided = delta(cp::LlmMetric::RougeL, "female", "male",
                                            std::nullopt, 0.8, cp::DeltaChange::None);
        comparison->llm = {gap, lpbs, oneSided};
        cp::ui::ComparisonModel model;
        model.setComparison(comparison);
        QCOMPARE(model.rowCount(), 3);
        const auto cell = [&](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QVERIFY(!model.deltaAt(0));
        QCOMPARE(model.llmDeltaAt(0)->metric, cp::LlmMetric::RefusalGap);
        QCOMPARE(cell(0, cp::ui::ComparisonModel::GroupColumn), QStringLiteral("max − min"));
        QVERIFY(cell(0, cp::ui::ComparisonModel::BaselineColumn).contains(QStringLiteral("13.0")));
        QVERIFY(cell(0, cp::ui::ComparisonModel::FlagColumn).startsWith(QStringLiteral("▼ improved")));
        QCOMPARE(cell(1, cp::ui::ComparisonModel::GroupColumn), QStringLiteral("female vs male"));
        QVERIFY(cell(1, cp::ui::ComparisonModel::FlagColumn).startsWith(QStringLiteral("▲ regressed")));
        QVERIFY(!cell(1, cp::ui::ComparisonModel::BaselineColumn).contains(QLatin1Char('%')));
        QCOMPARE(cell(2, cp::ui::ComparisonModel::BaselineColumn), QStringLiteral("undefined"));
        QCOMPARE(cell(2, cp::ui::ComparisonModel::ChangeColumn), QStringLiteral("undefined"));
        QVERIFY(!model.index(2, 0).data(cp::ui::ComparisonModel::BeyondThresholdRole).toBool());
    }

    void showsTheEvidence()
    {
        // 300 families; family f's female variant refused when f % 10 == 0 (30 of 300); each
        // variant has a log-probability (female ln 0.4, male ln 0.6) and a reply.
        std::string csv = "family,gender,label,refused,logprob,reply\n";
        for (int f = 0; f < 300; ++f) {
            const bool refuse = f % 10 == 0;
            csv += std::to_string(f) + ",female," + (refuse ? "" : "yes") + ","
                   + (refuse ? "true" : "false") + "," + std::to_string(std::log(0.4))
                   + ",She is a caring team member.\n";
            csv += std::to_string(f) + ",male,yes,false," + std::to_string(std::log(0.6))
                   + ",He is a strong leader.\n";
        }
        const nlohmann::json j = {
            {"family", "family"},
            {"protected", {{{"name", "gender"}, {"groups", {"female", "male"}}}}},
            {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
            {"llm", {{"refusal_column", "refused"}, {"logprob_column", "logprob"},
                     {"reply_column", "reply"}}},
            {"contract", {{"max_refusal_gap", 0.05}, {"max_lpbs", 0.1}}}};
        auto spec = parseAuditSpec(j, "spec");
        QVERIFY(spec);
        auto table = readCsv(csv, "t.csv", spec->columns());
        QVERIFY(table);
        auto result = runAudit(*table, *spec);
        QVERIFY(result);

        ui::LlmView view;
        view.setAudit(std::make_shared<const AuditResult>(*result));
        QVERIFY2(view.summaryText().startsWith(
                     QStringLiteral("270 of 300 families audited; 30 left out")),
                 qPrintable(view.summaryText()));
        const QStringList bars = view.refusalBars();
        QCOMPARE(bars.size(), 2);
        QVERIFY2(bars[0].startsWith(QStringLiteral("gender = female: 10.0 %")), qPrintable(bars[0]));
        QVERIFY2(bars[1].contains(QStringLiteral("0/300")), qPrintable(bars[1]));
        // The table holds every figure with its interval; LPBS = ln 0.4 − ln 0.6 = −0.4055.
        QStringList cells;
        for (int r = 0; r < view.table()->rowCount(); ++r)
            for (int c = 0; c < view.table()->columnCount(); ++c)
                if (auto *item = view.table()->item(r, c))
                    cells << item->text();
        QVERIFY(cells.contains(QStringLiteral("LPBS mean Δ ln P")));
        QVERIFY2(cells.contains(QStringLiteral("−0.4055")), qPrintable(cells.join(" | ")));
        QVERIFY(cells.contains(QStringLiteral("ROUGE-L F1")));

        view.setAudit(nullptr);
        QCOMPARE(view.summaryText(), QStringLiteral("No audit yet."));

        const QString folder = qEnvironmentVariable("COUNTERPART_SHOTS");
        if (!folder.isEmpty()) {
            view.setAudit(std::make_shared<const AuditResult>(*result));
            view.resize(1200, 800);
            view.grab().save(folder + QStringLiteral("/llm-view.png"));
        }
    }
};

QTEST_MAIN(tst_LlmView)
#include "tst_llmview.moc"
