#pragma once
// The gigatwin command's exit codes, as documented in the README.

namespace gigatwin::cli {

/// exit_precision_missed: every run completed, but a --precision target was not reached at
/// --max-replications (the file holds the runs and /experiment/precision says what was reached).
enum ExitCode : int {
  exit_ok = 0,
  exit_runtime_failure = 1,
  exit_bad_input = 2,
  exit_precision_missed = 3,
  exit_interrupted = 130
};

} // namespace gigatwin::cli
