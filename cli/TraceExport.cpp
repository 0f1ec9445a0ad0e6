#include "TraceExport.hpp"

#include "PendingFile.hpp"

#include "core/RandomStream.hpp"
#include "core/SpecialFunctions.hpp"
#include "plantdata/PlantLog.hpp"
#include "results/ResultsError.hpp"
#include "scenario/TraceSpec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace gigatwin::cli {

namespace {

namespace fs = std::filesystem;

/// The tables that name a trace's ids (docs/EVENTS.md), read once.
struct TraceNames {
  std::vector<std::string> kinds, states, groups, products, steps, pools;
  std::vector<std::string> machines;       // by machine id
  std::vector<std::int64_t> machine_group; // by machine id
  bool initial_states_known = true;        // the trace shows every machine from time 0
};

/// The names of a table of the trace, by its `index` column; `where` names it in messages.
std::vector<std::string> names_of(const results::Table& t, const std::string& where) {
  std::vector<std::string> names(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double index = results::number_at(t, r, "index");
    if (!(index >= 0 && index < static_cast<double>(t.rows.size())))
      throw results::ResultsError(where + " row " + std::to_string(r) +
                                  ": index out of range (damaged trace?)");
    names[static_cast<std::size_t>(index)] = results::text_at(t, r, "name");
  }
  return names;
}

std::vector<std::string> name_column(const results::ResultsReader& file, const std::string& path) {
  return names_of(file.read_table(path), file.path() + ": '" + path + "'");
}

TraceNames read_names(const results::ResultsReader& file, const std::string& trace) {
  TraceNames n;
  n.kinds = name_column(file, trace + "/kinds");
  // The kinds name SQL tables: only the names GigaTwin writes.
  for (const auto& kind : n.kinds)
    if (std::find(scenario::trace_kind_names.begin(), scenario::trace_kind_names.end(), kind) ==
        scenario::trace_kind_names.end())
      throw results::ResultsError(file.path() + ": '" + trace + "/kinds' names '" + kind +
                                  "', not a kind of event GigaTwin writes (docs/EVENTS.md)");
  // Every machine is idle at time 0; a trace that starts later, or leaves machine states out,
  // does not say what they were doing when it starts.
  const std::string kept = file.has_attribute(trace, "kinds") ? file.attribute_string(trace, "kinds") : "all";
  n.initial_states_known =
      (file.has_attribute(trace, "from_s") ? file.attribute_double(trace, "from_s") : 0.0) == 0.0 &&
      (kept == "all" || ("," + kept + ",").find(",machine_state,") != std::string::npos);
  n.states = name_column(file, trace + "/machine_states");
  n.groups = name_column(file, trace + "/station_groups");
  n.products = name_column(file, trace + "/products");
  n.steps = name_column(file, trace + "/steps");
  n.pools = name_column(file, trace + "/pools");
  const results::Table machines = file.read_table(trace + "/machines");
  n.machines = names_of(machines, file.path() + ": '" + trace + "/machines'");
  n.machine_group.assign(n.machines.size(), -1);
  for (std::size_t r = 0; r < machines.rows.size(); ++r)
    n.machine_group[static_cast<std::size_t>(results::number_at(machines, r, "index"))] =
        static_cast<std::int64_t>(results::number_at(machines, r, "group"));
  return n;
}

/// One event with its ids, as stored.
struct TraceEvent {
  double time;
  std::int64_t kind, lot, product, step, group, machine, state, pool, count, related_lot;
};

/// Where each column of an event is in `t`; throws if one is missing.
std::vector<std::size_t> event_columns(const results::Table& t, const std::string& where) {
  std::vector<std::size_t> at;
  for (const char* name : {"time", "kind", "lot", "product", "step", "group", "machine", "state", "pool",
                           "count", "related_lot"}) {
    const auto c = t.find_column(name);
    if (!c)
      throw results::ResultsError(where + " has no column '" + name +
                                  "' (not a trace this version writes: docs/EVENTS.md)");
    at.push_back(*c);
  }
  return at;
}

/// Calls `each` for every event of the trace, reading a slice at a time.
template <class Each>
void for_each_event(const results::ResultsReader& file, const std::string& trace, Each each) {
  const std::string path = trace + "/events";
  const std::size_t rows = file.table_rows(path);
  constexpr std::size_t slice = 65536;
  for (std::size_t first = 0; first < rows; first += slice) {
    const results::Table t = file.read_table_rows(path, first, slice);
    const std::vector<std::size_t> at = event_columns(t, file.path() + ": '" + path + "'");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      const auto i = [&](std::size_t k) {
        const auto* v = std::get_if<std::int64_t>(&row[at[k]]);
        return v ? *v : std::int64_t{-1};
      };
      const auto* time = std::get_if<double>(&row[at[0]]);
      each(TraceEvent{time ? *time : std::nan(""), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9),
                      i(10)});
    }
  }
}

