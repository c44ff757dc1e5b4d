// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Issue 14's hardening, through the CLI as a user meets it: text that is not UTF-8, input quoted
// in messages, silent acceptance refused, documented limits that fail cleanly, interrupted work
// that leaves no file, and damaged JSON stored in a project that is reported, never aborts.

#include <core/common/result.h>
#include <core/common/utf8.h>
#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include "../support/sqlitefile.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp;
using nlohmann::json;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(bytes) == bytes.size();
}

} // namespace

class tst_Hardening : public QObject
{
    Q_OBJECT

private slots:
    void utf8Rules();
    void silentAcceptanceIsRefused();
    void limitsFailCleanly();
    void interruptedGenerateLeavesNoFile();
    void damagedStoredJsonIsReported_data();
    void damagedStoredJsonIsReported();
};

namespace {

struct Ran {
    int exitCode = -1;
    QString out, err;
};

Ran runCli(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI), args);
    Ran r;
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

#define EXPECT_CLI(args, code, phrase)                                                           \
    do {                                                                                         \
        const Ran r_ = runCli(args);                                                             \
        QVERIFY2(r_.exitCode == (code) && r_.err.contains(phrase),                               \
                 qPrintable(QStringLiteral("exit %1; stdout: %2; stderr: %3")                    \
                                .arg(r_.exitCode)                                                \
                                .arg(r_.out.left(400), r_.err.left(400))));                      \
    } while (false)

QString sample(const char *relative)
{
    return QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects/") + relative;
}

} // namespace

/// What is UTF-8 (RFC 3629) and how input is quoted in a message.
void tst_Hardening::utf8Rules()
{
    QCOMPARE(utf8::firstInvalid("plain ascii, long enough for the word loop"), std::string::npos);
    QCOMPARE(utf8::firstInvalid("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80"), std::string::npos);
    QCOMPARE(utf8::firstInvalid("0123456789Jos\xe9"), std::size_t(13));       // Latin-1
    QCOMPARE(utf8::firstInvalid("a\xc0\xaf"), std::size_t(1));               // overlong '/'
    QCOMPARE(utf8::firstInvalid("a\xed\xa0\x80"), std::size_t(1));           // surrogate
    QCOMPARE(utf8::firstInvalid("\xf4\x90\x80\x80"), std::size_t(0));        // > U+10FFFF
    QCOMPARE(utf8::firstInvalid("ok\xe2\x80"), std::size_t(2));               // cut short
    QCOMPARE(utf8::firstInvalid("\x96 dash"), std::size_t(0));                 // Windows-1252
    const auto p = utf8::positionOf("ab\nc\xc3\xa9" "d\xe9", 7);
    QCOMPARE(p.line, std::int64_t(2));
    QCOMPARE(p.column, std::int64_t(4));
    QCOMPARE(utf8::quoted("a\x1b[2Jb\n\t\x7f"), std::string("'a\\x1B[2Jb\\n\\t\\x7F'"));
    QCOMPARE(utf8::quoted("Jos\xe9"), std::string("'Jos\\xE9'"));
    QCOMPARE(utf8::quoted("\xc2\x9b"), std::string("'\\u009B'"));          // C1 CSI
    QCOMPARE(utf8::quoted(std::string(300, 'x')), "'" + std::string(200, 'x') + "…'");
    // Cut on a character boundary: 199 x and a two-byte é do not fit 200 bytes whole.
    QCOMPARE(utf8::printable(std::string(199, 'x') + "\xc3\xa9"), std::string(199, 'x') + "…");
    Error e{ErrorCode::Parse, "t\x1b.csv", 3, "col\x07", std::string(100000, 'm') + "\x1b"};
    const std::string shown = e.toString();
    QVERIFY(shown.find('\x1b') == std::string::npos && shown.find('\x07') == std::string::npos);
    QVERIFY(shown.size() < 2200);
}

