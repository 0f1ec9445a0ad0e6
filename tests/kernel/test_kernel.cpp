// The kernel facade: event order, priorities, cancellation, processes, stops and sampling, in
// both timer modes. Each case runs in a child process (SimGrid allows one engine per process).

#include "kernel/ChildProcess.hpp"
#include "kernel/Kernel.hpp"
#include "kernel/TimeSeriesSampler.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <string>

using namespace gigatwin::kernel;

namespace {
/// Runs `body` with a fresh Kernel in a child process; returns what it wrote to its log.
std::string in_child(TimerMode mode, const std::function<void(Kernel&, std::ostringstream&)>& body) {
  auto outcome = run_in_child([&] {
    Kernel kernel(mode);
    std::ostringstream log;
    body(kernel, log);
    return log.str();
  });
  REQUIRE(outcome.status == ChildOutcome::Status::ok);
  return outcome.payload;
}

const TimerMode modes[] = {TimerMode::batched, TimerMode::direct};
} // namespace

TEST_CASE("events run in date order, equal dates in scheduling order, late ones last", "[kernel]") {
  for (auto mode : modes) {
    auto log = in_child(mode, [](Kernel& k, std::ostringstream& out) {
      k.schedule_at(2, [&] { out << "b2 "; });
      k.schedule_at(1, [&] { out << "a1 "; });
      k.schedule_at(
          2, [&] { out << "c2 "; }, EventPriority::late);
      k.schedule_at(2, [&] { out << "d2 "; });
      k.schedule_at(1, [&] {
        out << "e1 ";
        k.schedule_at(1, [&] { out << "f1 "; }); // same date, scheduled while running: still today
      });
      k.run_until(10, 10);
    });
    CHECK(log == "a1 e1 f1 b2 d2 c2 ");
  }
}

TEST_CASE("a cancelled event never runs, and stale handles are harmless", "[kernel]") {
  for (auto mode : modes) {
    auto log = in_child(mode, [](Kernel& k, std::ostringstream& out) {
      TimerHandle x = k.schedule_at(3, [&] { out << "x "; });
      TimerHandle y = k.schedule_at(1, [&] { out << "y@" << k.now() << " "; });
      TimerHandle same_date = k.schedule_at(3, [&] { out << "z "; });
      k.schedule_at(2, [&, x]() mutable {
        k.cancel(x);
        k.cancel(x); // twice: no effect
      });
      k.run_until(2.5, 10);
      k.cancel(y); // already fired: no effect
      k.run_until(10, 10);
      (void)same_date;
    });
    CHECK(log == "y@1 z ");
  }
}

TEST_CASE("a process spawned by an event starts at that event's date in both modes", "[kernel]") {
  // Events at 1 (spawns), 2, 3, 4; the process logs at its start and after sleeping until 2.5.
  std::string logs[2];
  for (int m = 0; m < 2; ++m)
    logs[m] = in_child(modes[m], [](Kernel& k, std::ostringstream& out) {
      k.schedule_at(1, [&] {
        out << "e1 ";
        k.spawn_process("story", [&] {
          out << "p@" << k.now() << " ";
          k.sleep_until(2.5);
          k.in_kernel([&] { out << "p@" << k.now() << " "; });
        });
      });
      for (int t : {2, 3, 4})
        k.schedule_at(t, [&, t] { out << "e" << t << " "; });
      k.run_until(10, 10);
    });
  CHECK(logs[0] == "e1 p@1 e2 p@2.5 e3 e4 ");
  CHECK(logs[1] == logs[0]);
}

TEST_CASE("a stop requested by an event ends the run at the end of the slice", "[kernel]") {
  for (auto mode : modes) {
    auto log = in_child(mode, [](Kernel& k, std::ostringstream& out) {
      for (int t = 1; t <= 8; ++t)
        k.schedule_at(t, [&, t] {
          out << t << " ";
          if (t == 3)
            k.request_stop();
        });
      const bool finished = k.run_until(8, 4); // slices end at 4 and 8
      out << (finished ? "finished" : "stopped") << "@" << k.now();
    });
    CHECK(log == "1 2 3 4 stopped@4");
  }
}

TEST_CASE("the sampler ticks at exact multiples, sees events of its date, and never loses the last",
          "[kernel]") {
  auto log = in_child(TimerMode::batched, [](Kernel& k, std::ostringstream& out) {
    int arrivals = 0;
    for (int t = 1; t <= 4; ++t)
      k.schedule_at(t, [&] { ++arrivals; });
    TimeSeriesSampler s(k, 2.0, 4.0, [&](double t) { out << t << ":" << arrivals << " "; });
    s.start();
    k.run_until(4, 1);
  });
  CHECK(log == "2:2 4:4 ");

  // 3 d at 10.8 s: 24 000 samples, the last exactly at the end despite rounding of k x 10.8.
  auto count = in_child(TimerMode::batched, [](Kernel& k, std::ostringstream& out) {
    double last = 0;
    TimeSeriesSampler s(k, 10.8, 3 * 86400.0, [&](double t) { last = t; });
    s.start();
    k.run_until(3 * 86400.0, 86400.0);
    out << s.samples() << " " << (last == 3 * 86400.0 ? "end" : "short");
  });
  CHECK(count == "24000 end");
}
