// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// One row of a provider list: a value, its relative weight, and its key columns.
struct ProviderEntry {
    std::string value;
    double weight = 1.0;
    std::vector<std::string> keys;   ///< one per ProviderList::keyColumns
};

/// A list of values with relative frequencies, e.g. first names keyed by gender and origin.
/// File form: CSV with the header `value,weight[,key columns…]`; lines starting with '#' are
/// comments.
struct ProviderList {
    std::string name;
    std::string source;                    ///< the file it came from
    std::vector<std::string> keyColumns;
    std::vector<ProviderEntry> entries;
};

/// The provider lists a generator can draw from: the defaults shipped in resources/providers,
/// plus the analyst's own lists (a user list of the same name replaces the default).
class ProviderCatalog
{
public:
    /// resources/providers: $COUNTERPART_RESOURCES/providers when that is set, else the
    /// source tree's resources folder compiled in.
    static std::string defaultFolder();
    /// A catalog with the default lists loaded.
    static Result<ProviderCatalog> loadDefault();
    /// The default lists, then the analyst's lists from userFolder (when not empty), which
    /// replace defaults of the same name.
    static Result<ProviderCatalog> loadWithUserFolder(const std::string &userFolder);

    /// Adds every *.csv in dir (name = file stem), in name order.
    Status loadFolder(const std::string &dir);
    /// Adds (or replaces) one list from a CSV file.
    Status addFile(const std::string &name, const std::string &path);
    /// Adds (or replaces) one list from CSV text; errors name source, line and column.
    Status addCsv(const std::string &name, std::string_view data, const std::string &source);

    const ProviderList *find(std::string_view name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, ProviderList, std::less<>> m_lists;
};

} // namespace cp
