// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The fastest command scorer we can think of, for bench_command: it answers every request
// line with {"id":"…","score":0.5}, finding the id with a scan instead of a JSON parse
// (the adapter writes "id" first and escapes it as a JSON string). It reads and writes in
// large blocks and writes its answers once no complete line is left in what it has read.

#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

bool writeAll(const std::string &s)
{
    for (std::size_t done = 0; done < s.size();) {
        const ssize_t n = ::write(1, s.data() + done, s.size() - done);
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

} // namespace

int main()
{
    std::vector<char> in(1 << 20);
    std::size_t have = 0;
    std::string out;
    out.reserve(1 << 20);
    static const char Key[] = "\"id\":\"";
    for (;;) {
        if (have == in.size())
            in.resize(in.size() * 2);
        const ssize_t n = ::read(0, in.data() + have, in.size() - have);
        if (n <= 0)
            break;
        have += std::size_t(n);
        char *line = in.data();
        char *const end = in.data() + have;
        while (char *nl = static_cast<char *>(std::memchr(line, '\n', std::size_t(end - line)))) {
            if (char *id = static_cast<char *>(::memmem(line, std::size_t(nl - line), Key, 6))) {
                id += 6;
                char *close = id;
                while (close < nl && *close != '"')
                    close += *close == '\\' ? 2 : 1;
                out += "{\"id\":\"";
                out.append(id, close);
                out += "\",\"score\":0.5}\n";
            }
            line = nl + 1;
        }
        have = std::size_t(end - line);
        std::memmove(in.data(), line, have);
        if (!writeAll(out))
            return 1;
        out.clear();
    }
    return 0;
}
