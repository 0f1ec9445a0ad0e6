#include "results/DisplayUnits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gigatwin::results {

DisplayUnit display_unit(std::string_view stored) {
  if (stored == "s")
    return {1.0 / 3600.0, "h"};
  if (stored == "1")
    return {100.0, "%"};
  if (stored == "a")
    return {1.0, "years"};
  if (stored == "1/1e6")
    return {1.0, "per million"};
  return {1.0, std::string(stored)};
}

std::string plain_number(double v, int significant) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  if (v == 0)
    return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
  const int decimals = std::clamp(significant - 1 - magnitude, 0, 15);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (decimals > 0) { // 3.500000 reads as 3.5
    while (s.back() == '0')
      s.pop_back();
    if (s.back() == '.')
      s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

} // namespace gigatwin::results
