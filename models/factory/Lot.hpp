#pragma once
// Lot: one unit of work flowing through the line (a tray of cells in the default plant).
// It enters the system at the source (or, with a saturated source, when the first machine
// starts it) and leaves at the sink or when scrapped. Times in s.

#include <cstdint>

namespace gigatwin::models {

struct Lot {
  std::uint64_t id = 0;
  double entry_s = 0.0;
};

} // namespace gigatwin::models
