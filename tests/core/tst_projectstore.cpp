// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The project file: a round trip through a QTemporaryDir (create, import the ShopFlow sample,
// audit and record, reopen, copy), and the files a user may hand it by mistake (garbage, a
// foreign SQLite file, a newer schema, a tampered table). The test reaches into the file with
// the sqlite3 C API where it needs to set up or inspect what the public API cannot.
// SHA-256 values are checked against QCryptographicHash, not against core's own hasher.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/workflow/projectaudit.h>
#include <core/store/projectstore.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "../support/testsupport.h"

#include "../support/sqlitefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
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
        QStringLiteral("UPDATE table_chunks SET content = CAST('pair,variant\np1,formal\n' AS BLOB) "
                       "WHERE table_id = %1 AND seq = 0")
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

QTEST_GUILESS_MAIN(tst_ProjectStore)
#include "tst_projectstore.moc"
