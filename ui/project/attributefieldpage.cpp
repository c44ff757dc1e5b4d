// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "attributefieldpage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

namespace {

enum Row { GroupsRow, ReferenceRow, SharesRow, ByRow, ProviderRow, ListsRow };

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QString joined(const std::vector<std::string> &items)
{
    QStringList out;
    for (const auto &i : items)
        out << QString::fromStdString(i);
    return out.join(QStringLiteral(", "));
}

/// "Ms, Mr:2" → entries; a weight is the number after the last ':'.
QString parseEntries(const QString &text, std::vector<cp::LinkedSpec::Entry> &out)
{
    out.clear();
    for (const QString &part : text.split(QLatin1Char(','))) {
        QString value = part.trimmed();
        double weight = 1.0;
        const int colon = value.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && parseNumber(value.mid(colon + 1), weight))
            value = value.left(colon).trimmed();
        if (value.isEmpty())
            return AttributeFieldPage::tr("an empty value in '%1'").arg(text);
        if (weight <= 0)
            return AttributeFieldPage::tr("the weight of '%1' must be > 0").arg(value);
        out.push_back({value.toStdString(), weight});
    }
    return {};
}

QString entriesText(const std::vector<cp::LinkedSpec::Entry> &entries)
{
    QStringList out;
    for (const auto &e : entries)
        out << (e.weight == 1.0 ? QString::fromStdString(e.value)
                                : QStringLiteral("%1:%2").arg(QString::fromStdString(e.value),
                                                              numberText(e.weight)));
    return out.join(QStringLiteral(", "));
}

} // namespace

AttributeFieldPage::AttributeFieldPage(QWidget *parent)
    : FieldFormPage(parent)
    , m_form(new QFormLayout)
    , m_groups(new QLineEdit(this))
    , m_reference(new QComboBox(this))
    , m_shares(new QLineEdit(this))
    , m_by(new QListWidget(this))
    , m_provider(new QComboBox(this))
    , m_lists(new QTableWidget(0, 2, this))
{
    m_groups->setObjectName(QStringLiteral("protectedGroups"));
    m_groups->setToolTip(tr("The groups, comma-separated, in declared order; every family "
                            "gets a variant per group"));
    m_reference->setObjectName(QStringLiteral("protectedReference"));
    m_reference->setToolTip(tr("The group the others are compared with"));
    m_shares->setObjectName(QStringLiteral("protectedShares"));
    m_shares->setPlaceholderText(tr("(none)"));
    m_shares->setToolTip(tr("Optional target-population shares, one per group, summing to 1; "
                            "recorded, they do not change the design"));
    m_by->setObjectName(QStringLiteral("linkedBy"));
    m_by->setMaximumHeight(90);
    m_by->setToolTip(tr("The protected attributes whose groups pick this field's value"));
    m_provider->setObjectName(QStringLiteral("linkedProvider"));
    m_provider->setToolTip(tr("A list from resources/providers whose first key columns are "
                              "the groups, in the order of 'by'"));
    m_lists->setObjectName(QStringLiteral("linkedLists"));
    m_lists->setAccessibleName(tr("Values per group"));
    m_lists->verticalHeader()->hide();
    m_lists->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_lists->horizontalHeader()->setStretchLastSection(true);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(m_form, tr("&Groups:"), m_groups);
    addRow(m_form, tr("&Reference:"), m_reference);
    addRow(m_form, tr("S&hares:"), m_shares);
    addRow(m_form, tr("&By:"), m_by);
    addRow(m_form, tr("&List:"), m_provider);
    addRow(m_form, tr("&Per group:"), m_lists);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form, 1);

    connect(m_groups, &QLineEdit::editingFinished, this, &AttributeFieldPage::groupsEdited);
    connect(m_shares, &QLineEdit::editingFinished, this, &AttributeFieldPage::sharesEdited);
    connect(m_reference, &QComboBox::currentIndexChanged, this, [this] {
        if (loading() || m_reference->currentIndex() < 0)
            return;
        const std::string group = m_reference->currentData().toString().toStdString();
        editProtected(m_reference,
                      tr("Set %1 reference to %2").arg(targetName(), m_reference->currentText()),
                      [group](cp::ProtectedSpec &p) {
                          p.reference = group;
                          return QString();
                      });
    });
    connect(m_by, &QListWidget::itemChanged, this, &AttributeFieldPage::byEdited);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        if (loading() || m_provider->currentIndex() < 0)
            return;
        const std::string list = m_provider->currentData().toString().toStdString();
        editLinked(m_provider,
                   tr("Draw %1 from %2").arg(targetName(), m_provider->currentData().toString()),
                   [list](cp::LinkedSpec &l) {
                       l.provider = list;
                       return QString();
                   });
    });
    connect(m_lists, &QTableWidget::itemChanged, this, &AttributeFieldPage::listEdited);
}

