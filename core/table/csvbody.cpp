// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "csvbody.h"

// The body is cut into chunks. Three kinds of task run on a small pool (the calling thread is
// one worker): the SHA-256 of the bytes, a chain that must run in order; the pre-scan, another
// chain, which counts quotes and line feeds per chunk so that each chunk's quote state and first
// line are known before it is parsed; and the chunk parses, in any order. Parsed chunks are
// appended to the table in order (so levels keep their first-appearance order), and the bytes
// behind both the hash and the parses are released.

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace cp::csvdetail {

namespace {

struct Chunk {
    std::size_t begin = 0, end = 0;  ///< byte range of data it owns (records starting there)
    bool inQuote = false;
    std::int64_t line = 0;
    std::uint64_t quotes = 0, newlines = 0;
    bool parsed = false;
    ChunkOut out;
};

class BodyReader
{
public:
    BodyReader(const BodyRequest &r, Table &t) : m_r(r), m_table(t) {}
    BodyStatus run();

private:
    enum class Task { None, Hash, Prescan, Parse, Commit, Exit };
    void work(bool caller);
    Task pick(std::size_t &index);
    void commitChunk(Chunk &c);
    void releaseDone();

    const BodyRequest &m_r;
    Table &m_table;
    std::vector<Chunk> m_chunks;
    ChunkParser m_parse = nullptr;
    Prescanner m_prescan = nullptr;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::size_t m_nextHash = 0, m_nextPrescan = 0, m_nextParse = 0, m_nextCommit = 0;
    bool m_hashBusy = false, m_prescanBusy = false, m_committing = false;
    std::atomic<bool> m_abort{false};
    bool m_fallback = false, m_cancelled = false;
    std::size_t m_released = 0;      ///< bytes of data released so far (page-aligned)
    std::size_t m_committedBytes = 0;

    // Merge state (touched by the one committing thread).
    bool m_gap = false;
    std::vector<std::int64_t> m_rowLines;
    std::uint64_t m_totalNewlines = 0;
    std::vector<std::uint32_t> m_remap;
    std::vector<ChunkOut> m_pool;  ///< buffers of committed chunks, for the next ones
};

BodyStatus BodyReader::run()
{
    const std::size_t size = m_r.data.size();
    const std::size_t body = size - m_r.bodyStart;
    const SimdLevel level = m_r.options.level && simdLevelSupported(*m_r.options.level)
                                ? *m_r.options.level
                                : detectedSimdLevel();
    m_parse = chunkParser(level);
    m_prescan = prescanner(level);

    int threads = m_r.options.threads;
    if (threads <= 0) {
        threads = int(std::min(16u, std::max(1u, std::thread::hardware_concurrency())));
        if (size < (std::size_t(1) << 20))
            threads = 1;
    }
    std::size_t chunk = m_r.options.chunkBytes;
    if (chunk == 0)
        chunk = std::clamp<std::size_t>(body / (std::size_t(threads) * 16), std::size_t(1) << 18,
                                        std::size_t(4) << 20);
    const std::size_t count = std::max<std::size_t>(1, (body + chunk - 1) / chunk);
    m_chunks.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
        m_chunks[k].begin = m_r.bodyStart + k * chunk;
        m_chunks[k].end = std::min(size, m_r.bodyStart + (k + 1) * chunk);
    }
    m_chunks.back().end = size;
    m_chunks[0].line = m_r.firstDataLine;

    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back([this] { work(false); });
    work(true);
    for (auto &t : pool)
        t.join();
    if (m_cancelled)
        return BodyStatus::Cancelled;
    if (m_fallback)
        return BodyStatus::Fallback;
    if (m_gap)
        m_table.setRowLines(std::move(m_rowLines));
    if (m_r.hashed)
        *m_r.hashed = m_r.hash != nullptr;
    return BodyStatus::Ok;
}

/// Called with the mutex held: the next task for a worker, by priority (the two chains first:
/// they are what the parses wait for, and the hash is the longest single chain).
BodyReader::Task BodyReader::pick(std::size_t &index)
{
    const std::size_t n = m_chunks.size();
    if (m_abort.load())
        return Task::Exit;
    if (m_r.hash && !m_hashBusy && m_nextHash < n) {
        m_hashBusy = true;
        index = m_nextHash;
        return Task::Hash;
    }
    if (!m_prescanBusy && m_nextPrescan < n) {
        m_prescanBusy = true;
        index = m_nextPrescan;
        return Task::Prescan;
    }
    if (!m_committing && m_nextPrescan == n && m_nextCommit < n && m_chunks[m_nextCommit].parsed) {
        m_committing = true;
        return Task::Commit;
    }
    // A chunk's quote state is known once every chunk before it is pre-scanned, and its own
    // pre-scan bounds its row count.
    if (m_nextParse < n && m_nextParse < m_nextPrescan) {
        index = m_nextParse++;
        return Task::Parse;
    }
    if (m_nextCommit == n && (!m_r.hash || m_nextHash == n))
        return Task::Exit;
    return Task::None;
}

void BodyReader::work(bool caller)
{
    const std::string_view data = m_r.data;
    std::unique_lock lock(m_mutex);
    for (;;) {
        std::size_t k = 0;
        const Task task = pick(k);
        if (task == Task::Exit)
            break;
        if (task == Task::None) {
            m_cv.wait(lock);
            continue;
        }
        lock.unlock();
        switch (task) {
        case Task::Hash: {
            const std::size_t from = k == 0 ? 0 : m_chunks[k].begin;
            m_r.hash->update(data.substr(from, m_chunks[k].end - from));
            break;
        }
        case Task::Prescan: {
            Chunk &c = m_chunks[k];
            m_prescan(data.data() + c.begin, c.end - c.begin, c.quotes, c.newlines);
            break;
        }
        case Task::Parse: {
            Chunk &c = m_chunks[k];
            ChunkJob job;
            job.data = data.data();
            job.end = data.data() + data.size();
            job.begin = data.data() + c.begin;
            job.limit = data.data() + c.end;
            job.first = k == 0;
            job.inQuote = c.inQuote;
            job.line = c.line;
            job.actions = &m_r.actions;
            job.categoricalCount = m_table.categorical.size();
            job.numericCount = m_table.numeric.size();
            job.abort = &m_abort;
            job.maxRows = std::size_t(c.newlines) + 2;
            {
                std::lock_guard g(m_mutex);
                if (!m_pool.empty()) {
                    c.out = std::move(m_pool.back());
                    m_pool.pop_back();
                }
            }
            m_parse(job, c.out);
            break;
        }
        case Task::Commit: {
            for (;;) {
                Chunk *c = nullptr;
                {
                    std::lock_guard g(m_mutex);
                    if (m_nextCommit < m_chunks.size() && m_chunks[m_nextCommit].parsed
                        && !m_abort.load())
                        c = &m_chunks[m_nextCommit];
                }
                if (!c)
                    break;
                commitChunk(*c);
                std::lock_guard g(m_mutex);
                m_pool.push_back(std::move(c->out));
                c->out = ChunkOut{};
                m_committedBytes = c->end;
                ++m_nextCommit;
                releaseDone();
            }
            break;
        }
        default: break;
        }
        lock.lock();
        switch (task) {
        case Task::Hash:
            m_hashBusy = false;
            ++m_nextHash;
            releaseDone();
            break;
        case Task::Prescan: {
            Chunk &c = m_chunks[k];
            m_prescanBusy = false;
            ++m_nextPrescan;
            m_totalNewlines += c.newlines;
            if (k + 1 < m_chunks.size()) {
                Chunk &next = m_chunks[k + 1];
                next.inQuote = c.inQuote != bool(c.quotes & 1);
                next.line = c.line + std::int64_t(c.newlines);
            }
            break;
        }
        case Task::Parse: {
            Chunk &c = m_chunks[k];
            c.parsed = true;
            if (c.out.status != ChunkOut::Status::Ok) {
                m_fallback = m_fallback || c.out.status == ChunkOut::Status::Fallback;
                m_abort = true;
            }
            break;
        }
        case Task::Commit: m_committing = false; break;
        default: break;
        }
        m_cv.notify_all();
        if (caller) {
            const std::int64_t done = std::int64_t(m_committedBytes);
            lock.unlock();
            if (m_r.progress.isCancelled()) {
                lock.lock();
                m_cancelled = true;
                m_abort = true;
                m_cv.notify_all();
                continue;
            }
            m_r.progress.report(done, std::int64_t(m_r.data.size()));
            lock.lock();
        }
    }
    m_cv.notify_all();
}

/// Mutex held: drops the bytes both the hash and the committed parses are past.
void BodyReader::releaseDone()
{
    if (!m_r.release)
        return;
    std::size_t upTo = m_nextCommit == 0 ? 0 : m_chunks[m_nextCommit - 1].end;
    if (m_r.hash)
        upTo = std::min(upTo, m_nextHash == 0 ? std::size_t(0) : m_chunks[m_nextHash - 1].end);
    static const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
    upTo = upTo / page * page;
    if (upTo > m_released) {
        m_r.release(m_released, upTo - m_released);
        m_released = upTo;
    }
}

void BodyReader::commitChunk(Chunk &c)
{
    ChunkOut &out = c.out;
    Table &t = m_table;
    const std::int64_t offset = t.rowCount;
    if (offset == 0) {
        const std::size_t reserve = std::size_t(m_totalNewlines) + 1;
        for (auto &col : t.categorical)
            col.reserve(reserve);
        for (auto &col : t.numeric)
            col.values.reserve(reserve);
    }
    if (out.rows > 0) {
        if (!m_gap && (out.gap || out.firstRecordLine != m_r.firstDataLine + offset)) {
            m_gap = true;
            m_rowLines.reserve(std::size_t(m_totalNewlines) + 1);
            for (std::int64_t r = 0; r < offset; ++r)
                m_rowLines.push_back(m_r.firstDataLine + r);
        }
        if (m_gap) {
            if (out.gap)
                m_rowLines.insert(m_rowLines.end(), out.lines.begin(), out.lines.end());
            else
                for (std::int64_t r = 0; r < out.rows; ++r)
                    m_rowLines.push_back(out.firstRecordLine + r);
        }
    }
    const auto rows = std::size_t(out.rows);
    for (std::size_t s = 0; s < t.categorical.size(); ++s) {
        CategoricalColumn &col = t.categorical[s];
        const LocalDict &d = out.dicts[s];
        m_remap.resize(d.levels.size());
        bool identity = true;
        for (std::size_t i = 0; i < d.levels.size(); ++i) {
            m_remap[i] = col.addLevel(d.levels[i], offset + d.firstRows[i]);
            identity = identity && m_remap[i] == i;
        }
        std::uint32_t *codes = out.codes[s].data.get();
        if (!identity)
            for (std::size_t i = 0; i < rows; ++i)
                if (codes[i] != CategoricalColumn::Missing)
                    codes[i] = m_remap[codes[i]];
        col.appendCodes(codes, rows);
    }
    for (std::size_t s = 0; s < t.numeric.size(); ++s) {
        NumericColumn &col = t.numeric[s];
        if (col.firstMissingRow < 0 && out.firstMissing[s] >= 0)
            col.firstMissingRow = offset + out.firstMissing[s];
        const double *v = out.values[s].data.get();
        col.values.insert(col.values.end(), v, v + rows);
    }
    t.rowCount = offset + out.rows;
}

} // namespace

std::atomic<long> g_fallbacks{0};

BodyStatus readBody(const BodyRequest &request, Table &table)
{
    if (request.hashed)
        *request.hashed = false;
    BodyReader reader(request, table);
    const BodyStatus status = reader.run();
    if (status == BodyStatus::Fallback)
        ++g_fallbacks;
    return status;
}

long fallbackCount()
{
    return g_fallbacks.load();
}

} // namespace cp::csvdetail
