// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The layer map of docs/ARCHITECTURE.md, checked on the source tree: a folder of core/ may
// include only folders to its left in the order below, so that core has no folder cycles;
// sqlite3.h is included only by the SQLite backend (core/store/sqlite/); core includes no Qt;
// ui/ and app/ never reach past the store interface into a backend.

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <cctype>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> &layerOrder()
{
    static const std::vector<std::string> order = {
        "common", "table", "audit", "probeset", "generate", "derive",
        "store",  "review", "score", "report", "workflow",
    };
    return order;
}

int rankOf(const std::string &folder)
{
    const auto &order = layerOrder();
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] == folder)
            return int(i);
    return -1;
}

struct Include {
    std::string file;   ///< relative to the source root
    int line = 0;
    std::string target; ///< "core/store/projectstore.h", "sqlite3.h", "QString"
};

/// The target of an include directive, or empty: `#include <a/b.h>` and `#include "b.h"`.
std::string includeTarget(const std::string &line)
{
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] != '#')
        return {};
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || line.compare(i, 7, "include") != 0)
        return {};
    i = line.find_first_not_of(" \t", i + 7);
    if (i == std::string::npos || (line[i] != '<' && line[i] != '\x22'))
        return {};
    const char close = line[i] == '<' ? '>' : '\x22';
    const std::size_t end = line.find(close, i + 1);
    return end == std::string::npos ? std::string() : line.substr(i + 1, end - i - 1);
}

std::vector<Include> includesUnder(const fs::path &root, const std::string &top)
{
    std::vector<Include> out;
    for (const auto &entry : fs::recursive_directory_iterator(root / top)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp"))
            continue;
        std::ifstream in(entry.path());
        std::string text;
        int n = 0;
        while (std::getline(in, text)) {
            ++n;
            const std::string target = includeTarget(text);
            if (!target.empty())
                out.push_back({fs::relative(entry.path(), root).generic_string(), n, target});
        }
    }
    return out;
}

std::string where(const Include &i)
{
    return i.file + ":" + std::to_string(i.line) + ": includes " + i.target;
}

} // namespace

class tst_Layering : public QObject
{
    Q_OBJECT

private slots:
    void coreFoldersFollowTheLayerOrder()
    {
        const fs::path root = COUNTERPART_SOURCE_DIR;
        std::vector<std::string> violations;
        for (const Include &i : includesUnder(root, "core")) {
            const std::string from = fs::path(i.file).begin()->string() == "core"
                                         ? (++fs::path(i.file).begin())->string()
                                         : std::string();
            if (rankOf(from) < 0) {
                violations.push_back(i.file + ": folder '" + from + "' is not in the layer map");
                continue;
            }
            if (i.target.rfind("core/", 0) != 0)
                continue;
            const std::string to = (++fs::path(i.target).begin())->string();
            if (rankOf(to) < 0)
                violations.push_back(where(i) + " (folder '" + to + "' is not in the layer map)");
            else if (rankOf(to) > rankOf(from))
                violations.push_back(where(i) + " (" + from + " is below " + to + ")");
        }
        for (const auto &v : violations)
            qWarning("%s", v.c_str());
        QVERIFY2(violations.empty(), "core/ folders include a folder above them");
    }

    void frontEndsPointOneWay()
    {
        // app -> ui -> core: core sees neither front end, ui never sees app.
        const fs::path root = COUNTERPART_SOURCE_DIR;
        std::vector<std::string> violations;
        const auto core = includesUnder(root, "core");
        QVERIFY2(core.size() > 200, "the include scan found almost nothing under core/");
        for (const Include &i : core)
            if (i.target.rfind("ui/", 0) == 0 || i.target.rfind("app/", 0) == 0)
                violations.push_back(where(i));
        for (const Include &i : includesUnder(root, "ui"))
            if (i.target.rfind("app/", 0) == 0)
                violations.push_back(where(i));
        for (const auto &v : violations)
            qWarning("%s", v.c_str());
        QVERIFY2(violations.empty(), "a lower layer includes a front end above it");
    }

    void scannerReadsIncludes()
    {
        // The checks above are only as good as the scan: it must see both spellings.
        QCOMPARE(includeTarget("#include <core/store/projectstore.h>"),
                 std::string("core/store/projectstore.h"));
        QCOMPARE(includeTarget("  #  include \"b.h\" // x"), std::string("b.h"));
        QCOMPARE(includeTarget("// #include <a.h>"), std::string());
        QVERIFY(rankOf("score") > rankOf("store"));
        QCOMPARE(rankOf("nonesuch"), -1);
    }

    void onlyTheSqliteBackendSeesSqlite()
    {
        const fs::path root = COUNTERPART_SOURCE_DIR;
        std::vector<std::string> violations;
        for (const char *top : {"core", "ui", "app"})
            for (const Include &i : includesUnder(root, top)) {
                const bool sqlite = i.target == "sqlite3.h"
                                    || i.target.find("store/sqlite/") != std::string::npos;
                if (sqlite && i.file.rfind("core/store/sqlite/", 0) != 0)
                    violations.push_back(where(i));
            }
        for (const auto &v : violations)
            qWarning("%s", v.c_str());
        QVERIFY2(violations.empty(), "SQLite is reached outside core/store/sqlite/");
    }

    void coreIncludesNoQt()
    {
        const fs::path root = COUNTERPART_SOURCE_DIR;
        std::vector<std::string> violations;
        auto isQt = [](const std::string &t) {
            return (t.size() > 1 && t[0] == 'Q' && std::isupper(static_cast<unsigned char>(t[1])))
                   || t.rfind("Qt", 0) == 0;
        };
        for (const Include &i : includesUnder(root, "core"))
            if (isQt(i.target))
                violations.push_back(where(i));
        for (const auto &v : violations)
            qWarning("%s", v.c_str());
        QVERIFY2(violations.empty(), "core/ includes Qt");
    }
};

QTEST_GUILESS_MAIN(tst_Layering)
#include "tst_layering.moc"
