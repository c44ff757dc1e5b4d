// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The project file: a round trip through a QTemporaryDir (create, import the ShopFlow sample,
// audit and record, reopen, copy), and the files a user may hand it by mistake (garbage, a
// foreign SQLite file, a newer schema, a tampered table). The test reaches into the file with
// the sqlite3 C API where it needs to set up or inspect what the public API cannot.
// Issue 12: the store behind its backend interface (locators, server projects refused, nested
// transactions), table content in chunks (boundaries with tiny chunks, a refused bind is an
// error, the v4 -> v5 migration keeps every byte), a probe set frozen as it streams in, the
// audit cache, and generate --project of a 24-variant spec.
// SHA-256 values are checked against QCryptographicHash, not against core's own hasher.

#include <core/workflow/samplefolder.h>
#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/workflow/projectaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/store/storetransaction.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "../support/testsupport.h"

#include "../support/sqlitefile.h"
#include "../support/syntheticprobeset.h"
#include "projectstoretestdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp;
using nlohmann::json;
using cp::test::sql;

namespace {

constexpr auto Create = ProjectStore::OpenMode::CreateIfMissing;
const QString SampleDir = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge");

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

std::string sha256Of(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
}


} // namespace

class tst_ProjectStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void importIsIdempotent();
    void saveCopy();
    void auditWithoutSpec();
    void tamperedTable();
    void badFiles_data();
    void badFiles();
    void newerSchema();
    void badArguments();
    void badSampleManifests_data();
    void badSampleManifests();
    void locators_data();
    void locators();
    void serverProjectsAreRefused();
    void chunkBoundaries_data();
    void chunkBoundaries();
    void refusedBindIsAnError();
    void migrationV4ToV5();
    void failedMigrationLeavesV4();
    void transactionsNest();
    void streamedFreeze_data();
    void streamedFreeze();
    void streamedFreezeLeavesNothing();
    void auditCache();
    void generateStreamsIntoProject();
};

void tst_ProjectStore::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("shopflow.counterpart");
    const QByteArray baseline = fileBytes(SampleDir + "/shopflow.csv");
    const QByteArray candidate = fileBytes(SampleDir + "/candidate.csv");
    const QByteArray specText = fileBytes(SampleDir + "/spec.json");
    QVERIFY(!baseline.isEmpty() && !candidate.isEmpty() && !specText.isEmpty());

    std::int64_t runId = 0;
    std::string storedJson;
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
        QCOMPARE((*store)->schemaVersion(), ProjectStore::SchemaVersion);
        auto n = importProjectFolder(**store, SampleDir.toStdString());
        CP_VERIFY_OK(n);
        QCOMPARE(*n, 2);

        auto tables = (*store)->tables();
        CP_VERIFY_OK(tables);
        QCOMPARE(tables->size(), std::size_t(2));
        QCOMPARE((*tables)[0].name, std::string("baseline"));
        QCOMPARE((*tables)[0].format, std::string("csv"));
        QCOMPARE((*tables)[0].sha256, sha256Of(baseline));
        QCOMPARE(qint64((*tables)[0].bytes), qint64(baseline.size()));
        QCOMPARE((*tables)[1].name, std::string("candidate"));
        QCOMPARE((*tables)[1].sha256, sha256Of(candidate));

        auto spec = (*store)->currentSpec();
        CP_VERIFY_OK(spec);
        QVERIFY(spec->has_value());
        QCOMPARE((*spec)->json, specText.toStdString());
        QCOMPARE((*spec)->sha256, sha256Of(specText));

        // Audit the baseline through the project and record the run.
        auto audited = auditProjectTable(**store, "baseline");
        CP_VERIFY_OK(audited);
        QVERIFY(audited->runId > 0);
        QCOMPARE(audited->table.name, std::string("baseline"));
        runId = audited->runId;

        // A fresh audit of the same file with the same spec, outside any project.
        auto freshSpec = parseAuditSpecText(specText.toStdString(), "spec.json");
        CP_VERIFY_OK(freshSpec);
        auto fresh = auditTableFile((SampleDir + "/shopflow.csv").toStdString(), *freshSpec);
        CP_VERIFY_OK(fresh);
        const json freshJson = auditToJson(*fresh);

        auto runs = (*store)->runs();
        CP_VERIFY_OK(runs);
        QCOMPARE(runs->size(), std::size_t(1));
        const RunRecord &run = runs->front();
        QCOMPARE(run.id, runId);
        QCOMPARE(run.tableId, (*tables)[0].id);
        QCOMPARE(run.specId, (*spec)->id);
        QCOMPARE(run.decision, std::optional<std::string>("BLOCKED"));
        const json stored = json::parse(run.resultJson, nullptr, false);
        QVERIFY(stored.is_object());
        QVERIFY2(stored == freshJson, "the recorded run differs from a fresh audit");
        QCOMPARE(stored["versions"]["table_sha256"].get<std::string>(), sha256Of(baseline));
        storedJson = run.resultJson;

        // An empty name audits the newest table (the candidate); record = false adds no run.
        auto newest = auditProjectTable(**store, "", {}, false);
        CP_VERIFY_OK(newest);
        QCOMPARE(newest->table.name, std::string("candidate"));
        QCOMPARE(newest->runId, std::int64_t(0));
        QCOMPARE((*store)->runs()->size(), std::size_t(1));
    }

    // Reopen: everything reads back as written.
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ExistingOnly);
    CP_VERIFY_OK(store);
    QCOMPARE((*store)->schemaVersion(), ProjectStore::SchemaVersion);
    auto name = (*store)->projectName();
    CP_VERIFY_OK(name);
    QCOMPARE(*name, std::string("ShopFlow judge"));
    auto tables = (*store)->tables();
    CP_VERIFY_OK(tables);
    QCOMPARE(tables->size(), std::size_t(2));
    auto content = (*store)->tableContent((*tables)[0].id);
    CP_VERIFY_OK(content);
    QCOMPARE(QByteArray::fromStdString(*content), baseline);
    auto byId = (*store)->findTable(std::to_string((*tables)[1].id));
    CP_VERIFY_OK(byId);
    QCOMPARE(byId->name, std::string("candidate"));
    auto byName = (*store)->findTable("baseline");
    CP_VERIFY_OK(byName);
    QCOMPARE(byName->id, (*tables)[0].id);
    auto none = (*store)->findTable("nope");
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::Invalid);
    QVERIFY(QString::fromStdString(none.error().message).contains("nope"));
    auto runs = (*store)->runs();
    CP_VERIFY_OK(runs);
    QCOMPARE(runs->size(), std::size_t(1));
    QCOMPARE(runs->front().id, runId);
    QCOMPARE(runs->front().resultJson, storedJson);
    // A second recorded audit appends a run; it does not replace the first.
    auto again = auditProjectTable(**store, "baseline");
    CP_VERIFY_OK(again);
    QVERIFY(again->runId > runId);
    QCOMPARE((*store)->runs()->size(), std::size_t(2));
    QCOMPARE((*store)->runs()->back().resultJson, storedJson);
    // The file is in WAL mode (a committed transaction costs no fsync; readers do not block
    // the writer). The mode is a property of the file, so a second connection sees it.
    QCOMPARE(sql(path, "PRAGMA journal_mode"), QStringLiteral("wal"));
}

