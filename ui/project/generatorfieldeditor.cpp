// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generatorfieldeditor.h"

#include "attributefieldpage.h"
#include "basicfieldpage.h"
#include "choicefieldpage.h"
#include "conditionalfieldpage.h"
#include "fieldspecedits.h"
#include "numberfieldpage.h"
#include "templatefieldpage.h"

#include <core/generate/generator.h>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

namespace {

using Section = FieldTarget::Section;

QString errorText(const cp::Error &e)
{
    return QStringLiteral("%1: %2").arg(QString::fromStdString(e.field),
                                         QString::fromStdString(e.message));
}

const QString LinkedPrefix = QStringLiteral("linked/");

QString linkedKindKey(cp::LinkedSpec::Kind k)
{
    switch (k) {
    case cp::LinkedSpec::Kind::Provider: return LinkedPrefix + QStringLiteral("provider");
    case cp::LinkedSpec::Kind::Pronouns: return LinkedPrefix + QStringLiteral("pronouns");
    case cp::LinkedSpec::Kind::Values: return LinkedPrefix + QStringLiteral("values");
    }
    return {};
}

constexpr cp::FieldKind AllKinds[] = {
    cp::FieldKind::Id,     cp::FieldKind::Choice,    cp::FieldKind::Int,
    cp::FieldKind::Real,   cp::FieldKind::Normal,    cp::FieldKind::Lognormal,
    cp::FieldKind::Date,   cp::FieldKind::Conditional, cp::FieldKind::Provider,
    cp::FieldKind::Template};

} // namespace

GeneratorFieldEditor::GeneratorFieldEditor(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_add(new QPushButton(tr("Add &Field"), this))
    , m_remove(new QPushButton(tr("Remo&ve Field"), this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_nothing(new QLabel(tr("Open a generator spec, then select a row to edit it."), this))
    , m_number(new NumberFieldPage(this))
    , m_choice(new ChoiceFieldPage(this))
    , m_basic(new BasicFieldPage(this))
    , m_template(new TemplateFieldPage(this))
    , m_conditional(new ConditionalFieldPage(this))
    , m_attribute(new AttributeFieldPage(this))
{
    setObjectName(QStringLiteral("generatorFieldEditor"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #780000;"));
    m_status->hide();
    m_tree->setObjectName(QStringLiteral("generatorFields"));
    m_tree->setAccessibleName(tr("Generator fields"));
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Name"), tr("Kind"), tr("Role"), tr("Settings")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    for (int c : {NameColumn, KindColumn, RoleColumn})
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_add->setObjectName(QStringLiteral("addGeneratorField"));
    m_add->setToolTip(tr("Insert an int field after the selected field"));
    m_remove->setObjectName(QStringLiteral("removeGeneratorField"));
    m_remove->setToolTip(tr("Remove the selected field (refused while another field uses it)"));
    m_name->setObjectName(QStringLiteral("generatorFieldName"));
    m_name->setToolTip(tr("Renaming also renames every use (bounds, keys, templates, strata)"));
    m_kind->setObjectName(QStringLiteral("generatorFieldKind"));
    m_kind->setToolTip(tr("Another kind starts from values you then adjust"));
    m_nothing->setAlignment(Qt::AlignCenter);
    m_nothing->setWordWrap(true);
    m_pages->addWidget(m_nothing);
    for (FieldFormPage *page : std::initializer_list<FieldFormPage *>{
             m_number, m_choice, m_basic, m_template, m_conditional, m_attribute}) {
        m_pages->addWidget(page);
        page->setEdit([this](QWidget *control, const QString &text,
                             const FieldFormPage::Change &change) {
            return apply(control, text, change);
        });
    }
    connect(m_conditional, &FieldFormPage::targetRequested, this,
            &GeneratorFieldEditor::selectTarget);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(markedCell(m_tree), 1);
    topLayout->addLayout(buttons);

    auto *header = new QFormLayout;
    header->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *kindLabel = new QLabel(tr("&Kind:"), this);
    kindLabel->setBuddy(m_kind);
    header->addRow(nameLabel, markedCell(m_name));
    header->addRow(kindLabel, markedCell(m_kind));
    auto *form = new QWidget(this);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(header);
    formLayout->addWidget(m_pages, 1);
    // The forms scroll rather than squeeze the rows: the tallest kind's form would otherwise
    // set the height of every one.
    auto *bottom = new QScrollArea(this);
    bottom->setWidget(form);
    bottom->setWidgetResizable(true);
    bottom->setFrameShape(QFrame::NoFrame);
    m_tree->setMinimumHeight(m_tree->fontMetrics().height() * 8);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(top);
    m_split->addWidget(bottom);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_split, 1);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_updating || !item)
            return;
        const auto it = std::find(m_items.begin(), m_items.end(), item);
        if (it == m_items.end())
            return;
        m_current = m_rows[std::size_t(it - m_items.begin())];
        showCurrent(true);
    });
    connect(m_name, &QLineEdit::editingFinished, this, &GeneratorFieldEditor::renamed);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &GeneratorFieldEditor::kindChosen);
    connect(m_add, &QPushButton::clicked, this, &GeneratorFieldEditor::addField);
    connect(m_remove, &QPushButton::clicked, this, &GeneratorFieldEditor::removeField);
    setEnabled(false);
}

void GeneratorFieldEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The first real size: two fifths for the rows, the rest for the forms (the splitter
    // would otherwise start from the tree's large size hint).
    if (!m_splitPlaced && m_split->height() > 100) {
        m_splitPlaced = true;
        const int h = m_split->height();
        m_split->setSizes({h * 2 / 5, h - h * 2 / 5});
    }
}

void GeneratorFieldEditor::setSpec(const cp::GeneratorSpec &spec)
{
    m_spec = spec;
    m_written = cp::writeGeneratorSpec(spec);
    m_generates = generationProblem(spec).isEmpty();
    m_status->hide();
    setEnabled(true);
    setMark(m_marked, {});
    m_marked.clear();
    m_problem.clear();

    // Keep the selected row where it still exists (an edit never moves rows, except adding and
    // removing a field).
    FieldTarget &t = m_current;
    const auto count = [&](Section s) {
        return int(s == Section::Protected ? spec.protectedAttributes.size()
                   : s == Section::Linked  ? spec.linked.size()
                                           : spec.fields.size());
    };
    if (t.section != Section::None && t.index >= count(t.section))
        t.index = count(t.section) - 1;
    if (t.section == Section::Case
        && (t.index < 0 || t.caseIndex >= int(spec.fields[std::size_t(t.index)].cases.size())))
        t = FieldTarget{Section::Field, t.index, -1};
    if (t.index < 0)
        t = FieldTarget{};
    if (t.section == Section::None)
        t = spec.fields.empty() ? FieldTarget{Section::Protected, 0, -1}
                                : FieldTarget{Section::Field, 0, -1};
    rebuildRows();
    // The text follows the row after an edit made here, not while it is typed in.
    showCurrent(m_committing);
}

void GeneratorFieldEditor::setInvalid(const QString &reason)
{
    m_status->setText(tr("Fix the spec text first: %1").arg(reason));
    m_status->show();
    // The rows stay in sight, read-only, until the text parses again.
    m_tree->setEnabled(false);
    m_pages->setEnabled(false);
    m_name->setEnabled(false);
    m_kind->setEnabled(false);
    m_add->setEnabled(false);
    m_remove->setEnabled(false);
    m_spec.reset();
}

