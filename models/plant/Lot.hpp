#pragma once
// Lot: one unit of work flowing through the line (a tray of cells in the default plant).
// It enters the system at the source (or, with a saturated source, when the first machine
// starts it) and leaves at the sink or when scrapped. A lot may carry a defect nobody has
// seen yet (an inspection may catch it, or it escapes to the customer) and remembers whether
// it was ever sent back for rework. Times in s.

#include <cstdint>

namespace gigatwin::plant {

/// The step of a lot that has left the line (Lot::step), and of the sink in routing tables.
inline constexpr std::uint32_t sink_step = 0xFFFFFFFFu;

struct Lot {
  std::uint64_t id = 0;
  double entry_s = 0.0;    ///< when it (or, assembled, its first part) entered: cycle times count from here
  double created_s = 0.0;  ///< when this lot came into being (released or assembled): Little's law
  double buffered_s = 0.0; ///< when it entered the buffer it waits in (batch timeouts)
  double arrived_s = 0.0;  ///< when it arrived at the step it is at: its wait and time there count from here
  bool defective = false;
  bool reworked = false;
  std::uint32_t product = 0; ///< index into scenario::ScenarioSpec::products
  std::uint32_t step = 0;    ///< the step it is at, or heading to once finished there (sink_step: out)
};

} // namespace gigatwin::plant
