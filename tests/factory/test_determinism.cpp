// Reproducibility: the same scenario and seed give bit-identical results; another seed does not.

#include "LineBuilder.hpp"

#include "results/ResultsReader.hpp"

#include <filesystem>
#include <unistd.h>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
namespace fs = std::filesystem;

namespace {
LineBuilder line(std::uint64_t seed) {
  LineBuilder b(20000 * MIN, 100 * MIN);
  b.seed(seed)
      .poisson(0.7 / MIN)
      .step("a", 2, DistributionSpec::lognormal(2 * MIN, MIN))
      .failures(DistributionSpec::weibull(1.5, 300 * MIN), DistributionSpec::gamma(2, 5 * MIN),
                scenario::FailureBasis::calendar)
      .step("b", 1, DistributionSpec::triangular(0.5 * MIN, MIN, 1.2 * MIN), 4, 0.02)
      .setup(DistributionSpec::uniform(2 * MIN, 4 * MIN), 50);
  return b;
}

struct Dir {
  fs::path path = fs::temp_directory_path() / ("gigatwin-determinism-" + std::to_string(::getpid()));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
};
} // namespace

TEST_CASE("same seed gives identical time series and KPIs, another seed different ones", "[determinism]") {
  Dir dir;
  const auto a = (dir.path / "a.h5").string(), b = (dir.path / "b.h5").string(),
             c = (dir.path / "c.h5").string();
  auto ra = line(7).run(0, a);
  auto rb = line(7).run(0, b);
  auto rc = line(8).run(0, c);
  CHECK(ra.output == rb.output);
  CHECK(ra.wip_mean == rb.wip_mean); // bit-identical, not approximately equal
  CHECK(ra.cycle_time_mean_s == rb.cycle_time_mean_s);
  CHECK(ra.events == rb.events);
  CHECK(ra.cycle_time_mean_s != rc.cycle_time_mean_s);

  results::ResultsReader fa(a), fb(b), fc(c);
  for (const char* series : {"time", "throughput", "wip"}) {
    const std::string path = "/runs/p0000-r0000/timeseries/" + std::string(series);
    auto sa = fa.read_series(path);
    CHECK(sa.size() == 100);
    CHECK(sa == fb.read_series(path));
  }
  CHECK(fa.read_table("/runs/p0000-r0000/stations") == fb.read_table("/runs/p0000-r0000/stations"));
  CHECK(fa.read_series("/runs/p0000-r0000/timeseries/wip") !=
        fc.read_series("/runs/p0000-r0000/timeseries/wip"));
}

TEST_CASE("replications draw different numbers", "[determinism]") {
  auto r0 = line(7).run(0);
  auto r1 = line(7).run(1);
  CHECK(r0.cycle_time_mean_s != r1.cycle_time_mean_s);
}

TEST_CASE("batched and direct SimGrid timers give bit-identical runs", "[determinism]") {
  // The batched calendar must only change the cost, never the order of events: a line with
  // breakdowns, setups, blocking, scrap and a warm-up process (an S4U actor) gives the same
  // KPIs and time series either way.
  Dir dir;
  const auto a = (dir.path / "batched.h5").string(), b = (dir.path / "direct.h5").string();
  auto ra = line(11).run(0, a, kernel::TimerMode::batched);
  auto rb = line(11).run(0, b, kernel::TimerMode::direct);
  CHECK(ra.events == rb.events);
  CHECK(ra.output == rb.output);
  CHECK(ra.wip_mean == rb.wip_mean);
  CHECK(ra.cycle_time_mean_s == rb.cycle_time_mean_s);
  results::ResultsReader fa(a), fb(b);
  CHECK(fa.read_series("/runs/p0000-r0000/timeseries/wip") ==
        fb.read_series("/runs/p0000-r0000/timeseries/wip"));
  CHECK(fa.read_table("/runs/p0000-r0000/stations") == fb.read_table("/runs/p0000-r0000/stations"));
}
