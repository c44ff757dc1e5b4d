// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The PDF report (core/report/pdfreport.h): a PDF 1.4 file whose cross-reference table points
// at its objects and whose page tree counts its pages; the HTML's content in its order, read
// back with poppler's pdftotext (the content tests skip when it is not installed); the
// privacy floor and --no-pair-text; tables that break across pages with their header
// repeated; no word outside the page or on top of another; text mapped to WinAnsi.

#include "reporttestutil.h"

#include <core/workflow/samplefolder.h>
#include <core/report/htmlreport.h>
#include <core/report/pdfreport.h>
#include <core/report/pdfwriter.h>
#include <core/report/runcomparison.h>
#include <core/store/projectstore.h>
#include <core/workflow/sourceaudit.h>
#include <core/table/tablereader.h>
#include <core/workflow/reportbuilder.h>

#include <nlohmann/json.hpp>

#include <QtTest>

#include <memory>

using namespace reporttest;

namespace {

const std::string ShopFlow = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge";

std::unique_ptr<cp::ProjectStore> shopflowProject(const QTemporaryDir &dir)
{
    auto store = cp::ProjectStore::open(dir.filePath("shopflow.counterpart").toStdString(),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store || !cp::importProjectFolder(**store, ShopFlow))
        return nullptr;
    return std::move(*store);
}

cp::Result<cp::SourceAudit> auditTable(cp::ProjectStore &store, const std::string &name)
{
    cp::AuditSource s;
    s.label = name;
    return cp::auditSource(store, s, {}, false);
}

/// The report of a ShopFlow table, with the baseline compared when asked.
std::optional<cp::Report> shopflowReport(cp::ProjectStore &store, const std::string &table,
                                         bool withBaseline, const cp::ReportOptions &options = {})
{
    auto audit = auditTable(store, table);
    if (!audit)
        return std::nullopt;
    auto report = cp::buildReport(store, *audit, options);
    if (!report)
        return std::nullopt;
    if (withBaseline) {
        auto base = auditTable(store, "baseline");
        auto spec = cp::parseAuditSpecText(audit->audit.spec.json, "spec");
        if (!base || !spec)
            return std::nullopt;
        auto c = cp::compareRuns(*base, *audit, *spec);
        if (!c)
            return std::nullopt;
        report->comparison = *c;
    }
    return std::move(*report);
}

/// Writes the report's PDF to dir/name and returns the path.
QString writePdf(const QTemporaryDir &dir, const cp::Report &report, const QString &name)
{
    const QString path = dir.filePath(name);
    if (!cp::writeReportFile(path.toStdString(), cp::renderPdf(report)))
        return {};
    return path;
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

#define REQUIRE_PDFTOTEXT()                                                                     \
    do {                                                                                        \
        if (pdftotextPath().isEmpty())                                                          \
            QSKIP("pdftotext (poppler-utils) is not installed: ./dev.sh installs it");          \
    } while (false)

} // namespace

class tst_PdfReport : public QObject
{
    Q_OBJECT

private slots:
    void winAnsi_data()
    {
        QTest::addColumn<QString>("utf8");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ascii") << "TPR gap 33.3 %" << QByteArray("TPR gap 33.3 %");
        QTest::newRow("latin-1") << "Zoë é ü ß ±" << QByteArray("Zo\xEB \xE9 \xFC \xDF \xB1");
        QTest::newRow("windows extras") << "a – b — “c” ‘d’ • … €"
                                        << QByteArray("a \x96 b \x97 \x93" "c\x94 \x91" "d\x92 "
                                                      "\x95 \x85 \x80");
        QTest::newRow("middle dot") << "n=3 · 50" << QByteArray("n=3 \xB7 50");
        QTest::newRow("comparisons") << "≤ 10 % ≥ 50 ≠ −1 →"
                                     << QByteArray("<= 10 % >= 50 != -1 ->");
        QTest::newRow("greek") << "Cohen's κ, Krippendorff's α, |Δscore|, Δ 2"
                               << QByteArray("Cohen's kappa, Krippendorff's alpha, "
                                             "|delta score|, delta 2");
        QTest::newRow("marks") << "✓ passed ✕ failed ▲ up ▼ down"
                               << QByteArray(" passed x failed up up down down");
        QTest::newRow("grouped digits") << "1\u2009000\u2009000"
                                        << QByteArray("1\xA0" "000\xA0" "000");
        QTest::newRow("latin extended") << "Łódź Œuvre Šipka ő"
                                        << QByteArray("L\xF3" "dz \x8Cuvre \x8Aipka o");
        QTest::newRow("unmappable") << "日本 ok" << QByteArray("?? ok");
        QTest::newRow("controls") << QString("a\tb\nc") + QChar(7) << QByteArray("a b c");
    }

