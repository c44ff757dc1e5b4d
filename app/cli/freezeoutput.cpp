// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "freezeoutput.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <functional>
#include <iostream>

namespace cli {

namespace {

int freezeWith(const Args &args, const cp::ProbeSetOrigin &origin,
               const std::function<cp::Result<cp::ProbeSetRecord>(cp::ProjectStore &,
                                                                 const cp::FreezeOptions &)>
                   &freeze)
{
    auto project = openProject(args, cp::OpenedProject::Access::Create);
    if (!project)
        return fail(project.error());
    cp::FreezeOptions options;
    options.source = origin.name;
    auto record = freeze(project->store(), options);
    if (!record)
        return fail(record.error());
    std::cout << (record->existed ? "identical to the frozen probe set " : "froze probe set ")
              << record->id << " '" << record->name << "' (" << record->families << " families, "
              << record->variants << " variants) sha256 " << record->sha256 << " in "
              << project->store().path() << "\n"
              << record->balance.summary() << record->integrity.summary();
    return ExitOk;
}

} // namespace

int freezeIntoProject(const Args &args, const cp::ProbeSetOrigin &origin,
                      const cp::ProbeSetLayout &layout, const std::string &csv)
{
    return freezeWith(args, origin, [&](cp::ProjectStore &store, const cp::FreezeOptions &o) {
        return cp::freezeProbeSet(store, origin, layout, csv, o);
    });
}

int freezeStreamIntoProject(const Args &args, const cp::ProbeSetOrigin &origin,
                            const cp::ProbeSetLayout &layout, const cp::CsvProducer &produce)
{
    return freezeWith(args, origin, [&](cp::ProjectStore &store, const cp::FreezeOptions &o) {
        return cp::freezeProbeSetStream(store, origin, layout, produce, o);
    });
}

} // namespace cli
