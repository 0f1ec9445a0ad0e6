#include "plantdata/PlantStateFile.hpp"

#include "plantdata/PlantLog.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace gigatwin::plantdata {

namespace {

using nlohmann::json;
constexpr const char* format_name = "gigatwin-plant-state";
constexpr int format_version = 1;

/// The names a state uses, from the scenario (as the plant and its trace name them).
struct Names {
  std::vector<std::string> products, groups, steps, pools;
  std::map<std::string, std::uint32_t> product, group, step, pool; // name -> index (a step's: first)
  std::vector<bool> step_unique;

  explicit Names(const scenario::ScenarioSpec& spec) {
    if (spec.products.empty())
      products.push_back(spec.product);
    for (const auto& p : spec.products)
      products.push_back(p.name);
    for (const auto& g : spec.station_groups)
      groups.push_back(g.name);
    for (const auto& s : spec.steps)
      steps.push_back(products[s.product] + "/" + s.station_group);
    for (const auto& p : spec.worker_pools)
      pools.push_back(p.name);
    index(products, product);
    index(groups, group);
    index(steps, step);
    index(pools, pool);
    for (const auto& s : steps)
      step_unique.push_back(std::count(steps.begin(), steps.end(), s) == 1);
  }
  static void index(const std::vector<std::string>& names, std::map<std::string, std::uint32_t>& out) {
    for (std::size_t i = names.size(); i-- > 0;)
      out[names[i]] = static_cast<std::uint32_t>(i);
  }
};

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

json time_value(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

const char* place_name(plant::LotPlace p) {
  switch (p) {
  case plant::LotPlace::buffer:
    return "buffer";
  case plant::LotPlace::machine:
    return "machine";
  case plant::LotPlace::carrier:
    return "carrier";
  }
  return "buffer";
}

const char* work_name(plant::MachineSnapshot::Work w) {
  switch (w) {
  case plant::MachineSnapshot::Work::none:
    return "none";
  case plant::MachineSnapshot::Work::setup:
    return "setup";
  case plant::MachineSnapshot::Work::process:
    return "process";
  case plant::MachineSnapshot::Work::finished:
    return "finished";
  }
  return "none";
}

// ---- reading ----

/// Where a value is, for messages: the file and the key path.
struct Reader {
  const std::string& file;
  const Names& names;

  [[noreturn]] void fail(const std::string& path, const std::string& expected, const json& found) const {
    // A list or an object is named, not written out: it may nest deeper than a stack goes.
    std::string shown = found.is_discarded() ? std::string("nothing")
                        : found.is_structured()
                            ? std::string(found.is_array() ? "a list of " : "an object of ") +
                                  std::to_string(found.size()) + (found.size() == 1 ? " item" : " items")
                            : found.dump();
    if (shown.size() > 80)
      shown = shown.substr(0, 77) + "...";
    throw PlantStateError(file + ": " + path + ": expected " + expected + ", found " + shown);
  }
  [[noreturn]] void missing(const std::string& path) const {
    throw PlantStateError(file + ": " + path + ": expected a value, found no such key");
  }

  const json& member(const json& object, const std::string& path, const char* key) const {
    auto it = object.find(key);
    if (it == object.end())
      missing(path + "." + key);
    return *it;
  }
  double time(const json& v, const std::string& path, bool may_be_unknown = false) const {
    if (may_be_unknown && v.is_null())
      return plant::unknown_time;
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < -1e12 ||
        v.get<double>() > 1e12)
      fail(path, may_be_unknown ? "a time in s or null" : "a time in s", v);
    return v.get<double>();
  }
  double duration(const json& v, const std::string& path, bool may_be_unknown = false) const {
    const double d = time(v, path, may_be_unknown);
    if (d < 0)
      fail(path, "a duration of 0 s or more", v);
    return d;
  }
  std::int64_t integer(const json& v, const std::string& path, std::int64_t min) const {
    if (!v.is_number_integer() || v.get<std::int64_t>() < min)
      fail(path, "an integer of at least " + std::to_string(min), v);
    return v.get<std::int64_t>();
  }
  bool boolean(const json& v, const std::string& path) const {
    if (!v.is_boolean())
      fail(path, "true or false", v);
    return v.get<bool>();
  }
  std::uint32_t name(const json& v, const std::string& path,
                     const std::map<std::string, std::uint32_t>& known, const char* what) const {
    if (v.is_string())
      if (auto it = known.find(v.get<std::string>()); it != known.end())
        return it->second;
    std::string list;
    for (const auto& [n, i] : known) {
      if (list.size() > 120) {
        list += ", ...";
        break;
      }
      list += (list.empty() ? "" : ", ") + n;
    }
    fail(path, std::string(what) + " of the scenario (" + list + ")", v);
  }
  std::uint32_t step(const json& v, const std::string& path) const {
    if (v.is_string() && v.get<std::string>() == "sink")
      return plant::sink_step;
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
        v.get<std::int64_t>() < static_cast<std::int64_t>(names.steps.size()))
      return static_cast<std::uint32_t>(v.get<std::int64_t>());
    return name(v, path, names.step, "a step (<product>/<station group>, its index, or sink)");
  }
};

