// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Bad input, one _data() row per case: each table is written to a file in a QTemporaryDir and
// audited through the public entry point (auditTableFile), and the Error must say where —
// code, file, 1-based line, field — and what (a key phrase). Cases the audit can go on past must
// produce a warning naming the line instead. Spec errors name the JSON path in Error::field.
// The CLI must turn all of these into exit status 2 with "file:line: field: message".

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/common/jsontext.h>
#include <core/derive/deriver.h>
#include <core/derive/lexicon.h>
#include <core/generate/generatorspec.h>
#include <core/score/scorerconfig.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp;
using nlohmann::json;

namespace {

/// Two groups, a truth column and a score with a threshold: the columns id,g,y,score.
const char *const PlainSpec = R"({
  "name": "bad input",
  "protected": [{"name": "g", "groups": ["a", "b"]}],
  "y_true": {"column": "y", "positive": ["1"], "negative": ["0"]},
  "prediction": {"score": "score", "threshold": 0.5}
})";

/// Families of two variants (x, y) of attribute v: the columns fam,v,y,score.
const char *const FamilySpec = R"({
  "name": "families",
  "family": "fam",
  "protected": [{"name": "v", "groups": ["x", "y"]}],
  "y_true": {"column": "y", "positive": ["1"], "negative": ["0"]},
  "prediction": {"score": "score", "threshold": 0.5}
})";

QString codeName(ErrorCode c)
{
    switch (c) {
    case ErrorCode::Io: return "Io";
    case ErrorCode::Parse: return "Parse";
    case ErrorCode::Schema: return "Schema";
    case ErrorCode::Invalid: return "Invalid";
    case ErrorCode::Storage: return "Storage";
    case ErrorCode::Cancelled: return "Cancelled";
    }
    return "?";
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(bytes) == bytes.size();
}

AuditSpec specFrom(const char *text)
{
    auto s = parseAuditSpecText(text, "spec");
    if (!s)
        qFatal("test spec does not parse: %s", s.error().toString().c_str());
    return *s;
}

QString describe(const Error &e)
{
    return QStringLiteral("got %1 %2").arg(codeName(e.code), QString::fromStdString(e.toString()));
}

} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT

private slots:
    void tableErrors_data();
    void tableErrors();
    void warnings_data();
    void warnings();
    void missingTruthWarns();
    void encodings_data();
    void encodings();
    void specErrors_data();
    void specErrors();
    void specFileMissing();
    void cli_data();
    void cli();
    void deepJsonIsRefused();
    void numbersBeyondDoubleAreErrors();
    void deriveSpecTypesAreChecked_data();
    void deriveSpecTypesAreChecked();
};

