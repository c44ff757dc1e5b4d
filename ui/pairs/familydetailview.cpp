// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "familydetailview.h"

#include "pairsmodel.h"

#include <ui/audit/auditformat.h>

#include <core/audit/textmetrics.h>

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace cp::ui {

namespace {

// A colour-blind-safe pair: blue for favourable, orange for unfavourable and for changes.
const QColor Favourable(0x21, 0x66, 0xac);
const QColor Unfavourable(0xe0, 0x82, 0x14);
const char *ChangedCellStyle = "QLabel { background: #fde6c8; border-left: 3px solid #e08214;"
                               " padding: 3px 4px; color: #1a1a1a; }";
const char *SameCellStyle = "QLabel { padding: 3px 4px 3px 7px; }";
const char *ChangedWordStyle = "background:#fdb863; font-weight:bold; text-decoration:underline;";
/// A swapped group word in a reply (a protected value): expected to differ, so greyed.
const char *SwappedWordStyle = "color:#808080;";

/// A scored table writes a mean of repeats with every digit (0.6120000000000001): shown as the
/// other views show numbers.
QString displayText(const QString &field, std::string_view text);

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString displayText(const QString &field, std::string_view text)
{
    static const QStringList numeric = {QStringLiteral("score"), QStringLiteral("logprob"),
                                        QStringLiteral("repeat_favourable")};
    if (numeric.contains(field) && !text.empty()) {
        bool ok = false;
        const double v = fromUtf8(text).toDouble(&ok);
        if (ok && std::isfinite(v))
            return format::number(v);
    }
    return fromUtf8(text);
}

QString escaped(std::string_view s)
{
    return fromUtf8(s).toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"));
}

/// A score on a horizontal bar with the threshold as a vertical line and the number printed.
/// Drawn, not a QProgressBar: the threshold line and a range beyond [0, 1] need painting.
class ScoreBar : public QWidget
{
public:
    ScoreBar(double score, std::optional<double> threshold, double lo, double hi,
             bool favourable, QWidget *parent)
        : QWidget(parent), m_score(score), m_threshold(threshold), m_lo(lo), m_hi(hi),
          m_favourable(favourable)
    {
        setMinimumHeight(24);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        QString tip = std::isnan(score) ? tr("no score") : tr("score %1").arg(score, 0, 'f', 3);
        if (threshold)
            tip += tr(", threshold %1").arg(*threshold, 0, 'f', 3);
        setToolTip(tip);
        setAccessibleName(tip);
    }

    QSize sizeHint() const override { return {160, 24}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QString number = std::isnan(m_score) ? tr("no score")
                                                    : QString::number(m_score, 'f', 3);
        const int textWidth = fontMetrics().horizontalAdvance(QStringLiteral("0.000")) + 8;
        const QRectF track(1, 5, std::max(20, width() - textWidth - 2), height() - 10);
        auto x = [&](double v) {
            const double t = m_hi > m_lo ? (v - m_lo) / (m_hi - m_lo) : 0.0;
            return track.left() + std::clamp(t, 0.0, 1.0) * track.width();
        };
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.setBrush(palette().color(QPalette::AlternateBase));
        p.drawRect(track);
        if (!std::isnan(m_score)) {
            p.setPen(Qt::NoPen);
            p.setBrush(m_favourable ? Favourable : Unfavourable);
            p.drawRect(QRectF(track.topLeft(), QPointF(x(m_score), track.bottom())));
        }
        if (m_threshold) {
            p.setPen(QPen(palette().color(QPalette::WindowText), 2));
            const double tx = x(*m_threshold);
            p.drawLine(QPointF(tx, 1), QPointF(tx, height() - 1));
        }
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(track.right() + 4, 0, textWidth, height()),
                   Qt::AlignLeft | Qt::AlignVCenter, number);
    }

private:
    double m_score;
    std::optional<double> m_threshold;
    double m_lo;
    double m_hi;
    bool m_favourable;
};

QLabel *makeLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    return label;
}

} // namespace

FamilyDetailView::FamilyDetailView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_legend = new QLabel(this);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_summary);
    layout->addWidget(m_legend);
    layout->addWidget(m_scroll, 1);
    chooseFields();
    showFamily(-1);
}

void FamilyDetailView::setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn)
{
    m_index = std::move(index);
    m_familyColumn = m_index ? guessFamilyColumn(*m_index, familyColumn) : -1;
    chooseFields();
    showFamily(-1);
}

void FamilyDetailView::setBlind(bool blind)
{
    if (blind == m_blind)
        return;
    m_blind = blind;
    chooseFields();
    showFamily(m_family);
}