void GeneratorFieldEditor::rebuildRows()
{
    const cp::GeneratorSpec &spec = *m_spec;
    std::vector<FieldTarget> rows;
    for (int i = 0; i < int(spec.protectedAttributes.size()); ++i)
        rows.push_back({Section::Protected, i, -1});
    for (int i = 0; i < int(spec.linked.size()); ++i)
        rows.push_back({Section::Linked, i, -1});
    for (int i = 0; i < int(spec.fields.size()); ++i) {
        rows.push_back({Section::Field, i, -1});
        for (int c = 0; c < int(spec.fields[std::size_t(i)].cases.size()); ++c)
            rows.push_back({Section::Case, i, c});
    }
    m_updating = true;
    if (rows != m_rows) {  // else the rows are updated in place
        m_tree->clear();
        m_items.clear();
        QTreeWidgetItem *parent = nullptr;
        for (const FieldTarget &t : rows) {
            auto *item = t.section == Section::Case ? new QTreeWidgetItem(parent)
                                                    : new QTreeWidgetItem(m_tree);
            if (t.section != Section::Case)
                parent = item;
            m_items.push_back(item);
        }
        m_rows = rows;
        m_tree->expandAll();
    }
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const FieldTarget &t = m_rows[r];
        QTreeWidgetItem *item = m_items[r];
        item->setText(NameColumn, nameText(spec, t));
        item->setText(KindColumn, kindText(spec, t));
        item->setText(RoleColumn, roleText(spec, t));
        item->setText(DetailColumn, detailText(spec, t));
        item->setToolTip(DetailColumn, item->text(DetailColumn));
        if (t == m_current)
            m_tree->setCurrentItem(item);
    }
    m_tree->setEnabled(true);
    m_updating = false;
}

bool GeneratorFieldEditor::selectRow(const QString &name, const QString &caseKey)
{
    if (!m_spec)
        return false;
    for (const FieldTarget &t : m_rows) {
        if (t.section == Section::Case) {
            if (!caseKey.isEmpty()
                && QString::fromStdString(m_spec->fields[std::size_t(t.index)].name) == name
                && nameText(*m_spec, t) == caseKey)
                return selectTarget(t);
        } else if (caseKey.isEmpty() && nameText(*m_spec, t) == name) {
            return selectTarget(t);
        }
    }
    return false;
}

bool GeneratorFieldEditor::selectTarget(const FieldTarget &target)
{
    const auto it = std::find(m_rows.begin(), m_rows.end(), target);
    if (it == m_rows.end())
        return false;
    m_tree->setCurrentItem(m_items[std::size_t(it - m_rows.begin())]);
    if (!(m_current == target)) {  // the tree's signal was not delivered (same item)
        m_current = target;
        showCurrent(true);
    }
    return true;
}

FieldFormPage *GeneratorFieldEditor::currentPage() const
{
    return qobject_cast<FieldFormPage *>(m_pages->currentWidget());
}

FieldFormPage *GeneratorFieldEditor::pageFor(const FieldTarget &target) const
{
    if (target.section == Section::Protected || target.section == Section::Linked)
        return m_attribute;
    const cp::FieldSpec *f = m_spec ? fieldAt(*m_spec, target) : nullptr;
    if (!f)
        return nullptr;
    using K = cp::FieldKind;
    switch (f->kind) {
    case K::Choice: return m_choice;
    case K::Int:
    case K::Real:
    case K::Normal:
    case K::Lognormal: return m_number;
    case K::Template: return m_template;
    case K::Conditional: return m_conditional;
    case K::Id:
    case K::Date:
    case K::Provider: return m_basic;
    }
    return nullptr;
}