void tst_ProjectStore::importIsIdempotent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    auto first = importProjectFolder(**store, SampleDir.toStdString());
    CP_VERIFY_OK(first);
    auto before = (*store)->tables();
    CP_VERIFY_OK(before);

    // The same bytes under another name, from another path: the existing record comes back.
    const QByteArray bytes = fileBytes(SampleDir + "/shopflow.csv");
    const QString copy = dir.filePath("renamed-copy.csv");
    QVERIFY(writeFile(copy, bytes));
    auto again = (*store)->importTableFile(copy.toStdString(), "some other name");
    CP_VERIFY_OK(again);
    QCOMPARE(again->id, (*before)[0].id);
    QCOMPARE(again->sha256, (*before)[0].sha256);
    QCOMPARE(again->name, std::string("baseline"));
    auto direct = (*store)->importTable("x", bytes.toStdString(), "csv");
    CP_VERIFY_OK(direct);
    QCOMPARE(direct->id, (*before)[0].id);
    // Importing the whole folder again adds nothing either.
    auto second = importProjectFolder(**store, SampleDir.toStdString());
    CP_VERIFY_OK(second);
    auto after = (*store)->tables();
    CP_VERIFY_OK(after);
    QCOMPARE(after->size(), before->size());
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("2"));
    QCOMPARE(sql(path, "SELECT count(*) FROM specs"), QStringLiteral("1"));

    // One byte more is another table.
    auto changed = (*store)->importTable("changed", bytes.toStdString() + "\n", "csv");
    CP_VERIFY_OK(changed);
    QVERIFY(changed->id != (*before)[0].id);
    QCOMPARE(changed->sha256, sha256Of(bytes + "\n"));
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("3"));

    // The same spec text returns the existing version; a different one is a new version.
    const std::string specText = fileBytes(SampleDir + "/spec.json").toStdString();
    auto sameSpec = (*store)->saveSpec(specText);
    CP_VERIFY_OK(sameSpec);
    auto current = (*store)->currentSpec();
    CP_VERIFY_OK(current);
    QCOMPARE(sameSpec->id, (*current)->id);
    auto newSpec = (*store)->saveSpec(specText + "\n");
    CP_VERIFY_OK(newSpec);
    QVERIFY(newSpec->id > sameSpec->id);
    QCOMPARE((*(*store)->currentSpec())->id, newSpec->id);
    // Going back to the earlier text makes that version current again, without a copy.
    auto back = (*store)->saveSpec(specText);
    CP_VERIFY_OK(back);
    QCOMPARE(back->id, sameSpec->id);
    QCOMPARE((*(*store)->currentSpec())->id, sameSpec->id);
    QCOMPARE(sql(path, "SELECT count(*) FROM specs"), QStringLiteral("2"));
}

void tst_ProjectStore::saveCopy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    const QString copyPath = dir.filePath("copy.counterpart");
    QVERIFY(writeFile(copyPath, "an old file that saveCopy must replace"));
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
        CP_VERIFY_OK(importProjectFolder(**store, SampleDir.toStdString()));
        CP_VERIFY_OK(auditProjectTable(**store, "candidate"));
        auto saved = (*store)->saveCopy(copyPath.toStdString());
        CP_VERIFY_OK(saved);
        // The original stays usable after the copy.
        CP_VERIFY_OK((*store)->tables());
    }
    auto copy = ProjectStore::open(copyPath.toStdString(), ProjectStore::OpenMode::ExistingOnly);
    CP_VERIFY_OK(copy);
    auto tables = (*copy)->tables();
    CP_VERIFY_OK(tables);
    QCOMPARE(tables->size(), std::size_t(2));
    auto content = (*copy)->tableContent((*tables)[1].id);
    CP_VERIFY_OK(content);
    QCOMPARE(QByteArray::fromStdString(*content), fileBytes(SampleDir + "/candidate.csv"));
    auto runs = (*copy)->runs();
    CP_VERIFY_OK(runs);
    QCOMPARE(runs->size(), std::size_t(1));
    QCOMPARE(runs->front().decision, std::optional<std::string>("BLOCKED"));
    QCOMPARE(*(*copy)->projectName(), std::string("ShopFlow judge"));

    // A copy into a folder that does not exist is an error, not a crash.
    auto orig = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(orig);
    auto bad = (*orig)->saveCopy(dir.filePath("no/such/dir/copy.counterpart").toStdString());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::Storage);
}

