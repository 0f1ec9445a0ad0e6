// The event calendar against a plainly correct reference: a sorted list of (date, priority,
// scheduling order). Random pushes (many equal dates, both priorities), cancellations (of live,
// fired and already cancelled events) and pops must come out in exactly the reference's order.

#include "kernel/EventCalendar.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <random>
#include <set>
#include <tuple>
#include <vector>

using namespace gigatwin::kernel;

TEST_CASE("the calendar pops in date, priority, scheduling order, whatever is cancelled", "[kernel][calendar]") {
  for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    std::mt19937 rng(seed);
    EventCalendar calendar;
    struct Pending {
      double date;
      int priority;
      std::uint64_t order;
      int id;
      TimerHandle handle;
    };
    std::vector<Pending> reference;
    std::vector<TimerHandle> all; // live, fired and cancelled
    std::vector<int> fired, expected;
    std::uint64_t order = 0;
    int next_id = 0;
    double now = 0;
    for (int step = 0; step < 20000; ++step) {
      const int what = std::uniform_int_distribution<int>(0, 9)(rng);
      if (what < 5) { // push, at a coarse grid of dates so that ties are frequent
        const double date = now + std::uniform_int_distribution<int>(0, 20)(rng) * 0.5;
        const int priority = std::uniform_int_distribution<int>(0, 4)(rng) == 0 ? 1 : 0;
        const int id = next_id++;
        const TimerHandle h = calendar.push(date, [&fired, id] { fired.push_back(id); },
                                            priority ? EventPriority::late : EventPriority::normal);
        reference.push_back({date, priority, order++, id, h});
        all.push_back(h);
      } else if (what < 7 && !all.empty()) { // cancel any handle, live or not
        const TimerHandle h = all[std::uniform_int_distribution<std::size_t>(0, all.size() - 1)(rng)];
        calendar.cancel(h);
        std::erase_if(reference, [&](const Pending& p) {
          return p.handle.slot == h.slot && p.handle.generation == h.generation;
        });
      } else if (!reference.empty()) { // pop
        const auto first = std::min_element(reference.begin(), reference.end(), [](const Pending& a, const Pending& b) {
          return std::tie(a.date, a.priority, a.order) < std::tie(b.date, b.priority, b.order);
        });
        REQUIRE_FALSE(calendar.empty());
        REQUIRE(calendar.next_date() == first->date);
        expected.push_back(first->id);
        reference.erase(first);
        double date = 0;
        calendar.pop(date)();
        now = date;
      } else {
        REQUIRE(calendar.empty());
      }
    }
    CHECK(fired == expected);
    CHECK(expected.size() > 3000);
  }
}

TEST_CASE("the calendar refuses dates before 0 and NaN, which its key cannot order", "[kernel][calendar]") {
  EventCalendar calendar;
  CHECK_THROWS_AS(calendar.push(-1.0, [] {}), std::invalid_argument);
  CHECK_THROWS_AS(calendar.push(std::nan(""), [] {}), std::invalid_argument);
  calendar.push(-0.0, [] {}); // -0.0 is 0
  calendar.push(0.0, [] {});
  CHECK(calendar.next_date() == 0.0);
  double date = 1;
  calendar.pop(date);
  CHECK(date == 0.0);
}