void GeneratorFieldEditor::showCurrent(bool follow)
{
    if (!m_spec)
        return;
    const FieldTarget &t = m_current;
    m_updating = true;
    // A refusal belongs to the form it was made in.
    setMark(m_marked, {});
    m_marked.clear();
    m_problem.clear();
    m_name->setText(nameText(*m_spec, t));
    m_name->setEnabled(t.section != Section::Case && t.section != Section::None);
    m_name->setToolTip(t.section == Section::Case
                           ? tr("A case is named by the value it is for")
                           : tr("Renaming also renames every use (bounds, keys, templates, "
                                "strata)"));
    QList<std::pair<QString, QString>> kinds;
    QString kind;
    if (t.section == Section::Protected) {
        kinds.append({tr("groups"), QStringLiteral("groups")});
        kind = QStringLiteral("groups");
    } else if (t.section == Section::Linked) {
        for (auto k : {cp::LinkedSpec::Kind::Provider, cp::LinkedSpec::Kind::Pronouns,
                       cp::LinkedSpec::Kind::Values})
            kinds.append({linkedKindKey(k).mid(LinkedPrefix.size()), linkedKindKey(k)});
        kind = linkedKindKey(m_spec->linked[std::size_t(t.index)].kind);
    } else if (const cp::FieldSpec *f = fieldAt(*m_spec, t)) {
        for (cp::FieldKind k : AllKinds)
            if (t.section == Section::Field
                || (k != cp::FieldKind::Id && k != cp::FieldKind::Template))
                kinds.append({QString::fromLatin1(cp::fieldKindName(k)),
                              QString::fromLatin1(cp::fieldKindName(k))});
        kind = QString::fromLatin1(cp::fieldKindName(f->kind));
    }
    fillCombo(m_kind, kinds, kind);
    m_kind->setEnabled(t.section != Section::Protected && t.section != Section::None);
    m_remove->setEnabled(t.section == Section::Field);
    m_add->setEnabled(true);
    m_pages->setEnabled(true);
    setMark(m_name, {});
    setMark(m_kind, {});
    if (follow && t.section != Section::None)
        emit rowShown(t.section == Section::Case
                          ? QString::fromStdString(m_spec->fields[std::size_t(t.index)].name)
                          : nameText(*m_spec, t));
    FieldFormPage *page = pageFor(t);
    if (page)
        page->showTarget(*m_spec, t);
    QWidget *shown = page ? static_cast<QWidget *>(page) : m_nothing;
    // Only the shown form counts for the stack's size: a short form needs no scroll bar.
    for (int i = 0; i < m_pages->count(); ++i)
        m_pages->widget(i)->setSizePolicy(m_pages->widget(i) == shown ? QSizePolicy::Preferred
                                                                      : QSizePolicy::Ignored,
                                          m_pages->widget(i) == shown ? QSizePolicy::Preferred
                                                                      : QSizePolicy::Ignored);
    m_pages->setCurrentWidget(shown);
    m_pages->updateGeometry();
    m_updating = false;
}

bool GeneratorFieldEditor::apply(QWidget *control, const QString &undoText,
                                 const FieldFormPage::Change &change)
{
    if (m_updating || !m_spec)
        return false;
    cp::GeneratorSpec copy = *m_spec;
    QString refusal = change(copy);
    std::string text;
    std::optional<cp::GeneratorSpec> parsed;
    if (refusal.isEmpty()) {
        text = cp::writeGeneratorSpec(copy);
        auto result = cp::parseGeneratorSpec(text, m_spec->source);
        if (!result)
            refusal = errorText(result.error());
        else
            parsed = std::move(*result);
    }
    // A spec that generated before must still generate: a list the workbench lacks, or a key
    // its list is not keyed by, would otherwise only show when previewing.
    if (refusal.isEmpty() && m_generates)
        refusal = generationProblem(*parsed);
    setMark(m_marked, {});
    m_marked.clear();
    if (!refusal.isEmpty()) {
        m_problem = refusal;
        m_marked = control;
        setMark(control, refusal);
        return false;
    }
    m_problem.clear();
    if (text == m_written)
        return true;  // nothing changed (e.g. a value typed again)
    m_committing = true;
    if (m_commit)
        m_commit(QString::fromStdString(text), undoText);
    m_committing = false;
    if (m_written != text)  // the owner did not show it (no commit callback, or it refused)
        setSpec(*parsed);
    return true;
}

