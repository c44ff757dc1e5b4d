// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Trust (core/score/trust.h), as an attacker who hands over a project would test it: the
// script beside a trusted command scorer replaced, the stored config edited behind its hash,
// a predictions file or a sample folder naming files outside the project's folder.

#include <core/common/folderpath.h>
#include <core/score/scorerconfig.h>
#include <core/score/trust.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/samplefolder.h>

#include "../support/sqlitefile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace cp;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Ran {
    int exitCode = -1;
    QString out, err;
};

Ran runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI), args);
    Ran r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString sample(const char *relative)
{
    return QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/") + relative;
}

/// A project in `dir` holding one model made from `configJson`; the model as stored.
ModelRecord projectWithModel(const QTemporaryDir &dir, const QByteArray &configJson)
{
    const std::string project = dir.filePath("p.counterpart").toStdString();
    auto store = ProjectStore::open(project, ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        qFatal("%s", store.error().toString().c_str());
    auto config = parseScorerConfig(configJson.toStdString(), "model.json",
                                    dir.path().toStdString());
    if (!config)
        qFatal("%s", config.error().toString().c_str());
    auto model = addModel(**store, *config);
    if (!model)
        qFatal("%s", model.error().toString().c_str());
    return *model;
}

const QByteArray CommandConfig =
    R"({"name": "toy", "version": "1", "kind": "command",
        "command": {"argv": ["python3", "scorer.py", "--lexicon", "words.txt"]}})";

} // namespace

class tst_Trust : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void replacedScriptAsksAgain();
    void tamperedStoredConfigIsNotTrusted();
    void filesOutsideTheFolderAreNotCovered();
    void predictionsOutsideTheFolderNeedTrust_data();
    void predictionsOutsideTheFolderNeedTrust();
    void untrustedScoreIsRefusedWithTheReason();
    void sampleFolderReadsOnlyItsOwnFiles_data();
    void sampleFolderReadsOnlyItsOwnFiles();

private:
    QTemporaryDir m_home;   // the trust file of this test, never the user's
};

void tst_Trust::init()
{
    QVERIFY(m_home.isValid());
    QFile::remove(m_home.filePath("trust.json"));
    qputenv("COUNTERPART_TRUST_FILE", m_home.filePath("trust.json").toUtf8());
}

void tst_Trust::replacedScriptAsksAgain()
{
    // Defect 6: trusted once, the script beside the project was replaced and ran unasked.
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("scorer.py"), "print('benign')\n"));
    QVERIFY(writeFile(dir.filePath("words.txt"), "she he\n"));
    const ModelRecord model = projectWithModel(dir, CommandConfig);
    const std::string project = dir.filePath("p.counterpart").toStdString();

    ScorerTrust t = scorerTrust(project, model);
    QVERIFY(t.mustAsk());
    QCOMPARE(t.files.size(), std::size_t(2));
    QCOMPARE(t.files[0].path, std::string("scorer.py"));
    QCOMPARE(t.files[1].path, std::string("words.txt"));
    QVERIFY(!t.files[0].sha256.empty());
    QVERIFY(grantTrust(project, model));
    t = scorerTrust(project, model);
    QVERIFY(t.trusted);
    QVERIFY(t.changedFiles.empty());

    QVERIFY(writeFile(dir.filePath("scorer.py"), "import os; os.system('curl evil')\n"));
    t = scorerTrust(project, model);
    QVERIFY(!t.trusted);
    QVERIFY(t.mustAsk());
    QCOMPARE(t.changedFiles, std::vector<std::string>{"scorer.py"});
    QVERIFY(trustChangeText(t).find("scorer.py has changed") != std::string::npos);

    const Ran shown = runCli({"models", "--project", QString::fromStdString(project), "--show",
                              "toy"});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("not trusted on this machine (scorer.py has changed since it "
                                "was trusted)"),
             qPrintable(shown.out));
    QVERIFY2(shown.out.contains("covered by trust: scorer.py"), qPrintable(shown.out));

    // Put back byte for byte, it is the trusted program again.
    QVERIFY(writeFile(dir.filePath("scorer.py"), "print('benign')\n"));
    QVERIFY(scorerTrust(project, model).trusted);
}