/// names[id], or "" for -1; an id past the table is damage.
const std::string& name_of(const std::vector<std::string>& names, std::int64_t id, const char* what) {
  static const std::string none;
  if (id < 0)
    return none;
  if (static_cast<std::size_t>(id) >= names.size())
    throw results::ResultsError(std::string("trace event names ") + what + " " + std::to_string(id) +
                                ", which its table does not have (damaged trace?)");
  return names[static_cast<std::size_t>(id)];
}

/// The event's kind, one of the kinds GigaTwin writes, at a finite time; damage otherwise.
const std::string& known_kind(const TraceNames& n, const TraceEvent& e) {
  if (e.kind < 0 || static_cast<std::size_t>(e.kind) >= n.kinds.size() || !std::isfinite(e.time) ||
      e.time < 0)
    throw results::ResultsError("trace event of kind " + std::to_string(e.kind) + " at time " +
                                std::to_string(e.time) + " s: not an event GigaTwin writes (damaged trace?)");
  return n.kinds[static_cast<std::size_t>(e.kind)];
}

std::string number(double v) {
  char buf[40];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

std::string id_text(std::int64_t id) {
  return id < 0 ? std::string() : std::to_string(id);
}

bool is_carrier_event(const std::string& kind) {
  return kind == "carrier_departed" || kind == "carrier_arrived";
}

/// The machine as a plant log names it: a machine by its name, a carrier (whose number is per
/// transport) after the group it delivers to — "<group> carrier <n>", unique in the plant.
std::string plant_machine_name(const TraceNames& n, const TraceEvent& e, const std::string& kind,
                               const std::string& group) {
  if (!is_carrier_event(kind))
    return name_of(n.machines, e.machine, "machine");
  return e.machine < 0 ? std::string() : group + " carrier " + std::to_string(e.machine);
}

// --- OCEL 2.0, SQLite form ---------------------------------------------------------------

class Database {
public:
  explicit Database(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot create " + path + ": " + message);
    }
    path_ = path;
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw std::runtime_error("cannot write " + path_ + ": " + message);
    }
  }
  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// A prepared INSERT, bound and stepped one row at a time.
