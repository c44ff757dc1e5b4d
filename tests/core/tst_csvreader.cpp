// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The fast CSV reader against the scalar reference reader on generated files (issue 16): quoted
// fields with commas, line feeds and doubled quotes, empty fields, long lines, CRLF, a BOM,
// blank lines, no final line feed, and now and then something irregular (a quote inside an
// unquoted field, text after a closing quote, a ragged line, a bad number, an unterminated
// quote). Every instruction set this CPU runs, one to three threads, and chunk sizes from one
// byte up: each must give the same Table (levels, codes, first rows, numbers to the bit, source
// lines) or the same Error as the reference.

#include <core/common/sha256.h>
#include <core/table/csvbody.h>
#include <core/table/csvsimd.h>
#include <core/table/tablelimits.h>
#include <core/table/tablereader.h>

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CP_HAS_ASAN 1
#endif
#endif
#ifndef CP_HAS_ASAN
#define CP_HAS_ASAN 0
#endif

using namespace cp;

namespace {

std::string describe(const Result<Table> &t)
{
    return t.ok() ? "ok, " + std::to_string(t->rowCount) + " rows" : t.error().toString();
}

/// Empty when equal, else what differs.
std::string compare(const Result<Table> &a, const Result<Table> &b)
{
    if (a.ok() != b.ok())
        return "reference " + describe(a) + " / fast " + describe(b);
    if (!a.ok()) {
        const Error &x = a.error(), &y = b.error();
        if (x.code != y.code || x.line != y.line || x.field != y.field || x.message != y.message
            || x.file != y.file)
            return "errors differ: " + x.toString() + " / " + y.toString();
        return {};
    }
    const Table &x = *a, &y = *b;
    if (x.rowCount != y.rowCount)
        return "rows " + std::to_string(x.rowCount) + " / " + std::to_string(y.rowCount);
    for (std::int64_t r = 0; r < x.rowCount; ++r)
        if (x.lineOfRow(r) != y.lineOfRow(r))
            return "line of row " + std::to_string(r) + ": " + std::to_string(x.lineOfRow(r))
                   + " / " + std::to_string(y.lineOfRow(r));
    for (std::size_t c = 0; c < x.categorical.size(); ++c) {
        const CategoricalColumn &p = x.categorical[c], &q = y.categorical[c];
        if (p.levels() != q.levels())
            return "levels of categorical " + std::to_string(c);
        if (p.firstRows() != q.firstRows() || p.firstMissingRow() != q.firstMissingRow())
            return "first rows of categorical " + std::to_string(c);
        if (p.isWide() != q.isWide())
            return "code width of categorical " + std::to_string(c);
        for (std::size_t r = 0; r < p.size(); ++r)
            if (p.code(r) != q.code(r))
                return "code of row " + std::to_string(r) + " in categorical " + std::to_string(c);
    }
    for (std::size_t c = 0; c < x.numeric.size(); ++c) {
        const NumericColumn &p = x.numeric[c], &q = y.numeric[c];
        if (p.firstMissingRow != q.firstMissingRow || p.values.size() != q.values.size())
            return "numeric " + std::to_string(c);
        if (std::memcmp(p.values.data(), q.values.data(), p.values.size() * sizeof(double)) != 0)
            return "values of numeric " + std::to_string(c);
    }
    return {};
}

struct Generated {
    std::string csv;
    std::vector<ColumnRequest> columns;
};

Generated generate(std::mt19937_64 &rng, bool irregular)
{
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto pick = [&](int n) { return int(rng() % std::uint64_t(n)); };
    Generated g;
    const bool crlf = chance(0.3), bom = chance(0.2);
    const char *eol = crlf ? "\r\n" : "\n";
    const int width = 1 + pick(7);
    const int rows = pick(4) == 0 ? pick(5) : 1 + pick(400);
    std::vector<int> kind(static_cast<std::size_t>(width));  // 0 skip, 1 categorical, 2 numeric
    if (bom)
        g.csv += "\xEF\xBB\xBF";
    for (int c = 0; c < width; ++c) {
        kind[std::size_t(c)] = pick(3);
        const std::string name = "c" + std::to_string(c);
        if (c)
            g.csv += ',';
        if (chance(0.2))
            g.csv += "\"" + name + "\"";
        else
            g.csv += name;
        if (kind[std::size_t(c)] == 1)
            g.columns.push_back({name, ColumnKind::Categorical});
        else if (kind[std::size_t(c)] == 2)
            g.columns.push_back({name, ColumnKind::Numeric});
    }
    g.csv += eol;
    static const char *Levels[] = {"a", "b", "female", "male", "hispanic", "under_25",
                                   "a rather long level name past sixteen bytes", "x,y", "q\"q",
                                   "two\nlines", "0", "1", "level_with_15_b", "level_with_16_by"};
    static const char *Numbers[] = {"0.5", "1", "-2.25", "0.1344", "1e3", " 7 ", "+3", "0",
                                    "-0.0", "12345678901234567890", "3.", ".5", "1.000000000000001",
                                    "0.30000000000000004"};
    for (int r = 0; r < rows; ++r) {
        if (chance(0.03))
            g.csv += eol;  // a blank line
        for (int c = 0; c < width; ++c) {
            if (c)
                g.csv += ',';
            std::string v;
            const int k = kind[std::size_t(c)];
            if (chance(0.08)) {
                v = "";
            } else if (k == 2) {
                v = Numbers[pick(14)];
            } else if (k == 1 && chance(0.05)) {
                v = "v" + std::to_string(pick(600));  // many levels: wide codes, hash lookups
            } else if (chance(0.02)) {
                v = std::string(std::size_t(100 + pick(300)), 'z');  // a long line
            } else {
                v = Levels[pick(14)];
            }
            const bool special = v.find_first_of(",\"\r\n") != std::string::npos;
            if (special || chance(0.15)) {
                std::string q = "\"";
                for (char ch : v) {
                    if (ch == '"')
                        q += '"';
                    q += ch;
                }
                q += '"';
                v = q;
            }
            g.csv += v;
        }
        if (irregular && chance(0.01)) {
            switch (pick(5)) {
            case 0: g.csv += ",x\"y"; break;           // a quote inside an unquoted field
            case 1: g.csv += ",\"ab\"c"; break;        // text after a closing quote
            case 2: g.csv += ",extra"; break;          // ragged
            case 3: g.csv += ",\"open"; break;         // unterminated (maybe)
            case 4: g.csv += "\r"; break;              // a stray CR before the line end
            }
        }
        if (r + 1 < rows || chance(0.7))
            g.csv += eol;
    }
    if (irregular && chance(0.05) && !g.columns.empty())
        g.csv += "notanumber,\"\",1\n";
    return g;
}

std::vector<SimdLevel> levels()
{
    std::vector<SimdLevel> out;
    for (SimdLevel l : {SimdLevel::Scalar, SimdLevel::Sse42, SimdLevel::Avx2, SimdLevel::Avx512})
        if (simdLevelSupported(l))
            out.push_back(l);
    return out;
}

} // namespace

