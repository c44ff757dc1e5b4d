// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// A scoring run read back for an audit or an export: the probe set's rows joined in memory
// with the run's results (loadScoredRun, scoredTable in scoringrun.h).

#include "scoringrun.h"

#include "runrows.h"

#include <core/common/phasetrace.h>
#include <core/probeset/canonicalcsv.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <future>
#include <thread>

namespace cp {

namespace {

using runrows::checkResultColumns;
using runrows::familyRanges;
using runrows::probeSetBytes;

int resultColumnIndex(std::string_view name)
{
    for (std::size_t c = 0; c < ResultColumnNames.size(); ++c)
        if (name == ResultColumnNames[c])
            return int(c);
    return name == EmbeddingColumnName ? int(EmbeddingResultColumn) : -1;
}

/// Which rows of the rows a scored table keeps, and which of them are isolated as unstable.
struct Selection {
    bool everyRow = true;
    std::vector<std::uint32_t> rows;       ///< the rows kept, unless everyRow
    std::vector<std::uint32_t> isolated;   ///< per kept row, k ≥ 1 when isolated; empty: none
    std::int64_t familiesExcluded = 0;
    std::int64_t familiesUnstable = 0;
};

/// includeUnscored false drops families with a variant lacking a score or a label, unless it
/// was refused: a refusal is an outcome, and the audit counts it.
/// isolateUnstable gives each variant of a family with an unstable variant its own family id
/// ("12~r2"), so that the audit cannot count it as a flip: a flip counts only where every
/// variant agrees with itself across repeats.
Selection keptRows(const CsvRows &rows, const RowResults &results, bool includeUnscored,
                     bool isolateUnstable)
{
    Selection s;
    if (includeUnscored)
        return s;
    // A complete, stable run (the usual case) keeps every row: no need to find its families.
    const std::uint8_t spoils = isolateUnstable ? RowResults::Unstable : 0;
    if (std::all_of(results.flags.begin(), results.flags.end(), [&](std::uint8_t f) {
            return (f & (RowResults::Usable | RowResults::Refused)) && !(f & spoils);
        }))
        return s;
    const auto ranges = familyRanges(rows);
    s.everyRow = false;
    s.rows.reserve(std::size_t(rows.rowCount()));
    std::string scratch;
    for (const auto &[begin, end] : ranges) {
        bool whole = true, stable = true;
        for (std::int64_t r = begin; r < end; ++r) {
            whole = whole && (results.usable(r) || results.isRefused(r));
            stable = stable && !results.isUnstable(r);
        }
        if (!whole) {
            ++s.familiesExcluded;
            continue;
        }
        const std::string_view first = rows.rowBytes(begin);
        const bool isolate = !stable && isolateUnstable && !first.empty() && first.front() != '"'
                             && first.find(',') != std::string_view::npos;
        if (isolate && s.familiesUnstable++ == 0)
            s.isolated.assign(s.rows.size(), 0);  // from here on, every kept row has its k
        for (std::int64_t r = begin; r < end; ++r) {
            s.rows.push_back(std::uint32_t(r));
            if (s.familiesUnstable > 0)
                s.isolated.push_back(isolate ? std::uint32_t(r - begin + 1) : 0);
        }
    }
    return s;
}

/// A run's stored results, aggregated per row: read on a connection of its own by a second
/// thread from construction on, or on the caller's connection when that cannot be (the project
/// is not a file another connection can open) or went wrong.
class ScoreReader
{
public:
    ScoreReader(ProjectStore &store, std::int64_t runId, std::int64_t rows, OutcomeRule rule,
                bool withOutputs)
        : m_runId(runId), m_rows(rows), m_rule(std::move(rule)), m_withOutputs(withOutputs)
    {
        std::error_code ec;
        if (rows <= 0 || !std::filesystem::is_regular_file(store.path(), ec))
            return;
        auto other = ProjectStore::open(store.path(), ProjectStore::OpenMode::ExistingQuick);
        if (!other)
            return;
        m_thread = std::thread([this, own = std::move(*other)] { m_read = read(*own, m_rows); });
    }
    ~ScoreReader()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    /// The results for `rows` rows (the count the rows turned out to have).
    Result<std::shared_ptr<const RowResults>> finish(ProjectStore &store, std::int64_t rows)
    {
        if (m_thread.joinable())
            m_thread.join();
        if (m_read && m_read->ok() && rows == m_rows)
            return std::move(*m_read);
        return read(store, rows);
    }

private:
    Result<std::shared_ptr<const RowResults>> read(ProjectStore &store, std::int64_t rows) const
    {
        ResultAggregator aggregator(rows, true, m_rule);
        if (auto s = forEachScoreOutcome(
                store, m_runId, [&](const ScoreOutcome &x) { aggregator.add(x); }, m_withOutputs);
            !s)
            return s.error();
        return std::make_shared<const RowResults>(aggregator.finish());
    }