class Insert {
public:
  Insert(Database& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot write " + db.path() + ": " + sqlite3_errmsg(db.get()));
  }
  ~Insert() { sqlite3_finalize(statement_); }
  Insert(const Insert&) = delete;
  Insert& operator=(const Insert&) = delete;
  /// Text values; an empty one is NULL.
  void row(std::initializer_list<std::string> values) {
    int k = 1;
    for (const std::string& v : values) {
      if (v.empty())
        sqlite3_bind_null(statement_, k);
      else
        sqlite3_bind_text(statement_, k, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      ++k;
    }
    if (sqlite3_step(statement_) != SQLITE_DONE)
      throw std::runtime_error("cannot write " + db_.path() + ": " + sqlite3_errmsg(db_.get()));
    sqlite3_reset(statement_);
  }

private:
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// "lot_released" -> "LotReleased": OCEL's ocel_type_map, the type's name as a table suffix.
std::string type_map(const std::string& type) {
  std::string out;
  bool upper = true;
  for (char c : type) {
    if (c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

/// "2026-01-05 06:30:00.250000": simulated seconds after the epoch's midnight (UTC).
class Clock {
public:
  explicit Clock(const TraceEpoch& epoch) {
    std::tm tm{};
    tm.tm_year = epoch.year - 1900;
    tm.tm_mon = epoch.month - 1;
    tm.tm_mday = epoch.day;
    start_ = timegm(&tm);
  }
  std::string at(double seconds) const {
    const double whole = std::floor(seconds);
    auto micro = static_cast<long>(std::llround((seconds - whole) * 1e6));
    auto t = static_cast<std::time_t>(start_ + static_cast<std::time_t>(whole));
    if (micro >= 1000000) {
      micro -= 1000000;
      ++t;
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%06ld", micro);
    return buf;
  }

private:
  std::time_t start_ = 0;
};

} // namespace

void check_trace(const results::ResultsReader& file, const std::string& run) {
  const std::string trace = "/runs/" + run + "/trace";
  read_names(file, trace);
  event_columns(file.read_table_rows(trace + "/events", 0, 1), file.path() + ": '" + trace + "/events'");
}

bool parse_trace_epoch(const std::string& text, TraceEpoch& epoch, std::string& error) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || text.size() != 10) {
    error = "expected a date YYYY-MM-DD, found '" + text + "'";
    return false;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  const std::time_t t = timegm(&tm);
  std::tm back{};
  gmtime_r(&t, &back);
  if (y < 1900 || back.tm_year != y - 1900 || back.tm_mon != m - 1 || back.tm_mday != d) {
    error = "expected a date YYYY-MM-DD, found '" + text + "' (no such day)";
    return false;
  }
  if (back.tm_wday != 1) {
    static const char* days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};
    error = "expected a Monday (time 0 of a run is a Monday 00:00, as its shift calendars assume), found " +
            text + ", a " + days[back.tm_wday];
    return false;
  }
  epoch = {y, m, d};
  return true;
}

void write_trace_csv(const results::ResultsReader& file, const std::string& run,
                     const std::string& csv_path) {
  const std::string trace = "/runs/" + run + "/trace";
  const TraceNames n = read_names(file, trace);
  PendingFile pending(csv_path);
  {
    std::ofstream out(pending.path());
    out << "time [s],kind,lot,product,step,station_group,machine,state,pool,count,related_lot\n";
    for_each_event(file, trace, [&](const TraceEvent& e) {
      const std::string& kind = known_kind(n, e);
      const std::string machine =
          is_carrier_event(kind) ? (e.machine < 0 ? std::string() : "carrier " + std::to_string(e.machine))
                                 : name_of(n.machines, e.machine, "machine");
      out << number(e.time) << ',' << kind << ',' << id_text(e.lot) << ','
          << name_of(n.products, e.product, "product") << ',' << name_of(n.steps, e.step, "step") << ','
          << name_of(n.groups, e.group, "station group") << ',' << machine << ','
          << name_of(n.states, e.state, "state") << ',' << name_of(n.pools, e.pool, "pool") << ',' << e.count
          << ',' << id_text(e.related_lot) << '\n';
    });
    out.flush();
    if (!out)
      throw std::runtime_error("cannot write " + pending.path());
  }
  pending.commit();
}

PlantLogCounts write_plant_log(const results::ResultsReader& file, const std::string& run,
                               const std::string& csv_path, const TraceEpoch& epoch, const MesNoise& noise,
                               const LiveRecord& live) {
  const std::string trace = "/runs/" + run + "/trace";
  const TraceNames n = read_names(file, trace);
  double start = 0;
  char day[32];
  std::snprintf(day, sizeof day, "%04d-%02d-%02dT00:00:00Z", epoch.year, epoch.month, epoch.day);
  plantdata::parse_iso_time(day, start);
  // One stream decides which records are lost or doubled; each machine's clock has its own
  // offset, drawn from a stream named after it (the same machine, the same offset).
  core::RandomStream records(noise.seed, 0, "plant-log", "records");
  const auto uniform = [](core::RandomStream& rng) {
    return static_cast<double>(rng.next_u64() >> 11) * 0x1p-53;
  };
  std::vector<double> offset(n.machines.size(), 0.0);
  for (std::size_t m = 0; m < n.machines.size() && noise.clock_skew_s > 0; ++m) {
    core::RandomStream clock(noise.seed, 0, n.machines[m], "clock_skew");
    offset[m] = noise.clock_skew_s * core::normal_quantile(std::clamp(uniform(clock), 1e-12, 1 - 1e-12));
  }
  PlantLogCounts counts;
  PendingFile pending(csv_path);
  {
    std::ofstream out(pending.path());
    // JSON lines for a file named so (one object a line, empty fields left out), CSV otherwise.
    const bool json_lines = csv_path.ends_with(".jsonl") || csv_path.ends_with(".ndjson");
    if (!json_lines)
      out << "time,kind,lot,product,step,station_group,machine,state,pool,count\n";
    for_each_event(file, trace, [&](const TraceEvent& e) {
      const std::string& kind = known_kind(n, e);
      const bool carrier = is_carrier_event(kind);
      const std::string group = name_of(n.groups, e.group, "station group");
      const double skew = !carrier && e.machine >= 0 && static_cast<std::size_t>(e.machine) < offset.size()
                              ? offset[static_cast<std::size_t>(e.machine)]
                              : 0.0;
      const double lost = uniform(records), doubled = uniform(records);
      if (lost < noise.missing) {
        ++counts.missing;
        return;
      }
      // A clock skewed back before the log's start stays at its start.
      const double at = start + std::max(0.0, std::round(e.time + skew));
      const std::string time = plantdata::iso_time(at);
      // The record's fields after its time and kind, in the CSV header's order.
      const std::pair<const char*, std::string> fields[] = {
          {"lot", id_text(e.lot)},
          {"product", name_of(n.products, e.product, "product")},
          {"step", name_of(n.steps, e.step, "step")},
          {"station_group", group},
          {"machine", plant_machine_name(n, e, kind, group)},
          {"state", name_of(n.states, e.state, "state")},
          {"pool", name_of(n.pools, e.pool, "pool")}};
      std::string line, object;
      if (json_lines || live) {
        nlohmann::ordered_json record = {{"time", time}, {"kind", kind}};
        for (const auto& [key, value] : fields)
          if (!value.empty())
            record[key] = value;
        record["count"] = e.count;
        object = record.dump();
      }
      if (json_lines) {
        line = object + '\n';
      } else {
        line = time + ',' + kind;
        for (const auto& [key, value] : fields)
          line += ',' + value;
        line += ',' + std::to_string(e.count) + '\n';
      }
      out << line;
      if (live)
        live(at, object);
      ++counts.written;
      if (doubled < noise.duplicates) {
        out << line;
        if (live)
          live(at, object);
        ++counts.duplicated;
      }
    });
    out.flush();
    if (!out)
      throw std::runtime_error("cannot write " + pending.path());
  }
  pending.commit();
  return counts;
}

std::size_t read_trace_as_log(const results::ResultsReader& file, const std::string& run,
                              plantdata::PlantLog& log, const plantdata::EventSink& each) {
  const std::string trace = "/runs/" + run + "/trace";
  const TraceNames n = read_names(file, trace);
  // The trace's kinds by index, as the schema's (the same names, in the same order today; mapped
  // by name so that an older file's order cannot matter).
  std::vector<std::uint8_t> kind_of;
  for (const auto& k : n.kinds)
    kind_of.push_back(plantdata::log_kind(k));
  const auto name = [](plantdata::NameTable& table, const std::string& text) {
    return text.empty() ? std::int32_t{-1} : table.intern(text);
  };
  std::size_t events = 0;
  log.path = file.path() + ":" + trace;
  for_each_event(file, trace, [&](const TraceEvent& e) {
    const std::string& kind = known_kind(n, e);
    const std::uint8_t k = kind_of[static_cast<std::size_t>(e.kind)];
    if (k >= plantdata::log_kinds().size())
      throw results::ResultsError(file.path() + ": '" + trace + "': an event of kind '" + kind +
                                  "', which plant logs do not know");
    const std::string group = name_of(n.groups, e.group, "station group");
    plantdata::LogEvent out;
    out.time_s = e.time;
    out.kind = k;
    out.lot = name(log.lots, id_text(e.lot));
    out.product = name(log.products, name_of(n.products, e.product, "product"));
    out.group = name(log.groups, group);
    out.machine = name(log.machines, plant_machine_name(n, e, kind, group));
    out.state = name(log.states, name_of(n.states, e.state, "state"));
    out.pool = name(log.pools, name_of(n.pools, e.pool, "pool"));
    out.count = e.count;
    ++log.rows;
    ++events;
    each(out);
  });
  return events;
}

void write_trace_ocel(const results::ResultsReader& file, const std::string& run,
                      const std::string& sqlite_path, const TraceEpoch& epoch) {
  const std::string trace = "/runs/" + run + "/trace";
  const TraceNames n = read_names(file, trace);
  const Clock clock(epoch);
  const std::string time_zero = clock.at(0.0);
  PendingFile pending(sqlite_path);
  {
    Database db(pending.path());
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;");
    // The tables of the OCEL 2.0 specification's SQLite format.
    db.exec("CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
            "CREATE TABLE event_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);"
            "CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);"
            "CREATE TABLE object_map_type (ocel_type TEXT PRIMARY KEY, ocel_type_map TEXT);"
            "CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT, "
            "PRIMARY KEY (ocel_event_id, ocel_object_id, ocel_qualifier));"
            "CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT, "
            "PRIMARY KEY (ocel_source_id, ocel_target_id, ocel_qualifier));");
    // Every event type has the same attributes: where it happened and what it counted.
    Insert event_type(db, "INSERT INTO event_map_type VALUES (?, ?)");
    std::vector<std::unique_ptr<Insert>> event_attributes;
    for (const std::string& kind : n.kinds) {
      const std::string map = type_map(kind);
      event_type.row({kind, map});
      db.exec("CREATE TABLE event_" + map +
              " (ocel_id TEXT PRIMARY KEY, ocel_time TIMESTAMP, station_group TEXT, step TEXT, state TEXT, "
              "count INTEGER);");
      event_attributes.push_back(
          std::make_unique<Insert>(db, "INSERT INTO event_" + map + " VALUES (?, ?, ?, ?, ?, ?)"));
    }
    // Objects: lots (product), machines (station group, state over time), worker pools (workers on
    // shift over time), carriers (the station group they deliver to).
    Insert object_type(db, "INSERT INTO object_map_type VALUES (?, ?)");
    object_type.row({"lot", "Lot"});
    object_type.row({"machine", "Machine"});
    object_type.row({"worker_pool", "WorkerPool"});
    object_type.row({"carrier", "Carrier"});
    db.exec(
        "CREATE TABLE object_Lot (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT, product TEXT);"
        "CREATE TABLE object_Machine (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT, "
        "station_group TEXT, state TEXT);"
        "CREATE TABLE object_WorkerPool (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT, "
        "on_shift INTEGER);"
        "CREATE TABLE object_Carrier (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT, "
        "station_group TEXT);");
    Insert object(db, "INSERT INTO object VALUES (?, ?)");
    Insert lot_attributes(db, "INSERT INTO object_Lot VALUES (?, ?, ?, ?)");
    Insert machine_attributes(db, "INSERT INTO object_Machine VALUES (?, ?, ?, ?, ?)");
    Insert pool_attributes(db, "INSERT INTO object_WorkerPool VALUES (?, ?, ?, ?)");
    Insert carrier_attributes(db, "INSERT INTO object_Carrier VALUES (?, ?, ?, ?)");
    Insert event(db, "INSERT INTO event VALUES (?, ?)");
    Insert event_object(db, "INSERT OR IGNORE INTO event_object VALUES (?, ?, ?)");
    Insert object_object(db, "INSERT OR IGNORE INTO object_object VALUES (?, ?, ?)");

    const std::string idle = n.states.empty() || !n.initial_states_known ? std::string() : n.states[0];
    const auto machine_id = [&](std::int64_t m) { return "machine:" + name_of(n.machines, m, "machine"); };
    for (std::size_t m = 0; m < n.machines.size(); ++m) {
      object.row({machine_id(static_cast<std::int64_t>(m)), "machine"});
      machine_attributes.row({machine_id(static_cast<std::int64_t>(m)), time_zero, "",
                              name_of(n.groups, n.machine_group[m], "station group"), idle});
    }
    const auto pool_id = [&](std::int64_t p) { return "worker_pool:" + name_of(n.pools, p, "pool"); };
    for (std::size_t p = 0; p < n.pools.size(); ++p) {
      object.row({pool_id(static_cast<std::int64_t>(p)), "worker_pool"});
      pool_attributes.row({pool_id(static_cast<std::int64_t>(p)), time_zero, "", "0"});
    }
    const auto lot_id = [](std::int64_t lot) { return "lot:" + std::to_string(lot); };
    std::unordered_map<std::int64_t, std::int64_t> lots; // lot -> product (-1: not seen in the trace)
    // A carrier belongs to the transport into one step: two transports into one shared group
    // have carriers of their own.
    std::map<std::pair<std::int64_t, std::int64_t>, bool> carriers; // (step, index)

    std::uint64_t count = 0;
    for_each_event(file, trace, [&](const TraceEvent& e) {
      const std::string& kind = known_kind(n, e);
      const std::string id = "e" + std::to_string(count++);
      const std::string time = clock.at(e.time);
      event.row({id, kind});
      event_attributes[static_cast<std::size_t>(e.kind)]->row(
          {id, time, name_of(n.groups, e.group, "station group"), name_of(n.steps, e.step, "step"),
           name_of(n.states, e.state, "state"), std::to_string(e.count)});
      if (e.lot >= 0) {
        auto [at, fresh] = lots.emplace(e.lot, e.product);
        if (!fresh && at->second < 0)
          at->second = e.product;
        event_object.row({id, lot_id(e.lot), "lot"});
      }
      if (e.related_lot >= 0) {
        lots.emplace(e.related_lot, -1);
        event_object.row({id, lot_id(e.related_lot), "related lot"});
        if (kind == "lot_consumed")
          object_object.row({lot_id(e.lot), lot_id(e.related_lot), "part of"});
        else
          object_object.row({lot_id(e.lot), lot_id(e.related_lot), "split from"});
      }
      if (is_carrier_event(kind)) {
        const std::string carrier =
            "carrier:" + name_of(n.steps, e.step, "step") + "/" + std::to_string(e.machine);
        if (!carriers[{e.step, e.machine}]) {
          carriers[{e.step, e.machine}] = true;
          object.row({carrier, "carrier"});
          carrier_attributes.row({carrier, time_zero, "", name_of(n.groups, e.group, "station group")});
        }
        event_object.row({id, carrier, "carrier"});
      } else if (e.machine >= 0) {
        event_object.row({id, machine_id(e.machine), "machine"});
        if (kind == "machine_state")
          machine_attributes.row(
              {machine_id(e.machine), time, "state", "", name_of(n.states, e.state, "state")});
      }
      if (e.pool >= 0) {
        event_object.row({id, pool_id(e.pool), "workers"});
        if (kind == "workers_on_shift")
          pool_attributes.row({pool_id(e.pool), time, "on_shift", std::to_string(e.count)});
      }
    });
    for (const auto& [lot, product] : lots) {
      object.row({lot_id(lot), "lot"});
      lot_attributes.row({lot_id(lot), time_zero, "",
                          product < 0 ? std::string() : name_of(n.products, product, "product")});
    }
    db.exec("COMMIT;");
  }
  pending.commit();
}

} // namespace gigatwin::cli
