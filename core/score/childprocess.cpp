// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "childprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace cp {

namespace {

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

int ChildProcess::start(const std::vector<std::string> &argv, const std::string &cwd,
                        const std::vector<std::string> &env)
{
    kill();
    int pin[2], pout[2], perr[2];
    if (::pipe2(pin, O_CLOEXEC) != 0)
        return errno;
    if (::pipe2(pout, O_CLOEXEC) != 0) {
        const int e = errno;
        ::close(pin[0]), ::close(pin[1]);
        return e;
    }
    if (::pipe2(perr, O_CLOEXEC) != 0) {
        const int e = errno;
        ::close(pin[0]), ::close(pin[1]), ::close(pout[0]), ::close(pout[1]);
        return e;
    }
    // Larger pipes mean fewer wake-ups per row; the kernel may refuse, which is fine.
    ::fcntl(pin[1], F_SETPIPE_SZ, 1 << 20);
    ::fcntl(pout[1], F_SETPIPE_SZ, 1 << 20);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // dup2 clears close-on-exec on 0, 1, 2; every other pipe end closes on exec.
    posix_spawn_file_actions_adddup2(&actions, pin[0], 0);
    posix_spawn_file_actions_adddup2(&actions, pout[1], 1);
    posix_spawn_file_actions_adddup2(&actions, perr[1], 2);
    if (!cwd.empty())
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<char *> args, envp;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    for (const auto &e : env)
        envp.push_back(const_cast<char *>(e.c_str()));
    envp.push_back(nullptr);
    const int rc = ::posix_spawnp(&m_pid, argv[0].c_str(), &actions, &attr, args.data(),
                                  envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(pin[0]), ::close(pout[1]), ::close(perr[1]);
    if (rc != 0) {
        m_pid = -1;
        ::close(pin[1]), ::close(pout[0]), ::close(perr[0]);
        return rc;
    }
    m_in = pin[1];
    m_out = pout[0];
    m_err = perr[0];
    setNonBlocking(m_in);
    setNonBlocking(m_out);
    setNonBlocking(m_err);
    return 0;
}

std::optional<int> ChildProcess::poll()
{
    int status = 0;
    if (m_pid > 0 && ::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return status;
    }
    return std::nullopt;
}

void ChildProcess::kill()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {}
        m_pid = -1;
    }
    closeIn();
    closeOut();
    closeErr();
}

void ChildProcess::closeIn()
{
    closeFd(m_in);
}

void ChildProcess::closeOut()
{
    closeFd(m_out);
}

void ChildProcess::closeErr()
{
    closeFd(m_err);
}

std::string ChildProcess::describeStatus(int status)
{
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "stopped";
}

SigpipeBlock::SigpipeBlock()
{
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
}

SigpipeBlock::~SigpipeBlock()
{
    if (sigismember(&m_old, SIGPIPE))
        return;
    sigset_t pending;
    sigpending(&pending);
    const timespec zero{};
    while (sigismember(&pending, SIGPIPE) && sigtimedwait(&m_set, nullptr, &zero) == SIGPIPE)
        sigpending(&pending);
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
}

} // namespace cp
