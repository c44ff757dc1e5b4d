// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "presentationwindow.h"

#include "presentationslicechart.h"
#include "presentationslides.h"

#include <ui/audit/auditformat.h>

#include <core/report/report.h>

#include <QAbstractItemView>
#include <QHeaderView>
#include <QTableView>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

using format::qs;
using slides::TextRole;

namespace {

constexpr double DesignWidth = 1920;
constexpr double DesignHeight = 1080;
constexpr int FitSteps = 8;         // each step sets a slide 8 % smaller
constexpr double FitFactor = 0.92;

void invalidateLayouts(QWidget *root)
{
    // Layout items cache their widgets' size hints until the widget's geometry is declared
    // changed; a nested frame's hint would otherwise stay at the previous scale.
    for (QWidget *w : root->findChildren<QWidget *>())
        w->updateGeometry();
    for (QLayout *l : root->findChildren<QLayout *>())
        l->invalidate();
    if (root->layout())
        root->layout()->invalidate();
}

QString plain(const QLabel *label)
{
    const QString t = label->text();
    if (label->textFormat() == Qt::RichText
        || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(t)))
        return QTextDocumentFragment::fromHtml(t).toPlainText();
    return t;
}

} // namespace

PresentationWindow::PresentationWindow(std::shared_ptr<const cp::Report> report, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_report(std::move(report))
    , m_stack(new QStackedWidget(this))
    , m_footer(new QWidget(this))
    , m_counter(slides::text({}, TextRole::Small, m_footer, true))
    , m_previous(new QPushButton(QStringLiteral("‹"), m_footer))
    , m_next(new QPushButton(QStringLiteral("›"), m_footer))
{
    setObjectName(QStringLiteral("presentationWindow"));
    setWindowTitle(QStringLiteral("%1 — Presentation — Counterpart")
                       .arg(qs(m_report->tested.projectName)));
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, QColor(0x1a, 0x1a, 0x1a));
    pal.setColor(QPalette::Base, Qt::white);
    pal.setColor(QPalette::Text, QColor(0x1a, 0x1a, 0x1a));
    setPalette(pal);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);

    m_stack->setObjectName(QStringLiteral("slides"));
    m_stack->addWidget(slides::decisionSlide(*m_report, m_stack));
    m_stack->addWidget(slides::flipsSlide(*m_report, m_stack));
    m_stack->addWidget(slides::slicesSlide(*m_report, m_stack));
    m_stack->addWidget(slides::intersectionsSlide(m_report, m_stack));
    m_stack->addWidget(slides::missingSlide(*m_report, m_stack));
    for (QWidget *w : m_stack->findChildren<QWidget *>())
        w->setFocusPolicy(Qt::NoFocus);  // every key is the presenter's

    // The footer: the decision always in view, where we are, how to move.
    const cp::GateVerdict verdict = m_report->verdict();
    QLabel *decision = slides::text(slides::decisionWord(verdict), TextRole::Small, m_footer,
                                    true);
    decision->setObjectName(QStringLiteral("footerDecision"));
    decision->setWordWrap(false);
    decision->setTextFormat(Qt::PlainText);
    decision->setStyleSheet(QStringLiteral("background: %1; color: white; padding: 2px 12px;"
                                           " border-radius: 4px;")
                                .arg(slides::decisionColour(verdict).name()));
    decision->setToolTip(QStringLiteral("%1 · %2 '%3'")
                             .arg(qs(m_report->tested.projectName),
                                  qs(m_report->tested.sourceKind),
                                  qs(m_report->tested.sourceLabel)));
    m_counter->setObjectName(QStringLiteral("slideCounter"));
    m_counter->setWordWrap(false);
    m_counter->setAlignment(Qt::AlignCenter);
    QLabel *hint = slides::text(QStringLiteral("→ next · ← back · Esc leaves"), TextRole::Small,
                                m_footer);
    hint->setWordWrap(false);
    hint->setStyleSheet(QStringLiteral("color: #4a4a4a;"));
    for (QPushButton *b : {m_previous, m_next}) {
        b->setFlat(true);
        b->setFocusPolicy(Qt::NoFocus);
        slides::setRole(b, TextRole::Body, true);
    }
    m_previous->setToolTip(QStringLiteral("Previous slide (←)"));
    m_next->setToolTip(QStringLiteral("Next slide (→)"));
    m_previous->setAccessibleName(QStringLiteral("Previous slide"));
    m_next->setAccessibleName(QStringLiteral("Next slide"));
    connect(m_previous, &QPushButton::clicked, this, &PresentationWindow::previous);
    connect(m_next, &QPushButton::clicked, this, &PresentationWindow::next);

    // Three parts, the sides equally wide (their hints ignored), so the counter stays centred.
    auto *left = new QWidget(m_footer);
    auto *right = new QWidget(m_footer);
    for (QWidget *side : {left, right})
        side->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *leftLayout = new QHBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(decision);
    leftLayout->addStretch(1);
    decision->setParent(left);
    auto *rightLayout = new QHBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addStretch(1);
    rightLayout->addWidget(hint);
    hint->setParent(right);
    auto *footer = new QHBoxLayout(m_footer);
    footer->setContentsMargins(0, 0, 0, 0);
    footer->setSpacing(16);
    footer->addWidget(left, 1);
    footer->addWidget(m_previous);
    footer->addWidget(m_counter);
    footer->addWidget(m_next);
    footer->addWidget(right, 1);

    auto *layout = new QVBoxLayout(this);
    // The screen sets the size; content that would not fit is set smaller (fitSlide), and
    // never makes the window grow past the screen.
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_footer);

    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int index) {
        m_counter->setText(counterText());
        m_previous->setEnabled(index > 0);
        m_next->setEnabled(index + 1 < SlideCount);
        emit slideChanged(index);
    });
    m_stack->setCurrentIndex(DecisionSlide);
    m_counter->setText(counterText());
    m_previous->setEnabled(false);
    resize(1280, 720);
}

