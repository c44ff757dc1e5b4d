// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Flowing layout over PdfWriter (internal to core/report): styled text wrapped at word
// boundaries with Helvetica's metrics, headings that stay with what follows them, framed
// boxes, and tables that size their columns to their content, break across pages between rows
// and repeat their header row on every page they span.

#include "pdfwriter.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cp::pdf {

namespace palette {
inline const Colour Ink = rgb(0x1a1a1aU);
inline const Colour Muted = rgb(0x555555U);
inline const Colour Rule = rgb(0xcfcfcfU);
inline const Colour Blocked = rgb(0xb3261eU);
inline const Colour Approved = rgb(0x1b6e3aU);
inline const Colour White = rgb(0xffffffU);
} // namespace palette

constexpr double BodySize = 9.5;
constexpr double TableSize = 8;
constexpr double SmallScale = 0.86;   ///< small print, relative to the text around it

/// A run of text in one style.
struct Span {
    Span(std::string t = {}, Font f = Font::Regular, Colour c = palette::Ink, double s = 1)
        : text(std::move(t)), font(f), colour(c), scale(s)
    {}

    std::string text;                  ///< UTF-8
    Font font = Font::Regular;
    Colour colour = palette::Ink;
    double scale = 1;                  ///< of the paragraph's or cell's size
    std::optional<Colour> highlight;   ///< a background behind the words (changed words)
    bool underline = false;
    bool breakBefore = false;          ///< starts a new line
    std::string overstrike;            ///< UTF-8 drawn centred over the span ("/" over "=": ≠)
};
using Rich = std::vector<Span>;

inline Rich rich(std::string text, Font font = Font::Regular, Colour colour = palette::Ink)
{
    return {Span{std::move(text), font, colour}};
}

enum class Align { Left, Right, Centre };

/// A piece of a laid-out line: WinAnsi bytes in one style at an x offset.
struct Piece {
    std::string ansi;
    Font font = Font::Regular;
    double size = BodySize;
    Colour colour;
    std::optional<Colour> highlight;
    bool underline = false;
    std::string overstrike;            ///< WinAnsi
    double x = 0;
    double width = 0;
};
struct Line {
    std::vector<Piece> pieces;
    double width = 0;
    double height = 0;
    double size = 0;                   ///< the largest font size on the line
};
struct Laid {
    std::vector<Line> lines;
    double height = 0;
};

/// Wraps text into lines no wider than maxWidth, breaking at spaces (a word wider than the
/// line is broken between characters).
Laid layoutText(const Rich &text, double size, double maxWidth, double leading = 1.25);
/// Draws lines [from, to) of laid text with their top at `top`, aligned within `width`.
void drawLines(PdfWriter &writer, const Laid &laid, double x, double top, double width,
               Align align, std::size_t from = 0, std::size_t to = std::size_t(-1));

/// A paragraph of the flow, optionally a bullet item or a shaded note with a bar on its left.
struct Block {
    Block(Rich t = {}, double s = BodySize, double b = 0) : text(std::move(t)), size(s), before(b)
    {}

    Rich text;
    double size = BodySize;
    double before = 0;                 ///< space above
    double indent = 0;
    bool bullet = false;
    std::optional<Colour> fill;
    std::optional<Colour> bar;
};

/// A table cell. Header cells (the table's head row, and cells marked header) are bold on grey.
struct Cell {
    Cell(Rich t = {}) : text(std::move(t)) {}

    Rich text;
    Align align = Align::Left;
    std::optional<Colour> fill;
    bool hatched = false;              ///< report-only: grey stripes, a white plate under the text
    bool header = false;
};
struct Table {
    std::vector<Cell> head;            ///< repeated on every page the table spans; may be empty
    std::vector<std::vector<Cell>> rows;
    std::string caption;               ///< above the table, muted
    double size = TableSize;
    bool middle = false;               ///< cells centred vertically (grids)
    double minColumn = 0;              ///< the narrowest a body column may be (grids)
    double padX = 3.5;                 ///< cell padding
    double padY = 2.5;
};

class Layout
{
public:
    static constexpr double Margin = 48;
    static constexpr double Top = 46;
    static constexpr double Bottom = PdfWriter::PageHeight - 58;   // the footer lies below

    explicit Layout(PdfWriter &writer) : m_writer(writer) {}

    PdfWriter &writer() { return m_writer; }
    double left() const { return Margin; }
    double width() const { return PdfWriter::PageWidth - 2 * Margin; }
    double y() const { return m_y; }
    void setY(double y) { m_y = y; }
    bool atPageTop() const { return m_y <= Top + 0.5; }

    void newPage();
    /// Ends the heading group (see m_group): what is drawn next stays where it is.
    void closeGroup() { m_group.reset(); }
    /// A new page unless `height` fits below the cursor.
    void ensure(double height);
    void space(double height);

    /// A section heading (level 1, with a rule and a bookmark) or a sub-heading (level 2,
    /// bookmarked under the section when `bookmark` is set). Kept with the next 80 points.
    void heading(const std::string &title, int level, bool bookmark = true);
    void block(const Block &b);
    void paragraph(const Rich &text, double size = BodySize, double before = 4);
    void bullets(const std::vector<std::string> &items, double size = BodySize);
    void table(const Table &t);
    /// A framed box of blocks, split between blocks across pages when it must be. decorate is
    /// called once, on the first page, with the top-left of the box's content.
    void box(const std::vector<Block> &blocks, Colour border, Colour fill, double borderWidth,
             const std::function<void(double x, double y)> &decorate = {});

private:
    double blockHeight(const Block &b, const Laid &laid) const;
    void drawBlock(const Block &b, const Laid &laid, double x, double top, double width);
    std::vector<double> columnWidths(const Table &t) const;

    /// A heading and the paragraphs after it, until a table, box or chart starts: a page
    /// break within them moves them along to the next page, so that no heading or
    /// introduction is left alone at the bottom of a page.
    std::optional<PdfWriter::Mark> m_group;
    double m_groupTop = 0;
    PdfWriter &m_writer;
    double m_y = PdfWriter::PageHeight;   // below the bottom: the first block opens a page
};

} // namespace cp::pdf