class tst_CsvReader : public QObject
{
    Q_OBJECT

private slots:
    void randomFilesMatchTheReference_data();
    void randomFilesMatchTheReference();
    void quotesAtEveryChunkBoundary();
    void valuesWhoseLengthsDifferBy256();
    void hashMatches();
    void limitsFailCleanly();
    void levelIndexFindsEveryLevel();
    void largeFileInParallel();
    void jsonLinesMatchTheReference();
};

void tst_CsvReader::randomFilesMatchTheReference_data()
{
    QTest::addColumn<bool>("irregular");
    QTest::newRow("regular") << false;
    QTest::newRow("irregular") << true;
}

void tst_CsvReader::randomFilesMatchTheReference()
{
    QFETCH(bool, irregular);
    std::mt19937_64 rng(irregular ? 7 : 3);
    const std::size_t chunks[] = {1, 2, 3, 5, 17, 63, 64, 65, 257, 4096, 0};
    int files = 0, compared = 0, good = 0;
    const long fallbacksBefore = csvdetail::fallbackCount();
    // Under AddressSanitizer every read is several times slower: fewer files, the same shapes.
    // GCC says __SANITIZE_ADDRESS__; clang (the sanitizer build) says it through __has_feature.
#if defined(__SANITIZE_ADDRESS__) || CP_HAS_ASAN
    constexpr int fileCount = 40;
#else
    constexpr int fileCount = 150;
#endif
    for (int i = 0; i < fileCount; ++i) {
        const Generated g = generate(rng, irregular);
        CsvReadOptions ref;
        ref.scalarReference = true;
        const auto expected = readCsv(g.csv, "r.csv", g.columns, ref);
        ++files;
        good += expected.ok();
        for (SimdLevel level : levels())
            for (std::size_t chunk : chunks)
                for (int threads : {1, 2, 3}) {
                    if (chunk == 1 && threads == 3)
                        continue;
                    CsvReadOptions o;
                    o.level = level;
                    o.chunkBytes = chunk;
                    o.threads = threads;
                    const std::string diff = compare(expected, readCsv(g.csv, "r.csv", g.columns, o));
                    ++compared;
                    if (!diff.empty())
                        QFAIL(qPrintable(QStringLiteral("file %1, %2, chunk %3, %4 threads: %5\n%6")
                                             .arg(i)
                                             .arg(QString::fromStdString(simdLevelName(level)))
                                             .arg(chunk)
                                             .arg(threads)
                                             .arg(QString::fromStdString(diff),
                                                  QString::fromStdString(g.csv.substr(0, 2000)))));
                }
    }
    const long fallbacks = csvdetail::fallbackCount() - fallbacksBefore;
    qInfo("%d files (%d read without error), %d comparisons, %ld handed to the scalar reader",
          files, good, compared, fallbacks);
    if (!irregular) {
        // Regular files are read by the fast path itself.
        QVERIFY(good > files * 3 / 4);
        QVERIFY(fallbacks < compared / 4);
    }
}