void tst_ProjectStore::auditWithoutSpec()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = ProjectStore::open(dir.filePath("p.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    CP_VERIFY_OK(store);
    auto noSpec = auditProjectTable(**store, "");
    QVERIFY(!noSpec.ok());
    QCOMPARE(noSpec.error().code, ErrorCode::Invalid);
    QVERIFY(QString::fromStdString(noSpec.error().message).contains("no audit spec"));
    CP_VERIFY_OK((*store)->saveSpec(fileBytes(SampleDir + "/spec.json").toStdString()));
    auto noTable = auditProjectTable(**store, "");
    QVERIFY(!noTable.ok());
    QCOMPARE(noTable.error().code, ErrorCode::Invalid);
    QVERIFY(QString::fromStdString(noTable.error().message).contains("no table"));
    // An invalid spec is refused and not stored.
    auto bad = (*store)->saveSpec(R"({"protected": []})");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::Schema);
    QCOMPARE(bad.error().field, std::string("/protected"));
    QCOMPARE(sql(QString::fromStdString((*store)->path()), "SELECT count(*) FROM specs"),
             QStringLiteral("1"));
}

void tst_ProjectStore::tamperedTable()
{
    // A frozen table whose bytes change behind the store's back must not be audited.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    std::int64_t id = 0;
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
        CP_VERIFY_OK(importProjectFolder(**store, SampleDir.toStdString()));
        id = (*store)->findTable("baseline")->id;
    }
    bool ok = false;
    sql(path,
        QStringLiteral("UPDATE table_chunks SET content = "
                       "CAST('pair,variant\np1,formal\n' AS BLOB) WHERE table_id = %1 AND seq = 0")
            .arg(id)
            .toUtf8()
            .constData(),
        &ok);
    QVERIFY(ok);
    auto store = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(store);
    auto content = (*store)->tableContent(id);
    QVERIFY(!content.ok());
    QCOMPARE(content.error().code, ErrorCode::Storage);
    QVERIFY(QString::fromStdString(content.error().message).contains("SHA-256"));
    auto audited = auditProjectTable(**store, "baseline");
    QVERIFY(!audited.ok());
    QCOMPARE(audited.error().code, ErrorCode::Storage);
    QCOMPARE((*store)->runs()->size(), std::size_t(0));
}

void tst_ProjectStore::badFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase");
    const QString notProject = QStringLiteral("not a Counterpart project");
    QTest::newRow("garbage bytes") << "garbage" << int(ErrorCode::Storage) << notProject;
    QTest::newRow("a text file") << "text" << int(ErrorCode::Storage) << notProject;
    QTest::newRow("SQLite without Counterpart tables")
        << "foreign" << int(ErrorCode::Storage) << "without Counterpart tables";
    QTest::newRow("truncated project") << "truncated" << int(ErrorCode::Storage) << "";
    QTest::newRow("missing file, ExistingOnly") << "missing" << int(ErrorCode::Io)
                                                << "no such project file";
    QTest::newRow("a directory") << "directory" << int(ErrorCode::Storage) << "";
    QTest::newRow("an empty file, ExistingOnly")
        << "empty" << int(ErrorCode::Storage) << "the file is empty";
}

void tst_ProjectStore::badFiles()
{
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, phrase);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath("p.counterpart");
    if (kind == "garbage") {
        QByteArray bytes(8192, '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919 + 13) % 251);
        QVERIFY(writeFile(path, bytes));
    } else if (kind == "text") {
        QVERIFY(writeFile(path, "pair,variant,score\np1,formal,0.9\n"));
    } else if (kind == "foreign") {
        bool ok = false;
        sql(path, "CREATE TABLE photos(id INTEGER PRIMARY KEY, data BLOB)", &ok);
        QVERIFY(ok);
    } else if (kind == "truncated") {
        const QString full = dir.filePath("full.counterpart");
        {
            auto store = ProjectStore::open(full.toStdString(),
                                            ProjectStore::OpenMode::CreateIfMissing);
            CP_VERIFY_OK(store);
            CP_VERIFY_OK(importProjectFolder(**store, SampleDir.toStdString()));
        }
        // Checkpoint the WAL into the main file, then keep only its first 2 pages.
        sql(full, "PRAGMA wal_checkpoint(TRUNCATE)");
        const QByteArray bytes = fileBytes(full);
        QVERIFY(bytes.size() > 3 * 4096);
        QVERIFY(writeFile(path, bytes.left(2 * 4096)));
    } else if (kind == "empty") {
        QVERIFY(writeFile(path, QByteArray()));
    } else if (kind == "directory") {
        QVERIFY(QDir(dir.path()).mkdir("p.counterpart"));
    }
    const QByteArray before = fileBytes(path);
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ExistingOnly);
    QVERIFY2(!store.ok(), "a bad file opened as a project");
    const Error &e = store.error();
    QVERIFY2(int(e.code) == code, e.toString().c_str());
    QCOMPARE(QString::fromStdString(e.file), path);
    QVERIFY2(QString::fromStdString(e.message).contains(phrase), e.toString().c_str());
    // A failed open leaves the user's file as it was.
    QCOMPARE(fileBytes(path), before);
    if (kind == "missing")
        QVERIFY(!QFile::exists(path));
}

