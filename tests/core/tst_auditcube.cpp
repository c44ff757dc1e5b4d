// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The engine counts everything in one cube when the cross product of dimensions is small and
// falls back to one cube per need when it is not. Both paths must give the same numbers, and an
// unreadably large grid is refused with a clear error.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/table/tablereader.h>

#include "../support/jsonmatch.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace cp;
using nlohmann::json;

namespace {

/// Rows over sex (2) × store (370) × zip (360) with a score and a truth; deterministic.
std::string table(int rows)
{
    std::string csv = "sex,store,zip,score,y\n";
    std::uint32_t x = 12345;
    for (int r = 0; r < rows; ++r) {
        x = x * 1664525u + 1013904223u;
        const int sex = int(x >> 31);
        const int store = int((x >> 8) % 370);
        const int zip = int((x >> 3) % 360);
        const double score = double((x >> 12) % 1000) / 1000.0;
        csv += std::string(sex ? "m" : "f") + ",s" + std::to_string(store) + ",z"
               + std::to_string(zip) + "," + std::to_string(score) + ","
               + std::to_string(int((x >> 20) & 1)) + "\n";
    }
    return csv;
}

json specWith(const json &intersections)
{
    return {{"protected", {{{"name", "sex"}, {"reference", "m"}}}},
            {"strata", {{{"name", "store"}}, {{"name", "zip"}}}},
            {"y_true", "y"},
            {"prediction", {{"score", "score"}, {"threshold", 0.5}}},
            {"score_bands", {0.25, 0.5, 0.75}},
            {"intersections", intersections}};
}

json audit(const std::string &csv, const json &specJson)
{
    auto spec = parseAuditSpec(specJson, "spec");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    auto t = readCsv(csv, "t.csv", spec->columns());
    if (!t)
        qFatal("%s", t.error().toString().c_str());
    auto r = runAudit(*t, *spec);
    if (!r)
        qFatal("%s", r.error().toString().c_str());
    return auditToJson(*r);
}

} // namespace

class tst_AuditCube : public QObject
{
    Q_OBJECT

private slots:
    void fallbackMatchesSingleCube()
    {
        const std::string csv = table(20000);
        // sex × store × zip × 4 bands = 1.07 M cells: past the single-cube limit.
        const json big = audit(csv, specWith({{{"dimensions", {"store", "zip"}}},
                                              {{"dimensions", {"sex", "store"}}}}));
        // sex × store × 4 bands = 2,960 cells: one cube.
        const json small = audit(csv, specWith({{{"dimensions", {"sex", "store"}}}}));
        // Score sums are added in a different order on the two paths: compare within 1e-12.
        std::string why;
        QVERIFY2(test::jsonContains(small["slices"], big["slices"], 1e-12, "/slices", why),
                 why.c_str());
        QVERIFY2(test::jsonContains(small["calibration"], big["calibration"], 1e-12,
                                    "/calibration", why),
                 why.c_str());
        QCOMPARE(big["intersections"][1], small["intersections"][0]);
        QCOMPARE(big["theil_index"], small["theil_index"]);
        // The store × zip grid sums back to the row count.
        std::int64_t total = 0;
        for (const auto &cell : big["intersections"][0]["cells"])
            total += cell["n"].get<std::int64_t>();
        QCOMPARE(total, std::int64_t(20000));
        QCOMPARE(big["intersections"][0]["cells"].size(), std::size_t(370 * 360));
    }

    void hugeGridRefused()
    {
        std::string csv = "a,b,s\n";
        for (int i = 0; i < 1100; ++i)
            csv += "a" + std::to_string(i) + ",b" + std::to_string(i) + ",0.5\n";
        const json specJson = {{"protected", {{{"name", "a"}}}},
                               {"strata", {{{"name", "b"}}}},
                               {"prediction", {{"score", "s"}, {"threshold", 0.5}}},
                               {"intersections", {{{"dimensions", {"a", "b"}}}}}};
        auto spec = parseAuditSpec(specJson, "spec");
        QVERIFY(spec.ok());
        auto t = readCsv(csv, "t.csv", spec->columns());
        QVERIFY(t.ok());
        auto r = runAudit(*t, *spec);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().field, std::string("a × b"));
        QVERIFY(r.error().message.find("1100 × 1100") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_AuditCube)
#include "tst_auditcube.moc"