void tst_BadInput::tableErrors_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("families");
    QTest::addColumn<int>("code");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");

    const auto P = int(ErrorCode::Parse), S = int(ErrorCode::Schema), I = int(ErrorCode::Invalid);
    const QByteArray ok = "id,g,y,score\n1,a,1,0.9\n";

    // --- CSV structure
    QTest::newRow("missing column") << "t.csv" << QByteArray("id,g,score\n1,a,0.9\n") << false
                                    << S << qint64(1) << "y" << "missing column";
    QTest::newRow("column named twice") << "t.csv" << QByteArray("id,g,y,g,score\n1,a,1,a,0.9\n")
                                        << false << S << qint64(1) << "g" << "twice";
    QTest::newRow("non-numeric score")
        << "t.csv" << ok + "2,b,0,0.4\n3,a,1,abc\n" << false << S << qint64(4) << "score"
        << "expected a number, found 'abc'";
    QTest::newRow("score is inf")
        << "t.csv" << ok + "2,b,0,inf\n" << false << S << qint64(3) << "score"
        << "expected a number";
    QTest::newRow("ragged: too few fields") << "t.csv" << ok + "2,b,0\n3,a,1,0.2\n" << false << P
                                            << qint64(3) << "" << "expected 4 fields";
    QTest::newRow("ragged: too many fields")
        << "t.csv" << ok + "2,b,0,0.4\n3,a,1,0.2,extra\n" << false << P << qint64(4) << ""
        << "found 5";
    QTest::newRow("unterminated quote")
        << "t.csv" << ok + "2,\"b,0,0.4\n3,a,1,0.2\n" << false << P << qint64(3) << "g"
        << "unterminated quoted field (opened on line 3)";
    QTest::newRow("text after closing quote")
        << "t.csv" << ok + "2,\"b\"x,0,0.4\n" << false << P << qint64(3) << "g"
        << "after closing quote";
    QTest::newRow("empty file") << "t.csv" << QByteArray() << false << P << qint64(1) << ""
                                << "empty";
    QTest::newRow("header only") << "t.csv" << QByteArray("id,g,y,score\n") << false << I
                                 << qint64(0) << "" << "no data rows";

    // --- Values
    QTest::newRow("value outside declared groups")
        << "t.csv" << ok + "2,b,0,0.4\n3,c,1,0.2\n4,c,0,0.1\n" << false << I << qint64(4) << "g"
        << "'c' is not a declared group of 'g'";
    QTest::newRow("empty group value") << "t.csv" << ok + "2,b,0,0.4\n3,,1,0.2\n" << false << I
                                       << qint64(4) << "g" << "empty value";
    QTest::newRow("y_true neither positive nor negative")
        << "t.csv" << ok + "2,b,0,0.4\n3,a,maybe,0.2\n" << false << I << qint64(4) << "y"
        << "'maybe' is neither a positive nor a negative";
    QTest::newRow("missing score") << "t.csv" << ok + "2,b,0,\n" << false << I << qint64(3)
                                   << "score" << "missing score";
    QTest::newRow("duplicate variant in a family")
        << "t.csv"
        << QByteArray("fam,v,y,score\nf1,x,1,0.9\nf1,y,1,0.8\nf2,x,0,0.2\nf1,x,1,0.7\n") << true
        << I << qint64(5) << "fam" << "second row for variant 'x' (first on line 2)";

    // --- Line numbers stay right after quoted commas, quoted newlines, CRLF and blank lines
    QTest::newRow("bad group after quoted newline")
        << "t.csv"
        << QByteArray("id,g,y,score,note\n1,a,1,0.9,\"two\nlines\"\n2,b,0,0.4,\"x, y\"\n"
                      "3,c,1,0.5,plain\n")
        << false << I << qint64(5) << "g" << "'c' is not a declared group";
    QTest::newRow("bad score after quoted newlines")
        << "t.csv"
        << QByteArray("id,g,y,score,note\n1,a,1,0.9,\"a\nb\nc\"\n2,b,0,zero,\"x\"\n") << false
        << S << qint64(5) << "score" << "found 'zero'";
    QTest::newRow("ragged after quoted comma and newline")
        << "t.csv"
        << QByteArray("note,id,g,y,score\n\"a, \"\"b\"\"\nc\",1,a,1,0.9\nplain,2,b,0\n") << false
        << P << qint64(4) << "" << "expected 5 fields";
    QTest::newRow("bad group after CRLF quoted newline")
        << "t.csv"
        << QByteArray("id,g,y,score,note\r\n1,a,1,0.9,\"two\r\nlines\"\r\n2,c,0,0.4,x\r\n")
        << false << I << qint64(4) << "g" << "'c' is not a declared group";
    QTest::newRow("bad score in CRLF file")
        << "t.csv" << QByteArray("id,g,y,score\r\n1,a,1,0.9\r\n2,b,0,x\r\n") << false << S
        << qint64(3) << "score" << "found 'x'";
    QTest::newRow("bad group after blank line")
        << "t.csv" << ok + "\n2,b,0,0.4\n\n3,d,1,0.2\n" << false << I << qint64(6) << "g"
        << "'d' is not a declared group";
    QTest::newRow("bad group after BOM")
        << "t.csv" << QByteArray("\xEF\xBB\xBFid,g,y,score\n1,a,1,0.9\n2,e,0,0.4\n") << false
        << I << qint64(3) << "g" << "'e' is not a declared group";

    // --- JSON Lines
    const QByteArray line1 = R"({"id": 1, "g": "a", "y": 1, "score": 0.9})"
                             "\n";
    QTest::newRow("jsonl: invalid JSON line")
        << "t.jsonl" << line1 + R"({"id": 2, "g": "b", )" "\n" + line1 << false << P
        << qint64(2) << "" << "not valid JSON";
    QTest::newRow("jsonl: non-object line")
        << "t.jsonl" << line1 + line1 + "[1, 2, 3]\n" << false << P << qint64(3) << ""
        << "expected a JSON object";
    QTest::newRow("jsonl: key missing in every line")
        << "t.jsonl" << QByteArray(R"({"id": 1, "g": "a", "score": 0.9})" "\n") << false << S
        << qint64(0) << "y" << "no line has this key";
    QTest::newRow("jsonl: non-numeric score after blank lines")
        << "t.jsonl" << line1 + "\n\n" + R"({"id": 2, "g": "b", "y": 0, "score": "high"})" "\n"
        << false << S << qint64(4) << "score" << "expected a number";
    // Found by fuzz_predictions: a value that starts like null but is not one made the fast
    // reader's is_null() throw (an abort); it is invalid JSON on its line.
    QTest::newRow("jsonl: misspelt null as a value")
        << "t.jsonl" << line1 + R"({"id": 2, "g": nulx, "y": 0, "score": 0.1})" "\n" << false
        << P << qint64(2) << "" << "not valid JSON";
    QTest::newRow("jsonl: misspelt null in an unread key")
        << "t.jsonl" << line1 + R"({"id": 2, "g": "a", "y": 0, "score": 0.1, "x": [nanes]})" "\n"
        << false << P << qint64(2) << "" << "not valid JSON";
    QTest::newRow("jsonl: object as group value")
        << "t.jsonl" << line1 + R"({"id": 2, "g": {"x": 1}, "y": 0, "score": 0.1})" "\n" << false
        << S << qint64(2) << "g" << "expected a string, number or boolean";
    QTest::newRow("jsonl: bad group after CRLF")
        << "t.jsonl" << QByteArray(R"({"g": "a", "y": 1, "score": 0.9})" "\r\n"
                                   R"({"g": "z", "y": 1, "score": 0.9})" "\r\n")
        << false << I << qint64(2) << "g" << "'z' is not a declared group";
    QTest::newRow("jsonl: empty file") << "t.jsonl" << QByteArray("\n\n") << false << P
                                       << qint64(1) << "" << "no records";
}

