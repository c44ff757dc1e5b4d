// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "pdfwriter.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace cp::pdf {

namespace {

// Advance widths (1/1000 em) of WinAnsi codes 32 … 255, from Adobe's Helvetica and
// Helvetica-Bold AFM files (Helvetica-Oblique has Helvetica's). Codes WinAnsi leaves unused
// are 0: toWinAnsi never writes them.
constexpr int HelveticaWidths[224] = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
};
constexpr int HelveticaBoldWidths[224] = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
};

// The Windows-1252 extras in 0x80 … 0x9F, by code point.
constexpr std::pair<char32_t, unsigned char> WinAnsiExtras[] = {
    {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
    {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
    {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
    {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
    {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
    {0x017E, 0x9E}, {0x0178, 0x9F}, {0x2012, 0x96}, {0x2015, 0x97}, {0x2219, 0xB7},
    {0x22C5, 0xB7}, {0x2009, 0xA0}, {0x202F, 0xA0}, {0x2007, 0xA0}, {0x2002, 0x20},
    {0x2003, 0x20}, {0x2010, 0x2D}, {0x2011, 0x2D}, {0x2032, 0x27}, {0x2033, 0x22},
    {0x2044, 0x2F}, {0x2217, 0x2A}, {0x2223, 0x7C}, {0xFFFD, 0x3F},
};

// Symbols with no WinAnsi glyph, spelled in ASCII.
constexpr std::pair<char32_t, const char *> Spelled[] = {
    {0x2264, "<="}, {0x2265, ">="}, {0x2212, "-"}, {0x2260, "!="}, {0x2192, "->"},
    {0x2190, "<-"}, {0x2194, "<->"}, {0x21D2, "=>"}, {0x2248, "~"}, {0x221E, "infinity"},
    {0x2713, ""}, {0x2714, ""}, {0x2715, "x"}, {0x2716, "x"}, {0x2717, "x"}, {0x2718, "x"},
    {0x25B2, "up"}, {0x25B4, "up"}, {0x25BC, "down"}, {0x25BE, "down"}, {0x200A, ""},
    {0x200B, ""}, {0x200C, ""}, {0x200D, ""}, {0xFEFF, ""}, {0x2060, ""},
};

// Greek letters by their names, U+03B1 … U+03C9 (U+03C2 final sigma included).
constexpr const char *GreekNames[] = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon",
    "phi", "chi", "psi", "omega"};

// Base letters of Latin Extended-A, U+0100 … U+017F (the WinAnsi ones are mapped before).
constexpr char LatinExtendedA[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"
                                  "GgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlL"
                                  "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSs"
                                  "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// UTF-8 to code points; each byte of a malformed sequence becomes U+FFFD.
std::vector<char32_t> decode(std::string_view s)
{
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
                                  : (c & 0xF8) == 0xF0 ? 3 : -1;
        char32_t cp = extra == 0 ? c : extra == 1 ? c & 0x1F : extra == 2 ? c & 0x0F : c & 0x07;
        bool ok = extra >= 0 && i + std::size_t(extra) < s.size();
        for (int k = 1; ok && k <= extra; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok || (extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800)
            || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += std::size_t(extra) + 1;
    }
    return out;
}

bool isAlnum(char32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= 0xC0 && c <= 0x24F);
}

/// A number for a content stream: at most 2 decimals, no locale (a GUI's LC_NUMERIC of "de"
/// must not turn 12.5 into "12,5").
std::string n(double v)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    std::string s(buf, ec == std::errc() ? end : buf);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s == "-0" || s.empty() ? "0" : s;
}

std::string colourOps(Colour c, bool stroke)
{
    return n(c.r) + " " + n(c.g) + " " + n(c.b) + (stroke ? " RG\n" : " rg\n");
}

/// A PDF literal string: ( ) \ escaped, bytes outside printable ASCII as octal.
std::string literal(std::string_view bytes)
{
    std::string s = "(";
    for (const char ch : bytes) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == '(' || c == ')' || c == '\\') {
            s += '\\';
            s += ch;
        } else if (c < 32 || c > 126) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            s += buf;
        } else {
            s += ch;
        }
    }
    return s + ")";
}

