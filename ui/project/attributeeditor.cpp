// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "attributeeditor.h"

#include "speceditor.h"

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cp::ui {

namespace {

constexpr int MarkRole = Qt::UserRole + 1;   // the parser's message for a refused entry
const QString MarkPrefix = QStringLiteral("! ");

QString joinGroups(const std::vector<std::string> &groups)
{
    QStringList out;
    for (const auto &g : groups)
        out << QString::fromStdString(g);
    return out.join(QStringLiteral(", "));
}

QString errorText(const cp::Error &e)
{
    return QStringLiteral("%1: %2").arg(QString::fromStdString(e.field),
                                         QString::fromStdString(e.message));
}

} // namespace

AttributeEditor::AttributeEditor(SpecEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
    , m_table(new QTableWidget(0, 5, this))
    , m_problem(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Name"), tr("Column"), tr("Groups (comma-separated)"), tr("Reference")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(GroupsColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();

    auto *hint = new QLabel(tr("Edit the groups of an attribute (in their declared order) and "
                               "its reference group. Every change re-runs the audit; "
                               "Edit \u203a Undo takes it back."),
                            this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_problem);

    connect(m_table, &QTableWidget::itemChanged, this, &AttributeEditor::groupsEdited);
}

void AttributeEditor::refresh(const cp::AuditSpec &spec)
{
    // Updated in place: this runs inside the handlers of the cells and combos it updates.
    m_updating = true;
    m_protectedCount = int(spec.protectedAttributes.size());
    const int rows = m_protectedCount + int(spec.strata.size());
    if (m_table->rowCount() != rows)
        m_table->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const bool isProtected = row < m_protectedCount;
        const cp::AttributeSpec &a =
            isProtected ? spec.protectedAttributes[std::size_t(row)]
                        : spec.strata[std::size_t(row - m_protectedCount)];
        const QString texts[] = {isProtected ? tr("protected") : tr("stratum"),
                                 QString::fromStdString(a.name), QString::fromStdString(a.column),
                                 joinGroups(a.groups)};
        for (int column = KindColumn; column <= GroupsColumn; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                if (column != GroupsColumn)
                    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                m_table->setItem(row, column, item);
            }
            unmark(row, column);
            item->setText(texts[column]);
        }
        m_table->item(row, GroupsColumn)
            ->setToolTip(a.groups.empty() ? tr("No groups declared: taken as found in the table")
                                          : QString());

        auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, ReferenceColumn));
        if (!isProtected) {
            if (combo)
                m_table->removeCellWidget(row, ReferenceColumn);
            if (!m_table->item(row, ReferenceColumn)) {
                auto *none = new QTableWidgetItem(tr("\u2014 (strata have none)"));
                none->setFlags(Qt::ItemIsEnabled);
                m_table->setItem(row, ReferenceColumn, none);
            }
            continue;
        }
        delete m_table->takeItem(row, ReferenceColumn);
        if (!combo) {
            combo = new QComboBox;
            combo->setAccessibleName(tr("Reference group of %1").arg(texts[NameColumn]));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int index) {
                if (m_updating || index < 0)
                    return;
                for (int r = 0; r < m_table->rowCount(); ++r)
                    if (m_table->cellWidget(r, ReferenceColumn) == combo)
                        referenceChosen(r, combo->itemData(index).toString());
            });
            m_table->setCellWidget(row, ReferenceColumn, combo);
        }
        // Items: "(none)" first, then the groups; rebuilt only when the groups changed.
        QStringList items{QString()};
        for (const auto &g : a.groups)
            items << QString::fromStdString(g);
        QStringList current;
        for (int i = 0; i < combo->count(); ++i)
            current << combo->itemData(i).toString();
        if (current != items) {
            combo->clear();
            for (const QString &g : items)
                combo->addItem(g.isEmpty() ? tr("(none)") : g, g);
        }
        const int index = a.reference ? combo->findData(QString::fromStdString(*a.reference)) : 0;
        combo->setCurrentIndex(std::max(index, 0));
        combo->setEnabled(!a.groups.empty());
        combo->setToolTip(a.groups.empty()
                              ? tr("Declare the groups to choose a reference")
                              : tr("The privileged group the others are compared to"));
    }
    m_problem->hide();
    m_updating = false;
}

QComboBox *AttributeEditor::referenceCombo(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, ReferenceColumn));
}

bool AttributeEditor::isMarked(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item && !item->data(MarkRole).toString().isEmpty();
}

QString AttributeEditor::markMessage(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->data(MarkRole).toString() : QString();
}

QString AttributeEditor::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

std::string AttributeEditor::pointerOf(int row) const
{
    return row < m_protectedCount ? "/protected/" + std::to_string(row)
                                  : "/strata/" + std::to_string(row - m_protectedCount);
}

void AttributeEditor::groupsEdited(QTableWidgetItem *item)
{
    if (m_updating || item->column() != GroupsColumn)
        return;
    const int row = item->row();
    QString text = item->text().trimmed();
    if (text.startsWith(MarkPrefix.trimmed()))
        text = text.mid(1).trimmed();
    nlohmann::json groups = nlohmann::json::array();
    for (const QString &g : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString group = g.trimmed();
        if (!group.isEmpty())
            groups.push_back(group.toStdString());
    }
    const QString name = m_table->item(row, NameColumn)->text();
    // No groups at all means "as found in the table": the key is removed, not set to [].
    const auto status = m_editor->edit(pointerOf(row) + "/groups",
                                       groups.empty() ? nlohmann::json() : groups,
                                       tr("Change the groups of %1").arg(name));
    if (!status)
        mark(row, GroupsColumn, errorText(status.error()));
}

void AttributeEditor::referenceChosen(int row, const QString &group)
{
    const QString name = m_table->item(row, NameColumn)->text();
    const auto status = m_editor->edit(
        pointerOf(row) + "/reference",
        group.isEmpty() ? nlohmann::json() : nlohmann::json(group.toStdString()),
        tr("Set the reference group of %1").arg(name));
    if (!status) {
        // The combo only offers declared groups, so this is rare (an apply the window refused);
        // the message says why, and the combo goes back to the spec's value.
        m_problem->setText(tr("Not applied: %1").arg(errorText(status.error())));
        m_problem->show();
        if (const cp::AuditSpec *spec = m_editor->parsedSpec())
            refresh(*spec);
        m_problem->show();
    }
}

void AttributeEditor::mark(int row, int column, const QString &message)
{
    QTableWidgetItem *item = m_table->item(row, column);
    const bool wasUpdating = m_updating;
    m_updating = true;
    item->setData(MarkRole, message);
    item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    item->setBackground(QColor(255, 220, 220));
    item->setForeground(QColor(120, 0, 0));
    if (!item->text().startsWith(MarkPrefix))
        item->setText(MarkPrefix + item->text());
    item->setToolTip(tr("Not applied: %1").arg(message));
    m_updating = wasUpdating;
    m_problem->setText(tr("! Not applied (%1, %2): %3")
                           .arg(m_table->item(row, NameColumn)->text(),
                                m_table->horizontalHeaderItem(column)->text(), message));
    m_problem->show();
}

void AttributeEditor::unmark(int row, int column)
{
    QTableWidgetItem *item = m_table->item(row, column);
    if (!item || item->data(MarkRole).toString().isEmpty())
        return;
    item->setData(MarkRole, QVariant());
    item->setIcon(QIcon());
    item->setData(Qt::BackgroundRole, QVariant());
    item->setData(Qt::ForegroundRole, QVariant());
    item->setToolTip(QString());
}

} // namespace cp::ui
