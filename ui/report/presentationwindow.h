// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace cp {
struct Report;
} // namespace cp

namespace cp::ui {

/// Presentation mode: one finding per slide, full screen, in type large enough for the back of
/// a meeting room. The slides (ui/report/presentationslides.h): the decision and its reasons,
/// the flips, the slice chart of the primary metric, the intersection grid, what is missing.
/// A footer on every slide keeps the decision in view and counts the slides ("2 / 5").
///
/// Keys: → ↓ PageDown Space Enter next; ← ↑ PageUp Backspace previous; Home, End; Esc leaves.
/// Text and figures scale with the window (1.0 at 1080 lines); a slide whose text would not
/// fit is set smaller rather than clipped.
class PresentationWindow : public QWidget
{
    Q_OBJECT

public:
    enum Slide { DecisionSlide, FlipsSlide, SlicesSlide, IntersectionsSlide, MissingSlide,
                 SlideCount };

    /// The report is shared: the grid slide reads its result in place.
    explicit PresentationWindow(std::shared_ptr<const cp::Report> report,
                                QWidget *parent = nullptr);
    ~PresentationWindow() override;

    int currentSlide() const;
    int slideCount() const { return SlideCount; }
    void setCurrentSlide(int slide);
    void next();
    void previous();
    QWidget *slide(int index) const;
    /// Every text a slide shows (labels, grid cells, chart labels), one per line, for tests
    /// and screen readers.
    QString slideText(int index) const;
    /// "2 / 5".
    QString counterText() const;
    const cp::Report &report() const { return *m_report; }

signals:
    void slideChanged(int slide);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void rescale();
    void fitSlide(QWidget *slide, double scale);

    std::shared_ptr<const cp::Report> m_report;
    QStackedWidget *m_stack;
    QWidget *m_footer;
    QLabel *m_counter;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace cp::ui
