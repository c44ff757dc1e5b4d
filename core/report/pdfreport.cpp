// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The PDF renderer of the report document (reportdocument.h): each section a level-1 heading
// and its blocks drawn by pdflayout, the decision as a framed box with a drawn ✓ or ✕, the
// figures by pdfcharts, and the footers and the outline around them.

#include "pdfreport.h"

#include "pdfcharts.h"
#include "pdflayout.h"

#include <core/audit/pairsindex.h>

namespace cp {

namespace pdf {

namespace {

const Colour CaveatFill = rgb(0xfff4e0U);
const Colour CaveatBar = rgb(0xb36b00U);
const Colour ChangedFill = rgb(0xfff1ddU);
const Colour ChangedMark = rgb(0xffd9a0U);
const Colour NotEqual = rgb(0x9a4a00U);
const Colour LowSupportFill = rgb(0xf6f6f6U);
const Colour InsufficientInk = rgb(0x8a5a00U);

Span small(const std::string &text, bool breakBefore = true)
{
    Span s{text, Font::Regular, palette::Muted, SmallScale};
    s.breakBefore = breakBefore;
    return s;
}

/// The fonts have no ≠: an "=" with a "/" drawn over it.
Span notEqual(double scale = 1)
{
    Span ne{"=", Font::Bold, NotEqual, scale};
    ne.overstrike = "/";
    return ne;
}

Rich spans(const DocText &text, Colour ink = palette::Ink, double scale = 1)
{
    Rich out;
    for (const DocSpan &d : text) {
        switch (d.style) {
        case DocSpan::Style::Plain: out.push_back(Span{d.text, Font::Regular, ink, scale}); break;
        case DocSpan::Style::Bold: out.push_back(Span{d.text, Font::Bold, ink, scale}); break;
        case DocSpan::Style::NotEqual: out.push_back(notEqual(scale)); break;
        case DocSpan::Style::Changed: {
            Span mark{d.text, Font::Bold, ink, scale};
            mark.highlight = ChangedMark;
            mark.underline = true;
            out.push_back(mark);
            break;
        }
        }
    }
    return out;
}

/// A differing cell's text with the words not in the reference's text marked, after "≠".
Rich markedText(const std::string &text, const std::string &reference)
{
    Rich out{notEqual(), Span{" "}};
    std::size_t at = 0;
    for (const auto &[b, e] : changedWords(text, reference)) {
        out.push_back(Span{text.substr(at, b - at)});
        Span mark{text.substr(b, e - b), Font::Bold};
        mark.highlight = ChangedMark;
        mark.underline = true;
        out.push_back(mark);
        at = e;
    }
    out.push_back(Span{text.substr(at)});
    return out;
}

Cell textCell(const std::string &text, Font font = Font::Regular, Colour colour = palette::Ink)
{
    return Cell{rich(text, font, colour)};
}

Cell cellOf(const DocCell &d)
{
    const Font font = d.bold ? Font::Bold : Font::Regular;
    switch (d.kind) {
    case DocCell::Kind::Text: {
        Cell c = textCell(d.text, font);
        c.header = d.header;
        for (const std::string &note : d.lines)
            c.text.push_back(small(note));
        return c;
    }
    case DocCell::Kind::Number: {
        Cell c = textCell(d.text, font);
        c.align = Align::Right;
        return c;
    }
    case DocCell::Kind::Rate: {
        const auto lines = d.rateLines();
        const bool shown = !d.withheld && d.rate.defined();
        Cell c{{Span{lines[0], shown ? Font::Bold : Font::Regular}}};
        for (std::size_t i = 1; i < lines.size(); ++i)
            // "a count below k" stays on one line.
            c.text.push_back(small(d.withheld && i == 1 ? "a count below\u00A0"
                                                                  + std::to_string(d.floorK)
                                                        : lines[i]));
        return c;
    }
    case DocCell::Kind::CheckResult:
        // In words and colour, as the HTML's "✓ passed", "✕ failed", "? insufficient".
        switch (d.status) {
        case CheckStatus::Passed: return textCell("passed", Font::Bold, palette::Approved);
        case CheckStatus::Failed: return textCell("failed", Font::Bold, palette::Blocked);
        case CheckStatus::Insufficient:
            return textCell("? insufficient", Font::Bold, InsufficientInk);
        }
        return Cell{};
    case DocCell::Kind::Lines: {
        Cell c;
        for (std::size_t i = 0; i < d.lines.size(); ++i) {
            Span s{d.lines[i]};
            s.breakBefore = i > 0;
            c.text.push_back(s);
        }
        return c;
    }
    case DocCell::Kind::Hash:
        return textCell(d.text);
    case DocCell::Kind::Flag:
        return d.direction > 0   ? textCell(d.text, Font::Bold, palette::Blocked)
               : d.direction < 0 ? textCell(d.text, Font::Bold, palette::Approved)
                                 : textCell(d.text);
    case DocCell::Kind::Changed: {
        Cell c;
        c.text = d.reference.empty() ? Rich{notEqual(), Span{" " + d.text, font}}
                                     : markedText(d.text, d.reference);
        c.fill = ChangedFill;
        return c;
    }
    }
    return Cell{};
}

Table tableOf(const DocTable &d)
{
    Table t;
    for (const std::string &h : d.head) {
        Cell c = textCell(h);
        if (d.style == DocTable::Style::Pair)
            c.header = true;
        t.head.push_back(c);
    }
    for (const DocTable::Row &row : d.rows) {
        std::vector<Cell> cells;
        for (const DocCell &c : row.cells)
            cells.push_back(cellOf(c));
        if (row.lowSupport)
            for (Cell &c : cells)
                c.fill = LowSupportFill;
        t.rows.push_back(std::move(cells));
    }
    return t;
}

Table gridOf(const GridFigure &g)
{
    Table t;
    t.middle = true;
    t.padX = 9;
    t.padY = 6;
    t.caption = g.caption;
    t.head.push_back(textCell(g.corner));
    for (const std::string &c : g.columns)
        t.head.push_back(textCell(c));
    for (const GridFigure::Row &row : g.rows) {
        Cell header = textCell(row.header);
        header.header = true;
        std::vector<Cell> cells{header};
        for (const GridCell &c : row.cells)
            cells.push_back(gridCell(c));
        t.rows.push_back(std::move(cells));
    }
    return t;
}

void decisionBox(Layout &layout, const DocDecision &d)
{
    const GateVerdict &v = d.verdict;
    const bool none = v.outcome == GateVerdict::Outcome::NoContract;
    const bool approved = !none && !v.blocks();
    const Colour ink = none ? rgb(0x444444U) : approved ? palette::Approved : palette::Blocked;
    const Colour fill = none ? rgb(0xf4f4f4U) : approved ? rgb(0xedf7f0U) : rgb(0xfdf0efU);

    std::vector<Block> blocks;
    Block verdict{rich(v.word(), Font::Bold, ink), 30};
    verdict.indent = none ? 0 : 40;   // room for the drawn ✓ or ✕: the word says it too
    blocks.push_back(verdict);
    blocks.push_back(Block{rich(d.lead), 12, 6});
    if (!d.caveat.empty()) {
        Block caveat{rich(d.caveat, Font::Bold), 10.5, 8};
        caveat.fill = CaveatFill;
        caveat.bar = CaveatBar;
        blocks.push_back(caveat);
    }
    for (const DocDecision::List &l : d.lists) {
        blocks.push_back(Block{rich(l.title, Font::Bold), 10.5, 10});
        for (const std::string &item : l.items) {
            Block b{rich(item), BodySize, 3};
            b.bullet = true;
            b.indent = 2;
            blocks.push_back(b);
        }
    }
    blocks.push_back(Block{rich(d.facts, Font::Regular, palette::Muted), BodySize * SmallScale,
                           10});

    PdfWriter &w = layout.writer();
    w.bookmark("Decision: " + v.word(), w.currentPage(), layout.y());
    layout.box(blocks, ink, fill, 3, [&](double x, double y) {
        if (none)
            return;
        // A symbol drawn in lines (the fonts have no ✓ or ✕), beside the verdict in words.
        const double s = 26, top = y + 5;
        if (approved) {
            w.line(x + 3, top + s * 0.55, x + s * 0.4, top + s * 0.9, ink, 4.5);
            w.line(x + s * 0.4, top + s * 0.9, x + s, top + 2, ink, 4.5);
        } else {
            w.line(x + 3, top + 2, x + s - 3, top + s - 2, ink, 4.5);
            w.line(x + s - 3, top + 2, x + 3, top + s - 2, ink, 4.5);
        }
    });
}

void block(Layout &layout, const DocBlock &b)
{
    switch (b.kind) {
    case DocBlock::Kind::Paragraph:
        layout.paragraph(spans(b.text));
        return;
    case DocBlock::Kind::Note:
    case DocBlock::Kind::Small:
        layout.paragraph(spans(b.text, palette::Muted), BodySize * SmallScale, 3);
        return;
    case DocBlock::Kind::Caveat: {
        Block caveat{rich(b.plainText(), Font::Bold), 10, 6};
        caveat.fill = CaveatFill;
        caveat.bar = CaveatBar;
        layout.block(caveat);
        return;
    }
    case DocBlock::Kind::Heading:
        layout.heading(b.plainText(), 2, b.bookmark);
        return;
    case DocBlock::Kind::Bullets:
        layout.bullets(b.items);
        return;
    case DocBlock::Kind::Table:
        layout.table(tableOf(b.table));
        return;
    case DocBlock::Kind::SliceChart:
        sliceChart(layout, b.chart);
        return;
    case DocBlock::Kind::Grid:
        layout.table(gridOf(b.grid));
        return;
    case DocBlock::Kind::GridLegend:
        gridLegend(layout, b.plainText());
        return;
    case DocBlock::Kind::Decision:
        decisionBox(layout, b.decision);
        return;
    }
}

/// Every page: the decision in words on the left (a printed page alone still says it), the
/// page number of the total on the right.
void footers(PdfWriter &w, const std::string &title, const std::string &decision)
{
    const double y = Layout::Bottom + 22;
    const double size = 7.5;
    for (int i = 0; i < w.pageCount(); ++i) {
        w.setPage(i);
        w.line(Layout::Margin, y - 10, PdfWriter::PageWidth - Layout::Margin, y - 10,
               palette::Rule, 0.5);
        const std::string right
                = "Page " + std::to_string(i + 1) + " of " + std::to_string(w.pageCount());
        const double rightWidth = textWidth(right, Font::Regular, size);
        const std::string left = toWinAnsi(title + " · ");
        const std::string verdict = toWinAnsi(decision);
        const double room = PdfWriter::PageWidth - 2 * Layout::Margin - rightWidth - 20
                            - textWidth(verdict, Font::Bold, size);
        std::string shown = left;
        while (!shown.empty() && textWidth(shown, Font::Regular, size) > room)
            shown.pop_back();
        if (shown.size() < left.size())
            shown += "\x85 ";   // …
        w.text(Layout::Margin, y, shown, Font::Regular, size, palette::Muted);
        w.text(Layout::Margin + textWidth(shown, Font::Regular, size), y, verdict, Font::Bold,
               size, palette::Muted);
        w.text(PdfWriter::PageWidth - Layout::Margin - rightWidth, y, right, Font::Regular, size,
               palette::Muted);
    }
}

} // namespace

} // namespace pdf

std::string renderPdf(const Report &report)
{
    return renderPdf(buildReportDocument(report));
}

std::string renderPdf(const ReportDocument &doc)
{
    using namespace pdf;
    PdfWriter writer;
    Layout layout(writer);
    layout.newPage();
    const Laid heading = layoutText(rich(doc.title, Font::Bold), 18, layout.width());
    drawLines(writer, heading, layout.left(), layout.y(), layout.width(), Align::Left);
    layout.setY(layout.y() + heading.height + 2);
    layout.paragraph(rich(doc.meta, Font::Regular, palette::Muted), 8.5, 0);
    layout.space(8);
    for (const DocSection &section : doc.sections) {
        if (!section.title.empty())
            layout.heading(section.title, 1);
        for (const DocBlock &b : section.blocks)
            block(layout, b);
    }
    const std::string word = doc.verdict.word();
    footers(writer, doc.title, word);
    return writer.finish(doc.title + " — " + word, doc.generator);
}

} // namespace cp
