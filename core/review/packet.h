// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Review packets: a batch of pairs, as JSON, for a reviewer who works on another machine; and
// their labels back into the project with provenance. See README "Review packets".

#include <core/audit/auditspec.h>
#include <core/audit/pairsindex.h>
#include <core/common/result.h>
#include <core/review/reviewstore.h>

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace cp {

class ProjectStore;

inline constexpr const char *PacketFormat = "counterpart-review-packet";
inline constexpr int PacketVersion = 1;
/// Labels one family may carry in one packet (reviewers and adjudications together).
inline constexpr std::size_t MaxPacketLabelsPerFamily = 64;

struct PacketRequest {
    ReviewSubject subject;
    const PairsIndex *index = nullptr;      ///< the rows, split into families
    int familyKeyColumn = -1;
    std::vector<std::int32_t> families;     ///< indices into index->families
    std::string reviewer;                   ///< who it is for (may be empty: the reviewer fills it)
    std::string favourableLabel;
    std::string unfavourableLabel;
    std::string projectName;
    /// Columns left out of the packet (blindColumns: scores, outcomes, stages, y_true).
    std::vector<std::string> hiddenColumns;
};

/// The columns a blind reviewer must not see: the prediction's score and label, the stages,
/// the expected outcome, and for a scoring run its result columns.
std::vector<std::string> blindColumns(const AuditSpec &spec, bool scoringRun);

/// The packet document: the pairs' fields without the hidden columns (packets are blind) and
/// an empty "labels" list for the reviewer to fill. Records the export in the project.
Result<nlohmann::json> makePacket(ProjectStore &store, const PacketRequest &request,
                                  const std::string &file);
/// Writes the packet to a file atomically (temporary file, then rename).
Status writePacketFile(const nlohmann::json &packet, const std::string &path);

struct PacketImport {
    std::string packetId;
    ReviewSubject subject;
    std::string reviewer;
    std::int64_t labels = 0;       ///< labels in the packet
    std::int64_t changed = 0;      ///< labels that changed the project (0 on a second import)
};

/// Reads a packet file and saves its labels (one transaction, all or none). The packet must be
/// for rows this project holds (same SHA-256), else a clear error; each label must name a
/// family of the packet and valid answers; errors name the file and the JSON path.
Result<PacketImport> importPacketFile(ProjectStore &store, const std::string &path);

} // namespace cp