/// Issue 14, defect 14: each was accepted without a word.
void tst_Hardening::silentAcceptanceIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath("p.counterpart");
    EXPECT_CLI((QStringList{"init", "--project", project, "--from", sample("shopflow-judge")}), 0,
               "");
    // A label for a family the rows do not hold was saved, and review stats counted it.
    EXPECT_CLI((QStringList{"review", "label", "--project", project, "--table", "baseline",
                            "--family", "p999", "--reviewer", "ann", "--equivalence",
                            "equivalent"}),
               2, "no family 'p999' in these rows");
    EXPECT_CLI((QStringList{"review", "label", "--project", project, "--table", "baseline",
                            "--family", "p1", "--reviewer", "ann", "--equivalence",
                            "equivalent"}),
               0, "");
    const Ran stats = runCli({"review", "stats", "--project", project, "--table", "baseline",
                              "--json", "-"});
    QCOMPARE(stats.exitCode, 0);
    // Parsed without exceptions: output that is not JSON fails this check, not the suite.
    const json doc = json::parse(stats.out.toStdString(), nullptr, false);
    QVERIFY2(doc.is_object(), qPrintable(stats.out));
    QCOMPARE(doc.value("labels", -1), 1);
    // A binary file was stored as a table.
    QByteArray binary("a,b\n1,2\n");
    binary += QByteArray("\x7f" "ELF\0\0\x01", 7);
    QVERIFY(writeFile(dir.filePath("blob.csv"), binary));
    EXPECT_CLI((QStringList{"import", "--project", project, "--table", dir.filePath("blob.csv")}),
               2, "blob:3: byte 0x00 at column 5: a table is text, and this looks like a binary file");
    QVERIFY(writeFile(dir.filePath("latin.csv"), "a,b\nJos\xe9,2\n"));
    EXPECT_CLI((QStringList{"import", "--project", project, "--table",
                            dir.filePath("latin.csv")}),
               2, "latin:2: byte 0xE9 at column 4 is not UTF-8");
    // A table named "1" shadowed table id 1: digits are an id, so such a name is refused.
    QVERIFY(writeFile(dir.filePath("1.csv"), "a,b\nx,2\n"));
    EXPECT_CLI((QStringList{"import", "--project", project, "--table", dir.filePath("1.csv")}),
               2, "'1' would read as an id");
    EXPECT_CLI((QStringList{"import", "--project", project, "--table",
                            dir.filePath("latin.csv").replace("latin", "1"), "--name", "007"}),
               2, "'007' would read as an id");
    const Ran tables = runCli({"tables", "--project", project});
    QCOMPARE(tables.exitCode, 0);
    QCOMPARE(tables.out.count('\n'), 2);   // baseline and candidate only
    // get<int>() truncated first: 4294967298 repeats ran 2.
    QVERIFY(writeFile(dir.filePath("model.json"),
                      QByteArray(R"({"name": "m", "version": "1", "kind": "builtin",
                                     "repeats": 4294967298,
                                     "builtin": {"intercept": 0, "threshold": 0.5}})")));
    EXPECT_CLI((QStringList{"models", "--project", project, "--add", dir.filePath("model.json")}),
               2, "/repeats: expected a whole number from 1 to 100");
}

