// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "freezeoutput.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <iostream>

namespace cli {

int freezeIntoProject(const Args &args, const cp::ProbeSetOrigin &origin,
                      const cp::ProbeSetLayout &layout, const std::string &csv)
{
    auto store = cp::ProjectStore::open(args.get("--project"),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        return fail(store.error());
    cp::FreezeOptions options;
    options.source = origin.name;
    auto record = cp::freezeProbeSet(**store, origin, layout, csv, options);
    if (!record)
        return fail(record.error());
    std::cout << (record->existed ? "identical to the frozen probe set " : "froze probe set ")
              << record->id << " '" << record->name << "' (" << record->families << " families, "
              << record->variants << " variants) sha256 " << record->sha256 << " in "
              << (*store)->path() << "\n"
              << record->balance.summary() << record->integrity.summary();
    return ExitOk;
}

} // namespace cli
