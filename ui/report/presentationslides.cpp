// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The text slides: the decision, the flips and what is missing (the chart and the grid are in
// presentationfigureslides.cpp), and the sizing shared by all of them.

#include "presentationslides.h"

#include "presentationslicechart.h"

#include <ui/audit/auditformat.h>
#include <ui/audit/decisionbanner.h>
#include <ui/audit/heatmapdelegate.h>

#include <core/report/report.h>
#include <core/report/privacyfloor.h>
#include <core/report/reportformat.h>

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QHeaderView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cp::ui::slides {

using format::qs;

namespace {

const char *const RoleProperty = "cpSlideRole";
const char *const BoldProperty = "cpSlideBold";

const QColor Ink(0x1a, 0x1a, 0x1a);
const QColor Muted(0x4a, 0x4a, 0x4a);
const QColor FailedInk(0xb0, 0x3a, 0x00);       // dark vermillion, 6:1 on white
const QColor InsufficientInk(0x7a, 0x53, 0x00); // dark amber, 7:1 on white
const QColor MissingInk(0x3b, 0x3b, 0x8f);      // dark blue-violet, 9:1 on white

constexpr int MaxReasons = 9;       // lines of reasons before "… and N more"
constexpr int MaxFieldChars = 220;  // a pair's field value shown on a slide
constexpr std::size_t MaxPairTests = 3;  // McNemar lines on the flips slide

QString htmlColour(const QColor &c)
{
    return c.name(QColor::HexRgb);
}

QString clipped(QString s, int max)
{
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

QString checkLine(const cp::Check &c, const cp::Report &report)
{
    QString line = qs(cp::checkTitle(c));
    if (!c.attribute.empty())
        line += QStringLiteral(" (%1)").arg(qs(c.attribute));
    line += QStringLiteral(": %1 — limit %2")
                .arg(qs(cp::checkValueText(c, report.result, report.floor)),
                     qs(cp::checkLimitText(c)));
    return line;
}

/// A status word and its line of text, in a two-column grid.
void addReason(QGridLayout *grid, const QString &word, const QColor &ink, const QString &line,
               QWidget *parent)
{
    const int row = grid->rowCount();
    QLabel *status = text(word, TextRole::Body, parent, true);
    status->setWordWrap(false);
    status->setStyleSheet(QStringLiteral("color: %1;").arg(htmlColour(ink)));
    QLabel *what = text(line, TextRole::Body, parent);
    what->setTextFormat(Qt::PlainText);
    grid->addWidget(status, row, 0, Qt::AlignTop | Qt::AlignLeft);
    grid->addWidget(what, row, 1, Qt::AlignTop);
}

QString countOf(const cp::Report &report, std::int64_t n)
{
    return qs(report.floor.count(n, true));
}

} // namespace

int basePixelSize(TextRole role)
{
    switch (role) {
    case TextRole::Huge: return 150;
    case TextRole::Title: return 68;
    case TextRole::Large: return 50;
    case TextRole::Body: return 36;
    case TextRole::Small: return 27;
    }
    return 36;
}

void setRole(QWidget *widget, TextRole role, bool bold)
{
    widget->setProperty(RoleProperty, int(role));
    widget->setProperty(BoldProperty, bold);
}

QLabel *text(const QString &text, TextRole role, QWidget *parent, bool bold)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::AutoText);
    label->setFocusPolicy(Qt::NoFocus);
    setRole(label, role, bold);
    return label;
}

