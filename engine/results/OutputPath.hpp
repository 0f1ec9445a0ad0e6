#pragma once
// OutputPath: the one check of where a results file is to go, made before anything runs, so that
// a wrong --out costs one clear line and leaves nothing behind: it must name a file (not a folder,
// not end in '/'), and its folder must exist or be creatable, and be writable. The folder is
// created here, once the rest of the checks passed.

#include <stdexcept>
#include <string>

namespace gigatwin::results {

/// The path cannot hold a results file; the message says why in words a user acts on.
struct BadOutputPath : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Checks `path` as the place of a results file without changing anything; throws BadOutputPath.
/// An existing regular file at `path` is not this function's business (see --force); anything
/// else there (a folder, a device, a pipe) is refused.
void check_output_path(const std::string& path);

/// check_output_path, then creates the missing parent folders; throws BadOutputPath.
void prepare_output_path(const std::string& path);

} // namespace gigatwin::results
