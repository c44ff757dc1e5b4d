// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "htmltext.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace cp::html {

namespace {

/// The length of a valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8Length(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0) {
        len = 2;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates, beyond U+10FFFF, and the non-characters XML refuses.
    static constexpr std::uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < Min[len] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp == 0xfffe
        || cp == 0xffff)
        return 0;
    return len;
}

} // namespace

std::string esc(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        switch (c) {
        case '&': out += "&amp;"; ++i; continue;
        case '<': out += "&lt;"; ++i; continue;
        case '>': out += "&gt;"; ++i; continue;
        case '"': out += "&quot;"; ++i; continue;
        case '\'': out += "&#39;"; ++i; continue;
        default: break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            if (c == '\n' || c == '\t')
                out += c;
            else if (c == '\r')
                out += ' ';
            ++i;
            continue;
        }
        const std::size_t len = utf8Length(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

std::string el(std::string_view tag, std::string_view text, std::string_view cls)
{
    std::string out = "<" + std::string(tag);
    if (!cls.empty())
        out += " class=\"" + std::string(cls) + "\"";
    return out + ">" + esc(text) + "</" + std::string(tag) + ">";
}

std::string num(double v, int decimals)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::isfinite(v) ? v : 0.0);
    return buf;
}

namespace {

constexpr std::array<std::uint32_t, 10> Viridis = {0x440154, 0x482878, 0x3e4a89, 0x31688e,
                                                   0x26828e, 0x1f9e89, 0x35b779, 0x6dcd59,
                                                   0xb4de2c, 0xfde725};

double linear(int channel)
{
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

} // namespace

std::string viridis(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * double(Viridis.size() - 1);
    const auto i = std::min(std::size_t(t), Viridis.size() - 2);
    const double f = t - double(i);
    auto channel = [&](int shift) {
        const int a = int((Viridis[i] >> shift) & 0xff), b = int((Viridis[i + 1] >> shift) & 0xff);
        return int(std::lround(a + (b - a) * f));
    };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", channel(16), channel(8), channel(0));
    return buf;
}

std::string textOn(const std::string &background)
{
    if (background.size() != 7)
        return "#000000";
    const auto v = std::stoul(background.substr(1), nullptr, 16);
    const double l = 0.2126 * linear(int((v >> 16) & 0xff)) + 0.7152 * linear(int((v >> 8) & 0xff))
                     + 0.0722 * linear(int(v & 0xff));
    return l > 0.179 ? "#000000" : "#ffffff";
}

} // namespace cp::html
