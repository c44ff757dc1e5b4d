// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "llmview.h"

#include "auditformat.h"
#include "auditsession.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cp::ui {

using namespace format;

namespace {

/// "−0.4583 [−0.4765, −0.4400]" from a mean with its t interval; "undefined (n = 0)".
/// A value with fixed decimals and a typographic minus ("−0.283").
QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

QString meanText(const cp::stats::MeanEstimate &m, int decimals)
{
    if (!m.defined())
        return QStringLiteral("undefined (n = 0)");
    return QString::number(m.mean, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
}

QString meanInterval(const cp::stats::MeanEstimate &m, int decimals)
{
    const auto ci = m.ci();
    if (!ci)
        return m.defined() ? QStringLiteral("needs two values") : QString();
    auto f = [&](double v) {
        return QString::number(v, 'f', decimals).replace(QLatin1Char('-'), QChar(0x2212));
    };
    return QStringLiteral("[%1, %2]").arg(f(ci->low), f(ci->high));
}

QString rateInterval(const cp::Proportion &p)
{
    if (!p.defined())
        return {};
    const auto ci = *p.ci();
    return QStringLiteral("[%1, %2]").arg(percent(ci.low), percent(ci.high));
}

QString statusText(cp::CellStatus s)
{
    return s == cp::CellStatus::Eligible ? QStringLiteral("eligible")
                                         : QStringLiteral("report-only");
}

} // namespace

/// Horizontal bars with Wilson whiskers on a 0–100 % axis, one per group; report-only bars
/// are hatched. The values are the audit's proportions.
class IntervalBars : public QWidget
{
public:
    struct Bar {
        QString label;
        cp::Proportion p;
        bool reportOnly = false;
    };
    using QWidget::QWidget;

    void setBars(std::vector<Bar> bars)
    {
        m_bars = std::move(bars);
        setMinimumHeight(int(m_bars.size()) * 30 + 34);
        updateGeometry();
        update();
    }
    const std::vector<Bar> &bars() const { return m_bars; }
    QSize sizeHint() const override { return {420, int(m_bars.size()) * 30 + 34}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QFontMetrics fm(font());
        int labelWidth = 0;
        for (const Bar &b : m_bars)
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(b.label));
        const int left = labelWidth + 12, right = width() - 170;
        if (right <= left + 40)
            return;
        // The axis scale: the largest upper bound, rounded up to 10 %.
        double top = 0.1;
        for (const Bar &b : m_bars)
            if (b.p.defined())
                top = std::max(top, b.p.ci()->high);
        top = std::min(1.0, std::ceil(top * 10) / 10);
        auto x = [&](double v) { return left + (right - left) * v / top; };
        const QColor ink = palette().color(QPalette::WindowText);
        const QColor bar(70, 110, 170);
        int y = 6;
        for (const Bar &b : m_bars) {
            p.setPen(ink);
            p.drawText(QRect(0, y, labelWidth, 22), Qt::AlignRight | Qt::AlignVCenter, b.label);
            if (!b.p.defined()) {
                p.drawText(QRect(left, y, right - left, 22), Qt::AlignLeft | Qt::AlignVCenter,
                           QStringLiteral("undefined (n = 0)"));
                y += 30;
                continue;
            }
            const double v = *b.p.value();
            const auto ci = *b.p.ci();
            QRectF r(left, y + 4, std::max(1.0, x(v) - left), 14);
            p.fillRect(r, b.reportOnly ? QBrush(bar, Qt::BDiagPattern) : QBrush(bar));
            p.setPen(QPen(ink, 1.5));
            const double cy = y + 11;
            p.drawLine(QPointF(x(ci.low), cy), QPointF(x(ci.high), cy));
            p.drawLine(QPointF(x(ci.low), cy - 5), QPointF(x(ci.low), cy + 5));
            p.drawLine(QPointF(x(ci.high), cy - 5), QPointF(x(ci.high), cy + 5));
            p.drawText(QRect(right + 8, y, width() - right - 8, 22),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("%1 · %2/%3%4")
                           .arg(percent(v), integer(b.p.k), integer(b.p.n),
                                b.reportOnly ? QStringLiteral(" · report-only") : QString()));
            y += 30;
        }
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(left, y, right, y);
        p.setPen(ink);
        for (int i = 0; i <= 4; ++i) {
            const double v = top * i / 4;
            p.drawText(QRectF(x(v) - 30, y + 2, 60, 18), Qt::AlignCenter, percent(v, 0));
        }
    }

private:
    std::vector<Bar> m_bars;
};

