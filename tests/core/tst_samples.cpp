// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The sample projects, end to end through counterpart-cli as a user would run them: each
// generator spec freezes a clean, balanced probe set into a project (and the same spec again
// gives the same version), and the hiring-screen bios derive into clean pairs.

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "../support/clirun.h"

namespace {

const QString Samples = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects");

using Run = cp::test::CliRun;
using cp::test::cli;

} // namespace

class tst_Samples : public QObject
{
    Q_OBJECT

private slots:
    void generateIntoProject_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("hiring-screen") << Samples + "/hiring-screen/generator.json";
        QTest::newRow("loan-approval") << Samples + "/loan-approval/generator.json";
    }

    void generateIntoProject()
    {
        QFETCH(QString, spec);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString project = dir.filePath("p.counterpart");
        const Run first = cli({"generate", "--spec", spec, "--project", project, "--families",
                               "300", "--threads", "2"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
        QVERIFY2(first.out.contains("froze probe set 1"), qPrintable(first.out));
        QVERIFY2(first.out.contains("integrity: clean"), qPrintable(first.out));
        QVERIFY2(first.out.contains("balance: balanced"), qPrintable(first.out));
        // The same spec and seed with one thread: the same bytes, so the same version.
        const Run again = cli({"generate", "--spec", spec, "--project", project, "--families",
                               "300", "--threads", "1"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains("identical to the frozen probe set 1"), qPrintable(again.out));
        const Run list = cli({"probe-sets", "--project", project});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out.count(QStringLiteral("generated")), 1);
        QVERIFY2(list.out.contains("clean"), qPrintable(list.out));
        // Another seed is another version.
        const Run other = cli({"generate", "--spec", spec, "--project", project, "--families",
                               "300", "--seed", "99"});
        QVERIFY2(other.out.contains("froze probe set 2"), qPrintable(other.out + other.err));
    }

    /// The README's generate → score → audit for each sample: the deliberately biased models
    /// must show flips and block, through the CLI alone.
    void scoreAndAudit_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("modelName");
        QTest::newRow("hiring-screen builtin")
            << "hiring-screen" << "model.json" << "hiring-screen" << "screening-v1";
        QTest::newRow("hiring-screen command")
            << "hiring-screen" << "toy-command.json" << "hiring-screen" << "toy-command";
        QTest::newRow("loan-approval builtin")
            << "loan-approval" << "model.json" << "loan-approval" << "credit-v3";
    }

    void scoreAndAudit()
    {
        QFETCH(QString, sample);
        QFETCH(QString, model);
        QFETCH(QString, set);
        QFETCH(QString, modelName);
        if (model == "toy-command.json" && QStandardPaths::findExecutable("python3").isEmpty())
            QSKIP("python3 is not installed (./dev.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The command scorer's argv is relative: the project sits beside scorer.py.
        const QString folder = dir.filePath(sample);
        QVERIFY(QDir().mkpath(folder));
        if (model == "toy-command.json")
            QVERIFY(QFile::copy(Samples + "/" + sample + "/scorer.py", folder + "/scorer.py"));
        const QString project = folder + "/p.counterpart";
        qputenv("COUNTERPART_TRUST_FILE", dir.filePath("trust.json").toUtf8());
        const QString s = Samples + "/" + sample;
        const Run gen = cli({"generate", "--spec", s + "/generator.json", "--project", project,
                             "--families", "600"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err + gen.out));
        const Run add = cli({"models", "--project", project, "--add", s + "/" + model});
        QVERIFY2(add.exitCode == 0, qPrintable(add.err + add.out));
        const Run score = cli({"score", "--project", project, "--probe-set", set, "--model",
                               modelName, "--trust"});
        QVERIFY2(score.exitCode == 0, qPrintable(score.err + score.out));
        QVERIFY2(score.out.contains("complete: "), qPrintable(score.out));
        QVERIFY2(score.out.contains(" 0 error(s)"), qPrintable(score.out));
        const Run audit = cli({"audit", "--project", project, "--run", "1", "--spec",
                               s + "/audit.json", "--json", "-"});
        QCOMPARE(audit.exitCode, 1);  // BLOCKED
        const auto doc = nlohmann::json::parse(audit.out.toStdString());
        QCOMPARE(doc["decision"].get<std::string>(), std::string("BLOCKED"));
        QVERIFY(doc["flip_rate"]["k"].get<int>() > 0);
        QCOMPARE(doc["rows"].get<int>() % 600, 0);
    }

    void killedGenerationLeavesNoVersion_data()
    {
        QTest::addColumn<int>("killAfterMs");
        for (int ms : {50, 200, 500, 900})
            QTest::newRow(qPrintable(QStringLiteral("%1 ms").arg(ms))) << ms;
    }

    void killedGenerationLeavesNoVersion()
    {
        QFETCH(int, killAfterMs);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString project = dir.filePath("p.counterpart");
        // One small set first, so the project exists and has something to lose.
        const Run small = cli({"generate", "--spec", Samples + "/hiring-screen/generator.json",
                               "--project", project, "--families", "50"});
        QVERIFY2(small.exitCode == 0, qPrintable(small.err));
        QProcess big;
        big.start(QStringLiteral(COUNTERPART_CLI),
                  {"generate", "--spec", Samples + "/hiring-screen/generator.json", "--project",
                   project, "--families", "400000", "--seed", "7"});
        QVERIFY(big.waitForStarted());
        QTest::qWait(killAfterMs);
        big.kill(); // SIGKILL: no handler runs
        QVERIFY(big.waitForFinished(60000));
        // Reopen: the first set is intact; the big one is either absent or complete.
        const Run list = cli({"probe-sets", "--project", project});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY2(list.out.contains("\t50\t400\t"), qPrintable(list.out));
        if (list.out.contains("400000"))
            QVERIFY2(list.out.contains("\t400000\t3200000\t"), qPrintable(list.out));
        QCOMPARE(list.out.count(QStringLiteral("clean")), list.out.count(QStringLiteral("generated")));
    }

    void deriveBios()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath("pairs.csv");
        const QStringList base = {"derive", "--table", Samples + "/hiring-screen/bios.csv",
                                  "--spec", Samples + "/hiring-screen/derive.json"};
        const Run file = cli(base + QStringList{"--out", out});
        QVERIFY2(file.exitCode == 0, qPrintable(file.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 2 * 10);
        // b01's male twin: rank-matched name, swapped pronouns, the ambiguous 'her' flagged.
        QVERIFY2(lines[2].startsWith("b01,male,male,Greg,Greg has 6 years as a backend engineer. "
                                     "He led his team's migration"),
                 qPrintable(lines[2]));
        QVERIFY(lines[2].contains("'her' → 'his' (ambiguous)"));
        const Run frozen = cli(base + QStringList{"--project", dir.filePath("p.counterpart")});
        QVERIFY2(frozen.exitCode == 0, qPrintable(frozen.err));
        QVERIFY2(frozen.out.contains("integrity: clean"), qPrintable(frozen.out));
    }
};

QTEST_GUILESS_MAIN(tst_Samples)
#include "tst_samples.moc"
