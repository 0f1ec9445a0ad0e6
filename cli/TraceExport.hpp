#pragma once
// TraceExport: a run's event trace (/runs/<id>/trace, docs/EVENTS.md) written for other tools —
// as CSV with every id replaced by its name, and as an OCEL 2.0 object-centric event log in its
// SQLite form, where lots, machines, worker pools and carriers are the objects the events
// involve, for process-mining tools. Both are read from the results file a slice at a time and
// written to a temporary file renamed into place once complete.

#include "plantdata/PlantLog.hpp"
#include "results/ResultsReader.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace gigatwin::cli {

/// Simulated time 0 as a calendar date for OCEL timestamps: a Monday, as shift calendars assume.
struct TraceEpoch {
  int year = 2026, month = 1, day = 5;
};

/// Parses "YYYY-MM-DD"; false (and `error` says why) unless it is a real date and a Monday.
bool parse_trace_epoch(const std::string& text, TraceEpoch& epoch, std::string& error);

/// Throws results::ResultsError unless `run`'s trace can be exported (its tables and columns are
/// there), so that an export checks every trace before it writes anything.
void check_trace(const results::ResultsReader& file, const std::string& run);
/// Writes `run`'s trace to `csv_path`. Throws results::ResultsError or std::runtime_error.
void write_trace_csv(const results::ResultsReader& file, const std::string& run, const std::string& csv_path);
/// What a plant's manufacturing execution system does to its event log: each record lost with
/// probability `missing`, written twice with probability `duplicates`, each machine's clock off
/// by a constant drawn from a normal distribution with sd `clock_skew_s` (s); times to the second.
struct MesNoise {
  double missing = 0;
  double duplicates = 0;
  double clock_skew_s = 0;
  std::uint64_t seed = 0; ///< the noise's own random streams (the same seed: the same log)
};
struct PlantLogCounts {
  std::size_t written = 0, missing = 0, duplicated = 0;
};
/// Writes `run`'s trace to `csv_path` as a plant's event log (docs/EVENTS.md, "Plant event
/// logs"): ISO 8601 times in UTC from `epoch`, names instead of ids, carriers named after the
/// group they deliver to, with `noise`. Throws as write_trace_csv.
/// Each record as it is written (epoch seconds, the record as a JSON object) — the live stream.
using LiveRecord = std::function<void(double time_s, const std::string& json)>;
PlantLogCounts write_plant_log(const results::ResultsReader& file, const std::string& run,
                               const std::string& csv_path, const TraceEpoch& epoch, const MesNoise& noise,
                               const LiveRecord& live = {});
/// `run`'s trace read as a plant log (docs/EVENTS.md, "Plant event logs"): each event with its
/// names interned into `log`'s tables and handed to `each`, times in simulated seconds, carriers
/// named as write_plant_log names them. Returns the events read. Throws results::ResultsError.
std::size_t read_trace_as_log(const results::ResultsReader& file, const std::string& run,
                              plantdata::PlantLog& log, const plantdata::EventSink& each);
/// Writes `run`'s trace to `sqlite_path` as OCEL 2.0 (SQLite). Throws as write_trace_csv.
void write_trace_ocel(const results::ResultsReader& file, const std::string& run,
                      const std::string& sqlite_path, const TraceEpoch& epoch);

} // namespace gigatwin::cli
