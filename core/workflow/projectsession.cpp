// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectsession.h"

#include <core/workflow/samplefolder.h>
#include <core/store/scorestore.h>

#include <stdlib.h>

#include <filesystem>

namespace cp {

namespace fs = std::filesystem;

bool isSampleFolder(const std::string &path)
{
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / "project.json", ec);
}

Result<OpenedProject> OpenedProject::open(const std::string &what, Access access,
                                          const std::string &scratchDir)
{
    OpenedProject p;
    p.m_origin = what;
    std::error_code ec;
    if (fs::is_directory(what, ec)) {
        if (!isSampleFolder(what))
            return Error{ErrorCode::Io, what, 0, {},
                         "a folder, but not a sample project (it holds no project.json)"};
        if (access != Access::ReadOnly && access != Access::Scratch)
            return Error{ErrorCode::Invalid, what, 0, {},
                         "a sample folder is opened as a scratch copy, so changes to it would be "
                         "lost: make a project of it first (counterpart-cli init --project "
                         "P.counterpart --from " + what + ")"};
        // A private folder per opening, so that two processes never share a scratch file.
        const fs::path base = scratchDir.empty() ? fs::temp_directory_path(ec) : fs::path(scratchDir);
        std::string templ = (base / "counterpart-sample-XXXXXX").string();
        if (!::mkdtemp(templ.data()))
            return Error{ErrorCode::Io, base.string(), 0, {},
                         "cannot create a scratch folder for the sample project"};
        p.m_scratch = templ;
        fs::path name = fs::path(what).lexically_normal().filename();
        if (name.empty())
            name = fs::path(what).lexically_normal().parent_path().filename();
        p.m_projectFile = (fs::path(templ) / (name.string() + ".counterpart")).string();
        auto store = ProjectStore::open(p.m_projectFile, ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return store.error();
        if (auto n = importProjectFolder(**store, what); !n)
            return n.error();
        p.m_store = std::move(*store);
        return p;
    }
    p.m_projectFile = what;
    auto store = ProjectStore::open(what, access == Access::Create
                                              ? ProjectStore::OpenMode::CreateIfMissing
                                          : access == Access::Scratch
                                              ? ProjectStore::OpenMode::ExistingQuick
                                              : ProjectStore::OpenMode::ExistingOnly);
    if (!store)
        return store.error();
    p.m_store = std::move(*store);
    return p;
}

OpenedProject::OpenedProject(OpenedProject &&other) noexcept
    : m_store(std::move(other.m_store))
    , m_origin(std::move(other.m_origin))
    , m_projectFile(std::move(other.m_projectFile))
    , m_scratch(std::exchange(other.m_scratch, {}))
{
}

OpenedProject &OpenedProject::operator=(OpenedProject &&other) noexcept
{
    if (this != &other) {
        m_store.reset();
        removeScratch();
        m_store = std::move(other.m_store);
        m_origin = std::move(other.m_origin);
        m_projectFile = std::move(other.m_projectFile);
        m_scratch = std::exchange(other.m_scratch, {});
    }
    return *this;
}

OpenedProject::~OpenedProject()
{
    m_store.reset();
    removeScratch();
}

void OpenedProject::removeScratch()
{
    if (m_scratch.empty())
        return;
    std::error_code ec;
    fs::remove_all(m_scratch, ec);
    m_scratch.clear();
}

std::string OpenedProject::displayName() const
{
    return isSample() ? m_origin + " (sample folder)" : m_origin;
}

Result<AuditSource> defaultAuditSource(ProjectStore &store)
{
    auto sources = auditSources(store);
    if (!sources)
        return sources.error();
    // auditSources lists tables then runs, each oldest first.
    const AuditSource *table = nullptr, *run = nullptr;
    for (const AuditSource &s : *sources)
        (s.kind == AuditSource::Kind::Table ? table : run) = &s;
    if (table)
        return *table;
    if (run)
        return *run;
    return Error{ErrorCode::Invalid, store.path(), 0, {},
                 "the project has no table and no scoring run to audit"};
}

Result<AuditSource> resolveAuditSource(ProjectStore &store, const std::string &key)
{
    if (key.empty())
        return defaultAuditSource(store);
    const AuditSource wanted = AuditSource::fromKey(key);
    if (wanted.kind == AuditSource::Kind::Run || wanted.id > 0) {
        auto sources = auditSources(store);
        if (!sources)
            return sources.error();
        for (const AuditSource &s : *sources)
            if (s.kind == wanted.kind && s.id == wanted.id)
                return s;
        return Error{ErrorCode::Invalid, store.path(), 0, {},
                     "no " + std::string(wanted.kind == AuditSource::Kind::Run ? "scoring run"
                                                                                 : "table")
                         + " " + std::to_string(wanted.id) + " in the project"};
    }
    auto table = store.findTable(wanted.label);
    if (!table)
        return table.error();
    auto sources = auditSources(store);
    if (!sources)
        return sources.error();
    for (const AuditSource &s : *sources)
        if (s.kind == AuditSource::Kind::Table && s.id == table->id)
            return s;
    return Error{ErrorCode::Invalid, store.path(), 0, {}, "no table '" + wanted.label + "'"};
}

} // namespace cp
