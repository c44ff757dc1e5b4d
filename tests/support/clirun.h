// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Runs the built counterpart-cli (COUNTERPART_CLI, set by tests/CMakeLists.txt) as a real
// process and collects its exit code and output.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace cp::test {

struct CliRun {
    int exitCode = -1;   ///< -1 when it crashed or did not finish within two minutes
    QString out;
    QString err;
};

inline CliRun cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(COUNTERPART_CLI), args);
    CliRun r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace cp::test