plant::LotState read_lot(const Reader& r, const json& v, const std::string& path, double now_s) {
  if (!v.is_object())
    r.fail(path, "an object (a lot)", v);
  plant::LotState lot;
  lot.id = static_cast<std::uint64_t>(r.integer(r.member(v, path, "id"), path + ".id", 0));
  lot.product = r.name(r.member(v, path, "product"), path + ".product", r.names.product, "a product");
  lot.step = r.step(r.member(v, path, "step"), path + ".step");
  const json& place = r.member(v, path, "place");
  const std::string p = place.is_string() ? place.get<std::string>() : "";
  if (p == "buffer")
    lot.place = plant::LotPlace::buffer;
  else if (p == "machine")
    lot.place = plant::LotPlace::machine;
  else if (p == "carrier")
    lot.place = plant::LotPlace::carrier;
  else
    r.fail(path + ".place", "buffer, machine or carrier", place);
  lot.group =
      r.name(r.member(v, path, "station_group"), path + ".station_group", r.names.group, "a station group");
  if (lot.place == plant::LotPlace::machine)
    lot.machine = static_cast<std::uint32_t>(r.integer(r.member(v, path, "machine"), path + ".machine", 0));
  // Times on the scenario's clock; a hand-written state may give an age instead.
  if (v.contains("entry_s"))
    lot.entry_s = r.time(v["entry_s"], path + ".entry_s");
  else if (v.contains("age_s"))
    lot.entry_s = now_s - r.duration(v["age_s"], path + ".age_s");
  else
    lot.entry_s = now_s;
  lot.created_s = v.contains("created_s") ? r.time(v["created_s"], path + ".created_s") : lot.entry_s;
  lot.arrived_s = v.contains("arrived_s") ? r.time(v["arrived_s"], path + ".arrived_s") : lot.created_s;
  lot.buffered_s = v.contains("buffered_s") ? r.time(v["buffered_s"], path + ".buffered_s") : lot.arrived_s;
  const std::array<std::pair<const char*, double>, 4> times = {{{"entry_s", lot.entry_s},
                                                                {"created_s", lot.created_s},
                                                                {"arrived_s", lot.arrived_s},
                                                                {"buffered_s", lot.buffered_s}}};
  for (const auto& [key, t] : times)
    if (t > now_s)
      r.fail(path + "." + key, "a time no later than the state's (" + number(now_s) + " s)", json(t));
  if (v.contains("defective"))
    lot.defective = r.boolean(v["defective"], path + ".defective");
  if (v.contains("reworked"))
    lot.reworked = r.boolean(v["reworked"], path + ".reworked");
  return lot;
}

