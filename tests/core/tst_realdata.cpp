// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Real data: COMPAS and UCI Adult as shipped by Aequitas (../shared/data, README there), audited
// with the specs in tests/realdata/. Every expected number is either a count the data README
// states or recounted here from the CSV by a deliberately naive parser (QFile, split on ',') and
// put through the textbook formulas of REFERENCE.md — an oracle independent of the engine's
// reader, cube and stats code, never a snapshot of what the engine printed.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include "../support/testsupport.h"

#include "../support/oracles.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <functional>
#include <optional>

using namespace cp;
using nlohmann::json;

using namespace cp::test;

namespace {

const QString DataDir = QStringLiteral(COUNTERPART_SHARED_DATA_DIR);
const QString SpecDir = QStringLiteral(COUNTERPART_SOURCE_DIR "/tests/realdata");
const QString CompasCsv = DataDir + QStringLiteral("/compas_for_aequitas.csv");
const QString AdultCsv = DataDir + QStringLiteral("/adult_rf_binary.csv");
const QString CompasSpec = SpecDir + QStringLiteral("/compas.spec.json");
const QString AdultSpec = SpecDir + QStringLiteral("/adult.spec.json");
/// The CSV as plain rows of strings (these files have no quotes and LF endings; checked).
struct Csv {
    QStringList header;
    QList<QStringList> rows;
    int col(const QString &name) const { return int(header.indexOf(name)); }
};

Csv readCsvNaively(const QString &path)
{
    Csv csv;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return csv;
    const QByteArray all = f.readAll();
    const QList<QByteArray> lines = all.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QStringList fields = QString::fromUtf8(lines[i]).split(QLatin1Char(','));
        if (i == 0)
            csv.header = fields;
        else
            csv.rows.push_back(fields);
    }
    return csv;
}

/// Confusion counts for the rows a predicate selects.
struct Counts {
    qint64 n = 0, pos = 0, neg = 0, fav = 0, tp = 0, fp = 0;
};

Counts countRows(const Csv &csv, const std::function<bool(const QStringList &)> &keep,
                 const QString &favourable = QStringLiteral("1.0"))
{
    Counts c;
    const int score = csv.col(QStringLiteral("score"));
    const int label = csv.col(QStringLiteral("label_value"));
    for (const QStringList &r : csv.rows) {
        if (!keep(r))
            continue;
        ++c.n;
        const bool f = r[score] == favourable;
        const bool positive = r[label] == QLatin1String("1");
        c.fav += f;
        c.pos += positive;
        c.neg += !positive;
        c.tp += f && positive;
        c.fp += f && !positive;
    }
    return c;
}

Counts countGroup(const Csv &csv, const QString &column, const QString &group)
{
    const int c = csv.col(column);
    return countRows(csv, [&](const QStringList &r) { return r[c] == group; });
}

json readJsonFile(const QString &path)
{
    std::ifstream f(path.toStdString());
    return json::parse(f, nullptr, false);
}


} // namespace

class tst_RealData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void compasGroupCounts_data();
    void compasGroupCounts();
    void compasTotals();
    void compasPredictionForms_data();
    void compasPredictionForms();
    void compasRates_data();
    void compasRates();
    void compasSmallCells();
    void compasUndefinedPrecision();
    void compasContract();

    void adultGroupCounts_data();
    void adultGroupCounts();
    void adultReferenceGaps_data();
    void adultReferenceGaps();
    void adultContract();

    void cli_data();
    void cli();

private:
    Result<AuditResult> audit(const QString &csv, const json &spec);

    Csv m_compas;
    Csv m_adult;
    json m_compasSpec;
    json m_adultSpec;
    std::optional<AuditResult> m_compasResult;
    std::optional<AuditResult> m_adultResult;
};

Result<AuditResult> tst_RealData::audit(const QString &csv, const json &specJson)
{
    auto spec = parseAuditSpec(specJson, "spec");
    if (!spec)
        return spec.error();
    return auditTableFile(csv.toStdString(), *spec);
}

