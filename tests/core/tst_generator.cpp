// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The counterfactual generator: deterministic bytes, integrity and rank preservation checked
// on its own CSV output (parsed here independently), template agreement, strata, power.

#include <core/common/sha256.h>
#include <core/generate/familywriter.h>
#include <core/generate/generator.h>

#include <QtTest>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

using namespace cp;

namespace {

const std::string SampleDir = COUNTERPART_SOURCE_DIR "/sample_projects";

using Row = std::vector<std::string>;

/// A plain RFC 4180 reader, independent of the generator's writer.
std::vector<Row> parseCsv(const std::string &text)
{
    std::vector<Row> rows;
    Row row;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            row.push_back(cell);
            cell.clear();
            rows.push_back(row);
            row.clear();
        } else {
            cell += c;
        }
    }
    return rows;
}

GeneratorSpec loadSpec(const std::string &path)
{
    auto spec = loadGeneratorSpec(path);
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    return *spec;
}

const ProviderCatalog &catalog()
{
    static const ProviderCatalog c = [] {
        auto r = ProviderCatalog::loadDefault();
        if (!r)
            qFatal("%s", r.error().toString().c_str());
        return *r;
    }();
    return c;
}

double spearman(const std::vector<double> &x, const std::vector<double> &y)
{
    auto ranks = [](const std::vector<double> &v) {
        std::vector<std::size_t> order(v.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
        std::vector<double> r(v.size());
        for (std::size_t i = 0; i < order.size();) {
            std::size_t j = i;
            while (j < order.size() && v[order[j]] == v[order[i]])
                ++j;
            for (std::size_t k = i; k < j; ++k)
                r[order[k]] = (double(i) + double(j - 1)) / 2 + 1;
            i = j;
        }
        return r;
    };
    const auto rx = ranks(x), ry = ranks(y);
    const double n = double(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        mx += rx[i] / n;
        my += ry[i] / n;
    }
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

const char *PronounSpec = R"({
  "seed": 5, "families": 30,
  "protected": [{"name": "gender", "groups": ["female", "male", "nonbinary"]}],
  "linked": [{"name": "pronoun", "by": ["gender"],
              "pronouns": {"female": "she", "male": "he", "nonbinary": "they"}}],
  "fields": [
    {"name": "years", "kind": "int", "min": 1, "max": 20},
    {"name": "s", "kind": "template",
     "text": "{They} {is|are} here; {they} {has|have} {years} years. Ask {them} about {their} work, it is {theirs}; {They} did it {themself}."}
  ]})";

} // namespace