void tst_BadInput::tableErrors()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(bool, families);
    QFETCH(int, code);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    QFETCH(QString, phrase);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(fileName);
    QVERIFY(writeFile(path, content));
    const AuditSpec spec = specFrom(families ? FamilySpec : PlainSpec);
    const auto result = auditTableFile(path.toStdString(), spec);
    QVERIFY2(!result.ok(), "the audit accepted bad input");
    const Error &e = result.error();
    QVERIFY2(int(e.code) == code, qPrintable(describe(e)));
    QCOMPARE(QString::fromStdString(e.file), path);
    QVERIFY2(e.line == line, qPrintable(describe(e)));
    QVERIFY2(QString::fromStdString(e.field) == field, qPrintable(describe(e)));
    QVERIFY2(QString::fromStdString(e.message).contains(phrase), qPrintable(describe(e)));
    // toString() is the CLI's "file:line: field: message".
    QString expected = path;
    if (line > 0)
        expected += ":" + QString::number(line);
    expected += ": ";
    if (!field.isEmpty())
        expected += field + ": ";
    QVERIFY(QString::fromStdString(e.toString()).startsWith(expected));
}

void tst_BadInput::warnings_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("families");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");

    QTest::newRow("declared group with no rows")
        << QByteArray("id,g,y,score\n1,a,1,0.9\n2,a,0,0.3\n") << false << qint64(0) << "g"
        << "group 'b' of 'g' has no rows";
    QTest::newRow("family variants disagree on y_true")
        << QByteArray("fam,v,y,score\nf1,x,1,0.9\nf1,y,1,0.8\nf2,x,0,0.2\nf2,y,1,0.3\n") << true
        << qint64(5) << "y" << "family 'f2' disagree on the expected outcome";
    QTest::newRow("family with a single variant")
        << QByteArray("fam,v,y,score\nf1,x,1,0.9\nf1,y,1,0.8\nf2,y,0,0.2\n") << true << qint64(4)
        << "fam" << "family 'f2' has a single variant";
}

void tst_BadInput::warnings()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, families);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    QFETCH(QString, phrase);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("t.csv");
    QVERIFY(writeFile(path, content));
    const auto result = auditTableFile(path.toStdString(), specFrom(families ? FamilySpec
                                                                             : PlainSpec));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QString all;
    bool found = false;
    for (const AuditWarning &w : result->warnings) {
        all += QStringLiteral("[%1 %2: %3] ").arg(w.line).arg(
            QString::fromStdString(w.field), QString::fromStdString(w.message));
        if (w.line == line && QString::fromStdString(w.field) == field
            && QString::fromStdString(w.message).contains(phrase))
            found = true;
    }
    QVERIFY2(found, qPrintable("warnings: " + all));
    // The JSON document carries it with its line.
    const json doc = auditToJson(*result);
    QVERIFY(!doc["warnings"].empty());
}

void tst_BadInput::missingTruthWarns()
{
    // An empty y_true cell is allowed: the row counts in selection rates but not in TPR/FPR,
    // with a warning naming its line. Run through the CLI so that a crash fails this case only
    // instead of taking the whole test executable down.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString table = dir.filePath("t.csv");
    const QString spec = dir.filePath("spec.json");
    QVERIFY(writeFile(table, "id,g,y,score\n1,a,1,0.9\n2,b,0,0.3\n3,b,,0.7\n4,a,0,0.2\n"));
    QVERIFY(writeFile(spec, PlainSpec));
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI),
            {"audit", "--table", table, "--spec", spec, "--json", "-"});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit,
             "counterpart-cli crashed on an empty y_true cell");
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const json doc = json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
    QVERIFY(doc.is_object());
    bool warned = false;
    for (const json &w : doc["warnings"])
        warned = warned || (w["line"] == 4 && w["field"] == "y"
                            && w["message"].get<std::string>().find("no expected outcome")
                                   != std::string::npos);
    QVERIFY2(warned, doc["warnings"].dump().c_str());
    // b: rows 2 (y 0, 0.3) and 3 (no y, 0.7): selection 1/2, FPR 0/1, TPR undefined.
    const json &b = doc["slices"]["g"]["b"];
    QCOMPARE(b["n"].get<int>(), 2);
    QCOMPARE(b["selection_rate"]["k"].get<int>(), 1);
    QCOMPARE(b["fpr"]["n"].get<int>(), 1);
    QCOMPARE(b["fpr"]["k"].get<int>(), 0);
    QVERIFY(b["tpr"]["value"].is_null());
}

