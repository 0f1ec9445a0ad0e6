#pragma once
// WriterLock: one gigatwin process at a time writes a given results file. The lock is an
// exclusive flock(2) on "<results>.lock", which holds the writer's pid for the message a second
// writer gets. The kernel drops a flock when its process dies, so a killed writer never leaves a
// stale lock; the file itself is removed when the lock is released. --force replaces results but
// never takes a live writer's lock: a second writer is refused whatever its options.
// Not for NFS clients that lack flock (Linux maps it to POSIX locks there, which is enough).

#include <stdexcept>
#include <string>

namespace gigatwin::results {

/// Another process holds the lock; nothing should be written.
struct WriterLockBusy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class WriterLock {
public:
  /// Takes the lock of results file `results_path` (its folder must exist); throws WriterLockBusy
  /// naming the other writer's pid, or ResultsError when the lock file cannot be created.
  explicit WriterLock(const std::string& results_path);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  /// "<results>.lock".
  static std::string path_of(const std::string& results_path);

private:
  std::string path_;
  int fd_ = -1;
};

} // namespace gigatwin::results
