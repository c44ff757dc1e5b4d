// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Frozen probe sets in the project file (issue #3): freeze and read back, content addressing over
// the canonical CSV, the balance and integrity reports on hand-made sets, import refusal, export,
// lineage, the v1 → v2 migration and a process killed mid-freeze. Hashes are checked against
// QCryptographicHash, JSON Lines exports against QJsonDocument, not against core's own code.

#include "probesettestdata.h"

#include "../support/syntheticprobeset.h"

#include <core/probeset/canonicalcsv.h>
#include <core/probeset/probesetcheck.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <nlohmann/json.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace cp;
using namespace probesettest;

namespace {

std::string counts(const GroupBalance &g)
{
    std::string s;
    for (const GroupCount &c : g.counts)
        s += (s.empty() ? "" : " ") + (c.stratum.empty() ? "" : c.stratum + ":") + c.group + "="
             + std::to_string(c.count);
    return s + (g.balanced ? "" : " !");
}

} // namespace


class tst_ProbeSets : public QObject
{
    Q_OBJECT

private slots:
    void freezeRoundTrip();
    void sameContentSameVersion();
    void canonicalEncoding_data();
    void canonicalEncoding();
    void balanceReport_data();
    void balanceReport();
    void integrityReport_data();
    void integrityReport();
    void layoutErrors_data();
    void layoutErrors();
    void importRefusal();
    void exportRoundTrip_data();
    void exportRoundTrip();
    void lineage();
    void failedFreezeLeavesNothing();
    void migrationFromV1();
    void failedMigrationLeavesV1();
    void cli();
    void streamCheck_data();
    void streamCheck();
    void crashMidFreeze_data();
    void crashMidFreeze();

private:
    QTemporaryDir m_dir;
};

void tst_ProbeSets::freezeRoundTrip()
{
    const QString path = m_dir.filePath("roundtrip.counterpart");
    std::int64_t id = 0;
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
        auto set = freezeProbeSet(**store, origin("hiring"), baseLayout(), BaseSet);
        CP_VERIFY_OK(set);
        QVERIFY(!set->existed);
        QCOMPARE(set->sha256, sha256Of(BaseSet));
        QCOMPARE(set->families, std::int64_t(2));
        QCOMPARE(set->variants, std::int64_t(8));
        QVERIFY(set->balance.balanced);
        QVERIFY2(set->integrity.clean(), set->integrity.summary().c_str());
        id = set->id;
    }
    auto store = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(store);
    auto sets = probeSets(**store);
    CP_VERIFY_OK(sets);
    QCOMPARE(sets->size(), std::size_t(1));
    const ProbeSetRecord &r = sets->front();
    QCOMPARE(r.id, id);
    QCOMPARE(r.name, std::string("hiring"));
    QCOMPARE(r.kind, std::string("generated"));
    QCOMPARE(r.specJson, std::string("{\"name\": \"hiring\"}"));
    QCOMPARE(r.seed, std::optional<std::uint64_t>(42));
    QVERIFY(!r.parentId);
    QVERIFY(r.layout == baseLayout());
    QCOMPARE(r.balance.intersection.counts.size(), std::size_t(4));
    QVERIFY(r.integrity.clean());
    QCOMPARE(QString::fromStdString(r.created).size(), 20);  // 2026-01-01T00:00:00Z
    auto content = probeSetContent(**store, id);
    CP_VERIFY_OK(content);
    QCOMPARE(*content, std::string(BaseSet));
    auto byName = findProbeSet(**store, "hiring");
    CP_VERIFY_OK(byName);
    QCOMPARE(byName->id, id);
    QVERIFY(!findProbeSet(**store, "nope").ok());
    // The rows are a frozen table, but not one an audit should pick as "the newest table".
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("1"));
    auto tables = (*store)->tables();
    CP_VERIFY_OK(tables);
    QVERIFY(tables->empty());
    // Frozen: the file itself refuses an edit.
    bool ok = true;
    sql(path, "UPDATE probe_sets SET name = 'edited'", &ok);
    QVERIFY(!ok);
    QCOMPARE(sql(path, "SELECT name FROM probe_sets"), QStringLiteral("hiring"));
}