void tst_ProjectStore::newerSchema()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("future.counterpart");
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
    }
    bool ok = false;
    sql(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'", &ok);
    QVERIFY(ok);
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("99"));
    for (auto mode : {ProjectStore::OpenMode::ExistingOnly, Create}) {
        auto store = ProjectStore::open(path.toStdString(), mode);
        QVERIFY(!store.ok());
        const Error &e = store.error();
        QCOMPARE(e.code, ErrorCode::Storage);
        QCOMPARE(QString::fromStdString(e.file), path);
        const QString message = QString::fromStdString(e.message);
        QVERIFY2(message.contains("schema version 99") && message.contains("newer")
                     && message.contains("update Counterpart"),
                 e.toString().c_str());
    }
    // Untouched: still version 99.
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("99"));

    // No schema version at all is an error too.
    sql(path, "DELETE FROM meta WHERE key = 'schema_version'", &ok);
    QVERIFY(ok);
    auto store = ProjectStore::open(path.toStdString());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Storage);
    QVERIFY2(QString::fromStdString(store.error().message).contains("schema version"),
             store.error().toString().c_str());
}

void tst_ProjectStore::badSampleManifests_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QString>("field");
    QTest::newRow("not an object") << QByteArray("[1]") << QString();
    QTest::newRow("spec a number") << QByteArray(R"({"spec": 3, "tables": []})") << "/spec";
    QTest::newRow("tables an object")
        << QByteArray(R"({"spec": "spec.json", "tables": {}})") << "/tables";
    QTest::newRow("name a number")
        << QByteArray(R"({"name": 5, "spec": "spec.json", "tables": []})") << "/name";
    QTest::newRow("table a string")
        << QByteArray(R"({"spec": "spec.json", "tables": ["a.csv"]})") << "/tables/0";
    QTest::newRow("table name a list")
        << QByteArray(R"({"spec": "spec.json", "tables": [{"file": "shopflow.csv", "name": []}]})")
        << "/tables/0/name";
    QTest::newRow("table file missing")
        << QByteArray(R"({"spec": "spec.json", "tables": [{"name": "x"}]})") << "/tables/0/file";
}

/// A sample folder's project.json with a value of the wrong type: an error naming the manifest
/// and the JSON path, never an exception (every value is type-checked before it is read).
void tst_ProjectStore::badSampleManifests()
{
    QFETCH(QByteArray, manifest);
    QFETCH(QString, field);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::copy(SampleDir + "/spec.json", dir.filePath("spec.json")));
    QVERIFY(QFile::copy(SampleDir + "/shopflow.csv", dir.filePath("shopflow.csv")));
    QFile file(dir.filePath("project.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(manifest);
    file.close();
    auto store = ProjectStore::open(dir.filePath("p.counterpart").toStdString(), Create);
    CP_VERIFY_OK(store);
    auto n = importProjectFolder(**store, dir.path().toStdString());
    QVERIFY(!n.ok());
    QVERIFY2(n.error().file.find("project.json") != std::string::npos,
             n.error().toString().c_str());
    QCOMPARE(QString::fromStdString(n.error().field), field);
}

void tst_ProjectStore::badArguments()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = ProjectStore::open(dir.filePath("p.counterpart").toStdString(),
                                    ProjectStore::OpenMode::CreateIfMissing);
    CP_VERIFY_OK(store);
    auto fmt = (*store)->importTable("t", "a,b\n1,2\n", "xlsx");
    QVERIFY(!fmt.ok());
    QCOMPARE(fmt.error().code, ErrorCode::Invalid);
    auto missing = (*store)->importTableFile(dir.filePath("nope.csv").toStdString());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::Io);
    auto folder = importProjectFolder(**store, dir.filePath("no-folder").toStdString());
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().code, ErrorCode::Io);
    QVERIFY(QString::fromStdString(folder.error().file).endsWith("project.json"));
    // A manifest without tables names the JSON path.
    QVERIFY(QDir(dir.path()).mkdir("sample"));
    QVERIFY(writeFile(dir.filePath("sample/project.json"), R"({"spec": "spec.json"})"));
    auto noTables = importProjectFolder(**store, dir.filePath("sample").toStdString());
    QVERIFY(!noTables.ok());
    QCOMPARE(noTables.error().code, ErrorCode::Schema);
    QCOMPARE(noTables.error().field, std::string("/tables"));
    QCOMPARE((*store)->tables()->size(), std::size_t(0));
    // The file name becomes the default table name.
    const QString csv = dir.filePath("loans-2026.csv");
    QVERIFY(writeFile(csv, "a,b\n1,2\n"));
    auto named = (*store)->importTableFile(csv.toStdString());
    CP_VERIFY_OK(named);
    QCOMPARE(named->name, std::string("loans-2026"));
    QCOMPARE(named->format, std::string("csv"));
    const QString jsonl = dir.filePath("rows.jsonl");
    QVERIFY(writeFile(jsonl, "{\"a\": 1}\n"));
    auto lines = (*store)->importTableFile(jsonl.toStdString());
    CP_VERIFY_OK(lines);
    QCOMPARE(lines->format, std::string("jsonl"));
}

void tst_ProjectStore::locators_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("server");
    QTest::addColumn<QString>("display");
    QTest::newRow("relative path") << "p.counterpart" << true << false << "p.counterpart";
    QTest::newRow("absolute path") << "/data/p.counterpart" << true << false
                                   << "/data/p.counterpart";
    QTest::newRow("windows path") << "C:\\p\\x.counterpart" << true << false
                                  << "C:\\p\\x.counterpart";
    QTest::newRow("file url") << "file:///data/p.counterpart" << true << false
                              << "/data/p.counterpart";
    QTest::newRow("postgresql") << "postgresql://ana@db.example:5432/audits" << true << true
                                << "postgresql://ana@db.example:5432/audits";
    QTest::newRow("password hidden") << "postgres://ana:s3cret@db/audits" << true << true
                                     << "postgres://ana:***@db/audits";
    QTest::newRow("unknown scheme") << "mysql://db/audits" << false << false << "";
    QTest::newRow("empty") << "" << false << false << "";
}

