// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "generator.h"

#include "familywriter.h"
#include "generationplan.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace cp {

namespace {

Error cancelled()
{
    return Error{ErrorCode::Cancelled, {}, 0, {}, "generation cancelled"};
}

void buildReports(const GeneratorSpec &spec, const GenerationPlan &plan, const FamilyStats &st,
                  GeneratedSet &set)
{
    const std::size_t nv = plan.variants.size();
    GenerationBalance &b = set.balance;
    b.families = plan.families;
    b.variantsPerFamily = std::int64_t(nv);
    for (auto r : st.variantRows)
        b.rows += r;
    set.rows = b.rows;
    for (std::size_t a = 0; a < plan.attributes.size(); ++a) {
        const int reference = plan.variants[std::size_t(plan.referenceVariant)].groups[a];
        std::int64_t first = -1;
        for (std::size_t g = 0; g < plan.groups[a].size(); ++g) {
            std::int64_t rows = 0;
            for (std::size_t v = 0; v < nv; ++v)
                if (plan.variants[v].groups[a] == int(g))
                    rows += st.variantRows[v];
            b.groups.push_back({plan.attributes[a], plan.groups[a][g], rows});
            // Versus-reference designs repeat the reference group by design; compare the rest.
            if (spec.variants == VariantDesign::VersusReference && int(g) == reference)
                continue;
            if (first < 0)
                first = rows;
            else if (rows != first)
                b.groupsEqual = false;
        }
    }
    for (std::size_t v = 0; v < nv; ++v)
        b.intersections.push_back({plan.variants[v].label, st.variantRows[v]});
    const std::int64_t k = plan.strataCombinations;
    if (!plan.strataFields.empty()) {
        std::int64_t lo = -1, hi = 0;
        for (std::int64_t c = 0; c < k; ++c) {
            std::string label;
            std::int64_t rest = c;
            std::vector<int> value(plan.strataFields.size());
            for (std::size_t s = plan.strataFields.size(); s-- > 0;) {
                const auto &values = plan.fields[std::size_t(plan.strataFields[s])].list.values;
                value[s] = int(rest % std::int64_t(values.size()));
                rest /= std::int64_t(values.size());
            }
            for (std::size_t s = 0; s < value.size(); ++s)
                label += (s ? "/" : "")
                         + plan.fields[std::size_t(plan.strataFields[s])]
                               .list.values[std::size_t(value[s])];
            const std::int64_t families = st.strataVariantRows[std::size_t(c) * nv];
            b.strataFamilies.push_back({label, families});
            lo = lo < 0 ? families : std::min(lo, families);
            hi = std::max(hi, families);
        }
        b.strataEqual = hi - lo <= 1;
        for (std::size_t s = 0; s < plan.strataFields.size(); ++s) {
            const PlanField &f = plan.fields[std::size_t(plan.strataFields[s])];
            std::int64_t inner = 1;
            for (std::size_t t = s + 1; t < plan.strataFields.size(); ++t)
                inner *= std::int64_t(
                    plan.fields[std::size_t(plan.strataFields[t])].list.values.size());
            for (std::size_t value = 0; value < f.list.values.size(); ++value)
                for (std::size_t a = 0; a < plan.attributes.size(); ++a)
                    for (std::size_t g = 0; g < plan.groups[a].size(); ++g) {
                        std::int64_t rows = 0;
                        for (std::int64_t c = 0; c < k; ++c) {
                            if ((c / inner) % std::int64_t(f.list.values.size())
                                != std::int64_t(value))
                                continue;
                            for (std::size_t v = 0; v < nv; ++v)
                                if (plan.variants[v].groups[a] == int(g))
                                    rows += st.strataVariantRows[std::size_t(c) * nv + v];
                        }
                        b.strata.push_back({f.name, f.list.values[value], plan.attributes[a],
                                            plan.groups[a][g], rows});
                    }
        }
    }

    GenerationIntegrity &r = set.integrity;
    r.twinPairs = st.twinPairs;
    r.boundsInverted = st.boundsInverted;
    const auto &ref = plan.variants[std::size_t(plan.referenceVariant)];
    for (std::size_t l = 0; l < plan.linked.size(); ++l) {
        const PlanLinked &pl = plan.linked[l];
        GenerationIntegrity::Linked li;
        li.field = pl.name;
        li.unisexRemoved = pl.unisexRemoved;
        li.identicalTwins = st.identicalLinked[l];
        for (std::size_t v = 0; v < nv; ++v) {
            const auto &counts = st.rankPairs[l * nv + v];
            if (counts.empty())
                continue;
            const auto rho = spearmanFromCounts(
                counts, pl.lists[std::size_t(ref.linkedCombination[l])].values.size(),
                pl.lists[std::size_t(plan.variants[v].linkedCombination[l])].values.size());
            if (rho && (!li.spearman || *rho < *li.spearman))
                li.spearman = rho;
        }
        r.unisexRemoved += li.unisexRemoved;
        r.twinsIdenticalLinked += li.identicalTwins;
        if (li.spearman && (!r.spearman || *li.spearman < *r.spearman))
            r.spearman = li.spearman;
        r.linked.push_back(std::move(li));
    }
    if (r.boundsInverted > 0)
        set.warnings.push_back(std::to_string(r.boundsInverted)
                               + " int draw(s) had a field-based max below the min; took the min");
    if (r.unisexRemoved > 0)
        set.warnings.push_back(std::to_string(r.unisexRemoved)
                               + " value(s) shared by two groups' lists were removed from "
                                 "linked lists so that no twin keeps them");
}

/// Runs the blocks on worker threads and hands them to the sink in order. At most `window`
/// blocks are in flight, so memory stays bounded whatever the set's size.
Status runParallel(const GenerationPlan &plan, const GenerateOptions &options, int threads,
                   std::int64_t blocks, const ChunkSink &sink, const Progress &progress,
                   FamilyStats &stats)
{
    const std::int64_t window = 4 * threads;
    struct Slot {
        std::string data;
        bool ready = false;
    };
    std::vector<Slot> ring(static_cast<std::size_t>(window));
    std::mutex mutex;
    std::condition_variable changed;
    std::int64_t claimed = 0;
    std::int64_t written = 0;
    bool stop = false;
    std::vector<std::unique_ptr<FamilyWriter>> writers;
    for (int t = 0; t < threads; ++t)
        writers.push_back(std::make_unique<FamilyWriter>(plan, options.format));

    auto work = [&](FamilyWriter &writer) {
        std::string local;
        for (;;) {
            std::int64_t b;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || claimed >= blocks
                                                || claimed < written + window; });
                if (stop || claimed >= blocks)
                    return;
                b = claimed++;
            }
            local.clear();
            const std::int64_t end = std::min(plan.families, (b + 1) * options.blockFamilies);
            for (std::int64_t f = b * options.blockFamilies; f < end; ++f)
                writer.write(f, local);
            std::lock_guard lock(mutex);
            Slot &slot = ring[std::size_t(b % window)];
            slot.data.swap(local);
            slot.ready = true;
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work, std::ref(*writers[std::size_t(t)]));

    Status status = Ok{};
    std::string chunk;
    for (std::int64_t b = 0; b < blocks; ++b) {
        {
            std::unique_lock lock(mutex);
            Slot &slot = ring[std::size_t(b % window)];
            changed.wait(lock, [&] { return slot.ready; });
            chunk.swap(slot.data);
            slot.ready = false;
            written = b + 1;
            changed.notify_all();
        }
        status = sink(chunk);
        progress.report(std::min(plan.families, (b + 1) * options.blockFamilies), plan.families);
        if (status.ok() && progress.isCancelled())
            status = cancelled();
        if (!status.ok())
            break;
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
        changed.notify_all();
    }
    for (auto &t : pool)
        t.join();
    for (const auto &w : writers)
        stats.merge(w->stats());
    return status;
}

} // namespace