void tst_ProbeSets::sameContentSameVersion()
{
    const QString path = m_dir.filePath("same.counterpart");
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    auto first = freezeProbeSet(**store, origin("a"), baseLayout(), BaseSet);
    CP_VERIFY_OK(first);
    auto second = freezeProbeSet(**store, origin("b", "imported"), baseLayout(), BaseSet);
    CP_VERIFY_OK(second);
    QCOMPARE(second->id, first->id);
    QVERIFY(second->existed);
    QCOMPARE(second->name, std::string("a"));
    QCOMPARE(sql(path, "SELECT count(*) FROM probe_sets"), QStringLiteral("1"));
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("1"));
    // The same content read with another layout is not silently the same version.
    auto other = freezeProbeSet(**store, origin("c"), baseLayout(false), BaseSet,
                                FreezeOptions{true, {}, {}});
    QVERIFY(!other.ok());
    QVERIFY2(other.error().message.find("different layout") != std::string::npos,
             other.error().toString().c_str());
}

void tst_ProbeSets::canonicalEncoding_data()
{
    QTest::addColumn<QByteArray>("input");
    const QByteArray canonical = "family,variant,g,note\n"
                                 "1,f,f,\"a, b\"\n"
                                 "1,m,m,\"say \"\"hi\"\"\"\n";
    QTest::newRow("canonical") << canonical;
    QTest::newRow("crlf") << QByteArray("family,variant,g,note\r\n1,f,f,\"a, b\"\r\n"
                                        "1,m,m,\"say \"\"hi\"\"\"\r\n");
    QTest::newRow("needless quotes")
        << QByteArray("\"family\",variant,g,note\n\"1\",\"f\",f,\"a, b\"\n"
                      "1,m,\"m\",\"say \"\"hi\"\"\"\n");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF") + canonical;
    QTest::newRow("no final line feed") << canonical.chopped(1);
    QTest::newRow("blank lines")
        << QByteArray("family,variant,g,note\n\n1,f,f,\"a, b\"\n1,m,m,\"say \"\"hi\"\"\"\n\n");
}

void tst_ProbeSets::canonicalEncoding()
{
    QFETCH(QByteArray, input);
    const std::string canonical = "family,variant,g,note\n"
                                  "1,f,f,\"a, b\"\n"
                                  "1,m,m,\"say \"\"hi\"\"\"\n";
    ProbeSetLayout layout;
    layout.protectedColumns = {"g"};
    auto check = checkProbeSet(input.toStdString(), layout, "input");
    CP_VERIFY_OK(check);
    const std::string in = input.toStdString();
    QCOMPARE(std::string(check->canonicalBytes(in)), canonical);
    QCOMPARE(check->reencoded, in != canonical);
    QCOMPARE(check->sha256, sha256Of(canonical));
    auto direct = canonicalCsv(in, "input");
    CP_VERIFY_OK(direct);
    QCOMPARE(*direct, canonical);
}

void tst_ProbeSets::balanceReport_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<bool>("balanced");
    QTest::addColumn<QString>("gender");
    QTest::addColumn<QString>("ethnicity");
    QTest::addColumn<QString>("intersection");
    QTest::addColumn<QString>("channelByGender");
    QTest::addColumn<QString>("channelByEthnicity");
    QTest::newRow("balanced") << QString(BaseSet) << true << "f=4 m=4" << "a=4 b=4"
                              << "f/a=2 m/a=2 f/b=2 m/b=2"
                              << "web:f=2 web:m=2 shop:f=2 shop:m=2"
                              << "web:a=2 web:b=2 shop:a=2 shop:b=2";
    QTest::newRow("a family without group b")
        << QString::fromStdString(edited({}, "3,f/a,f,a,Lena,she,25,web\n"
                                             "3,m/a,m,a,Finn,he,25,web\n"))
        << false << "f=5 m=5" << "a=6 b=4 !" << "f/a=3 m/a=3 f/b=2 m/b=2 !"
        << "web:f=3 web:m=3 shop:f=2 shop:m=2" << "web:a=4 web:b=2 shop:a=2 shop:b=2 !";
    // Overall every count is equal, yet within each channel the genders are not.
    QTest::newRow("balanced overall, not per stratum")
        << QString::fromStdString(edited({}, "3,f/a,f,a,Lena,she,25,web\n"
                                             "3,f/b,f,b,Mina,she,25,web\n"
                                             "4,m/a,m,a,Finn,he,52,shop\n"
                                             "4,m/b,m,b,Ren,he,52,shop\n"))
        << false << "f=6 m=6" << "a=6 b=6" << "f/a=3 m/a=3 f/b=3 m/b=3"
        << "web:f=4 web:m=2 shop:f=2 shop:m=4 !" << "web:a=3 web:b=3 shop:a=3 shop:b=3";
}

