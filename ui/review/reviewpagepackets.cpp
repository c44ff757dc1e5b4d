// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The Reviews page's packets: the queue's pairs out to a file for a reviewer elsewhere, and
// their labels back in (core/review/packet.h).

#include "reviewpage.h"

#include "reviewsession.h"

#include <core/review/packet.h>
#include <core/store/projectstore.h>

#include <nlohmann/json.hpp>

#include <ui/work/backgroundtask.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

namespace cp::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

bool ReviewPage::exportPacket(const QString &path)
{
    const QString title = tr("Cannot Export the Packet");
    if (!m_session->isValid() || m_queue.empty()) {
        showError(title, tr("Error exporting '%1':\nthe queue is empty: there are no pairs to "
                            "put in a packet.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    cp::PacketRequest request;
    request.subject = m_session->subject();
    request.index = m_session->index().get();
    request.familyKeyColumn = m_session->keyColumn();
    request.families = m_queue;
    request.favourableLabel = m_session->favourableLabel().toStdString();
    request.unfavourableLabel = m_session->unfavourableLabel().toStdString();
    request.projectName = QFileInfo(m_session->projectFile()).completeBaseName().toStdString();
    for (const QString &column : m_session->blindFields())
        request.hiddenColumns.push_back(column.toStdString());
    const std::string file = path.toStdString();
    auto packet = cp::makePacket(*m_session->store(), request, file);
    cp::Status written = packet ? cp::writePacketFile(*packet, file) : cp::Status(packet.error());
    if (!written) {
        showError(title, tr("Error exporting '%1':\n%2")
                             .arg(QDir::toNativeSeparators(path), qs(written.error().toString())));
        return false;
    }
    showStatus(tr("Exported %Ln pair(s) of %1 to %2.", nullptr, int(m_queue.size()))
                   .arg(qs(m_session->subject().name), QDir::toNativeSeparators(path)));
    return true;
}

bool ReviewPage::importPacket(const QString &path)
{
    const QString title = tr("Cannot Import the Packet");
    if (!m_session->store()) {
        showError(title, tr("Error importing '%1':\nno project is open.")
                             .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (m_import->isRunning()) {
        showStatus(tr("A packet is being imported; import %1 when it is done.")
                       .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    const std::string file = m_session->projectFile().toStdString();
    const std::string packet = path.toStdString();
    const bool started = m_import->run<cp::PacketImport>(
        [file, packet](const cp::Progress &) -> cp::Result<cp::PacketImport> {
            // SQLite connections are per thread: the import opens one of its own, and its
            // one transaction keeps the page's own writes waiting only while it commits.
            auto store = cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingQuick);
            if (!store)
                return store.error();
            return cp::importPacketFile(**store, packet);
        },
        [this, path, title](cp::Result<cp::PacketImport> imported) {
            m_importButton->setEnabled(true);
            if (!imported) {
                showError(title, tr("Error importing '%1':\n%2")
                                     .arg(QDir::toNativeSeparators(path),
                                          qs(imported.error().toString())));
                emit packetImported(false);
                return;
            }
            const cp::PacketImport &p = *imported;
            if (p.changed > 0) {
                // The labels are read again off the GUI thread (the page keeps taking answers).
                m_returnTo = currentFamilyKey().toStdString();
                m_session->reload();
            }
            showStatus(p.changed == 0
                           ? tr("Packet %1 from %2: its %Ln label(s) are already in the project; "
                                "nothing changed.", nullptr, int(p.labels))
                                 .arg(qs(p.packetId), qs(p.reviewer))
                           : tr("Packet %1 from %2: %Ln label(s) imported into %3, ", nullptr,
                                int(p.labels))
                                     .arg(qs(p.packetId), qs(p.reviewer), qs(p.subject.name))
                                 + tr("%Ln changed.", nullptr, int(p.changed)));
            emit packetImported(true);
        });
    if (!started)
        return false;
    m_importButton->setEnabled(false);
    showStatus(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool ReviewPage::isImportingPacket() const
{
    return m_import->isRunning();
}

void ReviewPage::waitForImport()
{
    while (m_import->isRunning()) {
        m_import->waitForFinished();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

void ReviewPage::exportPacketDialog()
{
    if (!m_session->isValid())
        return;
    const QString folder = QFileInfo(m_session->projectFile()).absolutePath();
    const QString name = QStringLiteral("%1-review-packet.json")
                             .arg(QFileInfo(m_session->projectFile()).completeBaseName());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Review Packet"),
                                                      QDir(folder).filePath(name),
                                                      tr("Review packets (*.json)"));
    if (!path.isEmpty())
        exportPacket(path);
    setFocus();
}

void ReviewPage::importPacketDialog()
{
    if (!m_session->store())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Review Packet"), QFileInfo(m_session->projectFile()).absolutePath(),
        tr("Review packets (*.json);;All files (*)"));
    if (!path.isEmpty())
        importPacket(path);
    setFocus();
}

} // namespace cp::ui
