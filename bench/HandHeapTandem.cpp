// The reference point: the least a simulator must do — a binary heap of (time, station) events
// and FIFO queues of entry times — with the same random streams and samplers as GigaTwin.

#include "TandemBench.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"

#include <chrono>
#include <cstring>
#include <deque>
#include <queue>
#include <stdexcept>

namespace gigatwin::bench {

std::string BenchFigures::encode() const {
  std::string s(4 * sizeof(double), '\0');
  const double v[4] = {lots, events, wall_s, mean_time_in_system};
  std::memcpy(s.data(), v, sizeof v);
  return s;
}

BenchFigures BenchFigures::decode(const std::string& bytes) {
  if (bytes.size() != 4 * sizeof(double))
    throw std::runtime_error("benchmark process returned malformed figures");
  double v[4];
  std::memcpy(v, bytes.data(), sizeof v);
  return {v[0], v[1], v[2], v[3]};
}

double analytic_time_in_system(const TandemModel& model) {
  double w = 0;
  for (double m : model.service_means)
    w += 1.0 / (1.0 / m - model.arrival_rate);
  return w;
}

BenchFigures run_hand_heap(const TandemModel& model) {
  const auto start = std::chrono::steady_clock::now();
  struct Event {
    double t;
    std::uint64_t seq;
    int station; // -1 = external arrival
    bool operator>(const Event& o) const { return t > o.t || (t == o.t && seq > o.seq); }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> heap;
  const std::size_t n = model.service_means.size();
  std::vector<std::deque<double>> queue(n); // entry times of lots at each station, head in service
  std::vector<core::Distribution> service;
  std::vector<core::RandomStream> rng;
  for (std::size_t i = 0; i < n; ++i) {
    service.emplace_back(core::DistributionSpec::exponential(model.service_means[i]));
    rng.emplace_back(model.seed, 0, "hand/station" + std::to_string(i), "process_time");
  }
  core::Distribution interarrival(core::DistributionSpec::exponential(1.0 / model.arrival_rate));
  core::RandomStream arrival_rng(model.seed, 0, "hand/source", "interarrival");

  std::uint64_t seq = 0, events = 0;
  std::int64_t arrived = 0, done = 0;
  double sojourn_sum = 0;
  heap.push({interarrival.sample(arrival_rng), seq++, -1});
  auto arrive = [&](std::size_t i, double t, double entry) {
    queue[i].push_back(entry);
    if (queue[i].size() == 1)
      heap.push({t + service[i].sample(rng[i]), seq++, static_cast<int>(i)});
  };
  while (!heap.empty()) {
    Event e = heap.top();
    heap.pop();
    ++events;
    if (e.station < 0) {
      arrive(0, e.t, e.t);
      if (++arrived < model.lots)
        heap.push({e.t + interarrival.sample(arrival_rng), seq++, -1});
      continue;
    }
    auto i = static_cast<std::size_t>(e.station);
    double entry = queue[i].front();
    queue[i].pop_front();
    if (!queue[i].empty())
      heap.push({e.t + service[i].sample(rng[i]), seq++, e.station});
    if (i + 1 < n) {
      arrive(i + 1, e.t, entry);
    } else {
      sojourn_sum += e.t - entry;
      ++done;
    }
  }
  BenchFigures f;
  f.lots = static_cast<double>(done);
  f.events = static_cast<double>(events);
  f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  f.mean_time_in_system = done ? sojourn_sum / static_cast<double>(done) : 0;
  return f;
}

} // namespace gigatwin::bench