void tst_ProbeSets::balanceReport()
{
    QFETCH(QString, csv);
    QFETCH(bool, balanced);
    auto check = checkProbeSet(csv.toStdString(), baseLayout(), "set");
    CP_VERIFY_OK(check);
    const BalanceReport &b = check->balance;
    QCOMPARE(b.balanced, balanced);
    QCOMPARE(b.groups.size(), std::size_t(2));
    QFETCH(QString, gender);
    QCOMPARE(QString::fromStdString(counts(b.groups[0])), gender);
    QFETCH(QString, ethnicity);
    QFETCH(QString, intersection);
    QFETCH(QString, channelByGender);
    QFETCH(QString, channelByEthnicity);
    QCOMPARE(QString::fromStdString(counts(b.groups[1])), ethnicity);
    QCOMPARE(QString::fromStdString(b.intersection.column), QStringLiteral("gender×ethnicity"));
    QCOMPARE(QString::fromStdString(counts(b.intersection)), intersection);
    QCOMPARE(b.strata.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(b.strata[0].stratumColumn), QStringLiteral("channel"));
    QCOMPARE(QString::fromStdString(counts(b.strata[0])), channelByGender);
    QCOMPARE(QString::fromStdString(counts(b.strata[1])), channelByEthnicity);
    // The report survives its JSON form.
    BalanceReport back;
    nlohmann::json(b).get_to(back);
    QVERIFY(back == b);
}

void tst_ProbeSets::integrityReport_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<bool>("pronounFollowsGender");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("family");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("column");
    auto row = [](const char *tag, const std::string &csv, bool follows, const char *kind,
                  qint64 count, const char *family, qint64 line, const char *column) {
        QTest::newRow(tag) << QString::fromStdString(csv) << follows << kind << count << family
                           << line << column;
    };
    row("field differs outside", edited({{8, "2,f/b,f,b,Yuki,she,42,shop"}}), true,
        "fields_differ_outside", 1, "2", 8, "age");
    row("stratum differs", edited({{3, "1,m/a,m,a,Paul,he,30,shop"}}), true,
        "fields_differ_outside", 1, "1", 3, "channel");
    row("identical linked name", edited({{7, "2,m/a,m,a,Emma,he,41,shop"}}), true,
        "identical_linked", 1, "2", 7, "first_name");
    // Without the mapping the pronoun must change with ethnicity too: she/she, he/he per family.
    row("pronoun follows every column", BaseSet, false, "identical_linked", 4, "1", 4, "pronoun");
    row("duplicate variant", edited({{5, "1,f/b,f,b,Mei,she,30,web"}}), true,
        "duplicate_variants", 1, "1", 5, "variant");
    row("wrong variant label", edited({{4, "1,b/f,f,b,Aiko,she,30,web"}}), true,
        "wrong_variant_labels", 1, "1", 4, "variant");
    row("single-variant family", edited({}, "3,f/a,f,a,Lena,she,25,web\n"), true,
        "single_variant_families", 1, "3", 10, "family");
    row("families out of order",
        edited({{3, "2,m/a,m,a,Noah,he,41,shop"}, {7, "1,m/a,m,a,Paul,he,31,web"}}), true,
        "fields_differ_outside", 1, "1", 7, "age");
}

void tst_ProbeSets::integrityReport()
{
    QFETCH(QString, csv);
    QFETCH(bool, pronounFollowsGender);
    QFETCH(QString, kind);
    QFETCH(qint64, count);
    QFETCH(QString, family);
    QFETCH(qint64, line);
    QFETCH(QString, column);
    auto check = checkProbeSet(csv.toStdString(), baseLayout(pronounFollowsGender), "set.csv");
    CP_VERIFY_OK(check);
    const nlohmann::json report = check->integrity;
    const std::string summary = check->integrity.summary();
    QVERIFY2(!check->integrity.clean(), summary.c_str());
    QCOMPARE(report["clean"].get<bool>(), false);
    // Exactly the expected kind fires.
    for (const char *k : {"fields_differ_outside", "identical_linked", "duplicate_variants",
                          "wrong_variant_labels", "single_variant_families"}) {
        const qint64 n = report[k]["count"].get<qint64>();
        QVERIFY2(n == (kind == k ? count : 0), (std::string(k) + "\n" + summary).c_str());
    }
    const auto &example = report[kind.toStdString()]["examples"][0];
    QCOMPARE(QString::fromStdString(example["family"].get<std::string>()), family);
    QCOMPARE(example["line"].get<qint64>(), line);
    QCOMPARE(QString::fromStdString(example["column"].get<std::string>()), column);
    // Refused by default, naming the family, the line and the column.
    const Error e = integrityError(check->integrity, "set.csv");
    QCOMPARE(e.line, line);
    QCOMPARE(QString::fromStdString(e.field), column);
    QVERIFY2(e.message.find("family " + family.toStdString() + ":") == 0, e.toString().c_str());
    IntegrityReport back;
    report.get_to(back);
    QVERIFY(back == check->integrity);
}

