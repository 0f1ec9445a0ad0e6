#pragma once
// PendingFile: a file the CLI writes (an exported trace, a plant log, a fitted scenario) goes
// under a temporary name beside its target and is renamed into place by commit(), so that the
// target is there whole or not at all; the temporary file is removed when not committed.

#include <string>

namespace gigatwin::cli {

class PendingFile {
public:
  explicit PendingFile(std::string target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  /// Where to write until commit().
  const std::string& path() const { return temporary_; }
  /// Renames the written file onto the target; throws std::runtime_error if it cannot.
  void commit();

private:
  std::string target_, temporary_;
  bool committed_ = false;
};

/// Writes `text` to `path` through a PendingFile; throws std::runtime_error if it cannot.
void write_whole(const std::string& path, const std::string& text);

} // namespace gigatwin::cli