/// A text string in UTF-16BE with its byte-order mark, as hex: any title, exactly.
std::string utf16Hex(std::string_view utf8)
{
    std::string s = "<FEFF";
    char buf[8];
    for (char32_t c : decode(utf8)) {
        if (c >= 0x10000) {
            c -= 0x10000;
            std::snprintf(buf, sizeof buf, "%04X", unsigned(0xD800 + (c >> 10)));
            s += buf;
            c = 0xDC00 + (c & 0x3FF);
        }
        std::snprintf(buf, sizeof buf, "%04X", unsigned(c));
        s += buf;
    }
    return s + ">";
}

double y(double top)
{
    return PdfWriter::PageHeight - top;
}

} // namespace

Colour rgb(unsigned hex)
{
    return {((hex >> 16) & 0xFF) / 255.0, ((hex >> 8) & 0xFF) / 255.0, (hex & 0xFF) / 255.0};
}

Colour rgb(std::string_view hex)
{
    if (hex.size() != 7 || hex[0] != '#')
        return {};
    unsigned v = 0;
    const auto [p, ec] = std::from_chars(hex.data() + 1, hex.data() + 7, v, 16);
    return ec == std::errc() && p == hex.data() + 7 ? rgb(v) : Colour{};
}

std::string toWinAnsi(std::string_view utf8)
{
    const std::vector<char32_t> cps = decode(utf8);
    std::string out;
    out.reserve(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c == '\t' || c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x300 && c < 0x370))
            continue;   // controls; combining accents (their base letter is already out)
        if (c < 0x7F || (c >= 0xA0 && c <= 0xFF)) {
            out += char(c);
            continue;
        }
        const auto extra = std::find_if(std::begin(WinAnsiExtras), std::end(WinAnsiExtras),
                                        [c](const auto &e) { return e.first == c; });
        if (extra != std::end(WinAnsiExtras)) {
            out += char(extra->second);
            continue;
        }
        const auto spelled = std::find_if(std::begin(Spelled), std::end(Spelled),
                                          [c](const auto &e) { return e.first == c; });
        if (spelled != std::end(Spelled)) {
            out += spelled->second;
            continue;
        }
        const bool wordFollows = i + 1 < cps.size() && isAlnum(cps[i + 1]);
        if (c >= 0x3B1 && c <= 0x3C9) {
            out += GreekNames[c - 0x3B1];
            continue;
        }
        if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {
            // Capital Greek: "Δscore" reads "delta score".
            out += GreekNames[c - 0x391];
            if (wordFollows)
                out += ' ';
            continue;
        }
        if (c >= 0x100 && c <= 0x17F) {
            out += LatinExtendedA[c - 0x100];
            continue;
        }
        if (c >= 0x218 && c <= 0x21B) {   // Romanian comma-below letters
            out += "SsTt"[c - 0x218];
            continue;
        }
        out += '?';
    }
    return out;
}

double textWidth(std::string_view winAnsi, Font font, double size)
{
    const int *widths = font == Font::Bold ? HelveticaBoldWidths : HelveticaWidths;
    long total = 0;
    for (const char ch : winAnsi) {
        const unsigned char c = static_cast<unsigned char>(ch);
        total += c >= 32 ? widths[c - 32] : 0;
    }
    return double(total) * size / 1000.0;
}

int PdfWriter::addPage()
{
    m_pages.emplace_back();
    m_current = int(m_pages.size()) - 1;
    return m_current;
}

void PdfWriter::setPage(int index)
{
    if (index >= 0 && index < pageCount())
        m_current = index;
}

std::string &PdfWriter::out()
{
    if (m_current < 0)
        addPage();
    return m_pages[std::size_t(m_current)];
}

void PdfWriter::text(double x, double baseline, std::string_view winAnsi, Font font, double size,
                     Colour colour)
{
    if (winAnsi.empty())
        return;
    const char *name = font == Font::Bold ? "/F2 " : font == Font::Oblique ? "/F3 " : "/F1 ";
    out() += "BT\n" + colourOps(colour, false) + name + n(size) + " Tf\n" + n(x) + " "
             + n(y(baseline)) + " Td\n" + literal(winAnsi) + " Tj\nET\n";
}

