// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A child process whose stdin, stdout and stderr are pipes, spawned without a shell; the
// command scorer's plumbing.

#include <signal.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace cp {

class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess() { kill(); }
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// Spawns argv (argv[0] without '/' is looked up on PATH) in cwd (empty: ours) with env
    /// ("NAME=value" entries), SIGPIPE at its default and no signal blocked. Our pipe ends are
    /// close-on-exec and non-blocking, so no other child inherits them. Returns 0 or an errno
    /// (ENOENT: no such program).
    int start(const std::vector<std::string> &argv, const std::string &cwd,
              const std::vector<std::string> &env);

    bool running() const { return m_pid > 0; }
    /// The wait status once the process has ended, without blocking (reaps it).
    std::optional<int> poll();
    /// SIGKILL when still running, reap, close our pipe ends.
    void kill();

    int inFd() const { return m_in; }      ///< write end of the child's stdin
    int outFd() const { return m_out; }    ///< read end of its stdout
    int errFd() const { return m_err; }    ///< read end of its stderr
    void closeIn();
    void closeOut();
    void closeErr();

    /// "exited with status 3", "was killed by signal 9".
    static std::string describeStatus(int status);

private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1, m_err = -1;
};

/// Blocks SIGPIPE in the calling thread while alive, so that writing to a dead child fails
/// with EPIPE instead of killing us, without changing the process-wide disposition (the
/// application may rely on it). A SIGPIPE raised meanwhile is consumed before unblocking.
class SigpipeBlock
{
public:
    SigpipeBlock();
    ~SigpipeBlock();
    SigpipeBlock(const SigpipeBlock &) = delete;
    SigpipeBlock &operator=(const SigpipeBlock &) = delete;

private:
    sigset_t m_set, m_old;
};

} // namespace cp