void tst_RealData::initTestCase()
{
    m_compas = readCsvNaively(CompasCsv);
    m_adult = readCsvNaively(AdultCsv);
    // Row counts from the data README; they also prove the naive reader saw every line.
    QCOMPARE(m_compas.rows.size(), 7214);
    QCOMPARE(m_adult.rows.size(), 9769);
    for (const Csv *csv : {&m_compas, &m_adult})
        for (const QStringList &r : csv->rows)
            QCOMPARE(r.size(), csv->header.size());

    m_compasSpec = readJsonFile(CompasSpec);
    m_adultSpec = readJsonFile(AdultSpec);
    QVERIFY(m_compasSpec.is_object());
    QVERIFY(m_adultSpec.is_object());
    // The shipped files must load through the public loader too (the CLI's path).
    auto c = loadAuditSpec(CompasSpec.toStdString());
    CP_VERIFY_OK(c);
    auto a = loadAuditSpec(AdultSpec.toStdString());
    CP_VERIFY_OK(a);

    auto compas = auditTableFile(CompasCsv.toStdString(), *c);
    CP_VERIFY_OK(compas);
    m_compasResult = std::move(compas).value();
    auto adult = auditTableFile(AdultCsv.toStdString(), *a);
    CP_VERIFY_OK(adult);
    m_adultResult = std::move(adult).value();
}

// ---------------------------------------------------------------------------------------------
// COMPAS

void tst_RealData::compasGroupCounts_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("group");
    QTest::addColumn<qint64>("n");
    // Straight from ../shared/data/README.md.
    QTest::newRow("race African-American") << "race" << "African-American" << qint64(3696);
    QTest::newRow("race Caucasian") << "race" << "Caucasian" << qint64(2454);
    QTest::newRow("race Hispanic") << "race" << "Hispanic" << qint64(637);
    QTest::newRow("race Other") << "race" << "Other" << qint64(377);
    QTest::newRow("race Asian") << "race" << "Asian" << qint64(32);
    QTest::newRow("race Native American") << "race" << "Native American" << qint64(18);
    QTest::newRow("sex Male") << "sex" << "Male" << qint64(5819);
    QTest::newRow("sex Female") << "sex" << "Female" << qint64(1395);
    QTest::newRow("age_cat 25 - 45") << "age_cat" << "25 - 45" << qint64(4109);
    QTest::newRow("age_cat Greater than 45") << "age_cat" << "Greater than 45" << qint64(1576);
    QTest::newRow("age_cat Less than 25") << "age_cat" << "Less than 25" << qint64(1529);
}

void tst_RealData::compasGroupCounts()
{
    QFETCH(QString, attribute);
    QFETCH(QString, group);
    QFETCH(qint64, n);
    QVERIFY(m_compasResult);
    // The naive recount agrees with the README …
    const Counts oracle = countGroup(m_compas, attribute, group);
    QCOMPARE(oracle.n, n);
    // … and so does the engine, down to the confusion counts.
    const SliceRates *s = m_compasResult->findSlice(attribute.toStdString(), group.toStdString());
    QVERIFY(s);
    QCOMPARE(qint64(s->n), n);
    QCOMPARE(qint64(s->positives), oracle.pos);
    QCOMPARE(qint64(s->negatives), oracle.neg);
    QCOMPARE(qint64(s->favourable), oracle.fav);
    QCOMPARE(qint64(s->rate(Metric::Tpr).k), oracle.tp);
    QCOMPARE(qint64(s->rate(Metric::Fpr).k), oracle.fp);
}

void tst_RealData::compasTotals()
{
    QVERIFY(m_compasResult);
    const AuditResult &r = *m_compasResult;
    QCOMPARE(qint64(r.rows), qint64(7214));
    QCOMPARE(r.families.has_value(), false); // observational: no family column
    QVERIFY(r.flips.empty());
    QVERIFY(r.pairTests.empty());
    // README: 3,317 predicted positives, 3,251 label positives — whichever attribute partitions.
    for (const AttributeSlices &a : r.slices) {
        qint64 n = 0, fav = 0, pos = 0, neg = 0;
        for (const SliceRates &s : a.groups) {
            n += s.n;
            fav += s.favourable;
            pos += s.positives;
            neg += s.negatives;
        }
        QCOMPARE(n, qint64(7214));
        QCOMPARE(fav, qint64(3317));
        QCOMPARE(pos, qint64(3251));
        QCOMPARE(neg, qint64(7214 - 3251));
    }
    QCOMPARE(qint64(r.overallTpr.n), qint64(3251));
    QCOMPARE(qint64(r.overallTnr.n), qint64(7214 - 3251));
    const Counts all = countRows(m_compas, [](const QStringList &) { return true; });
    QCOMPARE(qint64(r.overallTpr.k), all.tp);
    QCOMPARE(qint64(r.overallTnr.k), all.neg - all.fp);
    QVERIFY(r.balancedAccuracy);
    QVERIFY(fuzzy(*r.balancedAccuracy,
                  (double(all.tp) / all.pos + double(all.neg - all.fp) / all.neg) / 2));
    QVERIFY(r.warnings.empty());
}