void tst_ProbeSets::layoutErrors_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("layoutChange");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing column") << QString(BaseSet) << "protected+=religion" << qint64(1)
                                    << "religion" << "missing column";
    QTest::newRow("two roles") << QString(BaseSet) << "linked+=gender" << qint64(1) << "gender"
                               << "two roles";
    QTest::newRow("stratum that is protected") << QString(BaseSet) << "strata+=ethnicity"
                                               << qint64(1) << "ethnicity" << "ordinary field";
    QTest::newRow("no protected column") << QString(BaseSet) << "protected=" << qint64(0)
                                         << "protected" << "needs a protected column";
    QTest::newRow("follows a non-protected column")
        << QString(BaseSet) << "follows=age" << qint64(0) << "pronoun" << "not a protected";
    QTest::newRow("ragged line") << QString::fromStdString(edited({{6, "2,f/a,f,a,Emma"}}))
                                 << "" << qint64(6) << "" << "expected 8 fields";
    QTest::newRow("empty family") << QString::fromStdString(edited({{4, ",f/b,f,b,A,she,30,web"}}))
                                  << "" << qint64(4) << "family" << "empty family id";
    QTest::newRow("empty group") << QString::fromStdString(edited({{4, "1,f/b,f,,A,she,30,web"}}))
                                 << "" << qint64(4) << "ethnicity" << "empty group";
    QTest::newRow("unterminated quote")
        << QString::fromStdString(edited({{9, "2,m/b,m,b,\"Hiro,he,41,shop"}})) << ""
        << qint64(9) << "first_name" << "unterminated";
    QTest::newRow("header only") << "family,variant,gender,ethnicity,first_name,pronoun,age,"
                                    "channel\n"
                                 << "" << qint64(2) << "" << "no rows";
}

void tst_ProbeSets::layoutErrors()
{
    QFETCH(QString, csv);
    QFETCH(QString, layoutChange);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    QFETCH(QString, message);
    ProbeSetLayout layout = baseLayout();
    if (layoutChange == "protected+=religion")
        layout.protectedColumns.push_back("religion");
    else if (layoutChange == "linked+=gender")
        layout.linkedColumns.push_back("gender");
    else if (layoutChange == "strata+=ethnicity")
        layout.strataColumns.push_back("ethnicity");
    else if (layoutChange == "protected=")
        layout.protectedColumns.clear();
    else if (layoutChange == "follows=age")
        layout.linkedFollows["pronoun"] = {"age"};
    auto check = checkProbeSet(csv.toStdString(), layout, "set.csv");
    QVERIFY(!check.ok());
    const Error &e = check.error();
    QCOMPARE(QString::fromStdString(e.file), QStringLiteral("set.csv"));
    QCOMPARE(e.line, line);
    QCOMPARE(QString::fromStdString(e.field), field);
    QVERIFY2(QString::fromStdString(e.message).contains(message), e.toString().c_str());
}

void tst_ProbeSets::importRefusal()
{
    const QString path = m_dir.filePath("refusal.counterpart");
    const QString file = m_dir.filePath("dirty.csv");
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(edited({{8, "2,f/b,f,b,Yuki,she,42,shop"},
                                                  {7, "2,m/a,m,a,Emma,he,41,shop"}})));
    }
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    auto refused = importProbeSetFile(**store, file.toStdString(), baseLayout());
    QVERIFY(!refused.ok());
    const Error &e = refused.error();
    QCOMPARE(QString::fromStdString(e.file), file);
    QCOMPARE(e.line, std::int64_t(7));  // the first offending line, not the first found kind
    QCOMPARE(e.field, std::string("first_name"));
    QVERIFY2(e.message.find("family 2:") == 0
                 && e.message.find("2 violation(s)") != std::string::npos,
             e.toString().c_str());
    QCOMPARE(sql(path, "SELECT count(*) FROM probe_sets"), QStringLiteral("0"));
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("0"));

    FreezeOptions dirty;
    dirty.allowDirty = true;
    auto kept = importProbeSetFile(**store, file.toStdString(), baseLayout(), "dirty-ok", dirty);
    CP_VERIFY_OK(kept);
    QCOMPARE(kept->kind, std::string("imported"));
    QCOMPARE(kept->name, std::string("dirty-ok"));
    QCOMPARE(kept->integrity.violations(), std::int64_t(2));
    auto stored = findProbeSet(**store, "dirty-ok");
    CP_VERIFY_OK(stored);
    QVERIFY(stored->integrity == kept->integrity);
}