void applyScale(QWidget *root, double scale)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        const QVariant role = w->property(RoleProperty);
        if (role.isValid()) {
            QFont font = w->font();
            font.setPixelSize(std::max(9, int(basePixelSize(TextRole(role.toInt())) * scale)));
            font.setBold(w->property(BoldProperty).toBool());
            w->setFont(font);
        }
        if (auto *chart = qobject_cast<PresentationSliceChart *>(w))
            chart->setScale(scale);
        if (auto *grid = qobject_cast<QTableView *>(w)) {
            // A style sheet would override a header font set directly: the size goes in it.
            const int header = std::max(9, int(basePixelSize(TextRole::Body) * scale));
            grid->setStyleSheet(
                QStringLiteral("QTableView { background: white; border: none; }"
                               " QHeaderView { background: white; }"
                               " QHeaderView::section { background: white; color: #1a1a1a;"
                               " border: none; padding: 4px 16px; font-size: %1px; }"
                               " QTableCornerButton::section { background: white; border: none; }")
                    .arg(header));
            // ... and in the headers' own fonts, which their size hints read at once.
            QFont headerFont = grid->font();
            headerFont.setPixelSize(header);
            headerFont.setBold(false);
            grid->horizontalHeader()->setFont(headerFont);
            grid->verticalHeader()->setFont(headerFont);
            grid->verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
            // fitGrid raises the minimum section size; a header's size hint never falls below
            // it, so a smaller scale starts from the style's default.
            grid->horizontalHeader()->setMinimumSectionSize(-1);
            HeatmapDelegate::fitGrid(grid);
            // Every row shows (no scrolling), and the rows share the room the slide leaves.
            grid->setMinimumHeight(grid->maximumHeight());
            grid->setMaximumHeight(QWIDGETSIZE_MAX);
            grid->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        }
    }
}

QColor decisionColour(const cp::GateVerdict &verdict)
{
    if (verdict.outcome == cp::GateVerdict::Outcome::NoContract)
        return QColor(0x5f, 0x63, 0x68);
    return verdict.blocks() ? QColor(0xb0, 0x3a, 0x00) : QColor(0x00, 0x5a, 0x8c);
}

QString decisionWord(const cp::GateVerdict &verdict)
{
    if (verdict.outcome == cp::GateVerdict::Outcome::NoContract)
        return QStringLiteral("NO CONTRACT");
    return (verdict.blocks() ? QStringLiteral("✕  ") : QStringLiteral("✓  "))
           + qs(verdict.word());
}

QVBoxLayout *slideLayout(QWidget *slide, const QString &kicker, const QString &title)
{
    auto *layout = new QVBoxLayout(slide);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(14);
    if (!kicker.isEmpty()) {
        QLabel *k = text(kicker, TextRole::Small, slide);
        k->setTextFormat(Qt::PlainText);
        k->setStyleSheet(QStringLiteral("color: %1;").arg(htmlColour(Muted)));
        layout->addWidget(k);
    }
    QLabel *t = text(title, TextRole::Title, slide, true);
    t->setObjectName(QStringLiteral("slideTitle"));
    t->setTextFormat(Qt::PlainText);
    layout->addWidget(t);
    layout->addSpacing(8);
    return layout;
}