void PdfWriter::fillRect(double x, double top, double w, double h, Colour fill)
{
    out() += colourOps(fill, false) + n(x) + " " + n(y(top + h)) + " " + n(w) + " " + n(h)
             + " re f\n";
}

void PdfWriter::strokeRect(double x, double top, double w, double h, Colour stroke, double width)
{
    out() += colourOps(stroke, true) + n(width) + " w\n[] 0 d\n" + n(x) + " " + n(y(top + h))
             + " " + n(w) + " " + n(h) + " re S\n";
}

void PdfWriter::line(double x1, double y1, double x2, double y2, Colour stroke, double width,
                     bool dashed)
{
    out() += colourOps(stroke, true) + n(width) + " w\n" + (dashed ? "[4 2.5] 0 d\n" : "[] 0 d\n")
             + n(x1) + " " + n(y(y1)) + " m " + n(x2) + " " + n(y(y2)) + " l S\n";
}

void PdfWriter::polygon(const std::vector<std::pair<double, double>> &points, Colour fill,
                        std::optional<Colour> stroke, double width)
{
    if (points.size() < 3)
        return;
    std::string &s = out();
    s += colourOps(fill, false);
    if (stroke)
        s += colourOps(*stroke, true) + n(width) + " w\n[] 0 d\n";
    for (std::size_t i = 0; i < points.size(); ++i)
        s += n(points[i].first) + " " + n(y(points[i].second)) + (i == 0 ? " m\n" : " l\n");
    s += stroke ? "b\n" : "f\n";
}

void PdfWriter::hatch(double x, double top, double w, double h, Colour background, Colour stripe,
                      double spacing, double stripeWidth)
{
    std::string &s = out();
    s += "q\n";
    fillRect(x, top, w, h, background);
    s += n(x) + " " + n(y(top + h)) + " " + n(w) + " " + n(h) + " re W n\n";
    s += colourOps(stripe, true) + n(stripeWidth) + " w\n[] 0 d\n";
    // 135°: from the top edge down to the left, every `spacing` points along the top.
    for (double t = 0; t < w + h; t += spacing)
        s += n(x + t) + " " + n(y(top)) + " m " + n(x + t - h) + " " + n(y(top + h)) + " l\n";
    s += "S\nQ\n";
}

PdfWriter::Mark PdfWriter::mark() const
{
    return {m_current, m_current < 0 ? 0 : m_pages[std::size_t(m_current)].size(),
            m_bookmarks.size()};
}

void PdfWriter::moveToNewPage(const Mark &from, double up)
{
    if (from.page != m_current || m_current < 0) {
        addPage();
        return;
    }
    std::string &page = m_pages[std::size_t(m_current)];
    const std::size_t at = std::min(from.size, page.size());
    const std::string tail = page.substr(at);
    page.resize(at);
    const int target = addPage();
    // The same operators under a translation, in their own graphics state.
    out() += "q\n1 0 0 1 0 " + n(up) + " cm\n" + tail + "Q\n";
    for (std::size_t i = std::min(from.bookmarks, m_bookmarks.size()); i < m_bookmarks.size();
         ++i) {
        m_bookmarks[i].page = target;
        m_bookmarks[i].y -= up;
    }
}

void PdfWriter::bookmark(const std::string &utf8Title, int page, double top, int level)
{
    m_bookmarks.push_back({utf8Title, page, top, level > 0 ? 1 : 0});
}

