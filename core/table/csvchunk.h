// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the CSV reader (csvreader.cpp): one chunk of a CSV body parsed with a vectorised
// structural scan, and the pre-scan that finds each chunk's quote state. See csvchunk.cpp.

#include <core/table/csvsimd.h>

#include <atomic>
#include <memory>
#include <cstdint>
#include <string>
#include <vector>

namespace cp::csvdetail {

/// What to do with field i of a record.
struct FieldAction {
    enum Kind : std::uint8_t { Skip, Categorical, Numeric } kind = Skip;
    std::uint32_t slot = 0;  ///< index into the chunk's codes / values
};

/// A chunk's own dictionary of a categorical column, in first-appearance order. A level is
/// known by two words: its first 8 bytes, and its length with its next 7 bytes (so levels of
/// up to 15 bytes compare without memcmp).
struct LocalDict {
    std::vector<std::string> levels;
    std::vector<std::int64_t> firstRows;
    std::vector<std::uint64_t> key0, key1;
    std::vector<std::uint32_t> table;  ///< open addressing: code + 1, 0 empty (> 16 levels)
    std::uint32_t last = UINT32_MAX;

    std::uint32_t add(const char *p, std::size_t n, std::uint64_t k0, std::uint64_t k1,
                      std::int64_t row);
    void rehash();
    void clear();
    static std::size_t hash(std::uint64_t k0, std::uint64_t k1)
    {
        return std::size_t(((k0 * 0x9E3779B97F4A7C15ULL) ^ k1) * 0xBF58476D1CE4E5B9ULL >> 24);
    }
};

/// An uninitialised array that keeps its storage between chunks.
template<typename T>
struct RawBuffer {
    std::unique_ptr<T[]> data;
    std::size_t capacity = 0;
    void ensure(std::size_t n)
    {
        if (n > capacity) {
            data.reset(new T[n]);
            capacity = n;
        }
    }
};

struct ChunkJob {
    const char *data = nullptr;    ///< the whole input
    const char *end = nullptr;     ///< end of the input
    const char *begin = nullptr;   ///< this chunk's first byte
    const char *limit = nullptr;   ///< the chunk owns the records that start before this
    bool first = false;            ///< a record starts at begin (the first chunk)
    bool inQuote = false;          ///< quote state at begin
    std::int64_t line = 0;         ///< 1-based line of the byte at begin
    std::size_t maxRows = 0;       ///< at most this many records start in the chunk
    const std::vector<FieldAction> *actions = nullptr;  ///< one per header field
    std::size_t categoricalCount = 0, numericCount = 0;
    const std::atomic<bool> *abort = nullptr;
};

struct ChunkOut {
    enum class Status { Ok, Fallback, Aborted } status = Status::Ok;
    std::int64_t rows = 0;
    std::int64_t firstRecordLine = 0;  ///< line of the first record (when rows > 0)
    bool gap = false;                  ///< rows do not sit on consecutive lines (lines holds them)
    std::vector<std::int64_t> lines;
    std::vector<RawBuffer<std::uint32_t>> codes;  ///< per categorical slot, local codes
    std::vector<LocalDict> dicts;
    std::vector<RawBuffer<double>> values;        ///< per numeric slot
    std::vector<std::int64_t> firstMissing;         ///< per numeric slot, local row or -1
};

/// Parses the records that start in [job.begin, job.limit).
using ChunkParser = void (*)(const ChunkJob &job, ChunkOut &out);
/// Counts quotes and line feeds in [p, p + n).
using Prescanner = void (*)(const char *p, std::size_t n, std::uint64_t &quotes,
                            std::uint64_t &newlines);

ChunkParser chunkParser(SimdLevel level);
Prescanner prescanner(SimdLevel level);

/// The number parser every path uses: spaces and tabs around, a leading '+', then what
/// std::from_chars reads, finite. Plain decimals take an exact shortcut with the same result.
bool parseNumber(const char *p, std::size_t n, double &out);

} // namespace cp::csvdetail