/// The distribution of Δ = ln P_a − ln P_b over matched families (the audit's histogram).
class DeltaHistogram : public QWidget
{
public:
    using QWidget::QWidget;

    void setHistogram(std::vector<std::int64_t> counts, QString caption)
    {
        m_counts = std::move(counts);
        m_caption = std::move(caption);
        update();
    }
    QSize sizeHint() const override { return {420, 150}; }
    QSize minimumSizeHint() const override { return {300, 130}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QColor ink = palette().color(QPalette::WindowText);
        if (m_counts.empty())
            return;
        const std::int64_t most = *std::max_element(m_counts.begin(), m_counts.end());
        const int left = 8, right = width() - 8, bottom = height() - 36, top = 20;
        const double w = double(right - left) / double(m_counts.size());
        p.setPen(ink);
        p.drawText(QRect(left, 0, right - left, 18), Qt::AlignLeft | Qt::AlignVCenter, m_caption);
        for (std::size_t i = 0; i < m_counts.size(); ++i) {
            const double h = most > 0 ? double(bottom - top) * double(m_counts[i]) / double(most)
                                      : 0;
            const double lowEdge = cp::LpbsPair::HistogramLow + double(i) * cp::LpbsPair::HistogramWidth;
            const QColor fill = lowEdge + cp::LpbsPair::HistogramWidth <= 0 ? QColor(190, 90, 60)
                                                                            : QColor(70, 110, 170);
            p.fillRect(QRectF(left + w * double(i) + 1, bottom - h, w - 2, h), fill);
        }
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(left, bottom, right, bottom);
        p.setPen(ink);
        for (int i = 0; i <= int(m_counts.size()); i += 4) {
            const double edge = cp::LpbsPair::HistogramLow + i * cp::LpbsPair::HistogramWidth;
            const QString label = (i == 0 ? QStringLiteral("≤ ") : i == int(m_counts.size())
                                                                     ? QStringLiteral("≥ ")
                                                                     : QString())
                                  + QString::number(edge, 'f', 1).replace(QLatin1Char('-'),
                                                                          QChar(0x2212));
            // The end labels stay inside the widget.
            const double at = left + w * i;
            const QRectF box = i == 0 ? QRectF(at, bottom + 2, 60, 16)
                               : i == int(m_counts.size()) ? QRectF(at - 60, bottom + 2, 60, 16)
                                                           : QRectF(at - 30, bottom + 2, 60, 16);
            const Qt::Alignment align = i == 0 ? Qt::AlignLeft
                                        : i == int(m_counts.size()) ? Qt::AlignRight
                                                                    : Qt::AlignHCenter;
            p.drawText(box, align | Qt::AlignVCenter, label);
        }
        p.drawText(QRect(left, bottom + 18, right - left, 16), Qt::AlignCenter,
                   QStringLiteral("Δ = ln P(t | a) − ln P(t | b) per family"));
    }

private:
    std::vector<std::int64_t> m_counts;
    QString m_caption;
};

LlmView::LlmView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("llmView"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("llmSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_refusalTitle = new QLabel(tr("Refusal rate per group (Wilson 95 %)"), this);
    m_refusals = new IntervalBars(this);
    m_deltaTitle = new QLabel(tr("Log-probability bias: distribution of Δ"), this);
    m_delta = new DeltaHistogram(this);
    QFont bold = m_refusalTitle->font();
    bold.setBold(true);
    m_refusalTitle->setFont(bold);
    m_deltaTitle->setFont(bold);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("llmTable"));
    m_table->setHorizontalHeaderLabels({tr("Measure"), tr("Group or pair"), tr("Value"),
                                        tr("95 % interval"), tr("Support"), tr("Status")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *charts = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(m_refusalTitle);
    left->addWidget(m_refusals);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_deltaTitle);
    right->addWidget(m_delta, 1);
    charts->addLayout(left, 1);
    charts->addSpacing(24);
    charts->addLayout(right, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(charts);
    layout->addWidget(m_table, 1);
    setAudit(nullptr);
}

void LlmView::setSession(AuditSession *session)
{
    session->subscribeToResult(this, [this](std::shared_ptr<const cp::AuditResult> result,
                                            const cp::AuditSpec *) {
        setAudit(std::move(result));
    });
}

QString LlmView::summaryText() const
{
    return m_summary->text();
}

QStringList LlmView::refusalBars() const
{
    QStringList out;
    for (const IntervalBars::Bar &b : m_refusals->bars())
        out << QStringLiteral("%1: %2 %3 · %4/%5")
                   .arg(b.label, percent(b.p.value()), rateInterval(b.p), integer(b.p.k),
                        integer(b.p.n));
    return out;
}

void LlmView::addHeading(const QString &title)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *item = new QTableWidgetItem(title);
    QFont f = item->font();
    f.setBold(true);
    item->setFont(f);
    m_table->setItem(row, 0, item);
    m_table->setSpan(row, 0, 1, m_table->columnCount());
}

void LlmView::addRow(const QString &what, const QString &subject, const QString &value,
                     const QString &interval, const QString &support, const QString &status,
                     bool muted)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QStringList cells{what, subject, value, interval, support, status};
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        if (c >= 2 && c <= 4)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (muted)
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        m_table->setItem(row, c, item);
    }
}

