#include "core/DistributionSpec.hpp"

namespace gigatwin::core {

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
  case DistributionKind::constant:
    return "constant";
  case DistributionKind::exponential:
    return "exponential";
  case DistributionKind::uniform:
    return "uniform";
  case DistributionKind::triangular:
    return "triangular";
  case DistributionKind::normal:
    return "normal";
  case DistributionKind::lognormal:
    return "lognormal";
  case DistributionKind::gamma:
    return "gamma";
  case DistributionKind::weibull:
    return "weibull";
  case DistributionKind::empirical:
    return "empirical";
  }
  return "unknown"; // only reachable through a cast of an out-of-range integer
}

} // namespace gigatwin::core