plant::MachineSnapshot read_machine(const Reader& r, const json& v, const std::string& path) {
  if (!v.is_object())
    r.fail(path, "an object (a machine)", v);
  plant::MachineSnapshot m;
  m.group =
      r.name(r.member(v, path, "station_group"), path + ".station_group", r.names.group, "a station group");
  m.machine = static_cast<std::uint32_t>(r.integer(r.member(v, path, "machine"), path + ".machine", 0));
  const json& state = r.member(v, path, "state");
  bool known = false;
  for (std::uint8_t s = 0; s < plant::machine_state_count; ++s)
    if (state.is_string() && state.get<std::string>() == plant::machine_state_names[s]) {
      m.state = static_cast<plant::MachineState>(s);
      known = true;
    }
  if (!known)
    r.fail(path + ".state",
           "a machine state (idle, setup, busy, blocked, down, waiting_operator, off_shift, halted)", state);
  if (v.contains("in_state_s"))
    m.in_state_s = r.duration(v["in_state_s"], path + ".in_state_s");
  if (v.contains("work")) {
    const json& w = v["work"];
    const std::string s = w.is_string() ? w.get<std::string>() : "";
    if (s == "none")
      m.work = plant::MachineSnapshot::Work::none;
    else if (s == "setup")
      m.work = plant::MachineSnapshot::Work::setup;
    else if (s == "process")
      m.work = plant::MachineSnapshot::Work::process;
    else if (s == "finished")
      m.work = plant::MachineSnapshot::Work::finished;
    else
      r.fail(path + ".work", "none, setup, process or finished", w);
  } else { // what the state implies: a busy machine processes, a blocked one holds finished lots
    using S = plant::MachineState;
    m.work = m.state == S::busy      ? plant::MachineSnapshot::Work::process
             : m.state == S::setup   ? plant::MachineSnapshot::Work::setup
             : m.state == S::blocked ? plant::MachineSnapshot::Work::finished
                                     : plant::MachineSnapshot::Work::none;
  }
  if (v.contains("work_left_s"))
    m.work_left_s = r.duration(v["work_left_s"], path + ".work_left_s", true);
  if (v.contains("work_done_s"))
    m.work_done_s = r.duration(v["work_done_s"], path + ".work_done_s");
  if (v.contains("lots_since_setup"))
    m.lots_since_setup = r.integer(v["lots_since_setup"], path + ".lots_since_setup", 0);
  if (v.contains("last_product") && !v["last_product"].is_null())
    m.last_product = static_cast<std::int32_t>(
        r.name(v["last_product"], path + ".last_product", r.names.product, "a product or null"));
  if (v.contains("parts")) {
    const json& parts = v["parts"];
    if (!parts.is_array() || parts.size() > 1000)
      r.fail(path + ".parts", "a list of failing parts (the machine first, then its robots)", parts);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const std::string at = path + ".parts[" + std::to_string(k) + "]";
      const json& p = parts[k];
      if (!p.is_object())
        r.fail(at, "an object (a failing part)", p);
      plant::PartState part;
      if (p.contains("in_repair"))
        part.in_repair = r.boolean(p["in_repair"], at + ".in_repair");
      if (p.contains("repair_elapsed_s"))
        part.repair_elapsed_s = r.duration(p["repair_elapsed_s"], at + ".repair_elapsed_s");
      if (p.contains("repair_left_s"))
        part.repair_left_s = r.duration(p["repair_left_s"], at + ".repair_left_s", true);
      if (p.contains("failure_in_s"))
        part.failure_in_s = r.duration(p["failure_in_s"], at + ".failure_in_s", true);
      m.parts.push_back(part);
    }
  } else if (m.state == plant::MachineState::down) { // down, and nothing more known: the machine's repair
    plant::PartState part;
    part.in_repair = true;
    part.repair_elapsed_s = m.in_state_s;
    m.parts.push_back(part);
  }
  const bool repairing =
      std::any_of(m.parts.begin(), m.parts.end(), [](const auto& p) { return p.in_repair; });
  if ((m.state == plant::MachineState::down) != repairing)
    r.fail(path + ".parts",
           m.state == plant::MachineState::down ? "a part in repair (the machine is down)"
                                                : "no part in repair (the machine is not down)",
           v.contains("parts") ? v["parts"] : json());
  return m;
}

std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

} // namespace

