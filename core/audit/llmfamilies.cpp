// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
// The family grouping and the least-similar heap the LLM passes share (llmaudit.cpp for
// replies and log-probabilities, embeddingaudit.cpp for embeddings).
#include "llmaudit.h"

#include <algorithm>

namespace cp::detail {

FamilyOrder familyOrder(const CategoricalColumn &family, std::size_t rows)
{
    FamilyOrder out;
    const std::size_t families = family.levels().size();
    out.offsets.assign(families + 1, 0);
    for (std::size_t r = 0; r < rows; ++r)
        if (family.code(r) != CategoricalColumn::Missing)
            ++out.offsets[family.code(r) + 1];
    for (std::size_t f = 0; f < families; ++f)
        out.offsets[f + 1] += out.offsets[f];
    out.order.resize(out.offsets.back());
    std::vector<std::uint32_t> next(out.offsets.begin(), out.offsets.end() - 1);
    for (std::size_t r = 0; r < rows; ++r)
        if (family.code(r) != CategoricalColumn::Missing)
            out.order[next[family.code(r)]++] = std::uint32_t(r);
    return out;
}

void keepSmallest(std::vector<std::pair<double, std::uint32_t>> &heap, double value,
                  std::uint32_t family, std::size_t keep)
{
    const auto worse = [](const auto &x, const auto &y) { return x < y; };
    if (heap.size() < keep) {
        heap.emplace_back(value, family);
        std::push_heap(heap.begin(), heap.end(), worse);
    } else if (!heap.empty() && value < heap.front().first) {
        std::pop_heap(heap.begin(), heap.end(), worse);
        heap.back() = {value, family};
        std::push_heap(heap.begin(), heap.end(), worse);
    }
}

} // namespace cp::detail