void tst_BadInput::encodings_data()
{
    QTest::addColumn<QByteArray>("content");
    // The same five rows, spelled differently; each must read as the plain LF file does.
    QTest::newRow("LF") << QByteArray("g,y,score\na,1,0.9\na,0,0.6\nb,1,0.4\nb,0,0.2\nb,1,0.8\n");
    QTest::newRow("CRLF")
        << QByteArray("g,y,score\r\na,1,0.9\r\na,0,0.6\r\nb,1,0.4\r\nb,0,0.2\r\nb,1,0.8\r\n");
    QTest::newRow("BOM LF")
        << QByteArray("\xEF\xBB\xBFg,y,score\na,1,0.9\na,0,0.6\nb,1,0.4\nb,0,0.2\nb,1,0.8\n");
    QTest::newRow("BOM CRLF") << QByteArray(
        "\xEF\xBB\xBFg,y,score\r\na,1,0.9\r\na,0,0.6\r\nb,1,0.4\r\nb,0,0.2\r\nb,1,0.8\r\n");
    QTest::newRow("no final newline")
        << QByteArray("g,y,score\na,1,0.9\na,0,0.6\nb,1,0.4\nb,0,0.2\nb,1,0.8");
    QTest::newRow("CRLF no final newline")
        << QByteArray("g,y,score\r\na,1,0.9\r\na,0,0.6\r\nb,1,0.4\r\nb,0,0.2\r\nb,1,0.8");
    QTest::newRow("quoted everything CRLF")
        << QByteArray("\"g\",\"y\",\"score\"\r\n\"a\",\"1\",\"0.9\"\r\n\"a\",\"0\",\"0.6\"\r\n"
                      "\"b\",\"1\",\"0.4\"\r\n\"b\",\"0\",\"0.2\"\r\n\"b\",\"1\",\"0.8\"\r\n");
    QTest::newRow("blank lines") << QByteArray(
        "g,y,score\na,1,0.9\n\na,0,0.6\nb,1,0.4\r\n\r\nb,0,0.2\nb,1,0.8\n\n");
}

void tst_BadInput::encodings()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("t.csv");
    QVERIFY(writeFile(path, content));
    const auto result = auditTableFile(path.toStdString(), specFrom(PlainSpec));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QCOMPARE(qint64(result->rows), qint64(5));
    QCOMPARE(result->slices.size(), std::size_t(1));
    const auto &groups = result->slices[0].groups;
    QCOMPARE(groups.size(), std::size_t(2));
    // a: scores 0.9 (y 1), 0.6 (y 0) → 2 favourable, TPR 1/1, FPR 1/1.
    QCOMPARE(groups[0].group, std::string("a"));
    QCOMPARE(qint64(groups[0].n), qint64(2));
    QCOMPARE(qint64(groups[0].favourable), qint64(2));
    // b: 0.4 (y 1), 0.2 (y 0), 0.8 (y 1) → 1 favourable, TPR 1/2, FPR 0/1.
    QCOMPARE(groups[1].group, std::string("b"));
    QCOMPARE(qint64(groups[1].n), qint64(3));
    QCOMPARE(qint64(groups[1].positives), qint64(2));
    QCOMPARE(qint64(groups[1].rate(Metric::Tpr).k), qint64(1));
    QCOMPARE(qint64(groups[1].rate(Metric::Fpr).k), qint64(0));
    QVERIFY(groups[1].meanScore && std::abs(*groups[1].meanScore - (0.4 + 0.2 + 0.8) / 3) < 1e-12);
    QVERIFY(result->warnings.empty());
}