std::vector<std::string> AttributeFieldPage::groupKeys(const cp::GeneratorSpec &spec,
                                                       const std::vector<std::string> &by)
{
    std::vector<std::string> keys{std::string()};
    for (const auto &name : by) {
        const auto p = std::find_if(spec.protectedAttributes.begin(),
                                    spec.protectedAttributes.end(),
                                    [&](const auto &a) { return a.name == name; });
        if (p == spec.protectedAttributes.end())
            return {};
        std::vector<std::string> next;
        for (const auto &k : keys)
            for (const auto &g : p->groups)
                next.push_back(k.empty() ? g : k + "/" + g);
        keys = std::move(next);
    }
    return keys;
}

void AttributeFieldPage::convertLinked(const cp::GeneratorSpec &spec, cp::LinkedSpec &linked,
                                       cp::LinkedSpec::Kind kind)
{
    const auto previous = linked.lists;
    const bool keep = linked.kind == kind;
    linked.kind = kind;
    linked.lists.clear();
    if (kind == cp::LinkedSpec::Kind::Provider) {
        if (linked.provider.empty())
            linked.provider = providerListNames().value(0).toStdString();
        return;
    }
    for (const auto &key : groupKeys(spec, linked.by)) {
        const auto old = std::find_if(previous.begin(), previous.end(),
                                      [&](const auto &l) { return l.first == key; });
        if (keep && old != previous.end())
            linked.lists.push_back(*old);
        else if (kind == cp::LinkedSpec::Kind::Pronouns)
            linked.lists.push_back({key, {{"they", 1.0}}});
        else
            linked.lists.push_back({key, {{key, 1.0}}});
    }
}

void AttributeFieldPage::load(const cp::GeneratorSpec &spec, const FieldTarget &target)
{
    const bool isProtected = target.section == FieldTarget::Section::Protected;
    for (int row : {GroupsRow, ReferenceRow, SharesRow})
        m_form->setRowVisible(row, isProtected);
    for (int row : {ByRow, ProviderRow, ListsRow})
        m_form->setRowVisible(row, !isProtected);
    if (isProtected)
        loadProtected(spec.protectedAttributes[std::size_t(target.index)]);
    else
        loadLinked(spec, spec.linked[std::size_t(target.index)]);
    for (QWidget *w : std::initializer_list<QWidget *>{m_groups, m_reference, m_shares, m_by,
                                                        m_provider, m_lists})
        setMark(w, {});
}

void AttributeFieldPage::loadProtected(const cp::ProtectedSpec &p)
{
    m_groups->setText(joined(p.groups));
    QList<std::pair<QString, QString>> groups;
    for (const auto &g : p.groups)
        groups.append({QString::fromStdString(g), QString::fromStdString(g)});
    fillCombo(m_reference, groups, QString::fromStdString(p.reference));
    QStringList shares;
    for (double s : p.shares)
        shares << numberText(s);
    m_shares->setText(shares.join(QStringLiteral(", ")));
}

void AttributeFieldPage::loadLinked(const cp::GeneratorSpec &spec, const cp::LinkedSpec &l)
{
    {
        const QSignalBlocker blocker(m_by);
        m_by->clear();
        for (const auto &p : spec.protectedAttributes) {
            auto *item = new QListWidgetItem(QString::fromStdString(p.name), m_by);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(std::find(l.by.begin(), l.by.end(), p.name) != l.by.end()
                                    ? Qt::Checked
                                    : Qt::Unchecked);
        }
    }
    const bool provider = l.kind == cp::LinkedSpec::Kind::Provider;
    m_form->setRowVisible(ProviderRow, provider);
    m_form->setRowVisible(ListsRow, !provider);
    QList<std::pair<QString, QString>> lists;
    for (const QString &name : providerListNames())
        lists.append({name, name});
    const QString current = QString::fromStdString(l.provider);
    if (provider && !providerListNames().contains(current))
        lists.append({tr("%1 (not in resources/providers)").arg(current), current});
    fillCombo(m_provider, lists, current);

    // In place: this may run inside the table's own itemChanged.
    const QSignalBlocker blocker(m_lists);
    const bool pronouns = l.kind == cp::LinkedSpec::Kind::Pronouns;
    m_lists->setHorizontalHeaderLabels(
        {tr("Group"), pronouns ? tr("Pronoun set (he, she or they)")
                               : tr("Values (comma-separated, value:weight)")});
    m_lists->setRowCount(int(l.lists.size()));
    for (int r = 0; r < int(l.lists.size()); ++r) {
        const auto &[key, entries] = l.lists[std::size_t(r)];
        const QString cells[] = {QString::fromStdString(key), entriesText(entries)};
        for (int c = 0; c < 2; ++c) {
            QTableWidgetItem *item = m_lists->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                if (c == 0)
                    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                m_lists->setItem(r, c, item);
            }
            item->setText(cells[c]);
        }
    }
    m_lists->resizeColumnToContents(0);
}

bool AttributeFieldPage::editProtected(QWidget *control, const QString &undoText,
                                       const std::function<QString(cp::ProtectedSpec &)> &change)
{
    const int index = target().index;
    return edit(control, undoText, [index, change](cp::GeneratorSpec &s) {
        return change(s.protectedAttributes[std::size_t(index)]);
    });
}