void tst_RealData::compasPredictionForms_data()
{
    QTest::addColumn<QString>("form");
    QTest::newRow("score >= 0.5") << "threshold";
    QTest::newRow("score >= 1.0") << "threshold-at-one";
}

void tst_RealData::compasPredictionForms()
{
    // The shipped spec reads the prediction as a label column ("1.0" favourable). Reading the
    // same column as a number with a threshold must give the same audit.
    QFETCH(QString, form);
    QVERIFY(m_compasResult);
    json spec = m_compasSpec;
    spec["prediction"] = {{"stage", "compas"},
                          {"score", "score"},
                          {"threshold", form == "threshold" ? 0.5 : 1.0}};
    auto r = audit(CompasCsv, spec);
    CP_VERIFY_OK(r);
    json expected = auditToJson(*m_compasResult);
    json actual = auditToJson(*r);
    // A numeric score adds a mean score per slice; with 0/1 scores it equals the selection rate.
    for (const auto &[attribute, groups] : actual["slices"].items())
        for (const auto &[group, s] : groups.items()) {
            QVERIFY2(s["mean_score"].is_number(), (attribute + "/" + group).c_str());
            QVERIFY(fuzzy(s["mean_score"].get<double>(),
                          s["selection_rate"]["value"].get<double>()));
        }
    for (const char *key : {"decision", "rows", "gaps", "reference_gaps", "balanced_accuracy",
                            "theil_index", "intersections", "checks", "missing"})
        QVERIFY2(expected[key] == actual[key], key);
    for (auto &[attribute, groups] : actual["slices"].items())
        for (auto &[group, s] : groups.items())
            s.erase("mean_score");
    for (auto &[attribute, groups] : expected["slices"].items())
        for (auto &[group, s] : groups.items())
            s.erase("mean_score");
    QVERIFY(expected["slices"] == actual["slices"]);
}

void tst_RealData::compasRates_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("group");
    QTest::newRow("race African-American") << "race" << "African-American";
    QTest::newRow("race Caucasian") << "race" << "Caucasian";
    QTest::newRow("race Hispanic") << "race" << "Hispanic";
    QTest::newRow("race Asian") << "race" << "Asian";
    QTest::newRow("race Native American") << "race" << "Native American";
    QTest::newRow("sex Female") << "sex" << "Female";
    QTest::newRow("age_cat Less than 25") << "age_cat" << "Less than 25";
}

void tst_RealData::compasRates()
{
    QFETCH(QString, attribute);
    QFETCH(QString, group);
    QVERIFY(m_compasResult);
    const Counts c = countGroup(m_compas, attribute, group);
    const SliceRates *s = m_compasResult->findSlice(attribute.toStdString(), group.toStdString());
    QVERIFY(s);
    struct Expect {
        Metric metric;
        qint64 k, n;
    };
    const Expect expects[] = {
        {Metric::SelectionRate, c.fav, c.n},
        {Metric::Tpr, c.tp, c.pos},
        {Metric::Fpr, c.fp, c.neg},
        {Metric::Fnr, c.pos - c.tp, c.pos},
        {Metric::Precision, c.tp, c.fav},
        {Metric::Accuracy, c.tp + (c.neg - c.fp), c.n},
    };
    for (const Expect &e : expects) {
        const Proportion &p = s->rate(e.metric);
        const QByteArray what = QByteArray::fromStdString(metricKey(e.metric));
        QVERIFY2(p.k == e.k && p.n == e.n, what.constData());
        QVERIFY2(p.value() && fuzzy(*p.value(), double(e.k) / double(e.n)), what.constData());
        const auto ci = p.ci();
        const auto [low, high] = wilsonOracle(double(e.k), double(e.n));
        QVERIFY2(ci, what.constData());
        QVERIFY2(fuzzy(ci->low, low, 1e-12) && fuzzy(ci->high, high, 1e-12),
                 qPrintable(QStringLiteral("%1: [%2, %3] vs oracle [%4, %5]")
                                .arg(what.constData())
                                .arg(ci->low, 0, 'g', 17)
                                .arg(ci->high, 0, 'g', 17)
                                .arg(low, 0, 'g', 17)
                                .arg(high, 0, 'g', 17)));
    }
}

