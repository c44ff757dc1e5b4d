// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/fliplisting.h>
#include <core/workflow/projectaudit.h>

#include <QTabWidget>

#include <memory>

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace cp::ui {

class AuditSession;
class CheckListModel;
class SliceIntervalChart;
class FlipListModel;
class SliceTableModel;

/// The tabs that show one audit: Slices (rates with intervals and the gaps between groups),
/// Flips (families whose variants got different outcomes) and Checks (the contract).
class AuditView : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab { SlicesTab, FlipsTab, ChecksTab };

    explicit AuditView(QWidget *parent = nullptr);

    /// Shows an audit; nullptr clears every tab.
    /// Shows an audit; with its flip listing (SourceAudit::flipListing) the flip list opens in
    /// that order instead of being sorted here.
    void setAudit(std::shared_ptr<const cp::ProjectAudit> audit,
                  std::shared_ptr<const cp::FlipListing> flipListing = nullptr);
    /// Shows the session's audit from now on, whenever it changes.
    void setSession(AuditSession *session);
    /// Switches to the Checks tab and selects the first failed or missing requirement.
    void showReasons();

    SliceTableModel *sliceModel() const { return m_sliceModel; }
    FlipListModel *flipModel() const { return m_flipModel; }
    CheckListModel *checkModel() const { return m_checkModel; }
    QTableView *flipsView() const { return m_flipsView; }
    QString gapsText() const;
    SliceIntervalChart *sliceChart() const { return m_chart; }
    QComboBox *chartAttributeCombo() const { return m_chartAttribute; }
    QComboBox *chartMetricCombo() const { return m_chartMetric; }
    QString flipsSummary() const;

private:
    QWidget *createSlicesTab();
    QWidget *createFlipsTab();
    QWidget *createChecksTab();
    void updateSlicesText(const cp::AuditResult &result, const cp::AuditSpec *spec);
    void updateFlipsText(const cp::AuditResult &result);

    SliceTableModel *m_sliceModel;
    FlipListModel *m_flipModel;
    CheckListModel *m_checkModel;
    QTableView *m_slicesView = nullptr;
    QTableView *m_flipsView = nullptr;
    QTableView *m_checksView = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_gapsLabel = nullptr;
    SliceIntervalChart *m_chart = nullptr;
    QComboBox *m_chartAttribute = nullptr;
    QComboBox *m_chartMetric = nullptr;
    QLabel *m_supportLegend = nullptr;
    QLabel *m_flipsLabel = nullptr;
    QLabel *m_checksLabel = nullptr;
};

} // namespace cp::ui