void tst_ProjectStore::locators()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, server);
    QFETCH(QString, display);
    auto locator = ProjectLocator::parse(text.toStdString());
    QCOMPARE(locator.ok(), valid);
    if (!valid) {
        QCOMPARE(locator.error().code, ErrorCode::Invalid);
        QVERIFY2(locator.error().message.find("postgresql://") != std::string::npos,
                 locator.error().toString().c_str());
        return;
    }
    QCOMPARE(locator->kind() == ProjectLocator::Kind::Server, server);
    QCOMPARE(QString::fromStdString(locator->display()), display);
}

void tst_ProjectStore::serverProjectsAreRefused()
{
    // The same refusal through either open, and without the password in it.
    const std::string url = "postgresql://ana:s3cret@db.example/audits";
    for (int overload = 0; overload < 2; ++overload) {
        auto store = overload ? ProjectStore::open(*ProjectLocator::parse(url))
                              : ProjectStore::open(url, Create);
        QVERIFY(!store.ok());
        const Error &e = store.error();
        QVERIFY2(e.message.find("server projects are not built into this version")
                     != std::string::npos,
                 e.toString().c_str());
        QVERIFY2(e.toString().find("s3cret") == std::string::npos, e.toString().c_str());
        QCOMPARE(e.file, std::string("postgresql://ana:***@db.example/audits"));
    }
}

void tst_ProjectStore::chunkBoundaries_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addColumn<int>("length");
    for (int chunk : {1, 2, 7, 64})
        for (int length : {0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk, 3 * chunk + 5})
            if (length >= 0)
                QTest::newRow(qPrintable(QStringLiteral("chunk %1, %2 bytes")
                                             .arg(chunk)
                                             .arg(length)))
                    << chunk << length;
}

void tst_ProjectStore::chunkBoundaries()
{
    QFETCH(int, chunk);
    QFETCH(int, length);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    // Text (a binary file is refused at import): printable ASCII with line feeds, no quotes.
    std::string bytes(std::size_t(length), '\0');
    for (int i = 0; i < length; ++i) {
        const char c = char(32 + (i * 131 + 7) % 95);
        bytes[std::size_t(i)] = i % 17 == 16 ? '\n' : c == '"' ? 'q' : c;
    }
    const qint64 chunks = (length + chunk - 1) / chunk;
    std::int64_t id = 0;
    {
        StoreOptions options;
        options.chunkBytes = std::size_t(chunk);
        auto store = ProjectStore::open(path.toStdString(), Create, options);
        CP_VERIFY_OK(store);
        auto table = (*store)->importTable("t", bytes, "csv");
        if (length == 0) {   // an empty file is no table
            QVERIFY(!table);
            QVERIFY(table.error().message.find("empty") != std::string::npos);
            return;
        }
        CP_VERIFY_OK(table);
        id = table->id;
        QCOMPARE(table->bytes, std::int64_t(length));
        QCOMPARE(table->sha256, sha256Of(QByteArray::fromStdString(bytes)));
    }
    QCOMPARE(sql(path, "SELECT count(*) FROM table_chunks").toLongLong(), chunks);
    if (length > 0)
        QVERIFY(sql(path, "SELECT max(length(content)) FROM table_chunks").toInt() <= chunk);
    // The chunk size is how a table was written; any reader reads it back whole.
    auto store = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(store);
    auto content = (*store)->tableContent(id);
    CP_VERIFY_OK(content);
    QVERIFY(*content == bytes);
    std::string streamed;
    qint64 pieces = 0;
    CP_VERIFY_OK((*store)->visitTableContent(id, [&](std::string_view piece) {
        ++pieces;
        if (piece.size() > std::size_t(chunk))
            return Status(Error{ErrorCode::Invalid, {}, 0, {}, "a piece over the chunk size"});
        streamed.append(piece);
        return Status(Ok{});
    }));
    QCOMPARE(pieces, chunks);
    QVERIFY(streamed == bytes);
}

void tst_ProjectStore::refusedBindIsAnError()
{
    // A value over the backend's limit used to be bound as nothing at all (the bind's error was
    // ignored), so the insert failed later as "NOT NULL constraint failed: tables.content".
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    CP_VERIFY_OK(ProjectStore::open(path.toStdString(), Create));  // the schema's SQL is longer
    StoreOptions options;
    options.chunkBytes = 1000;
    options.maxValueBytes = 400;   // SQLite applies it to whole rows too: leave room for them
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ExistingOnly,
                                    options);
    CP_VERIFY_OK(store);
    auto refused = (*store)->importTable("big", std::string(1500, 'x'), "csv");
    QVERIFY(!refused.ok());
    const Error &e = refused.error();
    QCOMPARE(e.code, ErrorCode::Storage);
    QVERIFY2(e.message.find("chunk 0 (1000 bytes)") != std::string::npos
                 && e.message.find("too big") != std::string::npos
                 && e.message.find("NOT NULL") == std::string::npos,
             e.toString().c_str());
    auto frozen = freezeProbeSet(**store, {"generated", "s", "{}", 1, {}},
                                 cptest::syntheticLayout(), cptest::syntheticProbeSet(50));
    QVERIFY(!frozen.ok());
    QVERIFY2(frozen.error().message.find("too big") != std::string::npos,
             frozen.error().toString().c_str());
    for (const char *table : {"tables", "table_chunks", "probe_sets"})
        QCOMPARE(sql(path, (std::string("SELECT count(*) FROM ") + table).c_str()),
                 QStringLiteral("0"));
    // Under the limit the same store works: it is the one value that is refused.
    CP_VERIFY_OK((*store)->importTable("small", std::string(300, 'x'), "csv"));
}

