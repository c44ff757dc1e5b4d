// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/store/projectstore.h>
#include <core/workflow/projectsession.h>

#include <QString>

#include <memory>
#include <vector>

namespace cp::ui {

/// An open project as the window sees it: which SQLite file to audit, its name and its frozen
/// tables. A sample folder (holding project.json) is imported by core (cp::OpenedProject) into
/// a scratch project file that lives as long as the document; Save Copy As keeps it.
/// The document holds no connection: every thread that needs the store opens its own.
class ProjectDocument
{
public:
    /// Opens a *.counterpart file, or imports a folder holding project.json.
    static cp::Result<std::unique_ptr<ProjectDocument>> open(const QString &path);
    ~ProjectDocument();

    QString sourcePath() const { return m_sourcePath; }   ///< what the user opened
    QString projectFile() const { return m_projectFile; } ///< the SQLite file audited
    bool isScratch() const;
    QString name() const { return m_name; }
    const std::vector<cp::TableRecord> &tables() const { return m_tables; }

    /// Re-reads the table list (e.g. after an import elsewhere).
    cp::Status reload();
    /// Writes a consistent copy of the project file to path.
    cp::Status saveCopy(const QString &path) const;

private:
    ProjectDocument() = default;

    QString m_sourcePath;
    QString m_projectFile;
    QString m_name;
    std::vector<cp::TableRecord> m_tables;
    std::unique_ptr<cp::OpenedProject> m_opened;  ///< owns a sample folder's scratch copy
};

} // namespace cp::ui