QWidget *decisionSlide(const cp::Report &report, QWidget *parent)
{
    const cp::AuditResult &r = report.result;
    auto *slide = new QWidget(parent);
    slide->setObjectName(QStringLiteral("decisionSlide"));
    QString kicker = QStringLiteral("%1 · %2 '%3'").arg(qs(report.tested.projectName),
                                                        qs(report.tested.sourceKind),
                                                        qs(report.tested.sourceLabel));
    if (!report.tested.contractVersion.empty())
        kicker += QStringLiteral(" · contract version %1").arg(qs(report.tested.contractVersion));
    QVBoxLayout *layout = slideLayout(slide, kicker, QStringLiteral("Release decision"));

    const cp::GateVerdict verdict = report.verdict();
    QLabel *word = text(decisionWord(verdict), TextRole::Huge, slide, true);
    word->setObjectName(QStringLiteral("decisionWord"));
    word->setWordWrap(false);
    word->setTextFormat(Qt::PlainText);
    word->setStyleSheet(QStringLiteral("background: %1; color: white; padding: 4px 36px;"
                                       " border-radius: 10px;")
                            .arg(htmlColour(decisionColour(verdict))));
    layout->addWidget(word, 0, Qt::AlignLeft);

    QString sentence;
    if (verdict.outcome == cp::GateVerdict::Outcome::NotValidated)
        sentence = QStringLiteral("Not approved for release: every check passes, but only on the "
                                  "probe set that exposed the defect (%1).")
                       .arg(qs(cp::RegressionSetCaveat));
    else if (!r.decision)
        sentence = QStringLiteral("The spec has no fairness contract, so there is no release "
                                  "decision.");
    else if (*r.decision == cp::Decision::Approved)
        sentence = QStringLiteral("Approved for release: %1, and every required attestation "
                                  "is recorded.")
                       .arg(DecisionBanner::problemSummary(r));
    else
        sentence = QStringLiteral("Not approved for release: %1.")
                       .arg(DecisionBanner::problemSummary(r));
    QLabel *summary = text(sentence, TextRole::Large, slide, true);
    summary->setObjectName(QStringLiteral("decisionSummary"));
    summary->setTextFormat(Qt::PlainText);
    layout->addWidget(summary);
    // How many families were left out, and why, where the reader looks first.
    if (r.familiesLeftOutTotal() > 0) {
        QLabel *families = text(qs(r.familiesSentence()) + QLatin1Char('.'), TextRole::Body,
                                slide, true);
        families->setObjectName(QStringLiteral("decisionFamilies"));
        families->setTextFormat(Qt::PlainText);
        layout->addWidget(families);
    }
    layout->addSpacing(12);

    // The reasons: failed checks, then those without support, then missing attestations.
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(28);
    grid->setVerticalSpacing(10);
    grid->setColumnStretch(1, 1);
    int shown = 0, total = 0;
    auto add = [&](const QString &w, const QColor &ink, const QString &line) {
        ++total;
        if (shown < MaxReasons) {
            addReason(grid, w, ink, line, slide);
            ++shown;
        }
    };
    for (const cp::Check &c : r.checks)
        if (c.status == cp::CheckStatus::Failed)
            add(QStringLiteral("✕ FAILED"), FailedInk, checkLine(c, report));
    for (const cp::Check &c : r.checks)
        if (c.status == cp::CheckStatus::Insufficient)
            add(QStringLiteral("? INSUFFICIENT"), InsufficientInk,
                checkLine(c, report) + QStringLiteral(": within, on too few rows to pass"));
    for (const std::string &m : r.missing)
        add(QStringLiteral("○ MISSING"), MissingInk,
            QStringLiteral("attestation: %1").arg(qs(m)));
    if (r.decision && total == 0)
        for (const cp::Check &c : r.checks)
            add(QStringLiteral("✓ PASSED"), Ink, checkLine(c, report));
    layout->addLayout(grid);
    if (total > shown) {
        QLabel *more = text(QStringLiteral("… and %1 more (see the exported report)")
                                .arg(total - shown),
                            TextRole::Body, slide);
        more->setStyleSheet(QStringLiteral("color: %1;").arg(htmlColour(Muted)));
        layout->addWidget(more);
    }
    layout->addStretch(1);
    return slide;
}