void tst_CsvReader::quotesAtEveryChunkBoundary()
{
    // A quoted field with a line feed, a comma and a doubled quote, put at every offset
    // against every small chunk size.
    const std::vector<ColumnRequest> cols = {{"g", ColumnKind::Categorical},
                                             {"s", ColumnKind::Numeric}};
    for (int pad = 0; pad < 70; ++pad) {
        std::string csv = "g,note,s\n";
        csv += "a," + std::string(std::size_t(pad), 'p') + ",1\n";
        csv += "b,\"x\ny, \"\"z\"\"\",2\n\"c\",\"\",3\r\nd,plain,4";
        CsvReadOptions ref;
        ref.scalarReference = true;
        const auto expected = readCsv(csv, "q.csv", cols, ref);
        QVERIFY(expected.ok());
        QCOMPARE(expected->rowCount, std::int64_t(4));
        for (SimdLevel level : levels())
            for (std::size_t chunk = 1; chunk <= 80; ++chunk) {
                CsvReadOptions o;
                o.level = level;
                o.chunkBytes = chunk;
                o.threads = 2;
                const std::string diff = compare(expected, readCsv(csv, "q.csv", cols, o));
                QVERIFY2(diff.empty(), qPrintable(QStringLiteral("pad %1 chunk %2 %3: %4")
                                                      .arg(pad)
                                                      .arg(chunk)
                                                      .arg(QString::fromStdString(simdLevelName(level)),
                                                           QString::fromStdString(diff))));
            }
    }
}

void tst_CsvReader::valuesWhoseLengthsDifferBy256()
{
    // The fast dictionary keys a value by its first 15 bytes and its length modulo 256: values
    // 20 and 276 bytes long that start alike are two levels, in either order (the longer one
    // first was read as the shorter; the shorter first read past it, which ASan reported).
    const std::vector<ColumnRequest> cols = {{"g", ColumnKind::Categorical}};
    const std::string shorter(20, 'a'), longer(276, 'a');
    for (const auto &[first, second] : {std::pair(shorter, longer), std::pair(longer, shorter)}) {
        const std::string csv = "g\n" + first + "\n" + second + "\n" + first + "\n";
        CsvReadOptions ref;
        ref.scalarReference = true;
        const auto expected = readCsv(csv, "l.csv", cols, ref);
        QVERIFY(expected.ok());
        QCOMPARE(expected->categorical[0].levels().size(), std::size_t(2));
        for (SimdLevel level : levels()) {
            CsvReadOptions o;
            o.level = level;
            const auto read = readCsv(csv, "l.csv", cols, o);
            QVERIFY(read.ok());
            QCOMPARE(read->categorical[0].levels().size(), std::size_t(2));
            QCOMPARE(read->categorical[0].levels()[1], second);
            const std::string diff = compare(expected, read);
            QVERIFY2(diff.empty(), diff.c_str());
        }
    }
}