void FamilyDetailView::setBlindFields(const QStringList &fields)
{
    m_blindFields = fields;
    chooseFields();
    showFamily(m_family);
}

void FamilyDetailView::chooseFields()
{
    m_variantColumn = -1;
    m_fieldNames.clear();
    m_fieldColumns.clear();
    if (m_index) {
        const auto &columns = m_index->rows->columns();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (columns[c] == "variant")
                m_variantColumn = int(c);
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (int(c) == m_familyColumn || int(c) == m_variantColumn)
                continue;
            const QString name = QString::fromStdString(columns[c]);
            if (m_blind && m_blindFields.contains(name))
                continue;
            m_fieldNames << name;
            m_fieldColumns.push_back(int(c));
        }
    }
    QString legend = tr("<b>≠</b> <span style=\"background:#fde6c8\">field differs from the "
                        "reference variant</span> · <span style=\"%1\">changed words</span>")
                         .arg(QLatin1String(ChangedWordStyle));
    if (!m_blind)
        legend += tr(" · bar: score, line: threshold");
    m_legend->setText(legend);
}

void FamilyDetailView::clearGrid()
{
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater();
    m_headers.clear();
    m_outcomes.clear();
    m_values.clear();
    m_rich.clear();
    m_changed.clear();
    m_labels.clear();
}