bool AttributeFieldPage::editLinked(QWidget *control, const QString &undoText,
                                    const std::function<QString(cp::LinkedSpec &)> &change)
{
    const int index = target().index;
    return edit(control, undoText, [index, change](cp::GeneratorSpec &s) {
        return change(s.linked[std::size_t(index)]);
    });
}

void AttributeFieldPage::groupsEdited()
{
    if (loading())
        return;
    QStringList typed = splitList(m_groups->text());
    std::vector<std::string> groups;
    for (const QString &g : typed)
        groups.push_back(g.toStdString());
    const int index = target().index;
    edit(m_groups, tr("Set the groups of %1 to %2").arg(targetName(), typed.join(", ")),
         [index, groups](cp::GeneratorSpec &s) {
             cp::ProtectedSpec &p = s.protectedAttributes[std::size_t(index)];
             if (groups.empty())
                 return tr("give at least one group");
             // Groups renamed in place (a new name for one that is gone, not a reordering):
             // the reference and the linked lists keyed by them follow.
             const auto has = [](const std::vector<std::string> &list, const std::string &v) {
                 return std::find(list.begin(), list.end(), v) != list.end();
             };
             std::vector<std::pair<std::string, std::string>> renamed;
             if (groups.size() == p.groups.size())
                 for (std::size_t g = 0; g < groups.size(); ++g)
                     if (!has(p.groups, groups[g]) && !has(groups, p.groups[g]))
                         renamed.emplace_back(p.groups[g], groups[g]);
             for (const auto &[from, to] : renamed) {
                 if (p.reference == from)
                     p.reference = to;
                 for (cp::LinkedSpec &l : s.linked) {
                     const auto at = std::find(l.by.begin(), l.by.end(), p.name);
                     if (at == l.by.end())
                         continue;
                     const auto part = std::size_t(at - l.by.begin());
                     for (auto &entry : l.lists) {
                         QStringList parts = QString::fromStdString(entry.first).split('/');
                         if (int(part) < parts.size() && parts[int(part)].toStdString() == from)
                             parts[int(part)] = QString::fromStdString(to);
                         entry.first = parts.join('/').toStdString();
                     }
                 }
             }
             if (std::find(groups.begin(), groups.end(), p.reference) == groups.end())
                 p.reference = groups.front();
             if (!p.shares.empty() && p.shares.size() != groups.size())
                 p.shares.clear();  // they no longer say which group is which
             p.groups = groups;
             return QString();
         });
}

void AttributeFieldPage::sharesEdited()
{
    if (loading())
        return;
    const QStringList typed = splitList(m_shares->text());
    editProtected(m_shares,
                  typed.isEmpty() ? tr("Remove the shares of %1").arg(targetName())
                                  : tr("Set the shares of %1 to %2")
                                        .arg(targetName(), typed.join(", ")),
                  [typed](cp::ProtectedSpec &p) {
                      std::vector<double> shares;
                      for (const QString &t : typed) {
                          double v = 0;
                          if (!parseNumber(t, v))
                              return tr("'%1' is not a number").arg(t);
                          shares.push_back(v);
                      }
                      p.shares = shares;
                      return QString();
                  });
}

void AttributeFieldPage::byEdited()
{
    if (loading())
        return;
    std::vector<std::string> by;
    QStringList names;
    for (int r = 0; r < m_by->count(); ++r)
        if (m_by->item(r)->checkState() == Qt::Checked) {
            by.push_back(m_by->item(r)->text().toStdString());
            names << m_by->item(r)->text();
        }
    const int index = target().index;
    edit(m_by, tr("Link %1 to %2").arg(targetName(), names.join(", ")),
         [index, by](cp::GeneratorSpec &s) {
             if (by.empty())
                 return tr("check at least one protected attribute");
             cp::LinkedSpec &l = s.linked[std::size_t(index)];
             l.by = by;
             convertLinked(s, l, l.kind);  // a list for every new group combination
             return QString();
         });
}

void AttributeFieldPage::listEdited()
{
    if (loading())
        return;
    std::vector<std::pair<std::string, QString>> rows;
    for (int r = 0; r < m_lists->rowCount(); ++r)
        rows.emplace_back(m_lists->item(r, 0)->text().toStdString(),
                          m_lists->item(r, 1) ? m_lists->item(r, 1)->text() : QString());
    editLinked(m_lists, tr("Edit the values of %1").arg(targetName()),
               [rows](cp::LinkedSpec &l) {
                   l.lists.clear();
                   for (const auto &[key, text] : rows) {
                       std::vector<cp::LinkedSpec::Entry> entries;
                       if (l.kind == cp::LinkedSpec::Kind::Pronouns) {
                           entries.push_back({text.trimmed().toStdString(), 1.0});
                       } else if (QString problem = parseEntries(text, entries);
                                  !problem.isEmpty()) {
                           return tr("%1: %2").arg(QString::fromStdString(key), problem);
                       }
                       l.lists.emplace_back(key, std::move(entries));
                   }
                   return QString();
               });
}

} // namespace cp::ui
