#pragma once
// ShiftCalendar: the sequence of shifts a CalendarSpec produces, in time order — each with its
// start and end (s since time 0, a Monday 00:00) and the crew that works it (crews take the
// shifts in turn). A night shift of the Sunday before time 0 that runs past midnight is
// included, cut at 0. Pure arithmetic, no simulation: the worker pools' shift processes read it.

#include "scenario/ScenarioSpec.hpp"

#include <cstdint>

namespace gigatwin::scenario {

struct ShiftInstance {
  double start_s; ///< cut to 0 for the shift of the Sunday night before time 0
  double end_s;
  std::int64_t crew;
  double nominal_start_s; ///< as scheduled (negative for that Sunday-night shift): the week it counts in
};

class ShiftCalendar {
public:
  explicit ShiftCalendar(const CalendarSpec& spec);
  /// The next shift in time order; the sequence is endless.
  ShiftInstance next();
  /// Workers in `crew` when `headcount` is split into the crews as evenly as possible.
  std::int64_t crew_size(std::int64_t headcount, std::int64_t crew) const;

private:
  const CalendarSpec& spec_;
  std::int64_t day_ = -1; // the Sunday before time 0
  std::size_t shift_ = 0;
  std::int64_t worked_ = 0; // shifts handed out so far: the crew rotation counter
};

} // namespace gigatwin::scenario
