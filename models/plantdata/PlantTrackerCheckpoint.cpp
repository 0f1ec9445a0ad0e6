// PlantTracker's checkpoint: what a live twin killed and started again needs to carry on as if it
// had never stopped (cli/TwinCommand). The document is the twin's own, but a file on disk is
// outside input all the same: everything read back is checked against the scenario, and a
// problem names its key.
#include "plantdata/PlantTracker.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace gigatwin::plantdata {

using nlohmann::json;

namespace {

/// Reads checkpoint values; every failure names the key path.
class Reader {
public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error(path_ + key + ": " + what);
  }
  const json& at(const json& object, const std::string& key) const {
    if (!object.is_object())
      fail("", "expected an object");
    const auto it = object.find(key);
    if (it == object.end())
      fail("." + key, "missing");
    return *it;
  }
  double number(const json& object, const std::string& key) const {
    const json& v = at(object, key);
    if (!v.is_number())
      fail("." + key, "expected a number, found " + std::string(v.type_name()));
    return v.get<double>();
  }
  /// A time: a finite number, or null for minus infinity (nothing seen yet).
  double time(const json& object, const std::string& key) const {
    const json& v = at(object, key);
    if (v.is_null())
      return -std::numeric_limits<double>::infinity();
    const double t = number(object, key);
    if (std::abs(t) > PlantTracker::max_time_s)
      fail("." + key, "expected a time within the scenario's clock, found " + std::to_string(t));
    return t;
  }
  std::int64_t integer(const json& object, const std::string& key, std::int64_t low,
                       std::int64_t high) const {
    const json& v = at(object, key);
    if (!v.is_number_integer())
      fail("." + key, "expected a whole number, found " + v.dump());
    const auto n = v.get<std::int64_t>();
    if (n < low || n > high)
      fail("." + key, "expected " + std::to_string(low) + " to " + std::to_string(high) + ", found " +
                          std::to_string(n));
    return n;
  }
  bool flag(const json& object, const std::string& key) const {
    const json& v = at(object, key);
    if (!v.is_boolean())
      fail("." + key, "expected true or false");
    return v.get<bool>();
  }
  std::string text(const json& object, const std::string& key) const {
    const json& v = at(object, key);
    if (!v.is_string())
      fail("." + key, "expected a string");
    return v.get<std::string>();
  }
  const json& array(const json& object, const std::string& key) const {
    const json& v = at(object, key);
    if (!v.is_array())
      fail("." + key, "expected an array");
    return v;
  }
  Reader item(const std::string& key, std::size_t i) const {
    return Reader(path_ + "." + key + "[" + std::to_string(i) + "]");
  }

private:
  std::string path_;
};

json time_or_null(double t) {
  return std::isfinite(t) ? json(t) : json(nullptr);
}

constexpr std::int64_t max_count = std::int64_t{1} << 62;

} // namespace

json PlantTracker::checkpoint(const PlantLog& log) const {
  json lots = json::array();
  for (const auto& [log_id, lot] : lots_) {
    const plant::LotState& s = lot.state;
    lots.push_back({{"name", log.lots.name(log_id)},
                    {"id", s.id},
                    {"product", s.product},
                    {"step", s.step},
                    {"place", static_cast<int>(s.place)},
                    {"group", s.group},
                    {"machine", s.machine},
                    {"entry_s", s.entry_s},
                    {"created_s", s.created_s},
                    {"arrived_s", s.arrived_s},
                    {"buffered_s", s.buffered_s},
                    {"defective", s.defective},
                    {"reworked", s.reworked},
                    {"finished", lot.finished},
                    {"pending", lot.pending}});
  }
  json machines = json::array();
  for (std::size_t g = 0; g < machines_.size(); ++g)
    for (std::size_t i = 0; i < machines_[g].size(); ++i) {
      const Machine& m = machines_[g][i];
      json holding = json::array();
      for (std::int32_t id : m.holding)
        holding.push_back(log.lots.name(id));
      machines.push_back({{"group", g},
                          {"machine", i},
                          {"state", static_cast<int>(m.state)},
                          {"since_s", m.since_s},
                          {"work_since_s", m.work_since_s},
                          {"clean", m.clean},
                          {"up_since_s", m.up_since_s},
                          {"operating_s", m.operating_s},
                          {"holding", holding}});
    }
  json names = json::array();
  for (const auto& [key, index] : machine_names_)
    names.push_back({{"group", key.first}, {"name", key.second}, {"machine", index}});
  json left = json::array();
  for (std::int32_t id : left_order_)
    left.push_back(log.lots.name(id));
  return {{"now_s", time_or_null(now_s_)},
          {"next_id", next_id_},
          {"applied", applied_},
          {"completed", completed_},
          {"lots_lost", lots_lost_},
          {"ignored", ignored_},
          {"lots", lots},
          {"machines", machines},
          {"machine_names", names},
          {"machines_named", machines_named_},
          {"on_shift", on_shift_},
          {"left", left}};
}

