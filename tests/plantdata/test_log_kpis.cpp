// The KPIs a log shows, by hand on a small log: throughput, lead time, WIP by Little's law and
// counted, utilisation.
#include "plantdata/LogKpis.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gigatwin::plantdata;

TEST_CASE("a log's throughput, lead time, WIP and utilisation, by hand", "[kpis]") {
  const std::string text =
      "time,kind,lot,station_group,machine,state\n"
      "0,lot_released,a,,,\n"
      "0,machine_state,,m,m/0,busy\n"
      "5,lot_released,b,,,\n"
      "10,lot_completed,a,,,\n"
      "10,machine_state,,m,m/0,idle\n"
      "12,machine_state,,m,m/0,busy\n"
      "20,machine_state,,m,m/0,idle\n"
      "20,lot_released,c,,,\n" // never completes: counted WIP keeps it, Little's does not
      "25,lot_completed,b,,,\n";
  // The observer looks names up in the log it was given.
  PlantLog named = read_plant_log_text(text, "k.csv");
  KpiObserver observer(named);
  for (const auto& e : named.events)
    observer.add(e);
  const LogKpis k = observer.finish();
  CHECK(k.period_s == 25);
  CHECK(k.output == 2);
  CHECK(k.throughput_per_h == Approx(2 * 3600.0 / 25));
  CHECK(k.cycle_time_mean_s == Approx((10.0 + 20.0) / 2));
  CHECK(k.wip_mean == Approx(30.0 / 25));                          // (10 + 20) s in the plant over 25 s
  CHECK(k.wip_counted == Approx((5 + 2 * 5 + 10 + 2 * 5) / 25.0)); // 1, 2, 1, 2 lots over 5, 5, 10, 5 s
  REQUIRE(k.utilization.size() == 1);
  CHECK(k.utilization[0].first == "m");
  CHECK(k.utilization[0].second == Approx(18.0 / 25));
}
