#include "kernel/EventCalendar.hpp"

#include <stdexcept>
#include <string>

namespace gigatwin::kernel {

namespace {
constexpr std::uint64_t late_bit = std::uint64_t{1} << 63;
constexpr std::uint64_t free_order = ~std::uint64_t{0}; // no event is ever scheduled with it
} // namespace

TimerHandle EventCalendar::push(double date_s, Callback fn, EventPriority priority) {
  // The key's order is the numbers' only for dates >= 0 (and NaN has none).
  if (!(date_s >= 0))
    throw std::invalid_argument("event calendar: an event at " + std::to_string(date_s) +
                                " s (dates are simulated seconds >= 0)");
  TimerHandle h = allocate(std::move(fn));
  const std::uint64_t order = (priority == EventPriority::late ? late_bit : 0) | sequence_++;
  slots_[h.slot].order = order;
  // + 0.0 turns a -0.0 into +0.0, whose bits sort first.
  const Key key{std::bit_cast<std::uint64_t>(date_s + 0.0), order};
  keys_.push_back(key);
  slot_of_.push_back(h.slot);
  sift_up(keys_.size() - 1, key, h.slot);
  return h;
}

// The entry comes by value, not read back from the heap: reading a key just written stalls on
// store forwarding, and this runs for every event.
void EventCalendar::sift_up(std::size_t at, const Key key, const std::uint32_t slot) {
  while (at > root) {
    const std::size_t parent = at / 4 + 2; // entry k's parent is (k - 1) / 4
    if (!(key.wide() < keys_[parent].wide()))
      break;
    keys_[at] = keys_[parent];
    slot_of_[at] = slot_of_[parent];
    at = parent;
  }
  keys_[at] = key;
  slot_of_[at] = slot;
}

void EventCalendar::remove_top() {
  // Floyd's way: the hole at the top goes down to a leaf along the earliest children (no
  // comparison against the moving entry), and the last entry then rises from there — usually
  // not at all, as it came from the bottom.
  const Key moving = keys_.back();
  const std::uint32_t moving_slot = slot_of_.back();
  keys_.pop_back();
  slot_of_.pop_back();
  const std::size_t end = keys_.size();
  if (end == root)
    return;
  std::size_t hole = root;
  for (;;) {
    const std::size_t first = 4 * hole - 8; // entry k's first child is 4k + 1
    if (first >= end)
      break;
    std::size_t best;
    if (first + 4 <= end) {
      // A tournament over the four keys of one cache line; the selects compile to conditional
      // moves: which child is earliest is a coin toss a branch would mispredict half the time.
      const std::size_t a = first + static_cast<std::size_t>(less(first + 1, first));
      const std::size_t b = first + 2 + static_cast<std::size_t>(less(first + 3, first + 2));
      best = a ^ ((a ^ b) & (std::size_t{0} - static_cast<std::size_t>(less(b, a))));
    } else {
      best = first;
      for (std::size_t c = first + 1; c < end; ++c)
        best = less(c, best) ? c : best;
    }
    keys_[hole] = keys_[best];
    slot_of_[hole] = slot_of_[best];
    hole = best;
  }
  sift_up(hole, moving, moving_slot);
}

TimerHandle EventCalendar::allocate(Callback fn) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    slots_.back().generation = 1;
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Slot& s = slots_[slot];
  s.fn = std::move(fn);
  s.external = nullptr;
  return {slot, s.generation};
}

void EventCalendar::release(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.fn = nullptr;
  s.external = nullptr;
  s.order = free_order;
  if (++s.generation == 0) // skip 0, the "no event" generation
    s.generation = 1;
  free_slots_.push_back(slot);
}

void EventCalendar::cancel(TimerHandle handle) {
  if (live(handle))
    release(handle.slot);
}

void EventCalendar::drop_cancelled() {
  while (size() != 0 && !top_live())
    remove_top();
}

EventCalendar::Callback EventCalendar::pop(double& date_s) {
  drop_cancelled();
  const Key top = keys_[root];
  const std::uint32_t slot = slot_of_[root];
  remove_top();
  date_s = std::bit_cast<double>(top.date_bits);
  Callback fn = std::move(slots_[slot].fn);
  release(slot);
  return fn;
}

} // namespace gigatwin::kernel