void PlantTracker::resume(const json& c, PlantLog& log) {
  const Reader r("tracker");
  const std::int64_t groups = static_cast<std::int64_t>(spec_.station_groups.size());
  const std::int64_t steps = static_cast<std::int64_t>(spec_.steps.size());
  const std::int64_t products = std::max<std::int64_t>(1, static_cast<std::int64_t>(spec_.products.size()));

  // Built aside and swapped in at the end: a checkpoint that fails halfway changes nothing.
  std::unordered_map<std::int32_t, Lot> lots;
  std::unordered_map<std::int32_t, std::uint64_t> ids;
  std::unordered_map<std::uint64_t, std::int32_t> used;
  const json& lot_items = r.array(c, "lots");
  for (std::size_t i = 0; i < lot_items.size(); ++i) {
    const Reader ri = r.item("lots", i);
    const json& o = lot_items[i];
    Lot lot;
    plant::LotState& s = lot.state;
    s.id = static_cast<std::uint64_t>(ri.integer(o, "id", 0, max_count));
    s.product = static_cast<std::uint32_t>(ri.integer(o, "product", 0, products - 1));
    const std::int64_t step = ri.integer(o, "step", 0, plant::sink_step);
    if (step >= steps && step != plant::sink_step)
      ri.fail(".step",
              "expected a step of the scenario (0 to " + std::to_string(steps - 1) + ") or the sink");
    s.step = static_cast<std::uint32_t>(step);
    s.place = static_cast<plant::LotPlace>(ri.integer(o, "place", 0, 2));
    s.group = static_cast<std::uint32_t>(ri.integer(o, "group", 0, groups - 1));
    // The machine counts only on one (a lot that left it keeps the number of its last).
    const std::int64_t last_machine =
        s.place == plant::LotPlace::machine
            ? std::max<std::int64_t>(0, spec_.station_groups[s.group].machines - 1)
            : std::numeric_limits<std::uint32_t>::max();
    s.machine = static_cast<std::uint32_t>(ri.integer(o, "machine", 0, last_machine));
    s.entry_s = ri.time(o, "entry_s");
    s.created_s = ri.time(o, "created_s");
    s.arrived_s = ri.time(o, "arrived_s");
    s.buffered_s = ri.time(o, "buffered_s");
    s.defective = ri.flag(o, "defective");
    s.reworked = ri.flag(o, "reworked");
    lot.finished = ri.flag(o, "finished");
    lot.pending = ri.flag(o, "pending");
    const std::int32_t log_id = log.lots.intern(ri.text(o, "name"));
    if (lots.count(log_id) || used.count(s.id))
      ri.fail("", "a lot named or numbered twice");
    ids[log_id] = s.id;
    used[s.id] = log_id;
    lots.emplace(log_id, lot);
  }
  std::vector<std::vector<Machine>> machines = machines_;
  for (auto& group : machines)
    for (auto& m : group)
      m = Machine{};
  const json& machine_items = r.array(c, "machines");
  for (std::size_t i = 0; i < machine_items.size(); ++i) {
    const Reader ri = r.item("machines", i);
    const json& o = machine_items[i];
    const auto g = static_cast<std::size_t>(ri.integer(o, "group", 0, groups - 1));
    const auto index = ri.integer(o, "machine", 0, static_cast<std::int64_t>(machines[g].size()) - 1);
    Machine& m = machines[g][static_cast<std::size_t>(index)];
    m.state = static_cast<plant::MachineState>(ri.integer(o, "state", 0, plant::machine_state_count - 1));
    m.since_s = ri.time(o, "since_s");
    m.work_since_s = ri.time(o, "work_since_s");
    m.clean = ri.flag(o, "clean");
    m.up_since_s = ri.number(o, "up_since_s");
    m.operating_s = ri.number(o, "operating_s");
    const json& holding = ri.array(o, "holding");
    for (std::size_t h = 0; h < holding.size(); ++h) {
      if (!holding[h].is_string())
        ri.item("holding", h).fail("", "expected a lot's name");
      const std::int32_t id = log.lots.find(holding[h].get<std::string>());
      const auto lot = lots.find(id);
      if (id < 0 || lot == lots.end() || lot->second.state.place != plant::LotPlace::machine ||
          lot->second.state.group != g || lot->second.state.machine != static_cast<std::uint32_t>(index))
        ri.item("holding", h)
            .fail("", "expected a lot on this machine, found '" + holding[h].get<std::string>() + "'");
      m.holding.push_back(id);
    }
  }
  std::map<std::pair<std::uint32_t, std::string>, std::int32_t> names;
  const json& name_items = r.array(c, "machine_names");
  for (std::size_t i = 0; i < name_items.size(); ++i) {
    const Reader ri = r.item("machine_names", i);
    const json& o = name_items[i];
    const auto g = static_cast<std::uint32_t>(ri.integer(o, "group", 0, groups - 1));
    names[{g, ri.text(o, "name")}] = static_cast<std::int32_t>(
        ri.integer(o, "machine", -1, static_cast<std::int64_t>(machines[g].size()) - 1));
  }
  const json& named = r.array(c, "machines_named");
  const json& on_shift = r.array(c, "on_shift");
  if (named.size() != machines_named_.size())
    r.fail(".machines_named", "expected one count per station group (" + std::to_string(groups) + ")");
  if (on_shift.size() != on_shift_.size())
    r.fail(".on_shift", "expected one count per worker pool (" + std::to_string(on_shift_.size()) + ")");
  std::vector<std::int32_t> machines_named(named.size());
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (!named[i].is_number_integer() || named[i].get<std::int64_t>() < 0 ||
        named[i].get<std::int64_t>() > max_count)
      r.item("machines_named", i).fail("", "expected a count");
    machines_named[i] =
        static_cast<std::int32_t>(std::min<std::int64_t>(named[i].get<std::int64_t>(), 1 << 30));
  }
  std::vector<std::int64_t> shift(on_shift.size());
  for (std::size_t i = 0; i < on_shift.size(); ++i) {
    if (!on_shift[i].is_number_integer() || on_shift[i].get<std::int64_t>() < -1)
      r.item("on_shift", i).fail("", "expected a head count (-1: not seen)");
    shift[i] = on_shift[i].get<std::int64_t>();
  }
  std::map<std::string, std::int64_t> ignored;
  const json& ignored_items = r.at(c, "ignored");
  if (!ignored_items.is_object())
    r.fail(".ignored", "expected an object of counts");
  for (const auto& [reason, n] : ignored_items.items()) {
    if (!n.is_number_integer() || n.get<std::int64_t>() < 0)
      r.fail(".ignored." + reason, "expected a count");
    ignored[reason] = n.get<std::int64_t>();
  }
  std::deque<std::int32_t> left_order;
  const json& left = r.array(c, "left");
  for (std::size_t i = 0; i < left.size() && left_order.size() < remembered_left; ++i) {
    if (!left[i].is_string())
      r.item("left", i).fail("", "expected a lot's name");
    left_order.push_back(log.lots.intern(left[i].get<std::string>()));
  }
  const double now = r.time(c, "now_s");
  auto next_id = static_cast<std::uint64_t>(r.integer(c, "next_id", 0, max_count));
  for (const auto& [number, log_id] : used) // a new lot never takes a number in use
    next_id = std::max(next_id, number + 1);
  const std::int64_t applied = r.integer(c, "applied", 0, max_count);
  const std::int64_t completed = r.integer(c, "completed", 0, max_count);
  const std::int64_t lost = r.integer(c, "lots_lost", 0, max_count);

  now_s_ = now;
  next_id_ = next_id;
  applied_ = applied;
  completed_ = completed;
  lots_lost_ = lost;
  ignored_ = std::move(ignored);
  lots_ = std::move(lots);
  ids_ = std::move(ids);
  used_ = std::move(used);
  machines_ = std::move(machines);
  machine_names_ = std::move(names);
  machines_named_ = std::move(machines_named);
  on_shift_ = std::move(shift);
  left_order_ = std::move(left_order);
  left_ = std::unordered_set<std::int32_t>(left_order_.begin(), left_order_.end());
  // The caches of the log's name ids are the old log's: built again as names come.
  products_.clear();
  groups_.clear();
  pools_.clear();
}

} // namespace gigatwin::plantdata
