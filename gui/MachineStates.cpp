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
  const std::string trace = "/runs/" + run.toStdString() + "/trace";
  if (!file.has(trace + "/events") || !file.has(trace + "/machines"))
    return std::nullopt;
  const std::string kept = file.has_attribute(trace, "kinds") ? file.attribute_string(trace, "kinds") : "all";
  if (kept != "all" && ("," + kept + ",").find(",machine_state,") == std::string::npos)
    return std::nullopt;
  const QStringList groups = trace_names(file, trace + "/station_groups");
  const int group_index = static_cast<int>(groups.indexOf(group));
  if (group_index < 0 || !kept_groups(file, trace).contains(group)) // not in the trace
    return std::nullopt;
  const QStringList kinds = trace_names(file, trace + "/kinds");
  const int machine_state = static_cast<int>(kinds.indexOf("machine_state"));

  MachineStates m;
  m.group = group;
  m.from_s = from_s;
  m.to_s = to_s;
  m.states = trace_names(file, trace + "/machine_states");
  // The group's machines: trace machine index -> row here.
  QVector<int> row_of;
  const results::Table machines = file.read_table(trace + "/machines");
  const std::string where = file.path() + ": '" + trace + "/machines'";
  for (std::size_t r = 0; r < machines.rows.size(); ++r) {
    const int index = checked_index(machines, r, "index", static_cast<qsizetype>(machines.rows.size()), where);
    while (row_of.size() <= index)
      row_of << -1;
    if (checked_index(machines, r, "group", groups.size(), where) == group_index) {
      row_of[index] = static_cast<int>(m.machines.size());
      m.machines << QString::fromStdString(results::text_at(machines, r, "name"));
    }
  }
  // Every machine is idle at time 0 — if the trace starts then.
  const double trace_from = file.has_attribute(trace, "from_s") ? file.attribute_double(trace, "from_s") : 0.0;
  const int idle = static_cast<int>(m.states.indexOf("idle"));
  QVector<int> state(m.machines.size(), trace_from == 0.0 ? idle : unknown);
  QVector<double> since(m.machines.size(), from_s);
  m.spans = QVector<QVector<Span>>(m.machines.size());
  const auto close = [&](int row, double until) {
    const double start = std::max(since[row], from_s);
    if (until > start)
      m.spans[row].push_back({start, until, state[row]});
  };

  const std::string path = trace + "/events";
  const std::size_t rows = file.table_rows(path);
  constexpr std::size_t slice = 65536;
  bool past = false;
  for (std::size_t first = 0; first < rows && !past; first += slice) {
    const results::Table t = file.read_table_rows(path, first, slice);
    const auto time_col = t.find_column("time"), kind_col = t.find_column("kind"),
               machine_col = t.find_column("machine"), state_col = t.find_column("state");
    if (!time_col || !kind_col || !machine_col || !state_col)
      throw results::ResultsError(file.path() + ": '" + path + "' lacks a column (not a trace this version writes)");
    for (const auto& r : t.rows) {
      const auto* time = std::get_if<double>(&r[*time_col]);
      const auto* kind = std::get_if<std::int64_t>(&r[*kind_col]);
      if (time == nullptr || kind == nullptr || std::isnan(*time))
        throw results::ResultsError(file.path() + ": '" + path + "' has a malformed row (damaged trace?)");
      if (*time > to_s) {
        past = true;
        break;
      }
      if (*kind != machine_state)
        continue;
      const auto* machine = std::get_if<std::int64_t>(&r[*machine_col]);
      const auto* s = std::get_if<std::int64_t>(&r[*state_col]);
      if (machine == nullptr || s == nullptr || *machine < 0 || *machine >= row_of.size() || *s < 0 ||
          *s >= m.states.size())
        throw results::ResultsError(file.path() + ": '" + path + "' names a machine or state it does not have");
      const int row = row_of[static_cast<int>(*machine)];
      if (row < 0)
        continue; // another group's machine
      if (*time > from_s)
        close(row, *time);
      state[row] = static_cast<int>(*s);
      since[row] = *time;
    }
  }
  // Past the end of the trace's window nothing is known.
  const double end = std::min(to_s, trace_end(file, trace));
  for (int row = 0; row < m.machines.size(); ++row) {
    close(row, std::max(end, from_s));
    if (end < to_s)
      m.spans[row].push_back({std::max(end, from_s), to_s, unknown});
  }
  return m;
}

} // namespace gigatwin::gui
