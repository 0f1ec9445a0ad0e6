#include "kernel/ProcessPool.hpp"

#include "kernel/Descriptor.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace gigatwin::kernel {

namespace {
// A child talks to the pool in frames: one kind byte, an 8-byte length, the bytes. Progress
// frames are 17 bytes, below PIPE_BUF, so writes from a child and its own children never mix.
constexpr char frame_progress = 'p';
constexpr char frame_result = 'r';
constexpr char frame_line = 'l';
constexpr std::size_t frame_header = 9;

int progress_fd = -1; // in a pool's child: the write end of its pipe

bool write_frame(int fd, char kind, const std::string& bytes) {
  std::string frame(frame_header, '\0');
  frame[0] = kind;
  const std::uint64_t n = bytes.size();
  std::memcpy(frame.data() + 1, &n, sizeof n);
  frame += bytes;
  return write_all(fd, frame);
}

struct Running {
  std::size_t task = 0;
  pid_t pid = 0;
  int fd = -1;
  std::string inbox;   // bytes read and not yet parsed
  std::string payload; // the result frame, once it came
};

[[noreturn]] void child_main(int fd, pid_t parent, std::size_t task, const PoolCallbacks& cb) {
  child_detail::die_with_parent(parent);
  progress_fd = fd;
  std::string message;
  const int code = child_detail::call([&] { return cb.work(task); }, message);
  progress_fd = -1;
  write_frame(fd, frame_result, message);
  ::close(fd);
  std::fflush(stdout);
  std::fflush(stderr);
  ::_exit(code);
}

/// Hands complete frames of `r.inbox` on; keeps a partial one for later.
void parse_frames(Running& r, const PoolCallbacks& cb) {
  std::size_t at = 0;
  while (r.inbox.size() - at >= frame_header) {
    std::uint64_t n = 0;
    std::memcpy(&n, r.inbox.data() + at + 1, sizeof n);
    if (r.inbox.size() - at - frame_header < n)
      break;
    const char kind = r.inbox[at];
    std::string bytes = r.inbox.substr(at + frame_header, n);
    at += frame_header + n;
    if (kind == frame_progress && bytes.size() == sizeof(double)) {
      double fraction = 0;
      std::memcpy(&fraction, bytes.data(), sizeof fraction);
      if (cb.on_progress)
        cb.on_progress(r.task, fraction);
    } else if (kind == frame_line) {
      if (cb.on_line)
        cb.on_line(r.task, bytes);
    } else if (kind == frame_result) {
      r.payload = std::move(bytes);
    }
  }
  r.inbox.erase(0, at);
}
} // namespace

ProcessPool::ProcessPool(std::size_t slots) : slots_(slots == 0 ? 1 : slots) {}

bool ProcessPool::run(const PoolCallbacks& cb) {
  std::vector<Running> running;
  bool feeding = true;
  bool stopping = false;
  for (;;) {
    if (!stopping && cb.stop_requested && cb.stop_requested()) {
      stopping = true;
      for (const auto& r : running)
        ::kill(r.pid, SIGTERM);
    }
    while (feeding && !stopping && running.size() < slots_) {
      const auto task = cb.next_task();
      if (!task) {
        feeding = false;
        break;
      }
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
      std::fflush(stdout);
      std::fflush(stderr);
      const pid_t parent = ::getpid();
      const pid_t pid = ::fork();
      if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error(std::string("cannot start a process: ") + std::strerror(errno));
      }
      if (pid == 0) {
        ::close(fds[0]);
        for (const auto& r : running)
          ::close(r.fd);
        child_main(fds[1], parent, *task, cb);
      }
      ::close(fds[1]);
      running.push_back(Running{*task, pid, fds[0], {}, {}});
    }
    if (running.empty())
      return !stopping;
    if (cb.on_tick)
      cb.on_tick();

    std::vector<pollfd> fds;
    for (const auto& r : running)
      fds.push_back(pollfd{r.fd, POLLIN, 0});
    const int ready = ::poll(fds.data(), fds.size(), 200);
    if (ready <= 0)
      continue; // timeout, or a signal (EINTR): check for a stop and go on
    for (std::size_t i = running.size(); i-- > 0;) {
      if (fds[i].revents == 0)
        continue;
      Running& r = running[i];
      char buf[65536];
      const ssize_t n = ::read(r.fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n > 0) {
        r.inbox.append(buf, static_cast<std::size_t>(n));
        parse_frames(r, cb);
        continue;
      }
      // End of the pipe: the child (and whatever it forked) has finished.
      ::close(r.fd);
      int status = 0;
      while (::waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
      }
      const std::size_t task = r.task;
      ChildOutcome outcome = child_detail::outcome_of(status, std::move(r.payload));
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      if (cb.on_done)
        cb.on_done(task, outcome);
    }
  }
}

void report_progress(double fraction) {
  if (progress_fd < 0)
    return;
  std::string bytes(sizeof fraction, '\0');
  std::memcpy(bytes.data(), &fraction, sizeof fraction);
  write_frame(progress_fd, frame_progress, bytes);
}

void report_line(const std::string& line) {
  if (progress_fd >= 0)
    write_frame(progress_fd, frame_line, line);
}

} // namespace gigatwin::kernel