void tst_ProjectStore::migrationV4ToV5()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("v4.counterpart");
    std::vector<projectstoretest::V4Table> tables = {{"set rows", "g,family,variant\n", {}},
                                                     {"big", {}, {}},
                                                     {"empty", {}, {}},
                                                     {"three chunks", std::string(192, 'z'), {}}};
    for (int i = 0; i < 1000; ++i)
        tables[1].bytes += char((i * 37 + 11) % 256);
    for (auto &t : tables)
        t.sha256 = sha256Of(QByteArray::fromStdString(t.bytes));
    QVERIFY(projectstoretest::writeV4Project(path, tables));
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("4"));
    {
        StoreOptions options;
        options.chunkBytes = 64;
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ExistingOnly,
                                        options);
        CP_VERIFY_OK(store);
        QCOMPARE(*(*store)->projectName(), std::string("version four"));
        for (std::size_t i = 0; i < tables.size(); ++i) {
            auto content = (*store)->tableContent(std::int64_t(i + 1));  // checks the SHA-256
            CP_VERIFY_OK(content);
            QVERIFY2(*content == tables[i].bytes, tables[i].name.c_str());
        }
        // The probe set's rows are still listed with the probe set, not as a table.
        QCOMPARE((*store)->tables()->size(), tables.size() - 1);
    }
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"),
             QString::number(ProjectStore::SchemaVersion));
    QCOMPARE(sql(path, "SELECT count(*) FROM pragma_table_info('tables') WHERE name = 'content'"),
             QStringLiteral("0"));
    QCOMPARE(sql(path, "SELECT count(*) FROM table_chunks WHERE table_id = 2"),
             QStringLiteral("16"));
    QCOMPARE(sql(path, "SELECT count(*) FROM table_chunks WHERE table_id = 3"),
             QStringLiteral("0"));
    QCOMPARE(sql(path, "SELECT count(*) FROM table_chunks WHERE table_id = 4"),
             QStringLiteral("3"));
    QCOMPARE(sql(path, "SELECT count(*) FROM pragma_foreign_key_check"), QStringLiteral("0"));
    QCOMPARE(sql(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(sql(path, "SELECT count(*) FROM probe_sets"), QStringLiteral("1"));
    QCOMPARE(sql(path, "SELECT count(*) FROM review_labels"), QStringLiteral("1"));
}

void tst_ProjectStore::failedMigrationLeavesV4()
{
    // An object already named like a v5 table: the migration fails as a whole.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("v4.counterpart");
    const std::string bytes = "a,b\n1,2\n";
    QVERIFY(projectstoretest::writeV4Project(
        path, {{"t", bytes, sha256Of(QByteArray::fromStdString(bytes))}}));
    bool ok = false;
    sql(path, "CREATE INDEX table_chunks ON specs(name)", &ok);
    QVERIFY(ok);
    auto store = ProjectStore::open(path.toStdString());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Storage);
    QVERIFY2(store.error().message.find("schema version 5") != std::string::npos,
             store.error().toString().c_str());
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("4"));
    QCOMPARE(sql(path, "SELECT content FROM tables WHERE id = 1"), QString::fromStdString(bytes));
}

void tst_ProjectStore::transactionsNest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    ProjectStore &s = **store;
    {
        // An import inside a caller's transaction joins it: nothing lands until that commits.
        StoreTransaction outer(s);
        CP_VERIFY_OK(outer.begun());
        CP_VERIFY_OK(s.importTable("a", "a\n1\n", "csv"));
    }
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("0"));
    {
        // An inner part that gave up makes the whole fail.
        StoreTransaction outer(s);
        CP_VERIFY_OK(s.importTable("a", "a\n1\n", "csv"));
        {
            StoreTransaction inner(s);
            CP_VERIFY_OK(inner.begun());
        }
        auto committed = outer.commit();
        QVERIFY(!committed.ok());
        QVERIFY2(committed.error().message.find("nothing was written") != std::string::npos,
                 committed.error().toString().c_str());
    }
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("0"));
    {
        StoreTransaction outer(s);
        CP_VERIFY_OK(s.importTable("a", "a\n1\n", "csv"));
        CP_VERIFY_OK(s.importTable("b", "b\n2\n", "csv"));
        CP_VERIFY_OK(outer.commit());
    }
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("2"));
}

void tst_ProjectStore::streamedFreeze_data()
{
    QTest::addColumn<int>("recordsPerPiece");
    QTest::addColumn<int>("chunk");
    QTest::addColumn<bool>("crlf");
    QTest::newRow("one piece") << 0 << 4096 << false;
    QTest::newRow("record by record, 7-byte chunks") << 1 << 7 << false;
    QTest::newRow("3 records a piece") << 3 << 100 << false;
    QTest::newRow("CRLF, re-encoded as it streams") << 2 << 33 << true;
}

