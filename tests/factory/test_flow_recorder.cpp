// The flow recorder from observations alone, against values worked out by hand: two lots
// through two station groups, one out and one scrapped, then the warm-up's reset.

#include "plant/FlowRecorder.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gigatwin::plant;

namespace {
Observation lot_event(ObservationKind kind, double t, std::int64_t lot, std::int32_t group, double arrived_s,
                      double entry_s = 0, double created_s = 0, std::int64_t count = 0) {
  return Observation{.time_s = t,
                     .kind = kind,
                     .lot = lot,
                     .product = static_cast<std::int32_t>(lot % 2), // lot 0: product 0, lot 1: product 1
                     .group = group,
                     .count = count,
                     .lot_entry_s = entry_s,
                     .lot_created_s = created_s,
                     .lot_arrived_s = arrived_s};
}
} // namespace

TEST_CASE("the flow recorder measures waits, times at steps and lead times from observations", "[flow]") {
  FlowRecorder flow;
  flow.prepare(2, 2);
  using K = ObservationKind;
  // Lot 0: released at 0, straight onto a machine of group 0, passed on at 5; into group 1's
  // buffer at 5, started at 8 (waited 3), passed on at 10 (5 at the step), out at 10.
  flow.observe(lot_event(K::lot_released, 0, 0, 0, 0));
  flow.observe(lot_event(K::lot_arrived, 0, 0, 0, 0, 0, 0, 0));
  flow.observe(lot_event(K::lot_started, 0, 0, 0, 0));
  flow.observe(lot_event(K::lot_moved, 5, 0, 0, 0));
  flow.observe(lot_event(K::lot_arrived, 5, 0, 1, 5, 0, 0, 1));
  flow.observe(lot_event(K::lot_started, 8, 0, 1, 5));
  flow.observe(lot_event(K::lot_moved, 10, 0, 1, 5));
  flow.observe(lot_event(K::lot_completed, 10, 0, Observation::none, 5, 0, 0));
  // Lot 1: released at 1, waited at group 0 from 1 to 5, scrapped there at 7.
  flow.observe(lot_event(K::lot_released, 1, 1, 0, 1, 1, 1));
  flow.observe(lot_event(K::lot_arrived, 1, 1, 0, 1, 1, 1, 1));
  flow.observe(lot_event(K::lot_started, 5, 1, 0, 1, 1, 1));
  flow.observe(lot_event(K::lot_scrapped, 7, 1, 0, 1, 1, 1));
  // Kinds it does not measure pass by.
  flow.observe(Observation{.time_s = 7, .kind = K::machine_state, .group = 0, .machine = 0, .state = 2});

  const auto& g0 = flow.station(0);
  CHECK(g0.arrivals == 2);
  CHECK(g0.waiting_probability() == Approx(0.5)); // lot 1 waited, lot 0 did not
  CHECK(g0.wait_s.count() == 2);
  CHECK(g0.wait_s.mean() == Approx((0.0 + 4.0) / 2));
  CHECK(g0.time_at_step_s.count() == 1); // the scrapped lot never moved on
  CHECK(g0.time_at_step_s.mean() == Approx(5.0));
  const auto& g1 = flow.station(1);
  CHECK(g1.waiting_probability() == Approx(1.0));
  CHECK(g1.wait_s.mean() == Approx(3.0));
  CHECK(g1.time_at_step_s.mean() == Approx(5.0));
  CHECK(g1.time_at_step_quantiles.quantile(0) == Approx(5.0)); // one value: exact

  CHECK(flow.output() == 1);
  CHECK(flow.output_since_start() == 1);
  CHECK(flow.scrap() == 1);
  CHECK(flow.first_pass() == 1);
  CHECK(flow.escaped() == 0);
  CHECK(flow.lead_time_s().mean() == Approx(10.0));
  CHECK(flow.sojourn_all_s().count() == 2);
  CHECK(flow.sojourn_all_s().mean() == Approx((10.0 + 6.0) / 2)); // out after 10, scrapped after 6
  CHECK(flow.product(0).released == 1);
  CHECK(flow.product(0).output == 1);
  CHECK(flow.product(1).scrap == 1);
  CHECK(flow.product(1).output == 0);
  CHECK(std::isnan(flow.product(1).lead_time_s.mean()));

  // The warm-up ends: everything restarts but the output since time 0.
  flow.reset();
  CHECK(flow.output() == 0);
  CHECK(flow.output_since_start() == 1);
  CHECK(flow.station(0).arrivals == 0);
  CHECK(std::isnan(flow.station(0).waiting_probability()));
  CHECK(flow.sojourn_all_s().count() == 0);
}
