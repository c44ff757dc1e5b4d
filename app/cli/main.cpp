// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart-cli: the headless front end. Links counterpart_core only — no Qt — so that a CI
// gate needs nothing but this binary.

#include "commands.h"

#include <iostream>
#include <string>

namespace cli {

namespace {

const Command Commands[] = {
    {"audit",
     "audit --table FILE --spec SPEC.json [--json OUT|-] [--quiet]\n"
     "audit --project P [--table-name NAME] [--json OUT|-] [--quiet] [--no-record]\n"
     "audit --project P --run R [--spec AUDIT.json] [--json OUT|-] [--quiet]",
     runAudit},
    {"init", "init --project P [--from FOLDER] [--spec SPEC.json] [--table FILE [--name NAME]]",
     runInit},
    {"import", "import --project P --table FILE [--name NAME]", runImport},
    {"spec", "spec --project P --set SPEC.json", runSpec},
    {"tables", "tables --project P", runTables},
    {"runs", "runs --project P", runRuns},
    {"generate",
     "generate --spec GEN.json (--out FILE.csv|FILE.jsonl | --project P) [--threads N]\n"
     "         [--families N] [--seed S] [--providers DIR]",
     runGenerate},
    {"derive",
     "derive --table REAL.csv|.jsonl --spec CF.json (--out FILE.csv|.jsonl | --project P)\n"
     "       [--lexicons DIR] [--providers DIR]",
     runDerive},
    {"probe-sets",
     "probe-sets --project P [--show ID | --export ID --out FILE.csv|.jsonl]\n"
     "probe-sets --project P --import FILE --protected a,b [--linked x,y:a] [--strata s] "
     "[--name N] [--family COL] [--variant COL] [--allow-dirty]",
     runProbeSets},
    {"models", "models --project P [--add SCORER.json | --show NAME]", runModels},
    {"score",
     "score --project P --probe-set V --model NAME [--resume] [--trust] [--batch N] [--estimate]\n"
     "score --project P --replies-of RUN --model NAME [--trust]   (score a run's replies: sentiment, toxicity, a rubric)\n"
     "score --project P --run R [--trust] [--estimate]   (continue a stopped run)\n"
     "score --project P --list\n"
     "score --in ROWS.csv|.jsonl --scorer SCORER.json --out SCORED.csv [--estimate]",
     runScore},
    {"review",
     "review export --project P [--run R | --table T] --out PACKET.json [--reviewer NAME]\n"
     "              [--sample N] [--seed S] [--no-flips]\n"
     "review import --project P --packet PACKET.json\n"
     "review label --project P [--run R | --table T] --family F --reviewer NAME\n"
     "             [--equivalence equivalent|not_equivalent|unsure]\n"
     "             [--expected favourable|unfavourable] [--note TEXT] [--adjudicate] [--remove]\n"
     "review stats --project P [--run R | --table T] [--json OUT|-]",
     runReview},
    {"gate",
     "gate --project P [--run R | --table T] [--baseline R0 | --baseline-table T0]\n"
     "     [--junit OUT.xml] [--html OUT.html] [--pdf OUT.pdf] [--csv DIR] [--no-pair-text]",
     runGate},
    {"report",
     "report --project P [--run R | --table T] [--baseline R0 | --baseline-table T0]\n"
     "       [--html OUT.html] [--pdf OUT.pdf] [--csv DIR] [--no-pair-text]",
     runReport},
};

} // namespace

const std::string &usageText()
{
    static const std::string text = [] {
        std::string s = "Usage:\n";
        for (const Command &c : Commands) {
            std::string usage = c.usage;
            std::size_t pos = 0;
            while (pos < usage.size()) {
                const std::size_t nl = usage.find('\n', pos);
                s += "  counterpart-cli " + usage.substr(pos, nl - pos) + "\n";
                pos = nl == std::string::npos ? usage.size() : nl + 1;
            }
        }
        s += "  counterpart-cli --help | --version\n\n"
             "Audit a scored table against a spec (columns, protected attributes, contract) and\n"
             "print the decision first. P is a .counterpart project file or, for audit, a sample\n"
             "folder holding project.json.\n\n"
             "Exit status: 0 APPROVED (or no contract) or success, 1 BLOCKED, 2 bad usage or bad "
             "input.\n";
        return s;
    }();
    return text;
}

} // namespace cli

int main(int argc, char **argv)
{
    using namespace cli;
    if (argc < 2)
        return usageError("no command given");
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << usageText();
        return ExitOk;
    }
    if (command == "--version") {
        std::cout << "counterpart-cli " COUNTERPART_VERSION "\n";
        return ExitOk;
    }
    for (const Command &c : Commands) {
        if (command != c.name)
            continue;
        Args args;
        args.command = command;
        int first = 2;
        if (command == "review" && argc > 2 && argv[2][0] != '-') {
            args.subcommand = argv[2];
            first = 3;
        }
        std::string error;
        if (!parseArgs(argc, argv, first, args, error))
            return usageError(error);
        return c.run(args);
    }
    return usageError("unknown command '" + command + "'");
}
