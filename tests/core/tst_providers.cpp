// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Provider lists: the shipped defaults, user lists that override them, and CSV errors with
// file, line and column.

#include <core/generate/generator.h>

#include <QtTest>

#include <QTemporaryDir>

#include <fstream>
#include <map>

using namespace cp;

class tst_Providers : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        auto c = ProviderCatalog::loadDefault();
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().toString().c_str());
        for (const char *name : {"first_names", "last_names", "cities", "occupations",
                                 "companies"})
            QVERIFY2(c->find(name), name);
        const ProviderList *names = c->find("first_names");
        QCOMPARE(names->keyColumns, (std::vector<std::string>{"gender", "origin"}));
        std::map<std::string, int> perCell;
        for (const auto &e : names->entries)
            ++perCell[e.keys[0] + "/" + e.keys[1]];
        QCOMPARE(perCell.size(), std::size_t(8));
        for (const auto &[cell, n] : perCell)
            QVERIFY2(n >= 30, cell.c_str());
    }

    void csvErrors_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("header") << "name,weight\nA,1\n" << 1 << "" << "value,weight";
        QTest::newRow("weight") << "value,weight\nA,1\nB,lots\n" << 3 << "weight" << "'lots'";
        QTest::newRow("zero weight") << "value,weight\nA,0\n" << 2 << "weight" << "> 0";
        QTest::newRow("ragged") << "value,weight,region\nA,1,x\nB,2\n" << 3 << ""
                                << "expected 3 cells";
        QTest::newRow("empty key") << "# c\nvalue,weight,region\nA,1,\n" << 3 << "region"
                                   << "empty key";
        QTest::newRow("empty value") << "value,weight\n,1\n" << 2 << "value" << "empty value";
        QTest::newRow("quote") << "value,weight\n\"A,1\n" << 2 << "" << "unterminated";
        QTest::newRow("no entries") << "value,weight\n" << 1 << "" << "no entries";
    }

    void csvErrors()
    {
        QFETCH(QString, csv);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, message);
        ProviderCatalog c;
        auto s = c.addCsv("x", csv.toStdString(), "x.csv");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().file, std::string("x.csv"));
        QCOMPARE(int(s.error().line), line);
        QCOMPARE(QString::fromStdString(s.error().field), field);
        QVERIFY2(s.error().message.find(message.toStdString()) != std::string::npos,
                 s.error().toString().c_str());
    }

    void quotedAndCrlf()
    {
        ProviderCatalog c;
        QVERIFY(c.addCsv("x", "value,weight\r\n\"Harbor, Inc.\",2\r\n\"Say \"\"hi\"\"\",1\r\n",
                         "x.csv")
                    .ok());
        QCOMPARE(c.find("x")->entries.size(), std::size_t(2));
        QCOMPARE(c.find("x")->entries[0].value, std::string("Harbor, Inc."));
        QCOMPARE(c.find("x")->entries[1].value, std::string("Say \"hi\""));
    }

    void userListOverrides()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cities.csv").toStdString();
        std::ofstream(path) << "value,weight\nSpringfield,1\n";
        auto c = ProviderCatalog::loadDefault();
        QVERIFY(c.ok());
        QVERIFY(c->loadFolder(dir.path().toStdString()).ok());
        QCOMPARE(c->find("cities")->entries.size(), std::size_t(1));

        auto spec = parseGeneratorSpec(R"({"families": 5, "protected": [{"name": "g",
            "groups": ["a", "b"]}], "fields": [{"name": "city", "kind": "provider",
            "provider": "cities"}]})", "gen.json");
        QVERIFY(spec.ok());
        auto set = generate(*spec, *c);
        QVERIFY(set.ok());
        QCOMPARE(std::count(set->bytes.begin(), set->bytes.end(), 'S'), 10L);

        std::ofstream(dir.filePath("bad.csv").toStdString()) << "value,weight\nA,-1\n";
        auto s = c->addFile("bad", dir.filePath("bad.csv").toStdString());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().toString(),
                 dir.filePath("bad.csv").toStdString() + ":2: weight: expected a number > 0, "
                                                         "found '-1'");
    }

    void keyedProviderField()
    {
        ProviderCatalog c;
        QVERIFY(c.addCsv("towns", "value,weight,state\nA1,1,a\nA2,1,a\nB1,1,b\n", "t.csv").ok());
        auto spec = parseGeneratorSpec(R"({"families": 200, "protected": [{"name": "g",
            "groups": ["x", "y"]}], "fields": [
            {"name": "state", "kind": "choice", "values": ["a", "b"]},
            {"name": "town", "kind": "provider", "provider": "towns", "key": "state"}]})",
                                       "gen.json");
        QVERIFY(spec.ok());
        auto set = generate(*spec, c);
        QVERIFY(set.ok());
        QVERIFY(set->bytes.find(",a,B1") == std::string::npos);
        QVERIFY(set->bytes.find(",b,A") == std::string::npos);
        QVERIFY(set->bytes.find(",b,B1") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_Providers)
#include "tst_providers.moc"