std::string plant_state_json(const plant::PlantState& state, const scenario::ScenarioSpec& spec,
                             const std::string& start_date) {
  const Names names(spec);
  json doc = json::object();
  doc["format"] = format_name;
  doc["version"] = format_version;
  doc["time_s"] = state.time_s;
  double origin = 0.0;
  if (parse_iso_time(start_date + "T00:00:00Z", origin))
    doc["date"] = iso_time(origin + state.time_s);
  json lots = json::array();
  for (const plant::LotState& l : state.lots) {
    json lot = json::object();
    lot["id"] = l.id;
    lot["product"] = names.products.at(l.product);
    lot["step"] = l.step == plant::sink_step     ? json("sink")
                  : names.step_unique.at(l.step) ? json(names.steps[l.step])
                                                 : json(l.step);
    lot["place"] = place_name(l.place);
    lot["station_group"] = names.groups.at(l.group);
    if (l.place == plant::LotPlace::machine)
      lot["machine"] = l.machine;
    lot["age_s"] = state.time_s - l.entry_s;
    lot["entry_s"] = l.entry_s;
    lot["created_s"] = l.created_s;
    lot["arrived_s"] = l.arrived_s;
    lot["buffered_s"] = l.buffered_s;
    lot["defective"] = l.defective;
    lot["reworked"] = l.reworked;
    lots.push_back(std::move(lot));
  }
  doc["lots"] = std::move(lots);
  json machines = json::array();
  for (const plant::MachineSnapshot& m : state.machines) {
    json machine = json::object();
    machine["station_group"] = names.groups.at(m.group);
    machine["machine"] = m.machine;
    machine["state"] = std::string(plant::machine_state_names[plant::index(m.state)]);
    machine["in_state_s"] = m.in_state_s;
    machine["work"] = work_name(m.work);
    machine["work_left_s"] = time_value(m.work_left_s);
    if (!std::isfinite(m.work_left_s) && m.work_done_s > 0)
      machine["work_done_s"] = m.work_done_s;
    if (m.lots_since_setup >= 0)
      machine["lots_since_setup"] = m.lots_since_setup;
    machine["last_product"] = m.last_product >= 0
                                  ? json(names.products.at(static_cast<std::size_t>(m.last_product)))
                                  : json(nullptr);
    json parts = json::array();
    for (const plant::PartState& p : m.parts) {
      json part = json::object();
      part["in_repair"] = p.in_repair;
      if (p.in_repair) {
        part["repair_elapsed_s"] = p.repair_elapsed_s;
        part["repair_left_s"] = time_value(p.repair_left_s);
      } else {
        part["failure_in_s"] = time_value(p.failure_in_s);
      }
      parts.push_back(std::move(part));
    }
    machine["parts"] = std::move(parts);
    machines.push_back(std::move(machine));
  }
  doc["machines"] = std::move(machines);
  json pools = json::array();
  for (const plant::PoolState& p : state.pools)
    pools.push_back(json{{"pool", names.pools.at(p.pool)}, {"on_shift", p.on_shift}});
  doc["pools"] = std::move(pools);
  // One lot or machine a line: a state of a large plant stays readable and diffable.
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    out += first ? "" : ",\n";
    first = false;
    out += "  " + json(key).dump() + ": ";
    if (value.is_array() && !value.empty()) {
      out += "[\n";
      for (std::size_t i = 0; i < value.size(); ++i)
        out += "    " + value[i].dump() + (i + 1 < value.size() ? ",\n" : "\n");
      out += "  ]";
    } else {
      out += value.dump();
    }
  }
  return out + "\n}\n";
}

