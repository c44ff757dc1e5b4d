// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// bench_load [ROWS...] [--dir DIR] [--keep]
//
// Table loading at the speed of memory (issue 16). For each ROWS (default 1,000,000 and
// 10,000,000) a narrow CSV (y_true, y_pred, score and three protected attributes of 2, 4 and 3
// groups) is written to DIR (default the temp folder), then:
//  - `cat FILE > /dev/null` and `counterpart-cli audit --table FILE --spec S --json /dev/null`
//    as whole processes, best of three, with the audit's peak RSS;
//  - in process: readTableFile (memory map + SHA-256 + parse), readCsv from memory (parse
//    only, and with the scalar reference reader at 1e6 rows), in MB/s;
//  - the same rows as JSON Lines: readTableFile and the whole-process audit.
// Then a wide file (20 columns with quoted text, about 157 MB, five columns loaded).
// Prints the machine's load average before and after: other processes share the cores.
// Never fails on time.

#include "benchsupport.h"

#include <core/audit/auditspec.h>
#include <core/table/csvsimd.h>
#include <core/table/tablereader.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <string>
#include <vector>

using namespace cp;
using cpbench::Clock;
using cpbench::seconds;

namespace {

struct SplitMix {
    std::uint64_t s;
    std::uint64_t next()
    {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
};

const char *Sex[] = {"female", "male"};
const char *Ethnicity[] = {"asian", "black", "hispanic", "white"};
const char *Age[] = {"under_25", "25_45", "over_45"};

const char *NarrowSpec = R"({
  "name": "bench_load narrow",
  "protected": [
    {"name": "sex", "groups": ["female", "male"], "reference": "male"},
    {"name": "ethnicity", "groups": ["asian", "black", "hispanic", "white"], "reference": "white"},
    {"name": "age_band", "groups": ["under_25", "25_45", "over_45"]}
  ],
  "y_true": {"column": "y_true", "positive": ["1"], "negative": ["0"]},
  "prediction": {"column": "y_pred", "favourable": ["1"], "score": "score"}
})";

const char *WideSpec = R"({
  "name": "bench_load wide",
  "family": "family",
  "protected": [
    {"name": "gender", "groups": ["female", "male"], "reference": "male"},
    {"name": "ethnicity", "groups": ["white", "black", "hispanic", "asian"], "reference": "white"}
  ],
  "y_true": {"column": "y_true", "positive": ["1"], "negative": ["0"]},
  "prediction": {"score": "score", "threshold": 0.5}
})";

struct Row {
    int y, p, s, e, a;
    double score;
};

Row narrowRow(SplitMix &rng)
{
    const std::uint64_t x = rng.next();
    Row r;
    r.s = int(x & 1);
    r.e = int((x >> 1) & 3);
    r.a = int((x >> 3) % 3);
    r.score = std::min(1.0, rng.uniform() * 0.8 + 0.05 * r.s + 0.03 * r.e);
    r.y = rng.uniform() < 0.4 + 0.1 * r.s;
    r.p = r.score >= 0.5;
    return r;
}

