// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Generator spec errors name the JSON path of the offending value.

#include <core/generate/generator.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace cp;
using nlohmann::json;

namespace {

/// A valid base spec; each error row patches one part of it.
json baseSpec()
{
    return json::parse(R"({
      "seed": 1, "families": 10,
      "protected": [
        {"name": "gender", "groups": ["female", "male"], "shares": [0.5, 0.5]},
        {"name": "ethnicity", "groups": ["white", "black"]}],
      "linked": [
        {"name": "first_name", "provider": "first_names", "by": ["gender", "ethnicity"]},
        {"name": "pronoun", "pronouns": {"female": "she", "male": "he"}, "by": ["gender"]}],
      "fields": [
        {"name": "role", "kind": "choice", "values": ["a", "b"]},
        {"name": "age", "kind": "int", "min": 22, "max": 64},
        {"name": "years", "kind": "int", "min": 0, "max": {"field": "age", "offset": -18}},
        {"name": "note", "kind": "template", "text": "{first_name}: {They} {is|are} {role}."}]})");
}

} // namespace

class tst_GeneratorSpec : public QObject
{
    Q_OBJECT

private slots:
    void baseIsValid()
    {
        auto spec = parseGeneratorSpec(baseSpec().dump(), "gen.json");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        auto catalog = ProviderCatalog::loadDefault();
        QVERIFY(catalog.ok());
        auto set = generate(*spec, *catalog);
        QVERIFY(set.ok());
        QCOMPARE(set->layout.linkedColumns,
                 (std::vector<std::string>{"first_name", "pronoun", "note"}));
        QCOMPARE(set->layout.linkedFollows.at("pronoun"), std::vector<std::string>{"gender"});
    }

    void specErrors_data()
    {
        QTest::addColumn<QString>("pointer");   // JSON pointer to replace
        QTest::addColumn<QString>("value");     // its new value (JSON)
        QTest::addColumn<QString>("path");      // expected Error::field
        QTest::addColumn<QString>("message");   // a fragment of the message

        QTest::newRow("unknown slot") << "/fields/3/text" << R"("{nickname} is here")"
                                      << "/fields/3/text" << "unknown field 'nickname'";
        QTest::newRow("forward reference")
            << "/fields/0" << R"({"name": "role", "kind": "int", "min": 0, "max": {"field": "age"}})"
            << "/fields/0/max/field" << "forward reference: 'age' comes after 'role'";
        QTest::newRow("cycle") << "/fields/1/max" << R"({"field": "age"})"
                               << "/fields/1/max/field" << "cycle";
        QTest::newRow("two-field cycle")
            << "/fields/1" << R"({"name": "age", "kind": "int", "min": 0, "max": {"field": "years"}})"
            << "/fields/1/max/field" << "cycle: 'age' uses 'years', which uses 'age'";
        QTest::newRow("shares") << "/protected/0/shares" << "[0.5, 0.4]"
                                << "/protected/0/shares" << "not 1";
        QTest::newRow("empty groups") << "/protected/1/groups" << "[]" << "/protected/1/groups"
                                      << "empty list";
        QTest::newRow("empty choice") << "/fields/0/values" << "[]" << "/fields/0/values"
                                      << "empty list";
        QTest::newRow("linked without group")
            << "/linked/1/pronouns" << R"({"female": "she"})" << "/linked/1/pronouns"
            << "no pronoun set for group 'male'";
        QTest::newRow("linked values without group")
            << "/linked/1" << R"({"name": "title", "by": ["gender"], "values": {"male": ["Mr"]}})"
            << "/linked/1/values" << "no list for group 'female'";
        QTest::newRow("unknown kind") << "/fields/0/kind" << R"("colour")" << "/fields/0/kind"
                                      << "unknown kind 'colour'";
        QTest::newRow("min > max") << "/fields/1/min" << "70" << "/fields/1/min" << "min > max";
        QTest::newRow("bad date")
            << "/fields/0" << R"({"name": "role", "kind": "date", "from": "2021-02-30", "to": "2022-01-01"})"
            << "/fields/0/from" << "bad date";
        QTest::newRow("protected in base field")
            << "/fields/1/max" << R"({"field": "gender"})" << "/fields/1/max/field"
            << "only templates";
        QTest::newRow("unknown by") << "/linked/0/by/1" << R"("origin")" << "/linked/0/by/1"
                                    << "not a protected attribute";
        QTest::newRow("stratum not choice")
            << "/design" << R"({"strata": ["age"]})" << "/design/strata/0" << "not a choice";
        QTest::newRow("conditional case") << "/fields/2"
            << R"({"name": "years", "kind": "conditional", "on": "role", "cases": {"a": {"kind": "int", "min": 0, "max": 1}}})"
            << "/fields/2/cases" << "no case for 'b'";
        QTest::newRow("unknown key") << "/fields/1/mean" << "3" << "/fields/1/mean"
                                     << "unknown key";
        QTest::newRow("duplicate name") << "/fields/1/name" << R"("role")" << "/fields/1/name"
                                        << "used twice";
        QTest::newRow("families") << "/families" << "0" << "/families" << "a whole number from 1 to 100000000";
    }

    void specErrors()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        json j = baseSpec();
        j[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
        auto spec = parseGeneratorSpec(j.dump(), "gen.json");
        QVERIFY(!spec.ok());
        QCOMPARE(QString::fromStdString(spec.error().field), path);
        QVERIFY2(spec.error().message.find(message.toStdString()) != std::string::npos,
                 spec.error().toString().c_str());
        QCOMPARE(spec.error().file, std::string("gen.json"));
    }

