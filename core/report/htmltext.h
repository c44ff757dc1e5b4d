// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Text for the HTML report, written so that it is also well-formed XML: every element closed,
// every attribute quoted, only the five XML entities, no control characters, valid UTF-8.

#include <string>
#include <string_view>

namespace cp::html {

/// Escapes text and attribute values (& < > " '); drops control characters other than tab and
/// newline and replaces malformed UTF-8 with U+FFFD, so that any table cell is safe to embed.
std::string esc(std::string_view text);

/// "<tag class=\"cls\">escaped text</tag>"; cls may be empty.
std::string el(std::string_view tag, std::string_view text, std::string_view cls = {});

/// A number with fixed decimals for SVG coordinates ("12.5").
std::string num(double v, int decimals = 1);

/// "#rrggbb" of viridis at t in [0, 1] (the 10 stops of R's viridisLite, as the GUI's grid).
std::string viridis(double t);
/// Black or white, whichever contrasts more with a "#rrggbb" background (WCAG luminance).
std::string textOn(const std::string &background);

} // namespace cp::html
