// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The report as a document: its sections, each a title and blocks (sentences, facts, tables of
// typed cells, the slice chart's data, the intersection and calibration grids, the decision),
// built once from a Report. The HTML (htmlreport.h) and the PDF (pdfreport.h) are renderers of
// it and the presentation picks its sections and figures, so the words, their order, the
// privacy floor and every number come from one place. A renderer decides only how a block
// looks: markup, fonts, glyphs it can draw.

#include <core/audit/auditresult.h>
#include <core/report/gateverdict.h>
#include <core/report/privacyfloor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

struct Report;

/// A run of text with the emphasis a renderer draws its own way.
struct DocSpan {
    enum class Style {
        Plain,
        Bold,
        NotEqual,   ///< the "≠" mark of a differing cell
        Changed,    ///< a changed word: highlighted and underlined
    };
    std::string text;
    Style style = Style::Plain;
};
using DocText = std::vector<DocSpan>;

/// A table cell, typed: the renderer formats a rate, a status or a flag, the builder has
/// already applied the privacy floor (a withheld rate, a count written "<5").
struct DocCell {
    enum class Kind {
        Text,       ///< text; a row header when `header`; small notes under it
        Number,     ///< right-aligned text (a count under the floor, a figure, "undefined")
        Rate,       ///< a proportion with its Wilson 95 % interval and k/n
        CheckResult, ///< a check's status, in words and colour
        Lines,      ///< one line per entry of `lines`
        Hash,       ///< a SHA-256 in a monospaced face
        Flag,       ///< a change beyond the regression threshold (`direction`)
        Changed,    ///< a pair cell that differs from the reference variant's
    };
    Kind kind = Kind::Text;
    std::string text;
    std::vector<std::string> lines;     ///< Lines; for Text, small notes under the text
    bool header = false;                ///< a row header
    bool bold = false;
    Proportion rate;                    ///< Rate
    bool withheld = false;              ///< Rate: a count below the privacy floor
    std::int64_t floorK = 0;            ///< Rate: the floor's k, when withheld
    CheckStatus status = CheckStatus::Insufficient;  ///< Status
    int direction = 0;                  ///< Flag: +1 regressed, −1 improved, 0 moved
    /// Changed: the reference variant's text; words of `text` not in it are marked. Empty:
    /// the whole cell differs (an outcome) and no word is marked.
    std::string reference;

    /// The lines of a Rate cell: "83.3 %", "43.6–97.0", "5/6"; "withheld", "a count below 5";
    /// "undefined", "n = 0".
    std::vector<std::string> rateLines() const;
};

struct DocTable {
    enum class Style {
        Plain,  ///< a head row of titles, then rows
        Facts,  ///< label / value rows, the labels as row headers
        Pair,   ///< a flipped family's variants side by side
    };
    struct Row {
        std::vector<DocCell> cells;
        bool lowSupport = false;        ///< greyed: the slice lacks the minimum support
    };
    Style style = Style::Plain;
    bool wide = false;                  ///< may scroll sideways on a screen
    std::vector<std::string> head;      ///< column titles; may be empty
    std::vector<Row> rows;
};

/// One group's point in one metric's panel of the slice chart.
struct SliceChartPoint {
    enum class State { Shown, Withheld, Undefined };
    std::string group;
    bool reference = false;
    bool lowSupport = false;            ///< report-only: dashed whiskers
    State state = State::Undefined;
    double value = 0, low = 0, high = 0;
    /// Beside the point: "83.3 % [43.6 %, 97.0 %] · 5/6 · low support"; for a point not
    /// shown, why: "withheld (<5, privacy floor)", "undefined (n = 0)".
    std::string text;
};

/// Selection rate, TPR and FPR per group of one attribute, with the axis every renderer uses.
struct SliceChartFigure {
    struct Panel {
        Metric metric = Metric::SelectionRate;
        std::string label;              ///< "selection rate"
        bool anyDefined = false;        ///< else one line: "undefined for every group (n = 0)"
        std::vector<SliceChartPoint> points;
    };
    std::string attribute;
    double axisMax = 1;                 ///< the axis runs from 0 to this
    std::vector<Panel> panels;
};

