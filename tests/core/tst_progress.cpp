// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Long core work reports progress on one 0–1000 scale through every phase and stops on cancel.

#include <core/audit/auditengine.h>
#include <core/table/tablereader.h>

#include <QtTest>

using namespace cp;

namespace {

std::string pairsCsv(int families)
{
    std::string csv = "family,group,score\n";
    for (int f = 0; f < families; ++f) {
        csv += "f" + std::to_string(f) + ",a,0." + std::to_string(f % 10) + "\n";
        csv += "f" + std::to_string(f) + ",b,0." + std::to_string((f + 3) % 10) + "\n";
    }
    return csv;
}

const char *Spec = R"({"family": "family", "protected": [{"name": "group"}],
                      "prediction": {"score": "score", "threshold": 0.5}})";

} // namespace

class tst_Progress : public QObject
{
    Q_OBJECT

private slots:
    void monotonicThroughPhases()
    {
        auto spec = parseAuditSpecText(Spec, "spec");
        QVERIFY(spec.ok());
        const std::string csv = pairsCsv(150000);
        std::vector<std::int64_t> seen;
        Progress p;
        p.report = [&](std::int64_t done, std::int64_t total) {
            QCOMPARE(total, std::int64_t(1000));
            seen.push_back(done);
        };
        auto table = readTable(csv, TableFormat::Csv, "t.csv", spec->columns(), p.phase(0, 800));
        QVERIFY(table.ok());
        auto result = runAudit(*table, *spec, p.phase(800, 1000));
        QVERIFY(result.ok());
        QVERIFY(seen.size() > 3);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), std::int64_t(1000));
        QVERIFY(seen.front() < 800); // the reading phase reported before the audit phase
    }

    void cancelStopsReading()
    {
        auto spec = parseAuditSpecText(Spec, "spec");
        const std::string csv = pairsCsv(150000);
        int polls = 0;
        Progress p;
        p.isCancelled = [&] { return ++polls >= 2; };
        auto table = readCsv(csv, "t.csv", spec->columns(), p);
        QVERIFY(!table.ok());
        QCOMPARE(table.error().code, ErrorCode::Cancelled);
        QCOMPARE(polls, 2);
    }

    void cancelStopsAudit()
    {
        auto spec = parseAuditSpecText(Spec, "spec");
        auto table = readCsv(pairsCsv(150000), "t.csv", spec->columns());
        QVERIFY(table.ok());
        Progress p;
        p.isCancelled = [] { return true; };
        auto result = runAudit(*table, *spec, p);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(tst_Progress)
#include "tst_progress.moc"
