// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetcheck.h"

#include "canonicalcsv.h"
#include "probesetchecker.h"

#include <core/common/sha256.h>

#include <thread>

namespace cp {

ProbeSetStreamCheck::ProbeSetStreamCheck(const ProbeSetLayout &layout, std::string source,
                                         Sink sink, Progress progress)
{
    // Without a sink the bytes are still checked and hashed; a sink also decides per record
    // whether the input is canonical, which the hash needs.
    if (!sink)
        sink = [](std::string_view) -> Status { return Ok{}; };
    m_checker = std::make_unique<probesetcheck::Checker>(layout, std::move(source),
                                                         std::string_view(), std::move(sink),
                                                         std::move(progress));
}

ProbeSetStreamCheck::~ProbeSetStreamCheck() = default;

Status ProbeSetStreamCheck::feed(std::string_view records)
{
    return m_checker->feed(records);
}

Result<ProbeSetCheck> ProbeSetStreamCheck::finish()
{
    ProbeSetCheck out;
    if (auto s = m_checker->finish(out); !s)
        return s.error();
    out.sha256 = m_checker->sha256();
    return out;
}

Result<ProbeSetCheck> checkProbeSet(std::string_view csv, const ProbeSetLayout &layout,
                                    const std::string &source, const Progress &progress)
{
    // Hashing runs beside the check; when the input turns out not to be canonical the hash is
    // redone over the re-encoded bytes.
    std::string sha;
    std::jthread hashing([&] { sha = Sha256::hex(csv); });
    ProbeSetCheck out;
    probesetcheck::Checker checker(layout, source, csv, {}, progress);
    Status s = checker.feed(csv);
    if (s)
        s = checker.finish(out);
    hashing.join();
    if (!s)
        return s.error();
    if (!out.reencoded) {
        out.sha256 = std::move(sha);
        return out;
    }
    auto canonical = canonicalCsv(csv, source);
    if (!canonical)
        return canonical.error();
    out.canonical = std::move(*canonical);
    out.sha256 = Sha256::hex(out.canonical);
    return out;
}

Error integrityError(const IntegrityReport &report, const std::string &source)
{
    const auto first = report.firstViolation();
    if (!first)
        return Error{ErrorCode::Invalid, source, 0, {}, "integrity violations"};
    const IntegrityExample &e = first->second;
    return Error{ErrorCode::Invalid, source, e.line, e.column,
                 "family " + e.family + ": " + first->first + ": " + e.detail + " ("
                     + std::to_string(report.violations()) + " violation(s) in all)"};
}

} // namespace cp