void tst_ProbeSets::exportRoundTrip_data()
{
    QTest::addColumn<QString>("extension");
    QTest::newRow("csv") << "csv";
    QTest::newRow("jsonl") << "jsonl";
}

void tst_ProbeSets::exportRoundTrip()
{
    QFETCH(QString, extension);
    const QString path = m_dir.filePath("export-" + extension + ".counterpart");
    const QString out = m_dir.filePath("export." + extension);
    // A value with a comma, a quote and a line break survives both formats.
    const std::string csv = edited({{2, "1,f/a,f,a,Anna,she,30,web"}},
                                   "3,f/a,f,a,\"Zoë \"\"Z\"\", Jr.\nline\",she,25,web\n"
                                   "3,m/a,m,a,Finn,he,25,web\n");
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    auto set = freezeProbeSet(**store, origin("export"), baseLayout(), csv);
    CP_VERIFY_OK(set);
    CP_VERIFY_OK(exportProbeSet(**store, set->id, out.toStdString()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (extension == "csv") {
        QCOMPARE(bytes.toStdString(), csv);
    } else {
        const QList<QByteArray> lines = bytes.split('\n');
        QCOMPARE(lines.size(), 10 + 1);  // 10 rows, one empty piece after the last LF
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(first.keys().size(), 8);
        // Numbers are numbers (they were all strings), where reading them back keeps the text.
        QVERIFY(first["family"].isDouble());
        QCOMPARE(first["age"].toInt(), 30);
        const QJsonObject zoe = QJsonDocument::fromJson(lines[8]).object();
        QCOMPARE(zoe["first_name"].toString(), QStringLiteral("Zoë \"Z\", Jr.\nline"));
        QVERIFY(bytes.startsWith(QByteArray("{\"family\":1,\"variant\":\"f/a\"")));
    }
    // A cell is a number only when it reads back as the same text.
    const std::string cells = "a,b,c,d,e,f,g,h,i,j,k,l\n"
                              "42,007,3.2,3.20,1e5,-0,-5,,x12,12345678901234567890,0,2018-01-13\n";
    auto lines = jsonLinesFromCsv(cells, "cells.csv");
    CP_VERIFY_OK(lines);
    QCOMPARE(*lines, std::string("{\"a\":42,\"b\":\"007\",\"c\":3.2,\"d\":\"3.20\",\"e\":\"1e5\","
                                 "\"f\":\"-0\",\"g\":-5,\"h\":\"\",\"i\":\"x12\","
                                 "\"j\":\"12345678901234567890\",\"k\":0,\"l\":\"2018-01-13\"}\n"));
    auto back = csvFromJsonLines(*lines, "cells.jsonl");
    CP_VERIFY_OK(back);
    QCOMPARE(*back, cells);
    // Importing the export again is the same content: the same version.
    auto again = importProbeSetFile(**store, out.toStdString(), baseLayout());
    CP_VERIFY_OK(again);
    QCOMPARE(again->id, set->id);
    QVERIFY(again->existed);
    QVERIFY(!exportProbeSet(**store, set->id, m_dir.filePath("x.xlsx").toStdString()).ok());
}

void tst_ProbeSets::lineage()
{
    const QString path = m_dir.filePath("lineage.counterpart");
    auto store = ProjectStore::open(path.toStdString(), Create);
    CP_VERIFY_OK(store);
    auto v1 = freezeProbeSet(**store, origin("hiring"), baseLayout(), BaseSet);
    CP_VERIFY_OK(v1);
    // A changed spec gives a new version whose parent is the newest with that name.
    auto v2 = freezeProbeSet(**store, origin("hiring"), baseLayout(),
                             edited({{2, "1,f/a,f,a,Anna,she,31,web"},
                                     {3, "1,m/a,m,a,Paul,he,31,web"},
                                     {4, "1,f/b,f,b,Aiko,she,31,web"},
                                     {5, "1,m/b,m,b,Kenji,he,31,web"}}));
    CP_VERIFY_OK(v2);
    QVERIFY(v2->id != v1->id);
    QCOMPARE(v2->parentId, std::optional<std::int64_t>(v1->id));
    // An explicit parent wins; a missing one is an error and stores nothing.
    ProbeSetOrigin o = origin("other");
    o.parentId = v1->id;
    auto v3 = freezeProbeSet(**store, o, baseLayout(), edited({}, "3,f/a,f,a,Lena,she,25,web\n"
                                                                  "3,m/a,m,a,Finn,he,25,web\n"
                                                                  "3,f/b,f,b,Mina,she,25,web\n"
                                                                  "3,m/b,m,b,Ren,he,25,web\n"));
    CP_VERIFY_OK(v3);
    QCOMPARE(v3->parentId, std::optional<std::int64_t>(v1->id));
    o.parentId = 999;
    auto bad = freezeProbeSet(**store, o, baseLayout(), edited({}, "3,f/a,f,a,X,she,1,web\n"
                                                                   "3,m/a,m,a,Y,he,1,web\n"
                                                                   "3,f/b,f,b,Z,she,1,web\n"
                                                                   "3,m/b,m,b,W,he,1,web\n"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, std::string("parent"));
    auto sets = probeSets(**store);
    CP_VERIFY_OK(sets);
    QCOMPARE(sets->size(), std::size_t(3));
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("3"));
    auto newest = findProbeSet(**store, "hiring");
    CP_VERIFY_OK(newest);
    QCOMPARE(newest->id, v2->id);
    auto byId = findProbeSet(**store, std::to_string(v1->id));
    CP_VERIFY_OK(byId);
    QCOMPARE(byId->id, v1->id);
    QVERIFY(!freezeProbeSet(**store, origin("x", "guessed"), baseLayout(), BaseSet).ok());
}

void tst_ProbeSets::failedFreezeLeavesNothing()
{
    // The rows go into `tables` before the version goes into `probe_sets`; when the second
    // insert fails, the first must be gone too.
    const QString path = m_dir.filePath("failed.counterpart");
    {
        auto store = ProjectStore::open(path.toStdString(), Create);
        CP_VERIFY_OK(store);
    }
    QVERIFY(execSql(path, "CREATE TRIGGER refuse BEFORE INSERT ON probe_sets "
                          "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"));
    auto store = ProjectStore::open(path.toStdString());
    CP_VERIFY_OK(store);
    auto set = freezeProbeSet(**store, origin("doomed"), baseLayout(), BaseSet);
    QVERIFY(!set.ok());
    QCOMPARE(set.error().code, ErrorCode::Storage);
    QVERIFY2(set.error().message.find("refused by the test") != std::string::npos,
             set.error().toString().c_str());
    QCOMPARE(sql(path, "SELECT count(*) FROM tables"), QStringLiteral("0"));
    QCOMPARE(sql(path, "SELECT count(*) FROM probe_sets"), QStringLiteral("0"));
}

void tst_ProbeSets::migrationFromV1()
{
    const QString path = m_dir.filePath("v1.counterpart");
    QVERIFY(execSql(path, SchemaV1));
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("1"));
    {
        auto store = ProjectStore::open(path.toStdString());
        CP_VERIFY_OK(store);
        QCOMPARE((*store)->schemaVersion(), ProjectStore::SchemaVersion);
        auto name = (*store)->projectName();
        CP_VERIFY_OK(name);
        QCOMPARE(*name, std::string("old project"));
        auto tables = (*store)->tables();
        CP_VERIFY_OK(tables);
        QCOMPARE(tables->size(), std::size_t(1));
        QCOMPARE(tables->front().name, std::string("scores"));
        auto content = (*store)->tableContent(1);  // also re-checks the SHA-256
        CP_VERIFY_OK(content);
        QCOMPARE(*content, std::string("a,b\n"));
        auto spec = (*store)->currentSpec();
        CP_VERIFY_OK(spec);
        QVERIFY(spec->has_value());
        QCOMPARE((*spec)->name, std::string("old spec"));
        auto runs = (*store)->runs();
        CP_VERIFY_OK(runs);
        QCOMPARE(runs->size(), std::size_t(1));
        QCOMPARE(runs->front().decision, std::optional<std::string>("APPROVED"));
        auto sets = probeSets(**store);
        CP_VERIFY_OK(sets);
        QVERIFY(sets->empty());
        CP_VERIFY_OK(freezeProbeSet(**store, origin("after"), baseLayout(), BaseSet));
    }
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"),
             QString::number(ProjectStore::SchemaVersion));
    auto again = ProjectStore::open(path.toStdString());  // nothing left to migrate
    CP_VERIFY_OK(again);
    auto sets = probeSets(**again);
    CP_VERIFY_OK(sets);
    QCOMPARE(sets->size(), std::size_t(1));
}

