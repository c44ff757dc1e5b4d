// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The workbench on a project made the way the samples are: a generated probe set, a model and
// a scoring run, audited with the project's spec. Drives the navigator, the audit source
// selector, generation with Cancel, scoring through the trust prompt, and --grab of each view.

#include <ui/audit/auditview.h>
#include <ui/audit/decisionbanner.h>
#include <ui/audit/sliceintervalchart.h>
#include <ui/audit/slicetablemodel.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/project/attributeeditor.h>
#include <ui/project/probesetspage.h>
#include <ui/project/speceditor.h>
#include <ui/project/runspage.h>
#include <ui/work/taskrunner.h>

#include <core/generate/generator.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/score/trust.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <QAction>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTextDocument>
#include <QSpinBox>
#include <QPushButton>
#include <QFile>
#include <QListWidget>
#include <QProcess>
#include <QSet>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace cp::ui;

namespace {

const QString Samples = QStringLiteral(COUNTERPART_SOURCE_DIR "/sample_projects");

/// A window on the scored sample project, its first audit finished.
#define OPEN_SCORED_PROJECT(window, finished)                                                     \
    MainWindow window;                                                                             \
    window.setErrorDialogsEnabled(false);                                                          \
    window.show();                                                                                 \
    QSignalSpy finished(&window, &MainWindow::auditFinished);                                      \
    QVERIFY(window.openProject(m_project));                                                        \
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000)

} // namespace

class tst_Workbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensScoredProjectAndNavigates();
    void editAttributeAndUndo();
    void previewAndDerive();
    void generateAndCancel();
    void trustPromptGatesCommandScorer();
    void grabEachView();
    void helpWithoutDisplay();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void tst_Workbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    qputenv("COUNTERPART_TRUST_FILE", m_dir.filePath("trust.json").toUtf8());
    // The hiring-screen sample, small: generated, scored with its built-in model, spec set.
    m_project = m_dir.filePath("hiring/hiring.counterpart");
    QVERIFY(QDir().mkpath(m_dir.filePath("hiring")));
    QVERIFY(QFile::copy(Samples + "/hiring-screen/scorer.py", m_dir.filePath("hiring/scorer.py")));
    auto store = cp::ProjectStore::open(m_project.toStdString(),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    QVERIFY(store.ok());
    auto spec = cp::loadGeneratorSpec((Samples + "/hiring-screen/generator.json").toStdString());
    QVERIFY(spec.ok());
    spec->families = 300;
    auto catalog = cp::ProviderCatalog::loadDefault();
    auto set = cp::generate(*spec, *catalog);
    QVERIFY(set.ok());
    auto frozen = cp::freezeProbeSet(**store, {"generated", spec->name, spec->json, spec->seed, {}},
                                     set->layout, set->bytes);
    QVERIFY2(frozen.ok(), frozen.ok() ? "" : frozen.error().toString().c_str());
    auto config = cp::loadScorerConfig((Samples + "/hiring-screen/model.json").toStdString());
    QVERIFY(config.ok());
    auto model = cp::addModel(**store, *config);
    QVERIFY(model.ok());
    auto run = cp::scoreProbeSet(**store, *frozen, *model);
    QVERIFY(run.ok());
    auto audit = cp::readFileBytes((Samples + "/hiring-screen/audit.json").toStdString());
    QVERIFY(audit.ok());
    QVERIFY((*store)->saveSpec(*audit).ok());
}

