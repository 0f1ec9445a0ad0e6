// ProcessPool: every task ends exactly once with its own outcome, never more than `slots` run at
// once, progress reaches the parent, and a stop request starts nothing more and interrupts the
// tasks in flight.

#include "kernel/ProcessPool.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <thread>

using namespace gigatwin::kernel;

namespace {
/// Tasks 0..n-1 in order.
std::function<std::optional<std::size_t>()> counter(std::size_t n) {
  auto next = std::make_shared<std::size_t>(0);
  return [next, n]() -> std::optional<std::size_t> {
    if (*next == n)
      return std::nullopt;
    return (*next)++;
  };
}
} // namespace

TEST_CASE("every task ends once with its own payload, failure or crash", "[pool]") {
  std::map<std::size_t, ChildOutcome> ends;
  PoolCallbacks cb;
  cb.next_task = counter(6);
  cb.work = [](std::size_t task) -> std::string {
    if (task == 3)
      throw std::runtime_error("task three went wrong");
    if (task == 4) {
      std::signal(SIGABRT, SIG_DFL); // not Catch's handler, which would report a failed test
      std::abort();
    }
    return "result of " + std::to_string(task) + std::string(100000, 'x'); // more than a pipe holds
  };
  cb.on_done = [&](std::size_t task, const ChildOutcome& o) { CHECK(ends.emplace(task, o).second); };
  CHECK(ProcessPool(3).run(cb));
  REQUIRE(ends.size() == 6);
  for (std::size_t t : {0u, 1u, 2u, 5u}) {
    CHECK(ends[t].status == ChildOutcome::Status::ok);
    CHECK(ends[t].payload == "result of " + std::to_string(t) + std::string(100000, 'x'));
  }
  CHECK(ends[3].status == ChildOutcome::Status::failed);
  CHECK(ends[3].payload == "task three went wrong");
  CHECK(ends[4].status == ChildOutcome::Status::crashed);
  CHECK(ends[4].payload.find("signal 6") != std::string::npos);
}

TEST_CASE("at most `slots` tasks run at once, and the slots are used", "[pool]") {
  std::size_t started = 0, ended = 0, peak = 0;
  PoolCallbacks cb;
  auto next = counter(6);
  cb.next_task = [&] {
    auto t = next();
    if (t) {
      ++started;
      peak = std::max(peak, started - ended);
    }
    return t;
  };
  cb.work = [](std::size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    return std::string("ok");
  };
  cb.on_done = [&](std::size_t, const ChildOutcome& o) {
    CHECK(o.status == ChildOutcome::Status::ok);
    ++ended;
  };
  CHECK(ProcessPool(2).run(cb));
  CHECK(ended == 6);
  CHECK(peak == 2);
}

TEST_CASE("progress reported in a child reaches the parent in order", "[pool]") {
  std::map<std::size_t, std::vector<double>> seen;
  PoolCallbacks cb;
  cb.next_task = counter(2);
  cb.work = [](std::size_t) {
    for (int i = 1; i <= 4; ++i)
      report_progress(i / 4.0);
    return std::string();
  };
  cb.on_progress = [&](std::size_t task, double f) { seen[task].push_back(f); };
  CHECK(ProcessPool(2).run(cb));
  for (std::size_t t : {0u, 1u})
    CHECK(seen[t] == std::vector<double>{0.25, 0.5, 0.75, 1.0});
}

TEST_CASE("a stop request starts no more tasks and interrupts those running", "[pool]") {
  std::size_t started = 0;
  std::map<std::size_t, ChildOutcome> ends;
  PoolCallbacks cb;
  auto next = counter(10);
  cb.next_task = [&] {
    auto t = next();
    started += t ? 1 : 0;
    return t;
  };
  cb.work = [](std::size_t task) {
    std::signal(SIGTERM, SIG_DFL); // not Catch's handler: the stop must end the task
    if (task == 0)
      return std::string("quick");
    std::this_thread::sleep_for(std::chrono::seconds(60)); // killed by the stop long before
    return std::string("slow");
  };
  cb.on_done = [&](std::size_t task, const ChildOutcome& o) { ends.emplace(task, o); };
  cb.stop_requested = [&] { return ends.contains(0); };
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(ProcessPool(2).run(cb));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
  CHECK(ends[0].status == ChildOutcome::Status::ok);
  // Task 0 ended, so task 2 may have started before the stop was seen; nothing after that.
  CHECK(started <= 3);
  CHECK(ends.size() == started);
  for (const auto& [task, o] : ends)
    if (task != 0)
      CHECK(o.status == ChildOutcome::Status::interrupted);
}
