// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The five slides of presentation mode, each built from a cp::Report: the decision and its
// reasons, the flips, the slice chart of the primary metric, the intersection grid, and what
// is missing. Every text is sized by a role (TextRole) at a 1080-pixel-high slide, and
// applyScale() resizes them all for the actual screen. Numbers follow the report's privacy
// floor, as every export does.

#include <core/audit/auditspec.h>
#include <core/report/gateverdict.h>

#include <QColor>
#include <QString>

#include <memory>

class QLabel;
class QVBoxLayout;
class QWidget;

namespace cp {
struct AuditResult;
struct Report;
} // namespace cp

namespace cp::ui::slides {

/// Text sizes, from the decision word down to footnotes. Body text is 30 px at 1080 lines:
/// readable from the back of a meeting room.
enum class TextRole { Huge, Title, Large, Body, Small };

/// The pixel size of a role on a 1080-pixel-high slide.
int basePixelSize(TextRole role);
/// Tags a widget with a role; applyScale() gives it the role's font size.
void setRole(QWidget *widget, TextRole role, bool bold = false);
/// A word-wrapped label with a role; rich when the text is HTML (escape what you insert).
QLabel *text(const QString &text, TextRole role, QWidget *parent, bool bold = false);
/// Sets the font of every tagged widget under root (and the charts and grids) to its role's
/// size × scale.
void applyScale(QWidget *root, double scale);

/// Lays a slide out: a small grey line of context (when given), the title, then whatever the
/// caller adds to the returned layout.
QVBoxLayout *slideLayout(QWidget *slide, const QString &kicker, const QString &title);

/// The colours of the gate's verdict: blue for APPROVED and vermillion for BLOCKED (Okabe–Ito
/// hues, told apart with every common colour-vision deficiency, white text at > 6:1), grey
/// without a contract. The word and a ✓ / ✕ always say it too.
QColor decisionColour(const cp::GateVerdict &verdict);
/// "✕  BLOCKED" (also for a candidate not validated for release), "✓  APPROVED", "NO CONTRACT".
QString decisionWord(const cp::GateVerdict &verdict);

QWidget *decisionSlide(const cp::Report &report, QWidget *parent);
QWidget *flipsSlide(const cp::Report &report, QWidget *parent);
QWidget *slicesSlide(const cp::Report &report, QWidget *parent);
/// The report is shared: the grid's model reads the result in place.
QWidget *intersectionsSlide(const std::shared_ptr<const cp::Report> &report, QWidget *parent);
QWidget *missingSlide(const cp::Report &report, QWidget *parent);

} // namespace cp::ui::slides