void FamilyDetailView::showFamily(int family)
{
    clearGrid();
    if (!m_index || family < 0 || std::size_t(family) >= m_index->families.size()) {
        m_family = -1;
        m_summary->setText(tr("<i>Select a family to compare its variants.</i>"));
        return;
    }
    m_family = family;
    const cp::PairsIndex &x = *m_index;
    const cp::PairsIndex::Family &f = x.families[std::size_t(family)];
    const int variants = f.variants;
    const std::size_t fields = m_fieldColumns.size();

    // Every variant's cells, owned (cells() views are valid only until the next call).
    std::vector<std::vector<std::string>> raw(static_cast<std::size_t>(variants));
    std::vector<std::string_view> cells;
    std::string scratch;
    QString familyName;
    for (int v = 0; v < variants; ++v) {
        const std::int64_t row = x.row(std::size_t(family), v);
        x.rows->cells(row, cells, scratch);
        raw[std::size_t(v)].assign(cells.begin(), cells.end());
        if (v == 0)
            familyName = m_familyColumn >= 0 && std::size_t(m_familyColumn) < cells.size()
                             ? fromUtf8(cells[std::size_t(m_familyColumn)])
                             : QString::fromStdString(x.rows->id(row));
    }
    auto cellOf = [&](int v, int column) -> std::string_view {
        const auto &r = raw[std::size_t(v)];
        return std::size_t(column) < r.size() ? std::string_view(r[std::size_t(column)])
                                              : std::string_view();
    };

    // In a reply, the words diffed after masking the swapped group words (core's diffWords):
    // the group words are greyed, the other changes marked.
    const std::vector<cp::text::Token> mask = cp::text::maskSet(x.replyMaskWords);
    m_values.assign(std::size_t(variants), std::vector<QString>(fields));
    m_rich.assign(std::size_t(variants), std::vector<QString>(fields));
    m_changed.assign(std::size_t(variants), std::vector<bool>(fields, false));
    for (int v = 0; v < variants; ++v) {
        for (std::size_t i = 0; i < fields; ++i) {
            const std::string_view text = cellOf(v, m_fieldColumns[i]);
            const std::string_view reference = cellOf(0, m_fieldColumns[i]);
            m_values[std::size_t(v)][i] = displayText(m_fieldNames[int(i)], text);
            QString rich;
            if (v > 0 && text != reference && m_fieldNames[int(i)] == QLatin1String("reply")) {
                m_changed[std::size_t(v)][i] = true;
                rich = QStringLiteral("<b>%1</b> ").arg(changedMarker());
                for (const cp::text::TextSpan &span : cp::text::diffWords(reference, text, mask).b) {
                    const std::string_view part = text.substr(span.begin, span.end - span.begin);
                    if (span.kind == cp::text::SpanKind::Same)
                        rich += escaped(part);
                    else
                        rich += QStringLiteral("<span style=\"%1\">%2</span>")
                                    .arg(QLatin1String(span.kind == cp::text::SpanKind::Swapped
                                                           ? SwappedWordStyle
                                                           : ChangedWordStyle),
                                         escaped(part));
                }
            } else if (const QString &shown = m_values[std::size_t(v)][i];
                       shown != fromUtf8(text)) {
                // A number shown formatted: marked whole when it differs.
                const bool changed = v > 0 && text != reference;
                m_changed[std::size_t(v)][i] = changed;
                rich = changed ? QStringLiteral("<b>%1</b> <span style=\"%2\">%3</span>")
                                     .arg(changedMarker(), QLatin1String(ChangedWordStyle),
                                          shown.toHtmlEscaped())
                               : shown.toHtmlEscaped();
            } else if (v > 0 && text != reference) {
                m_changed[std::size_t(v)][i] = true;
                rich = QStringLiteral("<b>%1</b> ").arg(changedMarker());
                std::size_t at = 0;
                for (const auto &[b, e] : cp::changedWords(text, reference)) {
                    rich += escaped(text.substr(at, b - at));
                    rich += QStringLiteral("<span style=\"%1\">%2</span>")
                                .arg(QLatin1String(ChangedWordStyle), escaped(text.substr(b, e - b)));
                    at = e;
                }
                rich += escaped(text.substr(at));
                if (text.empty())
                    rich += tr("<i>(empty)</i>");
            } else {
                rich = text.empty() ? tr("<i>(empty)</i>") : escaped(text);
            }
            m_rich[std::size_t(v)][i] = rich;
        }
    }

    // Score range of the bars: [0, 1] unless the scores or the threshold leave it.
    double lo = 0, hi = 1;
    for (int v = 0; v < variants; ++v) {
        const float s = x.score[std::size_t(x.row(std::size_t(family), v))];
        if (!std::isnan(s)) {
            lo = std::min(lo, double(s));
            hi = std::max(hi, double(s));
        }
    }
    if (x.threshold) {
        lo = std::min(lo, *x.threshold);
        hi = std::max(hi, *x.threshold);
    }

    auto *grid = new QWidget;
    auto *g = new QGridLayout(grid);
    g->setHorizontalSpacing(6);
    g->setVerticalSpacing(2);
    auto fieldLabel = [&](const QString &text, int row) {
        auto *l = new QLabel(text, grid);
        l->setAlignment(Qt::AlignRight | Qt::AlignTop);
        l->setStyleSheet(QStringLiteral("QLabel { color: #555555; padding: 3px 4px; }"));
        g->addWidget(l, row, 0);
    };
    m_labels.assign(std::size_t(variants), std::vector<QLabel *>(fields, nullptr));
    for (int v = 0; v < variants; ++v) {
        const std::int64_t row = x.row(std::size_t(family), v);
        const int col = v + 1;
        // Header: the variant's label and its protected groups.
        QString label = m_variantColumn >= 0 ? fromUtf8(cellOf(v, m_variantColumn)) : QString();
        QStringList groups;
        for (const cp::PairsIndex::Dimension &d : x.protectedDims) {
            const QString group = QString::fromStdString(d.groups[d.groupOfRow[std::size_t(row)]]);
            if (d.column == m_variantColumn && group == label)
                continue;
            groups << QStringLiteral("%1: %2").arg(QString::fromStdString(d.name), group);
        }
        if (label.isEmpty())
            label = groups.isEmpty() ? tr("variant %1").arg(v + 1) : groups.takeFirst();
        QString header = QStringLiteral("<b>%1</b>").arg(label.toHtmlEscaped());
        QString plain = label;
        for (const QString &group : groups) {
            header += QStringLiteral("<br>") + group.toHtmlEscaped();
            plain += QLatin1Char('\n') + group;
        }
        if (v == 0) {
            header += tr("<br><i>reference</i>");
            plain += tr("\nreference");
        }
        m_headers.push_back(plain);
        auto *h = makeLabel(header, grid);
        h->setStyleSheet(QStringLiteral("QLabel { border-bottom: 2px solid palette(mid);"
                                        " padding: 3px 4px; }"));
        g->addWidget(h, 0, col);
        g->setColumnStretch(col, 1);
        g->setColumnMinimumWidth(col, 150);

        for (std::size_t i = 0; i < fields; ++i) {
            auto *c = makeLabel(m_rich[std::size_t(v)][i], grid);
            const bool changed = m_changed[std::size_t(v)][i];
            c->setProperty("changed", changed);
            c->setStyleSheet(QLatin1String(changed ? ChangedCellStyle : SameCellStyle));
            if (changed)
                c->setAccessibleDescription(tr("differs from the reference variant"));
            g->addWidget(c, int(i) + 1, col);
            m_labels[std::size_t(v)][i] = c;
        }

        // Score bar and outcome.
        const std::uint8_t outcome = x.outcome[std::size_t(row)];
        const bool favourable = outcome == 1;
        const QString outcomeLabel = QString::fromStdString(x.outcomeLabels[outcome]);
        QString outcomeText;
        if (outcome >= 2 && std::size_t(outcome - 2) < x.stages.size())
            outcomeText = tr("%1 (stopped at %2)")
                              .arg(outcomeLabel, QString::fromStdString(x.stages[outcome - 2u]));
        else
            outcomeText = favourable ? tr("%1 (favourable)").arg(outcomeLabel)
                                     : tr("%1 (unfavourable)").arg(outcomeLabel);
        m_outcomes.push_back(outcomeText);
        if (m_blind)
            continue;  // no score bar, no outcome: they would anchor a reviewer
        const float score = x.score[std::size_t(row)];
        g->addWidget(new ScoreBar(double(score), x.threshold, lo, hi, favourable, grid),
                     int(fields) + 1, col);
        auto *o = makeLabel(QStringLiteral("<b>%1</b> %2")
                                .arg(favourable ? QStringLiteral("✔") : QStringLiteral("✖"),
                                     outcomeText.toHtmlEscaped()),
                            grid);
        const QColor tint = favourable ? Favourable : Unfavourable;
        o->setStyleSheet(QStringLiteral("QLabel { border-left: 4px solid %1; padding: 3px 4px; }")
                             .arg(tint.name()));
        g->addWidget(o, int(fields) + 2, col);
    }
    for (std::size_t i = 0; i < fields; ++i)
        fieldLabel(m_fieldNames[qsizetype(i)], int(i) + 1);
    if (!m_blind) {
        fieldLabel(x.threshold ? tr("score vs %1").arg(*x.threshold, 0, 'f', 2) : tr("score"),
                   int(fields) + 1);
        fieldLabel(tr("outcome"), int(fields) + 2);
    }
    g->setRowStretch(int(fields) + 3, 1);
    m_scroll->setWidget(grid);

    QString summary = tr("<b>Family %1</b> · %2 variants")
                          .arg(familyName.toHtmlEscaped())
                          .arg(variants);
    if (m_blind) {
        m_summary->setText(summary);
        return;
    }
    if (f.flipped) {
        const QString stage = f.stage >= 0 && std::size_t(f.stage) < x.stages.size()
                                  ? QString::fromStdString(x.stages[std::size_t(f.stage)])
                                  : tr("the final decision");
        summary += tr(" · <b>flipped</b> at %1").arg(stage.toHtmlEscaped());
    } else {
        summary += tr(" · no flip");
    }
    summary += std::isnan(f.scoreRange)
                   ? tr(" · |Δscore| undefined")
                   : tr(" · |Δscore| %1").arg(double(f.scoreRange), 0, 'f', 3);
    m_summary->setText(summary);
}

