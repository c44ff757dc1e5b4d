// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A synthetic probe set for the benchmarks and the crash test: `families` families of two
// variants (gender f/m) with a linked first name and nine other fields, one of them a quoted
// sentence, in canonical CSV. Clean and balanced by construction; `seed` changes every value.

#include <core/probeset/probesetlayout.h>

#include <cstdint>
#include <string>

namespace cptest {

inline cp::ProbeSetLayout syntheticLayout()
{
    cp::ProbeSetLayout layout;
    layout.protectedColumns = {"gender"};
    layout.linkedColumns = {"first_name"};
    layout.strataColumns = {"channel"};
    return layout;
}

inline std::string syntheticProbeSet(std::int64_t families, std::uint64_t seed = 1)
{
    static const char *const Female[] = {"Anna", "Maria", "Emma", "Sofia", "Lena", "Mia"};
    static const char *const Male[] = {"Paul", "Jonas", "Lukas", "David", "Felix", "Noah"};
    static const char *const Cities[] = {"Berlin", "Hamburg", "Munich", "Cologne", "Leipzig"};
    static const char *const Jobs[] = {"nurse", "engineer", "teacher", "analyst", "driver"};
    static const char *const Channels[] = {"web", "referral"};
    auto next = [state = seed * 0x9E3779B97F4A7C15ull + 1]() mutable {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    std::string out = "family,variant,gender,first_name,age,years,city,occupation,salary,channel,"
                      "summary\n";
    out.reserve(std::size_t(families) * 2 * 110);
    for (std::int64_t f = 0; f < families; ++f) {
        const std::uint64_t r = next();
        const int name = int(r % 6);
        const int age = 20 + int((r >> 8) % 45);
        const int years = int((r >> 16) % std::uint64_t(age - 17));
        const char *city = Cities[(r >> 24) % 5];
        const char *job = Jobs[(r >> 32) % 5];
        const int salary = 30000 + int((r >> 40) % 70000);
        const char *channel = Channels[f % 2];
        const std::string rest = "," + std::to_string(age) + "," + std::to_string(years) + ","
                                 + city + "," + job + "," + std::to_string(salary) + ","
                                 + channel + ",\"A " + job + " from " + city + ", "
                                 + std::to_string(years) + " years in the field.\"\n";
        const std::string id = "F" + std::to_string(seed) + "-" + std::to_string(f);
        out += id + ",f,f," + Female[name] + rest;
        out += id + ",m,m," + Male[name] + rest;
    }
    return out;
}

/// The built-in model the benchmarks score the synthetic probe set with.
inline constexpr const char *SyntheticModel = R"({
  "name": "bench-model", "version": "1.0", "kind": "builtin",
  "builtin": {"link": "logistic", "intercept": -2.0,
              "numeric": {"years": 0.08, "age": -0.01, "salary": 0.00002},
              "categorical": {"gender": {"f": -0.4}, "occupation": {"engineer": 0.3},
                              "city": {"Berlin": 0.1}},
              "keywords": {"summary": {"field": 0.2, "engineer": 0.1, "nurse": -0.1}},
              "threshold": 0.5}})";

/// The audit spec the benchmarks read the scored synthetic probe set with: its strata, score
/// bands, an intersection and a contract, under that name.
inline std::string syntheticSpec(const std::string &name)
{
    return R"({
  "name": ")" + name + R"(", "family": "family",
  "protected": [{"name": "gender", "groups": ["f", "m"], "reference": "m"}],
  "strata": [{"name": "channel", "groups": ["web", "referral"]},
             {"name": "occupation",
              "groups": ["nurse", "engineer", "teacher", "analyst", "driver"]}],
  "prediction": {"stage": "model", "score": "score", "threshold": 0.5},
  "score_bands": [0.3, 0.5, 0.7, 0.9],
  "intersections": [{"dimensions": ["occupation", "channel", "gender"]}],
  "contract": {"version": "bench-1", "primary": {"metric": "selection_rate", "max_gap": 0.05},
               "guardrails": [{"metric": "selection_rate", "min_ratio": 0.8}],
               "max_flip_rate": 0.05, "privacy_k": 10,
               "attestations": [{"name": "production monitoring owner", "done": false}]}
})";
}

} // namespace cptest