void tst_ProjectStore::streamedFreeze()
{
    QFETCH(int, recordsPerPiece);
    QFETCH(int, chunk);
    QFETCH(bool, crlf);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string csv = cptest::syntheticProbeSet(40);
    if (crlf)
        for (std::size_t at = csv.find('\n'); at != std::string::npos; at = csv.find('\n', at + 2))
            csv.insert(at, 1, '\r');
    const ProbeSetOrigin origin{"generated", "synthetic", "{}", 7, std::nullopt};
    // The reference: the same set frozen from memory.
    auto reference = ProjectStore::open(dir.filePath("memory.counterpart").toStdString(), Create);
    CP_VERIFY_OK(reference);
    auto expected = freezeProbeSet(**reference, origin, cptest::syntheticLayout(), csv);
    CP_VERIFY_OK(expected);

    StoreOptions options;
    options.chunkBytes = std::size_t(chunk);
    const QString path = dir.filePath("stream.counterpart");
    auto store = ProjectStore::open(path.toStdString(), Create, options);
    CP_VERIFY_OK(store);
    int pieces = 0;
    const CsvProducer produce = [&](const CsvSink &sink) -> Status {
        std::size_t start = 0;
        for (std::size_t at = 0, records = 0; at < csv.size(); ++at) {
            // recordsPerPiece 0: the whole set is one piece.
            const bool pieceEnds = csv[at] == '\n' && recordsPerPiece > 0
                                   && ++records % std::size_t(recordsPerPiece) == 0;
            if (!pieceEnds && at + 1 < csv.size())
                continue;
            ++pieces;
            if (auto s = sink(std::string_view(csv).substr(start, at + 1 - start)); !s)
                return s;
            start = at + 1;
        }
        return Ok{};
    };
    auto frozen = freezeProbeSetStream(**store, origin, cptest::syntheticLayout(), produce);
    CP_VERIFY_OK(frozen);
    QCOMPARE(pieces, recordsPerPiece == 0 ? 1 : (81 + recordsPerPiece - 1) / recordsPerPiece);
    QVERIFY(!frozen->existed);
    QCOMPARE(frozen->sha256, expected->sha256);
    QCOMPARE(frozen->families, std::int64_t(40));
    QCOMPARE(frozen->variants, std::int64_t(80));
    QVERIFY(nlohmann::json(frozen->balance) == nlohmann::json(expected->balance));
    QVERIFY(nlohmann::json(frozen->integrity) == nlohmann::json(expected->integrity));
    auto content = probeSetContent(**store, frozen->id);
    CP_VERIFY_OK(content);
    QVERIFY(*content == *probeSetContent(**reference, expected->id));
    QCOMPARE(sql(path, "SELECT count(*) FROM table_chunks").toLongLong(),
             qint64((content->size() + std::size_t(chunk) - 1) / std::size_t(chunk)));
    // Streaming the same content again returns the version, and leaves no second copy.
    auto again = freezeProbeSetStream(**store, origin, cptest::syntheticLayout(), produce);
    CP_VERIFY_OK(again);
    QVERIFY(again->existed);
    QCOMPARE(again->id, frozen->id);
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("1"));
}

void tst_ProjectStore::streamedFreezeLeavesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    StoreOptions options;
    options.chunkBytes = 50;
    auto store = ProjectStore::open(path.toStdString(), Create, options);
    CP_VERIFY_OK(store);
    const ProbeSetOrigin origin{"generated", "doomed", "{}", 1, std::nullopt};
    const std::string csv = cptest::syntheticProbeSet(6);
    const auto lines = [&] {
        std::vector<std::string> out;
        for (std::size_t start = 0, nl; (nl = csv.find('\n', start)) != std::string::npos;
             start = nl + 1)
            out.push_back(csv.substr(start, nl + 1 - start));
        return out;
    }();
    const auto freeze = [&](std::vector<std::string> pieces, Status stop = Ok{}) {
        return freezeProbeSetStream(**store, origin, cptest::syntheticLayout(),
                                    [&](const CsvSink &sink) -> Status {
                                        for (const auto &p : pieces)
                                            if (auto s = sink(p); !s)
                                                return s;
                                        return stop;
                                    });
    };
    const auto nothingLeft = [&] {
        for (const char *table : {"tables", "table_chunks", "probe_sets"})
            if (sql(path, (std::string("SELECT count(*) FROM ") + table).c_str()) != "0")
                return false;
        return true;
    };
    // The producer fails after most of the set was stored.
    auto failed = freeze(lines, Error{ErrorCode::Io, "gen", 0, {}, "the generator gave up"});
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().message, std::string("the generator gave up"));
    QVERIFY(nothingLeft());
    // A family that comes back after another began cannot be checked as it streams.
    std::vector<std::string> apart = lines;
    std::swap(apart[2], apart[3]);
    auto interleaved = freeze(apart);
    QVERIFY(!interleaved.ok());
    QVERIFY2(interleaved.error().message.find("appears again") != std::string::npos,
             interleaved.error().toString().c_str());
    QCOMPARE(interleaved.error().line, std::int64_t(4));
    QVERIFY(nothingLeft());
    // A piece that ends inside a record: mid-field, so that the record still looks whole.
    std::vector<std::string> cut = {lines[0] + lines[1].substr(0, lines[1].size() - 1),
                                    "\n" + lines[2]};
    auto split = freeze(cut);
    QVERIFY(!split.ok());
    QVERIFY2(split.error().message.find("inside a record") != std::string::npos,
             split.error().toString().c_str());
    QVERIFY(nothingLeft());
    // A dirty set is refused, as from memory; with allowDirty it is kept with its report.
    std::vector<std::string> dirty = lines;
    std::size_t age = 0;   // after the fourth comma: family,variant,gender,first_name,age
    for (int commas = 0; commas < 4; ++commas)
        age = dirty[2].find(',', age) + 1;
    dirty[2].insert(age, "9");   // the twin's age differs from its family's first variant
    auto refused = freeze(dirty);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.find("family ") == 0, refused.error().toString().c_str());
    QVERIFY2(refused.error().field == "age", refused.error().toString().c_str());
    QVERIFY(nothingLeft());
    FreezeOptions allowDirty;
    allowDirty.allowDirty = true;
    auto kept = freezeProbeSetStream(**store, origin, cptest::syntheticLayout(),
                                     [&](const CsvSink &sink) -> Status {
                                         for (const auto &p : dirty)
                                             if (auto s = sink(p); !s)
                                                 return s;
                                         return Ok{};
                                     },
                                     allowDirty);
    CP_VERIFY_OK(kept);
    QCOMPARE(kept->integrity.fieldsDifferOutside.count, std::int64_t(1));
}

