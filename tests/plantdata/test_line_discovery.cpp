// What a small log shows of its line, worked out by hand: routes (the usual one, not a reworked
// lot's nor one with a lost record), machines, batches, a saturated source, a bill of materials,
// scrap and rework, a buffer that blocked, and a split.
#include "plantdata/LineDiscovery.hpp"

#include <catch2/catch.hpp>

using namespace gigatwin::plantdata;

namespace {
const DiscoveredProduct& product(const DiscoveredLine& line, const std::string& name) {
  for (const auto& p : line.products)
    if (p.name == name)
      return p;
  FAIL("no product " << name);
  return line.products.front();
}
const DiscoveredGroup& group(const DiscoveredLine& line, const std::string& name) {
  for (const auto& g : line.groups)
    if (g.name == name)
      return g;
  FAIL("no group " << name);
  return line.groups.front();
}
std::vector<std::string> route(const DiscoveredProduct& p) {
  std::vector<std::string> r;
  for (const auto& s : p.steps)
    r.push_back(s.group);
  return r;
}
DiscoveredLine discover(const std::string& text) {
  const PlantLog log = read_plant_log_text(text, "line.csv");
  LineObserver observer(log);
  for (const auto& e : log.events)
    observer.add(e);
  return observer.finish();
}
} // namespace

TEST_CASE("a log's routes, machines, batches, sources and bill of materials", "[discover]") {
  const std::string text = "time,kind,lot,product,station_group,machine,count\n"
                           // c1, c2: cells through press then the oven, together (a batch of 2)
                           "0,lot_released,c1,cell,press,,0\n"
                           "0,lot_arrived,c1,cell,press,,0\n"
                           "0,lot_started,c1,cell,press,press/0,0\n"
                           "1,lot_released,c2,cell,press,,0\n"
                           "1,lot_arrived,c2,cell,press,,0\n"
                           "1,lot_started,c2,cell,press,press/1,0\n"
                           "5,lot_finished,c1,cell,press,press/0,0\n"
                           "5,lot_blocked,c1,cell,press,press/0,0\n" // the oven's buffer was full
                           "6,lot_finished,c2,cell,press,press/1,0\n"
                           "6,lot_arrived,c1,cell,oven,,1\n"
                           "6,lot_arrived,c2,cell,oven,,1\n"
                           "7,lot_started,c1,cell,oven,oven/0,0\n"
                           "7,lot_started,c2,cell,oven,oven/0,0\n"
                           "9,lot_finished,c1,cell,oven,oven/0,0\n"
                           "9,lot_finished,c2,cell,oven,oven/0,0\n"
                           // a kit released as the assembly's first machine takes it: saturated
                           "10,lot_released,k1,kit,kitting,,0\n"
                           "10,lot_arrived,k1,kit,kitting,,0\n"
                           "10,lot_started,k1,kit,kitting,kitting/0,0\n"
                           "11,lot_finished,k1,kit,kitting,kitting/0,0\n"
                           // a module of the two cells and the kit
                           "12,lot_arrived,c1,cell,assemble,,1\n"
                           "12,lot_arrived,c2,cell,assemble,,1\n"
                           "12,lot_arrived,k1,kit,assemble,,1\n"
                           "13,lot_consumed,c1,cell,assemble,assemble/0,0\n"
                           "13,lot_consumed,c2,cell,assemble,assemble/0,0\n"
                           "13,lot_consumed,k1,kit,assemble,assemble/0,0\n"
                           "13,lot_created,m1,module,assemble,assemble/0,3\n"
                           "13,lot_started,m1,module,assemble,assemble/0,0\n"
                           "15,lot_finished,m1,module,assemble,assemble/0,0\n"
                           "16,lot_completed,m1,module,,,0\n"
                           // c3: scrapped at the press (not a whole route)
                           "20,lot_released,c3,cell,press,,0\n"
                           "20,lot_arrived,c3,cell,press,,0\n"
                           "20,lot_started,c3,cell,press,press/0,0\n"
                           "24,lot_scrapped,c3,cell,press,,0\n"
                           // c4: rejected at the oven and sent back to the press
                           "30,lot_released,c4,cell,press,,0\n"
                           "30,lot_arrived,c4,cell,press,,0\n"
                           "30,lot_started,c4,cell,press,press/1,0\n"
                           "34,lot_finished,c4,cell,press,press/1,0\n"
                           "34,lot_arrived,c4,cell,oven,,0\n"
                           "34,lot_started,c4,cell,oven,oven/0,0\n"
                           "36,lot_reworked,c4,cell,oven,,0\n"
                           "36,lot_arrived,c4,cell,press,,0\n";
  const DiscoveredLine line = discover(text);
  const auto& cell = product(line, "cell");
  CHECK(route(cell) == std::vector<std::string>{"press", "oven"});
  CHECK(cell.routes_seen == 2); // c1 and c2 (consumed whole); c3 scrapped, c4 reworked
  CHECK(cell.usual_route == 2);
  CHECK(cell.released == 3 + 1);
  // Each cell started as it was released, but c3 and c4 on a machine idle since its last lot:
  // lots that came to an idle line, not a saturated source.
  CHECK(cell.released_as_started == 2);
  CHECK_FALSE(cell.saturated());
  CHECK(route(product(line, "kit")) == std::vector<std::string>{"kitting"});
  CHECK(product(line, "kit").saturated());
  const auto& module = product(line, "module");
  CHECK(route(module) == std::vector<std::string>{"assemble"});
  CHECK(module.parts == std::map<std::string, std::int64_t>{{"cell", 2}, {"kit", 1}});
  CHECK(module.created == 1);
  // The oven: one machine, a batch of 2 and one of 1; its buffer held 2 and blocked the press.
  const auto& oven = group(line, "oven");
  CHECK(oven.machines.size() == 1);
  CHECK(oven.largest_batch == 2);
  CHECK(oven.smallest_batch == 1);
  CHECK(oven.batches == 2);
  CHECK(oven.longest_wait_s == 1);
  CHECK(group(line, "press").machines.size() == 2);
  const auto& oven_step = cell.steps[1];
  CHECK(oven_step.max_waiting == 2);
  CHECK(oven_step.blocked == 1);
  CHECK(oven_step.finished == 2);
  CHECK(oven_step.reworked == 1);
  CHECK(oven_step.rework_to == std::map<std::string, std::size_t>{{"press", 1}});
  CHECK(cell.steps[0].scrapped == 1);
  CHECK(cell.steps[0].finished == 3);
}

