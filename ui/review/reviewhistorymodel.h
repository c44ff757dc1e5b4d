// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/review/reviewstore.h>

#include <QAbstractTableModel>

#include <vector>

namespace cp::ui {

/// A family's review history, newest first: when, who (an adjudicator marked so), and the
/// change "old → new" in words ("— → equivalent · auto_serve", "equivalent → removed").
class ReviewHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { WhenColumn, WhoColumn, ChangeColumn, ColumnCount };

    explicit ReviewHistoryModel(QObject *parent = nullptr);

    /// The changes, oldest first (as cp::reviewHistory gives them); outcome names as the spec's.
    void setChanges(std::vector<cp::ReviewChange> changes, const QString &favourable,
                    const QString &unfavourable);
    /// "equivalent · auto_serve · “note”", or "—" for no label.
    QString labelText(const std::optional<cp::ReviewLabel> &label) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<cp::ReviewChange> m_changes;  ///< newest first
    QString m_favourable;
    QString m_unfavourable;
};

} // namespace cp::ui
