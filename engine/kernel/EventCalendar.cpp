#include "kernel/EventCalendar.hpp"

#include <stdexcept>
#include <string>

namespace gigatwin::kernel {

namespace {
constexpr std::size_t arity = 4;
constexpr std::uint64_t late_bit = std::uint64_t{1} << 63;
} // namespace

TimerHandle EventCalendar::push(double date_s, Callback fn, EventPriority priority) {
  // The key's order is the numbers' only for dates >= 0 (and NaN has none).
  if (!(date_s >= 0))
    throw std::invalid_argument("event calendar: an event at " + std::to_string(date_s) +
                                " s (dates are simulated seconds >= 0)");
  TimerHandle h = allocate(std::move(fn));
  const std::uint64_t order = (priority == EventPriority::late ? late_bit : 0) | sequence_++;
  // + 0.0 turns a -0.0 into +0.0, whose bits sort first.
  const Entry entry{std::bit_cast<std::uint64_t>(date_s + 0.0), order, h.slot, h.generation};
  heap_.push_back(entry);
  sift_up(heap_.size() - 1, entry);
  return h;
}

// `moving` comes by value, not read back from heap_[i]: reading a 24-byte entry just written
// stalls on store forwarding, and this runs for every event.
void EventCalendar::sift_up(std::size_t i, const Entry moving) {
  while (i > 0) {
    const std::size_t parent = (i - 1) / arity;
    if (!before(moving, heap_[parent]))
      break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventCalendar::remove_top() {
  // Floyd's way: the hole at the top goes down to a leaf along the earlier children (one
  // comparison among siblings a level, none against the moving entry), and the last entry
  // then rises from there — usually not at all, as it came from the bottom.
  const std::size_t n = heap_.size() - 1;
  const Entry moving = heap_[n];
  heap_.pop_back();
  if (n == 0)
    return;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * arity + 1;
    if (first >= n)
      break;
    std::size_t best = first;
    const std::size_t last = first + arity < n ? first + arity : n;
    for (std::size_t c = first + 1; c < last; ++c)
      best = before(heap_[c], heap_[best]) ? c : best;
    heap_[hole] = heap_[best];
    hole = best;
  }
  sift_up(hole, moving);
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
  if (++s.generation == 0) // skip 0, the "no event" generation
    s.generation = 1;
  free_slots_.push_back(slot);
}

void EventCalendar::cancel(TimerHandle handle) {
  if (live(handle))
    release(handle.slot);
}

void EventCalendar::drop_cancelled() {
  while (!heap_.empty() && slots_[heap_.front().slot].generation != heap_.front().generation)
    remove_top();
}

EventCalendar::Callback EventCalendar::pop(double& date_s) {
  drop_cancelled();
  const Entry e = heap_.front();
  remove_top();
  date_s = e.date_s();
  Callback fn = std::move(slots_[e.slot].fn);
  release(e.slot);
  return fn;
}

} // namespace gigatwin::kernel