void tst_RealData::compasSmallCells()
{
    QVERIFY(m_compasResult);
    const AuditResult &r = *m_compasResult;
    QCOMPARE(r.intersections.size(), std::size_t(1));
    const Intersection &x = r.intersections.front();
    QCOMPARE(x.dimensions, (std::vector<std::string>{"race", "sex"}));
    QCOMPARE(x.population, Population::All);
    // README (Contract): without min_cell_support, cells over all rows need
    // min_positives + min_negatives = 30 + 30 rows, else they are report-only.
    QCOMPARE(qint64(x.minSupport), qint64(60));
    QCOMPARE(x.cells.size(), std::size_t(6 * 2));

    const int raceCol = m_compas.col("race");
    const int sexCol = m_compas.col("sex");
    qint64 total = 0;
    for (const IntersectionCell &cell : x.cells) {
        const QString race = QString::fromStdString(cell.key[0]);
        const QString sex = QString::fromStdString(cell.key[1]);
        const Counts c = countRows(m_compas, [&](const QStringList &row) {
            return row[raceCol] == race && row[sexCol] == sex;
        });
        const QByteArray name = (race + " × " + sex).toUtf8();
        QVERIFY2(cell.n == c.n && cell.positives == c.pos && cell.negatives == c.neg,
                 name.constData());
        QVERIFY2(cell.rate(Metric::SelectionRate).k == c.fav && cell.rate(Metric::Tpr).k == c.tp
                     && cell.rate(Metric::Fpr).k == c.fp,
                 name.constData());
        QVERIFY2((cell.status == CellStatus::Eligible) == (c.n >= 60), name.constData());
        total += cell.n;
    }
    QCOMPARE(total, qint64(7214));

    auto cellOf = [&](const char *race, const char *sex) -> const IntersectionCell * {
        for (const IntersectionCell &cell : x.cells)
            if (cell.key[0] == race && cell.key[1] == sex)
                return &cell;
        return nullptr;
    };
    // README: Asian × Female has 2 rows and no predicted positives.
    const IntersectionCell *asianF = cellOf("Asian", "Female");
    QVERIFY(asianF);
    QCOMPARE(qint64(asianF->n), qint64(2));
    QCOMPARE(qint64(asianF->rate(Metric::SelectionRate).k), qint64(0));
    // 0/2 is defined: 0
    QCOMPARE(asianF->rate(Metric::SelectionRate).value(), std::optional<double>(0.0));
    QCOMPARE(asianF->status, CellStatus::ReportOnly);
    // README: Native American × Female has 4 rows, 1 label negative.
    const IntersectionCell *naF = cellOf("Native American", "Female");
    QVERIFY(naF);
    QCOMPARE(qint64(naF->n), qint64(4));
    QCOMPARE(qint64(naF->negatives), qint64(1));
    QCOMPARE(qint64(naF->rate(Metric::Fpr).n), qint64(1));
    QCOMPARE(naF->status, CellStatus::ReportOnly);
    // A large cell is eligible.
    const IntersectionCell *aaM = cellOf("African-American", "Male");
    QVERIFY(aaM);
    QCOMPARE(aaM->status, CellStatus::Eligible);

    // The JSON document says the same, with "report_only" spelled out.
    const json doc = auditToJson(r);
    bool seen = false;
    for (const json &cell : doc["intersections"][0]["cells"]) {
        if (cell["key"]["race"] == "Asian" && cell["key"]["sex"] == "Female") {
            seen = true;
            QCOMPARE(cell["status"].get<std::string>(), std::string("report_only"));
            QCOMPARE(cell["n"].get<int>(), 2);
            QCOMPARE(cell["selection_rate"]["value"].get<double>(), 0.0);
        }
    }
    QVERIFY(seen);
}