    void winAnsi()
    {
        QFETCH(QString, utf8);
        QFETCH(QByteArray, expected);
        const std::string out = cp::pdf::toWinAnsi(utf8.toStdString());
        QCOMPARE(QByteArray::fromStdString(out), expected);
        // Malformed UTF-8 never passes through as raw bytes.
        QCOMPARE(QByteArray::fromStdString(cp::pdf::toWinAnsi("a\xC3(b\xFF")),
                 QByteArray("a?(b?"));
    }

    void glyphWidthsAreHelveticas()
    {
        using cp::pdf::Font;
        // Helvetica: H 722, e 556, l 222, o 556; Helvetica-Bold: B 722, L 611, O 778, C 722,
        // K 722, E 667, D 722.
        QCOMPARE(cp::pdf::textWidth("Hello", Font::Regular, 10), 22.78);
        QCOMPARE(cp::pdf::textWidth("BLOCKED", Font::Bold, 10), 49.44);
        QCOMPARE(cp::pdf::textWidth("Hello", Font::Oblique, 10), 22.78);
    }

    void structure_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<bool>("withBaseline");
        QTest::addColumn<bool>("pairText");
        QTest::addColumn<int>("privacyK");
        QTest::newRow("baseline") << "baseline" << false << true << 0;
        QTest::newRow("candidate vs baseline") << "candidate" << true << true << 0;
        QTest::newRow("no pair text") << "baseline" << false << false << 0;
        QTest::newRow("privacy floor") << "baseline" << false << true << 5;
    }

