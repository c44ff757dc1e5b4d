// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// A project file as the workbench and the CLI open an existing one: checked on open, then its
// name, tables (with their bytes), specs, recorded runs and models read back. Every input is a
// new file under a new name (a project is checked once per process and path), the last one
// and its write-ahead log removed first.
#include "fuzzinput.h"

#include <core/store/projectstore.h>
#include <core/store/storebackend.h>

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static std::uint64_t count = 0;
    const std::filesystem::path dir = fuzz::scratch();
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(dir / ("p" + std::to_string(count) + ".counterpart" + suffix), ec);
    ++count;
    const std::string path =
        fuzz::writeInput("p" + std::to_string(count) + ".counterpart", data, size);
    auto opened = cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::ExistingOnly);
    if (!opened)
        return 0;
    cp::ProjectStore &store = **opened;
    (void)store.projectName();
    if (auto tables = store.tables())
        for (const auto &t : *tables)
            (void)store.tableContent(t.id);
    (void)store.currentSpec();
    (void)store.runs();
    (void)store.backend().models();
    (void)store.backend().scoreRuns();
    return 0;
}
