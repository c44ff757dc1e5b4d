// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Counterfactuals from real rows: the lexicon swapper (whole words, case, both directions, the
// ambiguous her/his rule and its flags), name swaps by frequency rank, and deriving families
// whose variants differ only in the protected, name and text columns.

#include <core/derive/deriver.h>
#include <core/derive/lexicon.h>
#include <core/derive/nameranks.h>
#include <core/table/tablereader.h>

#include <QtTest>

using namespace cp;

namespace {

const std::string LexiconPath = COUNTERPART_SOURCE_DIR "/resources/lexicons/en-gender.json";

Lexicon english()
{
    auto lex = Lexicon::load(LexiconPath);
    if (!lex)
        qFatal("%s", lex.error().toString().c_str());
    return std::move(lex).value();
}

NameRanks names()
{
    NameRanks n;
    n.addList("female", "", {"Emily", "Olivia", "Emma", "Ava"});
    n.addList("male", "", {"James", "John", "Robert", "Michael"});
    return n;
}

/// Splits canonical CSV (our writer's output) into rows of fields.
std::vector<std::vector<std::string>> parseCsv(const std::string &csv)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    rows.pop_back();
    return rows;
}

const char *Spec = R"({
  "name": "bios", "family": "id",
  "protected": [{"name": "sex", "groups": ["Female", "Male"], "lexicon": "en-gender"}],
  "names": [{"column": "first_name", "attribute": "sex"}],
  "text": ["bio"]
})";

} // namespace