void tst_RealData::compasUndefinedPrecision()
{
    // README: Asian × Female has no predicted positives, so precision is 0/0 — undefined, which
    // must come out as null, never 0. Intersection cells carry no precision, so audit the women
    // alone (rows copied verbatim from the real file) and look at the Asian slice.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("compas_female.csv");
    {
        QFile in(CompasCsv);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const QList<QByteArray> lines = in.readAll().split('\n');
        out.write(lines[0] + '\n');
        for (qsizetype i = 1; i < lines.size(); ++i)
            if (lines[i].contains(",Female,"))
                out.write(lines[i] + '\n');
    }
    json spec = m_compasSpec;
    spec["protected"] = json::array({m_compasSpec["protected"][0]});
    spec.erase("intersections");
    auto r = audit(path, spec);
    CP_VERIFY_OK(r);
    QCOMPARE(qint64(r->rows), qint64(1395));
    const SliceRates *asian = r->findSlice("race", "Asian");
    QVERIFY(asian);
    QCOMPARE(qint64(asian->n), qint64(2));
    QCOMPARE(qint64(asian->favourable), qint64(0));
    QCOMPARE(qint64(asian->rate(Metric::Precision).n), qint64(0));
    QVERIFY(!asian->rate(Metric::Precision).value());
    QVERIFY(!asian->rate(Metric::Precision).ci());
    // Selection 0/2 is a defined zero, not undefined.
    QCOMPARE(asian->rate(Metric::SelectionRate).value(), std::optional<double>(0.0));

    const json doc = auditToJson(*r);
    const json &p = doc["slices"]["race"]["Asian"]["precision"];
    QVERIFY2(p["value"].is_null(), p.dump().c_str());
    QVERIFY2(p["ci"].is_null(), p.dump().c_str());
    // The precision gap skips the undefined group rather than treating it as 0.
    const Gap *gap = r->findGap("race", Metric::Precision);
    QVERIFY(gap);
    QCOMPARE(gap->groupsCompared, 5);
    QVERIFY(gap->minGroup != "Asian" && gap->maxGroup != "Asian");
    // Asian's reference gaps: SPD is defined (0 − Caucasian SR), DI is 0, not undefined.
    const ReferenceGap *ref = r->findReferenceGap("race", "Asian");
    QVERIFY(ref);
    QVERIFY(ref->di);
    QCOMPARE(*ref->di, 0.0);
}

void tst_RealData::compasContract()
{
    QVERIFY(m_compasResult);
    const AuditResult &r = *m_compasResult;
    QVERIFY(r.decision);
    QCOMPARE(*r.decision, Decision::Blocked);

    // FPR gap over race, recomputed: max − min over the six groups.
    double hi = -1, lo = 2;
    QString hiGroup, loGroup;
    const QStringList races = {"Caucasian", "African-American", "Hispanic", "Other", "Asian",
                               "Native American"};
    for (const QString &g : races) {
        const Counts c = countGroup(m_compas, "race", g);
        const double fpr = double(c.fp) / double(c.neg);
        if (fpr > hi) {
            hi = fpr;
            hiGroup = g;
        }
        if (fpr < lo) {
            lo = fpr;
            loGroup = g;
        }
    }
    QCOMPARE(hiGroup, QStringLiteral("African-American"));
    QCOMPARE(loGroup, QStringLiteral("Asian"));
    const Gap *gap = r.findGap("race", Metric::Fpr);
    QVERIFY(gap && gap->difference && gap->ratio);
    QVERIFY(fuzzy(*gap->difference, hi - lo));
    QVERIFY(fuzzy(*gap->ratio, lo / hi));
    QCOMPARE(QString::fromStdString(gap->maxGroup), hiGroup);
    QCOMPARE(QString::fromStdString(gap->minGroup), loGroup);
    QCOMPARE(gap->groupsCompared, 6);

    const Check *fpr = r.findCheck("fpr_gap", "race");
    QVERIFY(fpr);
    QCOMPARE(fpr->status, CheckStatus::Failed);
    QVERIFY(fpr->value && fuzzy(*fpr->value, hi - lo));
    QCOMPARE(fpr->limit, 0.1);
    // Sex: FPR 994/3066 vs 288/897, a gap of 0.3 points — within 0.10 and well supported.
    const Counts male = countGroup(m_compas, "sex", "Male");
    const Counts female = countGroup(m_compas, "sex", "Female");
    const double sexGap = std::abs(double(male.fp) / male.neg - double(female.fp) / female.neg);
    QVERIFY(sexGap < 0.1);
    const Check *fprSex = r.findCheck("fpr_gap", "sex");
    QVERIFY(fprSex);
    QVERIFY(fprSex->value && fuzzy(*fprSex->value, sexGap));
    QCOMPARE(fprSex->status, CheckStatus::Passed);
    // Support: Asian has 9 positives, Native American 8 negatives (< 30) → failed for race.
    const Check *minPos = r.findCheck("min_positives", "race");
    QVERIFY(minPos && minPos->value);
    QCOMPARE(*minPos->value, 9.0);
    QCOMPARE(minPos->status, CheckStatus::Failed);
    const Check *minNeg = r.findCheck("min_negatives", "race");
    QVERIFY(minNeg && minNeg->value);
    QCOMPARE(*minNeg->value, 8.0);
    QCOMPARE(minNeg->status, CheckStatus::Failed);
    const Check *minPosSex = r.findCheck("min_positives", "sex");
    QVERIFY(minPosSex);
    QCOMPARE(minPosSex->status, CheckStatus::Passed);
    QVERIFY(r.missing.empty());
    const json doc = auditToJson(r);
    QCOMPARE(doc["decision"].get<std::string>(), std::string("BLOCKED"));
}