/// A categorical column's level index (open addressing, grown at half full) through many
/// growths: every level keeps its first-appearance code, repeats and bulk codes find it, and a
/// value never added is Missing, also one that differs in a single byte or only in length.
void tst_CsvReader::levelIndexFindsEveryLevel()
{
    CategoricalColumn c;
    QCOMPARE(c.find("anything"), CategoricalColumn::Missing);
    const int n = 70000;  // past 255 (wide codes) and through a dozen growths
    auto name = [](int i) { return "family-" + std::to_string(i * 7919 % 1000003); };
    for (int i = 0; i < n; ++i) {
        c.append(name(i), i);
        if (i % 3 == 0)
            c.append(name(i / 2), i);  // a level seen before: no new code
    }
    QCOMPARE(c.levels().size(), std::size_t(n));
    QVERIFY(c.isWide());
    for (int i = 0; i < n; ++i) {
        QCOMPARE(c.find(name(i)), std::uint32_t(i));
        QCOMPARE(c.levels()[std::size_t(i)], name(i));
    }
    QCOMPARE(c.find("family-"), CategoricalColumn::Missing);
    QCOMPARE(c.find(name(1) + "x"), CategoricalColumn::Missing);
    QCOMPARE(c.find(""), CategoricalColumn::Missing);
    std::string near = name(5);
    near.back() = near.back() == '0' ? '1' : '0';
    if (near != name(5) && c.find(near) != CategoricalColumn::Missing)
        QVERIFY(c.levels()[c.find(near)] == near);
    QCOMPARE(c.addLevel(name(12), 99), std::uint32_t(12));
    QCOMPARE(c.addLevel("new", 99), std::uint32_t(n));
    QCOMPARE(c.find("new"), std::uint32_t(n));
    QCOMPARE(c.firstRows()[std::size_t(n)], std::int64_t(99));
}

/// Issue 14, defect 10: a field longer than 64 MiB, a JSON Lines line longer than that and a
/// header of more than 65,536 columns are refused with the line named, on every path of the
/// reader, before the value is copied (a 2 GB line aborted at 4.2 GB of memory).
void tst_CsvReader::limitsFailCleanly()
{
    const std::string big(MaxFieldBytes + 1, 'x');
    const std::vector<ColumnRequest> cols{{"id", ColumnKind::Categorical},
                                          {"text", ColumnKind::Categorical}};
    const std::string csv = "id,text\na,short\nb," + big + "\nc,after\n";
    CsvReadOptions scalar;
    scalar.scalarReference = true;
    for (const CsvReadOptions &o : {CsvReadOptions{}, scalar}) {
        const auto t = readCsv(csv, "big.csv", cols, o);
        QVERIFY(!t);
        QCOMPARE(t.error().code, ErrorCode::Parse);
        QCOMPARE(t.error().line, std::int64_t(3));
        QCOMPARE(t.error().field, std::string("text"));
        QVERIFY2(t.error().message.find("longer than the limit of 64 MiB") != std::string::npos,
                 t.error().message.c_str());
    }
    // Within the limit, the same shape reads.
    const std::string fits = "id,text\na," + std::string(MaxFieldBytes, 'y') + "\n";
    const auto ok = readCsv(fits, "fits.csv", cols);
    QVERIFY(ok);
    QCOMPARE(ok->categorical[1].levels()[0].size(), MaxFieldBytes);

    const std::string jsonl = "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"" + big
                              + "\"}\n";
    const auto j = readJsonLines(jsonl, "big.jsonl", cols);
    QVERIFY(!j);
    QCOMPARE(j.error().line, std::int64_t(2));
    QVERIFY2(j.error().message.find("longer than the limit of 64 MiB") != std::string::npos,
             j.error().message.c_str());
    const auto names = readColumnNames(jsonl, TableFormat::JsonLines, "big.jsonl");
    QVERIFY(!names);
    QCOMPARE(names.error().line, std::int64_t(2));

    std::string wide;
    for (std::size_t c = 0; c <= MaxColumns; ++c)
        wide += (c ? ",c" : "c") + std::to_string(c);
    wide += "\n";
    const auto w = readColumnNames(wide, TableFormat::Csv, "wide.csv");
    QVERIFY(!w);
    QVERIFY2(w.error().message.find("more than 65536 columns") != std::string::npos,
             w.error().message.c_str());
    const auto wt = readCsv(wide, "wide.csv", {{"c1", ColumnKind::Categorical}});
    QVERIFY(!wt);
    QCOMPARE(wt.error().line, std::int64_t(1));
}