/// A grid cell: counted on the colour scale, report-only (hatched), or with no figure.
struct GridCell {
    enum class State { Counted, ReportOnly, Undefined, NoRows };
    State state = State::Undefined;
    double value = 0;                   ///< Counted: the colour
    std::vector<std::string> lines;     ///< value, interval, n; the first is emphasised
};

/// An intersection or a calibration as a grid: rows × columns of cells.
struct GridFigure {
    struct Row {
        std::string header;
        std::vector<GridCell> cells;
    };
    std::string caption;
    std::string corner;                 ///< "variant \ tier"
    std::vector<std::string> columns;
    std::vector<Row> rows;
};

/// The decision box: the gate's verdict first, then why.
struct DocDecision {
    GateVerdict verdict;
    std::string lead;                   ///< the sentence under the word
    std::string caveat;                 ///< repaired on the regression set; empty: none
    struct List {
        std::string title;
        std::vector<std::string> items;
    };
    std::vector<List> lists;            ///< failed, insufficient, missing (non-empty only)
    std::string facts;                  ///< "table 'x' · 20 rows · 10 families · …"
};

struct DocBlock {
    enum class Kind {
        Paragraph,  ///< body text
        Note,       ///< muted text
        Small,      ///< muted small print
        Caveat,     ///< a shaded warning
        Heading,    ///< a sub-heading (`bookmark`: listed in the PDF outline)
        Bullets,    ///< `items`
        Table,
        SliceChart,
        Grid,
        GridLegend, ///< the colour scale and the hatch, `text` saying what the hatch means
        Decision,
    };
    Kind kind = Kind::Paragraph;
    DocText text;
    bool bookmark = true;
    std::vector<std::string> items;
    DocTable table;
    SliceChartFigure chart;
    GridFigure grid;
    DocDecision decision;

    std::string plainText() const;      ///< the spans' text joined
};

struct DocSection {
    std::string id;                     ///< "slices": the HTML anchor
    std::string title;                  ///< empty for the decision: it has no heading
    std::vector<DocBlock> blocks;
};

struct ReportDocument {
    std::string title;                  ///< "Fairness audit: ShopFlow judge"
    std::string meta;                   ///< "Project x · table 'y' · report generated …"
    std::string generator;              ///< "counterpart-cli 0.1.0"
    GateVerdict verdict;
    std::vector<DocSection> sections;   ///< in the order every renderer shows them

    const DocSection *find(const std::string &id) const;
};

/// The document of a report: every section in order; a section with nothing to show (no
/// comparison, no warnings) is left out.
ReportDocument buildReportDocument(const Report &report);
/// The reviewer agreement section's blocks alone (the review page shows them too).
std::vector<DocBlock> reviewBlocks(const std::optional<ReviewEvidence> &reviews,
                                   const PrivacyFloor &floor);

namespace doc {

// Builders of blocks and cells, for the section builders (reportdocument.cpp,
// reportsections.cpp).
DocBlock paragraph(std::string text, DocBlock::Kind kind = DocBlock::Kind::Paragraph);
DocBlock paragraph(DocText text, DocBlock::Kind kind = DocBlock::Kind::Paragraph);
DocBlock heading(std::string text, bool bookmark = true);
DocBlock bullets(std::vector<std::string> items);
DocBlock table(DocTable t);
DocCell text(std::string text, bool bold = false);
DocCell header(std::string text, std::vector<std::string> notes = {}, bool bold = false);
DocCell number(std::string text);
DocCell rate(const Proportion &p, const PrivacyFloor &floor);
DocCell status(CheckStatus s);
DocCell lines(std::vector<std::string> lines);
DocCell hash(const std::string &sha256);    ///< "not recorded" when empty
DocCell flag(std::string text, int direction);
DocCell changed(std::string text, std::string reference, bool bold = false);
/// A label / value row of a Facts table.
DocTable::Row fact(std::string label, DocCell value);

} // namespace doc

} // namespace cp
