// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support: the ShopFlow sample under a loose contract (no attestations, support of one
// row), made with counterpart-cli. With maxTprGap 0.10 the baseline fails its TPR limit and the
// candidate (imported as "candidate" when withCandidate) passes it on the same pairs: the
// audit approves the candidate, repaired only on the regression set, and the gate blocks it.

#include "clirun.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>

namespace cp::test {

inline QString looseShopFlowProject(const QTemporaryDir &dir, double maxTprGap = 0.5,
                                    bool withCandidate = false)
{
    const QString shopflow = QStringLiteral(COUNTERPART_SOURCE_DIR
                                            "/sample_projects/shopflow-judge");
    QByteArray spec = R"({
      "name": "ShopFlow, loose contract", "family": "pair",
      "protected": [{"name": "variant", "groups": ["formal", "conversational"],
                     "reference": "formal"}],
      "y_true": {"column": "expected_auto_serve", "positive": ["yes"], "negative": ["no"]},
      "prediction": {"stage": "judge", "score": "score", "threshold": 0.70},
      "contract": {"version": "loose-1", "primary": {"metric": "tpr", "max_gap": MAXGAP},
                   "min_positives": 1, "min_negatives": 1}
    })";
    spec.replace("MAXGAP", QByteArray::number(maxTprGap));
    const QString specPath = dir.filePath("loose.json");
    const QString project = dir.filePath("loose.counterpart");
    QFile f(specPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(spec) != spec.size())
        return {};
    f.close();
    if (cli({"init", "--project", project, "--spec", specPath, "--table",
             shopflow + "/shopflow.csv", "--name", "baseline"}).exitCode != 0)
        return {};
    if (withCandidate
        && cli({"import", "--project", project, "--table", shopflow + "/candidate.csv",
                "--name", "candidate"}).exitCode != 0)
        return {};
    return project;
}

} // namespace cp::test
