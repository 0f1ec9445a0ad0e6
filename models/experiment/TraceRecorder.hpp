#pragma once
// TraceRecorder: the event trace of one run. It observes the plant (a PlantObserver), keeps the
// observations the scenario's `trace` filter selects (kinds, station groups, a window of
// simulated time) and streams them, as they happen, to /runs/<id>/trace/events of the run's
// part file — a chunked, compressed table that never sits whole in memory — with the tables
// that name its ids (station groups, machines, products, steps, pools, kinds, machine states).
// docs/EVENTS.md is the schema. It changes nothing in the run: the KPIs are the same with or
// without it.

#include "plant/Factory.hpp"
#include "plant/Observation.hpp"

#include "results/ResultsWriter.hpp"

#include <bitset>
#include <string>
#include <vector>

namespace gigatwin::experiment {

class TraceRecorder final : public plant::PlantObserver {
public:
  /// Opens the trace of run group `run_group` ("/runs/p0000-r0000") of `part` for `factory`.
  TraceRecorder(results::ResultsWriter& part, const std::string& run_group, const plant::Factory& factory,
                const scenario::TraceSpec& filter);

  /// Never throws: a failure to write (a full disk) is kept, the trace stops, and the caller
  /// stops the run (failure()) — an exception cannot cross the simulation's callbacks.
  void observe(const plant::Observation& o) override;
  /// Why the trace could not be written; empty while it can.
  const std::string& failure() const { return failure_; }
  /// Writes the tables of names and the filter, and closes the events table.
  void finish();
  std::size_t events() const { return events_.size(); }

private:
  results::ResultsWriter& part_;
  std::string group_;
  const plant::Factory& factory_;
  scenario::TraceSpec filter_;
  std::bitset<plant::observation_kind_count> kinds_;
  std::vector<bool> station_groups_; // by group index; empty: every event
  results::TableStream events_;
  std::vector<results::Cell> row_; // reused
  std::string failure_;
};

/// The columns of /runs/<id>/trace/events, in order.
const std::vector<results::Column>& trace_event_columns();

} // namespace gigatwin::experiment
