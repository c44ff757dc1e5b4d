// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetspage.h"

#include "generatorfieldeditor.h"

#include <core/generate/generator.h>
#include <core/table/tablereader.h>
#include <core/table/csvrows.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <ui/audit/auditformat.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QComboBox>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextCursor>
#include <QTimer>
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
    , m_derive(new QPushButton(tr("&Derive from CSV…"), this))
    , m_previewButton(new QPushButton(tr("&Preview Spec…"), this))
    , m_tabs(new QTabWidget(this))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_preview(new QTableWidget(this))
    , m_previewNote(new QLabel(this))
    , m_specText(new QPlainTextEdit(this))
    , m_families(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_design(new QComboBox(this))
    , m_fieldEditor(new GeneratorFieldEditor(this))
    , m_specStatus(new QLabel(this))
    , m_generateEdited(new QPushButton(tr("Generate from &This Spec"), this))
    , m_specTimer(new QTimer(this))
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

    m_derive->setObjectName(QStringLiteral("deriveButton"));
    m_derive->setToolTip(tr("Derive a family from each row of a real table (CSV or JSON Lines) "
                            "with a derive spec, and freeze it in this project"));
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setToolTip(tr("Show the first 20 families a generator spec makes, without "
                                   "storing anything"));
    m_preview->setObjectName(QStringLiteral("probeSetPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->hide();
    m_previewNote->setWordWrap(true);
    m_previewNote->setText(tr("Preview Spec… shows the first 20 families of a generator spec. "
                              "Cells that differ from the family's first variant are marked ≠."));
    auto *previewPage = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPage);
    previewLayout->setContentsMargins(0, 4, 0, 0);
    previewLayout->addWidget(m_previewNote);
    previewLayout->addWidget(m_preview, 1);
    m_tabs->addTab(m_report, tr("Balance && integrity"));
    m_tabs->addTab(previewPage, tr("Preview"));

    // Spec: the generator spec as JSON with its design, size and seed as controls; every
    // change is checked by the spec parser (the error names the JSON path) and previewed.
    m_specText->setObjectName(QStringLiteral("generatorSpecText"));
    m_specText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_specText->setPlaceholderText(tr("Open a generator spec with Preview Spec…, then edit it "
                                      "here; Ctrl+Z undoes an edit."));
    m_families->setObjectName(QStringLiteral("specFamilies"));
    m_families->setRange(1, 100000000);
    m_families->setGroupSeparatorShown(true);
    m_families->setKeyboardTracking(false);
    m_seed->setObjectName(QStringLiteral("specSeed"));
    m_seed->setRange(0, 2147483647);
    m_seed->setKeyboardTracking(false);
    m_design->setObjectName(QStringLiteral("specDesign"));
    m_design->addItem(tr("full factorial"), QStringLiteral("full_factorial"));
    m_design->addItem(tr("each group against the reference"), QStringLiteral("versus_reference"));
    m_specStatus->setObjectName(QStringLiteral("specStatus"));
    m_specStatus->setWordWrap(true);
    m_generateEdited->setObjectName(QStringLiteral("generateEditedButton"));
    m_generateEdited->setEnabled(false);
    m_specTimer->setSingleShot(true);
    m_specTimer->setInterval(300);
    auto *specControls = new QHBoxLayout;
    for (auto [label, widget] : {std::pair<QString, QWidget *>{tr("&Families:"), m_families},
                                 {tr("&Seed:"), m_seed},
                                 {tr("&Design:"), m_design}}) {
        auto *l = new QLabel(label, this);
        l->setBuddy(widget);
        specControls->addWidget(l);
        specControls->addWidget(widget);
        specControls->addSpacing(8);
    }
    specControls->addStretch(1);
    specControls->addWidget(m_generateEdited);
    // The fields as rows with a form per kind, beside the text they write.
    m_fieldEditor->setCommit([this](const QString &text, const QString &) {
        replaceSpecText(text);
    });
    connect(m_fieldEditor, &GeneratorFieldEditor::rowShown, this, [this](const QString &name) {
        // The text follows the selected row: its entry in the middle of the view.
        const QTextCursor at = m_specText->document()->find(
            QStringLiteral("\"name\": \"%1\"").arg(name));
        if (at.isNull())
            return;
        QTextCursor cursor(at);
        cursor.movePosition(QTextCursor::StartOfBlock);
        m_specText->setTextCursor(cursor);
        m_specText->centerCursor();
    });
    auto *specSplit = new QSplitter(Qt::Horizontal, this);
    specSplit->addWidget(m_fieldEditor);
    specSplit->addWidget(m_specText);
    specSplit->setStretchFactor(0, 3);
    specSplit->setStretchFactor(1, 2);
    specSplit->setChildrenCollapsible(false);
    auto *specPage = new QWidget(this);
    auto *specLayout = new QVBoxLayout(specPage);
    specLayout->setContentsMargins(0, 4, 0, 0);
    specLayout->addLayout(specControls);
    specLayout->addWidget(m_specStatus);
    specLayout->addWidget(specSplit, 1);
    m_tabs->addTab(specPage, tr("Spec"));
    connect(m_specText, &QPlainTextEdit::textChanged, m_specTimer,
            qOverload<>(&QTimer::start));
    connect(m_specTimer, &QTimer::timeout, this, &ProbeSetsPage::onSpecEdited);
    connect(m_families, &QSpinBox::valueChanged, this,
            [this](int v) { setSpecField("families", v); });
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) { setSpecField("seed", v); });
    connect(m_design, &QComboBox::currentIndexChanged, this,
            [this](int i) { setSpecField("design", i); });
    connect(m_generateEdited, &QPushButton::clicked, this, [this] {
        if (m_specValid)
            emit generateTextRequested(m_specText->toPlainText(), m_specSource);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_generate);
    buttons->addWidget(m_derive);
    m_split->addWidget(m_table);
    m_split->addWidget(m_tabs);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_split, 1);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ProbeSetsPage::showReport);
    connect(m_generate, &QPushButton::clicked, this, [this] {
        const QString spec = QFileDialog::getOpenFileName(
            this, tr("Generate from Spec"), {}, tr("Generator specs (*.json);;All files (*)"));
        if (!spec.isEmpty())
            emit generateRequested(spec);
    });
    connect(m_derive, &QPushButton::clicked, this, [this] {
        const QString table = QFileDialog::getOpenFileName(
            this, tr("Derive from CSV: the real table"), {},
            tr("Tables (*.csv *.jsonl *.ndjson);;All files (*)"));
        if (table.isEmpty())
            return;
        const QString spec = QFileDialog::getOpenFileName(
            this, tr("Derive from CSV: the derive spec"), QFileInfo(table).path(),
            tr("Derive specs (*.json);;All files (*)"));
        if (!spec.isEmpty())
            emit deriveRequested(table, spec);
    });
    connect(m_previewButton, &QPushButton::clicked, this, [this] {
        const QString spec = QFileDialog::getOpenFileName(
            this, tr("Preview Spec"), {}, tr("Generator specs (*.json);;All files (*)"));
        if (!spec.isEmpty())
            openSpec(spec);
    });
    reload({});
}