void tst_CsvReader::hashMatches()
{
    std::mt19937_64 rng(11);
    for (int i = 0; i < 20; ++i) {
        const Generated g = generate(rng, i % 2 == 1);
        const auto t = readTable(g.csv, TableFormat::Csv, "h.csv", g.columns);
        if (t.ok())
            QCOMPARE(t->sha256, Sha256::hex(g.csv));
    }
}

void tst_CsvReader::largeFileInParallel()
{
    // Many chunks with the default sizes, the hash on the pool, groups across chunks.
    std::string csv = "y,g,score,h\n";
    std::mt19937_64 rng(5);
    for (int r = 0; r < 300000; ++r) {
        csv += std::to_string(rng() % 2) + ",g" + std::to_string(rng() % 300) + ","
               + std::to_string(double(rng() % 10000) / 10000.0) + ","
               + (r % 1000 == 0 ? "\"h, quoted\"" : "h" + std::to_string(rng() % 3)) + "\n";
    }
    const std::vector<ColumnRequest> cols = {{"y", ColumnKind::Categorical},
                                             {"g", ColumnKind::Categorical},
                                             {"score", ColumnKind::Numeric},
                                             {"h", ColumnKind::Categorical}};
    CsvReadOptions ref;
    ref.scalarReference = true;
    const auto expected = readCsv(csv, "l.csv", cols, ref);
    QVERIFY(expected.ok());
    QVERIFY(expected->categorical[1].isWide());
    for (int threads : {1, 2, 4}) {
        CsvReadOptions o;
        o.threads = threads;
        o.chunkBytes = 100000;
        const std::string diff = compare(expected, readCsv(csv, "l.csv", cols, o));
        QVERIFY2(diff.empty(), diff.c_str());
    }
    const auto t = readTable(csv, TableFormat::Csv, "l.csv", cols);
    QVERIFY(t.ok());
    QCOMPARE(t->sha256, Sha256::hex(csv));
}

void tst_CsvReader::jsonLinesMatchTheReference()
{
    // simdjson's On-Demand reader against the nlohmann one, on lines with every value type,
    // escapes, nested values in keys not read, duplicates, CRLF, blank lines and broken lines.
    std::mt19937_64 rng(13);
    auto pick = [&](int n) { return int(rng() % std::uint64_t(n)); };
    static const char *Values[] = {"\"a\"", "\"b\\u00e9\"", "1", "-0", "0.5", "1.50", "1e2",
                                   "true", "false", "null", "\"0.25\"", "18446744073709551615",
                                   "123456789012345678901234", "{\"x\": [1, 2]}", "[]",
                                   "\"tab\\tin\"", "-12", "3.0"};
    const std::vector<ColumnRequest> cols = {{"g", ColumnKind::Categorical},
                                             {"s", ColumnKind::Numeric}};
    int good = 0;
    for (int f = 0; f < 400; ++f) {
        std::string text;
        const int lines = 1 + pick(8);
        for (int l = 0; l < lines; ++l) {
            if (pick(10) == 0)
                text += "\n";
            text += "{";
            const int keys = pick(4);
            for (int k = 0; k < keys; ++k) {
                static const char *Keys[] = {"g", "s", "other", "g"};
                text += std::string(k ? ", " : "") + "\"" + Keys[pick(4)] + "\": " + Values[pick(18)];
            }
            text += "}";
            switch (pick(30)) {
            case 0: text += " x"; break;
            case 1: text += ","; break;
            case 2: text.pop_back(); break;
            default: break;
            }
            text += pick(4) == 0 ? "\r\n" : "\n";
        }
        const auto expected = csvdetail::readJsonLinesReference(text, "j.jsonl", cols);
        good += expected.ok();
        const std::string diff = compare(expected, readJsonLines(text, "j.jsonl", cols));
        QVERIFY2(diff.empty(), qPrintable(QString::fromStdString(diff + "\n" + text)));
    }
    qInfo("%d of 400 JSON Lines files read without error", good);
    QVERIFY(good > 20);
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