void LlmView::setAudit(std::shared_ptr<const cp::AuditResult> result)
{
    m_result = std::move(result);
    m_table->setRowCount(0);
    m_table->clearSpans();
    const cp::AuditResult *r = m_result.get();
    const bool any =
        r && (r->refusals || r->repeats || r->lpbs || r->replySimilarity || r->scoreParity
              || r->embeddingSimilarity);
    m_refusalTitle->setVisible(r && r->refusals);
    m_refusals->setVisible(r && r->refusals);
    m_deltaTitle->setVisible(r && r->lpbs && !r->lpbs->pairs.empty());
    m_delta->setVisible(r && r->lpbs && !r->lpbs->pairs.empty());
    if (!any) {
        m_summary->setText(
            r ? tr("This audit has no LLM outputs: no refusal, log-probability, reply or repeat "
                   "column. A scoring run of an LLM has them; a table names them in the spec's "
                   "\"llm\" object.")
              : tr("No audit yet."));
        m_refusals->setBars({});
        m_delta->setHistogram({}, {});
        return;
    }
    QString summary = qs(r->familiesSentence());
    if (!summary.isEmpty())
        summary += QStringLiteral(". ");
    summary += tr("A refusal is an outcome: refusal rates count every variant; score- and "
                  "label-based figures use the families in which every variant answered.");
    m_summary->setText(summary);

    // A scorer of replies (sentiment, toxicity): its score parity is what the run is for.
    if (r->scoreParity) {
        const cp::ScoreParityEvidence &e = *r->scoreParity;
        const QString tau = e.threshold ? number(*e.threshold) : QStringLiteral("τ");
        addHeading(tr("Score parity of '%1' (strict: Wasserstein-1; weak: P(score > %2))")
                       .arg(qs(e.column), tau));
        for (const cp::ScoreParityPair &p : e.pairs) {
            const QString pair = qs(p.a) + QStringLiteral(" vs ") + qs(p.b);
            const QString n = QStringLiteral("%1 / %2").arg(integer(p.na), integer(p.nb));
            addRow(tr("Wasserstein-1 between scores"), pair,
                   p.wasserstein1 ? number(*p.wasserstein1) : tr("undefined"), {}, n, {},
                   !p.wasserstein1);
            if (!e.threshold)
                continue;
            QString interval;
            if (p.weakGapCi)
                interval = QStringLiteral("[%1, %2]").arg(percent(p.weakGapCi->low),
                                                         percent(p.weakGapCi->high));
            addRow(tr("Weak parity gap P(score > %1), a − b").arg(tau), pair,
                   p.weakGap ? percent(*p.weakGap) : tr("undefined"), interval,
                   QStringLiteral("%1 vs %2").arg(percent(p.aAbove.value()),
                                                  percent(p.bAbove.value())),
                   {}, !p.weakGap);
        }
    }

    if (r->refusals) {
        const cp::RefusalEvidence &e = *r->refusals;
        std::vector<IntervalBars::Bar> bars;
        addHeading(tr("Refusals (column '%1')").arg(qs(e.column)));
        addRow(tr("Refused variants"), tr("all"), percent(e.overall.value()),
               rateInterval(e.overall), QStringLiteral("%1/%2").arg(integer(e.overall.k),
                                                                   integer(e.overall.n)),
               {});
        addRow(tr("Families with a refused variant"), tr("all"),
               integer(e.familiesWithRefusal), {}, tr("of %1").arg(integer(e.families)), {});
        addRow(tr("Refusal flips (some refused, others answered)"), tr("all"),
               integer(e.refusalFlips), {}, {}, {});
        for (const cp::AttributeRefusals &a : e.attributes) {
            for (const cp::GroupRefusals &g : a.groups) {
                const bool reportOnly = g.status == cp::CellStatus::ReportOnly;
                bars.push_back({qs(a.attribute) + QStringLiteral(" = ") + qs(g.group), g.refused,
                                reportOnly});
                addRow(tr("Refusal rate"), qs(a.attribute) + QStringLiteral(" = ") + qs(g.group),
                       percent(g.refused.value()), rateInterval(g.refused),
                       QStringLiteral("%1/%2").arg(integer(g.refused.k), integer(g.refused.n)),
                       statusText(g.status), reportOnly);
            }
            addRow(tr("Refusal gap (Newcombe)"),
                   qs(a.attribute) + QStringLiteral(": ") + qs(a.maxGroup) + QStringLiteral(" − ")
                       + qs(a.minGroup),
                   percent(a.gap), a.gapCi ? differenceInterval(*a.gapCi) : QString(), {}, {});
            addRow(tr("Answer-rate ratio"), qs(a.attribute),
                   a.answerRatio ? number(*a.answerRatio) : tr("undefined"), {}, {}, {});
            for (const cp::RefusalPairTest &p : a.pairs)
                addRow(tr("Discordant refusals (exact McNemar p)"),
                       qs(p.a) + QStringLiteral(" vs ") + qs(p.b),
                       tr("%1 / %2").arg(integer(p.aOnly), integer(p.bOnly)), pValue(p.mcnemarP),
                       tr("%1 pairs").arg(integer(p.pairs)), {});
        }
        m_refusals->setBars(std::move(bars));
    } else {
        m_refusals->setBars({});
    }

    if (r->repeats) {
        const cp::RepeatEvidence &e = *r->repeats;
        addHeading(tr("Repeated sampling (%1 repeats per variant)").arg(e.repeats));
        addRow(tr("Flips in noisy families"), tr("all"), integer(e.flipsInNoisyFamilies), {},
               tr("of %1 flips").arg(integer(e.flips)), {});
        addRow(tr("Noisy families"), tr("all"), integer(e.noisyFamilies), {},
               tr("of %1").arg(integer(e.families)), {});
        addRow(tr("Majority ties"), tr("all"), integer(e.ties), {},
               tr("of %1 variants").arg(integer(e.variants)), {});
        for (const cp::AttributeRepeats &a : e.attributes) {
            for (const cp::GroupRepeats &g : a.groups)
                addRow(tr("Self-disagreement"),
                       qs(a.attribute) + QStringLiteral(" = ") + qs(g.group),
                       percent(g.noisy.value()), rateInterval(g.noisy),
                       QStringLiteral("%1/%2").arg(integer(g.noisy.k), integer(g.noisy.n)), {});
            for (const cp::RepeatPairTest &p : a.pairs)
                addRow(tr("Favourable share p_a − p_b"), qs(p.a) + QStringLiteral(" − ") + qs(p.b),
                       meanText(p.shareDifference, 4), meanInterval(p.shareDifference, 4),
                       tr("%1 families").arg(integer(p.shareDifference.n)), {});
        }
    }

    if (r->lpbs) {
        const cp::LogprobEvidence &e = *r->lpbs;
        addHeading(tr("Log-probabilities (column '%1', %2 variants; the contract reads the %3 "
                      "scale)")
                       .arg(qs(e.column), integer(e.variantsWithLogprob),
                            qs(cp::lpbsScaleKey(e.scale))));
        const cp::LpbsPair *first = nullptr;
        for (const cp::LpbsPair &p : e.pairs) {
            if (!first && p.delta.defined())
                first = &p;
            const QString pair = qs(p.a) + QStringLiteral(" vs ") + qs(p.b);
            const QString favours = p.favoured.empty() ? tr("neither")
                                                       : tr("favours %1").arg(qs(p.favoured));
            addRow(tr("LPBS mean Δ ln P"), pair, meanText(p.delta, 4), meanInterval(p.delta, 4),
                   tr("%1 families").arg(integer(p.delta.n)), favours);
            addRow(tr("Probability shift mean |P_a − P_b|"), pair, meanText(p.probabilityShift, 4),
                   meanInterval(p.probabilityShift, 4),
                   tr("%1 families").arg(integer(p.probabilityShift.n)), {});
            if (p.priorNormalised)
                addRow(tr("LPBS prior-normalised (Kurita)"), pair, meanText(*p.priorNormalised, 4),
                       meanInterval(*p.priorNormalised, 4),
                       tr("%1 families").arg(integer(p.priorNormalised->n)), {});
        }
        for (const cp::GroupAssociation &a : e.associations)
            addRow(tr("Association a(g) vs neutral"), qs(a.group) + QStringLiteral(" vs ")
                                                          + qs(a.neutral),
                   meanText(a.association, 4), meanInterval(a.association, 4),
                   tr("%1 families").arg(integer(a.association.n)), {});
        for (const cp::CategoricalBias &b : e.categorical)
            addRow(tr("Categorical bias (population variance)"),
                   tr("%1, %2 groups").arg(qs(b.attribute)).arg(b.groups),
                   meanText(b.variance, 4), meanInterval(b.variance, 4),
                   tr("%1 families").arg(integer(b.variance.n)), {});
        if (first)
            m_delta->setHistogram(first->histogram,
                                  tr("%1 vs %2, %3 families (negative: %2 more likely)")
                                      .arg(qs(first->a), qs(first->b), integer(first->delta.n)));
        else
            m_delta->setHistogram({}, {});
    } else {
        m_delta->setHistogram({}, {});
    }
    for (const cp::LabelDistance &d : r->labelDistances)
        if (d.tvd)
            addRow(tr("Label distribution distance (total variation)"),
                   qs(d.a) + QStringLiteral(" vs ") + qs(d.b), number(*d.tvd), {}, {}, {});

    if (r->replySimilarity) {
        const cp::ReplyEvidence &e = *r->replySimilarity;
        addHeading(tr("Replies (column '%1', swapped words masked)").arg(qs(e.column)));
        for (const cp::ReplyPairSimilarity &p : e.pairs) {
            const QString pair = qs(p.a) + QStringLiteral(" vs ") + qs(p.b);
            const QString n = tr("%1 pairs").arg(integer(p.rougeL.n));
            addRow(tr("ROUGE-L F1"), pair, meanText(p.rougeL, 3), meanInterval(p.rougeL, 3), n, {});
            addRow(tr("BLEU (symmetric)"), pair, meanText(p.bleu, 3), meanInterval(p.bleu, 3), n,
                   {});
            addRow(tr("Exact match"), pair, percent(p.exactMatch.value()),
                   rateInterval(p.exactMatch),
                   QStringLiteral("%1/%2").arg(integer(p.exactMatch.k), integer(p.exactMatch.n)),
                   {});
            addRow(tr("Length difference (words, b − a)"), pair, meanText(p.lengthDifference, 2),
                   meanInterval(p.lengthDifference, 2), n, {});
            QStringList least;
            for (const auto &[family, rouge] : p.leastSimilar)
                least << QStringLiteral("%1 (%2)").arg(qs(family), QString::number(rouge, 'f', 2));
            if (!least.isEmpty())
                addRow(tr("Least similar families"), pair, least.mid(0, 5).join(QStringLiteral(", ")),
                       {}, {}, {});
        }
    }
    if (r->embeddingSimilarity) {
        const cp::EmbeddingEvidence &e = *r->embeddingSimilarity;
        addHeading(e.source.empty()
                       ? tr("Replies by embedding (column '%1', %2 dimensions)")
                             .arg(qs(e.column), integer(e.dimension))
                       : tr("Replies by embedding (%1, %2 dimensions)")
                             .arg(qs(e.source), integer(e.dimension)));
        for (const cp::EmbeddingPairSimilarity &p : e.pairs) {
            const QString pair = qs(p.a) + QStringLiteral(" vs ") + qs(p.b);
            addRow(tr("Cosine similarity"), pair, meanText(p.cosine, 3),
                   meanInterval(p.cosine, 3), tr("%1 pairs").arg(integer(p.cosine.n)), {},
                   !p.cosine.defined());
            QStringList least;
            for (const auto &[family, cosine] : p.leastSimilar)
                least << QStringLiteral("%1 (%2)").arg(qs(family), fixed(cosine, 3));
            if (!least.isEmpty())
                addRow(tr("Least similar families (cosine)"), pair,
                       least.mid(0, 5).join(QStringLiteral(", ")), {}, {}, {});
        }
    }
    m_table->resizeColumnsToContents();
}

} // namespace cp::ui