std::string PdfWriter::finish(const std::string &title, const std::string &producer) const
{
    // Objects: 1 catalog, 2 page tree, 3–5 fonts, 6 information, then the outline (root and
    // items), then each page and its content stream.
    const int pages = std::max(pageCount(), 1);
    const int outlineRoot = m_bookmarks.empty() ? 0 : 7;
    const int firstItem = 8;
    const int firstPage = outlineRoot ? firstItem + int(m_bookmarks.size()) : 7;
    const auto pageObj = [&](int i) { return firstPage + 2 * i; };
    std::vector<std::string> objects(std::size_t(firstPage + 2 * pages));

    std::string kids;
    for (int i = 0; i < pages; ++i)
        kids += (i ? " " : "") + std::to_string(pageObj(i)) + " 0 R";
    objects[1] = "<< /Type /Catalog /Pages 2 0 R"
                 + (outlineRoot ? " /Outlines " + std::to_string(outlineRoot)
                                          + " 0 R /PageMode /UseOutlines"
                                : std::string())
                 + " >>";
    objects[2] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
    const char *fonts[] = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique"};
    for (int f = 0; f < 3; ++f)
        objects[std::size_t(3 + f)] = std::string("<< /Type /Font /Subtype /Type1 /BaseFont /")
                                      + fonts[f] + " /Encoding /WinAnsiEncoding >>";
    objects[6] = "<< /Title " + utf16Hex(title) + " /Producer " + utf16Hex(producer) + " >>";

    if (outlineRoot) {
        // Two levels: an item of level 1 belongs to the nearest level-0 item before it.
        const int count = int(m_bookmarks.size());
        std::vector<int> parent(std::size_t(count), outlineRoot);
        int lastTop = -1;
        for (int i = 0; i < count; ++i) {
            if (m_bookmarks[std::size_t(i)].level == 0 || lastTop < 0)
                lastTop = i;
            else
                parent[std::size_t(i)] = firstItem + lastTop;
        }
        auto siblings = [&](int p) {
            std::vector<int> v;
            for (int i = 0; i < count; ++i)
                if (parent[std::size_t(i)] == p)
                    v.push_back(i);
            return v;
        };
        const std::vector<int> top = siblings(outlineRoot);
        objects[std::size_t(outlineRoot)]
                = "<< /Type /Outlines /First " + std::to_string(firstItem + top.front())
                  + " 0 R /Last " + std::to_string(firstItem + top.back()) + " 0 R /Count "
                  + std::to_string(count) + " >>";
        for (int i = 0; i < count; ++i) {
            const Bookmark &b = m_bookmarks[std::size_t(i)];
            const std::vector<int> same = siblings(parent[std::size_t(i)]);
            const auto at = std::find(same.begin(), same.end(), i) - same.begin();
            const std::vector<int> children = siblings(firstItem + i);
            std::string o = "<< /Title " + utf16Hex(b.title) + " /Parent "
                            + std::to_string(parent[std::size_t(i)]) + " 0 R";
            if (at > 0)
                o += " /Prev " + std::to_string(firstItem + same[std::size_t(at - 1)]) + " 0 R";
            if (std::size_t(at) + 1 < same.size())
                o += " /Next " + std::to_string(firstItem + same[std::size_t(at + 1)]) + " 0 R";
            if (!children.empty())
                o += " /First " + std::to_string(firstItem + children.front()) + " 0 R /Last "
                     + std::to_string(firstItem + children.back()) + " 0 R /Count "
                     + std::to_string(children.size());
            o += " /Dest [" + std::to_string(pageObj(std::clamp(b.page, 0, pages - 1)))
                 + " 0 R /XYZ 0 " + n(y(std::max(0.0, b.y - 12))) + " null] >>";
            objects[std::size_t(firstItem + i)] = o;
        }
    }

    for (int i = 0; i < pages; ++i) {
        const std::string &content = i < pageCount() ? m_pages[std::size_t(i)] : std::string();
        objects[std::size_t(pageObj(i))]
                = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + n(PageWidth) + " "
                  + n(PageHeight) + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> "
                  + "/ProcSet [/PDF /Text] >> /Contents " + std::to_string(pageObj(i) + 1)
                  + " 0 R >>";
        objects[std::size_t(pageObj(i) + 1)] = "<< /Length " + std::to_string(content.size())
                                               + " >>\nstream\n" + content + "\nendstream";
    }

    std::size_t total = 64;
    for (const std::string &o : objects)
        total += o.size() + 40;
    std::string file;
    file.reserve(total + objects.size() * 20 + 256);
    // The second line's bytes above 127 tell transfer tools the file is binary.
    file += "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets(objects.size(), 0);
    for (std::size_t i = 1; i < objects.size(); ++i) {
        offsets[i] = file.size();
        file += std::to_string(i) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = file.size();
    file += "xref\n0 " + std::to_string(objects.size()) + "\n0000000000 65535 f \n";
    char entry[24];
    for (std::size_t i = 1; i < objects.size(); ++i) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[i]);
        file += entry;
    }
    file += "trailer\n<< /Size " + std::to_string(objects.size())
            + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return file;
}

} // namespace cp::pdf