QWidget *flipsSlide(const cp::Report &report, QWidget *parent)
{
    const cp::AuditResult &r = report.result;
    auto *slide = new QWidget(parent);
    slide->setObjectName(QStringLiteral("flipsSlide"));
    QVBoxLayout *layout = slideLayout(
        slide, QStringLiteral("Counterfactual pairs: the same record, only the protected "
                              "attribute changed"),
        QStringLiteral("Flips: pairs whose outcome changed"));

    if (!r.flipRate) {
        QLabel *none = text(qs(report.pairsNote.empty()
                                   ? std::string("No flips can be measured: the table has no "
                                                 "family column, so it is observational.")
                                   : report.pairsNote),
                            TextRole::Large, slide);
        none->setTextFormat(Qt::PlainText);
        layout->addWidget(none);
        layout->addStretch(1);
        return slide;
    }
    const cp::Proportion &rate = *r.flipRate;
    QLabel *count = text(QStringLiteral("%1 of %2 families flipped")
                             .arg(countOf(report, rate.k), countOf(report, rate.n)),
                         TextRole::Title, slide, true);
    count->setObjectName(QStringLiteral("flipCount"));
    count->setTextFormat(Qt::PlainText);
    layout->addWidget(count);

    QString rateLine;
    if (report.floor.hides(rate) || !rate.defined())
        rateLine = rate.defined() ? QStringLiteral("Flip rate withheld (below the privacy floor)")
                                  : QStringLiteral("Flip rate undefined: no comparable family");
    else
        rateLine = QStringLiteral("Flip rate %1, Wilson 95 % interval %2 – %3")
                       .arg(format::percent(*rate.value()), format::percent(rate.ci()->low),
                            format::percent(rate.ci()->high));
    if (const cp::Check *c = r.findCheck("flip_rate", ""))
        rateLine += QStringLiteral(" · contract limit %1: %2")
                        .arg(qs(cp::checkLimitText(*c)), qs(cp::checkStatusKey(c->status)));
    QLabel *rateLabel = text(rateLine, TextRole::Body, slide);
    rateLabel->setObjectName(QStringLiteral("flipRate"));
    rateLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(rateLabel);

    // McNemar per pair of groups: who got the favourable outcome when only one did. The most
    // lopsided pairs of groups first; the rest are in the exported report.
    const QString favourable = qs(r.favourableLabel.empty() ? std::string("favourable")
                                                            : r.favourableLabel);
    std::vector<const cp::PairTest *> tests;
    for (const cp::PairTest &t : r.pairTests)
        tests.push_back(&t);
    std::stable_sort(tests.begin(), tests.end(), [](const cp::PairTest *a, const cp::PairTest *b) {
        if (a->mcnemarP != b->mcnemarP)
            return a->mcnemarP < b->mcnemarP;
        return std::abs(a->aOnly - a->bOnly) > std::abs(b->aOnly - b->bOnly);
    });
    const std::size_t testsShown = std::min<std::size_t>(tests.size(), MaxPairTests);
    for (std::size_t i = 0; i < testsShown; ++i) {
        const cp::PairTest &t = *tests[i];
        const bool hidden = report.floor.hides(t.aOnly) || report.floor.hides(t.bOnly);
        // "p = 0.25", "p < 0.0001"; kept on one line.
        QString p = hidden ? QStringLiteral("withheld") : format::pValue(t.mcnemarP);
        p = (p.startsWith(QLatin1Char('<')) ? QStringLiteral("p ") : QStringLiteral("p = ")) + p;
        QString line = QStringLiteral("In %1 of %2 pairs only %3 got %4; in %5 only %6 did "
                                      "(exact McNemar %7)")
                           .arg(countOf(report, t.aOnly), countOf(report, t.pairs), qs(t.a),
                                favourable, countOf(report, t.bOnly), qs(t.b),
                                p.replace(QLatin1Char(' '), QChar(0x00a0)));
        if (r.pairTests.size() > 1 || report.spec.protectedAttributes.size() > 1)
            line = qs(t.attribute) + QStringLiteral(": ") + line;
        QLabel *test = text(line, TextRole::Body, slide);
        test->setObjectName(QStringLiteral("mcnemar"));
        test->setTextFormat(Qt::PlainText);
        layout->addWidget(test);
    }
    if (tests.size() > testsShown) {
        QLabel *more = text(QStringLiteral("… and %1 more pairs of groups in the exported report")
                                .arg(tests.size() - testsShown),
                            TextRole::Small, slide);
        more->setStyleSheet(QStringLiteral("color: %1;").arg(htmlColour(Muted)));
        layout->addWidget(more);
    }
    layout->addSpacing(16);

    if (report.topPairs.empty()) {
        if (!report.pairsNote.empty()) {
            QLabel *note = text(qs(report.pairsNote), TextRole::Body, slide);
            note->setTextFormat(Qt::PlainText);
            layout->addWidget(note);
        }
        layout->addStretch(1);
        return slide;
    }
    // The flip with the largest score range, its variants side by side.
    const cp::ReportPair &pair = report.topPairs.front();
    QString heading = QStringLiteral("Largest flip: family %1, at the %2 stage")
                          .arg(qs(pair.family), qs(pair.stage));
    if (pair.scoreRange)
        heading += QStringLiteral(", scores %1 apart")
                       .arg(QString::number(*pair.scoreRange, 'f', 2));
    layout->addWidget(text(heading, TextRole::Body, slide, true));

    auto *card = new QFrame(slide);
    card->setObjectName(QStringLiteral("topPair"));
    // A palette and a frame, not a style sheet: a sheet on the card would fix its labels' fonts.
    card->setFrameShape(QFrame::Box);
    card->setLineWidth(2);
    QPalette cardPalette = card->palette();
    cardPalette.setColor(QPalette::Window, QColor(0xf7, 0xf7, 0xf7));
    cardPalette.setColor(QPalette::WindowText, QColor(0x9a, 0x9a, 0x9a));  // the frame line
    card->setPalette(cardPalette);
    card->setAutoFillBackground(true);
    auto *grid = new QGridLayout(card);
    grid->setContentsMargins(24, 16, 24, 16);
    grid->setHorizontalSpacing(64);
    grid->setVerticalSpacing(8);
    // The reference variant: every protected attribute at its reference group ("male/white").
    std::string reference;
    for (const cp::AttributeSpec &a : report.spec.protectedAttributes) {
        if (!a.reference) {
            reference.clear();
            break;
        }
        reference += (reference.empty() ? "" : "/") + *a.reference;
    }
    // Names, outcomes and scores stay on one line; only field values (texts) wrap.
    auto cell = [&](const QString &s, int row, int column, bool bold = false, bool wrap = false) {
        QLabel *l = text(s, TextRole::Body, card, bold);
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(wrap);
        grid->addWidget(l, row, column, Qt::AlignTop | Qt::AlignLeft);
    };
    for (std::size_t v = 0; v < pair.variants.size(); ++v) {
        const int column = int(v) + 1;
        QString name = qs(pair.variants[v]);
        if (!reference.empty() && pair.variants[v] == reference)
            name += QStringLiteral(" (reference)");
        cell(name, 0, column, true);
        // The outcome that differs from the reference's carries a mark, not only a colour.
        const bool differs = v > 0 && pair.outcomes[v] != pair.outcomes[0];
        cell((differs ? QStringLiteral("≠ ") : QString()) + qs(pair.outcomes[v]), 1, column, true);
        cell(pair.scores[v] ? QString::number(*pair.scores[v], 'f', 2)
                            : QStringLiteral("no score"),
             2, column);
        // Texts side by side share the width; short values sit together on the left.
        if (!pair.fields.empty())
            grid->setColumnStretch(column, 1);
    }
    if (pair.fields.empty())
        grid->setColumnStretch(int(pair.variants.size()) + 1, 1);
    cell(QStringLiteral("outcome"), 1, 0);
    cell(QStringLiteral("score"), 2, 0);
    int row = 3;
    for (const cp::ReportPairField &f : pair.fields) {
        if (row > 6)
            break; // the rest is in the exported report
        cell(qs(f.name), row, 0);
        for (std::size_t v = 0; v < f.values.size(); ++v)
            cell(clipped(qs(f.values[v]), MaxFieldChars), row, int(v) + 1, false, true);
        ++row;
    }
    for (QLabel *l : card->findChildren<QLabel *>()) {  // the card's grey is its frame's only
        QPalette pal = l->palette();
        pal.setColor(QPalette::WindowText, Ink);
        l->setPalette(pal);
    }
    layout->addWidget(card);
    if (!pair.sameFields.empty()) {
        QStringList same;
        for (const auto &[name, value] : pair.sameFields)
            same << QStringLiteral("%1 = %2").arg(qs(name), value.empty()
                                                                ? QStringLiteral("(empty)")
                                                                : clipped(qs(value), 60));
        QLabel *sameLabel = text((pair.variants.size() == 2 ? QStringLiteral("Identical in both: ")
                                                            : QStringLiteral("Identical in all: "))
                                     + same.join(QStringLiteral(" · ")),
                                 TextRole::Small, slide);
        sameLabel->setTextFormat(Qt::PlainText);
        sameLabel->setStyleSheet(QStringLiteral("color: %1;").arg(htmlColour(Muted)));
        layout->addWidget(sameLabel);
    }
    layout->addStretch(1);
    return slide;
}

