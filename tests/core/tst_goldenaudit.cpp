// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Golden audits: one _data() row per folder under tests/golden/<case>/ holding case.json (table,
// spec, expected exit status, tolerance) and expected.json (a subset of the audit document).
// Each case runs twice: in process through the core API, and end to end through counterpart-cli.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>

#include "../support/jsonmatch.h"

#include <QDir>
#include <QProcess>
#include <QtTest>

#include <fstream>

using namespace cp;
using nlohmann::json;

namespace {
json readJson(const QString &path)
{
    std::ifstream f(path.toStdString());
    return json::parse(f);
}
} // namespace

class tst_GoldenAudit : public QObject
{
    Q_OBJECT

private slots:
    void inProcess_data();
    void inProcess();
    void cli_data() { inProcess_data(); }
    void cli();
};

void tst_GoldenAudit::inProcess_data()
{
    QTest::addColumn<QString>("dir");
    const QDir golden(QStringLiteral(COUNTERPART_SOURCE_DIR "/tests/golden"));
    const auto cases = golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 2);
    for (const QString &c : cases)
        QTest::newRow(qPrintable(c)) << golden.filePath(c);
}

void tst_GoldenAudit::inProcess()
{
    QFETCH(QString, dir);
    const json c = readJson(dir + "/case.json");
    const QString table = QDir(dir).filePath(QString::fromStdString(c["table"]));
    const QString specPath = QDir(dir).filePath(QString::fromStdString(c["spec"]));
    auto spec = loadAuditSpec(specPath.toStdString());
    QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
    auto result = auditTableFile(table.toStdString(), *spec);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const json actual = auditToJson(*result);
    std::string why;
    QVERIFY2(test::jsonContains(readJson(dir + "/expected.json"), actual, c["tolerance"], "", why),
             why.c_str());
}

void tst_GoldenAudit::cli()
{
    QFETCH(QString, dir);
    const json c = readJson(dir + "/case.json");
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI),
            {"audit", "--table", QDir(dir).filePath(QString::fromStdString(c["table"])), "--spec",
             QDir(dir).filePath(QString::fromStdString(c["spec"])), "--json", "-"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), c["exit"].get<int>());
    const json actual = json::parse(p.readAllStandardOutput().toStdString());
    std::string why;
    QVERIFY2(test::jsonContains(readJson(dir + "/expected.json"), actual, c["tolerance"], "", why),
             why.c_str());
}

QTEST_GUILESS_MAIN(tst_GoldenAudit)
#include "tst_goldenaudit.moc"