// ---------------------------------------------------------------------------------------------
// Adult

void tst_RealData::adultGroupCounts_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("group");
    QTest::addColumn<qint64>("n");
    QTest::newRow("gender Male") << "gender" << "Male" << qint64(6570);
    QTest::newRow("gender Female") << "gender" << "Female" << qint64(3199);
    QTest::newRow("race White") << "race" << "White" << qint64(8326);
    QTest::newRow("race Black") << "race" << "Black" << qint64(967);
    QTest::newRow("race Asian-Pac-Islander") << "race" << "Asian-Pac-Islander" << qint64(303);
    QTest::newRow("race Amer-Indian-Eskimo") << "race" << "Amer-Indian-Eskimo" << qint64(100);
    QTest::newRow("race Other") << "race" << "Other" << qint64(73);
}

void tst_RealData::adultGroupCounts()
{
    QFETCH(QString, attribute);
    QFETCH(QString, group);
    QFETCH(qint64, n);
    QVERIFY(m_adultResult);
    const Counts oracle = countGroup(m_adult, attribute, group);
    QCOMPARE(oracle.n, n);
    const SliceRates *s = m_adultResult->findSlice(attribute.toStdString(), group.toStdString());
    QVERIFY(s);
    QCOMPARE(qint64(s->n), n);
    QCOMPARE(qint64(s->positives), oracle.pos);
    QCOMPARE(qint64(s->favourable), oracle.fav);
    QCOMPARE(qint64(s->rate(Metric::Tpr).k), oracle.tp);
    QCOMPARE(qint64(s->rate(Metric::Fpr).k), oracle.fp);

    // README totals: 2,352 label ones, 7,495 score ones.
    for (const AttributeSlices &a : m_adultResult->slices) {
        qint64 pos = 0, fav = 0, rows = 0;
        for (const SliceRates &g : a.groups) {
            pos += g.positives;
            fav += g.favourable;
            rows += g.n;
        }
        QCOMPARE(rows, qint64(9769));
        QCOMPARE(pos, qint64(2352));
        QCOMPARE(fav, qint64(7495));
    }
}

void tst_RealData::adultReferenceGaps_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("group");
    QTest::newRow("gender Female vs Male") << "gender" << "Male" << "Female";
    QTest::newRow("race Black vs White") << "race" << "White" << "Black";
    QTest::newRow("race Asian-Pac-Islander vs White") << "race" << "White" << "Asian-Pac-Islander";
    QTest::newRow("race Amer-Indian-Eskimo vs White") << "race" << "White" << "Amer-Indian-Eskimo";
    QTest::newRow("race Other vs White") << "race" << "White" << "Other";
}

