// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Helper for tst_reviews' crash test: a reviewer who labels family after family of a table,
// each label saved as the GUI saves it (saveReviewLabel, one transaction), until killed.
// Prints "ready" first and "saved N" after each committed label.
//
//   reviewcrasher PROJECT TABLE_ID FAMILY_PREFIX COUNT

#include <core/review/reviewstore.h>
#include <core/store/projectstore.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: reviewcrasher PROJECT TABLE_ID FAMILY_PREFIX COUNT\n");
        return 2;
    }
    auto store = cp::ProjectStore::open(argv[1], cp::ProjectStore::OpenMode::ExistingOnly);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().toString().c_str());
        return 1;
    }
    const std::int64_t table = std::atoll(argv[2]);
    const int count = std::atoi(argv[4]);
    std::printf("ready\n");
    std::fflush(stdout);
    for (int i = 0; i < count; ++i) {
        cp::ReviewLabel l;
        l.tableId = table;
        l.family = std::string(argv[3]) + std::to_string(i);
        l.reviewer = "crash";
        l.equivalence = i % 3 == 0 ? cp::Equivalence::NotEquivalent : cp::Equivalence::Equivalent;
        l.expected = i % 2 ? cp::ExpectedOutcome::Favourable : cp::ExpectedOutcome::Unfavourable;
        l.note = "label " + std::to_string(i);
        auto saved = cp::saveReviewLabel(**store, l);
        if (!saved) {
            std::fprintf(stderr, "%s\n", saved.error().toString().c_str());
            return 1;
        }
        std::printf("saved %d\n", i + 1);
        std::fflush(stdout);
    }
    return 0;
}