    void providerErrors_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown provider") << "/linked/0/provider" << R"("pet_names")"
                                          << "/linked/0/provider" << "unknown provider 'pet_names'";
        QTest::newRow("no list for group")
            << "/protected/1/groups" << R"(["white", "martian"])" << "/linked/0"
            << "no list for group gender=female, ethnicity=martian";
    }

    void providerErrors()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        json j = baseSpec();
        j[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
        auto spec = parseGeneratorSpec(j.dump(), "gen.json");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        auto catalog = ProviderCatalog::loadDefault();
        auto set = generate(*spec, *catalog);
        QVERIFY(!set.ok());
        QCOMPARE(QString::fromStdString(set.error().field), path);
        QVERIFY2(set.error().message.find(message.toStdString()) != std::string::npos,
                 set.error().toString().c_str());
    }

    /// An editor changes the parsed spec and writes it back: writing must lose nothing, so the
    /// written spec parses to one that writes the same text and generates the same bytes.
    void writerRoundTrips_data()
    {
        QTest::addColumn<QString>("text");
        auto file = [](const char *name) {
            auto bytes = readFileBytes(std::string(COUNTERPART_SOURCE_DIR "/sample_projects/")
                                       + name);
            return QString::fromStdString(bytes ? *bytes : std::string());
        };
        QTest::newRow("hiring-screen") << file("hiring-screen/generator.json");
        QTest::newRow("loan-approval") << file("loan-approval/generator.json");
        QTest::newRow("base") << QString::fromStdString(baseSpec().dump());
        // Every kind and option the samples leave out.
        QTest::newRow("every option") << QString::fromStdString(R"({
          "name": "all", "seed": 18446744073709551615, "families": 40,
          "design": {"variants": "versus_reference"},
          "protected": [
            {"name": "gender", "groups": ["female", "male", "nonbinary"], "reference": "male",
             "shares": [0.45, 0.45, 0.1]}],
          "linked": [
            {"name": "title", "by": ["gender"], "values": {
                "female": [{"value": "Ms", "weight": 3}, "Mrs"], "male": ["Mr"],
                "nonbinary": ["Mx"]}},
            {"name": "pronoun", "by": ["gender"],
             "pronouns": {"female": "she", "male": "he", "nonbinary": "they"}}],
          "fields": [
            {"name": "ref", "kind": "id"},
            {"name": "tier", "kind": "choice", "values": ["a", "b", "c"], "weights": [0.5, 0.25, 0.25]},
            {"name": "score", "kind": "real", "min": -1.5, "max": 2.25, "decimals": 3},
            {"name": "height", "kind": "normal", "mean": 170.5, "sd": 9, "min": 140},
            {"name": "limit", "kind": "int", "min": {"field": "height", "offset": -100},
             "max": {"field": "height"}},
            {"name": "since", "kind": "date", "from": "1999-12-31", "to": "2000-03-01"},
            {"name": "band", "kind": "conditional", "on": "tier", "cases": {
                "a": {"kind": "int", "min": 0, "max": 3},
                "default": {"kind": "real", "min": 0, "max": 1}}},
            {"name": "company", "kind": "provider", "provider": "companies"},
            {"name": "line", "kind": "template", "pronoun": "pronoun",
             "text": "{title} {ref}: {They} {works|work} at {company} ({gender})."}],
          "power": {"gap": 0.05, "discordance": 0.2, "alpha": 0.01, "power": 0.9}})");
    }

    void writerRoundTrips()
    {
        QFETCH(QString, text);
        QVERIFY(!text.isEmpty());
        auto first = parseGeneratorSpec(text.toStdString(), "gen.json");
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().toString().c_str());
        const std::string written = writeGeneratorSpec(*first);
        auto second = parseGeneratorSpec(written, "written.json");
        QVERIFY2(second.ok(), second.ok() ? "" : (second.error().toString() + "\n" + written).c_str());
        QCOMPARE(writeGeneratorSpec(*second), written);
        QCOMPARE(second->description, first->description);

        auto catalog = ProviderCatalog::loadDefault();
        QVERIFY(catalog.ok());
        first->families = second->families = 300;
        auto a = generate(*first, *catalog, GenerateOptions{1, OutputFormat::Csv, 64});
        auto b = generate(*second, *catalog, GenerateOptions{1, OutputFormat::Csv, 64});
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(b->bytes.size(), a->bytes.size());
        QVERIFY(b->bytes == a->bytes);
        QCOMPARE(b->power.has_value(), a->power.has_value());
        if (a->power)
            QCOMPARE(b->power->families, a->power->families);
    }

    /// An edit made on the struct is what the written text says.
    void writerKeepsEdits()
    {
        auto spec = parseGeneratorSpec(baseSpec().dump(), "gen.json");
        QVERIFY(spec.ok());
        spec->families = 1234;
        spec->fields[1].max.value = 70.0;
        spec->protectedAttributes[1].reference = "black";
        spec->fields[0].values.push_back("c, with a comma");
        const std::string written = writeGeneratorSpec(*spec);
        auto again = parseGeneratorSpec(written, "written.json");
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().toString().c_str());
        QCOMPARE(again->families, std::int64_t(1234));
        QCOMPARE(*again->fields[1].max.value, 70.0);
        QCOMPARE(again->protectedAttributes[1].reference, std::string("black"));
        QCOMPARE(again->fields[0].values.back(), std::string("c, with a comma"));
        // Whole numbers stay whole in the text, as a person writes them.
        QVERIFY(written.find("\"max\": 70") != std::string::npos);
        QVERIFY(written.find("70.0") == std::string::npos);
    }

    void notJson()
    {
        auto spec = parseGeneratorSpec("{ nope", "gen.json");
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().code, ErrorCode::Parse);
    }
};

QTEST_GUILESS_MAIN(tst_GeneratorSpec)
#include "tst_generatorspec.moc"