void tst_ProjectStore::auditCache()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("p.counterpart");
    StoreOptions options;
    options.chunkBytes = 5;
    auto opened = ProjectStore::open(path.toStdString(), Create, options);
    CP_VERIFY_OK(opened);
    ProjectStore &store = **opened;
    std::string blob;
    for (int i = 0; i < 103; ++i)
        blob += char(i * 7 % 256);
    const AuditCacheKey key{"table:1", "spec-sha", "counterpart 1.2.3"};
    QVERIFY(!store.loadAuditCache(key)->has_value());
    CP_VERIFY_OK(store.saveAuditCache(key, blob));
    auto loaded = store.loadAuditCache(key);
    CP_VERIFY_OK(loaded);
    QVERIFY(loaded->has_value());
    QVERIFY((*loaded)->blob == blob);
    QVERIFY(!(*loaded)->created.empty());
    QCOMPARE(sql(path, "SELECT count(*) FROM audit_cache_chunks"), QStringLiteral("21"));
    // Another spec or another build is another key.
    for (const AuditCacheKey &other : {AuditCacheKey{"table:1", "other-sha", "counterpart 1.2.3"},
                                       AuditCacheKey{"table:1", "spec-sha", "counterpart 1.2.4"},
                                       AuditCacheKey{"run:1", "spec-sha", "counterpart 1.2.3"}})
        QVERIFY(!store.loadAuditCache(other)->has_value());
    // Saving the same key replaces the entry.
    CP_VERIFY_OK(store.saveAuditCache(key, "newer"));
    QCOMPARE((*store.loadAuditCache(key))->blob, std::string("newer"));
    QCOMPARE(sql(path, "SELECT count(*) FROM audit_cache"), QStringLiteral("1"));
    QCOMPARE(sql(path, "SELECT count(*) FROM audit_cache_chunks"), QStringLiteral("1"));
    // A damaged entry is an error, not a wrong audit.
    bool ok = false;
    sql(path, "UPDATE audit_cache_chunks SET content = CAST('older' AS BLOB)", &ok);
    QVERIFY(ok);
    auto damaged = store.loadAuditCache(key);
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().message.find("SHA-256") != std::string::npos,
             damaged.error().toString().c_str());
    QCOMPARE(*store.invalidateAuditCache("table:1"), std::int64_t(1));
    QVERIFY(!store.loadAuditCache(key)->has_value());

    // New scores make a run's cached audit stale: committing them removes it.
    auto set = freezeProbeSet(store, {"generated", "s", "{}", 1, {}}, cptest::syntheticLayout(),
                              cptest::syntheticProbeSet(3));
    CP_VERIFY_OK(set);
    auto model = addModel(store, ModelConfig{"m", "1", "builtin", "{}", "config-sha"});
    CP_VERIFY_OK(model);
    auto run = startScoreRun(store, set->id, model->id, 1, 0, 6);
    CP_VERIFY_OK(run);
    const AuditCacheKey runKey{"run:" + std::to_string(run->id), "spec-sha", "v"};
    const AuditCacheKey tableKey{"table:" + std::to_string(set->tableId), "spec-sha", "v"};
    CP_VERIFY_OK(store.saveAuditCache(runKey, "run audit"));
    CP_VERIFY_OK(store.saveAuditCache(tableKey, "table audit"));
    ScoreResult result;
    result.score = 0.5;
    CP_VERIFY_OK(commitScores(store, run->id, {StoredScore{0, 0, result}}));
    QVERIFY(!store.loadAuditCache(runKey)->has_value());
    QVERIFY(store.loadAuditCache(tableKey)->has_value());
    CP_VERIFY_OK(store.saveAuditCache(runKey, "run audit"));
    CP_VERIFY_OK(finishScoreRun(store, run->id, "stopped", ""));
    QVERIFY(!store.loadAuditCache(runKey)->has_value());
    QCOMPARE(*store.invalidateAuditCache(""), std::int64_t(1));
}

void tst_ProjectStore::generateStreamsIntoProject()
{
    // The sample hiring-screen spec with a third protected attribute: 24 variants a family.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto spec = json::parse(fileBytes(COUNTERPART_SOURCE_DIR
                                      "/sample_projects/hiring-screen/generator.json")
                                .toStdString());
    spec["protected"].push_back({{"name", "disability"},
                                 {"groups", {"none", "mobility", "visual"}},
                                 {"reference", "none"}});
    const QString specPath = dir.filePath("generator-24.json");
    QVERIFY(writeFile(specPath, QByteArray::fromStdString(spec.dump())));
    const QString project = dir.filePath("p.counterpart");
    const QString file = dir.filePath("set.csv");
    const auto cli = [](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral(COUNTERPART_CLI), args);
        p.waitForFinished(120000);
        return p.exitCode();
    };
    QCOMPARE(cli({"generate", "--spec", specPath, "--project", project, "--families", "300"}), 0);
    QCOMPARE(cli({"generate", "--spec", specPath, "--out", file, "--families", "300"}), 0);
    auto store = ProjectStore::open(project.toStdString());
    CP_VERIFY_OK(store);
    auto set = findProbeSet(**store, "hiring-screen");
    CP_VERIFY_OK(set);
    QCOMPARE(set->families, std::int64_t(300));
    QCOMPARE(set->variants, std::int64_t(300 * 24));
    QVERIFY(set->integrity.clean());
    const QByteArray bytes = fileBytes(file);
    QCOMPARE(set->sha256, sha256Of(bytes));
    auto content = probeSetContent(**store, set->id);
    CP_VERIFY_OK(content);
    QVERIFY(QByteArray::fromStdString(*content) == bytes);
    QVERIFY(!QFile::exists(project + ".partial") && !QFile::exists(file + ".partial"));
}

QTEST_GUILESS_MAIN(tst_ProjectStore)
#include "tst_projectstore.moc"