class tst_Generator : public QObject
{
    Q_OBJECT

private slots:
    void deterministicAcrossThreadsAndRuns_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("format");
        QTest::newRow("hiring csv") << "hiring-screen" << int(OutputFormat::Csv);
        QTest::newRow("hiring jsonl") << "hiring-screen" << int(OutputFormat::JsonLines);
        QTest::newRow("loan csv") << "loan-approval" << int(OutputFormat::Csv);
    }

    void deterministicAcrossThreadsAndRuns()
    {
        QFETCH(QString, spec);
        QFETCH(int, format);
        GeneratorSpec s = loadSpec(SampleDir + "/" + spec.toStdString() + "/generator.json");
        s.families = 3001;   // several blocks, the last one partial
        std::set<std::string> hashes;
        for (int threads : {1, 2, 2, 3}) {
            GenerateOptions o;
            o.threads = threads;
            o.format = OutputFormat(format);
            o.blockFamilies = 256;
            auto set = generate(s, catalog(), o);
            QVERIFY2(set.ok(), set.ok() ? "" : set.error().toString().c_str());
            hashes.insert(Sha256::hex(set->bytes));
        }
        // A different block size changes the work split, never the bytes.
        GenerateOptions o;
        o.threads = 2;
        o.format = OutputFormat(format);
        o.blockFamilies = 1000;
        hashes.insert(Sha256::hex(generate(s, catalog(), o)->bytes));
        QCOMPARE(hashes.size(), std::size_t(1));
    }

    void familyRegeneratesAlone()
    {
        GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        s.families = 500;
        GenerateOptions o;
        o.threads = 2;
        auto set = generate(s, catalog(), o);
        QVERIFY(set.ok());
        auto one = generateFamily(s, catalog(), OutputFormat::Csv, 321);
        QVERIFY(one.ok());
        QVERIFY(set->bytes.find(*one) != std::string::npos);
        QVERIFY(one->rfind("322,", 0) == 0);
    }

    void integrityOnHiringSample()
    {
        const GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        auto set = generate(s, catalog(), GenerateOptions{2, OutputFormat::Csv, 4096});
        QVERIFY(set.ok());
        QCOMPARE(set->integrity.twinsIdenticalLinked, std::int64_t(0));
        QCOMPARE(set->integrity.unisexRemoved, std::int64_t(1));   // "Minh"
        QVERIFY(set->balance.groupsEqual);

        const auto rows = parseCsv(set->bytes);
        const Row &header = rows.front();
        QCOMPARE(int(rows.size()), 1 + 2000 * 8);
        auto col = [&](const char *name) {
            return int(std::find(header.begin(), header.end(), name) - header.begin());
        };
        std::set<int> mayDiffer = {col("variant"), col("gender"), col("ethnicity"),
                                   col("first_name"), col("pronoun"), col("summary")};
        QVERIFY(col("summary") < int(header.size()));
        int differing = 0, sharedName = 0;
        std::map<std::string, std::set<std::string>> namesByGroup;
        for (std::size_t f = 0; f < 2000; ++f) {
            const Row &first = rows[1 + f * 8];
            std::set<std::string> names;
            for (std::size_t v = 0; v < 8; ++v) {
                const Row &r = rows[1 + f * 8 + v];
                QCOMPARE(r.size(), header.size());
                QCOMPARE(r[0], first[0]);
                for (std::size_t c = 0; c < header.size(); ++c)
                    if (!mayDiffer.count(int(c)) && r[c] != first[c])
                        ++differing;
                names.insert(r[std::size_t(col("first_name"))]);
                namesByGroup[r[std::size_t(col("variant"))]].insert(
                    r[std::size_t(col("first_name"))]);
            }
            sharedName += 8 - int(names.size());
        }
        QCOMPARE(differing, 0);
        QCOMPARE(sharedName, 0);
        // No name is ever used by two groups, across the whole set.
        std::map<std::string, int> groupsPerName;
        for (const auto &[group, names] : namesByGroup)
            for (const auto &n : names)
                ++groupsPerName[n];
        for (const auto &[name, groups] : groupsPerName)
            QVERIFY2(groups == 1, name.c_str());
    }

    void rankPreservation()
    {
        GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        s.families = 20000;
        auto set = generate(s, catalog(), GenerateOptions{2, OutputFormat::Csv, 4096});
        QVERIFY(set.ok());
        // Rank of each name in its own group's list (most frequent = 0), from the provider file.
        const ProviderList *list = catalog().find("first_names");
        QVERIFY(list);
        std::map<std::pair<std::string, std::string>, double> rank;   // (group label, name)
        std::map<std::string, std::vector<std::pair<double, std::string>>> byGroup;
        for (const auto &e : list->entries)
            byGroup[e.keys[0] + "/" + e.keys[1]].push_back({-e.weight, e.value});
        for (auto &[g, entries] : byGroup) {
            std::stable_sort(entries.begin(), entries.end(),
                             [](auto &a, auto &b) { return a.first < b.first; });
            for (std::size_t i = 0; i < entries.size(); ++i)
                rank[{g, entries[i].second}] = double(i);
        }
        const auto rows = parseCsv(set->bytes);
        const Row &header = rows.front();
        const auto name = std::size_t(std::find(header.begin(), header.end(), "first_name")
                                      - header.begin());
        // Reference variant male/white is row 4 of each family; compare with every other.
        double lowest = 1;
        for (std::size_t v = 0; v < 8; ++v) {
            if (v == 4)
                continue;
            std::vector<double> x, y;
            for (std::size_t f = 0; f < 20000; ++f) {
                const Row &ref = rows[1 + f * 8 + 4];
                const Row &twin = rows[1 + f * 8 + v];
                x.push_back(rank.at({ref[1], ref[name]}));
                y.push_back(rank.at({twin[1], twin[name]}));
            }
            lowest = std::min(lowest, spearman(x, y));
        }
        QVERIFY2(lowest >= 0.99, std::to_string(lowest).c_str());
        QVERIFY(set->integrity.spearman.has_value());
        QVERIFY(*set->integrity.spearman >= 0.99);
        QVERIFY(std::fabs(*set->integrity.spearman - lowest) < 0.01);
    }

    void templateAgreement_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("start");
        QTest::newRow("she") << "female" << "She is here; she has ";
        QTest::newRow("he") << "male" << "He is here; he has ";
        QTest::newRow("they") << "nonbinary" << "They are here; they have ";
    }

    void templateAgreement()
    {
        QFETCH(QString, group);
        QFETCH(QString, start);
        auto spec = parseGeneratorSpec(PronounSpec, "pronouns.json");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        auto set = generate(*spec, catalog(), GenerateOptions{1, OutputFormat::Csv, 4096});
        QVERIFY(set.ok());
        const auto rows = parseCsv(set->bytes);
        QCOMPARE(rows.front(), (Row{"family", "variant", "gender", "pronoun", "s", "years"}));
        const std::map<std::string, std::vector<std::string>> words = {
            {"female", {"her", "her", "hers", "She", "herself"}},
            {"male", {"him", "his", "his", "He", "himself"}},
            {"nonbinary", {"them", "their", "theirs", "They", "themself"}}};
        for (std::size_t f = 0; f < 30; ++f) {
            for (std::size_t v = 0; v < 3; ++v) {
                const Row &r = rows[1 + f * 3 + v];
                if (r[2] != group.toStdString())
                    continue;
                const auto &w = words.at(r[2]);
                const std::string expected = start.toStdString() + r[5] + " years. Ask " + w[0]
                                             + " about " + w[1] + " work, it is " + w[2] + "; "
                                             + w[3] + " did it " + w[4] + ".";
                QCOMPARE(r[4], expected);
            }
        }
    }

    void strataExactlyBalanced_data()
    {
        QTest::addColumn<int>("families");
        QTest::addColumn<bool>("divisible");
        QTest::newRow("divisible") << 1200 << true;
        QTest::newRow("remainder") << 1201 << false;
    }

    void strataExactlyBalanced()
    {
        QFETCH(int, families);
        QFETCH(bool, divisible);
        const std::string text = R"({"seed": 3, "families": )" + std::to_string(families) + R"(,
          "design": {"strata": ["channel", "tier"]},
          "protected": [{"name": "g", "groups": ["a", "b"]}],
          "fields": [
            {"name": "channel", "kind": "choice", "values": ["web", "phone", "branch"],
             "weights": [10, 1, 1]},
            {"name": "tier", "kind": "choice", "values": ["1", "2"]},
            {"name": "x", "kind": "real", "min": 0, "max": 1}]})";
        auto spec = parseGeneratorSpec(text, "strata.json");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        auto set = generate(*spec, catalog(), GenerateOptions{2, OutputFormat::Csv, 100});
        QVERIFY(set.ok());
        // Count from the bytes: families per (channel, tier).
        const auto rows = parseCsv(set->bytes);
        std::map<std::string, int> perCell;
        for (std::size_t i = 1; i < rows.size(); i += 2)
            ++perCell[rows[i][3] + "/" + rows[i][4]];
        QCOMPARE(perCell.size(), std::size_t(6));
        int lo = families, hi = 0;
        for (const auto &[cell, n] : perCell) {
            lo = std::min(lo, n);
            hi = std::max(hi, n);
        }
        QCOMPARE(hi - lo, divisible ? 0 : 1);
        QVERIFY(set->balance.strataEqual);
        const bool warned = std::any_of(set->warnings.begin(), set->warnings.end(),
                                        [](const auto &w) { return w.find("strata") != w.npos; });
        QCOMPARE(warned, !divisible);
        for (const auto &c : set->balance.strata)
            if (c.stratum == "channel" && divisible)
                QCOMPARE(c.rows, std::int64_t(families / 3));
    }

    void versusReferenceDesign()
    {
        GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        s.variants = VariantDesign::VersusReference;
        s.families = 10;
        auto set = generate(s, catalog(), GenerateOptions{1, OutputFormat::Csv, 4096});
        QVERIFY(set.ok());
        const auto rows = parseCsv(set->bytes);
        std::vector<std::string> labels;
        for (std::size_t v = 1; v <= 5; ++v)
            labels.push_back(rows[v][1]);
        QCOMPARE(labels, (std::vector<std::string>{"female/white", "male/white", "male/black",
                                                   "male/hispanic", "male/asian"}));
        QCOMPARE(int(rows.size()), 1 + 10 * 5);
        QVERIFY(set->balance.groupsEqual);
    }

    void fieldKinds()
    {
        const GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        auto set = generate(s, catalog(), GenerateOptions{1, OutputFormat::Csv, 4096});
        const auto rows = parseCsv(set->bytes);
        const Row &h = rows.front();
        auto at = [&](const char *n) {
            return std::size_t(std::find(h.begin(), h.end(), n) - h.begin());
        };
        for (std::size_t i = 1; i < rows.size(); i += 8) {
            const Row &r = rows[i];
            const int age = std::stoi(r[at("age")]);
            const int years = std::stoi(r[at("years")]);
            QVERIFY(age >= 22 && age <= 64);
            QVERIFY(years >= 0 && years <= age - 18);
            QVERIFY(r[at("start_date")] >= "2015-01-01" && r[at("start_date")] <= "2025-12-31");
            QCOMPARE(r[at("start_date")].size(), std::size_t(10));
            const double rating = std::stod(r[at("rating")]);
            QVERIFY(rating >= 0 && rating <= 5);
            QCOMPARE(r[at("rating")].size(), std::size_t(3));
            if (r[at("role")] == "engineer") {
                const double salary = std::stod(r[at("salary")]);
                QVERIFY(salary >= 40000 && salary <= 200000);
            }
            QCOMPARE(r[at("applicant_id")], "A-" + std::string(4 - r[0].size(), '0') + r[0]);
        }
    }

    /// The writer's fast fixed-point formatting must give to_chars' correctly rounded digits,
    /// halves and near-halves included (0.15 is stored below a half, 0.125 exactly on one).
    void fixedFormattingMatchesToChars()
    {
        auto reference = [](double v, int decimals) {
            char buf[400];
            const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed,
                                         decimals);
            std::string s(buf, r.ptr);
            if (s[0] == '-' && s.find_first_not_of("0.", 1) == std::string::npos)
                s.erase(0, 1);
            return s;
        };
        std::vector<double> values = {0.0,    -0.0,  0.15,  0.25,   0.125, -0.125, 2.5,
                                      -2.5,   0.05,  1.005, 1e-9,   -1e-9, 99999.95,
                                      0.4999999999, 1e11 + 0.5, 123456789.123456789,
                                      1099511627775.5, 1099511627776.5, -0.04, 1e300};
        std::uint64_t x = 12345;
        for (int i = 0; i < 200000; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            const double unit = double(x >> 11) * 0x1.0p-53;
            // Mostly ordinary magnitudes, and every tenth a value on a decimal half.
            values.push_back((unit - 0.5) * std::pow(10.0, double(i % 12)));
            if (i % 10 == 0)
                values.push_back(double(std::int64_t(unit * 1e6)) / 1e3 + 0.0005);
        }
        for (double v : values)
            for (int decimals : {0, 1, 2, 3, 6, 9, 12}) {
                std::string got;
                appendFixed(got, v, decimals);
                if (got != reference(v, decimals))
                    QFAIL(qPrintable(QStringLiteral("%1 with %2 decimals: %3, expected %4")
                                         .arg(v, 0, 'g', 17)
                                         .arg(decimals)
                                         .arg(QString::fromStdString(got),
                                              QString::fromStdString(reference(v, decimals)))));
            }
        std::string nan;
        appendFixed(nan, std::nan(""), 1);
        QCOMPARE(nan, std::string("0.0"));
    }

    void powerFormulaMatchesHandValue_data()
    {
        QTest::addColumn<double>("gap");
        QTest::addColumn<double>("discordance");
        QTest::addColumn<qint64>("families");
        // Hand-worked: z.975 = 1.959964, z.80 = 0.841621.
        // Δ = .10, ψ = .20: (1.959964·√.20 + 0.841621·√.19)² / .01
        //   = (0.876522 + 0.366854)² / .01 = 1.545984 / .01 = 154.6 → 155.
        QTest::newRow("gap .10 psi .20") << 0.10 << 0.20 << qint64(155);
        // Δ = .05, ψ = .10: (1.959964·√.10 + 0.841621·√.0975)² / .0025
        //   = (0.619795 + 0.262797)² / .0025 = 0.778968 / .0025 = 311.6 → 312.
        QTest::newRow("gap .05 psi .10") << 0.05 << 0.10 << qint64(312);
    }

    void powerFormulaMatchesHandValue()
    {
        QFETCH(double, gap);
        QFETCH(double, discordance);
        QFETCH(qint64, families);
        QCOMPARE(qint64(planPower(gap, discordance).families), families);
        QVERIFY(std::fabs(normalQuantile(0.975) - 1.959963985) < 1e-8);
        QVERIFY(std::fabs(normalQuantile(0.8) - 0.841621234) < 1e-8);
    }

    void powerWarning()
    {
        GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        s.families = 100;
        auto set = generate(s, catalog());
        QVERIFY(set.ok());
        QVERIFY(set->power && set->power->families == 155);
        QVERIFY(std::any_of(set->warnings.begin(), set->warnings.end(), [](const auto &w) {
            return w.find("155") != std::string::npos;
        }));
        // Base rate only: ψ = .55·.55 + .45·.45 = .505 for Δ = .1.
        QVERIFY(std::fabs(discordanceFromBaseRate(0.5, 0.1) - 0.505) < 1e-12);
    }

    void cancel()
    {
        GeneratorSpec s = loadSpec(SampleDir + "/hiring-screen/generator.json");
        s.families = 200000;
        for (int threads : {1, 2}) {
            int polls = 0;
            Progress p;
            p.isCancelled = [&] { return ++polls > 3; };
            auto set = generate(s, catalog(), GenerateOptions{threads, OutputFormat::Csv, 1024},
                                p);
            QVERIFY(!set.ok());
            QCOMPARE(set.error().code, ErrorCode::Cancelled);
        }
    }
};

QTEST_GUILESS_MAIN(tst_Generator)
#include "tst_generator.moc"
