// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/derive/lexicon.h>
#include <core/derive/nameranks.h>
#include <core/probeset/probesetlayout.h>
#include <core/table/tablereader.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cp {

/// A protected attribute of a real table whose rows become counterfactual families.
struct DeriveAttribute {
    std::string name;
    std::string column;
    std::vector<std::string> groups;            ///< every value the column may hold
    std::string lexicon;                        ///< name of the lexicon for free text, optional
    std::map<std::string, std::string> labels;  ///< table group → lexicon/name-list group
};

/// A name column swapped by frequency rank when its attribute's group changes.
struct DeriveNameColumn {
    std::string column;
    std::string attribute;
};

/// How to derive families from real rows (JSON; README "Counterfactuals from real rows").
struct DeriveSpec {
    std::string name;
    std::optional<std::string> idColumn;       ///< family id; default "row<line>"
    std::vector<DeriveAttribute> attributes;
    std::vector<std::string> textColumns;      ///< free text swapped with the lexicons
    std::vector<DeriveNameColumn> names;
    std::string nameProvider = "first_names";  ///< provider list the name ranks come from
};

Result<DeriveSpec> parseDeriveSpec(std::string_view text, const std::string &source);

/// A derived probe set in the layout of core/probeset/probesetlayout.h: the original row is one
/// variant, every other combination of groups is another. The CSV is canonical
/// (core/probeset/canonicalcsv.h), ready to freeze. Free text and names change; every
/// other column is copied byte for byte. A `review_flags` column lists each swap that needed the
/// ambiguity rule or a name not found in the lists, so reviewers can check it.
struct DerivedSet {
    std::string csv;
    ProbeSetLayout layout;
    std::int64_t families = 0;
    std::int64_t variants = 0;
    std::int64_t flaggedVariants = 0;
    std::int64_t unknownNames = 0;
};

Result<DerivedSet> deriveFamilies(std::string_view data, TableFormat format,
                                  const std::string &source, const DeriveSpec &spec,
                                  const std::map<std::string, Lexicon> &lexicons,
                                  const NameRanks &names, const Progress &progress = {});

} // namespace cp
