#include "EventCalendar.hpp"

#include <algorithm>

namespace gigatwin::engine {

TimerHandle EventCalendar::push(double date_s, Callback fn, EventPriority priority) {
  TimerHandle h = allocate(std::move(fn));
  heap_.push_back({date_s, priority, sequence_++, h.slot, h.generation});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  return h;
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
  while (!heap_.empty() && slots_[heap_.front().slot].generation != heap_.front().generation) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

EventCalendar::Callback EventCalendar::pop(double& date_s) {
  drop_cancelled();
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Entry e = heap_.back();
  heap_.pop_back();
  date_s = e.date_s;
  Callback fn = std::move(slots_[e.slot].fn);
  release(e.slot);
  return fn;
}

} // namespace gigatwin::engine
