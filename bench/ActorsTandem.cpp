// The tandem line written the way SimGrid's examples write processes: one actor per station
// waiting on a semaphore, `sleep_for` as service, a source actor and a sink that counts.

#include "TandemBench.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <chrono>
#include <deque>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace gigatwin::bench {

BenchFigures run_simgrid_actors(const TandemModel& model) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> args = {"bench", "--cfg=contexts/factory:raw", "--log=root.thres:warning",
                                   "--log=xbt_cfg.thres:warning"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  sg4::Engine engine(&argc, argv.data());
  auto* zone = sg4::create_empty_zone("bench");
  auto* host = zone->create_host("plant", 1e9);
  zone->seal();

  const std::size_t n = model.service_means.size();
  std::vector<std::deque<double>> queue(n);
  std::vector<sg4::SemaphorePtr> ready;
  for (std::size_t i = 0; i < n; ++i)
    ready.push_back(sg4::Semaphore::create(0));
  auto finished = sg4::Semaphore::create(0);
  double sojourn_sum = 0;
  std::int64_t done = 0;
  std::uint64_t events = 0;

  sg4::Actor::create("source", host, [&] {
    core::Distribution interarrival(core::DistributionSpec::exponential(1.0 / model.arrival_rate));
    core::RandomStream rng(model.seed, 0, "actors/source", "interarrival");
    for (std::int64_t k = 0; k < model.lots; ++k) {
      sg4::this_actor::sleep_for(interarrival.sample(rng));
      ++events;
      queue[0].push_back(sg4::Engine::get_clock());
      ready[0]->release();
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    sg4::Actor::create("station" + std::to_string(i), host, [&, i] {
      sg4::Actor::self()->daemonize();
      core::Distribution service(core::DistributionSpec::exponential(model.service_means[i]));
      core::RandomStream rng(model.seed, 0, "actors/station" + std::to_string(i), "process_time");
      for (;;) {
        ready[i]->acquire();
        sg4::this_actor::sleep_for(service.sample(rng));
        ++events;
        double entry = queue[i].front();
        queue[i].pop_front();
        if (i + 1 < n) {
          queue[i + 1].push_back(entry);
          ready[i + 1]->release();
        } else {
          sojourn_sum += sg4::Engine::get_clock() - entry;
          ++done;
          finished->release();
        }
      }
    });
  }
  sg4::Actor::create("sink", host, [&] {
    for (std::int64_t k = 0; k < model.lots; ++k)
      finished->acquire();
  });
  engine.run();

  BenchFigures f;
  f.lots = static_cast<double>(done);
  f.events = static_cast<double>(events);
  f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  f.mean_time_in_system = done ? sojourn_sum / static_cast<double>(done) : 0;
  return f;
}

} // namespace gigatwin::bench