void tst_Trust::tamperedStoredConfigIsNotTrusted()
{
    // Defect 11: models --show and the workbench read the stored hash, which a tampered file
    // keeps while its config changes.
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("scorer.py"), "print('benign')\n"));
    QVERIFY(writeFile(dir.filePath("words.txt"), "she he\n"));
    const ModelRecord model = projectWithModel(dir, CommandConfig);
    const QString project = dir.filePath("p.counterpart");
    QVERIFY(grantTrust(project.toStdString(), model));
    QVERIFY(runCli({"models", "--project", project, "--show", "toy"})
                .out.contains("trusted on this machine"));

    const QString damaged = cp::test::execSql(
        project, "UPDATE models SET config_json = replace(config_json, 'scorer.py', 'other.py')");
    QVERIFY2(damaged.isEmpty(), qPrintable(damaged));
    auto store = ProjectStore::open(project.toStdString());
    QVERIFY(store);
    auto tampered = findModel(**store, "toy");
    QVERIFY(tampered);
    QCOMPARE(tampered->configSha256, model.configSha256);   // the stored hash still matches
    QVERIFY(!scorerTrust(project.toStdString(), *tampered).trusted);
    const Ran shown = runCli({"models", "--project", project, "--show", "toy"});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("not trusted on this machine"), qPrintable(shown.out));
}

void tst_Trust::filesOutsideTheFolderAreNotCovered()
{
    // A script elsewhere runs but is not covered: the prompt and models --show name it.
    QTemporaryDir outside, dir;
    QVERIFY(writeFile(outside.filePath("elsewhere.py"), "print(1)\n"));
    const QByteArray config = QByteArray(R"({"name": "far", "version": "1", "kind": "command",
        "command": {"argv": ["python3", ")") + outside.filePath("elsewhere.py").toUtf8()
                              + R"("]}})";
    const ModelRecord model = projectWithModel(dir, config);
    const ScorerTrust t = scorerTrust(dir.filePath("p.counterpart").toStdString(), model);
    QVERIFY(t.files.empty());
    QCOMPARE(t.uncoveredFiles.size(), std::size_t(1));
    QVERIFY(t.uncoveredFiles[0].find("elsewhere.py") != std::string::npos);
    const Ran shown =
        runCli({"models", "--project", dir.filePath("p.counterpart"), "--show", "far"});
    QVERIFY2(shown.out.contains("runs but not covered (outside the project's folder)"),
             qPrintable(shown.out));
}

void tst_Trust::predictionsOutsideTheFolderNeedTrust_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("outside");
    QTest::newRow("inside") << "preds.csv" << false;
    QTest::newRow("inside, in a subfolder") << "sub/preds.csv" << false;
    QTest::newRow("absolute") << "/etc/passwd" << true;
    QTest::newRow("parent") << "../preds.csv" << true;
    QTest::newRow("through a parent") << "sub/../../preds.csv" << true;
    QTest::newRow("symlink to outside") << "link.csv" << true;
    QTest::newRow("device") << "/dev/zero" << true;
}

void tst_Trust::predictionsOutsideTheFolderNeedTrust()
{
    // Defect 7: an untrusted project read /etc/passwd into itself through a predictions file.
    QFETCH(QString, file);
    QFETCH(bool, outside);
    QTemporaryDir dir;
    std::error_code ec;
    std::filesystem::create_symlink("/etc/passwd", dir.filePath("link.csv").toStdString(), ec);
    QVERIFY(!ec);
    const ModelRecord model = projectWithModel(
        dir, QByteArray(R"({"name": "preds", "version": "1", "kind": "predictions",
                            "predictions": {"file": ")")
                 + file.toUtf8() + R"(", "id": "id", "score": "score"}})");
    const ScorerTrust t = scorerTrust(dir.filePath("p.counterpart").toStdString(), model);
    QCOMPARE(t.reach == ScorerTrust::Reach::OutsideFile, outside);
    QCOMPARE(t.mustAsk(), outside);
    if (outside)
        QVERIFY(trustReachText(t).find("outside the project's folder") != std::string::npos);
}

