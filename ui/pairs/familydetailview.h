// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/pairsindex.h>

#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QScrollArea;

namespace cp::ui {

/// One family of a PairsIndex side by side: a column per variant (its label, its protected
/// groups), a row per field of the table, then per variant a score bar against the threshold
/// and the outcome. The first variant is the reference: a cell whose text differs from the
/// reference's gets a tinted background *and* a bold "≠" prefix (colour is never the only
/// cue), and within it the words that are not in the reference's text (cp::changedWords) are
/// highlighted, bold and underlined. Colours are a blue/orange pair, safe for colour-blind
/// readers.
///
/// Blind mode (reviews) hides everything that could anchor a reviewer's label: the score bars,
/// the outcomes, the flip and |Δscore| in the summary line, and the fields named by
/// setBlindFields (the model's score and label, the stages, the recorded expected outcome).
class FamilyDetailView : public QWidget
{
    Q_OBJECT

public:
    /// Marks the label of a changed cell (dynamic property "changed" = true) and starts its text.
    static QString changedMarker() { return QStringLiteral("≠"); }

    explicit FamilyDetailView(QWidget *parent = nullptr);

    /// The index to show families of; clears the view. `familyColumn` as PairsModel::setIndex.
    void setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn = -1);
    /// Shows a family (index into PairsIndex::families); −1 or out of range clears the view.
    void showFamily(int family);
    int family() const { return m_family; }

    /// Blind mode: no score, score bar, outcome or flip anywhere in the view. Off by default.
    void setBlind(bool blind);
    bool isBlind() const { return m_blind; }
    /// The fields (column names) left out in blind mode; shows the current family again.
    void setBlindFields(const QStringList &fields);
    const QStringList &blindFields() const { return m_blindFields; }

    int variantCount() const { return int(m_headers.size()); }
    /// The fields shown, one row each (the table's columns but the family and variant columns,
    /// and in blind mode the blind fields).
    const QStringList &fieldNames() const { return m_fieldNames; }
    /// Plain header text of a variant: its label, its groups, "reference" for the first.
    QString headerText(int variant) const;
    /// A field's value as the table holds it.
    QString cellText(int field, int variant) const;
    /// The rich text shown for the cell (with the marker and changed words when changed).
    QString cellRichText(int field, int variant) const;
    /// Whether the cell's text differs from the reference variant's.
    bool isChanged(int field, int variant) const;
    /// "auto_serve (favourable)", "blocked_by_evidence (stopped at evidence)", …
    QString outcomeText(int variant) const;
    /// The line above the grid: family, variants, flip and stage, |Δscore|.
    QString summaryText() const;
    QLabel *cellLabel(int field, int variant) const;

private:
    void clearGrid();
    void chooseFields();

    std::shared_ptr<const cp::PairsIndex> m_index;
    int m_familyColumn = -1;
    int m_variantColumn = -1;
    int m_family = -1;
    bool m_blind = false;
    QStringList m_blindFields;
    QStringList m_fieldNames;
    std::vector<int> m_fieldColumns;
    std::vector<QString> m_headers;               ///< per variant
    std::vector<QString> m_outcomes;              ///< per variant
    std::vector<std::vector<QString>> m_values;   ///< [variant][field]
    std::vector<std::vector<QString>> m_rich;     ///< [variant][field]
    std::vector<std::vector<bool>> m_changed;     ///< [variant][field]
    std::vector<std::vector<QLabel *>> m_labels;  ///< [variant][field]
    QLabel *m_summary = nullptr;
    QLabel *m_legend = nullptr;
    QScrollArea *m_scroll = nullptr;
};

} // namespace cp::ui
