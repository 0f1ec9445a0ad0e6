#pragma once
// PlantLog: a plant's event log as GigaTwin reads it — machine state changes, lot events,
// carrier trips, workers on shift — in the schema the simulator's own trace uses
// (docs/EVENTS.md, "Plant event logs"): CSV with a header, one event a row — or JSON lines, one
// object a line with the same keys (nlohmann/json) — names instead of ids, times as ISO 8601 with a zone
// (`2026-01-05T06:00:00Z`, `...+09:00`) or as seconds (a number: epoch seconds, or seconds from any origin —
// only differences are used). A header mapping reads other column (or key) names (`--column time=timestamp`).
// The form is told by the first line that is not blank: `{` starts JSON lines.
//
// A log from outside is bad input in a hundred small ways. A row that cannot be read — a line
// that is not a JSON object (its column said), an array or object for a value, an unknown kind, a time that
// does not parse (or is in the other form than the file's first), a time going backwards on a machine, an
// exact duplicate of the machine's or the lot's last event, a bad count, too few fields — is dropped, counted
// and reported with its file:line (the first few of each kind of problem), and the reading goes on. A file
// that cannot be read at all (missing, no header, no `time` or `kind` column) throws PlantLogError. A
// byte-order mark is skipped. Numeric times beyond 10^12 s are refused as unparseable. A line over
// 1 MiB is dropped (not held in memory). Memory: ~48 bytes an
// event, and each distinct name twice (the table and its index).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gigatwin::plantdata {

class PlantLogError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Names given ids in the order first seen.
class NameTable {
public:
  std::int32_t intern(std::string_view name);
  /// The id of `name`, -1 when it was never seen.
  std::int32_t find(std::string_view name) const;
  const std::string& name(std::int32_t id) const { return names_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

private:
  std::vector<std::string> names_;
  struct Hash { // looks up a string_view without building a string
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> ids_;
};

/// The event kinds of the schema (the trace's), in its order.
const std::vector<std::string>& log_kinds();
/// The index of kind `name` in log_kinds() (its size when there is none).
std::uint8_t log_kind(std::string_view name);

struct LogEvent {
  double time_s = 0;     ///< as written: epoch seconds, or the file's own seconds
  std::uint8_t kind = 0; ///< index into log_kinds()
  std::int32_t lot = -1; ///< ids into the log's tables; -1: none
  std::int32_t product = -1;
  std::int32_t group = -1;
  std::int32_t machine = -1;
  std::int32_t state = -1;
  std::int32_t pool = -1;
  std::int64_t count = 0;
  std::uint32_t line = 0; ///< 1-based line in the file
};

/// One kind of problem found while reading, how many rows it cost and where the first were.
struct LogProblem {
  std::size_t count = 0;
  std::vector<std::string> examples; ///< "file:line: what" for the first few
};

struct LogFormat {
  /// The schema's column -> the file's header name, for the columns named otherwise.
  std::map<std::string, std::string> columns;
};

struct PlantLog {
  std::string path;
  std::vector<LogEvent> events; ///< in file order, the dropped rows left out (empty when streamed)
  NameTable lots, products, groups, machines, states, pools;
  std::size_t rows = 0; ///< data rows read (kept and dropped)
  std::map<std::string, LogProblem> problems;
  /// Every problem, one line each, with counts: what the import says it dropped.
  std::string problem_report() const;
  std::size_t dropped() const;
};

using EventSink = std::function<void(const LogEvent&)>;

/// Reads a plant event log (CSV or JSON lines) a line at a time into PlantLog::events. Throws PlantLogError
/// when the file cannot be read at all.
PlantLog read_plant_log(const std::string& path, const LogFormat& format = {});
/// The same into `log`, each event kept going to `each` as it is read instead (a year's log
/// need not fit in memory); `log`'s name tables grow as the events come, so `each` may look them up.
void read_plant_log(const std::string& path, const LogFormat& format, PlantLog& log, const EventSink& each);
/// The same from lines a source gives one at a time, without their end (`next` returns false when
/// there are no more): a live stream, one message a line. The line number in messages counts them.
void read_plant_log_lines(const std::function<bool(std::string& line)>& next, const std::string& label,
                          const LogFormat& format, PlantLog& log, const EventSink& each);
/// The same from text (`label` names it in messages); for tests and the fuzzer.
PlantLog read_plant_log_text(std::string_view text, const std::string& label, const LogFormat& format = {});

/// Parses an ISO 8601 date-time with a zone (`Z` or `±HH:MM`, seconds optionally fractional)
/// into epoch seconds; false when it is not one.
bool parse_iso_time(std::string_view text, double& epoch_s);
/// Epoch seconds as ISO 8601 in UTC, to the second (`2026-01-05T06:00:00Z`).
std::string iso_time(double epoch_s);

} // namespace gigatwin::plantdata
