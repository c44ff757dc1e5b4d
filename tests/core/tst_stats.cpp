// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The numeric kernels against values worked out independently (Python's NormalDist quantile,
// hand sums), including the edges: k = 0, k = n, n = 1, no discordant pairs, no errors.

#include <core/audit/stats.h>

#include "../support/oracles.h"

#include <QtTest>

#include <cmath>

using namespace cp;
using cp::test::fuzzy;

class tst_Stats : public QObject
{
    Q_OBJECT

private slots:
    void wilson_data();
    void wilson();
    void newcombeShopFlow();
    void mcnemar_data();
    void mcnemar();
    void theil_data();
    void theil();
};

void tst_Stats::wilson_data()
{
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("5/6") << qint64(5) << qint64(6) << 0.436497177813530 << 0.969946630251693;
    QTest::newRow("3/6") << qint64(3) << qint64(6) << 0.187616306482651 << 0.812383693517349;
    QTest::newRow("6/10") << qint64(6) << qint64(10) << 0.312673769733658 << 0.831819670293764;
    QTest::newRow("0/4") << qint64(0) << qint64(4) << 0.0 << 0.489890836454597;
    QTest::newRow("4/4") << qint64(4) << qint64(4) << 0.510109163545403 << 1.0;
    QTest::newRow("1/1") << qint64(1) << qint64(1) << 0.206549314377237 << 1.0;
    QTest::newRow("0/1") << qint64(0) << qint64(1) << 0.0 << 0.793450685622763;
    QTest::newRow("50/100") << qint64(50) << qint64(100) << 0.403831530365996 << 0.596168469634004;
    QTest::newRow("compas recid 3251/7214")
        << qint64(3251) << qint64(7214) << 0.439199148116730 << 0.462156402006930;
}

void tst_Stats::wilson()
{
    QFETCH(qint64, k);
    QFETCH(qint64, n);
    QFETCH(double, low);
    QFETCH(double, high);
    const auto ci = stats::wilson(k, n);
    QVERIFY2(fuzzy(ci.low, low, 1e-12), qPrintable(QString::number(ci.low, 'g', 17)));
    QVERIFY2(fuzzy(ci.high, high, 1e-12), qPrintable(QString::number(ci.high, 'g', 17)));
}

void tst_Stats::newcombeShopFlow()
{
    // REFERENCE.md: TPR gap 5/6 − 3/6 = 33.3 %, Newcombe 95 % [−17.2 %, 67.4 %].
    const auto w1 = stats::wilson(5, 6);
    const auto w2 = stats::wilson(3, 6);
    const auto d = stats::newcombe(5.0 / 6, w1, 0.5, w2);
    const double low = 1.0 / 3 - std::hypot(5.0 / 6 - w1.low, w2.high - 0.5);
    const double high = 1.0 / 3 + std::hypot(w1.high - 5.0 / 6, 0.5 - w2.low);
    QVERIFY(fuzzy(d.low, low));
    QVERIFY(fuzzy(d.high, high));
    QCOMPARE(std::round(d.low * 1000), -172.0);
    QCOMPARE(std::round(d.high * 1000), 674.0);
    // Equal proportions: the interval straddles zero symmetrically.
    const auto e = stats::newcombe(0.5, w2, 0.5, w2);
    QVERIFY(fuzzy(e.low, -e.high));
}

void tst_Stats::mcnemar_data()
{
    QTest::addColumn<qint64>("b");
    QTest::addColumn<qint64>("c");
    QTest::addColumn<double>("p");
    QTest::newRow("shopflow 3/0") << qint64(3) << qint64(0) << 0.25;
    QTest::newRow("none") << qint64(0) << qint64(0) << 1.0;
    QTest::newRow("balanced 2/2") << qint64(2) << qint64(2) << 1.0;
    // 2 · (1 + 10 + 45) / 1024
    QTest::newRow("8/2") << qint64(8) << qint64(2) << 112.0 / 1024;
    QTest::newRow("symmetric 2/8") << qint64(2) << qint64(8) << 112.0 / 1024;
    QTest::newRow("10/0") << qint64(10) << qint64(0) << 2.0 / 1024;
    // Large n takes the log-space path: 2 · P(X ≤ 400) for X ~ Bin(1200, 0.5) is tiny but > 0.
    QTest::newRow("800/400 positive") << qint64(800) << qint64(400) << -1.0;
}

void tst_Stats::mcnemar()
{
    QFETCH(qint64, b);
    QFETCH(qint64, c);
    QFETCH(double, p);
    const double got = stats::mcnemarExact(b, c);
    if (p < 0) {
        QVERIFY(got > 0 && got < 1e-20);
        return;
    }
    QVERIFY2(fuzzy(got, p, 1e-12), qPrintable(QString::number(got, 'g', 17)));
}

void tst_Stats::theil_data()
{
    QTest::addColumn<qint64>("zeros");
    QTest::addColumn<qint64>("ones");
    QTest::addColumn<qint64>("twos");
    QTest::addColumn<double>("expected");
    // ShopFlow: 4 false negatives, 15 correct, 1 false positive; μ = 17/20.
    const double mu = 17.0 / 20;
    const double shopflow = (15 * (1 / mu) * std::log(1 / mu) + (2 / mu) * std::log(2 / mu)) / 20;
    QTest::newRow("shopflow") << qint64(4) << qint64(15) << qint64(1) << shopflow;
    QTest::newRow("no errors") << qint64(0) << qint64(12) << qint64(0) << 0.0;
    // Only false negatives and false positives, equally many: b ∈ {0, 2}, μ = 1 → (5 · 2 ln 2) / 10.
    QTest::newRow("half fn half fp") << qint64(5) << qint64(0) << qint64(5) << std::log(2.0);
}

void tst_Stats::theil()
{
    QFETCH(qint64, zeros);
    QFETCH(qint64, ones);
    QFETCH(qint64, twos);
    QFETCH(double, expected);
    const auto t = stats::theilIndex(zeros, ones, twos);
    QVERIFY(t.has_value());
    QVERIFY2(fuzzy(*t, expected), qPrintable(QString::number(*t, 'g', 17)));
    if (QByteArray(QTest::currentDataTag()) == "shopflow")
        QCOMPARE(std::round(*t * 10000), 2441.0);
}

QTEST_GUILESS_MAIN(tst_Stats)
#include "tst_stats.moc"
