// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "pdflayout.h"

#include <algorithm>
#include <cmath>

namespace cp::pdf {

namespace {

constexpr double BulletIndent = 11;

const Colour HeadFill = rgb(0xf0f0f0U);
const Colour RowHeadFill = rgb(0xfafafaU);
const Colour HatchBack = rgb(0xeeeeeeU);
const Colour HatchStripe = rgb(0xc4c4c4U);

/// Text without a space in one style; words are runs of atoms with no space between them.
struct Atom {
    std::string ansi;
    const Span *span = nullptr;
    bool spaceBefore = false;
    bool breakBefore = false;
};

std::vector<Atom> atomsOf(const Rich &text)
{
    std::vector<Atom> atoms;
    bool pendingSpace = false;
    bool pendingBreak = false;
    for (const Span &span : text) {
        if (span.breakBefore) {
            pendingBreak = true;
            pendingSpace = false;
        }
        const std::string ansi = toWinAnsi(span.text);
        std::string current;
        auto flush = [&] {
            if (current.empty())
                return;
            atoms.push_back({current, &span, pendingSpace, pendingBreak});
            current.clear();
            pendingSpace = pendingBreak = false;
        };
        for (const char c : ansi) {
            if (c == ' ') {
                flush();
                pendingSpace = true;
            } else {
                current += c;
            }
        }
        flush();
    }
    return atoms;
}

double sizeOf(const Span &s, double size)
{
    return size * s.scale;
}

bool sameStyle(const Piece &p, const Span &s, double size)
{
    return p.font == s.font && p.size == size && p.colour == s.colour
           && p.highlight == s.highlight && p.underline == s.underline && p.overstrike.empty()
           && s.overstrike.empty();
}

Rich bolded(const Rich &text)
{
    Rich out = text;
    for (Span &s : out)
        if (s.font == Font::Regular)
            s.font = Font::Bold;
    return out;
}

/// The widest word of a text and its widest line unbroken: the narrowest and the widest a
/// column holding it needs to be.
std::pair<double, double> extent(const Rich &text, double size)
{
    const std::vector<Atom> atoms = atomsOf(text);
    double word = 0, line = 0, widestWord = 0, widestLine = 0;
    for (const Atom &a : atoms) {
        const double s = sizeOf(*a.span, size);
        const double w = textWidth(a.ansi, a.span->font, s);
        if (a.breakBefore) {
            widestLine = std::max(widestLine, line);
            line = 0;
        }
        if (a.spaceBefore || a.breakBefore)
            word = 0;
        if (a.spaceBefore && !a.breakBefore && line > 0)
            line += textWidth(" ", a.span->font, s);
        word += w;
        line += w;
        widestWord = std::max(widestWord, word);
    }
    return {widestWord, std::max(widestLine, line)};
}

} // namespace

Laid layoutText(const Rich &text, double size, double maxWidth, double leading)
{
    Laid laid;
    const std::vector<Atom> atoms = atomsOf(text);
    Line line;
    auto finishLine = [&] {
        if (line.size == 0)
            line.size = size;
        line.height = line.size * leading;
        laid.height += line.height;
        laid.lines.push_back(std::move(line));
        line = Line{};
    };
    auto place = [&](const Atom &a, const std::string &ansi, bool space) {
        const double s = sizeOf(*a.span, size);
        const double w = textWidth(ansi, a.span->font, s);
        const double gap = space ? textWidth(" ", a.span->font, s) : 0;
        if (!line.pieces.empty() && sameStyle(line.pieces.back(), *a.span, s)) {
            Piece &p = line.pieces.back();
            p.ansi += (space ? " " : "") + ansi;
            p.width += gap + w;
        } else {
            Piece p{ansi, a.span->font, s, a.span->colour, a.span->highlight,
                    a.span->underline, toWinAnsi(a.span->overstrike), line.width + gap, w};
            line.pieces.push_back(std::move(p));
        }
        line.width += gap + w;
        line.size = std::max(line.size, s);
    };
    std::size_t i = 0;
    while (i < atoms.size()) {
        // A word: this atom and those glued to it.
        std::size_t end = i + 1;
        while (end < atoms.size() && !atoms[end].spaceBefore && !atoms[end].breakBefore)
            ++end;
        double wordWidth = 0;
        for (std::size_t k = i; k < end; ++k)
            wordWidth += textWidth(atoms[k].ansi, atoms[k].span->font,
                                   sizeOf(*atoms[k].span, size));
        if (atoms[i].breakBefore && (!line.pieces.empty() || !laid.lines.empty() || i > 0))
            finishLine();
        const bool space = atoms[i].spaceBefore && !line.pieces.empty();
        const double gap = space ? textWidth(" ", atoms[i].span->font,
                                             sizeOf(*atoms[i].span, size))
                                 : 0;
        if (!line.pieces.empty() && line.width + gap + wordWidth > maxWidth + 0.01)
            finishLine();
        if (line.pieces.empty() && wordWidth > maxWidth + 0.01) {
            // Wider than the line: break it between characters.
            for (std::size_t k = i; k < end; ++k) {
                const double s = sizeOf(*atoms[k].span, size);
                for (const char c : atoms[k].ansi) {
                    const std::string one(1, c);
                    if (!line.pieces.empty()
                        && line.width + textWidth(one, atoms[k].span->font, s) > maxWidth + 0.01)
                        finishLine();
                    place(atoms[k], one, false);
                }
            }
        } else {
            for (std::size_t k = i; k < end; ++k)
                place(atoms[k], atoms[k].ansi, k == i && !line.pieces.empty() && space);
        }
        i = end;
    }
    if (!line.pieces.empty() || laid.lines.empty())
        finishLine();
    return laid;
}

void drawLines(PdfWriter &writer, const Laid &laid, double x, double top, double width,
               Align align, std::size_t from, std::size_t to)
{
    double y = top;
    for (std::size_t i = from; i < laid.lines.size() && i < to; ++i) {
        const Line &line = laid.lines[i];
        const double offset = align == Align::Right    ? width - line.width
                              : align == Align::Centre ? (width - line.width) / 2
                                                       : 0;
        const double baseline = y + line.height * 0.5 + line.size * 0.33;
        for (const Piece &p : line.pieces) {
            const double px = x + offset + p.x;
            if (p.highlight)
                writer.fillRect(px - 0.5, baseline - p.size * 0.8, p.width + 1, p.size * 1.05,
                                *p.highlight);
            writer.text(px, baseline, p.ansi, p.font, p.size, p.colour);
            if (p.underline)
                writer.line(px, baseline + 1.3, px + p.width, baseline + 1.3, p.colour, 0.6);
            if (!p.overstrike.empty()) {
                const double w = textWidth(p.overstrike, p.font, p.size);
                writer.text(px + (p.width - w) / 2, baseline, p.overstrike, p.font, p.size,
                            p.colour);
            }
        }
        y += line.height;
    }
}

void Layout::newPage()
{
    const std::optional<PdfWriter::Mark> group = m_group;
    m_group.reset();
    if (group && group->page == m_writer.currentPage() && m_groupTop > Top + 0.5
        && m_y - m_groupTop < (Bottom - Top) / 3) {
        m_writer.moveToNewPage(*group, m_groupTop - Top);
        m_y = Top + (m_y - m_groupTop);
        m_group = m_writer.mark();
        m_group->size = 0;
        m_groupTop = Top;
        return;
    }
    m_writer.addPage();
    m_y = Top;
}

void Layout::ensure(double height)
{
    if (m_y + height > Bottom && !atPageTop())
        newPage();
    if (m_y > Bottom)
        newPage();
}

void Layout::space(double height)
{
    if (!atPageTop())
        m_y += height;
}

void Layout::heading(const std::string &title, int level, bool bookmark)
{
    const double size = level <= 1 ? 14 : 10.5;
    const Laid laid = layoutText(rich(title, Font::Bold), size, width());
    if (!atPageTop() && m_y < Bottom)
        m_y += level <= 1 ? 16 : 8;
    ensure(laid.height + 80);
    if (!m_group) {
        m_group = m_writer.mark();
        m_groupTop = m_y;
    }
    if (bookmark)
        m_writer.bookmark(title, m_writer.currentPage(), m_y, level <= 1 ? 0 : 1);
    drawLines(m_writer, laid, left(), m_y, width(), Align::Left);
    m_y += laid.height;
    if (level <= 1) {
        m_writer.line(left(), m_y + 1.5, left() + width(), m_y + 1.5, rgb(0x222222U), 1.2);
        m_y += 7;
    } else {
        m_y += 2;
    }
}

double Layout::blockHeight(const Block &b, const Laid &laid) const
{
    return laid.height + (b.fill ? 10 : 0);
}

void Layout::drawBlock(const Block &b, const Laid &laid, double x, double top, double width)
{
    const double h = blockHeight(b, laid);
    if (b.fill)
        m_writer.fillRect(x + b.indent, top, width - b.indent, h, *b.fill);
    if (b.bar)
        m_writer.fillRect(x + b.indent, top, 4.5, h, *b.bar);
    double tx = x + b.indent + (b.bar ? 12 : b.fill ? 8 : 0);
    const double ty = top + (b.fill ? 5 : 0);
    if (b.bullet) {
        const double size = laid.lines.empty() ? b.size : laid.lines.front().size;
        const double baseline = ty + size * 1.25 * 0.5 + size * 0.33;
        m_writer.text(tx + 2, baseline, "\x95", Font::Regular, size, palette::Ink);
        tx += BulletIndent;
    }
    drawLines(m_writer, laid, tx, ty, width - (tx - x), Align::Left);
}

void Layout::block(const Block &b)
{
    const double inner = width() - b.indent - (b.bullet ? BulletIndent : 0)
                         - (b.bar ? 12 + 8 : b.fill ? 16 : 0);
    const Laid laid = layoutText(b.text, b.size, inner);
    if (m_y > Bottom)
        newPage();
    space(b.before);
    if ((b.fill || b.bar) && blockHeight(b, laid) <= Bottom - Top) {
        ensure(blockHeight(b, laid));
        drawBlock(b, laid, left(), m_y, width());
        m_y += blockHeight(b, laid);
        return;
    }
    // Text flows line by line (a shaded note taller than a page too, unshaded), never leaving
    // a single line behind a page break; a bullet goes with its first line.
    const double x = left() + b.indent + (b.bullet ? BulletIndent : 0);
    std::size_t at = 0;
    while (at < laid.lines.size()) {
        std::size_t fit = at;
        double h = 0;
        while (fit < laid.lines.size() && m_y + h + laid.lines[fit].height <= Bottom) {
            h += laid.lines[fit].height;
            ++fit;
        }
        if (!atPageTop()
            && (fit == at || (fit == at + 1 && laid.lines.size() - at > 1))) {
            newPage();
            continue;
        }
        if (fit == at)   // a line taller than a page: draw it anyway rather than loop
            h = laid.lines[fit++].height;
        if (at == 0 && b.bullet) {
            const double size = laid.lines.front().size;
            m_writer.text(left() + b.indent + 2,
                          m_y + laid.lines.front().height * 0.5 + size * 0.33, "\x95",
                          Font::Regular, size, palette::Ink);
        }
        drawLines(m_writer, laid, x, m_y, left() + width() - x, Align::Left, at, fit);
        m_y += h;
        at = fit;
    }
}

void Layout::paragraph(const Rich &text, double size, double before)
{
    Block b;
    b.text = text;
    b.size = size;
    b.before = before;
    block(b);
}

void Layout::bullets(const std::vector<std::string> &items, double size)
{
    for (const std::string &item : items) {
        Block b;
        b.text = rich(item);
        b.size = size;
        b.before = 2;
        b.bullet = true;
        b.indent = 4;
        block(b);
    }
}

void Layout::box(const std::vector<Block> &blocks, Colour border, Colour fill, double borderWidth,
                 const std::function<void(double, double)> &decorate)
{
    const double pad = 12;
    const double inner = width() - 2 * pad;
    std::vector<Laid> laid;
    for (const Block &b : blocks)
        laid.push_back(layoutText(b.text, b.size,
                                  inner - b.indent - (b.bullet ? BulletIndent : 0)
                                          - (b.bar ? 20 : b.fill ? 16 : 0)));
    if (m_y > Bottom)
        newPage();
    for (std::size_t i = 0; i < blocks.size(); ++i)
        if (blockHeight(blocks[i], laid[i]) + 2 * pad > Bottom - Top) {
            // A block taller than a page cannot be framed: the blocks flow unframed instead.
            for (const Block &b : blocks)
                block(b);
            return;
        }
    std::size_t at = 0;
    bool first = true;
    while (at < blocks.size()) {
        // The blocks that fit on this page (at least one, so a page always moves forward).
        std::size_t end = at;
        double h = 2 * pad;
        while (end < blocks.size()) {
            const double bh = (end == at ? 0 : blocks[end].before)
                              + blockHeight(blocks[end], laid[end]);
            if (end > at && m_y + h + bh > Bottom)
                break;
            h += bh;
            ++end;
        }
        if (m_y + h > Bottom && !atPageTop()) {
            newPage();
            continue;
        }
        closeGroup();
        m_writer.fillRect(left(), m_y, width(), h, fill);
        m_writer.strokeRect(left() + borderWidth / 2, m_y + borderWidth / 2, width() - borderWidth,
                            h - borderWidth, border, borderWidth);
        double y = m_y + pad;
        if (first && decorate)
            decorate(left() + pad, y);
        first = false;
        for (std::size_t i = at; i < end; ++i) {
            if (i > at)
                y += blocks[i].before;
            drawBlock(blocks[i], laid[i], left() + pad, y, inner);
            y += blockHeight(blocks[i], laid[i]);
        }
        m_y += h;
        at = end;
        if (at < blocks.size())
            newPage();
    }
}

std::vector<double> Layout::columnWidths(const Table &t) const
{
    std::size_t columns = t.head.size();
    for (const auto &row : t.rows)
        columns = std::max(columns, row.size());
    std::vector<double> lo(columns, 0), hi(columns, 0);
    auto measure = [&](const Cell &c, std::size_t col, bool bold) {
        auto [word, line] = extent(bold ? bolded(c.text) : c.text, t.size);
        // A word longer than 14 em (a hash, a long identifier) may break between characters.
        word = std::min(word, t.size * 14);
        lo[col] = std::max(lo[col], word + 2 * t.padX);
        hi[col] = std::max(hi[col], line + 2 * t.padX);
    };
    for (std::size_t c = 0; c < t.head.size(); ++c)
        measure(t.head[c], c, true);
    for (const auto &row : t.rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            measure(row[c], c, row[c].header);
    for (std::size_t c = 0; c < columns; ++c) {
        if (t.minColumn > 0 && c > 0)
            lo[c] = std::max(lo[c], t.minColumn);
        hi[c] = std::max(hi[c], lo[c]);
    }
    const double available = width();
    double sumLo = 0, sumHi = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        sumLo += lo[c];
        sumHi += hi[c];
    }
    std::vector<double> w(columns);
    if (sumHi <= available)
        return hi;
    if (sumLo >= available) {
        for (std::size_t c = 0; c < columns; ++c)
            w[c] = lo[c] * available / sumLo;
        return w;
    }
    // Every column its minimum; the rest shared so that the columns wanting least more get
    // all of it (a short title or number stays on one line) and the wide ones split what is
    // left evenly.
    std::vector<std::size_t> order(columns);
    for (std::size_t c = 0; c < columns; ++c)
        order[c] = c;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return hi[a] - lo[a] < hi[b] - lo[b];
    });
    double extra = available - sumLo;
    std::size_t left = columns;
    for (const std::size_t c : order) {
        const double give = std::min(hi[c] - lo[c], extra / double(left--));
        w[c] = lo[c] + give;
        extra -= give;
    }
    return w;
}