void tst_Workbench::opensScoredProjectAndNavigates()
{
    OPEN_SCORED_PROJECT(window, finished);
    // No table: the newest scoring run is audited, and it blocks (the model is biased).
    auto *sources = window.findChild<QComboBox *>("tableSelector");
    QVERIFY(sources);
    QCOMPARE(sources->count(), 1);
    QVERIFY(sources->currentText().startsWith("run 1"));
    QCOMPARE(window.decisionBanner()->state(), DecisionBanner::State::Blocked);
    QVERIFY(window.currentSourceAudit());
    QVERIFY(window.currentSourceAudit()->pairs);
    QCOMPARE(window.currentSourceAudit()->pairs->families.size(), std::size_t(300));

    // Every navigator section shows its page.
    auto *navigator = window.findChild<QListWidget *>("navigator");
    QVERIFY(navigator);
    QCOMPARE(navigator->count(), int(MainWindow::SectionCount));
    auto *stack = window.findChild<QStackedWidget *>("sectionStack");
    QCOMPARE(stack->count(), int(MainWindow::SectionCount));  // one page each
    QCOMPARE(MainWindow::sectionNames().size(), int(MainWindow::SectionCount));
    QSet<QWidget *> pages;
    for (int i = 0; i < MainWindow::SectionCount; ++i) {
        window.showSection(MainWindow::Section(i));
        QCOMPARE(navigator->currentRow(), i);
        QCOMPARE(window.currentSection(), MainWindow::Section(i));
        pages.insert(stack->currentWidget());
    }
    QCOMPARE(pages.size(), int(MainWindow::SectionCount));
    QCOMPARE(navigator->item(MainWindow::ReviewsSection)->text(), QStringLiteral("Reviews"));
    navigator->setCurrentRow(MainWindow::ProbeSetsSection);
    QCOMPARE(stack->currentWidget(), window.probeSetsPage());
    QCOMPARE(window.probeSetsPage()->table()->rowCount(), 1);
    QVERIFY(window.probeSetsPage()->reportText().contains("balanced"));
    navigator->setCurrentRow(MainWindow::RunsSection);
    QCOMPARE(stack->currentWidget(), window.runsPage());
    QCOMPARE(window.runsPage()->runTable()->rowCount(), 1);
    QCOMPARE(window.runsPage()->runTable()->item(0, 3)->text(), QStringLiteral("complete"));
    navigator->setCurrentRow(MainWindow::AttributesSection);
    QCOMPARE(stack->currentWidget(), window.specEditor());
    auto *attributes = window.specEditor()->attributeEditor()->table();
    QCOMPARE(attributes->rowCount(), 3);  // gender, ethnicity, role
    // Slices: the chart for one attribute and one metric, the reference group marked.
    window.showSection(MainWindow::SlicesSection);
    QComboBox *attribute = window.auditView()->chartAttributeCombo();
    attribute->setCurrentIndex(attribute->findData(QStringLiteral("gender")));
    QComboBox *metric = window.auditView()->chartMetricCombo();
    metric->setCurrentIndex(metric->findData(int(SliceTableModel::SelectionRateColumn)));
    QCOMPARE(window.auditView()->sliceChart()->seriesNames(),
             QStringList({"gender = female", "gender = male (reference)"}));
    for (int s = 0; s < MainWindow::SectionCount; ++s) {
        window.showSection(MainWindow::Section(s));
        QCOMPARE(window.currentSection(), MainWindow::Section(s));
    }
}

/// Edit an attribute (the reference group) in place: the spec is saved as a new version and
/// the audit runs again; Edit › Undo brings the old spec back, and re-audits.
void tst_Workbench::editAttributeAndUndo()
{
    OPEN_SCORED_PROJECT(window, finished);
    const std::string original = window.currentAudit()->spec.json;
    window.showSection(MainWindow::AttributesSection);
    QComboBox *reference = window.specEditor()->attributeEditor()->referenceCombo(0);
    QVERIFY(reference);
    QCOMPARE(reference->currentText(), QStringLiteral("male"));
    reference->setCurrentText(QStringLiteral("female"));  // as a user picks it
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    auto edited = cp::parseAuditSpecText(window.currentAudit()->spec.json, "spec");
    QVERIFY(edited.ok());
    QCOMPARE(*edited->protectedAttributes[0].reference, std::string("female"));
    QCOMPARE(window.currentAudit()->result.referenceGaps.front().reference, std::string("female"));

    QAction *undo = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->shortcut() == QKeySequence(QKeySequence::Undo))
            undo = a;
    QVERIFY(undo && undo->isEnabled());
    undo->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
    QCOMPARE(window.currentAudit()->spec.json, original);
    QCOMPARE(window.specEditor()->attributeEditor()->referenceCombo(0)->currentText(),
             QStringLiteral("male"));
}

