// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Storage at scale (issue 12, item 8): the hiring-screen generator spec with a third protected
// attribute (gender 2 x ethnicity 4 x disability 3 = 24 variants per family), generated into a
// project with `counterpart-cli generate --project` (the set streamed into the project:
// checked, hashed and stored in chunks as it is produced, in one transaction), then read back
// chunk by chunk. Prints time, rows/s, bytes and the peak RSS of the CLI and of this process.
// Target: 1,000,000 families (24,000,000 rows, about 4.6 GB of CSV) under 2 GB peak RSS.
//
//   bench_store [families] [project-file]

#include "benchsupport.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char **environ;

namespace {

/// The sample spec with a third protected attribute; its families are set on the command line.
std::string spec24()
{
    std::ifstream in(COUNTERPART_SOURCE_DIR "/sample_projects/hiring-screen/generator.json");
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::ordered_json spec = nlohmann::ordered_json::parse(text.str());
    spec["name"] = "hiring-screen-24";
    spec["protected"].push_back({{"name", "disability"},
                                 {"groups", {"none", "mobility", "visual"}},
                                 {"reference", "none"}});
    return spec.dump(2);
}

struct Child {
    int status = -1;
    double seconds = 0;
    double peakRssMb = 0;
};

/// Runs a program, waits for it and reads its own peak RSS (wait4).
Child run(const std::vector<std::string> &argv)
{
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    Child c;
    const auto t0 = cpbench::Clock::now();
    // The CLI's report goes to /dev/null; its warnings and errors still show.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return c;
    rusage usage{};
    int status = 0;
    if (wait4(pid, &status, 0, &usage) != pid)
        return c;
    c.seconds = cpbench::seconds(t0, cpbench::Clock::now());
    c.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    c.peakRssMb = double(usage.ru_maxrss) / 1024.0;
    return c;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t families = argc > 1 ? std::atoll(argv[1]) : 1000000;
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("bench_store_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string project = argc > 2 ? argv[2] : (dir / "hiring-24.counterpart").string();
    const std::string specPath = (dir / "generator-24.json").string();
    {
        std::ofstream out(specPath);
        out << spec24();
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        fs::remove(project + suffix);

    std::printf("generate --project: %lld families x 24 variants into %s\n",
                static_cast<long long>(families), project.c_str());
    const Child gen = run({COUNTERPART_CLI, "generate", "--spec", specPath, "--project", project,
                           "--families", std::to_string(families)});
    if (gen.status != 0) {
        std::fprintf(stderr, "counterpart-cli generate failed (status %d)\n", gen.status);
        return 2;
    }
    std::error_code ec;
    const auto fileBytes = fs::file_size(project, ec);

    auto store = cp::ProjectStore::open(project, cp::ProjectStore::OpenMode::ExistingQuick);
    if (!store)
        return cpbench::failed(store.error());
    auto set = cp::findProbeSet(**store, "hiring-screen-24");
    if (!set)
        return cpbench::failed(set.error());
    auto table = (*store)->findTable(std::to_string(set->tableId));
    if (!table)
        return cpbench::failed(table.error());
    const double rows = double(set->variants);
    constexpr auto Chunk = std::int64_t(cp::StoreOptions::DefaultChunkBytes);
    std::printf("  %lld rows (%lld families, %lld variants each), %.2f GB of canonical CSV in "
                "%lld chunks of at most %zu MiB; project file %.2f GB\n",
                static_cast<long long>(set->variants), static_cast<long long>(set->families),
                static_cast<long long>(set->families ? set->variants / set->families : 0),
                double(table->bytes) / 1e9,
                static_cast<long long>((table->bytes + Chunk - 1) / Chunk),
                cp::StoreOptions::DefaultChunkBytes >> 20, double(fileBytes) / 1e9);
    std::printf("  %.1f s, %.0f rows/s, %.0f MB/s; peak RSS of counterpart-cli %.0f MB "
                "(target < 2048)\n",
                gen.seconds, rows / gen.seconds, double(table->bytes) / 1e6 / gen.seconds,
                gen.peakRssMb);

    // Read it back as a streaming consumer does (an export): chunk by chunk, hash checked.
    const auto t0 = cpbench::Clock::now();
    std::int64_t bytes = 0, lines = 0;
    auto read = cp::visitProbeSetContent(**store, set->id, [&](std::string_view chunk) {
        bytes += std::int64_t(chunk.size());
        lines += std::count(chunk.begin(), chunk.end(), '\n');
        return cp::Status(cp::Ok{});
    });
    if (!read)
        return cpbench::failed(read.error());
    const double readSeconds = cpbench::seconds(t0, cpbench::Clock::now());
    std::printf("read back chunk by chunk (SHA-256 checked): %.1f s, %.0f rows/s, %.0f MB/s, "
                "%lld lines; peak RSS of this process %.0f MB\n",
                readSeconds, double(lines - 1) / readSeconds, double(bytes) / 1e6 / readSeconds,
                static_cast<long long>(lines), cpbench::peakRssMb());
    store->reset();
    if (argc <= 2)
        fs::remove_all(dir, ec);
    return 0;
}
