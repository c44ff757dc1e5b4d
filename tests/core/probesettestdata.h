// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Hand-made probe sets and file helpers for tst_probesets.

#include <core/probeset/probesetlayout.h>
#include <core/store/projectstore.h>

#include <sqlite3.h>

#include "../support/testsupport.h"

#include "../support/sqlitefile.h"

#include <QCryptographicHash>
#include <QString>

#include <map>
#include <string>

namespace probesettest {

using cp::test::sql;

inline constexpr auto Create = cp::ProjectStore::OpenMode::CreateIfMissing;

/// Two families × four variants (gender × ethnicity); the pronoun follows gender only.
inline const char *const BaseSet =
    "family,variant,gender,ethnicity,first_name,pronoun,age,channel\n"
    "1,f/a,f,a,Anna,she,30,web\n"     // line 2
    "1,m/a,m,a,Paul,he,30,web\n"      // 3
    "1,f/b,f,b,Aiko,she,30,web\n"     // 4
    "1,m/b,m,b,Kenji,he,30,web\n"     // 5
    "2,f/a,f,a,Emma,she,41,shop\n"    // 6
    "2,m/a,m,a,Noah,he,41,shop\n"     // 7
    "2,f/b,f,b,Yuki,she,41,shop\n"    // 8
    "2,m/b,m,b,Hiro,he,41,shop\n";    // 9

inline cp::ProbeSetLayout baseLayout(bool pronounFollowsGender = true)
{
    cp::ProbeSetLayout layout;
    layout.protectedColumns = {"gender", "ethnicity"};
    layout.linkedColumns = {"first_name", "pronoun"};
    layout.strataColumns = {"channel"};
    if (pronounFollowsGender)
        layout.linkedFollows["pronoun"] = {"gender"};
    return layout;
}

inline cp::ProbeSetOrigin origin(const std::string &name, const std::string &kind = "generated")
{
    return cp::ProbeSetOrigin{kind, name, "{\"name\": \"" + name + "\"}", 42, std::nullopt};
}

/// BaseSet with 1-based lines replaced ("" deletes) and lines appended.
inline std::string edited(const std::map<int, std::string> &replace,
                          const std::string &append = {})
{
    std::string out;
    std::string text = BaseSet;
    int line = 1;
    for (std::size_t pos = 0; pos < text.size(); ++line) {
        const std::size_t nl = text.find('\n', pos);
        const std::string current = text.substr(pos, nl - pos);
        pos = nl + 1;
        const auto it = replace.find(line);
        if (it == replace.end())
            out += current + "\n";
        else if (!it->second.empty())
            out += it->second + "\n";
    }
    return out + append;
}

inline std::string sha256Of(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}
inline bool execSql(const QString &path, const char *script)
{
    sqlite3 *db = nullptr;
    bool good = sqlite3_open_v2(path.toUtf8().constData(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
                == SQLITE_OK;
    good = good && sqlite3_exec(db, script, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return good;
}

/// The schema of version 1, verbatim from the first release of projectstore.cpp.
inline constexpr const char *SchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE specs(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    created TEXT NOT NULL);
CREATE TABLE tables(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    format TEXT NOT NULL CHECK(format IN ('csv', 'jsonl')),
    bytes INTEGER NOT NULL,
    content BLOB NOT NULL,
    imported TEXT NOT NULL);
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    spec_id INTEGER NOT NULL REFERENCES specs(id),
    created TEXT NOT NULL,
    decision TEXT,
    result_json TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1'), ('created', '2026-01-02T03:04:05Z'),
    ('application', 'Counterpart'), ('name', 'old project');
INSERT INTO specs VALUES (1, 'aaaa', 'old spec', '{"name": "old spec"}', '2026-01-02T03:04:05Z');
INSERT INTO tables VALUES (1, '5be08c9684a1d25efcee09318204824278b08bbfb4aef973ffefd0b9d7478313',
    'scores', 'csv', 4, X'612C620A', '2026-01-02T03:04:05Z');
INSERT INTO runs VALUES (1, 1, 1, '2026-01-02T03:04:05Z', 'APPROVED', '{}');
)sql";

} // namespace probesettest