Result<GeneratedSet> generateTo(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                                const GenerateOptions &options, const ChunkSink &sink,
                                const Progress &progress)
{
    auto plan = compilePlan(spec, catalog);
    if (!plan)
        return plan.error();
    GeneratedSet set;
    set.columns = plan->columns;
    set.layout = plan->layout;
    set.warnings = plan->warnings;
    if (spec.power) {
        set.power = planPower(*spec.power);
        if (spec.families < set.power->families)
            set.warnings.push_back(
                std::to_string(spec.families) + " families give less than "
                + std::to_string(int(spec.power->power * 100 + 0.5)) + " % power to detect a gap of "
                + std::to_string(spec.power->gap).substr(0, 4) + "; the paired design needs "
                + std::to_string(set.power->families) + " (Connor 1987)");
    }
    GenerateOptions o = options;
    o.blockFamilies = std::max<std::int64_t>(1, o.blockFamilies);
    const std::int64_t blocks = (plan->families + o.blockFamilies - 1) / o.blockFamilies;
    int threads = o.threads > 0 ? o.threads
                                : int(std::max(1u, std::thread::hardware_concurrency()));
    threads = int(std::min<std::int64_t>(threads, std::max<std::int64_t>(1, blocks)));

    FamilyStats stats;
    stats.init(*plan);
    {
        FamilyWriter headerWriter(*plan, o.format);
        std::string header;
        headerWriter.header(header);
        if (!header.empty())
            if (auto s = sink(header); !s)
                return s.error();
    }
    if (threads == 1) {
        FamilyWriter writer(*plan, o.format);
        std::string chunk;
        for (std::int64_t b = 0; b < blocks; ++b) {
            if (progress.isCancelled())
                return cancelled();
            chunk.clear();
            const std::int64_t end = std::min(plan->families, (b + 1) * o.blockFamilies);
            for (std::int64_t f = b * o.blockFamilies; f < end; ++f)
                writer.write(f, chunk);
            if (auto s = sink(chunk); !s)
                return s.error();
            progress.report(end, plan->families);
        }
        stats.merge(writer.stats());
    } else if (auto s = runParallel(*plan, o, threads, blocks, sink, progress, stats); !s) {
        return s.error();
    }
    buildReports(spec, *plan, stats, set);
    return set;
}

