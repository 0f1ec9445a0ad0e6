#pragma once
// MachineState: the explicit states of one machine. `idle` is starved (no lot to work on),
// `blocked` holds a finished lot that the next step cannot take yet, `down` is broken or under
// repair. Later issues add off_shift and waiting_operator.

#include <array>
#include <cstdint>
#include <string_view>

namespace gigatwin::models {

enum class MachineState : std::uint8_t { idle, setup, busy, blocked, down };
inline constexpr std::uint8_t machine_state_count = 5;

inline constexpr std::array<std::string_view, machine_state_count> machine_state_names = {
    "idle", "setup", "busy", "blocked", "down"};

constexpr std::uint8_t index(MachineState s) {
  return static_cast<std::uint8_t>(s);
}

} // namespace gigatwin::models