TEST_CASE("lots started in one second, one after the other, are no batch", "[discover]") {
  // A log in whole seconds: a lot of 0.4 s finishes in the second it started, and the next starts
  // in that second too; two lots of an oven start and finish together.
  const std::string text = "time,kind,lot,product,station_group,machine,count\n"
                           "10,lot_started,a,x,press,press/0,0\n"
                           "10,lot_finished,a,x,press,press/0,0\n"
                           "10,lot_started,b,x,press,press/0,0\n"
                           "12,lot_finished,b,x,press,press/0,0\n"
                           "12,lot_started,a,x,oven,oven/0,0\n"
                           "12,lot_started,b,x,oven,oven/0,0\n"
                           "40,lot_finished,a,x,oven,oven/0,0\n"
                           "40,lot_finished,b,x,oven,oven/0,0\n";
  const DiscoveredLine line = discover(text);
  CHECK(group(line, "press").largest_batch == 1);
  CHECK(group(line, "press").batches == 2);
  CHECK(group(line, "oven").largest_batch == 2);
  CHECK(group(line, "oven").batches == 1);
}

TEST_CASE("a route through a split is the usual route to it and the usual route after it", "[discover]") {
  std::string text = "time,kind,lot,product,station_group,machine,count\n";
  // Mother coils m<i> go coat > slit, are split into 2 strips s<i>a, s<i>b that go on to wind.
  for (int i = 0; i < 3; ++i) {
    const std::string t = std::to_string(10 * i), m = "m" + std::to_string(i);
    text += t + ",lot_released," + m + ",coil,coat,,0\n" + t + ",lot_arrived," + m + ",coil,coat,,0\n" + t +
            ",lot_started," + m + ",coil,coat,coat/0,0\n" + t + ",lot_arrived," + m + ",coil,slit,,0\n" + t +
            ",lot_started," + m + ",coil,slit,slit/0,0\n" + t + ",lot_consumed," + m +
            ",coil,slit,slit/0,2\n";
    for (const char* strip : {"a", "b"}) {
      const std::string s = "s" + std::to_string(i) + strip;
      text += t + ",lot_created," + s + ",coil,slit,slit/0,0\n" + t + ",lot_arrived," + s +
              ",coil,wind,,0\n" + t + ",lot_started," + s + ",coil,wind,wind/0,0\n" + t + ",lot_completed," +
              s + ",coil,,,0\n";
    }
  }
  const DiscoveredLine line = discover(text);
  const auto& coil = product(line, "coil");
  CHECK(route(coil) == std::vector<std::string>{"coat", "slit", "wind"});
  CHECK(coil.steps[1].split == 2);
  CHECK(coil.steps[0].split == 1);
}
