// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart [PROJECT_FILE | SAMPLE_FOLDER] [--table NAME] [--grab OUT.png]

#include <ui/audit/auditview.h>
#include <ui/audit/decisionbanner.h>
#include <ui/mainwindow/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int GrabTimeoutMs = 120'000;

int fail(const QString &message)
{
    std::fprintf(stderr, "counterpart: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Counterpart"));
    QApplication::setApplicationName(QStringLiteral("Counterpart"));
    QApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Counterpart: a workbench for counterfactual fairness audits."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QStringLiteral("A .counterpart project file, or a sample folder holding project.json."),
        QStringLiteral("[PROJECT_FILE | SAMPLE_FOLDER]"));
    const QCommandLineOption tableOption(QStringLiteral("table"),
                                         QStringLiteral("Audit this table (default: the first)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption grabOption(
        QStringLiteral("grab"),
        QStringLiteral("Wait for the audit, save a screenshot of the window to OUT.png, exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size for --grab (default "
                                                       "1280x800)."),
                                        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption tabOption(QStringLiteral("tab"),
                                       QStringLiteral("Tab to show: slices, flips or checks."),
                                       QStringLiteral("TAB"), QStringLiteral("slices"));
    parser.addOptions({tableOption, grabOption, sizeOption, tabOption});
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("give at most one project (see --help)"));
    const QString project = positional.value(0);
    const QString grabPath = parser.value(grabOption);
    const bool grab = parser.isSet(grabOption);
    if (grab && project.isEmpty())
        return fail(QStringLiteral("--grab needs a project to audit"));

    cp::ui::MainWindow window;
    if (grab) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 320 || h < 240)
            return fail(QStringLiteral("--size wants WxH, e.g. 1280x800"));
        window.setErrorDialogsEnabled(false);
        window.resize(w, h);
    }
    const QStringList tabs = {QStringLiteral("slices"), QStringLiteral("flips"),
                              QStringLiteral("checks")};
    const int tab = tabs.indexOf(parser.value(tabOption).toLower());
    if (tab < 0)
        return fail(QStringLiteral("--tab wants slices, flips or checks"));
    window.auditView()->setCurrentIndex(tab);
    window.show();

    if (project.isEmpty())
        return app.exec();

    if (grab) {
        int status = 0;
        QObject::connect(&window, &cp::ui::MainWindow::auditFinished, &app, [&] {
            // Let the views lay out and paint once before grabbing.
            QTimer::singleShot(200, &app, [&] {
                if (!window.grab().save(grabPath)) {
                    status = fail(QStringLiteral("cannot write %1").arg(grabPath));
                } else {
                    std::printf("%s: %s\n", qPrintable(grabPath),
                                qPrintable(window.decisionBanner()->headline()));
                }
                app.exit(status);
            });
        });
        QObject::connect(&window, &cp::ui::MainWindow::auditFailed, &app,
                         [&](const QString &message) { app.exit(fail(message)); });
        QTimer::singleShot(GrabTimeoutMs, &app,
                           [&] { app.exit(fail(QStringLiteral("the audit timed out"))); });
        if (!window.openProject(project, parser.value(tableOption)))
            return fail(window.lastError());
        return app.exec();
    }

    if (!window.openProject(project, parser.value(tableOption)))
        std::fprintf(stderr, "counterpart: %s\n", qPrintable(window.lastError()));
    return app.exec();
}
