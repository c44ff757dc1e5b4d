// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectdocument.h"

#include <QDir>
#include <QFileInfo>

namespace cp::ui {

ProjectDocument::~ProjectDocument() = default;

cp::Result<std::unique_ptr<ProjectDocument>> ProjectDocument::open(const QString &path)
{
    std::unique_ptr<ProjectDocument> doc(new ProjectDocument);
    const QFileInfo info(path);
    doc->m_sourcePath = info.absoluteFilePath();
    if (!info.exists())
        return cp::Error{cp::ErrorCode::Io, path.toStdString(), 0, {},
                         "no such file or folder"};
    // Core opens a file, or imports a sample folder into a scratch copy (the CLI's way too).
    auto opened = cp::OpenedProject::open(doc->m_sourcePath.toStdString(),
                                          cp::OpenedProject::Access::Scratch);
    if (!opened)
        return opened.error();
    opened->closeStore();  // the document holds no connection: each thread opens its own
    doc->m_projectFile = QString::fromStdString(opened->projectFile());
    doc->m_opened = std::make_unique<cp::OpenedProject>(std::move(opened).value());
    if (auto status = doc->reload(); !status)
        return status.error();
    return doc;
}

bool ProjectDocument::isScratch() const
{
    return m_opened && m_opened->isSample();
}

cp::Status ProjectDocument::reload()
{
    // On the GUI thread: the audit worker checks the whole file.
    auto store = cp::ProjectStore::open(m_projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    if (!store)
        return store.error();
    auto tables = (*store)->tables();
    if (!tables)
        return tables.error();
    auto name = (*store)->projectName();
    if (!name)
        return name.error();
    m_tables = std::move(tables).value();
    m_name = QString::fromStdString(*name);
    if (m_name.isEmpty())
        m_name = QFileInfo(m_sourcePath).completeBaseName();
    return cp::Ok{};
}

cp::Status ProjectDocument::saveCopy(const QString &path) const
{
    auto store = cp::ProjectStore::open(m_projectFile.toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingOnly);
    if (!store)
        return store.error();
    return (*store)->saveCopy(path.toStdString());
}

} // namespace cp::ui
