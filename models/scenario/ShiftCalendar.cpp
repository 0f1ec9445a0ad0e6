#include "scenario/ShiftCalendar.hpp"

#include "scenario/Units.hpp"

#include <algorithm>
#include <limits>

namespace gigatwin::scenario {

ShiftCalendar::ShiftCalendar(const CalendarSpec& spec) : spec_(spec) {}

ShiftInstance ShiftCalendar::next() {
  if (spec_.shifts.empty() || std::none_of(spec_.days.begin(), spec_.days.end(), [](bool d) { return d; }))
    return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0,
            std::numeric_limits<double>::infinity()};
  for (;;) {
    if (shift_ == spec_.shifts.size()) {
      shift_ = 0;
      ++day_;
    }
    const ShiftSpec& s = spec_.shifts[shift_++];
    const auto weekday = static_cast<std::size_t>(((day_ % 7) + 7) % 7); // 0 = Monday
    if (!spec_.days[weekday])
      continue;
    const double start = static_cast<double>(day_) * seconds_per_day + s.start_s;
    const double end = start + s.length_s;
    if (end <= 0.0)
      continue; // entirely before time 0
    return {std::max(start, 0.0), end, worked_++ % spec_.crews, start};
  }
}

std::int64_t ShiftCalendar::crew_size(std::int64_t headcount, std::int64_t crew) const {
  const std::int64_t base = headcount / spec_.crews;
  return base + (crew < headcount % spec_.crews ? 1 : 0);
}

} // namespace gigatwin::scenario