/// The preview shows 20 families of a spec with the differing cells marked; Derive from CSV
/// freezes a derived version in the background.
void tst_Workbench::previewAndDerive()
{
    OPEN_SCORED_PROJECT(window, finished);
    ProbeSetsPage *page = window.probeSetsPage();
    QVERIFY(page->previewSpec(Samples + "/hiring-screen/generator.json"));
    QCOMPARE(page->preview()->rowCount(), 20 * 8);  // 20 families × gender × ethnicity
    QVERIFY(page->previewChangedCells() > 0);
    // Within a family only protected and linked columns (and the templated summary) differ.
    const QStringList varying = {"gender", "ethnicity", "first_name", "pronoun", "summary"};
    for (int r = 0; r < page->preview()->rowCount(); ++r)
        for (int c = 2; c < page->preview()->columnCount(); ++c) {
            const QString header = page->preview()->horizontalHeaderItem(c)->text();
            if (page->preview()->item(r, c)->text().startsWith(QStringLiteral("≠ ")))
                QVERIFY2(varying.contains(header), qPrintable(header));
        }
    if (const QString shots = qEnvironmentVariable("COUNTERPART_SHOTS"); !shots.isEmpty()) {
        window.resize(1280, 800);
        window.showSection(MainWindow::ProbeSetsSection);
        QTest::qWait(100);
        window.grab().save(shots + "/probe-set-preview.png");
    }
    QVERIFY(!page->previewSpec(m_dir.filePath("missing.json")));

    // The Spec tab: open, change the design and size through the controls (the JSON follows,
    // through the spec writer), break the text (the error names the JSON path), undo.
    QVERIFY(page->openSpec(Samples + "/hiring-screen/generator.json"));
    QVERIFY(page->specProblem().isEmpty());
    page->familiesBox()->setValue(40);
    page->designCombo()->setCurrentIndex(1);  // each group against the reference
    auto edited = cp::parseGeneratorSpec(page->specEditor()->toPlainText().toStdString(), "x");
    QVERIFY(edited.ok());
    QCOMPARE(edited->families, std::int64_t(40));
    QCOMPARE(edited->variants, cp::VariantDesign::VersusReference);
    QTRY_COMPARE(page->preview()->rowCount(), 20 * 5);  // reference + 1 + 3 other groups
    // As a user types: through a cursor, so the editor's own undo takes it back.
    QTextCursor typed = page->specEditor()->document()->find(QStringLiteral("\"min\": 22"));
    QVERIFY(!typed.isNull());
    typed.insertText(QStringLiteral("\"min\": \"old\""));
    QTRY_VERIFY(!page->specProblem().isEmpty());
    QVERIFY2(page->specProblem().contains("/fields/"), qPrintable(page->specProblem()));
    page->specEditor()->undo();
    QTRY_VERIFY(page->specProblem().isEmpty());
    if (const QString shots = qEnvironmentVariable("COUNTERPART_SHOTS"); !shots.isEmpty()) {
        QTest::qWait(400);
        window.grab().save(shots + "/generator-spec.png");
    }

    QSignalSpy tasks(&window, &MainWindow::taskFinished);
    QVERIFY(window.deriveProbeSet(Samples + "/hiring-screen/bios.csv",
                                  Samples + "/hiring-screen/derive.json"));
    QTRY_COMPARE_WITH_TIMEOUT(tasks.count(), 1, 60000);
    QVERIFY2(tasks.at(0).at(1).toBool(), qPrintable(window.lastError()));
    QCOMPARE(page->table()->rowCount(), 2);
    QCOMPARE(page->table()->item(1, 2)->text(), QStringLiteral("derived"));
}

void tst_Workbench::generateAndCancel()
{
    OPEN_SCORED_PROJECT(window, finished);
    // A million families: long enough to cancel midway.
    const QString spec = m_dir.filePath("big.json");
    {
        auto text = cp::readFileBytes((Samples + "/hiring-screen/generator.json").toStdString());
        QVERIFY(text.ok());
        auto j = nlohmann::json::parse(*text);
        j["families"] = 1000000;
        j["name"] = "big";
        QFile f(spec);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(j.dump()));
    }
    QSignalSpy tasks(&window, &MainWindow::taskFinished);
    QSignalSpy progress(window.taskRunner(), &TaskRunner::progressChanged);
    QVERIFY(window.generateProbeSet(spec));
    QVERIFY(window.isTaskRunning());
    QVERIFY(!window.generateProbeSet(spec));  // one task at a time
    const int versions = window.probeSetsPage()->table()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 30000);
    auto *cancel = window.findChild<QPushButton *>("cancelAudit");
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tasks.count(), 1, 30000);
    QCOMPARE(tasks.at(0).at(1).toBool(), false);
    QVERIFY(!window.isTaskRunning());
    // No partial version left behind.
    QCOMPARE(window.probeSetsPage()->table()->rowCount(), versions);
}