void tst_RealData::adultReferenceGaps()
{
    QFETCH(QString, attribute);
    QFETCH(QString, reference);
    QFETCH(QString, group);
    QVERIFY(m_adultResult);
    const Counts u = countGroup(m_adult, attribute, group);
    const Counts p = countGroup(m_adult, attribute, reference);
    const double srU = double(u.fav) / u.n, srP = double(p.fav) / p.n;
    const double tprU = double(u.tp) / u.pos, tprP = double(p.tp) / p.pos;
    const double fprU = double(u.fp) / u.neg, fprP = double(p.fp) / p.neg;

    const ReferenceGap *g = m_adultResult->findReferenceGap(attribute.toStdString(),
                                             group.toStdString());
    QVERIFY(g);
    QVERIFY(g->spd && g->di && g->eod && g->aod && g->fnrDifference);
    QVERIFY2(fuzzy(*g->spd, srU - srP), qPrintable(QString::number(*g->spd, 'g', 17)));
    QVERIFY2(fuzzy(*g->di, srU / srP), qPrintable(QString::number(*g->di, 'g', 17)));
    QVERIFY(fuzzy(*g->eod, tprU - tprP));
    QVERIFY(fuzzy(*g->aod, 0.5 * ((fprU - fprP) + (tprU - tprP))));
    QVERIFY(fuzzy(*g->fnrDifference, (1 - tprU) - (1 - tprP)));
    // The reference group itself is not listed against itself.
    QVERIFY(!m_adultResult->findReferenceGap(attribute.toStdString(), reference.toStdString()));

    const json doc = auditToJson(*m_adultResult);
    const json &ref = doc["reference_gaps"][attribute.toStdString()];
    QCOMPARE(ref["reference"].get<std::string>(), reference.toStdString());
    QVERIFY(fuzzy(ref["groups"][group.toStdString()]["di"].get<double>(), srU / srP));
}

void tst_RealData::adultContract()
{
    // Four-fifths rule on selection rate: gender 0.777 and race 0.795 both fall short.
    QVERIFY(m_adultResult);
    const AuditResult &r = *m_adultResult;
    QVERIFY(r.decision);
    QCOMPARE(*r.decision, Decision::Blocked);
    for (const char *attribute : {"gender", "race"}) {
        double lo = 2, hi = -1;
        const int col = m_adult.col(attribute);
        QSet<QString> groups;
        for (const QStringList &row : m_adult.rows)
            groups.insert(row[col]);
        for (const QString &g : groups) {
            const Counts c = countGroup(m_adult, attribute, g);
            lo = std::min(lo, double(c.fav) / c.n);
            hi = std::max(hi, double(c.fav) / c.n);
        }
        const Check *c = r.findCheck("selection_rate_ratio", attribute);
        QVERIFY2(c, attribute);
        QVERIFY2(c->value && fuzzy(*c->value, lo / hi), attribute);
        QVERIFY(lo / hi < 0.8);
        QCOMPARE(c->status, CheckStatus::Failed);
        QCOMPARE(c->upperLimit, false);
    }
}

// ---------------------------------------------------------------------------------------------
// CLI: exit 1 when the contract blocks, 0 when the spec has no contract.

void tst_RealData::cli_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("withContract");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("compas contract") << CompasCsv << CompasSpec << true << 1;
    QTest::newRow("compas no contract") << CompasCsv << CompasSpec << false << 0;
    QTest::newRow("adult contract") << AdultCsv << AdultSpec << true << 1;
    QTest::newRow("adult no contract") << AdultCsv << AdultSpec << false << 0;
}

void tst_RealData::cli()
{
    QFETCH(QString, table);
    QFETCH(QString, spec);
    QFETCH(bool, withContract);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString specPath = spec;
    if (!withContract) {
        json j = readJsonFile(spec);
        j.erase("contract");
        specPath = dir.filePath("spec.json");
        QFile f(specPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(j.dump(2)));
    }
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI),
            {"audit", "--table", table, "--spec", specPath, "--json", "-"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == exitCode, p.readAllStandardError().constData());
    const json doc = json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
    QVERIFY(doc.is_object());
    if (withContract) {
        QCOMPARE(doc["decision"].get<std::string>(), std::string("BLOCKED"));
    } else {
        QVERIFY(doc["decision"].is_null());
        QVERIFY(doc["checks"].empty());
    }
    QCOMPARE(doc["rows"].get<qint64>(), qint64(table == CompasCsv ? 7214 : 9769));
    // The sha256 the README gives for each file.
    QCOMPARE(doc["versions"]["table_sha256"].get<std::string>(),
             std::string(table == CompasCsv
                             ? "91e245a5d267e082daf500443c4672a5cb00e089974d53527929fba0ab030580"
                             : "b6553de05c4515dbdc2a297fac988889cec19408ecf2a60b42e34e31d172024b"));
}

QTEST_GUILESS_MAIN(tst_RealData)
#include "tst_realdata.moc"
