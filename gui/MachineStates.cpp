#include "MachineStates.hpp"

#include "TraceTables.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

namespace gigatwin::gui {


int MachineStates::state_at(int machine, double t) const {
  if (machine < 0 || machine >= spans.size())
    return unknown;
  for (const Span& s : spans[machine])
    if (t >= s.from_s && t < s.to_s)
      return s.state;
  return unknown;
}

double MachineStates::time_in(int machine, int state) const {
  double sum = 0;
  if (machine >= 0 && machine < spans.size())
    for (const Span& s : spans[machine])
      if (s.state == state)
        sum += s.to_s - s.from_s;
  return sum;
}

QStringList MachineStates::traced_groups(const results::ResultsReader& file, const QString& run) {
  const std::string trace = "/runs/" + run.toStdString() + "/trace";
  return file.has(trace + "/station_groups") ? kept_groups(file, trace) : QStringList{};
}

std::optional<MachineStates> MachineStates::read(const results::ResultsReader& file, const QString& run,
                                                 const QString& group, double from_s, double to_s) {
  Loader loader(file, run, group, from_s, to_s);
  while (!loader.done())
    loader.step();
  return loader.result();
}

MachineStates::Loader::Loader(const results::ResultsReader& file, const QString& run, const QString& group,
                              double from_s, double to_s)
    : file_(file) {
  trace_ = "/runs/" + run.toStdString() + "/trace";
  if (!file.has(trace_ + "/events") || !file.has(trace_ + "/machines"))
    return;
  const std::string kept = file.has_attribute(trace_, "kinds") ? file.attribute_string(trace_, "kinds") : "all";
  if (kept != "all" && ("," + kept + ",").find(",machine_state,") == std::string::npos)
    return;
  const QStringList groups = trace_names(file, trace_ + "/station_groups");
  const int group_index = static_cast<int>(groups.indexOf(group));
  if (group_index < 0 || !kept_groups(file, trace_).contains(group)) // not in the trace
    return;
  const QStringList kinds = trace_names(file, trace_ + "/kinds");
  machine_state_ = static_cast<int>(kinds.indexOf("machine_state"));

  MachineStates& m = states_;
  m.group = group;
  m.from_s = from_s;
  m.to_s = to_s;
  m.states = trace_names(file, trace_ + "/machine_states");
  // The group's machines: trace machine index -> row here.
  const results::Table machines = file.read_table(trace_ + "/machines");
  const std::string where = file.path() + ": '" + trace_ + "/machines'";
  for (std::size_t r = 0; r < machines.rows.size(); ++r) {
    const int index = checked_index(machines, r, "index", static_cast<qsizetype>(machines.rows.size()), where);
    while (row_of_.size() <= index)
      row_of_ << -1;
    if (checked_index(machines, r, "group", groups.size(), where) == group_index) {
      row_of_[index] = static_cast<int>(m.machines.size());
      m.machines << QString::fromStdString(results::text_at(machines, r, "name"));
    }
  }
  // Every machine is idle at time 0 — if the trace starts then.
  const double trace_from = file.has_attribute(trace_, "from_s") ? file.attribute_double(trace_, "from_s") : 0.0;
  const int idle = static_cast<int>(m.states.indexOf("idle"));
  state_ = QVector<int>(m.machines.size(), trace_from == 0.0 ? idle : unknown);
  since_ = QVector<double>(m.machines.size(), from_s);
  m.spans = QVector<QVector<Span>>(m.machines.size());
  rows_ = file.table_rows(trace_ + "/events");
  traced_ = true;
}

double MachineStates::Loader::fraction() const {
  return done() || rows_ == 0 ? 1.0 : static_cast<double>(next_) / static_cast<double>(rows_);
}

void MachineStates::Loader::close(int row, double until) {
  const double start = std::max(since_[row], states_.from_s);
  if (until > start)
    states_.spans[row].push_back({start, until, state_[row]});
}

void MachineStates::Loader::step(std::size_t slice) {
  if (done())
    return;
  const std::string path = trace_ + "/events";
  const results::Table t = file_.read_table_rows(path, next_, slice);
  next_ += std::max<std::size_t>(t.rows.size(), 1);
  const auto time_col = t.find_column("time"), kind_col = t.find_column("kind"),
             machine_col = t.find_column("machine"), state_col = t.find_column("state");
  if (!time_col || !kind_col || !machine_col || !state_col)
    throw results::ResultsError(file_.path() + ": '" + path + "' lacks a column (not a trace this version writes)");
  for (const auto& r : t.rows) {
    const auto* time = std::get_if<double>(&r[*time_col]);
    const auto* kind = std::get_if<std::int64_t>(&r[*kind_col]);
    if (time == nullptr || kind == nullptr || std::isnan(*time))
      throw results::ResultsError(file_.path() + ": '" + path + "' has a malformed row (damaged trace?)");
    if (*time > states_.to_s) { // the window is read: the rest of the trace is not needed
      past_ = true;
      return;
    }
    if (*kind != machine_state_)
      continue;
    const auto* machine = std::get_if<std::int64_t>(&r[*machine_col]);
    const auto* s = std::get_if<std::int64_t>(&r[*state_col]);
    if (machine == nullptr || s == nullptr || *machine < 0 || *machine >= row_of_.size() || *s < 0 ||
        *s >= states_.states.size())
      throw results::ResultsError(file_.path() + ": '" + path + "' names a machine or state it does not have");
    const int row = row_of_[static_cast<int>(*machine)];
    if (row < 0)
      continue; // another group's machine
    if (*time > states_.from_s)
      close(row, *time);
    state_[row] = static_cast<int>(*s);
    since_[row] = *time;
  }
}

std::optional<MachineStates> MachineStates::Loader::result() {
  if (!traced_)
    return std::nullopt;
  // Past the end of the trace's window nothing is known.
  MachineStates& m = states_;
  const double end = std::min(m.to_s, trace_end(file_, trace_));
  for (int row = 0; row < m.machines.size(); ++row) {
    close(row, std::max(end, m.from_s));
    if (end < m.to_s)
      m.spans[row].push_back({std::max(end, m.from_s), m.to_s, unknown});
  }
  traced_ = false; // taken
  return std::move(m);
}

} // namespace gigatwin::gui
