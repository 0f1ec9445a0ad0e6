#include "kernel/EventCalendar.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace gigatwin::kernel {

namespace {
constexpr std::uint64_t late_bit = std::uint64_t{1} << 63;
constexpr std::uint64_t free_order = ~std::uint64_t{0}; // no event is ever scheduled with it
// Two tiers from this many events in the heap on, one again below the lower figure (a gap, so
// that a calendar near the threshold does not switch back and forth).
constexpr std::size_t two_tiers_from = 128, one_tier_below = 32;
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
  if (key.date_bits >= boundary_bits_) {
    later_.push_back({key, h.slot});
    return h;
  }
  keys_.push_back(key);
  slot_of_.push_back(h.slot);
  sift_up(keys_.size() - 1, key, h.slot);
  if (boundary_bits_ == no_boundary && size() > two_tiers_from)
    start_two_tiers();
  return h;
}

void EventCalendar::start_two_tiers() {
  // From now on, events past the boundary wait in the later tier. The heap keeps what it holds
  // (the top is popped only before the boundary, so the order holds).
  const std::uint64_t top = keys_[root].date_bits;
  boundary_bits_ = std::max(std::bit_cast<std::uint64_t>(std::bit_cast<double>(top) + reach_s_), top + 1);
}

void EventCalendar::settle_slowly() {
  for (;;) {
    while (size() != 0 && !top_live())
      remove_top();
    if (size() != 0 && keys_[root].date_bits < boundary_bits_)
      return;
    if (later_.empty() && size() == 0)
      return;
    bring_forward();
  }
}

void EventCalendar::bring_forward() {
  // The heap is empty or holds nothing before the boundary; the later tier holds only events at
  // or after it. The next boundary lies `reach_s_` past the earliest event of both tiers.
  std::uint64_t earliest = size() != 0 ? keys_[root].date_bits : no_boundary;
  for (const Later& e : later_)
    earliest = std::min(earliest, e.key.date_bits);
  // A pass over the later tier should be paid for by at least as many pops since the last one;
  // reaching further makes passes rarer and the heap bigger.
  // Kept within a millisecond and three years: a reach of 0 would never grow again (and make a
  // pass for every date), an infinite one would never shrink (one tier for good).
  if (!later_.empty()) {
    if (pops_since_forward_ < later_.size())
      reach_s_ = std::min(reach_s_ * 2, 1e8);
    else if (pops_since_forward_ > 8 * later_.size())
      reach_s_ = std::max(reach_s_ / 2, 1e-3);
  }
  pops_since_forward_ = 0;
  const std::uint64_t reached = std::bit_cast<std::uint64_t>(std::bit_cast<double>(earliest) + reach_s_);
  boundary_bits_ = std::max(reached, earliest + 1);
  for (std::size_t i = 0; i < later_.size();) {
    if (later_[i].key.date_bits < boundary_bits_) {
      keys_.push_back(later_[i].key);
      slot_of_.push_back(later_[i].slot);
      sift_up(keys_.size() - 1, later_[i].key, later_[i].slot);
      later_[i] = later_.back();
      later_.pop_back();
    } else {
      ++i;
    }
  }
  if (size() + later_.size() < one_tier_below) { // few pending: the heap alone
    for (const Later& e : later_) {
      keys_.push_back(e.key);
      slot_of_.push_back(e.slot);
      sift_up(keys_.size() - 1, e.key, e.slot);
    }
    later_.clear();
    boundary_bits_ = no_boundary;
  }
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

EventCalendar::Callback EventCalendar::pop(double& date_s) {
  settle();
  ++pops_since_forward_;
  const Key top = keys_[root];
  const std::uint32_t slot = slot_of_[root];
  remove_top();
  date_s = std::bit_cast<double>(top.date_bits);
  Callback fn = std::move(slots_[slot].fn);
  release(slot);
  return fn;
}

} // namespace gigatwin::kernel
