// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support: "does the actual document contain the expected one?" Objects match when every
// expected key matches; arrays match element by element and must have the same length; numbers
// match within an absolute tolerance; null matches only null.

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace cp::test {

inline bool jsonContains(const nlohmann::json &expected, const nlohmann::json &actual,
                         double tolerance, const std::string &path, std::string &why)
{
    if (expected.is_object()) {
        if (!actual.is_object()) {
            why = path + ": expected an object, got " + actual.dump();
            return false;
        }
        for (const auto &[key, value] : expected.items()) {
            if (!actual.contains(key)) {
                why = path + "/" + key + ": missing";
                return false;
            }
            if (!jsonContains(value, actual[key], tolerance, path + "/" + key, why))
                return false;
        }
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) {
            why = path + ": expected " + std::to_string(expected.size()) + " items, got "
                  + actual.dump().substr(0, 400);
            return false;
        }
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (!jsonContains(expected[i], actual[i], tolerance, path + "/" + std::to_string(i), why))
                return false;
        return true;
    }
    if (expected.is_number()) {
        if (!actual.is_number()
            || std::abs(expected.get<double>() - actual.get<double>()) > tolerance) {
            why = path + ": expected " + expected.dump() + ", got " + actual.dump();
            return false;
        }
        return true;
    }
    if (expected != actual) {
        why = path + ": expected " + expected.dump() + ", got " + actual.dump();
        return false;
    }
    return true;
}

} // namespace cp::test