void tst_ProbeSets::failedMigrationLeavesV1()
{
    // A v1 file that already has an object named like a v2 one: the migration fails as a whole.
    const QString path = m_dir.filePath("v1-blocked.counterpart");
    QVERIFY(execSql(path, SchemaV1));
    QVERIFY(execSql(path, "CREATE INDEX probe_sets_name ON specs(name)"));
    auto store = ProjectStore::open(path.toStdString());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Storage);
    QVERIFY2(store.error().message.find("schema version 2") != std::string::npos,
             store.error().toString().c_str());
    QCOMPARE(sql(path, "SELECT value FROM meta WHERE key = 'schema_version'"), QStringLiteral("1"));
    QCOMPARE(sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'probe_sets'"),
             QStringLiteral("0"));
}

void tst_ProbeSets::cli()
{
    const QString project = m_dir.filePath("cli.counterpart");
    const QString file = m_dir.filePath("cli-set.csv");
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(BaseSet);
    }
    auto run = [](const QStringList &args, QString *out = nullptr, QString *err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(COUNTERPART_CLI), args);
        if (!p.waitForFinished(60000))
            return -1;
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput());
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    };
    QString out, err;
    QCOMPARE(run({"probe-sets", "--project", project, "--import", file, "--protected",
                  "gender,ethnicity", "--linked", "first_name,pronoun:gender", "--strata",
                  "channel", "--name", "hiring"},
                 &out, &err),
             0);
    QVERIFY2(out.contains("froze probe set 1 'hiring'"), qPrintable(out + err));
    QCOMPARE(run({"probe-sets", "--project", project}, &out), 0);
    const QString sha = QString::fromStdString(sha256Of(BaseSet)).left(12);
    QVERIFY2(out.contains("1\thiring\timported\t2\t8\t" + sha + "\t-\t"), qPrintable(out));
    QVERIFY2(out.contains("\tyes\tclean"), qPrintable(out));
    QCOMPARE(run({"probe-sets", "--project", project, "--show", "hiring"}, &out), 0);
    QVERIFY2(out.contains("gender×ethnicity: f/a 2, m/a 2, f/b 2, m/b 2")
                 && out.contains("integrity: clean"),
             qPrintable(out));
    const QString exported = m_dir.filePath("cli-out.csv");
    QCOMPARE(run({"probe-sets", "--project", project, "--export", "1", "--out", exported}), 0);
    QFile f(exported);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(BaseSet));
    // Refused import: exit 2, file:line: field: message.
    const QString dirty = m_dir.filePath("cli-dirty.csv");
    {
        QFile d(dirty);
        QVERIFY(d.open(QIODevice::WriteOnly));
        d.write(QByteArray::fromStdString(edited({{8, "2,f/b,f,b,Yuki,she,42,shop"}})));
    }
    QCOMPARE(run({"probe-sets", "--project", project, "--import", dirty, "--protected",
                  "gender,ethnicity", "--linked", "first_name,pronoun:gender"},
                 &out, &err),
             2);
    QVERIFY2(err.contains(dirty + ":8: age: family 2:"), qPrintable(err));
    QCOMPARE(run({"probe-sets", "--project", project, "--show", "7"}, &out, &err), 2);
    QCOMPARE(run({"probe-sets", "--project", project, "--export", "1"}, &out, &err), 2);
}

