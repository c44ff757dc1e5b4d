// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectdocument.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

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

    if (info.isDir()) {
        doc->m_scratch = std::make_unique<QTemporaryDir>();
        if (!doc->m_scratch->isValid())
            return cp::Error{cp::ErrorCode::Io, QDir::tempPath().toStdString(), 0, {},
                             "cannot create a temporary folder: "
                                 + doc->m_scratch->errorString().toStdString()};
        doc->m_projectFile = doc->m_scratch->filePath(info.fileName() + QStringLiteral(".counterpart"));
        auto store = cp::ProjectStore::open(doc->m_projectFile.toStdString(),
                                            cp::ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return store.error();
        if (auto imported = cp::importProjectFolder(**store, doc->m_sourcePath.toStdString());
            !imported)
            return imported.error();
    } else {
        doc->m_projectFile = doc->m_sourcePath;
    }

    if (auto status = doc->reload(); !status)
        return status.error();
    return doc;
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
