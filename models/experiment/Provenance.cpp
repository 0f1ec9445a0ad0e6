#include "experiment/Provenance.hpp"

#include <Eigen/Core>
#include <simgrid/forward.h> // the declaration macros simgrid/version.h needs
#include <simgrid/version.h>

#ifndef GIGATWIN_GIT_COMMIT
#define GIGATWIN_GIT_COMMIT ""
#endif

namespace gigatwin::experiment {

std::vector<std::pair<std::string, std::string>> provenance_attributes() {
  int major = 0, minor = 0, patch = 0;
  sg_version_get(&major, &minor, &patch);
  std::vector<std::pair<std::string, std::string>> out = {
      {"simgrid_version", std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch)},
      {"eigen_version", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) +
                            "." + std::to_string(EIGEN_MINOR_VERSION)}};
  if (const std::string commit = GIGATWIN_GIT_COMMIT; !commit.empty())
    out.emplace_back("git_commit", commit);
  return out;
}

} // namespace gigatwin::experiment