class tst_Derive : public QObject
{
    Q_OBJECT

private slots:
    void swap_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("flags");
        QTest::newRow("possessive her") << "female" << "male"
            << "She said her résumé is attached." << "He said his résumé is attached." << 1;
        QTest::newRow("object her at the end") << "female" << "male" << "I told her." << "I told him."
                                               << 1;
        QTest::newRow("object her before a function word")
            << "female" << "male" << "Give her the book, she asked." << "Give him the book, he asked."
            << 1;
        QTest::newRow("independent his") << "male" << "female" << "The book is his."
                                         << "The book is hers." << 1;
        QTest::newRow("possessive his") << "male" << "female" << "His car and his own plan."
                                        << "Her car and her own plan." << 2;
        QTest::newRow("him") << "male" << "female" << "We hired him." << "We hired her." << 0;
        QTest::newRow("case kept") << "female" << "male" << "SHE, She, she" << "HE, He, he" << 0;
        QTest::newRow("whole words only") << "female" << "male" << "Shelby the shepherd"
                                          << "Shelby the shepherd" << 0;
        QTest::newRow("hyphen and apostrophe") << "female" << "male"
            << "Her mother-in-law says she's a chairwoman." << "His father-in-law says he's a chairman."
            << 1;
        QTest::newRow("titles") << "male" << "female" << "Mr Smith, a businessman"
                                << "Ms Smith, a businesswoman" << 0;
        QTest::newRow("same group") << "male" << "male" << "his" << "his" << 0;
    }

    void swap()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(int, flags);
        const Lexicon lex = english();
        std::vector<Lexicon::Flag> got;
        const std::string out =
            lex.swap(text.toStdString(), from.toStdString(), to.toStdString(), &got);
        QCOMPARE(QString::fromStdString(out), expected);
        QCOMPARE(int(got.size()), flags);
    }

    void unambiguousRoundTrip()
    {
        const Lexicon lex = english();
        const std::string text = "She is a mother of two and a waitress herself.";
        const std::string there = lex.swap(text, "female", "male");
        QCOMPARE(there, std::string("He is a father of two and a waiter himself."));
        QCOMPARE(lex.swap(there, "male", "female"), text);
        // "daughter" is gendered too: the lexicon swaps it.
        QVERIFY(lex.swap("her daughter", "female", "male") == "his son");
    }

    void lexiconErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("one group") << R"({"groups": ["a"], "pairs": []})" << "/groups";
        QTest::newRow("pair of the wrong size")
            << R"({"groups": ["a", "b"], "pairs": [["x", "y", "z"]]})" << "/pairs/0";
        QTest::newRow("ambiguous rule for an unknown group")
            << R"({"groups": ["a", "b"], "pairs": [], "ambiguous": {"x": {"group": "c", "before_word": "y", "otherwise": "z"}}})"
            << "/ambiguous/x/group";
    }

    void lexiconErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        auto lex = Lexicon::parse(json.toStdString(), "lex.json");
        QVERIFY(!lex.ok());
        QCOMPARE(QString::fromStdString(lex.error().field), field);
        QCOMPARE(lex.error().file, std::string("lex.json"));
    }

    void nameRanks()
    {
        const NameRanks n = names();
        auto s = n.swap("Olivia", "female", "male");
        QVERIFY(s && s->known);
        QCOMPARE(s->name, std::string("John")); // rank 2 of 4 → rank 2 of 4
        QCOMPARE(n.swap("michael", "male", "female")->name, std::string("Ava"));
        auto unknown = n.swap("Zelda", "female", "male");
        QVERIFY(unknown && !unknown->known);
        QCOMPARE(n.swap("Zelda", "female", "male")->name, unknown->name); // deterministic
        QVERIFY(!n.swap("Olivia", "female", "nonbinary"));
    }

    void deriveFamilies()
    {
        const std::string csv = "id,sex,first_name,age,bio\n"
                                "7,Female,Olivia,34,\"Olivia leads her team, and she mentors.\"\n"
                                "8,Male,Michael,51,Michael said the plan is his.\n";
        auto spec = parseDeriveSpec(Spec, "spec.json");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        std::map<std::string, Lexicon> lexicons;
        lexicons.emplace("en-gender", english());
        auto set = cp::deriveFamilies(csv, TableFormat::Csv, "bios.csv", *spec, lexicons, names());
        QVERIFY2(set.ok(), set.ok() ? "" : set.error().toString().c_str());
        QCOMPARE(set->families, std::int64_t(2));
        QCOMPARE(set->variants, std::int64_t(4));
        QCOMPARE(set->flaggedVariants, std::int64_t(2));
        const auto rows = parseCsv(set->csv);
        QCOMPARE(rows.size(), std::size_t(5));
        const std::vector<std::string> header = {"family", "variant", "sex", "first_name", "bio",
                                                 "review_flags", "id", "age"};
        QCOMPARE(QString::fromStdString(rows[0][0] + "|" + rows[0][1] + "|" + rows[0][2] + "|"
                                        + rows[0][3] + "|" + rows[0][4] + "|" + rows[0][5] + "|"
                                        + rows[0][6] + "|" + rows[0][7]),
                 QStringLiteral("family|variant|sex|first_name|bio|review_flags|id|age"));
        // Family 7: the original (Female) and the swap (Male).
        QCOMPARE(rows[1], (std::vector<std::string>{"7", "Female", "Female", "Olivia",
                                                    "Olivia leads her team, and she mentors.", "",
                                                    "7", "34"}));
        QCOMPARE(rows[2][2], std::string("Male"));
        QCOMPARE(rows[2][3], std::string("John"));
        QCOMPARE(rows[2][4], std::string("John leads his team, and he mentors."));
        QVERIFY(rows[2][5].find("'her' → 'his'") != std::string::npos);
        QCOMPARE(rows[2][7], std::string("34"));
        // Family 8: the swap comes first in declared group order.
        QCOMPARE(rows[3][1], std::string("Female"));
        QCOMPARE(rows[3][3], std::string("Ava"));
        QCOMPARE(rows[3][4], std::string("Ava said the plan is hers."));
        QCOMPARE(rows[4][4], std::string("Michael said the plan is his."));
        // Within each family only protected and linked columns differ.
        const auto &layout = set->layout;
        for (std::size_t c = 0; c < header.size(); ++c) {
            const bool mayDiffer = header[c] == "variant"
                                   || std::count(layout.protectedColumns.begin(),
                                                 layout.protectedColumns.end(), header[c])
                                   || std::count(layout.linkedColumns.begin(),
                                                 layout.linkedColumns.end(), header[c]);
            if (!mayDiffer) {
                QCOMPARE(rows[1][c], rows[2][c]);
                QCOMPARE(rows[3][c], rows[4][c]);
            }
        }
    }

    void deriveErrors_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("undeclared group") << "id,sex,first_name,bio\n1,Female,Emma,x\n2,F,Emma,y\n"
                                          << qint64(3) << "sex" << "not a declared group";
        QTest::newRow("repeated id") << "id,sex,first_name,bio\n1,Female,Emma,x\n1,Male,John,y\n"
                                     << qint64(3) << "id" << "repeats";
        QTest::newRow("missing text column") << "id,sex,first_name\n1,Female,Emma\n" << qint64(1)
                                             << "bio" << "missing column";
        QTest::newRow("empty group") << "id,sex,first_name,bio\n1,,Emma,x\n" << qint64(2) << "sex"
                                     << "empty value";
    }

    void deriveErrors()
    {
        QFETCH(QString, csv);
        QFETCH(qint64, line);
        QFETCH(QString, field);
        QFETCH(QString, phrase);
        auto spec = parseDeriveSpec(Spec, "spec.json");
        std::map<std::string, Lexicon> lexicons;
        lexicons.emplace("en-gender", english());
        auto set = cp::deriveFamilies(csv.toStdString(), TableFormat::Csv, "in.csv", *spec,
                                      lexicons, names());
        QVERIFY(!set.ok());
        QCOMPARE(set.error().file, std::string("in.csv"));
        QCOMPARE(qint64(set.error().line), line);
        QCOMPARE(QString::fromStdString(set.error().field), field);
        QVERIFY2(QString::fromStdString(set.error().message).contains(phrase),
                 set.error().toString().c_str());
    }
};

QTEST_GUILESS_MAIN(tst_Derive)
#include "tst_derive.moc"
