// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// An embedding vector (what an embeddings endpoint returns for a text) in its two forms: packed
// (float32, little-endian, 4 bytes per component: how a project stores it) and as text (the
// components separated by single spaces, each the shortest decimal that reads back to the same
// float: how a scored table's CSV holds it and an audit reads it).

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cp::embedding {

/// The components as packed bytes (4 per component).
std::string pack(std::span<const float> v);

/// Packed bytes back to components; false (out cleared) when the size is not a multiple of 4.
bool unpack(std::string_view bytes, std::vector<float> &out);

/// Appends the text form ("0.125 -0.5 1") of packed bytes or of components.
void appendTextOfPacked(std::string &out, std::string_view packed);
void appendText(std::string &out, std::span<const float> v);

/// Reads the text form: numbers separated by spaces, commas or both, optionally inside
/// [ ] (a JSON array pasted into a cell). On an error returns false and sets `why` (what and
/// the 1-based component); a component that is not finite is an error.
bool parse(std::string_view text, std::vector<float> &out, std::string &why);

/// A JSON array of numbers as components (what an embeddings endpoint or a command scorer
/// answers): nullopt when every element is a finite number within float range (out holds
/// them); else the index of the first that is not (out cleared). An array with no element is
/// index 0.
std::optional<std::size_t> readJsonVector(const nlohmann::json &array, std::vector<float> &out);

/// Cosine similarity of two vectors of the same dimension, clamped to [−1, 1]; NaN when either has
/// zero norm or the dimensions differ. Accumulated in double.
double cosine(std::span<const float> a, std::span<const float> b);

} // namespace cp::embedding
