// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
//
// A review packet imported into a project that holds the rows it is for: the project is made
// once (one table, PacketRows below, whose SHA-256 the seed packets name), every input is
// written to a file and imported into it.
#include "fuzzinput.h"

#include <core/review/packet.h>
#include <core/store/projectstore.h>

#include <memory>

namespace {

constexpr std::string_view PacketRows = "family,variant,group,text\n"
                                        "f1,a,m,hello\nf1,b,f,hello\nf2,a,m,x\nf2,b,f,y\n";

cp::ProjectStore *project()
{
    static std::unique_ptr<cp::ProjectStore> store = [] {
        auto opened = cp::ProjectStore::open((fuzz::scratch() / "packet.counterpart").string(),
                                             cp::ProjectStore::OpenMode::CreateIfMissing);
        if (!opened || !(*opened)->importTable("pairs", PacketRows, "csv"))
            std::abort();   // the harness cannot run: not a finding
        return std::move(*opened);
    }();
    return store.get();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    cp::ProjectStore *store = project();
    (void)cp::importPacketFile(*store, fuzz::writeInput("packet.json", data, size));
    return 0;
}
