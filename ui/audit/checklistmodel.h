// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <QAbstractTableModel>
#include <QIcon>

#include <memory>

namespace cp::ui {

/// The contract's checks, then its missing attestations, one row each, read in place from the
/// AuditResult. Status is coloured: failed red, insufficient and missing amber, passed green.
class CheckListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StatusColumn,
        NameColumn,
        AttributeColumn,
        ValueColumn,
        LimitColumn,
        DetailColumn,
        ColumnCount
    };

    enum class RowStatus { Passed, Failed, Insufficient, Missing };

    enum Roles {
        StatusRole = Qt::UserRole, ///< int(RowStatus)
        ValueRole,                 ///< the check's value as a double; invalid when undefined
        LimitRole,                 ///< the check's limit as a double
    };

    explicit CheckListModel(QObject *parent = nullptr);

    void setResult(std::shared_ptr<const cp::AuditResult> result);

    RowStatus statusAt(int row) const;
    /// The row showing the first failed or missing requirement, or -1.
    int firstProblemRow() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QColor statusColor(RowStatus status);
    static QString statusText(RowStatus status);

private:
    QVariant checkData(const cp::Check &check, int column, int role) const;
    const QIcon &statusIcon(RowStatus status) const;

    std::shared_ptr<const cp::AuditResult> m_result;
    mutable QIcon m_icons[4]; ///< built on first use (needs a GUI application)
};

} // namespace cp::ui
