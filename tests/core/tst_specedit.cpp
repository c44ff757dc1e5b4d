// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Editing an audit spec in place: each edit is re-parsed, an invalid one is refused with the JSON
// path, attestations record who and when, and the text stays parseable with its key order.

#include <core/audit/auditspec.h>
#include <core/audit/specedit.h>
#include <core/table/tablereader.h>

#include "../support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <string>

class tst_SpecEdit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void setReference();
    void setMaxGap();
    void createsMembers();
    void noneRemovesOptional();
    void refused_data();
    void refused();
    void attestWhoAndWhen();
    void unattest();
    void keepsKeyOrder();

private:
    std::string m_spec;
};

using nlohmann::json;

void tst_SpecEdit::initTestCase()
{
    auto bytes = cp::readFileBytes(COUNTERPART_SOURCE_DIR
                                   "/sample_projects/hiring-screen/audit.json");
    CP_VERIFY_OK(bytes);
    m_spec = *bytes;
    CP_VERIFY_OK(cp::parseAuditSpecText(m_spec, "audit.json"));
}

void tst_SpecEdit::setReference()
{
    auto out = cp::editAuditSpec(m_spec, "/protected/0/reference", "female", "audit.json");
    CP_VERIFY_OK(out);
    auto spec = cp::parseAuditSpecText(*out, "out");
    CP_VERIFY_OK(spec);
    QCOMPARE(*spec->protectedAttributes[0].reference, std::string("female"));
    QCOMPARE(*spec->protectedAttributes[1].reference, std::string("white"));
    QCOMPARE(json::parse(*out)["protected"][0]["reference"], json("female"));
    // Pretty, 2 spaces.
    QVERIFY(out->find("\n  \"name\"") != std::string::npos);
}

void tst_SpecEdit::setMaxGap()
{
    auto out = cp::editAuditSpec(m_spec, "/contract/primary/max_gap", 0.1, "audit.json");
    CP_VERIFY_OK(out);
    auto spec = cp::parseAuditSpecText(*out, "out");
    CP_VERIFY_OK(spec);
    QCOMPARE(*spec->contract->primary->maxGap, 0.1);
    QCOMPARE(json::parse(*out)["contract"]["primary"]["max_gap"].get<double>(), 0.1);
}

void tst_SpecEdit::createsMembers()
{
    auto out = cp::editAuditSpec(m_spec, "/contract/min_positives", 40, "audit.json");
    CP_VERIFY_OK(out);
    auto spec = cp::parseAuditSpecText(*out, "out");
    CP_VERIFY_OK(spec);
    QCOMPARE(spec->contract->minPositives, std::int64_t(40));
}

void tst_SpecEdit::noneRemovesOptional()
{
    auto out = cp::editAuditSpec(m_spec, "/contract/max_flip_rate", nullptr, "audit.json");
    CP_VERIFY_OK(out);
    auto spec = cp::parseAuditSpecText(*out, "out");
    CP_VERIFY_OK(spec);
    QVERIFY(!spec->contract->maxFlipRate);
    QVERIFY(!json::parse(*out)["contract"].contains("max_flip_rate"));
}

void tst_SpecEdit::refused_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");   // JSON text
    QTest::addColumn<QString>("field");   // the error's JSON path

    QTest::newRow("reference not a group") << "/protected/0/reference" << "\"robot\""
                                           << "/protected/0/reference";
    QTest::newRow("groups drop the reference") << "/protected/0/groups" << "[\"female\", \"x\"]"
                                               << "/protected/0/reference";
    QTest::newRow("groups twice") << "/protected/1/groups" << "[\"white\", \"white\"]"
                                  << "/protected/1/groups";
    QTest::newRow("max_gap text") << "/contract/primary/max_gap" << "\"abc\""
                                  << "/contract/primary/max_gap";
    QTest::newRow("max_gap negative") << "/contract/primary/max_gap" << "-0.5"
                                      << "/contract/primary/max_gap";
    QTest::newRow("min_ratio over 1") << "/contract/guardrails/0/min_ratio" << "1.5"
                                      << "/contract/guardrails/0/min_ratio";
    QTest::newRow("min_positives fraction") << "/contract/min_positives" << "2.5"
                                            << "/contract/min_positives";
    QTest::newRow("unknown key") << "/contract/max_flips" << "1" << "/contract/max_flips";
    QTest::newRow("primary without limits") << "/contract/primary/max_gap" << "null"
                                            << "/contract/primary";
    QTest::newRow("path through a string") << "/name/x" << "1" << "/name/x";
    QTest::newRow("malformed pointer") << "contract" << "1" << "contract";
}

