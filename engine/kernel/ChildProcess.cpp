#include "kernel/ChildProcess.hpp"

#include "kernel/Descriptor.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gigatwin::kernel {

namespace {
volatile pid_t running_child = 0;

std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

[[noreturn]] void child_main(int fd, const std::function<std::string()>& fn) {
  std::string message;
  const int code = child_detail::call(fn, message);
  (void)write_all(fd, message); // the parent reads what came: a closed pipe leaves nothing to do
  ::close(fd);
  std::fflush(stdout);
  std::fflush(stderr);
  ::_exit(code); // skip the parent's atexit handlers and static destructors
}
} // namespace

namespace child_detail {
int call(const std::function<std::string()>& fn, std::string& message) {
  try {
    message = fn();
    return 0;
  } catch (const ChildInterrupted&) {
    message.clear();
    return interrupted_exit_code;
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "unknown error in a child process";
  }
  return 1;
}

ChildOutcome outcome_of(int status, std::string payload) {
  ChildOutcome outcome;
  outcome.payload = std::move(payload);
  if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    outcome.status = code == 0                       ? ChildOutcome::Status::ok
                     : code == interrupted_exit_code ? ChildOutcome::Status::interrupted
                                                     : ChildOutcome::Status::failed;
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    outcome.status =
        (sig == SIGINT || sig == SIGTERM) ? ChildOutcome::Status::interrupted : ChildOutcome::Status::crashed;
    outcome.payload =
        std::string("process killed by signal ") + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  return outcome;
}

void die_with_parent(pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) // the parent died before prctl took effect
    ::_exit(interrupted_exit_code);
}
} // namespace child_detail

ChildOutcome run_in_child(const std::function<std::string()>& fn) {
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  std::fflush(stdout);
  std::fflush(stderr);
  // Hold SIGINT/SIGTERM until the child's pid is known, so that a stop request arriving during
  // the fork is forwarded to the child rather than lost.
  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop_signals, &previous);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    child_detail::die_with_parent(parent);
    sigprocmask(SIG_SETMASK, &previous, nullptr);
  } else if (pid > 0)
    running_child = pid;
  if (pid != 0)
    sigprocmask(SIG_SETMASK, &previous, nullptr);
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("cannot start a replication process: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], fn);
  }
  ::close(fds[1]);
  std::string payload = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  running_child = 0;
  return child_detail::outcome_of(status, std::move(payload));
}

void forward_signal_to_child(int sig) {
  const pid_t pid = running_child;
  if (pid > 0)
    ::kill(pid, sig);
}

} // namespace gigatwin::kernel