void tst_ProbeSets::streamCheck_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("together");  // each family's rows together
    QTest::newRow("base set") << QByteArray(BaseSet) << true;
    QTest::newRow("crlf, bom, blank lines, no final line feed")
        << QByteArray("\xEF\xBB\xBF" "family,variant,g,note\r\n\r\n1,f,f,\"a, b\"\r\n"
                      "1,m,\"m\",\"say \"\"hi\"\"\"\r\n\n2,f,f,x\n2,m,m,x")
        << true;
    QTest::newRow("violations") << QByteArray::fromStdString(edited(
        {{8, "2,f/b,f,b,Yuki,she,42,shop"}, {7, "2,m/a,m,a,Emma,he,41,shop"},
         {4, "1,b/f,f,b,Aiko,she,30,web"}}, "3,f/a,f,a,Lena,she,25,web\n")) << true;
    QTest::newRow("families apart") << QByteArray::fromStdString(edited(
        {{3, "2,m/a,m,a,Noah,he,41,shop"}, {7, "1,m/a,m,a,Paul,he,31,web"}})) << false;
}

void tst_ProbeSets::streamCheck()
{
    // Record by record through ProbeSetStreamCheck: the same reports, hash and canonical bytes
    // as checkProbeSet over the whole input.
    QFETCH(QByteArray, input);
    QFETCH(bool, together);
    const std::string in = input.toStdString();
    ProbeSetLayout layout = baseLayout();
    if (in.find("family,variant,g,") != std::string::npos) {
        layout = ProbeSetLayout{};
        layout.protectedColumns = {"g"};
    }
    auto whole = checkProbeSet(in, layout, "set.csv");
    CP_VERIFY_OK(whole);
    std::string canonical;
    ProbeSetStreamCheck stream(layout, "set.csv", [&](std::string_view bytes) {
        canonical.append(bytes);
        return Status(Ok{});
    });
    Status fed = Ok{};
    for (std::size_t start = 0; fed && start < in.size();) {
        const std::size_t nl = in.find('\n', start);
        const std::size_t end = nl == std::string::npos ? in.size() : nl + 1;
        fed = stream.feed(std::string_view(in).substr(start, end - start));
        start = end;
    }
    if (!together) {
        QVERIFY(!fed.ok());
        QVERIFY2(fed.error().message.find("appears again") != std::string::npos,
                 fed.error().toString().c_str());
        QVERIFY(!stream.finish().ok());
        return;
    }
    CP_VERIFY_OK(fed);
    auto streamed = stream.finish();
    CP_VERIFY_OK(streamed);
    QCOMPARE(canonical, std::string(whole->canonicalBytes(in)));
    QCOMPARE(streamed->sha256, whole->sha256);
    QCOMPARE(streamed->sha256, sha256Of(canonical));
    QCOMPARE(streamed->reencoded, whole->reencoded);
    QCOMPARE(streamed->columns, whole->columns);
    QVERIFY(nlohmann::json(streamed->balance) == nlohmann::json(whole->balance));
    QVERIFY2(nlohmann::json(streamed->integrity) == nlohmann::json(whole->integrity),
             streamed->integrity.summary().c_str());
}

