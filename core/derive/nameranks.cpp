// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "nameranks.h"

#include <core/common/text.h>
#include <core/generate/providercatalog.h>

#include <algorithm>
#include <map>

namespace cp {

namespace {

/// FNV-1a: a stable hash across platforms, unlike std::hash.
std::uint64_t stableHash(std::string_view s)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

} // namespace

void NameRanks::addList(const std::string &group, const std::string &subKey,
                        std::vector<std::string> namesByRank)
{
    List list{group, subKey, std::move(namesByRank), {}};
    for (std::size_t i = 0; i < list.names.size(); ++i)
        list.rank.emplace(text::asciiLower(list.names[i]), i);
    m_lists.push_back(std::move(list));
}

NameRanks NameRanks::fromProviderList(const ProviderList &list)
{
    std::map<std::pair<std::string, std::string>, std::vector<const ProviderEntry *>> byKey;
    for (const ProviderEntry &e : list.entries) {
        std::string group = e.keys.empty() ? std::string() : e.keys.front();
        std::string subKey;
        for (std::size_t i = 1; i < e.keys.size(); ++i)
            subKey += (i > 1 ? "/" : "") + e.keys[i];
        byKey[{group, subKey}].push_back(&e);
    }
    NameRanks ranks;
    for (auto &[key, entries] : byKey) {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const ProviderEntry *a, const ProviderEntry *b) {
                             return a->weight > b->weight;
                         });
        std::vector<std::string> names;
        for (const ProviderEntry *e : entries)
            names.push_back(e->value);
        ranks.addList(key.first, key.second, std::move(names));
    }
    return ranks;
}

std::optional<NameRanks::Swap> NameRanks::swap(std::string_view name, std::string_view fromGroup,
                                               std::string_view toGroup) const
{
    const std::string key = text::asciiLower(name);
    const List *source = nullptr;
    std::size_t rank = 0;
    for (const List &l : m_lists) {
        if (l.group != fromGroup)
            continue;
        if (const auto it = l.rank.find(key); it != l.rank.end()) {
            source = &l;
            rank = it->second;
            break;
        }
    }
    const List *target = nullptr;
    for (const List &l : m_lists)
        if (l.group == toGroup && (!source || l.subKey == source->subKey) && !l.names.empty()) {
            target = &l;
            break;
        }
    if (!target)
        return std::nullopt;
    double quantile;
    if (source) {
        quantile = (double(rank) + 0.5) / double(source->names.size());
    } else {
        quantile = double(stableHash(key) >> 11) * 0x1.0p-53;
    }
    const auto index = std::min(target->names.size() - 1,
                                std::size_t(quantile * double(target->names.size())));
    return Swap{target->names[index], source != nullptr};
}

} // namespace cp