void tst_BadInput::specErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("phrase");
    const auto P = int(ErrorCode::Parse), S = int(ErrorCode::Schema);

    // A valid spec with one placeholder to splice in each case's extra keys.
    auto spec = [](const char *extra) {
        QByteArray s = R"({
  "protected": [{"name": "g", "groups": ["a", "b"], "reference": "a"}],
  "y_true": {"column": "y"},
  "prediction": {"score": "score", "threshold": 0.5})";
        if (*extra)
            s += QByteArray(",\n  ") + extra;
        return s + "\n}\n";
    };

    QTest::newRow("invalid JSON: unclosed list")
        << QByteArray("{\n  \"name\": \"x\",\n  \"protected\": [\n}\n") << P << qint64(4) << ""
        << "invalid JSON";
    QTest::newRow("invalid JSON: missing comma")
        << QByteArray("{\n  \"name\": \"x\"\n  \"protected\": []\n}\n") << P << qint64(3) << ""
        << "invalid JSON";
    QTest::newRow("invalid JSON: trailing comma")
        << spec("\"name\": \"x\",") << P << qint64(6) << "" << "invalid JSON";
    QTest::newRow("empty text") << QByteArray("") << P << qint64(1) << "" << "invalid JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << S << qint64(0) << "/"
                                   << "expected an object";
    QTest::newRow("unknown top-level key")
        << spec("\"colour\": \"blue\"") << S << qint64(0) << "/colour" << "unknown key";
    QTest::newRow("unknown nested key")
        << spec(R"("contract": {"primary": {"metric": "tpr", "maxgap": 0.1}})") << S << qint64(0)
        << "/contract/primary/maxgap" << "unknown key";
    QTest::newRow("unknown metric")
        << spec(R"("contract": {"primary": {"metric": "tpr_gap", "max_gap": 0.1}})") << S
        << qint64(0) << "/contract/primary/metric" << "unknown metric 'tpr_gap'";
    QTest::newRow("unknown metric in second guardrail")
        << spec(R"("contract": {"guardrails": [{"metric": "fpr", "max_gap": 0.1},
                                               {"metric": "auc", "max_gap": 0.1}]})")
        << S << qint64(0) << "/contract/guardrails/1/metric" << "unknown metric 'auc'";
    QTest::newRow("contract that checks nothing")
        << spec(R"("contract": {"min_positives": 5, "attestations": ["privacy review"]})") << S
        << qint64(0) << "/contract" << "names no fairness check";
    QTest::newRow("gap limit without a limit")
        << spec(R"("contract": {"primary": {"metric": "tpr"}})") << S << qint64(0)
        << "/contract/primary" << "max_gap, min_ratio";
    QTest::newRow("min_ratio above 1")
        << spec(R"("contract": {"primary": {"metric": "selection_rate", "min_ratio": 1.25}})")
        << S << qint64(0) << "/contract/primary/min_ratio" << "between 0 and 1";
    QTest::newRow("negative min_positives")
        << spec(R"("contract": {"min_positives": -3})") << S << qint64(0)
        << "/contract/min_positives" << "whole number";
    QTest::newRow("attestation done not a boolean")
        << spec(R"("contract": {"attestations": [{"name": "x", "done": "yes"}]})") << S
        << qint64(0) << "/contract/attestations/0/done" << "true or false";
    QTest::newRow("intersection dimension not in spec")
        << spec(R"("intersections": [{"dimensions": ["g", "region"]}])") << S << qint64(0)
        << "/intersections/0/dimensions/1" << "'region' is not a protected attribute";
    QTest::newRow("intersection of one dimension")
        << spec(R"("intersections": [{"dimensions": ["g"]}])") << S << qint64(0)
        << "/intersections/0/dimensions" << "two or more";
    QTest::newRow("intersection population unknown")
        << spec(R"("intersections": [{"dimensions": ["g", "g2"], "population": "some"}],
  "strata": [{"name": "g2"}])")
        << S << qint64(0) << "/intersections/0/population" << "all, positives or negatives";
    QTest::newRow("score_bands without score")
        << QByteArray(R"({"protected": [{"name": "g"}],
  "prediction": {"column": "label", "favourable": "yes"},
  "score_bands": {"cuts": [0.5]}})")
        << S << qint64(0) << "/score_bands" << "need a score column";
    QTest::newRow("score_bands cuts not ascending")
        << spec(R"("score_bands": {"cuts": [0.5, 0.3]})") << S << qint64(0)
        << "/score_bands/cuts/1" << "ascend";
    QTest::newRow("score_bands label count")
        << spec(R"("score_bands": {"cuts": [0.5], "labels": ["low"]})") << S << qint64(0)
        << "/score_bands/labels" << "expected 2 labels";
    QTest::newRow("threshold and column both")
        << QByteArray(R"({"protected": [{"name": "g"}],
  "prediction": {"score": "s", "threshold": 0.5, "column": "label", "favourable": "yes"}})")
        << S << qint64(0) << "/prediction" << "not both";
    QTest::newRow("score without threshold")
        << QByteArray(R"({"protected": [{"name": "g"}], "prediction": {"score": "s"}})") << S
        << qint64(0) << "/prediction" << "threshold";
    QTest::newRow("column without favourable")
        << QByteArray(R"({"protected": [{"name": "g"}], "prediction": {"column": "label"}})")
        << S << qint64(0) << "/prediction/favourable" << "required";
    QTest::newRow("no prediction")
        << QByteArray(R"({"protected": [{"name": "g"}]})") << S << qint64(0) << "/prediction"
        << "required";
    QTest::newRow("no protected attribute")
        << QByteArray(R"({"prediction": {"score": "s", "threshold": 0.5}})") << S << qint64(0)
        << "/protected" << "at least one";
    QTest::newRow("reference not a declared group")
        << QByteArray(R"({"protected": [{"name": "g", "groups": ["a", "b"], "reference": "c"}],
  "prediction": {"score": "s", "threshold": 0.5}})")
        << S << qint64(0) << "/protected/0/reference" << "'c' is not one of the groups";
    QTest::newRow("group listed twice")
        << QByteArray(R"({"protected": [{"name": "g", "groups": ["a", "a"]}],
  "prediction": {"score": "s", "threshold": 0.5}})")
        << S << qint64(0) << "/protected/0/groups" << "twice";
    QTest::newRow("attribute name used twice")
        << QByteArray(R"({"protected": [{"name": "g"}, {"name": "g", "column": "h"}],
  "prediction": {"score": "s", "threshold": 0.5}})")
        << S << qint64(0) << "/protected/1/name" << "used twice";
    QTest::newRow("y_true value both positive and negative")
        << spec("").replace(
               R"("y_true": {"column": "y"})",
               R"("y_true": {"column": "y", "positive": ["1", "x"], "negative": ["x"]})")
        << S << qint64(0) << "/y_true" << "'x' is listed as positive and as negative";
    QTest::newRow("fail_outcome without pass")
        << spec(R"("stages": [{"name": "gate", "fail_outcome": "blocked"}])") << S << qint64(0)
        << "/stages/0/fail_outcome" << "pass";
    QTest::newRow("stage named like the prediction stage")
        << spec(R"("stages": [{"name": "model"}])") << S << qint64(0) << "/stages/0/name"
        << "prediction's own stage";
}

