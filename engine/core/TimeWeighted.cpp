#include "core/TimeWeighted.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace gigatwin::core {

namespace {
void require_not_before(double t, double t_last, const char* what) {
  if (!(t >= t_last))
    throw std::invalid_argument(std::string("TimeWeighted::") + what + ": time " + std::to_string(t) +
                                " s is before the last update at " + std::to_string(t_last) + " s");
}
} // namespace

TimeWeighted::TimeWeighted(double t0, double value)
    : t_start_(t0), t_last_(t0), value_(value), max_(value), min_(value) {}

void TimeWeighted::throw_time_went_back(double t, const char* what) const {
  require_not_before(t, t_last_, what);
  throw std::logic_error("TimeWeighted: unreachable");
}

double TimeWeighted::integral(double t_now) const {
  require_not_before(t_now, t_last_, "integral");
  return area_ + value_ * (t_now - t_last_);
}

double TimeWeighted::mean(double t_now) const {
  const double area = integral(t_now);
  const double span = t_now - t_start_;
  return span > 0 ? area / span : value_;
}

void TimeWeighted::reset(double t) {
  require_not_before(t, t_last_, "reset");
  t_start_ = t;
  t_last_ = t;
  area_ = 0.0;
  max_ = value_;
  min_ = value_;
}

} // namespace gigatwin::core
