// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "embedding.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <limits>

namespace cp::embedding {

static_assert(std::numeric_limits<float>::is_iec559, "embeddings are stored as IEEE float32");

std::string pack(std::span<const float> v)
{
    std::string out(v.size() * 4, '\0');
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::uint32_t bits = std::bit_cast<std::uint32_t>(v[i]);
        if constexpr (std::endian::native == std::endian::big)
            bits = __builtin_bswap32(bits);
        std::memcpy(out.data() + 4 * i, &bits, 4);
    }
    return out;
}

bool unpack(std::string_view bytes, std::vector<float> &out)
{
    out.clear();
    if (bytes.size() % 4 != 0)
        return false;
    out.resize(bytes.size() / 4);
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, bytes.data() + 4 * i, 4);
        if constexpr (std::endian::native == std::endian::big)
            bits = __builtin_bswap32(bits);
        out[i] = std::bit_cast<float>(bits);
    }
    return true;
}

namespace {

void appendOne(std::string &out, float x, bool first)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    if (!first)
        out += ' ';
    out.append(buf, r.ptr);
}

} // namespace

void appendTextOfPacked(std::string &out, std::string_view packed)
{
    const std::size_t n = packed.size() / 4;
    out.reserve(out.size() + n * 11);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, packed.data() + 4 * i, 4);
        if constexpr (std::endian::native == std::endian::big)
            bits = __builtin_bswap32(bits);
        appendOne(out, std::bit_cast<float>(bits), i == 0);
    }
}

void appendText(std::string &out, std::span<const float> v)
{
    out.reserve(out.size() + v.size() * 11);
    for (std::size_t i = 0; i < v.size(); ++i)
        appendOne(out, v[i], i == 0);
}

bool parse(std::string_view text, std::vector<float> &out, std::string &why)
{
    out.clear();
    const auto isSeparator = [](char c) {
        return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r';
    };
    std::size_t i = 0, end = text.size();
    while (i < end && isSeparator(text[i]))
        ++i;
    while (end > i && isSeparator(text[end - 1]))
        --end;
    if (i < end && text[i] == '[') {
        if (text[end - 1] != ']') {
            why = "an opening [ without its ]";
            return false;
        }
        ++i;
        --end;
    }
    while (i < end) {
        while (i < end && isSeparator(text[i]))
            ++i;
        if (i >= end)
            break;
        const char *first = text.data() + i;
        if (*first == '+')
            ++first;
        float x = 0;
        const auto r = std::from_chars(first, text.data() + end, x);
        const std::size_t component = out.size() + 1;
        if (r.ec != std::errc() || (r.ptr < text.data() + end && !isSeparator(*r.ptr))) {
            std::size_t stop = i;
            while (stop < end && !isSeparator(text[stop]))
                ++stop;
            std::string token(text.substr(i, std::min<std::size_t>(stop - i, 24)));
            why = "component " + std::to_string(component) + " is not a number: '" + token + "'";
            out.clear();
            return false;
        }
        if (!std::isfinite(x)) {
            why = "component " + std::to_string(component) + " is not finite";
            out.clear();
            return false;
        }
        out.push_back(x);
        i = std::size_t(r.ptr - text.data());
    }
    return true;
}

std::optional<std::size_t> readJsonVector(const nlohmann::json &array, std::vector<float> &out)
{
    out.clear();
    if (!array.is_array() || array.empty())
        return std::size_t(0);
    out.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        const nlohmann::json &x = array[i];
        const double v = x.is_number() ? x.get<double>() : std::nan("");
        if (!std::isfinite(v) || std::abs(v) > double(std::numeric_limits<float>::max())) {
            out.clear();
            return i;
        }
        out.push_back(float(v));
    }
    return std::nullopt;
}

double cosine(std::span<const float> a, std::span<const float> b)
{
    if (a.size() != b.size() || a.empty())
        return std::numeric_limits<double>::quiet_NaN();
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x = a[i], y = b[i];
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if (na == 0 || nb == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return std::clamp(dot / (std::sqrt(na) * std::sqrt(nb)), -1.0, 1.0);
}

} // namespace cp::embedding