void tst_Workbench::trustPromptGatesCommandScorer()
{
    if (QStandardPaths::findExecutable("python3").isEmpty())
        QSKIP("python3 is not installed (./dev.sh installs it)");
    OPEN_SCORED_PROJECT(window, finished);
    QVERIFY(window.addModel(Samples + "/hiring-screen/toy-command.json"));
    auto *models = window.runsPage()->modelTable();
    QCOMPARE(models->rowCount(), 2);
    QVERIFY(models->item(1, 5)->text().contains("not trusted"));
    auto store = cp::ProjectStore::open(m_project.toStdString());
    auto model = cp::findModel(**store, "toy-command");
    QVERIFY(model.ok());

    // Refused: nothing runs, nothing is stored, nothing trusted.
    window.setTrustAnswer(false);
    QVERIFY(!window.scoreProbeSet(1, model->id));
    QVERIFY(!window.isTaskRunning());
    const int runs = window.runsPage()->runTable()->rowCount();
    QVERIFY(!cp::isTrusted(m_project.toStdString(), model->configSha256));

    // Trusted: the run goes through and the project remembers the trust on this machine.
    window.setTrustAnswer(true);
    QSignalSpy tasks(&window, &MainWindow::taskFinished);
    QVERIFY(window.scoreProbeSet(1, model->id));
    QTRY_COMPARE_WITH_TIMEOUT(tasks.count(), 1, 60000);
    QVERIFY2(tasks.at(0).at(1).toBool(), qPrintable(window.lastError()));
    QVERIFY(cp::scorerTrust(m_project.toStdString(), *model).trusted);
    QCOMPARE(window.runsPage()->runTable()->rowCount(), runs + 1);
    QCOMPARE(window.runsPage()->runTable()->item(runs, 3)->text(), QStringLiteral("complete"));
    QVERIFY(models->item(1, 5)->text().contains("trusted"));

    // Editing the scorer: an invalid config is refused with its JSON path; a valid one is a
    // new record of the model, and, being a new config, not trusted yet.
    QSignalSpy errors(&window, &MainWindow::errorOccurred);
    QVERIFY(!window.editModel(model->id, QStringLiteral("{\"name\": \"toy-command\", "
                                                       "\"kind\": \"command\", \"command\": "
                                                       "{\"argv\": []}}")));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(1).toString().contains("/command/argv"));
    auto edited = nlohmann::json::parse(model->configJson);
    edited["command"]["timeout_ms"] = 5000;
    QVERIFY(window.editModel(model->id, QString::fromStdString(edited.dump())));
    QCOMPARE(models->rowCount(), 3);
    QCOMPARE(models->item(2, 1)->text(), QStringLiteral("toy-command"));
    QVERIFY(models->item(2, 5)->text().contains("not trusted"));
}

void tst_Workbench::grabEachView()
{
    // The headless form the README screenshots use: every view renders to a PNG.
    const QString shots = qEnvironmentVariable("COUNTERPART_SHOTS", m_dir.filePath("shots"));
    QVERIFY(QDir().mkpath(shots));
    for (const QString &view : MainWindow::sectionNames()) {
        QProcess p;
        p.setProgram(QStringLiteral(COUNTERPART_GUI));
        const QString out = shots + "/" + view + ".png";
        p.setArguments({m_project, "--grab", view, "--out", out, "--size", "1280x800"});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        p.setProcessEnvironment(env);
        p.start();
        QVERIFY2(p.waitForFinished(60000), qPrintable(view));
        QVERIFY2(p.exitCode() == 0, qPrintable(view + ": " + p.readAllStandardError()));
        QImage image(out);
        QCOMPARE(image.size(), QSize(1280, 800));
    }
}

/// `counterpart --help` without a display aborted with Qt's "could not connect to display"
/// platform-plugin error; it prints the help. Without a display and no --help, it says what to
/// do instead of aborting.
void tst_Workbench::helpWithoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    const auto run = [&](const QStringList &args) {
        QProcess p;
        p.setProgram(QStringLiteral(COUNTERPART_GUI));
        p.setArguments(args);
        p.setProcessEnvironment(env);
        p.start();
        p.waitForFinished(30000);
        return std::make_tuple(p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                               QString::fromUtf8(p.readAllStandardOutput()),
                               QString::fromUtf8(p.readAllStandardError()));
    };
    const auto [helpCode, helpOut, helpErr] = run({QStringLiteral("--help")});
    QCOMPARE(helpCode, 0);
    QVERIFY2(helpOut.contains("--grab") && helpOut.contains("PROJECT_FILE"), qPrintable(helpOut));
    QVERIFY2(!helpErr.contains("xcb"), qPrintable(helpErr));
    const auto [versionCode, versionOut, versionErr] = run({QStringLiteral("--version")});
    QCOMPARE(versionCode, 0);
    QVERIFY2(versionOut.contains(COUNTERPART_VERSION), qPrintable(versionOut + versionErr));
    const auto [openCode, openOut, openErr] = run({m_project});
    QCOMPARE(openCode, 1);
    QVERIFY2(openErr.startsWith("counterpart: no display") && openErr.contains("counterpart-cli"),
             qPrintable(openErr));
}

QTEST_MAIN(tst_Workbench)
#include "tst_workbench.moc"
