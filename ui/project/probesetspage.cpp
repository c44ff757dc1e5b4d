// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetspage.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <ui/audit/auditformat.h>

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cp::ui {

ProbeSetsPage::ProbeSetsPage(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_report(new QPlainTextEdit(this))
    , m_empty(new QLabel(this))
    , m_generate(new QPushButton(tr("&Generate from Spec…"), this))
{
    setObjectName(QStringLiteral("probeSetsPage"));
    m_table->setObjectName(QStringLiteral("probeSetTable"));
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Version"), tr("Name"), tr("Kind"), tr("Families"),
                                        tr("Variants"), tr("SHA-256"), tr("Parent"),
                                        tr("Created")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_report->setObjectName(QStringLiteral("probeSetReport"));
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setPlaceholderText(tr("Select a version to read its balance and integrity "
                                    "reports."));
    m_empty->setWordWrap(true);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_generate->setToolTip(tr("Generate a probe set from a generator spec (JSON) and freeze it "
                              "in this project"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addWidget(m_generate);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_report);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ProbeSetsPage::showReport);
    connect(m_generate, &QPushButton::clicked, this, [this] {
        const QString spec = QFileDialog::getOpenFileName(
            this, tr("Generate from Spec"), {}, tr("Generator specs (*.json);;All files (*)"));
        if (!spec.isEmpty())
            emit generateRequested(spec);
    });
    reload({});
}

void ProbeSetsPage::reload(const QString &projectFile)
{
    m_projectFile = projectFile;
    m_table->setRowCount(0);
    m_reports.clear();
    m_report->clear();
    m_generate->setEnabled(!projectFile.isEmpty());
    if (projectFile.isEmpty()) {
        m_empty->setText(tr("No project open."));
        return;
    }
    auto store = cp::ProjectStore::open(projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    auto sets = store ? cp::probeSets(**store) : cp::Result<std::vector<cp::ProbeSetRecord>>(
                                                     store.error());
    if (!sets) {
        m_empty->setText(tr("Cannot read the probe sets: %1")
                             .arg(format::qs(sets.error().toString())));
        return;
    }
    m_empty->setText(sets->empty()
                         ? tr("No probe set yet. Generate one from a spec (e.g. "
                              "sample_projects/hiring-screen/generator.json).")
                         : tr("%n frozen probe-set version(s). A frozen version never changes; "
                              "a changed spec makes a new one.",
                              nullptr, int(sets->size())));
    m_table->setRowCount(int(sets->size()));
    for (std::size_t i = 0; i < sets->size(); ++i) {
        const cp::ProbeSetRecord &p = (*sets)[i];
        const int r = int(i);
        auto set = [&](int c, const QString &text, const QString &tip = {}) {
            auto *item = new QTableWidgetItem(text);
            if (!tip.isEmpty())
                item->setToolTip(tip);
            if (c == 0 || c == 3 || c == 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        };
        set(0, QString::number(p.id));
        set(1, format::qs(p.name));
        set(2, format::qs(p.kind));
        set(3, format::integer(p.families));
        set(4, format::integer(p.variants));
        set(5, format::qs(p.sha256).left(12) + QStringLiteral("…"), format::qs(p.sha256));
        set(6, p.parentId ? QString::number(*p.parentId) : tr("—"));
        set(7, format::qs(p.created));
        m_reports << format::qs(p.balance.summary() + p.integrity.summary());
    }
    m_table->resizeColumnsToContents();
    if (!sets->empty())
        m_table->selectRow(int(sets->size()) - 1);
}

QString ProbeSetsPage::reportText() const
{
    return m_report->toPlainText();
}

void ProbeSetsPage::setBusy(bool busy)
{
    m_generate->setEnabled(!busy && !m_projectFile.isEmpty());
}

void ProbeSetsPage::showReport()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= m_reports.size()) {
        m_report->clear();
        return;
    }
    m_report->setPlainText(m_reports.at(rows.first().row()));
}

} // namespace cp::ui