bool ProbeSetsPage::previewSpec(const QString &specPath)
{
    m_tabs->setCurrentIndex(1);
    auto text = cp::readFileBytes(specPath.toStdString());
    if (!text) {
        m_tabs->setCurrentIndex(1);
        m_previewNote->setText(tr("Cannot preview: %1").arg(format::qs(text.error().toString())));
        return false;
    }
    return previewSpecText(format::qs(*text), specPath);
}

bool ProbeSetsPage::openSpec(const QString &specPath)
{
    auto text = cp::readFileBytes(specPath.toStdString());
    if (!text) {
        m_specStatus->setText(format::qs(text.error().toString()));
        return false;
    }
    m_specSource = specPath;
    m_tabs->setCurrentIndex(2);
    // The fields and their forms need the height more than the versions above them do.
    const int total = m_split->sizes().value(0) + m_split->sizes().value(1);
    if (total > 0 && m_split->sizes().value(1) < total * 2 / 3)
        m_split->setSizes({total / 4, total - total / 4});
    {
        const QSignalBlocker blocker(m_specText);
        m_specText->setPlainText(format::qs(*text));
    }
    onSpecEdited();
    return previewSpecText(format::qs(*text), specPath);
}

QString ProbeSetsPage::specProblem() const
{
    return m_specValid ? QString() : m_specStatus->text();
}

void ProbeSetsPage::onSpecEdited()
{
    auto spec = cp::parseGeneratorSpec(m_specText->toPlainText().toStdString(),
                                       m_specSource.toStdString());
    m_specValid = spec.ok();
    m_generateEdited->setEnabled(m_specValid && !m_projectFile.isEmpty());
    if (!spec) {
        m_specStatus->setText(tr("⚠ Not valid: %1").arg(format::qs(spec.error().toString())));
        m_fieldEditor->setInvalid(format::qs(spec.error().field + ": " + spec.error().message));
        return;
    }
    m_fieldEditor->setSpec(*spec);
    m_specStatus->setText(tr("Valid: %1 families × %2 protected attribute(s), seed %3.")
                              .arg(spec->families)
                              .arg(spec->protectedAttributes.size())
                              .arg(spec->seed));
    const QSignalBlocker a(m_families), b(m_seed), c(m_design);
    m_families->setValue(int(std::min<std::int64_t>(spec->families, m_families->maximum())));
    m_seed->setValue(int(std::min<std::uint64_t>(spec->seed, std::uint64_t(m_seed->maximum()))));
    m_design->setCurrentIndex(spec->variants == cp::VariantDesign::FullFactorial ? 0 : 1);
    previewSpecText(m_specText->toPlainText(), m_specSource);
}

