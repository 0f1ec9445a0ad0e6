#include "results/WriterLock.hpp"

#include "results/ResultsError.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace gigatwin::results {

namespace {
std::string read_pid(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  std::string pid = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
    pid.pop_back();
  return pid.empty() ? std::string("unknown") : pid;
}
} // namespace

std::string WriterLock::path_of(const std::string& results_path) {
  return results_path + ".lock";
}

WriterLock::WriterLock(const std::string& results_path) : path_(path_of(results_path)) {
  // The holder unlinks the file before it lets go, so a lock taken on a file that is no longer
  // the one under this name protects nothing: try again on the new one.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      throw ResultsError("cannot create the lock file " + path_ + " for results file " + results_path + ": " +
                         std::error_code(errno, std::generic_category()).message());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string pid = read_pid(fd);
      ::close(fd);
      if (error == EWOULDBLOCK)
        throw WriterLockBusy("results file " + results_path + " is being written by another gigatwin (pid " +
                             pid + "); nothing was done (wait for it, or write elsewhere with --out)");
      throw ResultsError("cannot lock " + path_ + ": " +
                         std::error_code(error, std::generic_category()).message());
    }
    struct stat held {
    }, named{};
    if (::fstat(fd, &held) == 0 && ::stat(path_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only for the other writer's message; the lock holds without it.
      }
      fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw ResultsError("cannot lock " + path_ + ": it keeps being replaced");
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) {
    ::unlink(path_.c_str());
    ::close(fd_);
  }
}

} // namespace gigatwin::results