void tst_Trust::untrustedScoreIsRefusedWithTheReason()
{
    // Through the CLI: score refuses without --trust and says why; /dev/zero and a FIFO are
    // refused as files even when trusted, never read.
    QTemporaryDir dir;
    const QString project = dir.filePath("p.counterpart");
    QCOMPARE(runCli({"generate", "--spec", sample("hiring-screen/generator.json"), "--families",
                     "4", "--project", project})
                 .exitCode,
             0);
    QVERIFY(writeFile(dir.filePath("zero.json"),
                      R"({"name": "zero", "version": "1", "kind": "predictions",
                          "predictions": {"file": "/dev/zero", "id": "id", "score": "score"}})"));
    QCOMPARE(runCli({"models", "--project", project, "--add", dir.filePath("zero.json")}).exitCode,
             0);
    Ran r = runCli({"score", "--project", project, "--probe-set", "hiring-screen", "--model",
                    "zero"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("reads a file outside the project's folder (/dev/zero)")
                 && r.err.contains("--trust"),
             qPrintable(r.err));
    r = runCli({"score", "--project", project, "--probe-set", "hiring-screen", "--model", "zero",
                "--trust"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2((r.out + r.err).contains("is a device, pipe or socket, not a regular file"),
             qPrintable(r.out + r.err));
}

void tst_Trust::sampleFolderReadsOnlyItsOwnFiles_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QString>("field");
    QTest::newRow("spec absolute")
        << QByteArray(R"({"spec": "/etc/passwd", "tables": []})") << "/spec";
    QTest::newRow("spec in the parent")
        << QByteArray(R"({"spec": "../spec.json", "tables": []})") << "/spec";
    QTest::newRow("table absolute")
        << QByteArray(R"({"spec": "spec.json", "tables": [{"file": "/etc/passwd"}]})")
        << "/tables/0/file";
    QTest::newRow("table through a parent")
        << QByteArray(R"({"spec": "spec.json", "tables": [{"file": "x/../../t.csv"}]})")
        << "/tables/0/file";
}

void tst_Trust::sampleFolderReadsOnlyItsOwnFiles()
{
    // Defect 7: a sample folder's project.json stored the first line of /etc/passwd.
    QFETCH(QByteArray, manifest);
    QFETCH(QString, field);
    QTemporaryDir dir;
    const QString folder = dir.filePath("sample");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(sample("shopflow-judge/spec.json"), folder + "/spec.json"));
    QVERIFY(QFile::copy(sample("shopflow-judge/shopflow.csv"), dir.filePath("t.csv")));
    QVERIFY(QFile::copy(sample("shopflow-judge/spec.json"), dir.filePath("spec.json")));
    QVERIFY(writeFile(folder + "/project.json", manifest));
    auto store = ProjectStore::open(dir.filePath("p.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    QVERIFY(store);
    auto imported = importProjectFolder(**store, folder.toStdString());
    QVERIFY(!imported);
    QCOMPARE(QString::fromStdString(imported.error().field), field);
    QVERIFY2(imported.error().message.find("outside its folder") != std::string::npos,
             imported.error().toString().c_str());
    auto tables = (*store)->tables();
    QVERIFY(tables);
    QVERIFY(tables->empty());

    // The sample folders we ship still import.
    QTemporaryDir other;
    auto fresh = ProjectStore::open(other.filePath("s.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    QVERIFY(fresh);
    auto shipped = importProjectFolder(**fresh, sample("shopflow-judge").toStdString());
    QVERIFY2(shipped, shipped ? "" : shipped.error().toString().c_str());
}

QTEST_GUILESS_MAIN(tst_Trust)
#include "tst_trust.moc"