void tst_BadInput::specErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, code);
    QFETCH(qint64, line);
    QFETCH(QString, field);
    QFETCH(QString, phrase);
    const auto result = parseAuditSpecText(std::string_view(text.constData(), text.size()),
                                           "my/spec.json");
    QVERIFY2(!result.ok(), "the spec was accepted");
    const Error &e = result.error();
    QVERIFY2(int(e.code) == code, qPrintable(describe(e)));
    QCOMPARE(e.file, std::string("my/spec.json"));
    QVERIFY2(e.line == line, qPrintable(describe(e)));
    QVERIFY2(QString::fromStdString(e.field) == field, qPrintable(describe(e)));
    QVERIFY2(QString::fromStdString(e.message).contains(phrase), qPrintable(describe(e)));
}

void tst_BadInput::specFileMissing()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("nope.json").toStdString();
    const auto result = loadAuditSpec(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Io);
    QCOMPARE(result.error().file, path);

    const auto table = auditTableFile(dir.filePath("nope.csv").toStdString(), specFrom(PlainSpec));
    QVERIFY(!table.ok());
    QCOMPARE(table.error().code, ErrorCode::Io);
}

void tst_BadInput::cli_data()
{
    QTest::addColumn<QStringList>("args");      // $T = the table file, $S = the spec file
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrLine");    // a line stderr must hold exactly ("" = none)
    QTest::addColumn<QString>("stderrPhrase");  // text stderr must contain

    const QByteArray good = "id,g,y,score\n1,a,1,0.9\n2,b,0,0.4\n";
    const QStringList audit = {"audit", "--table", "$T", "--spec", "$S"};

    QTest::newRow("no command") << QStringList() << good << QByteArray(PlainSpec) << 2 << ""
                                << "no command given";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << good << QByteArray(PlainSpec)
                                     << 2 << "" << "unknown command 'frobnicate'";
    QTest::newRow("unknown argument") << audit + QStringList{"--colour"} << good
                                      << QByteArray(PlainSpec) << 2 << ""
                                      << "unknown option --colour";
    QTest::newRow("audit without --spec")
        << QStringList{"audit", "--table", "$T"} << good << QByteArray(PlainSpec) << 2 << ""
        << "audit needs --table FILE and --spec";
    QTest::newRow("option without value") << QStringList{"audit", "--table"} << good
                                          << QByteArray(PlainSpec) << 2 << "" << "needs a value";
    QTest::newRow("project and table both")
        << audit + QStringList{"--project", "x"} << good << QByteArray(PlainSpec) << 2 << ""
        << "not both";
    QTest::newRow("bad score")
        << audit << QByteArray("id,g,y,score\n1,a,1,0.9\n2,b,0,abc\n") << QByteArray(PlainSpec)
        << 2 << "counterpart-cli: $T:3: score: expected a number, found 'abc'" << "";
    QTest::newRow("undeclared group")
        << audit << QByteArray("id,g,y,score\n1,a,1,0.9\n2,q,0,0.1\n") << QByteArray(PlainSpec)
        << 2 << "counterpart-cli: $T:3: g: 'q' is not a declared group of 'g'" << "";
    QTest::newRow("ragged line") << audit << QByteArray("id,g,y,score\n1,a,1,0.9\n2,b\n")
                                 << QByteArray(PlainSpec) << 2 << ""
                                 << "$T:3: expected 4 fields as in the header, found 2";
    QTest::newRow("bad spec")
        << audit << good
        << QByteArray(PlainSpec).replace("\"threshold\": 0.5", "\"threshold\": \"high\"") << 2
        << "counterpart-cli: $S: /prediction/threshold: expected a number" << "";
    QTest::newRow("spec not JSON") << audit << good << QByteArray("{\n\"name\": }\n") << 2 << ""
                                   << "$S:2: invalid JSON";
    QTest::newRow("nonexistent table")
        << QStringList{"audit", "--table", "$D/missing.csv", "--spec", "$S"} << good
        << QByteArray(PlainSpec) << 2
        << "counterpart-cli: $D/missing.csv: cannot open file for reading"
        << "";
    QTest::newRow("nonexistent spec")
        << QStringList{"audit", "--table", "$T", "--spec", "$D/missing.json"} << good
        << QByteArray(PlainSpec) << 2 << "" << "$D/missing.json: cannot open file";
    // A folder or a device where a file belongs: an error naming it, never bad_alloc or a hang.
    QTest::newRow("table is a folder")
        << QStringList{"audit", "--table", "$D", "--spec", "$S"} << good << QByteArray(PlainSpec)
        << 2 << "counterpart-cli: $D: is a folder, not a file" << "";
    QTest::newRow("spec is a folder")
        << QStringList{"audit", "--table", "$T", "--spec", "$D"} << good << QByteArray(PlainSpec)
        << 2 << "" << "$D: is a folder, not a file";
    QTest::newRow("table is a device")
        << QStringList{"audit", "--table", "/dev/zero", "--spec", "$S"} << good
        << QByteArray(PlainSpec) << 2 << ""
        << "/dev/zero: is a device, pipe or socket, not a regular file";
    QTest::newRow("spec is a device")
        << QStringList{"audit", "--table", "$T", "--spec", "/dev/null"} << good
        << QByteArray(PlainSpec) << 2 << "" << "/dev/null: is a device";
    QTest::newRow("spec nested too deep")
        << audit << good << QByteArray(60000, '[') << 2 << ""
        << "$S:1: JSON nested deeper than 256 levels at line 1, column 257";
    // One Latin-1 byte aborted audit --json (the document dump threw): not UTF-8 is refused
    // where it enters, naming line, field and column, in CSV and JSON Lines alike.
    QTest::newRow("Latin-1 group")
        << audit + QStringList{"--json", "-"}
        << QByteArray("id,g,y,score\n1,a,1,0.9\n2,b,0,0.4\n3,Jos\xe9,0,0.4\n")
        << QByteArray(PlainSpec).replace("[\"a\", \"b\"]", "[\"a\", \"b\", \"Jos\xc3\xa9\"]")
        << 2
        << "counterpart-cli: $T:4: g: byte 0xE9 at column 6 is not UTF-8 (the file is probably "
           "Latin-1 or Windows-1252: convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 IN > OUT)"
        << "";
    QTest::newRow("Windows-1252 in JSON Lines")
        << QStringList{"audit", "--table", "$D/t.jsonl", "--spec", "$S", "--json", "-"} << good
        << QByteArray(PlainSpec) << 2 << "" << "not UTF-8";
    // Input quoted in a message is cut and its control characters escaped: no escape
    // sequence reaches the terminal, and a header of 200,000 names is not listed whole.
    QTest::newRow("escape sequence in a cell")
        << audit << QByteArray("id,g,y,score\n1,a,1,\x1b[2J\x1b]0;pwned\x07\n")
        << QByteArray(PlainSpec) << 2
        << "counterpart-cli: $T:2: score: expected a number, found '\\x1B[2J\\x1B]0;pwned\\x07'"
        << "";
    QTest::newRow("huge header")
        << audit << QByteArray("id,g,y") + QByteArray(",column").repeated(60000) + "\n1,a,1"
                        + QByteArray(",x").repeated(60000) + "\n"
        << QByteArray(PlainSpec) << 2 << ""
        << "(the header has: id, g, y, column, column, column";
    QTest::newRow("too many columns")
        << audit << QByteArray("id,g,y") + QByteArray(",column").repeated(200000) + "\n1,a,1"
                        + QByteArray(",x").repeated(200000) + "\n"
        << QByteArray(PlainSpec) << 2 << ""
        << "$T:1: the header has more than 65536 columns (the limit)";
    QTest::newRow("nonexistent project")
        << QStringList{"audit", "--project", "$D/missing.counterpart"} << good
        << QByteArray(PlainSpec) << 2 << "" << "no such project file";
    QTest::newRow("good input, no contract") << audit << good << QByteArray(PlainSpec) << 0 << ""
                                             << "";
    QTest::newRow("help") << QStringList{"--help"} << good << QByteArray(PlainSpec) << 0 << ""
                          << "";
}