QString GeneratorFieldEditor::generationProblem(const cp::GeneratorSpec &spec) const
{
    const cp::ProviderCatalog *catalog = workbenchProviders();
    if (!catalog)
        return tr("the provider lists in resources/providers cannot be read");
    auto family = cp::generateFamily(spec, *catalog, cp::OutputFormat::Csv, 0);
    return family ? QString() : errorText(family.error());
}

void GeneratorFieldEditor::renamed()
{
    if (m_updating || !m_spec || m_current.section == Section::Case)
        return;
    const QString from = nameText(*m_spec, m_current);
    const QString to = m_name->text().trimmed();
    if (to == from) {
        setMark(m_name, {});
        return;
    }
    apply(m_name, tr("Rename %1 to %2").arg(from, to), [from, to](cp::GeneratorSpec &s) {
        if (to.isEmpty())
            return tr("give a name");
        renameEverywhere(s, from.toStdString(), to.toStdString());
        return QString();
    });
}

void GeneratorFieldEditor::kindChosen()
{
    if (m_updating || !m_spec || m_kind->currentIndex() < 0)
        return;
    const QString kind = m_kind->currentData().toString();
    const FieldTarget t = m_current;
    apply(m_kind, tr("Make %1 a %2 field").arg(nameText(*m_spec, t), m_kind->currentText()),
          [t, kind](cp::GeneratorSpec &s) {
              if (t.section == Section::Linked) {
                  cp::LinkedSpec &l = s.linked[std::size_t(t.index)];
                  const auto k = kind == linkedKindKey(cp::LinkedSpec::Kind::Pronouns)
                                     ? cp::LinkedSpec::Kind::Pronouns
                                 : kind == linkedKindKey(cp::LinkedSpec::Kind::Values)
                                     ? cp::LinkedSpec::Kind::Values
                                     : cp::LinkedSpec::Kind::Provider;
                  AttributeFieldPage::convertLinked(s, l, k);
                  return QString();
              }
              cp::FieldSpec *f = fieldAt(s, t);
              const auto k = std::find_if(std::begin(AllKinds), std::end(AllKinds),
                                          [&](cp::FieldKind x) {
                                              return kind == QLatin1String(cp::fieldKindName(x));
                                          });
              if (!f || k == std::end(AllKinds))
                  return tr("no such kind");
              const cp::GeneratorSpec before = s;
              return convertField(before, t, *f, *k);
          });
}

bool GeneratorFieldEditor::addField()
{
    if (!m_spec)
        return false;
    std::string name;
    for (int n = int(m_spec->fields.size()) + 1; name.empty(); ++n) {
        const std::string candidate = "field_" + std::to_string(n);
        if (std::none_of(m_rows.begin(), m_rows.end(), [&](const FieldTarget &t) {
                return t.section != Section::Case
                       && nameText(*m_spec, t).toStdString() == candidate;
            }))
            name = candidate;
    }
    const int at = m_current.isField() ? m_current.index + 1 : int(m_spec->fields.size());
    const bool ok = apply(m_tree, tr("Add field %1").arg(QString::fromStdString(name)),
                          [at, name](cp::GeneratorSpec &s) {
                              cp::FieldSpec f;
                              f.name = name;
                              f.kind = cp::FieldKind::Int;
                              f.min.value = 0;
                              f.max.value = 10;
                              s.fields.insert(s.fields.begin() + at, std::move(f));
                              return QString();
                          });
    if (ok)
        selectTarget({Section::Field, at, -1});
    return ok;
}

bool GeneratorFieldEditor::removeField()
{
    if (!m_spec || m_current.section != Section::Field)
        return false;
    const int at = m_current.index;
    const std::string name = m_spec->fields[std::size_t(at)].name;
    return apply(m_tree, tr("Remove field %1").arg(QString::fromStdString(name)),
                 [at, name](cp::GeneratorSpec &s) {
                     s.fields.erase(s.fields.begin() + at);
                     s.strata.erase(std::remove(s.strata.begin(), s.strata.end(), name),
                                    s.strata.end());
                     return QString();
                 });
}

} // namespace cp::ui