void Layout::table(const Table &t)
{
    const std::vector<double> widths = columnWidths(t);
    const double size = t.size;
    struct LaidRow {
        std::vector<Laid> cells;
        double height = 0;
    };
    const double maxRow = (Bottom - Top) * 0.8;
    auto layRow = [&](const std::vector<Cell> &row, bool head) {
        LaidRow r;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const bool bold = head || row[c].header;
            Laid l = layoutText(bold ? bolded(row[c].text) : row[c].text, size,
                                widths[c] - 2 * t.padX);
            if (l.height > maxRow) {
                // Longer than a page: cut, and say so (the workbench shows the whole text).
                while (!l.lines.empty() && l.height > maxRow - size * 2.5) {
                    l.height -= l.lines.back().height;
                    l.lines.pop_back();
                }
                Laid note = layoutText(rich("[... cut: too long for one page]", Font::Oblique,
                                            palette::Muted),
                                       size, widths[c] - 2 * t.padX);
                l.lines.insert(l.lines.end(), note.lines.begin(), note.lines.end());
                l.height += note.height;
            }
            r.height = std::max(r.height, l.height + 2 * t.padY);
            r.cells.push_back(std::move(l));
        }
        return r;
    };
    auto drawRow = [&](const std::vector<Cell> &row, const LaidRow &laid, bool head) {
        double x = left();
        for (std::size_t c = 0; c < row.size(); ++c) {
            const Cell &cell = row[c];
            const double w = widths[c];
            const Laid &l = laid.cells[c];
            if (cell.hatched)
                m_writer.hatch(x, m_y, w, laid.height, HatchBack, HatchStripe);
            else if (cell.fill)
                m_writer.fillRect(x, m_y, w, laid.height, *cell.fill);
            else if (head)
                m_writer.fillRect(x, m_y, w, laid.height, HeadFill);
            else if (cell.header)
                m_writer.fillRect(x, m_y, w, laid.height, RowHeadFill);
            const double top = t.middle ? m_y + (laid.height - l.height) / 2 : m_y + t.padY;
            if (cell.hatched) {
                // A white plate under each line, as the HTML's, so that the stripes never
                // cross the text and still show around it.
                double lineTop = top;
                for (const Line &line : l.lines) {
                    const double pw = line.width + 4;
                    const double inner = w - 2 * t.padX;
                    const double px = cell.align == Align::Centre
                                              ? x + t.padX + (inner - line.width) / 2 - 2
                                      : cell.align == Align::Right ? x + w - t.padX - pw + 2
                                                                   : x + t.padX - 2;
                    m_writer.fillRect(px, lineTop, pw, line.height, palette::White);
                    lineTop += line.height;
                }
            }
            drawLines(m_writer, l, x + t.padX, top, w - 2 * t.padX, cell.align);
            m_writer.strokeRect(x, m_y, w, laid.height, palette::Rule, 0.5);
            x += w;
        }
        m_y += laid.height;
    };

    const LaidRow head = t.head.empty() ? LaidRow{} : layRow(t.head, true);
    const Laid caption = layoutText(rich(t.caption, Font::Regular, palette::Muted), size,
                                    width());
    auto opening = [&](bool continued) {
        if (!t.caption.empty()) {
            const Laid c = continued ? layoutText(rich(t.caption + " (continued)", Font::Regular,
                                                       palette::Muted),
                                                  size, width())
                                     : caption;
            drawLines(m_writer, c, left(), m_y, width(), Align::Left);
            m_y += c.height + 2;
        }
        if (!t.head.empty())
            drawRow(t.head, head, true);
    };
    if (m_y > Bottom)
        newPage();
    space(5);
    // Start on a new page rather than leave the header and fewer than three rows behind, or
    // split a table of up to eight rows at all.
    std::vector<LaidRow> opened;
    double openHeight = (t.caption.empty() ? 0 : caption.height + 2) + head.height;
    const std::size_t keep = t.rows.size() <= 8 ? t.rows.size() : 3;
    for (std::size_t r = 0; r < t.rows.size() && r < keep; ++r) {
        opened.push_back(layRow(t.rows[r], false));
        openHeight += opened.back().height;
    }
    ensure(openHeight);
    closeGroup();
    opening(false);
    std::size_t onPage = 0;
    std::optional<LaidRow> next;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const LaidRow laid = next ? *next : r < opened.size() ? opened[r]
                                                              : layRow(t.rows[r], false);
        next.reset();
        bool breakHere = m_y + laid.height > Bottom;
        if (!breakHere && onPage > 0 && r + 2 == t.rows.size()) {
            // Never leave the last row alone on a page: take the one before it along.
            next = layRow(t.rows[r + 1], false);
            breakHere = m_y + laid.height + next->height > Bottom;
        }
        if (breakHere && onPage > 0) {
            newPage();
            opening(true);
            onPage = 0;
        }
        drawRow(t.rows[r], laid, false);
        ++onPage;
    }
    m_y += 4;
}

} // namespace cp::pdf
