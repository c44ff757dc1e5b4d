// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Secrets a scorer substituted from the environment (${NAME} in a header, URL or env entry)
// never reach a project file, a log or the terminal: every string a scorer hands back (a
// result's text, label and error, a log line) goes through SecretRedactor first. A server may
// echo a key raw, JSON-escaped or URL-encoded, and a quote cut at 200 bytes may end inside one;
// each of those forms becomes the reference ("${API_KEY}").

#include <string>
#include <utility>
#include <vector>

namespace cp {

struct ScoreResult;

class SecretRedactor
{
public:
    /// A value substituted from the environment and how to show it ("${API_KEY}").
    void add(const std::string &value, const std::string &shown);
    bool empty() const { return m_forms.empty(); }

    /// Every form of every secret replaced by its reference; a string that ends with the
    /// start of a form (at least MinCutBytes of it: a cut quote) loses that tail too.
    std::string redact(std::string text) const;
    /// The same for each string of a result (text, label, error).
    void redact(ScoreResult &result) const;

    /// The shortest tail taken for the start of a cut secret.
    static constexpr std::size_t MinCutBytes = 6;

private:
    std::vector<std::pair<std::string, std::string>> m_forms;   ///< form, shown
};

} // namespace cp
