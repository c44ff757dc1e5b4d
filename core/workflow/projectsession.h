// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Opening what the user named, and choosing what to audit: the rules the CLI and the workbench
// share. A user names a project (a *.counterpart file today, a server locator with issue 19)
// or a sample folder (a folder holding project.json), which is imported into a scratch project
// that lives as long as the OpenedProject. With no source named, the audited source is the
// project's default: one rule, here, for both front ends.

#include <core/common/result.h>
#include <core/store/auditsource.h>
#include <core/store/projectstore.h>

#include <memory>
#include <string>

namespace cp {

/// Whether a path is a sample folder (a directory holding project.json).
bool isSampleFolder(const std::string &path);

/// A project opened for a command or a window. For a sample folder the project is a scratch
/// file (in scratchDir, default the system's temporary folder) removed with its -wal and -shm
/// files when this is destroyed.
class OpenedProject
{
public:
    enum class Access {
        ReadOnly,   ///< audits, reports, exports: a sample folder is accepted
        ReadWrite,  ///< imports, scoring, labels: a sample folder is refused (its scratch
                    ///< project would be thrown away with every change)
        Create,     ///< init: a missing project file is created
        Scratch,    ///< the workbench: a sample folder is accepted and its scratch copy is
                    ///< written to (Save Copy As keeps it); opened without the whole-file
                    ///< integrity check, which the audit worker runs
    };

    /// Opens `what`: a project file (or locator) or, with ReadOnly or Scratch, a sample folder.
    /// A missing project file is an error naming it, except with Create.
    static Result<OpenedProject> open(const std::string &what, Access access = Access::ReadOnly,
                                      const std::string &scratchDir = {});

    OpenedProject(OpenedProject &&other) noexcept;
    OpenedProject &operator=(OpenedProject &&other) noexcept;
    ~OpenedProject();

    ProjectStore &store() const { return *m_store; }
    /// Closes this object's connection (threads open their own on projectFile()); the scratch
    /// file stays until this object is destroyed.
    void closeStore() { m_store.reset(); }
    bool isOpen() const { return m_store != nullptr; }
    /// What the user named.
    const std::string &origin() const { return m_origin; }
    /// The project file every thread opens: the origin, or the scratch copy of a sample folder.
    const std::string &projectFile() const { return m_projectFile; }
    bool isSample() const { return !m_scratch.empty(); }
    /// "shopflow-judge (sample folder)" or the file as named: for outputs that name the project.
    std::string displayName() const;

private:
    OpenedProject() = default;
    void removeScratch();

    std::unique_ptr<ProjectStore> m_store;
    std::string m_origin;
    std::string m_projectFile;
    std::string m_scratch;
};

/// The source an audit takes when none is named: the newest imported table, else the newest
/// scoring run. An error when the project has neither.
Result<AuditSource> defaultAuditSource(ProjectStore &store);

/// The source a user named: "table:ID", "run:ID", a table's name or id (as findTable reads it),
/// or empty for the default. The result carries the source's label and detail.
Result<AuditSource> resolveAuditSource(ProjectStore &store, const std::string &key);

} // namespace cp
