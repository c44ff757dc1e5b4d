// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart [PROJECT_FILE | SAMPLE_FOLDER] [--source table:ID|run:ID|NAME]
//             [--grab VIEW --out FILE.png [--size WxH]]

#include <ui/audit/auditsession.h>
#include <ui/audit/auditview.h>
#include <ui/audit/decisionbanner.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/review/reviewpage.h>
#include <ui/report/reportactions.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <functional>
#include <string_view>

#include <cstdio>
#include <cstdlib>

namespace {

constexpr int GrabTimeoutMs = 120'000;

int fail(const QString &message)
{
    std::fprintf(stderr, "counterpart: %s\n", qPrintable(message));
    return 1;
}

struct Options {
    QCommandLineOption table, grab, out, size, tab;
};

/// The command line, for QApplication or (for --help and --version) QCoreApplication.
Options setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("Counterpart: a workbench for counterfactual fairness audits."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QStringLiteral("A .counterpart project file, or a sample folder holding project.json."),
        QStringLiteral("[PROJECT_FILE | SAMPLE_FOLDER]"));
    const QCommandLineOption tableOption(
        {QStringLiteral("source"), QStringLiteral("table")},
        QStringLiteral("Audit this source: table:ID, run:ID or a table's name (default: the "
                       "first table, else the newest scoring run)."),
        QStringLiteral("SOURCE"));
    const QCommandLineOption grabOption(
        QStringLiteral("grab"),
        QStringLiteral("Wait for the audit, show VIEW (%1), save it to --out, exit. A value "
                       "ending in .png is the output file (the slices view).")
            .arg((cp::ui::MainWindow::sectionNames() + cp::ui::ReportActions::grabViews())
                     .join(QStringLiteral(", "))),
        QStringLiteral("VIEW"));
    const QCommandLineOption outOption(QStringLiteral("out"),
                                       QStringLiteral("The PNG file --grab writes."),
                                       QStringLiteral("FILE.png"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size for --grab (default "
                                                       "1280x800)."),
                                        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption tabOption(QStringLiteral("tab"),
                                       QStringLiteral("Older form of the view: slices, flips or "
                                                      "checks."),
                                       QStringLiteral("TAB"));
    parser.addOptions({tableOption, grabOption, outOption, sizeOption, tabOption});
    return {tableOption, grabOption, outOption, sizeOption, tabOption};
}

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Counterpart"));
    QCoreApplication::setApplicationName(QStringLiteral("Counterpart"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version need no display: answered before QApplication, which aborts with
    // Qt's platform-plugin error when there is none.
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v"
            || a == "--version") {
            QCoreApplication core(argc, argv);
            nameApplication();
            QCommandLineParser parser;
            setUpParser(parser);
            parser.process(core);   // prints and exits
            return 0;
        }
    }
#if defined(__linux__)
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")
        && !std::getenv("QT_QPA_PLATFORM"))
        return fail(QStringLiteral(
            "no display (DISPLAY is not set), so the workbench cannot open. Run it in a desktop "
            "session; for --grab without one, set QT_QPA_PLATFORM=offscreen; the command line "
            "tool is counterpart-cli (counterpart-cli --help)"));
#endif
    QApplication app(argc, argv);
    nameApplication();

    QCommandLineParser parser;
    const Options options = setUpParser(parser);
    const QCommandLineOption &tableOption = options.table, &grabOption = options.grab,
                             &outOption = options.out, &sizeOption = options.size,
                             &tabOption = options.tab;
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("give at most one project (see --help)"));
    const QString project = positional.value(0);
    const bool grab = parser.isSet(grabOption);
    QString view = parser.value(grabOption);
    QString grabPath = parser.value(outOption);
    if (grab && view.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) && grabPath.isEmpty()) {
        grabPath = view;  // the older form: --grab OUT.png [--tab TAB]
        view = QStringLiteral("slices");
    }
    if (parser.isSet(tabOption)) {
        const QString tab = parser.value(tabOption).toLower();
        view = tab == QLatin1String("flips")    ? QStringLiteral("pairs")
               : tab == QLatin1String("checks") ? QStringLiteral("contract")
                                                : tab;
    }
    if (grab && project.isEmpty())
        return fail(QStringLiteral("--grab needs a project to audit"));
    if (grab && grabPath.isEmpty())
        return fail(QStringLiteral("--grab VIEW needs --out FILE.png"));
    const int section = view.isEmpty() ? int(cp::ui::MainWindow::SlicesSection)
                                       : int(cp::ui::MainWindow::sectionNames().indexOf(view));
    // Report views (presentation-N, trend, compare) open their own window.
    const bool reportView = cp::ui::ReportActions::isGrabView(view);
    if (section < 0 && !reportView)
        return fail(QStringLiteral("unknown view '%1' (%2)")
                        .arg(view, (cp::ui::MainWindow::sectionNames()
                                    + cp::ui::ReportActions::grabViews())
                                       .join(QStringLiteral(", "))));

    cp::ui::MainWindow window;
    QSize grabSize;
    if (grab) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 320 || h < 240)
            return fail(QStringLiteral("--size wants WxH, e.g. 1280x800"));
        window.setErrorDialogsEnabled(false);
        window.resize(w, h);
        grabSize = QSize(w, h);
    }
    if (!view.isEmpty())  // else the section the user left open last time
        window.showSection(cp::ui::MainWindow::Section(section));
    window.show();

    if (project.isEmpty())
        return app.exec();

    if (grab) {
        int status = 0;
        std::function<void()> grabNow;
        grabNow = [&] {
            // Let the views lay out and paint once before grabbing (and the Pairs index of a
            // kept audit and the Reviews page's labels be read, which happens off the GUI
            // thread after the audit is shown).
            QTimer::singleShot(200, &app, [&] {
                const auto &audit = window.auditSession()->audit();
                if (window.reviewPage()->isReadingReviews() || window.isAuditRunning()
                    || (audit && audit->pairsPending))
                    return grabNow();
                if (reportView) {
                    window.findChild<cp::ui::ReportActions *>()->grab(
                        view, grabSize, grabPath, [&](const QString &error) {
                            if (!error.isEmpty())
                                return app.exit(fail(error));
                            std::printf("%s: %s\n", qPrintable(grabPath), qPrintable(view));
                            app.exit(0);
                        });
                    return;
                }
                if (!window.grab().save(grabPath)) {
                    status = fail(QStringLiteral("cannot write %1").arg(grabPath));
                } else {
                    std::printf("%s: %s\n", qPrintable(grabPath),
                                qPrintable(window.decisionBanner()->headline()));
                }
                app.exit(status);
            });
        };
        QObject::connect(&window, &cp::ui::MainWindow::auditFinished, &app, grabNow);
        QObject::connect(&window, &cp::ui::MainWindow::auditFailed, &app,
                         [&](const QString &message) { app.exit(fail(message)); });
        QTimer::singleShot(GrabTimeoutMs, &app,
                           [&] { app.exit(fail(QStringLiteral("the audit timed out"))); });
        if (!window.openProject(project, parser.value(tableOption)))
            return fail(window.lastError());
        if (!window.isAuditRunning())
            grabNow();  // nothing to audit yet: the project's pages are the view
        return app.exec();
    }

    if (!window.openProject(project, parser.value(tableOption)))
        std::fprintf(stderr, "counterpart: %s\n", qPrintable(window.lastError()));
    return app.exec();
}