void tst_SpecEdit::refused()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, field);
    auto out = cp::editAuditSpec(m_spec, pointer.toStdString(), json::parse(value.toStdString()),
                                 "audit.json");
    QVERIFY(!out);
    QCOMPARE(QString::fromStdString(out.error().field), field);
    QCOMPARE(out.error().file, std::string("audit.json"));
    QVERIFY(!out.error().message.empty());
}

void tst_SpecEdit::attestWhoAndWhen()
{
    auto out = cp::attest(m_spec, 0, true, "Ana Ruiz", "2026-03-04");
    CP_VERIFY_OK(out);
    auto spec = cp::parseAuditSpecText(*out, "out");
    CP_VERIFY_OK(spec);
    const cp::Attestation &a = spec->contract->attestations[0];
    QVERIFY(a.done);
    QCOMPARE(a.by, std::string("Ana Ruiz"));
    QCOMPARE(a.date, std::string("2026-03-04"));
    QCOMPARE(a.name, std::string("probe set reviewed for realism"));

    auto missing = cp::attest(m_spec, 3, true, "Ana Ruiz", "2026-03-04");
    QVERIFY(!missing);
    QCOMPARE(missing.error().field, std::string("/contract/attestations/3"));
    auto anonymous = cp::attest(m_spec, 0, true, "", "2026-03-04");
    QVERIFY(!anonymous);
    QCOMPARE(anonymous.error().field, std::string("/contract/attestations/0/by"));

    // A bare-string attestation becomes an object.
    auto bare = cp::editAuditSpec(m_spec, "/contract/attestations/0", "owner named", "s");
    CP_VERIFY_OK(bare);
    auto signedBare = cp::attest(*bare, 0, true, "Bo", "2026-01-01");
    CP_VERIFY_OK(signedBare);
    QCOMPARE(json::parse(*signedBare)["contract"]["attestations"][0],
             json({{"name", "owner named"}, {"done", true}, {"by", "Bo"},
                   {"date", "2026-01-01"}}));
}

void tst_SpecEdit::unattest()
{
    auto done = cp::attest(m_spec, 0, true, "Ana Ruiz", "2026-03-04");
    CP_VERIFY_OK(done);
    auto undone = cp::attest(*done, 0, false, {}, {});
    CP_VERIFY_OK(undone);
    const json a = json::parse(*undone)["contract"]["attestations"][0];
    QCOMPARE(a, json({{"name", "probe set reviewed for realism"}, {"done", false}}));
}

void tst_SpecEdit::keepsKeyOrder()
{
    auto out = cp::editAuditSpec(m_spec, "/contract/max_flip_rate", 0.03, "audit.json");
    CP_VERIFY_OK(out);
    // The user's order (name, description, family, protected ...) survives the edit, and a
    // second edit of the result is accepted again.
    const auto name = out->find("\"name\"");
    const auto description = out->find("\"description\"");
    const auto contract = out->find("\"contract\"");
    QVERIFY(name < description && description < contract);
    auto again = cp::editAuditSpec(*out, "/contract/max_flip_rate", 0.02, "audit.json");
    CP_VERIFY_OK(again);
    QCOMPARE(json::parse(*again), json::parse(m_spec));
    // Not JSON at all: a parse error with a line.
    auto bad = cp::editAuditSpec("{\n  \"name\": ", "/name", "x", "bad.json");
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, cp::ErrorCode::Parse);
    QCOMPARE(bad.error().line, std::int64_t(2));
}

QTEST_GUILESS_MAIN(tst_SpecEdit)
#include "tst_specedit.moc"
