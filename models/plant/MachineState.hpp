#pragma once
// MachineState: the explicit states of one machine. `idle` is starved (no lot to work on),
// `blocked` holds a finished lot that the next step cannot take yet, `down` is broken or under
// repair, `waiting_operator` has work but lacks the workers it needs, `off_shift` likewise while
// no worker with the skill is on shift at all, `halted` is stopped by an outage of the control
// tower its automation mode depends on.

#include <array>
#include <cstdint>
#include <string_view>

namespace gigatwin::plant {

enum class MachineState : std::uint8_t {
  idle,
  setup,
  busy,
  blocked,
  down,
  waiting_operator,
  off_shift,
  halted
};
inline constexpr std::uint8_t machine_state_count = 8;

inline constexpr std::array<std::string_view, machine_state_count> machine_state_names = {
    "idle", "setup", "busy", "blocked", "down", "waiting_operator", "off_shift", "halted"};

constexpr std::uint8_t index(MachineState s) {
  return static_cast<std::uint8_t>(s);
}

} // namespace gigatwin::plant
