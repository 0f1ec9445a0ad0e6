#pragma once
// Provenance: what a results file records about the software that made it, beyond GigaTwin's own
// version — the libraries whose behaviour shapes the numbers (SimGrid's clock and timers, Eigen's
// solvers for the rough cut) and the git commit the binary was built from. HDF5's version is
// written by the results store itself; Qt never writes results (the desktop app runs the CLI).

#include <string>
#include <utility>
#include <vector>

namespace gigatwin::experiment {

/// (attribute name, value) pairs for a results file's root: simgrid_version (the library loaded
/// at run time), eigen_version, and git_commit when built from a git checkout (the commit at
/// configure time, "-dirty" when the work tree had changes then).
std::vector<std::pair<std::string, std::string>> provenance_attributes();

} // namespace gigatwin::experiment
