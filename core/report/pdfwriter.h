// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The PDF primitives of the report, with no dependency: a PDF 1.4 file of A4 pages drawn with
// the standard Helvetica fonts (not embedded, WinAnsiEncoding), filled and stroked shapes,
// hatching and bookmarks. Text is measured with Helvetica's AFM glyph widths, so that the
// layout above (pdflayout.h) wraps lines exactly where the viewer draws them.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cp::pdf {

/// The standard fonts the report uses. Helvetica-Oblique has Helvetica's widths.
enum class Font { Regular, Bold, Oblique };

struct Colour {
    double r = 0, g = 0, b = 0;   ///< 0 … 1
    bool operator==(const Colour &) const = default;
};
/// 0xb3261e → Colour.
Colour rgb(unsigned hex);
/// "#b3261e" → Colour (black when malformed).
Colour rgb(std::string_view hex);

/// UTF-8 text as WinAnsi bytes (Windows-1252, what the standard fonts draw): Latin-1 and the
/// Windows extras (– — “ ” ‘ ’ • … € ™ Œ Š Ž) map to their code; the symbols the report writes
/// map to short ASCII (≤ "<=", ≥ ">=", − "-", ≠ "!=", → "->", κ "kappa", α "alpha", Δ "delta ",
/// ✓ "", ✕ "x", ▲ "up", ▼ "down"); thin and narrow no-break spaces become a no-break space, so
/// that "1 000 000" never breaks across lines; accented Latin letters outside Latin-1 lose their
/// accent ("ł" "l", "ő" "o"); Greek letters are spelled out; anything else, malformed UTF-8
/// included, is "?". Control characters other than tab (a space) are dropped.
std::string toWinAnsi(std::string_view utf8);

/// The advance width in points of WinAnsi bytes in a font at a size (AFM widths, no kerning).
double textWidth(std::string_view winAnsi, Font font, double size);

/// An A4 PDF under construction. Coordinates are points from the page's top-left corner with
/// y growing downwards (converted to PDF's bottom-left origin on output); text is positioned
/// by its baseline. Pages are kept in memory until finish(), so that any page can still be
/// drawn on (the footer's "page 3 of 12" needs the page count).
class PdfWriter
{
public:
    static constexpr double PageWidth = 595.276;    // A4: 210 mm
    static constexpr double PageHeight = 841.890;   //     297 mm

    /// Appends a page and makes it current; returns its index (0-based).
    int addPage();
    /// Makes an existing page current.
    void setPage(int index);
    int pageCount() const { return int(m_pages.size()); }
    int currentPage() const { return m_current; }

    /// Draws WinAnsi bytes (toWinAnsi) at a baseline.
    void text(double x, double baseline, std::string_view winAnsi, Font font, double size,
              Colour colour = {});
    void fillRect(double x, double y, double w, double h, Colour fill);
    void strokeRect(double x, double y, double w, double h, Colour stroke, double width = 0.5);
    void line(double x1, double y1, double x2, double y2, Colour stroke, double width = 0.5,
              bool dashed = false);
    /// A closed polygon, filled and optionally outlined.
    void polygon(const std::vector<std::pair<double, double>> &points, Colour fill,
                 std::optional<Colour> stroke = std::nullopt, double width = 0.5);
    /// A rectangle filled with background and crossed by diagonal stripes (135°, as the HTML's
    /// report-only hatch), clipped to the rectangle.
    void hatch(double x, double y, double w, double h, Colour background, Colour stripe,
               double spacing = 5, double stripeWidth = 1.2);

    /// Where the document stands: what was drawn on which page, how many bookmarks.
    struct Mark {
        int page = -1;
        std::size_t size = 0;
        std::size_t bookmarks = 0;
        bool operator==(const Mark &) const = default;
    };
    Mark mark() const;
    /// Moves everything drawn and bookmarked on the current page since a mark to a new page,
    /// `up` points higher (a heading and its introduction that must go along with what
    /// follows them). The new page becomes current.
    void moveToNewPage(const Mark &from, double up);

    /// A bookmark (the viewer's outline) to a point of a page; level 0 or 1 (under the last 0).
    void bookmark(const std::string &utf8Title, int page, double y, int level = 0);

    /// The whole file: header, objects, cross-reference table, trailer. Title and producer go
    /// to the document information dictionary (UTF-16, so any title is kept exactly).
    std::string finish(const std::string &title, const std::string &producer) const;

private:
    struct Bookmark {
        std::string title;
        int page = 0;
        double y = 0;
        int level = 0;
    };
    std::string &out();

    std::vector<std::string> m_pages;   // content streams
    std::vector<Bookmark> m_bookmarks;
    int m_current = -1;
};

} // namespace cp::pdf