PresentationWindow::~PresentationWindow() = default;

int PresentationWindow::currentSlide() const
{
    return m_stack->currentIndex();
}

void PresentationWindow::setCurrentSlide(int slide)
{
    m_stack->setCurrentIndex(std::clamp(slide, 0, SlideCount - 1));
}

void PresentationWindow::next()
{
    setCurrentSlide(currentSlide() + 1);
}

void PresentationWindow::previous()
{
    setCurrentSlide(currentSlide() - 1);
}

QWidget *PresentationWindow::slide(int index) const
{
    return m_stack->widget(index);
}

QString PresentationWindow::counterText() const
{
    return QStringLiteral("%1 / %2").arg(currentSlide() + 1).arg(SlideCount);
}

QString PresentationWindow::slideText(int index) const
{
    QWidget *s = slide(index);
    if (!s)
        return {};
    QStringList lines;
    for (const QLabel *label : s->findChildren<QLabel *>())
        if (!label->text().isEmpty())
            lines << plain(label);
    for (const QAbstractItemView *view : s->findChildren<QAbstractItemView *>()) {
        const QAbstractItemModel *m = view->model();
        if (!m)
            continue;
        for (int c = 0; c < m->columnCount(); ++c)
            lines << m->headerData(c, Qt::Horizontal).toString();
        for (int row = 0; row < m->rowCount(); ++row) {
            lines << m->headerData(row, Qt::Vertical).toString();
            for (int c = 0; c < m->columnCount(); ++c)
                lines << m->index(row, c).data().toString();
        }
    }
    for (const PresentationSliceChart *chart : s->findChildren<PresentationSliceChart *>())
        lines << chart->groupLabels() << chart->valueLabels();
    return lines.join(QLatin1Char('\n'));
}

void PresentationWindow::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        next();
        break;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
        previous();
        break;
    case Qt::Key_Home:
        setCurrentSlide(0);
        break;
    case Qt::Key_End:
        setCurrentSlide(SlideCount - 1);
        break;
    case Qt::Key_Escape:
        close();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PresentationWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rescale();
}

void PresentationWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    rescale();
    activateWindow();
    setFocus();
}

void PresentationWindow::rescale()
{
    const double scale = std::min(width() / DesignWidth, height() / DesignHeight);
    const int side = int(80 * scale), top = int(56 * scale), bottom = int(28 * scale);
    layout()->setContentsMargins(side, top, side, bottom);
    layout()->setSpacing(int(24 * scale));
    slides::applyScale(m_footer, scale);
    layout()->activate();
    for (int i = 0; i < m_stack->count(); ++i)
        fitSlide(m_stack->widget(i), scale);
}

void PresentationWindow::fitSlide(QWidget *slide, double scale)
{
    // The stack gives every slide its own size; text that would not fit is set smaller.
    const QSize room = m_stack->contentsRect().size();
    double s = scale;
    for (int step = 0; step < FitSteps; ++step, s *= FitFactor) {
        slides::applyScale(slide, s);
        invalidateLayouts(slide);
        QLayout *l = slide->layout();
        if (!l || room.isEmpty())
            return;
        const int needed = l->hasHeightForWidth() ? l->totalHeightForWidth(room.width())
                                                  : l->totalSizeHint().height();
        // A grid never scrolls: its columns, at their narrowest, must fit the width too.
        int wide = 0;
        for (const QTableView *grid : slide->findChildren<QTableView *>())
            if (grid->model())
                wide = std::max(wide, grid->verticalHeader()->sizeHint().width()
                                          + grid->horizontalHeader()->minimumSectionSize()
                                                * grid->model()->columnCount()
                                          + 2 * grid->frameWidth());
        if (needed <= room.height() && wide <= room.width())
            return;
    }
}

} // namespace cp::ui
