#include "core/Tally.hpp"

#include <cmath>
#include <limits>

namespace gigatwin::core {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}

void Tally::reset() {
  *this = Tally{};
}

double Tally::mean() const {
  return n_ > 0 ? mean_ : nan;
}

double Tally::variance() const {
  return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : nan;
}

double Tally::stddev() const {
  return std::sqrt(variance());
}

double Tally::min() const {
  return n_ > 0 ? min_ : nan;
}

double Tally::max() const {
  return n_ > 0 ? max_ : nan;
}

} // namespace gigatwin::core