/// Issue 14, defect 10: documented limits that fail cleanly, before anything is written.
void tst_Hardening::limitsFailCleanly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile base(sample("hiring-screen/generator.json"));
    QVERIFY(base.open(QIODevice::ReadOnly));
    json spec = json::parse(base.readAll().toStdString());
    spec["families"] = 1000000000000LL;
    QVERIFY(writeFile(dir.filePath("huge.json"), QByteArray::fromStdString(spec.dump())));
    EXPECT_CLI((QStringList{"generate", "--spec", dir.filePath("huge.json"), "--out",
                            dir.filePath("huge.csv")}),
               2, "/families: expected a whole number from 1 to 100000000");
    QVERIFY(!QFile::exists(dir.filePath("huge.csv")));
    QVERIFY(!QFile::exists(dir.filePath("huge.csv.partial")));
    spec["families"] = 10;
    json wide = json::array();
    for (int a = 0; a < 10; ++a) {
        json groups = json::array();
        for (int g = 0; g < 10; ++g)
            groups.push_back("g" + std::to_string(g));
        wide.push_back({{"name", "a" + std::to_string(a)}, {"groups", groups}});
    }
    spec["protected"] = wide;
    spec.erase("linked");
    spec.erase("power");
    spec["design"] = {{"variants", "full_factorial"}};
    QVERIFY(writeFile(dir.filePath("wide.json"), QByteArray::fromStdString(spec.dump())));
    EXPECT_CLI((QStringList{"generate", "--spec", dir.filePath("wide.json"), "--out",
                            dir.filePath("wide.csv")}),
               2, "/protected: the protected attributes make more than 65536 combinations");
    EXPECT_CLI((QStringList{"generate", "--spec", sample("hiring-screen/generator.json"),
                            "--families", "100000001", "--out", dir.filePath("x.csv")}),
               2, "--families needs a whole number from 1 to 100000000");

    // A packet with many labels for one family was accepted.
    const QString project = dir.filePath("p.counterpart");
    EXPECT_CLI((QStringList{"init", "--project", project, "--from", sample("shopflow-judge")}), 0,
               "");
    EXPECT_CLI((QStringList{"review", "export", "--project", project, "--table", "baseline",
                            "--sample", "2", "--reviewer", "ann", "--out",
                            dir.filePath("packet.json")}),
               0, "");
    QFile packetFile(dir.filePath("packet.json"));
    QVERIFY(packetFile.open(QIODevice::ReadOnly));
    json packet = json::parse(packetFile.readAll().toStdString());
    packetFile.close();
    const std::string family = packet["items"][0]["family"].get<std::string>();
    for (int i = 0; i < 2; ++i)
        packet["labels"].push_back({{"family", family}, {"equivalence", "equivalent"}});
    QVERIFY(writeFile(dir.filePath("twice.json"), QByteArray::fromStdString(packet.dump())));
    EXPECT_CLI((QStringList{"review", "import", "--project", project, "--packet",
                            dir.filePath("twice.json")}),
               2, "/labels/1: labels family '" + QString::fromStdString(family)
                      + "' for 'ann' again (label 0 did)");
    packet["labels"] = json::array();
    for (int i = 0; i < 100; ++i)
        packet["labels"].push_back({{"family", family},
                                    {"reviewer", "r" + std::to_string(i)},
                                    {"equivalence", "equivalent"}});
    QVERIFY(writeFile(dir.filePath("many.json"), QByteArray::fromStdString(packet.dump())));
    EXPECT_CLI((QStringList{"review", "import", "--project", project, "--packet",
                            dir.filePath("many.json")}),
               2, "/labels/64: more than 64 labels for family");
}

/// SIGTERM during generate --out left its .partial file (and it filled the disk meanwhile).
void tst_Hardening::interruptedGenerateLeavesNoFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath("big.csv");
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI),
            {"generate", "--spec", sample("hiring-screen/generator.json"), "--families",
             "50000000", "--threads", "1", "--out", out});
    QVERIFY(p.waitForStarted());
    // Until it writes, then a little longer.
    for (int i = 0; i < 200 && !QFile::exists(out + ".partial"); ++i)
        QTest::qWait(25);
    QVERIFY(QFile::exists(out + ".partial"));
    QTest::qWait(300);
    p.terminate();   // SIGTERM
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(p.readAllStandardError()).contains("interrupted"), "");
    QVERIFY(!QFile::exists(out));
    QVERIFY(!QFile::exists(out + ".partial"));
}

/// Issue 14, defect 9: JSON stored in a project that passes quick_check but does not parse, has
/// the wrong shape, is not UTF-8 or nests too deep. Every command that reads it says so (exit 2)
/// or does not need it (0 or 1); none aborts, none hangs.
void tst_Hardening::damagedStoredJsonIsReported_data()
{
    QTest::addColumn<QString>("sql");
    const QStringList damages{"'{\"intercept\": '", "'1e400'", "'[]'", "'\"x\"'",
                              "CAST(X'7B2261223A2022E9227D' AS TEXT)",   // {"a": "\xE9"}
                              "printf('%.*c', 100000, '[')"};
    const QList<QPair<QString, QString>> columns{
        {"models", "config_json"},        {"probe_sets", "layout_json"},
        {"probe_sets", "balance_json"},   {"probe_sets", "integrity_json"},
        {"probe_sets", "spec_json"},      {"runs", "result_json"},
        {"specs", "json"}};
    for (const auto &[table, column] : columns) {
        for (int d = 0; d < damages.size(); ++d) {
            // A scored project records no audit of a table: runs gets a damaged row of its own.
            const QString sql =
                table == "runs"
                    ? QStringLiteral("INSERT INTO runs(table_id, spec_id, created, decision, "
                                     "result_json) VALUES (1, 1, '2026-12-04', NULL, %1);")
                          .arg(damages[d])
                    : QStringLiteral("DROP TRIGGER IF EXISTS probe_sets_frozen; "
                                     "UPDATE %1 SET %2 = %3;")
                          .arg(table, column, damages[d]);
            QTest::newRow(qPrintable(QStringLiteral("%1.%2 #%3").arg(table, column).arg(d)))
                << sql;
        }
    }
}