QWidget *missingSlide(const cp::Report &report, QWidget *parent)
{
    const cp::AuditResult &r = report.result;
    auto *slide = new QWidget(parent);
    slide->setObjectName(QStringLiteral("missingSlide"));
    QVBoxLayout *layout = slideLayout(
        slide, QStringLiteral("Before this evidence can support a release"),
        QStringLiteral("What is missing"));

    if (report.comparison && report.comparison->repairedOnRegressionSet) {
        QLabel *caveat = text(QStringLiteral("⚠  ") + qs(report.comparison->caveat),
                              TextRole::Body, slide, true);
        caveat->setObjectName(QStringLiteral("caveat"));
        caveat->setTextFormat(Qt::PlainText);
        caveat->setStyleSheet(QStringLiteral("background: #fff1cc; color: #1a1a1a; border: 3px "
                                             "solid #e69f00; border-radius: 8px; padding: 12px;"));
        layout->addWidget(caveat);
    }

    auto *columns = new QHBoxLayout;
    columns->setSpacing(56);
    auto *left = new QVBoxLayout;
    left->setSpacing(10);
    auto *right = new QVBoxLayout;
    right->setSpacing(10);
    auto heading = [&](QVBoxLayout *into, const QString &s) {
        into->addSpacing(8);
        QLabel *h = text(s, TextRole::Body, slide, true);
        h->setTextFormat(Qt::PlainText);
        into->addWidget(h);
    };
    // A bullet hangs: wrapped lines start under the text, not under the dot.
    auto bullet = [&](QVBoxLayout *into, const QString &s, TextRole role = TextRole::Body) {
        auto *row = new QHBoxLayout;
        row->setSpacing(14);
        QLabel *dot = text(QStringLiteral("•"), role, slide);
        dot->setWordWrap(false);
        QLabel *b = text(s, role, slide);
        b->setTextFormat(Qt::PlainText);
        row->addWidget(dot, 0, Qt::AlignTop);
        row->addWidget(b, 1);
        into->addLayout(row);
        return b;
    };

    // Support: checks within their limit on too few rows, and the support minimums missed.
    heading(left, QStringLiteral("Not enough support"));
    int support = 0;
    for (const cp::Check &c : r.checks)
        if (c.status == cp::CheckStatus::Insufficient) {
            bullet(left, checkLine(c, report) + QStringLiteral(": too little support to pass"))
                ->setObjectName(QStringLiteral("insufficientCheck"));
            ++support;
        }
    for (const cp::Check &c : r.checks)
        if (c.status == cp::CheckStatus::Failed && cp::checkValueIsCount(c)) {
            bullet(left, checkLine(c, report));
            ++support;
        }
    if (support == 0)
        bullet(left, r.checks.empty() ? QStringLiteral("No contract checks")
                                      : QStringLiteral("None: every check had the rows it needs"));

    heading(left, QStringLiteral("Report-only evidence (shown, never counted)"));
    std::int64_t cells = 0, reportOnly = 0;
    for (const cp::Intersection &x : r.intersections)
        for (const cp::IntersectionCell &c : x.cells) {
            ++cells;
            reportOnly += c.status == cp::CellStatus::ReportOnly;
        }
    const auto calibrationShort = std::count_if(r.calibration.begin(), r.calibration.end(),
                                                [](const cp::CalibrationCell &c) {
                                                    return !c.eligible;
                                                });
    bool anyReportOnly = false;
    if (reportOnly > 0) {
        QLabel *b = bullet(left, QStringLiteral("%1 of %2 intersection cells are report-only: "
                                                "below the minimum support")
                                     .arg(reportOnly)
                                     .arg(cells));
        b->setObjectName(QStringLiteral("reportOnlyCells"));
        anyReportOnly = true;
    }
    if (calibrationShort > 0) {
        bullet(left, QStringLiteral("%1 of %2 calibration cells have fewer rows than the "
                                    "minimum")
                         .arg(calibrationShort)
                         .arg(r.calibration.size()));
        anyReportOnly = true;
    }
    if (!anyReportOnly)
        bullet(left, QStringLiteral("None"));

    heading(left, QStringLiteral("Missing attestations"));
    for (const std::string &m : r.missing)
        bullet(left, qs(m))->setObjectName(QStringLiteral("missingAttestation"));
    if (r.missing.empty())
        bullet(left, report.spec.contract ? QStringLiteral("None: every required attestation "
                                                           "is recorded")
                                          : QStringLiteral("No contract, so none is required"));
    left->addStretch(1);

    heading(right, QStringLiteral("Limitations"));
    for (const std::string &l : report.limitations)
        bullet(right, qs(l), TextRole::Small);
    right->addStretch(1);

    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    layout->addLayout(columns, 1);
    return slide;
}

} // namespace cp::ui::slides