    std::int64_t m_runId;
    std::int64_t m_rows;
    OutcomeRule m_rule;
    bool m_withOutputs = false;
    std::optional<Result<std::shared_ptr<const RowResults>>> m_read;
    std::thread m_thread;
};

/// The columns an audit asked for, split: the rows' own (parsed from their bytes) and the result
/// columns (filled from the results), each once.
struct ColumnPlan {
    std::vector<ColumnRequest> own;
    std::vector<ColumnRequest> computed;
};

Result<ColumnPlan> planColumns(const std::vector<ColumnRequest> &columns, const std::string &source)
{
    ColumnPlan plan;
    for (const ColumnRequest &c : columns) {
        if (resultColumnIndex(c.name) < 0) {
            plan.own.push_back(c);
            continue;
        }
        const auto same = std::find_if(plan.computed.begin(), plan.computed.end(),
                                       [&](const ColumnRequest &x) { return x.name == c.name; });
        if (same == plan.computed.end())
            plan.computed.push_back(c);
        else if (same->kind != c.kind)
            return Error{ErrorCode::Schema, source, 0, c.name,
                         "column is used both as text and as a number"};
    }
    return plan;
}

/// The rows' own columns, parsed once from their bytes (only the ones asked for).
Result<Table> ownColumns(const CsvRows &rows, const ColumnPlan &plan, const std::string &source,
                         const Progress &progress)
{
    if (plan.own.empty()) {
        Table table;
        table.source = source;
        table.rowCount = rows.rowCount();
        return table;
    }
    return readCsv(rows.bytes(), source, plan.own, progress);
}

/// The columnar table an audit reads, without a CSV round trip: the rows' own columns (parsed
/// once), the rows kept selected, the isolated families renamed, and the result columns filled
/// from the results with the values their CSV text would parse to.
Result<Table> scoredColumns(Table table, const ScoredRows &scored, const ColumnPlan &plan)
{
    const CsvRows &rows = scored.sourceRows();
    const RowResults &results = scored.results();
    const std::vector<ColumnRequest> &computed = plan.computed;
    const std::int64_t n = scored.rowCount();
    if (scored.selects()) {
        std::vector<std::int64_t> keep(static_cast<std::size_t>(n));
        for (std::int64_t r = 0; r < n; ++r)
            keep[std::size_t(r)] = scored.sourceRow(r);
        table = cp::selectRows(table, keep);
        // An isolated family's rows each get a family id of their own.
        if (const int first = table.indexOf(rows.columns().front());
            first >= 0 && table.kinds[std::size_t(first)] == ColumnKind::Categorical) {
            CategoricalColumn &from = table.categorical[table.slot[std::size_t(first)]];
            CategoricalColumn renamed;
            renamed.reserve(std::size_t(n));
            std::string id;
            for (std::int64_t r = 0; r < n; ++r) {
                const std::uint32_t code = from.code(std::size_t(r));
                if (code == CategoricalColumn::Missing) {
                    renamed.appendMissing();
                    continue;
                }
                const std::uint32_t k = scored.isolation(r);
                if (k == 0) {
                    renamed.append(from.levels()[code], r);
                    continue;
                }
                id = from.levels()[code];
                id += "~r" + std::to_string(k);
                renamed.append(id, r);
            }
            from = std::move(renamed);
        }
        // Lines are those of the scored table's CSV: the rows kept, one after another.
        std::string header;
        for (std::size_t c = 0; c < scored.columns().size(); ++c) {
            if (c)
                header += ',';
            appendCanonicalCsvField(header, scored.columns()[c]);
        }
        std::int64_t line = 2 + std::int64_t(std::count(header.begin(), header.end(), '\n'));
        bool consecutive = line == 2;
        std::vector<std::int64_t> lines(static_cast<std::size_t>(n));
        for (std::int64_t r = 0; r < n; ++r) {
            lines[std::size_t(r)] = line;
            const std::string_view bytes = rows.rowBytes(scored.sourceRow(r));
            const auto breaks = std::int64_t(std::count(bytes.begin(), bytes.end(), '\n'));
            consecutive = consecutive && breaks == 0;
            line += 1 + breaks;
        }
        table.setFirstDataLine(2);
        table.setRowLines(consecutive ? std::vector<std::int64_t>() : std::move(lines));
    }

    std::string scratch;
    for (const ColumnRequest &c : computed) {
        const auto which = std::size_t(resultColumnIndex(c.name));
        if (c.kind == ColumnKind::Categorical) {
            CategoricalColumn column;
            column.reserve(std::size_t(n));
            for (std::int64_t r = 0; r < n; ++r)
                column.append(results.text(which, scored.sourceRow(r), scratch), r);
            table.addCategorical(c.name, std::move(column));
            continue;
        }
        NumericColumn column;
        column.values.resize(std::size_t(n));
        for (std::int64_t r = 0; r < n; ++r) {
            const std::int64_t from = scored.sourceRow(r);
            double v = std::numeric_limits<double>::quiet_NaN();
            if (which == 0) {
                v = results.score[std::size_t(from)];  // %.17g text parses back to it
                if (!std::isnan(v) && !std::isfinite(v))
                    return Error{ErrorCode::Schema, table.source, table.lineOfRow(r), c.name,
                                 "expected a number, found '"
                                     + std::string(results.text(which, from, scratch)) + "'"};
            } else if (const std::string_view text = results.text(which, from, scratch);
                       !text.empty() && !parseNumber(text, v)) {
                return Error{ErrorCode::Schema, table.source, table.lineOfRow(r), c.name,
                             "expected a number, found '" + std::string(text) + "'"};
            }
            if (std::isnan(v) && column.firstMissingRow < 0)
                column.firstMissingRow = r;
            column.values[std::size_t(r)] = v;
        }
        table.names.push_back(c.name);
        table.kinds.push_back(ColumnKind::Numeric);
        table.slot.push_back(table.numeric.size());
        table.numeric.push_back(std::move(column));
    }
    return table;
}

} // namespace

Result<ScoredRun> loadScoredRun(ProjectStore &store, std::int64_t runId,
                                const std::vector<ColumnRequest> &columns,
                                const std::string &source, bool includeUnscored,
                                bool isolateUnstable, OutcomeRule rule,
                                const Progress &progress, bool hashRows)
{
    ScoredRun out;
    auto run = findScoreRun(store, runId);
    if (!run)
        return run.error();
    out.run = *run;
    auto set = findProbeSet(store, std::to_string(run->probeSetId));
    if (!set)
        return set.error();
    out.probeSet = *set;
    const std::string setName = "probe set '" + set->name + "'";
    auto plan = planColumns(columns, source);
    if (!plan)
        return plan.error();

    // The results stream in on a connection of their own while this thread reads and parses
    // the rows: neither waits for the other, and on two cores the slower one sets the pace.
    const bool withOutputs = std::any_of(columns.begin(), columns.end(), [](const ColumnRequest &c) {
        return c.name == "logprob" || c.name == "reply" || c.name == EmbeddingColumnName;
    });
    rule.repeats = run->repeats;
    ScoreReader scores(store, runId, set->variants, std::move(rule), withOutputs);

    trace::phase("store: probe set rows");
    auto content = probeSetBytes(store, *set, progress.phase(0, 70));
    if (!content)
        return content.error();
    trace::phase("row index");
    auto indexed = CsvRows::index(std::move(*content), setName);
    if (!indexed)
        return indexed.error();
    std::shared_ptr<const CsvRows> rows = std::move(*indexed);
    if (auto s = checkResultColumns(*rows, setName); !s)
        return s.error();
    progress.report(100, 1000);

    // The rows meet their results on a thread of their own while this one parses the columns;
    // that thread then hashes the scored rows if asked (the hash no longer waits for the
    // parse). It uses `scores` and `store` only until `joined` is ready, which every way out
    // of this function waits for.
    struct Joined {
        std::shared_ptr<const RowResults> results;
        std::int64_t familiesExcluded = 0, familiesUnstable = 0;
        std::shared_ptr<const ScoredRows> rows;
    };
    std::promise<Result<Joined>> joinedPromise;
    std::future<Result<Joined>> joined = joinedPromise.get_future();
    std::shared_future<std::string> hashed =
        std::async(std::launch::async, [&, rows, hashRows]() -> std::string {
            std::shared_ptr<const ScoredRows> scoredRows;
            try {
                auto results = scores.finish(store, rows->rowCount());
                if (!results) {
                    joinedPromise.set_value(results.error());
                    return {};
                }
                Joined j;
                j.results = *results;
                Selection selection = keptRows(*rows, **results, includeUnscored, isolateUnstable);
                j.familiesExcluded = selection.familiesExcluded;
                j.familiesUnstable = selection.familiesUnstable;
                j.rows = selection.everyRow
                             ? std::make_shared<const ScoredRows>(rows, *results)
                             : std::make_shared<const ScoredRows>(rows, *results,
                                                                  std::move(selection.rows),
                                                                  std::move(selection.isolated));
                scoredRows = j.rows;
                joinedPromise.set_value(std::move(j));
            } catch (...) {
                joinedPromise.set_exception(std::current_exception());
                return {};
            }
            return hashRows ? scoredRows->sha256() : std::string();
        }).share();
    struct WaitForJoined {
        std::future<Result<Joined>> &f;
        ~WaitForJoined()
        {
            if (f.valid())
                f.wait();
        }
    } waitForJoined{joined};

    std::optional<Table> own;
    if (!columns.empty()) {
        trace::phase("parse");
        auto parsed = ownColumns(*rows, *plan, source, progress.phase(100, 900));
        if (!parsed)
            return parsed.error();
        own = std::move(*parsed);
    }

    trace::phase("store: scores (wait)");
    auto together = joined.get();
    if (!together)
        return together.error();
    trace::phase("join");
    out.unscored = together->results->unscored;
    out.refused = together->results->refused;
    out.unstableVariants = together->results->unstable;
    out.familiesExcluded = together->familiesExcluded;
    out.familiesUnstable = together->familiesUnstable;
    out.rows = std::move(together->rows);
    if (hashRows)
        out.sha256 = hashed;
    if (!own || out.rows->rowCount() == 0) {
        out.table.source = source;
        out.table.rowCount = out.rows->rowCount();
        return out;
    }
    auto table = scoredColumns(std::move(*own), *out.rows, *plan);
    if (!table)
        return table.error();
    out.table = std::move(*table);
    progress.report(1000, 1000);
    return out;
}

Result<ScoredTable> scoredTable(ProjectStore &store, std::int64_t runId, bool includeUnscored,
                                bool isolateUnstable, std::optional<double> threshold)
{
    // An export has the replies and log-probabilities too.
    auto scored = loadScoredRun(store, runId, {{"logprob", ColumnKind::Numeric}},
                                "scoring run " + std::to_string(runId), includeUnscored,
                                isolateUnstable, OutcomeRule{threshold, {}, 1});
    if (!scored)
        return scored.error();
    ScoredTable t;
    t.csv = scored->rows->csv();
    t.rows = scored->rows->rowCount();
    t.unscored = scored->unscored;
    t.refused = scored->refused;
    t.familiesExcluded = scored->familiesExcluded;
    t.unstableVariants = scored->unstableVariants;
    t.familiesUnstable = scored->familiesUnstable;
    return t;
}

} // namespace cp