plant::PlantState read_plant_state(const std::string& text, const std::string& file,
                                   const scenario::ScenarioSpec& spec) {
  // The HDF5 signature (at 0, or after a user block of 512, 1024, 2048... bytes, as GigaTwin's
  // results files have): a run's results handed over for a state.
  bool hdf5 = false;
  for (std::size_t at = 0; at < text.size() && !hdf5; at = at == 0 ? 512 : 2 * at)
    hdf5 = text.compare(at, 8, "\x89HDF\r\n\x1a\n") == 0;
  if (hdf5)
    throw PlantStateError(
        file + ": an HDF5 file (a run's results?), not a state: states are JSON (docs/LIVE.md); take one "
               "from a run with `gigatwin snapshot RUN.h5 --at T -o state.json`");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    if (auto at = what.find("syntax error"); at != std::string::npos)
      what = what.substr(at);
    throw PlantStateError(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not JSON (" +
                          what + ")");
  } catch (const json::exception& e) { // a number too large for a double, ...
    throw PlantStateError(file + ": not a plant state (" + std::string(e.what()).substr(0, 160) + ")");
  }
  const Names names(spec);
  const Reader r{file, names};
  if (!doc.is_object())
    r.fail("(top)", "an object (a plant state)", doc);
  if (const json& f = r.member(doc, "(top)", "format"); f != format_name)
    r.fail("format", std::string("\"") + format_name + "\"", f);
  if (const json& v = r.member(doc, "(top)", "version");
      !(v.is_number_integer() && v.get<int>() == format_version))
    r.fail("version", std::to_string(format_version), v);
  plant::PlantState state;
  state.time_s = r.duration(r.member(doc, "(top)", "time_s"), "time_s");
  if (doc.contains("lots")) {
    const json& lots = doc["lots"];
    if (!lots.is_array())
      r.fail("lots", "a list of lots", lots);
    std::map<std::uint64_t, std::size_t> seen;
    for (std::size_t i = 0; i < lots.size(); ++i) {
      const std::string path = "lots[" + std::to_string(i) + "]";
      state.lots.push_back(read_lot(r, lots[i], path, state.time_s));
      if (auto [it, fresh] = seen.emplace(state.lots.back().id, i); !fresh)
        r.fail(path + ".id", "an id no other lot has (lots[" + std::to_string(it->second) + "] has it)",
               json(state.lots.back().id));
    }
  }
  if (doc.contains("machines")) {
    const json& machines = doc["machines"];
    if (!machines.is_array())
      r.fail("machines", "a list of machines", machines);
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> seen;
    for (std::size_t i = 0; i < machines.size(); ++i) {
      const std::string path = "machines[" + std::to_string(i) + "]";
      plant::MachineSnapshot m = read_machine(r, machines[i], path);
      const std::int64_t count = spec.station_groups[m.group].machines;
      if (static_cast<std::int64_t>(m.machine) >= count)
        r.fail(path + ".machine",
               "a machine of " + names.groups[m.group] + " (0 to " + std::to_string(count - 1) + ")",
               json(m.machine));
      if (auto [it, fresh] = seen.emplace(std::pair{m.group, m.machine}, i); !fresh)
        r.fail(path, "a machine listed once (machines[" + std::to_string(it->second) + "] is the same)",
               machines[i]["machine"]);
      state.machines.push_back(m);
    }
  }
  // Lots on a machine the state does not list: it is processing them, the time left unknown.
  for (const plant::LotState& lot : state.lots)
    if (lot.place == plant::LotPlace::machine &&
        std::none_of(state.machines.begin(), state.machines.end(), [&](const plant::MachineSnapshot& m) {
          return m.group == lot.group && m.machine == lot.machine;
        })) {
      plant::MachineSnapshot m;
      m.group = lot.group;
      m.machine = lot.machine;
      m.state = plant::MachineState::busy;
      m.work = plant::MachineSnapshot::Work::process;
      state.machines.push_back(m);
    }
  for (std::size_t i = 0; i < state.machines.size(); ++i) {
    const plant::MachineSnapshot& m = state.machines[i];
    const bool holds = std::any_of(state.lots.begin(), state.lots.end(), [&](const plant::LotState& lot) {
      return lot.place == plant::LotPlace::machine && lot.group == m.group && lot.machine == m.machine;
    });
    if (holds != (m.work != plant::MachineSnapshot::Work::none))
      r.fail("machines[" + std::to_string(i) + "].work",
             holds ? "setup, process or finished (lots are on the machine)"
                   : "none (no lot is on the machine)",
             json(work_name(m.work)));
  }
  for (std::size_t i = 0; i < state.lots.size(); ++i) {
    const plant::LotState& lot = state.lots[i];
    const std::string path = "lots[" + std::to_string(i) + "]";
    if (lot.place == plant::LotPlace::machine &&
        static_cast<std::int64_t>(lot.machine) >= spec.station_groups[lot.group].machines)
      r.fail(path + ".machine", "a machine of " + names.groups[lot.group], json(lot.machine));
    if (lot.place == plant::LotPlace::machine && lot.step == plant::sink_step) {
      const auto m =
          std::find_if(state.machines.begin(), state.machines.end(), [&](const plant::MachineSnapshot& s) {
            return s.group == lot.group && s.machine == lot.machine;
          });
      if (m == state.machines.end() || m->work != plant::MachineSnapshot::Work::finished)
        r.fail(path + ".step",
               "a step of " + names.groups[lot.group] + " (sink only for a lot its machine has finished)",
               json("sink"));
    }
    if (lot.place != plant::LotPlace::machine &&
        (lot.step == plant::sink_step || spec.steps[lot.step].group_index != lot.group))
      r.fail(path + ".step", "a step done by " + names.groups[lot.group] + " (where the lot waits)",
             json(lot.step == plant::sink_step ? std::string("sink") : names.steps[lot.step]));
  }
  if (doc.contains("pools")) {
    const json& pools = doc["pools"];
    if (!pools.is_array())
      r.fail("pools", "a list of worker pools", pools);
    for (std::size_t i = 0; i < pools.size(); ++i) {
      const std::string path = "pools[" + std::to_string(i) + "]";
      if (!pools[i].is_object())
        r.fail(path, "an object (a worker pool)", pools[i]);
      plant::PoolState p;
      p.pool = r.name(r.member(pools[i], path, "pool"), path + ".pool", names.pool, "a worker pool");
      p.on_shift = r.integer(r.member(pools[i], path, "on_shift"), path + ".on_shift", 0);
      state.pools.push_back(p);
    }
  }
  return state;
}

} // namespace gigatwin::plantdata