    void structure()
    {
        QFETCH(QString, table);
        QFETCH(bool, withBaseline);
        QFETCH(bool, pairText);
        QFETCH(int, privacyK);
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        cp::ReportOptions options;
        options.includePairText = pairText;
        if (privacyK > 0)
            options.privacyK = privacyK;
        const auto report = shopflowReport(*store, table.toStdString(), withBaseline, options);
        QVERIFY(report);
        const QString path = writePdf(dir, *report, "report.pdf");
        QVERIFY(!path.isEmpty());
        const QByteArray pdf = readBytes(path);
        const PdfStructure s = pdfStructure(pdf);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QVERIFY(s.pages >= 3);
        QVERIFY(pdf.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"));
        QVERIFY(pdf.contains("/BaseFont /Helvetica-Bold"));
        QVERIFY(!pdf.contains("/FontFile"));   // nothing embedded
        // Written atomically: no temporary left beside it.
        QVERIFY(QDir(dir.path()).entryList({"*.tmp"}, QDir::Files).isEmpty());
        // The same report renders to the same bytes (no clock, no random ids inside).
        QCOMPARE(QByteArray::fromStdString(cp::renderPdf(*report)), pdf);
    }

    void contentInTheHtmlsOrder()
    {
        REQUIRE_PDFTOTEXT();
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const auto report = shopflowReport(*store, "baseline", false);
        QVERIFY(report);
        const QString path = writePdf(dir, *report, "baseline.pdf");
        const QString text = pdfText(path);
        QVERIFY(!text.isEmpty());
        const PdfStructure s = pdfStructure(readBytes(path));

        // Decision first, in words, with the failed checks and the missing attestations.
        const int verdict = text.indexOf("BLOCKED");
        QVERIFY(verdict >= 0 && verdict < 200);
        QVERIFY(text.contains("Do not release: 4 of 4 checks failed and 4 required attestations "
                              "are missing."));
        QVERIFY(text.contains("Failed checks"));
        QVERIFY(text.contains("TPR gap (variant) 33.3 % > limit 10.0 %: failed"));
        QVERIFY(text.contains("FPR gap (variant) 25.0 % > limit 10.0 %: failed"));
        QVERIFY(text.contains("Missing requirements"));
        QVERIFY(text.contains("production monitoring owner"));
        int at = verdict;
        for (const char *title : {"What was tested", "Flips", "Paired tests per group pair",
                                  "Top flipped pairs, side by side", "Slices", "Gaps",
                                  "Intersections", "Calibration", "Reviewer agreement",
                                  "Contract checks", "Limitations", "Versions and hashes"}) {
            const int next = text.indexOf(QLatin1String(title), at);
            QVERIFY2(next > at, title);
            at = next;
        }
        QVERIFY(text.contains("report-only · n=3 < 50"));
        QVERIFY(text.contains("No reviews recorded"));
        QVERIFY(text.contains("Synthetic fixtures are not population evidence"));
        QVERIFY(text.contains("Family p4"));
        QVERIFY(text.contains("0.2500"));                  // McNemar p of the three flips
        QVERIFY(text.contains("(reference)"));             // the chart marks the reference
        QVERIFY(text.contains("Wilson 95 % interval"));
        QVERIFY(text.contains("Mean |delta"));   // |Δscore|, wrapped in its column
        QVERIFY(text.contains(QString::fromStdString(report->result.tableSha256)));
        QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(s.pages)));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(s.pages)));
        // Nothing the fonts cannot draw slipped through.
        QVERIFY2(!text.contains(QChar(0xFFFD)), "a replacement character in the text");
    }

    void shopflowComparisonCarriesTheCaveat()
    {
        REQUIRE_PDFTOTEXT();
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        const auto report = shopflowReport(*store, "candidate", true);
        QVERIFY(report);
        QVERIFY(report->comparison && report->comparison->repairedOnRegressionSet);
        const QString text = pdfText(writePdf(dir, *report, "candidate.pdf"));
        QVERIFY(!text.isEmpty());
        QVERIFY(text.indexOf("BLOCKED") < 200);
        const int caveat = text.indexOf("epaired on the regression set, not validated for release");
        QVERIFY(caveat > 0);
        QVERIFY(caveat < text.indexOf("What was tested"));
        QVERIFY(text.contains("Baseline and candidate"));
        QVERIFY(text.contains("Decision: BLOCKED -> BLOCKED (unchanged)"));
        QVERIFY(text.contains("Fixed: p4, p5, n1"));
        QVERIFY(text.contains("improved (gap shrank)"));
        QVERIFY(text.contains("Not enough evidence (insufficient, never passed)"));
        QVERIFY(text.contains("insufficient evidence, never passed"));
    }

    void privacyFloorApplied()
    {
        REQUIRE_PDFTOTEXT();
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        // privacy_k in the contract, as a project sets it (no override).
        auto text = cp::readFileBytes(ShopFlow + "/spec.json");
        QVERIFY(text);
        nlohmann::json spec = nlohmann::json::parse(*text);
        spec["contract"]["privacy_k"] = 5;
        QVERIFY(store->saveSpec(spec.dump(2)));
        const auto report = shopflowReport(*store, "baseline", false);
        QVERIFY(report);
        QVERIFY(report->floor.active());
        const QString pdf = pdfText(writePdf(dir, *report, "private.pdf"));
        QVERIFY(!pdf.isEmpty());
        QVERIFY(pdf.contains("<5"));
        QVERIFY(pdf.contains("withheld"));
        QVERIFY(pdf.contains("Fewer flipped families than the privacy floor"));
        QVERIFY(pdf.contains("Privacy floor k = 5"));
        // The HTML test's leaks: 4 negatives per slice, 3 flips, TPR 5/6, FPR 1/4.
        for (const char *leak : {"25.0 %", "83.3 %", "1/4", "5/6", "0/4", " 4 negatives",
                                 "3 of 10", "Family p4", "0.2500", "n=3", "n = 3", "n = 4"})
            QVERIFY2(!pdf.contains(QLatin1String(leak)), leak);

        // Without the floor, the same figures are there.
        cp::ReportOptions open;
        open.privacyK = 0;
        const auto plain = shopflowReport(*store, "baseline", false, open);
        QVERIFY(plain);
        const QString all = pdfText(writePdf(dir, *plain, "open.pdf"));
        QVERIFY(all.contains("25.0 %"));
        QVERIFY(all.contains("5/6"));
        QVERIFY(all.contains("Family p4"));
    }

    void pairTextsCanBeLeftOut()
    {
        REQUIRE_PDFTOTEXT();
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        // The baseline with a text column: each pair in a formal and a conversational wording.
        auto bytes = cp::readFileBytes(ShopFlow + "/shopflow.csv");
        QVERIFY(bytes);
        std::string csv;
        int row = 0;
        for (const QString &line : QString::fromStdString(*bytes).split('\n', Qt::SkipEmptyParts)) {
            const bool formal = line.contains(",formal,");
            csv += line.toStdString() + ","
                   + (row++ == 0 ? "message"
                      : formal   ? "\"Dear Sir, my parcel 4711 has not arrived & I am worried.\""
                                 : "\"hey, my parcel 4711 hasn't arrived <again> – Zoë\"")
                   + "\n";
        }
        QVERIFY(store->importTable("texts", csv, "csv"));
        const auto withText = shopflowReport(*store, "texts", false);
        QVERIFY(withText && !withText->topPairs.empty());
        const QString text = pdfText(writePdf(dir, *withText, "texts.pdf"));
        QVERIFY(text.contains("Dear Sir, my parcel 4711 has not arrived & I am worried."));
        QVERIFY(text.contains("hasn't arrived <again> – Zoë"));
        QVERIFY(text.contains("message"));

        cp::ReportOptions options;
        options.includePairText = false;
        const auto without = shopflowReport(*store, "texts", false, options);
        QVERIFY(without);
        const QString bare = pdfText(writePdf(dir, *without, "bare.pdf"));
        QVERIFY(!bare.isEmpty());
        for (const char *t : {"parcel", "Dear Sir", "message", "again"})
            QVERIFY2(!bare.contains(QLatin1String(t)), t);
        QVERIFY(bare.contains("Pair texts are left out"));
        QVERIFY(bare.contains("p4"));   // family ids and outcomes stay
        QVERIFY(bare.contains("Pair texts left out"));
    }

    void longTablesRepeatTheirHeader()
    {
        REQUIRE_PDFTOTEXT();
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto report = shopflowReport(*store, "baseline", false);
        QVERIFY(report);
        // An attribute of 150 groups: its chart and table span several pages.
        cp::AttributeSlices many;
        many.attribute = "region";
        many.reference = "region 000";
        for (int i = 0; i < 150; ++i) {
            cp::SliceRates g = report->result.slices.front().groups.front();
            g.group = QStringLiteral("region %1").arg(i, 3, 10, QChar('0')).toStdString();
            many.groups.push_back(g);
        }
        report->result.slices.push_back(many);
        const QString path = writePdf(dir, *report, "long.pdf");
        const PdfStructure s = pdfStructure(readBytes(path));
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        // The table's row headers sit at the left margin (the chart's labels end at its
        // plot); every page holding some has the column titles above the first.
        const QList<PdfWord> words = pdfWords(path);
        int pagesWithRows = 0;
        for (int page = 1; page <= s.pages; ++page) {
            double firstRow = 1e9, header = 1e9;
            for (const PdfWord &w : words) {
                if (w.page != page)
                    continue;
                if (w.text == "region" && w.xMin < 60)
                    firstRow = std::min(firstRow, w.yMin);
                if (w.text == "Positives")
                    header = std::min(header, w.yMin);
            }
            if (firstRow == 1e9)
                continue;
            ++pagesWithRows;
            QVERIFY2(header < firstRow,
                     qPrintable(QStringLiteral("page %1 lacks the header row").arg(page)));
        }
        QVERIFY(pagesWithRows >= 2);
    }

    void wordsStayOnThePageAndApart_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<bool>("withBaseline");
        QTest::addColumn<bool>("stress");
        QTest::newRow("baseline") << "baseline" << false << false;
        QTest::newRow("candidate vs baseline") << "candidate" << true << false;
        QTest::newRow("long names and texts") << "baseline" << false << true;
    }

    void wordsStayOnThePageAndApart()
    {
        REQUIRE_PDFTOTEXT();
        QFETCH(QString, table);
        QFETCH(bool, withBaseline);
        QFETCH(bool, stress);
        QTemporaryDir dir;
        auto store = shopflowProject(dir);
        QVERIFY(store);
        auto report = shopflowReport(*store, table.toStdString(), withBaseline);
        QVERIFY(report);
        if (stress) {
            // Words longer than any column, a text longer than a page, letters the fonts lack.
            std::string longName;
            for (int i = 0; i < 6; ++i)
                longName += "a-group-name-without-a-single-space-";
            report->spec.name = "Zoë Łódź 日本 κ α ≥ — a title long enough to wrap over two "
                                "lines of the first page, and then some more words";
            report->result.slices.front().groups.back().group = longName;
            std::string essay;
            for (int i = 0; i < 400; ++i)
                essay += "word" + std::to_string(i) + (i % 7 ? " " : ", ");
            QVERIFY(!report->topPairs.empty());
            cp::ReportPair &pair = report->topPairs.front();
            cp::ReportPairField field{"message", {}};
            for (std::size_t v = 0; v < pair.variants.size(); ++v)
                field.values.push_back(v == 0 ? essay : "changed " + essay);
            pair.fields.push_back(field);
            pair.fields.push_back({longName, std::vector<std::string>(pair.variants.size(),
                                                                      longName)});
            report->result.warnings.push_back({12, "score", "a warning " + essay + essay + essay});
            report->result.missing.push_back(longName);
        }
        const QString path = writePdf(dir, *report, "words.pdf");
        QVERIFY2(pdfStructure(readBytes(path)).error.isEmpty(), "bad structure");
        const QList<PdfWord> words = pdfWords(path);
        QVERIFY(words.size() > 500);
        const double w = cp::pdf::PdfWriter::PageWidth, h = cp::pdf::PdfWriter::PageHeight;
        for (const PdfWord &word : words)
            QVERIFY2(word.xMin >= 40 && word.xMax <= w - 40 && word.yMin >= 30
                             && word.yMax <= h - 20,
                     qPrintable(QStringLiteral("'%1' on page %2 at x %3–%4, y %5–%6")
                                        .arg(word.text).arg(word.page).arg(word.xMin)
                                        .arg(word.xMax).arg(word.yMin).arg(word.yMax)));
        // The ≠ mark is "=" with "/" drawn over it on purpose; nothing else overlaps.
        static const QRegularExpression mark("^[=/]+$");
        for (qsizetype i = 0; i < words.size(); ++i)
            for (qsizetype j = i + 1; j < words.size() && words[j].page == words[i].page; ++j) {
                const PdfWord &a = words[i], &b = words[j];
                if (mark.match(a.text).hasMatch() || mark.match(b.text).hasMatch())
                    continue;
                const double dx = std::min(a.xMax, b.xMax) - std::max(a.xMin, b.xMin);
                const double dy = std::min(a.yMax, b.yMax) - std::max(a.yMin, b.yMin);
                QVERIFY2(dx <= 0.5 || dy <= 0.5,
                         qPrintable(QStringLiteral("'%1' and '%2' overlap on page %3")
                                            .arg(a.text, b.text).arg(a.page)));
            }
    }
};

QTEST_GUILESS_MAIN(tst_PdfReport)
#include "tst_pdfreport.moc"