Result<GeneratedSet> generate(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                              const GenerateOptions &options, const Progress &progress)
{
    std::string bytes;
    const std::int64_t blockFamilies = std::max<std::int64_t>(1, options.blockFamilies);
    // The first block is the second chunk for CSV (after the header), the first for JSON Lines.
    int chunksToFirstBlock = options.format == OutputFormat::Csv ? 1 : 0;
    const auto sink = [&](std::string_view chunk) -> Status {
        // Size the buffer once from the first block so that it is not regrown (and briefly
        // held twice) on the way to hundreds of megabytes.
        if (chunksToFirstBlock-- == 0) {
            const double perFamily = double(chunk.size())
                                     / double(std::min(blockFamilies, spec.families));
            bytes.reserve(bytes.size() + std::size_t(perFamily * double(spec.families) * 1.05));
        }
        bytes.append(chunk);
        return Ok{};
    };
    auto set = generateTo(spec, catalog, options, sink, progress);
    if (!set)
        return set.error();
    set->bytes = std::move(bytes);
    return set;
}

Result<std::string> generateFamily(const GeneratorSpec &spec, const ProviderCatalog &catalog,
                                   OutputFormat format, std::int64_t family)
{
    auto plan = compilePlan(spec, catalog);
    if (!plan)
        return plan.error();
    if (family < 0 || family >= plan->families)
        return Error{ErrorCode::Invalid, spec.source, 0, "family",
                     "no family " + std::to_string(family)};
    FamilyWriter writer(*plan, format);
    std::string out;
    writer.write(family, out);
    return out;
}

} // namespace cp