void tst_ProbeSets::crashMidFreeze_data()
{
    QTest::addColumn<int>("delayMs");
    for (int delay : {0, 60, 150, 250, 350, 450, 600, 800, 1000})
        QTest::newRow(qPrintable(QString::number(delay) + " ms")) << delay;
}

void tst_ProbeSets::crashMidFreeze()
{
    QFETCH(int, delayMs);
    constexpr int Families = 50000;
    const QString path = m_dir.filePath(QStringLiteral("crash-%1.counterpart").arg(delayMs));
    QProcess helper;
    helper.start(QStringLiteral(PROBESET_CRASHER), {path, QString::number(Families)});
    QVERIFY2(helper.waitForStarted(), qPrintable(helper.errorString()));
    QByteArray output;
    while (!output.contains("ready\n")) {
        QVERIFY2(helper.waitForReadyRead(30000), helper.readAllStandardError().constData());
        output += helper.readAllStandardOutput();
    }
    QThread::msleep(std::uint64_t(delayMs));
    helper.kill();  // SIGKILL: no destructor, no rollback, no checkpoint
    QVERIFY(helper.waitForFinished(30000));
    output += helper.readAllStandardOutput();
    const auto reported = output.count("frozen ");

    auto store = ProjectStore::open(path.toStdString());  // runs a quick check
    CP_VERIFY_OK(store);
    QCOMPARE(sql(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
    auto sets = probeSets(**store);
    CP_VERIFY_OK(sets);
    // Every freeze the helper reported is there, at most one more committed before the kill.
    QVERIFY2(qsizetype(sets->size()) >= reported && qsizetype(sets->size()) <= reported + 1,
             qPrintable(QStringLiteral("%1 sets, %2 reported").arg(sets->size()).arg(reported)));
    // No table rows without their probe set, and every set complete.
    QCOMPARE(sql(path, "SELECT count(*) FROM tables").toLongLong(), qint64(sets->size()));
    for (const ProbeSetRecord &s : *sets) {
        QCOMPARE(s.variants, qint64(2 * Families));
        QCOMPARE(s.families, qint64(Families));
        auto content = probeSetContent(**store, s.id);
        CP_VERIFY_OK(content);
        const auto rows = std::count(content->begin(), content->end(), '\n') - 1;
        QCOMPARE(qint64(rows), s.variants);
        QCOMPARE(*content, cptest::syntheticProbeSet(Families, std::uint64_t(s.id)));
    }
    qInfo("killed after %d ms: %zu complete set(s)", delayMs, sets->size());
}

QTEST_GUILESS_MAIN(tst_ProbeSets)
#include "tst_probesets.moc"