TEST_CASE("a calendar with thousands of pending events, near and far, keeps the order", "[kernel][calendar]") {
  // A big plant's calendar: thousands of events from seconds to weeks ahead, so that the
  // calendar keeps the far ones in its later tier; then drained below a few hundred (one tier
  // again) and filled once more. The reference is an ordered set of (date, priority, order).
  std::mt19937 rng(11);
  EventCalendar calendar;
  std::set<std::tuple<double, int, std::uint64_t, int>> reference;
  std::vector<std::pair<TimerHandle, std::tuple<double, int, std::uint64_t, int>>> handles;
  std::vector<int> fired, expected;
  std::uint64_t order = 0;
  int next_id = 0;
  double now = 0;
  const auto push = [&] {
    // Delays log-uniform from 1 s to two weeks, on a coarse grid (ties) one time in four.
    double delay = std::exp(std::uniform_real_distribution<double>(0, std::log(14 * 86400.0))(rng));
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0)
      delay = std::round(delay / 60) * 60;
    const int priority = std::uniform_int_distribution<int>(0, 9)(rng) == 0 ? 1 : 0;
    const int id = next_id++;
    const auto key = std::make_tuple(now + delay, priority, order++, id);
    const TimerHandle h = calendar.push(now + delay, [&fired, id] { fired.push_back(id); },
                                        priority ? EventPriority::late : EventPriority::normal);
    reference.insert(key);
    handles.emplace_back(h, key);
  };
  const auto pop = [&] {
    REQUIRE_FALSE(calendar.empty());
    REQUIRE(calendar.next_date() == std::get<0>(*reference.begin()));
    expected.push_back(std::get<3>(*reference.begin()));
    reference.erase(reference.begin());
    double date = 0;
    calendar.pop(date)();
    REQUIRE(date >= now);
    now = date;
  };
  const auto cancel_some = [&] {
    auto& [h, key] = handles[std::uniform_int_distribution<std::size_t>(0, handles.size() - 1)(rng)];
    if (calendar.live(h))
      reference.erase(key);
    calendar.cancel(h);
  };
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 6000; ++i) // fill: two tiers
      push();
    for (int i = 0; i < 60000; ++i) { // steady state: a pop, a push, now and then a cancellation
      pop();
      push();
      if (i % 7 == 0)
        cancel_some();
    }
    while (reference.size() > 100) // drain: one tier again
      pop();
  }
  while (!reference.empty())
    pop();
  CHECK(calendar.empty());
  CHECK(fired == expected);
  CHECK(expected.size() > 100'000);
}

TEST_CASE("an event's callback keeps what it captured, copied as bytes", "[kernel][calendar]") {
  // Four captured words (the most it holds), read back when it fires; a copy fires alike.
  std::vector<double> seen;
  const double a = 1.5, b = -2.0;
  const std::int64_t n = 7;
  EventCallback cb = [&seen, a, b, n] { seen.insert(seen.end(), {a, b, static_cast<double>(n)}); };
  EventCallback copy = cb;
  CHECK(static_cast<bool>(cb));
  CHECK_FALSE(static_cast<bool>(EventCallback{}));
  cb();
  copy();
  CHECK(seen == std::vector<double>{1.5, -2.0, 7.0, 1.5, -2.0, 7.0});
}

TEST_CASE("two tiers keep the order at extreme spacings: ties, microseconds, centuries", "[kernel][calendar]") {
  // Thousands of events at one date (the later tier cannot split them), then a dense cluster a
  // microsecond apart far in the future, then centuries apart: every pop in the reference's order.
  EventCalendar calendar;
  std::vector<int> fired, expected;
  std::set<std::tuple<double, std::uint64_t, int>> reference;
  std::uint64_t order = 0;
  const auto push = [&](double date) {
    const int id = static_cast<int>(order);
    calendar.push(date, [&fired, id] { fired.push_back(id); });
    reference.insert({date, order++, id});
  };
  for (int i = 0; i < 3000; ++i)
    push(5.0);
  for (int i = 0; i < 3000; ++i)
    push(1e9 + 1e-6 * ((i * 7919) % 3000));
  for (int i = 0; i < 1500; ++i)
    push(1e12 + 3.15e9 * ((i * 37) % 1500));
  while (!reference.empty()) {
    REQUIRE(calendar.next_date() == std::get<0>(*reference.begin()));
    expected.push_back(std::get<2>(*reference.begin()));
    reference.erase(reference.begin());
    double date = 0;
    calendar.pop(date)();
    if (expected.size() % 500 == 0) // and new events keep arriving near the clock
      push(date + 1e-6);
  }
  CHECK(calendar.empty());
  CHECK(fired == expected);
}