bool writeNarrow(const std::string &path, std::int64_t rows, bool jsonl)
{
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return false;
    if (!jsonl)
        std::fputs("y_true,y_pred,score,sex,ethnicity,age_band\n", f);
    SplitMix rng{42};
    std::string buf;
    char line[256];
    for (std::int64_t i = 0; i < rows; ++i) {
        const Row r = narrowRow(rng);
        const int n = jsonl ? std::snprintf(line, sizeof line,
                                            "{\"y_true\": %d, \"y_pred\": %d, \"score\": %.4f, "
                                            "\"sex\": \"%s\", \"ethnicity\": \"%s\", "
                                            "\"age_band\": \"%s\"}\n",
                                            r.y, r.p, r.score, Sex[r.s], Ethnicity[r.e], Age[r.a])
                            : std::snprintf(line, sizeof line, "%d,%d,%.4f,%s,%s,%s\n", r.y, r.p,
                                            r.score, Sex[r.s], Ethnicity[r.e], Age[r.a]);
        buf.append(line, std::size_t(n));
        if (buf.size() > (1 << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    return std::fclose(f) == 0;
}

/// A probe-set export as a scorer hands it back: 20 columns, 8 variants per family, the
/// summary and two free-text columns quoted (commas, doubled quotes).
bool writeWide(const std::string &path, std::int64_t families)
{
    static const char *First[] = {"Madeline", "Tierra", "Lucia", "Mei", "Jake", "DeShawn",
                                  "Mateo", "Kenji"};
    static const char *Last[] = {"Thomas", "Garcia", "Nguyen", "Smith", "Okafor", "Kowalski"};
    static const char *Role[] = {"engineer", "analyst", "designer"};
    static const char *City[] = {"Minneapolis", "Austin", "Portland", "Raleigh", "Denver"};
    static const char *Gender[] = {"female", "male"};
    static const char *Eth[] = {"white", "black", "hispanic", "asian"};
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return false;
    std::fputs("family,variant,gender,ethnicity,first_name,pronoun,summary,applicant_id,"
               "last_name,role,age,years,salary,rating,start_date,city,note,model_output,score,"
               "y_true\n",
               f);
    SplitMix rng{9};
    std::string buf;
    char line[1024];
    for (std::int64_t fam = 1; fam <= families; ++fam) {
        const char *last = Last[rng.next() % 6];
        const char *role = Role[rng.next() % 3];
        const char *city = City[rng.next() % 5];
        const int age = 22 + int(rng.next() % 43), years = int(rng.next() % std::uint64_t(age - 17));
        const int salary = 40000 + int(rng.next() % 120000);
        const double rating = double(rng.next() % 51) / 10.0;
        const int month = 1 + int(rng.next() % 12), day = 1 + int(rng.next() % 28);
        const double base = rng.uniform();
        const int truth = rng.uniform() < 0.5;
        for (int g = 0; g < 2; ++g)
            for (int e = 0; e < 4; ++e) {
                const char *first = First[g * 4 + e];
                const char *pron = g ? "he" : "she";
                const double score = std::min(1.0, base + 0.03 * rng.uniform() * g);
                const int n = std::snprintf(
                    line, sizeof line,
                    "%lld,%s/%s,%s,%s,%s,%s,\"%s %s has %d years as %s, based in %s; %s "
                    "references are attached.\",A-%07lld,%s,%s,%d,%d,%d,%.1f,2019-%02d-%02d,%s,"
                    "\"Called \"\"%s\"\" by peers, %s\",\"ok, %s\",%.4f,%d\n",
                    static_cast<long long>(fam), Gender[g], Eth[e], Gender[g], Eth[e], first, pron,
                    first, last, years, role, city, g ? "his" : "her",
                    static_cast<long long>(fam), last, role, age, years, salary, rating, month,
                    day, city, first, role, pron, score, truth);
                buf.append(line, std::size_t(n));
            }
        if (buf.size() > (1 << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    return std::fclose(f) == 0;
}

struct Run {
    double seconds = 0;
    double rssMb = 0;
    int status = 0;
};

/// Runs argv with stdout and stderr to /dev/null; wall time and the child's peak RSS.
Run runProcess(const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage u{};
    wait4(pid, &status, 0, &u);
    Run r;
    r.seconds = seconds(t0, Clock::now());
    r.rssMb = double(u.ru_maxrss) / 1024.0;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

Run bestOf(int n, const std::vector<std::string> &args)
{
    Run best;
    best.seconds = 1e9;
    for (int i = 0; i < n; ++i) {
        const Run r = runProcess(args);
        if (r.seconds < best.seconds)
            best = r;
    }
    return best;
}

std::string loadAverage()
{
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

template<typename F>
double bestTime(int n, F &&f)
{
    double best = 1e9;
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        if (!f())
            return -1;
        best = std::min(best, seconds(t0, Clock::now()));
    }
    return best;
}

std::string fileBytes(const std::string &path)
{
    auto b = readFileBytes(path);
    return b ? std::move(*b) : std::string();
}

void line(const char *what, double mb, double s)
{
    if (s < 0)
        std::printf("  %-44s FAILED\n", what);
    else
        std::printf("  %-44s %7.3f s  %7.0f MB/s\n", what, s, mb / s);
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::int64_t> sizes;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "bench_load";
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
            dir = argv[++i];
        else if (!std::strcmp(argv[i], "--keep"))
            keep = true;
        else
            sizes.push_back(std::atoll(argv[i]));
    }
    if (sizes.empty())
        sizes = {1'000'000, 10'000'000};
    std::filesystem::create_directories(dir);
    const std::string narrowSpecPath = (dir / "narrow.json").string();
    const std::string wideSpecPath = (dir / "wide.json").string();
    std::ofstream(narrowSpecPath) << NarrowSpec;
    std::ofstream(wideSpecPath) << WideSpec;
    auto narrowSpec = parseAuditSpecText(NarrowSpec, "narrow spec");
    auto wideSpec = parseAuditSpecText(WideSpec, "wide spec");
    if (!narrowSpec || !wideSpec)
        return 2;
    const std::string cli = COUNTERPART_CLI;

    std::printf("bench_load: %u hardware threads, structural scan %s; load average %s\n",
                std::thread::hardware_concurrency(), simdLevelName(detectedSimdLevel()).c_str(),
                loadAverage().c_str());
    for (const std::int64_t rows : sizes) {
        for (const bool jsonl : {false, true}) {
            const std::string path =
                (dir / ("narrow_" + std::to_string(rows) + (jsonl ? ".jsonl" : ".csv"))).string();
            if (!std::filesystem::exists(path) && !writeNarrow(path, rows, jsonl)) {
                std::fprintf(stderr, "cannot write %s\n", path.c_str());
                return 2;
            }
            const double mb = double(std::filesystem::file_size(path)) / 1e6;
            std::printf("\n== %lld rows, narrow %s, %.1f MB\n", static_cast<long long>(rows),
                        jsonl ? "JSON Lines" : "CSV", mb);
            const Run cat = bestOf(3, {"/bin/cat", path});
            const Run audit = bestOf(3, {cli, "audit", "--table", path, "--spec", narrowSpecPath,
                                         "--json", "/dev/null"});
            std::printf("  cat FILE > /dev/null                         %7.3f s\n", cat.seconds);
            std::printf("  counterpart-cli audit --table (whole process) %6.3f s  peak RSS %.0f MB "
                        "(%.2f x file)%s\n",
                        audit.seconds, audit.rssMb, audit.rssMb / mb,
                        audit.status == 0 ? "" : "  [exit status not 0]");
            const auto format = jsonl ? TableFormat::JsonLines : TableFormat::Csv;
            line("readTableFile (map + SHA-256 + parse)", mb, bestTime(3, [&] {
                     return readTableFile(path, format, narrowSpec->columns()).ok();
                 }));
            const std::string bytes = fileBytes(path);
            if (jsonl) {
                line("readJsonLines from memory (parse only)", mb, bestTime(3, [&] {
                         return readJsonLines(bytes, path, narrowSpec->columns()).ok();
                     }));
            } else {
                line("readCsv from memory (parse only)", mb, bestTime(3, [&] {
                         return readCsv(bytes, path, narrowSpec->columns()).ok();
                     }));
                CsvReadOptions one;
                one.threads = 1;
                line("readCsv, one thread", mb, bestTime(1, [&] {
                         return readCsv(bytes, path, narrowSpec->columns(), one).ok();
                     }));
                if (rows <= 1'000'000) {
                    CsvReadOptions ref;
                    ref.scalarReference = true;
                    line("readCsv, scalar reference reader", mb, bestTime(1, [&] {
                             return readCsv(bytes, path, narrowSpec->columns(), ref).ok();
                         }));
                }
            }
            if (!keep)
                std::filesystem::remove(path);
        }
    }

    const std::string wide = (dir / "wide.csv").string();
    if (!std::filesystem::exists(wide) && !writeWide(wide, 78'000)) {
        std::fprintf(stderr, "cannot write %s\n", wide.c_str());
        return 2;
    }
    const double mb = double(std::filesystem::file_size(wide)) / 1e6;
    std::printf("\n== wide CSV: 20 columns with quoted text, 5 loaded, %.1f MB\n", mb);
    const Run cat = bestOf(3, {"/bin/cat", wide});
    const Run audit =
        bestOf(3, {cli, "audit", "--table", wide, "--spec", wideSpecPath, "--json", "/dev/null"});
    std::printf("  cat FILE > /dev/null                         %7.3f s\n", cat.seconds);
    std::printf("  counterpart-cli audit --table (whole process) %6.3f s  peak RSS %.0f MB%s\n",
                audit.seconds, audit.rssMb, audit.status == 0 ? "" : "  [exit status not 0]");
    line("readTableFile (map + SHA-256 + parse)", mb, bestTime(3, [&] {
             return readTableFile(wide, TableFormat::Csv, wideSpec->columns()).ok();
         }));
    const std::string bytes = fileBytes(wide);
    line("readCsv from memory (parse only)", mb, bestTime(3, [&] {
             return readCsv(bytes, wide, wideSpec->columns()).ok();
         }));
    if (!keep)
        std::filesystem::remove(wide);
    std::printf("\npeak RSS of bench_load: %.0f MB; load average %s\n", cpbench::peakRssMb(),
                loadAverage().c_str());
    return 0;
}
