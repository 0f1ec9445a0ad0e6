#pragma once
// The gigatwin command's exit codes, as documented in the README.

namespace gigatwin::cli {

enum ExitCode : int { exit_ok = 0, exit_runtime_failure = 1, exit_bad_input = 2, exit_interrupted = 130 };

} // namespace gigatwin::cli
