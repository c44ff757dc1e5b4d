// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditsource.h"

#include "projectstore.h"
#include "scorestore.h"

#include <cstdlib>

namespace cp {

std::string AuditSource::key() const
{
    return (kind == Kind::Table ? "table:" : "run:") + std::to_string(id);
}

AuditSource AuditSource::fromKey(const std::string &key)
{
    AuditSource s;
    if (key.rfind("run:", 0) == 0) {
        s.kind = Kind::Run;
        s.id = std::atoll(key.c_str() + 4);
    } else if (key.rfind("table:", 0) == 0) {
        s.id = std::atoll(key.c_str() + 6);
    } else {
        s.label = key;  // a table name or id, resolved by the store
    }
    return s;
}

Result<std::vector<AuditSource>> auditSources(ProjectStore &store)
{
    std::vector<AuditSource> out;
    auto tables = store.tables();
    if (!tables)
        return tables.error();
    for (const TableRecord &t : *tables) {
        AuditSource s;
        s.id = t.id;
        s.label = t.name;
        s.detail = t.format + " · " + std::to_string(t.bytes) + " bytes · imported " + t.imported;
        out.push_back(std::move(s));
    }
    auto runs = scoreRuns(store);
    if (!runs)
        return runs.error();
    for (const ScoreRunRecord &r : *runs) {
        AuditSource s;
        s.kind = AuditSource::Kind::Run;
        s.id = r.id;
        s.label = "run " + std::to_string(r.id) + " · " + r.modelName + " on " + r.probeSetName;
        s.detail = r.status + " · " + std::to_string(r.scored) + " scored, "
                   + std::to_string(r.errors) + " errors, of " + std::to_string(r.tasks)
                   + " · model version " + r.modelVersion + " · started " + r.started;
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace cp
