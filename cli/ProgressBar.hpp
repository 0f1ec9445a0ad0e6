#pragma once
// ProgressBar: a one-line progress bar with ETA on stderr for long runs. It stays silent for the
// first second (short runs print nothing), when asked to be quiet, and when stderr is not a
// terminal (logs and pipes get no control characters). Fractions are of the whole experiment.

#include <chrono>
#include <string>

namespace gigatwin::cli {

class ProgressBar {
public:
  explicit ProgressBar(bool enabled);
  /// `fraction` of all the work is done; `label` says where (e.g. "run 2/5, day 12.0 of 30").
  void update(double fraction, const std::string& label);
  /// Clears the line if anything was drawn.
  void finish();

private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

} // namespace gigatwin::cli