void ProbeSetsPage::setSpecField(const char *what, int value)
{
    auto spec = cp::parseGeneratorSpec(m_specText->toPlainText().toStdString(),
                                       m_specSource.toStdString());
    if (!spec)
        return;  // fix the text first: the status line says where
    const std::string field(what);
    if (field == "families")
        spec->families = value;
    else if (field == "seed")
        spec->seed = std::uint64_t(value);
    else
        spec->variants = value == 0 ? cp::VariantDesign::FullFactorial
                                    : cp::VariantDesign::VersusReference;
    replaceSpecText(format::qs(cp::writeGeneratorSpec(*spec)));
}

void ProbeSetsPage::replaceSpecText(const QString &text)
{
    // Through the editor's cursor in one edit block, so that one Ctrl+Z in the editor takes
    // the whole change back.
    QTextCursor cursor(m_specText->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
    // Checked and previewed at once: the controls that made the change show its result.
    m_specTimer->stop();
    onSpecEdited();
}

bool ProbeSetsPage::previewSpecText(const QString &text, const QString &source)
{
    m_preview->clear();
    m_preview->setRowCount(0);
    m_changedCells = 0;
    auto spec = cp::parseGeneratorSpec(text.toStdString(), source.toStdString());
    auto catalog = spec ? cp::ProviderCatalog::loadDefault()
                        : cp::Result<cp::ProviderCatalog>(spec.error());
    if (spec)
        spec->families = std::min<std::int64_t>(spec->families, 20);
    auto set = catalog ? cp::generate(*spec, *catalog, cp::GenerateOptions{1})
                       : cp::Result<cp::GeneratedSet>(catalog.error());
    auto rows = set ? cp::CsvRows::parse(set->bytes, source.toStdString())
                    : cp::Result<std::unique_ptr<cp::CsvRows>>(set.error());
    if (!rows) {
        m_previewNote->setText(tr("Cannot preview: %1").arg(format::qs(rows.error().toString())));
        return false;
    }
    const auto &columns = (*rows)->columns();
    m_preview->setColumnCount(int(columns.size()));
    QStringList headers;
    for (const auto &c : columns)
        headers << format::qs(c);
    m_preview->setHorizontalHeaderLabels(headers);
    m_preview->setRowCount(int((*rows)->rowCount()));
    std::vector<std::string_view> cells;
    std::vector<std::string> firstCopy;
    std::string scratch;
    std::string family;
    int familyIndex = -1;
    const QColor changedBackground(255, 224, 178);   // light orange, with a ≠ marker too
    const QColor shade = palette().color(QPalette::AlternateBase);
    for (std::int64_t r = 0; r < (*rows)->rowCount(); ++r) {
        (*rows)->cells(r, cells, scratch);
        if (cells.empty())
            continue;
        const bool newFamily = r == 0 || std::string(cells[0]) != family;
        if (newFamily) {
            family = std::string(cells[0]);
            ++familyIndex;
            firstCopy.assign(cells.begin(), cells.end());
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const bool changed = !newFamily && c >= 2 && cells[c] != firstCopy[c];
            auto *item = new QTableWidgetItem((changed ? QStringLiteral("≠ ") : QString())
                                              + format::qs(std::string(cells[c])));
            if (changed) {
                item->setBackground(changedBackground);
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setToolTip(tr("Differs from the family's first variant: %1")
                                     .arg(format::qs(firstCopy[c])));
                ++m_changedCells;
            } else if (familyIndex % 2 == 1) {
                item->setBackground(shade);
            }
            m_preview->setItem(int(r), int(c), item);
        }
    }
    m_preview->resizeColumnsToContents();
    m_previewNote->setText(tr("The first %1 families of '%2' (nothing stored). Cells that "
                              "differ from the family's first variant are marked ≠ and shaded; "
                              "every other cell must be identical within a family.")
                               .arg(spec->families)
                               .arg(format::qs(spec->name)));
    return true;
}

void ProbeSetsPage::reload(const QString &projectFile)
{
    m_projectFile = projectFile;
    m_table->setRowCount(0);
    m_reports.clear();
    m_report->clear();
    m_generate->setEnabled(!projectFile.isEmpty());
    m_derive->setEnabled(!projectFile.isEmpty());
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
    m_derive->setEnabled(!busy && !m_projectFile.isEmpty());
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
