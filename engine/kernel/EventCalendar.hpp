#pragma once
// EventCalendar: GigaTwin's pending hot-path events — (date s, callback) pairs in a 4-ary heap,
// ordered by date, then priority (`late` events, such as time-series samples, come after every
// other event of the same date), then scheduling order (so runs are deterministic). A
// handle can cancel an event that has not fired; cancelled entries are dropped lazily when
// they reach the top. The calendar does not own the clock: the Kernel advances SimGrid's clock
// to the calendar's head and pops what is due.
//
// Why this layout: the heap holds 16-byte keys (the date's bits, then one 64-bit number holding
// the priority above the scheduling order), compared as one 128-bit number; the callbacks stay in
// their slots and never move in a sift. Four children a node halve the heap's depth against a
// binary heap, and the keys are placed so that a node's four children fill one 64-byte cache
// line; the smallest of them is picked without a branch (a big plant's calendar holds thousands
// of pending events whose order a branch predictor cannot guess). An entry is live while its
// slot still holds its scheduling order, so a cancelled entry needs no search.
//
// Two tiers, when many events are pending: a big plant's calendar holds thousands of events,
// most of them far ahead (an aging room's week, a formation rack's day), while most pops are of
// events a few minutes ahead. Only events before a moving boundary are kept in the heap, small
// enough to stay in the processor's first-level cache; later ones wait unsorted in a list and
// are brought forward, with one pass over it, when the heap holds nothing before the boundary.
// The boundary's distance adapts so that a pass over the list is paid for by at least as many
// pops. From 128 pending events on (back to one tier below 32) there are two tiers: the default
// plant's ~500 pending events already pay for them (docs/BENCHMARKS.md).

#include "kernel/EventCallback.hpp"

#include <bit>
#include <cstdint>
#include <limits>
#include <new>
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
  using Callback = EventCallback;

  TimerHandle push(double date_s, Callback fn, EventPriority priority = EventPriority::normal);
  /// Removes a pending event; does nothing for a handle that already fired or was cancelled.
  void cancel(TimerHandle handle);
  bool empty() { return (settle(), size() == 0); }
  /// Date of the next live event; +infinity when there is none.
  double next_date() {
    settle();
    return size() == 0 ? std::numeric_limits<double>::infinity() : std::bit_cast<double>(keys_[root].date_bits);
  }
  /// The next live event. Requires !empty().
  TimerHandle head() {
    settle();
    return {slot_of_[root], slots_[slot_of_[root]].generation};
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
  // date's bits and the order make one 128-bit key.
  __extension__ using Wide = unsigned __int128;
  struct alignas(16) Key {
    std::uint64_t date_bits; ///< the date's IEEE 754 bits
    std::uint64_t order;     ///< priority in the top bit, then the scheduling sequence
    Wide wide() const { return (static_cast<Wide>(date_bits) << 64) | order; }
  };
  /// Heap storage on 64-byte boundaries, so that each group of four siblings is one cache line.
  template <class T>
  struct CacheLineAllocator {
    using value_type = T;
    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})); }
    void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{64}); }
    bool operator==(const CacheLineAllocator&) const { return true; }
  };
  struct Slot {
    Callback fn;
    std::uint64_t order = 0;      ///< the pending event's order; `free_order` once fired or cancelled
    std::uint32_t generation = 0; ///< bumped when the slot is freed, so stale handles die
    void* external = nullptr;
  };

  bool less(std::size_t a, std::size_t b) const { return keys_[a].wide() < keys_[b].wide(); }
  bool top_live() const { return slots_[slot_of_[root]].order == keys_[root].order; }
  std::size_t size() const { return keys_.size() - root; }
  /// Places the entry (key, slot) at position `at` or above it.
  void sift_up(std::size_t at, Key key, std::uint32_t slot);
  void remove_top();
  /// Makes the heap's top the next live event (or empties both tiers): drops cancelled entries
  /// and brings later events forward when the heap holds nothing before the boundary.
  void settle() {
    if (size() == 0 || !top_live() || keys_[root].date_bits >= boundary_bits_)
      settle_slowly();
  }
  void settle_slowly();
  void bring_forward();
  void start_two_tiers();
  TimerHandle allocate(Callback fn);
  void release(std::uint32_t slot);

  // The heap: entry k (0 = the earliest) sits at position k + root, its children at
  // 4k + 1 + root ... 4k + 4 + root, a multiple of 4: one cache line of keys.
  static constexpr std::size_t root = 3;
  std::vector<Key, CacheLineAllocator<Key>> keys_ = std::vector<Key, CacheLineAllocator<Key>>(root);
  std::vector<std::uint32_t> slot_of_ = std::vector<std::uint32_t>(root); ///< each heap entry's slot
  // The later tier: events at or after the boundary, unordered. The heap may hold events past
  // the boundary too (pushed while there was one tier); the top is popped only before it.
  struct Later {
    Key key;
    std::uint32_t slot;
  };
  std::vector<Later> later_;
  std::uint64_t boundary_bits_ = no_boundary; ///< the bits of the boundary's date
  double reach_s_ = 60;                       ///< the boundary's distance past the earliest event
  std::uint64_t pops_since_forward_ = 0;
  static constexpr std::uint64_t no_boundary = ~std::uint64_t{0}; // above every date's bits: one tier
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
};

} // namespace gigatwin::kernel
