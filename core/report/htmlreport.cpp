// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "htmlreport.h"

#include "htmltext.h"
#include "reportcharts.h"
#include "reportformat.h"

#include <core/audit/pairsindex.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cp {

namespace {

// Print colours are kept (hatches, scale) so that a PDF printed from the browser keeps every cue.
const char *const Css = R"CSS(
:root { --ink: #1a1a1a; --muted: #555555; --line: #cfcfcf;
        --blocked: #b3261e; --approved: #1b6e3a; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink); font-size: 15px; line-height: 1.45;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
                    sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #222222; }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.meta, p.note, .small { color: var(--muted); }
.small { font-size: 12px; }
nav ol { columns: 3; margin: 8px 0; padding-left: 20px; color: var(--muted); }
.decision { border: 4px solid; border-radius: 8px; padding: 16px 22px; margin: 18px 0 8px; }
.decision.blocked { border-color: var(--blocked); background: #fdf0ef; }
.decision.approved { border-color: var(--approved); background: #edf7f0; }
.decision.none { border-color: #666666; background: #f4f4f4; }
.verdict { font-size: 40px; font-weight: 800; letter-spacing: 0.04em; line-height: 1.1; }
.blocked .verdict { color: var(--blocked); } .approved .verdict { color: var(--approved); }
.decision .lead { font-size: 17px; margin: 6px 0 4px; }
.decision ul { margin: 4px 0 8px; padding-left: 22px; }
.decision h3 { margin: 14px 0 2px; }
.caveat { border-left: 6px solid #b36b00; background: #fff4e0; padding: 10px 14px; margin: 12px 0;
          font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
tbody th { background: #fafafa; font-weight: 600; }
table.grid tbody th { vertical-align: middle; }
table.facts th { width: 230px; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rate { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rate .small, tbody th .small { display: block; font-weight: 400; }
td.status-passed, td.status-failed, td.status-insufficient { white-space: nowrap; }
.flag-up { color: var(--blocked); font-weight: 700; white-space: nowrap; }
.flag-down { color: var(--approved); font-weight: 700; white-space: nowrap; }
.flag-moved { color: #333333; white-space: nowrap; }
.wide { overflow-x: auto; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
              word-break: break-all; }
.status-passed { color: var(--approved); font-weight: 700; }
.status-failed { color: var(--blocked); font-weight: 700; }
.status-insufficient { color: #8a5a00; font-weight: 700; }
tr.low-support td, tr.low-support th { background: #f6f6f6; }
table.grid td.cell { min-width: 150px; text-align: center; vertical-align: middle; padding: 8px; }
table.grid caption { caption-side: top; text-align: left; color: var(--muted); padding: 2px 0 6px; }
.report-only { background: repeating-linear-gradient(135deg, #eeeeee 0 7px, #c4c4c4 7px 9px);
               color: #333333; font-style: italic; }
.plate { background: rgba(255, 255, 255, 0.9); padding: 2px 6px; display: inline-block; }
td.undefined { background: #fafafa; color: var(--muted); }
.legend { color: var(--muted); font-size: 13px; }
.legend .scale, .legend .swatch { display: inline-block; width: 120px; height: 14px;
              border: 1px solid #808080; vertical-align: middle; margin: 0 4px 0 0; }
.legend .swatch { width: 34px; margin-left: 18px; }
table.pair td { max-width: 420px; }
td.changed { background: #fff1dd; }
.ne { font-weight: 800; color: #9a4a00; }
mark.changed { background: #ffd9a0; color: inherit; font-weight: 700; text-decoration: underline; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0 4px; }
ul.plain { padding-left: 20px; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; } table, svg, .decision { break-inside: avoid; }
}
)CSS";

using namespace html;

std::string spans(const DocText &text)
{
    std::string s;
    for (const DocSpan &span : text)
        switch (span.style) {
        case DocSpan::Style::Plain: s += esc(span.text); break;
        case DocSpan::Style::Bold: s += "<b>" + esc(span.text) + "</b>"; break;
        case DocSpan::Style::NotEqual:
            s += "<span class=\"ne\">" + esc(span.text) + "</span>";
            break;
        case DocSpan::Style::Changed:
            s += "<mark class=\"changed\">" + esc(span.text) + "</mark>";
            break;
        }
    return s;
}

/// A cell's text with the words not in the reference's text marked.
std::string markedText(const std::string &text, const std::string &reference)
{
    std::string s;
    std::size_t at = 0;
    for (const auto &[b, e] : changedWords(text, reference)) {
        s += esc(std::string_view(text).substr(at, b - at));
        s += "<mark class=\"changed\">" + esc(std::string_view(text).substr(b, e - b)) + "</mark>";
        at = e;
    }
    return s + esc(std::string_view(text).substr(at));
}

std::string cellHtml(const DocCell &c)
{
    const std::string text = c.bold ? "<b>" + esc(c.text) + "</b>" : esc(c.text);
    switch (c.kind) {
    case DocCell::Kind::Text: {
        if (!c.header)
            return "<td>" + text + "</td>";
        std::string s = "<th>" + text;
        for (const std::string &note : c.lines)
            s += "<span class=\"small\">" + esc(note) + "</span>";
        return s + "</th>";
    }
    case DocCell::Kind::Number:
        return "<td class=\"num\">" + text + "</td>";
    case DocCell::Kind::Rate: {
        const auto lines = c.rateLines();
        const bool shown = !c.withheld && c.rate.defined();
        std::string s = "<td class=\"rate\">"
                        + (shown ? "<b>" + esc(lines[0]) + "</b>" : esc(lines[0]));
        for (std::size_t i = 1; i < lines.size(); ++i)
            s += "<span class=\"small\">" + esc(lines[i]) + "</span>";
        return s + "</td>";
    }
    case DocCell::Kind::CheckResult:
        switch (c.status) {
        case CheckStatus::Passed: return "<td class=\"status-passed\">✓ passed</td>";
        case CheckStatus::Failed: return "<td class=\"status-failed\">✕ failed</td>";
        case CheckStatus::Insufficient:
            return "<td class=\"status-insufficient\">? insufficient</td>";
        }
        return "<td></td>";
    case DocCell::Kind::Lines: {
        std::string s = "<td>";
        for (const std::string &line : c.lines)
            s += "<div>" + esc(line) + "</div>";
        return s + "</td>";
    }
    case DocCell::Kind::Hash:
        return "<td><span class=\"hash\">" + esc(c.text) + "</span></td>";
    case DocCell::Kind::Flag:
        // A shape and the words, never colour alone.
        return c.direction > 0   ? "<td class=\"flag-up\">▲ " + text + "</td>"
               : c.direction < 0 ? "<td class=\"flag-down\">▼ " + text + "</td>"
                                 : "<td class=\"flag-moved\">" + text + "</td>";
    case DocCell::Kind::Changed:
        return "<td class=\"changed\"><span class=\"ne\">≠ </span>"
               + (c.reference.empty() ? text : markedText(c.text, c.reference)) + "</td>";
    }
    return "<td></td>";
}

std::string tableHtml(const DocTable &t)
{
    const char *cls = t.style == DocTable::Style::Facts  ? " class=\"facts\""
                      : t.style == DocTable::Style::Pair ? " class=\"pair\""
                                                         : "";
    std::string s = std::string("<table") + cls + ">";
    if (!t.head.empty()) {
        s += "<thead><tr>";
        for (const std::string &h : t.head)
            s += "<th>" + esc(h) + "</th>";
        s += "</tr></thead>";
    }
    s += "<tbody>";
    for (const DocTable::Row &row : t.rows) {
        s += row.lowSupport ? "<tr class=\"low-support\">" : "<tr>";
        for (const DocCell &c : row.cells)
            s += cellHtml(c);
        s += "</tr>";
    }
    s += "</tbody></table>";
    return t.wide ? "<div class=\"wide\">" + s + "</div>" : s;
}

std::string list(const std::vector<std::string> &items)
{
    std::string s = "<ul>";
    for (const std::string &i : items)
        s += "<li>" + esc(i) + "</li>";
    return s + "</ul>";
}

std::string decisionHtml(const DocDecision &d)
{
    const GateVerdict &v = d.verdict;
    const char *cls = v.outcome == GateVerdict::Outcome::NoContract ? "none"
                      : v.blocks()                                  ? "blocked"
                                                                    : "approved";
    const std::string word = v.outcome == GateVerdict::Outcome::NoContract ? v.word()
                             : v.blocks() ? "✕ " + v.word()
                                          : "✓ " + v.word();
    std::string s = std::string("<div class=\"decision ") + cls + "\">";
    s += "<div class=\"verdict\">" + esc(word) + "</div>";
    s += "<p class=\"lead\">" + esc(d.lead) + "</p>";
    if (!d.caveat.empty())
        s += "<p class=\"caveat\">" + esc(d.caveat) + "</p>";
    for (const DocDecision::List &l : d.lists)
        s += "<h3>" + esc(l.title) + "</h3>" + list(l.items);
    return s + "<p class=\"small\">" + esc(d.facts) + "</p></div>";
}

std::string blockHtml(const DocBlock &b)
{
    switch (b.kind) {
    case DocBlock::Kind::Paragraph: return "<p>" + spans(b.text) + "</p>";
    case DocBlock::Kind::Note: return "<p class=\"note\">" + spans(b.text) + "</p>";
    case DocBlock::Kind::Small: return "<p class=\"small\">" + spans(b.text) + "</p>";
    case DocBlock::Kind::Caveat: return "<p class=\"caveat\">" + spans(b.text) + "</p>";
    case DocBlock::Kind::Heading: return "<h3>" + spans(b.text) + "</h3>";
    case DocBlock::Kind::Bullets: return list(b.items);
    case DocBlock::Kind::Table: return tableHtml(b.table);
    case DocBlock::Kind::SliceChart: return sliceChartSvg(b.chart);
    case DocBlock::Kind::Grid: return gridHtml(b.grid);
    case DocBlock::Kind::GridLegend: return gridLegendHtml(b.plainText());
    case DocBlock::Kind::Decision: return decisionHtml(b.decision);
    }
    return {};
}

std::string blocksHtml(const std::vector<DocBlock> &blocks)
{
    std::string s;
    for (const DocBlock &b : blocks)
        s += blockHtml(b);
    return s;
}

} // namespace

std::string renderHtml(const Report &report)
{
    return renderHtml(buildReportDocument(report));
}

std::string renderHtml(const ReportDocument &doc)
{
    std::string s;
    s.reserve(64 * 1024);
    s += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
         "<meta name=\"generator\" content=\"" + esc(doc.generator) + "\"/>"
         "<title>" + esc(doc.title + " — " + doc.verdict.word()) + "</title>"
         "<style>" + Css + "</style></head><body><main>";
    s += "<header><h1>" + esc(doc.title) + "</h1><p class=\"meta\">" + esc(doc.meta)
         + "</p></header>";
    std::string toc;
    for (const DocSection &section : doc.sections) {
        if (!section.title.empty())
            toc += "<li><a href=\"#" + section.id + "\">" + esc(section.title) + "</a></li>";
    }
    for (const DocSection &section : doc.sections) {
        s += "<section id=\"" + section.id + "\">";
        if (!section.title.empty())
            s += "<h2>" + esc(section.title) + "</h2>";
        s += blocksHtml(section.blocks) + "</section>";
        if (section.id == "decision")
            s += "<nav><ol>" + toc + "</ol></nav>";   // the contents, under the verdict
    }
    s += "</main></body></html>\n";
    return s;
}

std::string htmlReviewSection(const std::optional<ReviewEvidence> &reviews,
                              const PrivacyFloor &floor)
{
    return blocksHtml(reviewBlocks(reviews, floor));
}

Status writeReportFile(const std::string &path, std::string_view content)
{
    namespace fs = std::filesystem;
    const std::string tmp = path + ".tmp";
    {
        errno = 0;
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return Error{ErrorCode::Io, path, 0, {},
                         std::string("cannot create the file")
                                 + (errno ? std::string(": ") + std::strerror(errno)
                                          : std::string())};
        f.write(content.data(), std::streamsize(content.size()));
        f.flush();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return Error{ErrorCode::Io, path, 0, {}, "cannot write the file"};
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return Error{ErrorCode::Io, path, 0, {}, "cannot replace the file: " + ec.message()};
    }
    return Ok{};
}

} // namespace cp