void tst_Hardening::damagedStoredJsonIsReported()
{
    QFETCH(QString, sql);
    static QTemporaryDir base;   // one scored project, copied for every row
    static const QString pristine = base.filePath("hiring.counterpart");
    if (!QFile::exists(pristine)) {
        QVERIFY(base.isValid());
        EXPECT_CLI((QStringList{"generate", "--spec", sample("hiring-screen/generator.json"),
                                "--families", "40", "--project", pristine}),
                   0, "");
        EXPECT_CLI((QStringList{"spec", "--project", pristine, "--set",
                                sample("hiring-screen/audit.json")}),
                   0, "");
        EXPECT_CLI((QStringList{"models", "--project", pristine, "--add",
                                sample("hiring-screen/model.json")}),
                   0, "");
        EXPECT_CLI((QStringList{"score", "--project", pristine, "--probe-set", "hiring-screen",
                                "--model", "screening-v1"}),
                   0, "");
        const Ran audited = runCli({"audit", "--project", pristine, "--run", "1", "--quiet"});
        QVERIFY2(audited.exitCode == 0 || audited.exitCode == 1, qPrintable(audited.err));
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath("p.counterpart");
    QVERIFY(QFile::copy(pristine, project));
    const QString damaged = cp::test::execSql(project, sql);
    QVERIFY2(damaged.isEmpty(), qPrintable(damaged));

    const QList<QStringList> commands{
        {"models", "--project", project, "--show", "screening-v1"},
        {"probe-sets", "--project", project, "--show", "1"},
        {"runs", "--project", project},
        {"audit", "--project", project, "--run", "1", "--json", dir.filePath("a.json")},
        {"gate", "--project", project, "--run", "1", "--junit", dir.filePath("j.xml")},
        {"report", "--project", project, "--run", "1", "--html", dir.filePath("r.html")},
        {"review", "export", "--project", project, "--run", "1", "--sample", "2", "--out",
         dir.filePath("packet.json")},
        {"score", "--project", project, "--probe-set", "hiring-screen", "--model",
         "screening-v1"},
    };
    int refused = 0;
    for (const QStringList &args : commands) {
        const Ran r = runCli(args, 30000);
        const QString what = args.mid(0, 2).join(' ');
        QVERIFY2(r.exitCode >= 0 && r.exitCode <= 2,
                 qPrintable(QStringLiteral("%1: exit %2 (crashed or hung); stderr: %3")
                                .arg(what)
                                .arg(r.exitCode)
                                .arg(r.err.left(400))));
        QVERIFY2(!r.err.contains("terminate called"), qPrintable(what + ": " + r.err.left(400)));
        if (r.exitCode == 2) {
            QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(what + ": exit 2 without a word"));
            ++refused;
        }
    }
    // runs.result_json is read only by the workbench's trend of recorded audits: it must name
    // the damaged audit, not skip it. probe_sets.spec_json is kept verbatim for the record (and
    // read, leniently, only for sets derived from replies), so no command has cause to refuse.
    if (sql.contains("INTO runs")) {
        auto store = ProjectStore::open(project.toStdString());
        QVERIFY(store);
        const auto trend = recordedTrendRuns(**store);
        QVERIFY(!trend);
        QVERIFY2(trend.error().message.find("recorded audit 1") != std::string::npos,
                 trend.error().message.c_str());
    } else if (!sql.contains("spec_json")) {
        QVERIFY2(refused > 0, "no command noticed the damage");
    }
}

QTEST_GUILESS_MAIN(tst_Hardening)
#include "tst_hardening.moc"
