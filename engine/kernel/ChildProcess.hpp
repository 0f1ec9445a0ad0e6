#pragma once
// ChildProcess: runs a function in a forked child process and brings back the bytes it returns.
// SimGrid keeps one engine per process and cannot re-create it, so every replication runs in a
// child of its own (fork after the model is parsed: ~1 ms). A child that throws reports the
// message; one that crashes is reported with its signal; the parent survives both.

#include <functional>
#include <string>
#include <sys/types.h>

namespace gigatwin::kernel {

struct ChildOutcome {
  enum class Status { ok, failed, interrupted, crashed };
  Status status = Status::failed;
  std::string payload; ///< the function's return value (ok) or the error message (failed, crashed)
};

/// Exit code a child uses to say it stopped because the user interrupted it.
inline constexpr int interrupted_exit_code = 130;

/// Thrown inside a child's function to report an interruption rather than a failure.
struct ChildInterrupted {};

ChildOutcome run_in_child(const std::function<std::string()>& fn);

/// Async-signal-safe: passes `sig` on to the child process running now, if any, so that a
/// signal sent to the parent alone (not to its process group) still stops the work.
void forward_signal_to_child(int sig);

/// What run_in_child and ProcessPool share.
namespace child_detail {
/// Calls `fn` in a child process: returns the exit code to end with (0 ok, 1 failed,
/// interrupted_exit_code) and sets `message` to its value or error.
int call(const std::function<std::string()>& fn, std::string& message);
/// The outcome of a child that ended with waitpid status `wait_status` after sending `payload`.
ChildOutcome outcome_of(int wait_status, std::string payload);
/// In a freshly forked child: be killed (SIGKILL) if the parent dies, so that a batch killed
/// with SIGKILL leaves no orphan simulating on and writing files.
void die_with_parent(pid_t parent);
} // namespace child_detail

} // namespace gigatwin::kernel