void tst_BadInput::cli()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, spec);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrLine);
    QFETCH(QString, stderrPhrase);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tablePath = dir.filePath("table.csv");
    const QString specPath = dir.filePath("spec.json");
    QVERIFY(writeFile(tablePath, table));
    QVERIFY(writeFile(specPath, spec));
    QVERIFY(writeFile(dir.filePath("t.jsonl"),
                      "{\"id\": 1, \"g\": \"a\", \"y\": 1, \"score\": 0.9}\n"
                      "{\"id\": 2, \"g\": \"b\x96\", \"y\": 0, \"score\": 0.4}\n"));
    auto expand = [&](QString s) {
        return s.replace("$T", tablePath).replace("$S", specPath).replace("$D", dir.path());
    };
    for (QString &a : args)
        a = expand(a);

    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI), args);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QByteArray errBytes = p.readAllStandardError();
    QVERIFY2(!errBytes.contains('\x1b'), errBytes.left(300).constData());
    QVERIFY2(errBytes.size() < 4096, qPrintable(QString::number(errBytes.size())));
    const QString err = QString::fromUtf8(errBytes);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(p.exitCode()).arg(err)));
    if (!stderrLine.isEmpty())
        QVERIFY2(err.split('\n').contains(expand(stderrLine)), qPrintable("stderr: " + err));
    if (!stderrPhrase.isEmpty())
        QVERIFY2(err.contains(expand(stderrPhrase)), qPrintable("stderr: " + err));
    if (exitCode == 2)
        QVERIFY2(out.isEmpty(), qPrintable("stdout: " + out)); // no half report on failure
    else
        QVERIFY2(err.isEmpty(), qPrintable("stderr: " + err));
}