QString FamilyDetailView::headerText(int variant) const
{
    return variant >= 0 && std::size_t(variant) < m_headers.size() ? m_headers[std::size_t(variant)]
                                                                    : QString();
}

QString FamilyDetailView::cellText(int field, int variant) const
{
    if (variant < 0 || std::size_t(variant) >= m_values.size() || field < 0
        || std::size_t(field) >= m_fieldColumns.size())
        return {};
    return m_values[std::size_t(variant)][std::size_t(field)];
}

QString FamilyDetailView::cellRichText(int field, int variant) const
{
    if (variant < 0 || std::size_t(variant) >= m_rich.size() || field < 0
        || std::size_t(field) >= m_fieldColumns.size())
        return {};
    return m_rich[std::size_t(variant)][std::size_t(field)];
}

bool FamilyDetailView::isChanged(int field, int variant) const
{
    if (variant < 0 || std::size_t(variant) >= m_changed.size() || field < 0
        || std::size_t(field) >= m_fieldColumns.size())
        return false;
    return m_changed[std::size_t(variant)][std::size_t(field)];
}

QString FamilyDetailView::outcomeText(int variant) const
{
    return variant >= 0 && std::size_t(variant) < m_outcomes.size()
               ? m_outcomes[std::size_t(variant)]
               : QString();
}

QString FamilyDetailView::summaryText() const
{
    return m_summary->text();
}

QLabel *FamilyDetailView::cellLabel(int field, int variant) const
{
    if (variant < 0 || std::size_t(variant) >= m_labels.size() || field < 0
        || std::size_t(field) >= m_fieldColumns.size())
        return nullptr;
    return m_labels[std::size_t(variant)][std::size_t(field)];
}

} // namespace cp::ui
