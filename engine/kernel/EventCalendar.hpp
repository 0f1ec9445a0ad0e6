#pragma once
// EventCalendar: GigaTwin's pending hot-path events — (date s, callback) pairs in a 4-ary heap,
// ordered by date, then priority (`late` events, such as time-series samples, come after every
// other event of the same date), then scheduling order (so runs are deterministic). A
// handle can cancel an event that has not fired; cancelled entries are dropped lazily when
// they reach the top. The calendar does not own the clock: the Kernel advances SimGrid's clock
// to the calendar's head and pops what is due.
//
// Why this layout: a heap entry is 24 bytes (the date, one 64-bit key holding the priority above
// the scheduling order, the slot), so the sift compares two numbers and moves no callback; the
// callbacks stay in their slots. Four children a node halve the heap's depth against a binary
// heap and keep siblings in one cache line, which is what a plant with tens of thousands of
// pending events pays for.

#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace gigatwin::kernel {

/// Names one scheduled event. A default-constructed handle names none.
enum class EventPriority : std::uint8_t { normal = 0, late = 1 };

struct TimerHandle {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0; ///< 0 = no event
  explicit operator bool() const { return generation != 0; }
};

class EventCalendar {
public:
  using Callback = std::function<void()>;

  TimerHandle push(double date_s, Callback fn, EventPriority priority = EventPriority::normal);
  /// Removes a pending event; does nothing for a handle that already fired or was cancelled.
  void cancel(TimerHandle handle);
  bool empty() { return (drop_cancelled(), heap_.empty()); }
  /// Date of the next live event; +infinity when there is none.
  double next_date() {
    drop_cancelled();
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.front().date_s();
  }
  /// The next live event. Requires !empty().
  TimerHandle head() {
    drop_cancelled();
    return {heap_.front().slot, heap_.front().generation};
  }
  /// Removes the next live event and returns its callback and date. Requires !empty().
  Callback pop(double& date_s);
  /// Something a kernel keeps with a pending event (direct mode: its SimGrid timer).
  void set_external(TimerHandle handle, void* external) { slots_[handle.slot].external = external; }
  void* external(TimerHandle handle) const { return slots_[handle.slot].external; }
  bool live(TimerHandle handle) const {
    return handle.generation != 0 && handle.slot < slots_.size() &&
           slots_[handle.slot].generation == handle.generation;
  }

private:
  // Dates are never negative, and the bits of non-negative doubles sort as the numbers do: the
  // date's bits and the order make one 128-bit key, compared without a branch.
  __extension__ using Key = unsigned __int128;
  struct Entry {
    std::uint64_t date_bits; ///< the date's IEEE 754 bits
    std::uint64_t order;     ///< priority in the top bit, then the scheduling sequence
    std::uint32_t slot;
    std::uint32_t generation;
    Key key() const { return (static_cast<Key>(date_bits) << 64) | order; }
    double date_s() const { return std::bit_cast<double>(date_bits); }
  };
  static bool before(const Entry& a, const Entry& b) { return a.key() < b.key(); }
  struct Slot {
    Callback fn;
    std::uint32_t generation = 0; ///< bumped when the slot is freed, so stale handles die
    void* external = nullptr;
  };

  /// Places `moving` at `i` or above it.
  void sift_up(std::size_t i, Entry moving);
  void remove_top();
  void drop_cancelled();
  TimerHandle allocate(Callback fn);
  void release(std::uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
};

} // namespace gigatwin::kernel