/// JSON nested 60,000 deep segfaulted (stack overflow) when a scorer config or a JSON Lines
/// cell was copied or dumped. Every JSON input refuses more than 256 levels, naming the place;
/// 256 levels are still read.
void tst_BadInput::deepJsonIsRefused()
{
    const std::string deep = std::string(60000, '[') + std::string(60000, ']');
    const auto refuses = [](const auto &result, std::int64_t line) {
        QVERIFY(!result);
        QCOMPARE(result.error().line, line);
        QVERIFY2(result.error().message.find("nested deeper than 256 levels") != std::string::npos,
                 result.error().toString().c_str());
    };
    refuses(cp::parseScorerConfig("{\"kind\": \"http\", \"http\": " + deep + "}", "s.json", "."), 1);
    refuses(cp::parseGeneratorSpec("{\n\"seed\": " + deep + "}", "g.json"), 2);
    refuses(cp::parseAuditSpecText(deep, "a.json"), 1);
    refuses(cp::Lexicon::parse(deep, "l.json"), 1);
    refuses(cp::parseDeriveSpec(deep, "d.json"), 1);
    const std::string jsonl = "{\"g\": \"a\", \"y\": 1}\n{\"g\": " + deep + ", \"y\": 0}\n";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("t.jsonl");
    QVERIFY(writeFile(path, QByteArray::fromStdString(jsonl)));
    refuses(cp::readTableFile(path.toStdString(), cp::TableFormat::JsonLines,
                              {{"g", cp::ColumnKind::Categorical}}),
            2);
    // Deep but within the bound: read as before.
    const std::string ok = std::string(255, '[') + std::string(255, ']');
    QVERIFY(!cp::jsontext::tooDeep(ok));
    QVERIFY(cp::jsontext::tooDeep(std::string(257, '[')));
    // Brackets inside strings do not count.
    QVERIFY(!cp::jsontext::tooDeep("\"" + std::string(1000, '[') + "\\\"\""));
}

/// 1e400 and a 400-digit integer threw json out_of_range (exit 134) from the audit spec, the
/// scorer config and the generator spec: now a Parse error naming the file and the number.
void tst_BadInput::numbersBeyondDoubleAreErrors()
{
    const std::string digits(400, '9');
    for (const std::string &n : {std::string("1e400"), digits}) {
        const auto check = [&](const auto &result) {
            QVERIFY(!result);
            QCOMPARE(result.error().code, cp::ErrorCode::Parse);
            QVERIFY2(result.error().message.find("beyond the range of a double") != std::string::npos
                         && result.error().message.find(n.substr(0, 10)) != std::string::npos,
                     result.error().toString().c_str());
        };
        check(cp::parseAuditSpecText("{\"name\": \"x\", \"threshold\": " + n + "}", "a.json"));
        check(cp::parseScorerConfig("{\"kind\": \"builtin\", \"repeats\": " + n + "}", "s.json",
                                    "."));
        check(cp::parseGeneratorSpec("{\"seed\": " + n + "}", "g.json"));
        QCOMPARE(cp::jsontext::parse("[" + n + "]", "x.json").error().file, std::string("x.json"));
    }
    // Ordinary syntax errors keep their line.
    const auto bad = cp::jsontext::parse("{\n\"a\": }\n", "x.json");
    QVERIFY(!bad);
    QCOMPARE(bad.error().line, 2);
    QVERIFY2(bad.error().message.rfind("invalid JSON: parse error", 0) == 0,
             bad.error().message.c_str());
}

/// A derive spec or lexicon field of the wrong type threw json type_error (690 of the fuzzed
/// crashes): now a Schema error naming the field's JSON path.
void tst_BadInput::deriveSpecTypesAreChecked_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("field");
    const QString attr = R"({"name": "g", "groups": ["a", "b"]%1})";
    const auto derive = [&](const QString &top, const QString &inAttr) {
        return QStringLiteral(R"({"protected": [%1]%2})").arg(attr.arg(inAttr), top);
    };
    QTest::newRow("name") << derive(R"(, "name": 5)", "") << "/name";
    QTest::newRow("column") << derive("", R"(, "column": [])") << "/protected/0/column";
    QTest::newRow("lexicon") << derive("", R"(, "lexicon": 1)") << "/protected/0/lexicon";
    QTest::newRow("label") << derive("", R"(, "labels": {"a": 1})") << "/protected/0/labels/a";
    QTest::newRow("text") << derive(R"(, "text": ["x", 2])", "") << "/text/1";
    QTest::newRow("names") << derive(R"(, "names": [{"column": 1, "attribute": "g"}])", "")
                           << "/names/0";
    QTest::newRow("name_provider") << derive(R"(, "name_provider": {})", "") << "/name_provider";
}

void tst_BadInput::deriveSpecTypesAreChecked()
{
    QFETCH(QString, spec);
    QFETCH(QString, field);
    const auto r = cp::parseDeriveSpec(spec.toStdString(), "d.json");
    QVERIFY2(!r, qPrintable(spec));
    QCOMPARE(QString::fromStdString(r.error().field), field);
    QCOMPARE(r.error().file, std::string("d.json"));
    // The lexicon's fields too.
    const auto lex = cp::Lexicon::parse(
        R"({"name": 3, "groups": ["a", "b"], "pairs": [["he", "she"]]})", "l.json");
    QVERIFY(!lex);
    QCOMPARE(lex.error().field, std::string("/name"));
    const auto rule = cp::Lexicon::parse(
        R"({"groups": ["a", "b"], "pairs": [["he", "she"]], )"
        R"("ambiguous": {"her": {"group": 1, "before_word": "x", "otherwise": "y"}}})",
        "l.json");
    QVERIFY(!rule);
    QCOMPARE(rule.error().field, std::string("/ambiguous/her"));
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
