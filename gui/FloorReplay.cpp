#include "FloorReplay.hpp"

#include "TraceTables.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "scenario/YamlTree.hpp"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <variant>

namespace gigatwin::gui {

namespace {
/// The transport into each station group ("agv", "conveyor"), from the routing steps of the
/// scenario stored with the results (the main routing's and every product's). A file without
/// one, or one that does not parse, gives none: the replay then calls them carriers.
QHash<QString, QString> transports_into(const results::ResultsReader& file) {
  QHash<QString, QString> out;
  if (!file.has("/scenario"))
    return out;
  scenario::DiagnosticLog log("/scenario");
  const auto tree = scenario::parse_yaml_tree(file.read_text("/scenario"), log);
  if (!tree)
    return out;
  const auto steps_of = [&](const scenario::TreeNode* routing) {
    const scenario::TreeNode* steps = routing ? routing->find("steps") : nullptr;
    if (!steps || steps->kind != scenario::TreeNode::Kind::sequence)
      return;
    for (const auto& step : steps->items) {
      if (step.kind != scenario::TreeNode::Kind::map)
        continue;
      const scenario::TreeNode* group = step.find("station_group");
      const scenario::TreeNode* transport = step.find("transport");
      const scenario::TreeNode* type =
          transport && transport->kind == scenario::TreeNode::Kind::map ? transport->find("type") : nullptr;
      if (group && type && group->kind == scenario::TreeNode::Kind::scalar &&
          type->kind == scenario::TreeNode::Kind::scalar)
        out.insert(QString::fromStdString(group->scalar), QString::fromStdString(type->scalar));
    }
  };
  if (tree->kind != scenario::TreeNode::Kind::map)
    return out;
  steps_of(tree->find("routing"));
  if (const scenario::TreeNode* products = tree->find("products");
      products && products->kind == scenario::TreeNode::Kind::sequence)
    for (const auto& p : products->items)
      steps_of(&p);
  return out;
}
} // namespace


std::optional<FloorReplay> FloorReplay::read(const results::ResultsReader& file, const QString& run) {
  Loader loader(file, run);
  while (!loader.done())
    loader.step();
  return loader.result();
}

FloorReplay::Loader::Loader(const results::ResultsReader& file, const QString& run) : file_(file) {
  const std::string group = "/runs/" + run.toStdString();
  trace_ = group + "/trace";
  if (!file.has(trace_ + "/events") || !file.has(trace_ + "/machines")) {
    traced_ = false;
    return;
  }
  FloorReplay& r = replay_;
  r.horizon_s_ = file.attribute_double(group, "horizon_s");
  const std::string kept = file.has_attribute(trace_, "kinds") ? file.attribute_string(trace_, "kinds") : "all";
  const auto keeps = [&](const char* kind) {
    return kept == "all" || ("," + kept + ",").find("," + std::string(kind) + ",") != std::string::npos;
  };
  r.groups_ = trace_names(file, trace_ + "/station_groups");
  r.complete_ = (file.has_attribute(trace_, "from_s") ? file.attribute_double(trace_, "from_s") : 0.0) == 0.0 &&
                trace_end(file, trace_) >= r.horizon_s_ && keeps("machine_state") && keeps("lot_arrived") &&
                keeps("lot_started") && keeps("lot_consumed") && kept_groups(file, trace_).size() == r.groups_.size();
  r.machines_per_group_ = QVector<int>(r.groups_.size(), 0);
  r.buffer_ = QVector<QVector<QPair<double, int>>>(r.groups_.size());
  const QStringList kinds = trace_names(file, trace_ + "/kinds");
  machine_state_ = static_cast<int>(kinds.indexOf("machine_state"));
  arrived_ = static_cast<int>(kinds.indexOf("lot_arrived"));
  started_ = static_cast<int>(kinds.indexOf("lot_started"));
  consumed_ = static_cast<int>(kinds.indexOf("lot_consumed"));
  departed_ = static_cast<int>(kinds.indexOf("carrier_departed"));
  delivered_ = static_cast<int>(kinds.indexOf("carrier_arrived"));
  r.transit_ = QVector<QVector<Transit>>(r.groups_.size());
  r.transport_ = QVector<QString>(r.groups_.size());
  const QHash<QString, QString> transports = transports_into(file);
  for (int g = 0; g < r.groups_.size(); ++g)
    r.transport_[g] = transports.value(r.groups_[g]);
  in_transit_ = QVector<QPair<int, int>>(r.groups_.size(), {0, 0});
  if (!transports.isEmpty() && !(keeps("carrier_departed") && keeps("carrier_arrived")))
    r.complete_ = false;
  const results::Table machines = file.read_table(trace_ + "/machines");
  r.machines_ = QVector<Machine>(static_cast<qsizetype>(machines.rows.size()));
  const std::string where = file.path() + ": '" + trace_ + "/machines'";
  for (std::size_t m = 0; m < machines.rows.size(); ++m) {
    const int index = checked_index(machines, m, "index", r.machines_.size(), where);
    const int g = checked_index(machines, m, "group", r.groups_.size(), where);
    if (r.machines_[index].group >= 0)
      throw results::ResultsError(where + " names machine " + std::to_string(index) + " twice (damaged trace?)");
    r.machines_[index].group = g;
    ++r.machines_per_group_[g];
  }
  level_ = QVector<int>(r.groups_.size(), 0);
  rows_ = file.table_rows(trace_ + "/events");
}

double FloorReplay::Loader::fraction() const {
  return rows_ == 0 ? 1.0 : static_cast<double>(next_) / static_cast<double>(rows_);
}

std::optional<FloorReplay> FloorReplay::Loader::result() {
  if (!traced_)
    return std::nullopt;
  return std::move(replay_);
}

void FloorReplay::Loader::step(std::size_t slice) {
  if (done())
    return;
  FloorReplay& r = replay_;
  const std::string path = trace_ + "/events";
  const auto move = [&](int g, double t, int delta) {
    level_[g] += delta;
    auto& steps = r.buffer_[g];
    if (!steps.isEmpty() && steps.back().first == t)
      steps.back().second = level_[g];
    else
      steps.push_back({t, level_[g]});
  };
  const results::Table t = file_.read_table_rows(path, next_, slice);
  next_ += std::max<std::size_t>(t.rows.size(), 1);
  {
    const auto col = [&](const char* name) {
      const auto c = t.find_column(name);
      if (!c)
        throw results::ResultsError(file_.path() + ": '" + path + "' has no column '" + name + "'");
      return *c;
    };
    const std::size_t c_time = col("time"), c_kind = col("kind"), c_lot = col("lot"), c_group = col("group"),
                      c_machine = col("machine"), c_state = col("state"), c_count = col("count");
    for (const auto& row : t.rows) {
      const auto number = [&](std::size_t c) {
        const auto* v = std::get_if<std::int64_t>(&row[c]);
        if (v == nullptr)
          throw results::ResultsError(file_.path() + ": '" + path + "' has a malformed row (damaged trace?)");
        return *v;
      };
      const auto* time = std::get_if<double>(&row[c_time]);
      if (time == nullptr || std::isnan(*time))
        throw results::ResultsError(file_.path() + ": '" + path + "' has a row without a time (damaged trace?)");
      const auto kind = number(c_kind);
      if (kind == machine_state_) {
        const auto m = number(c_machine), s = number(c_state);
        if (m < 0 || m >= r.machines_.size() || s < 0 || s >= state_count)
          throw results::ResultsError(file_.path() + ": '" + path + "' names a machine or state it does not have");
        r.machines_[static_cast<qsizetype>(m)].changes.push_back({*time, static_cast<int>(s)});
      } else if (kind == departed_ || kind == delivered_) {
        // Towards `group`: on board from its departure to its arrival.
        const auto g = number(c_group), lots = number(c_count);
        if (g < 0 || g >= r.groups_.size() || lots < 0)
          throw results::ResultsError(file_.path() + ": '" + path + "' has a carrier event it cannot place");
        auto& [on_board, carriers] = in_transit_[static_cast<qsizetype>(g)];
        const int sign = kind == departed_ ? +1 : -1;
        on_board += sign * static_cast<int>(lots);
        carriers += sign;
        auto& steps = r.transit_[static_cast<qsizetype>(g)];
        if (!steps.isEmpty() && steps.back().t_s == *time)
          steps.back() = {*time, on_board, carriers};
        else
          steps.push_back({*time, on_board, carriers});
      } else if (kind == arrived_ || kind == started_ || kind == consumed_) {
        const auto g = number(c_group);
        const qint64 lot = number(c_lot);
        if (kind == arrived_ && number(c_count) == 1 && g >= 0 && g < r.groups_.size()) {
          waiting_.insert(lot, static_cast<int>(g));
          move(static_cast<int>(g), *time, +1);
        } else if (kind != arrived_) {
          const auto it = waiting_.find(lot);
          if (it != waiting_.end()) { // it leaves the buffer it waited in
            move(it.value(), *time, -1);
            waiting_.erase(it);
          }
        }
      }
    }
  }
}

double FloorReplay::buffer_mean(int g, double from_s, double to_s) const {
  if (g < 0 || g >= buffer_.size() || !(to_s > from_s))
    return 0;
  double area = 0, level = 0, since = from_s;
  for (const auto& [t, after] : buffer_[g]) {
    if (t > to_s)
      break;
    if (t > since) {
      area += level * (t - since);
      since = t;
    }
    level = after;
  }
  area += level * (to_s - since);
  return area / (to_s - from_s);
}

QVector<StationLive> FloorReplay::at(double t) const {
  QVector<StationLive> out(groups_.size());
  for (int g = 0; g < groups_.size(); ++g) {
    out[g].name = groups_[g];
    out[g].machines = machines_per_group_[g];
    const auto& steps = buffer_[g];
    const auto it = std::upper_bound(steps.begin(), steps.end(), t,
                                     [](double time, const QPair<double, int>& s) { return time < s.first; });
    out[g].buffer = it == steps.begin() ? 0 : std::prev(it)->second;
    const auto& trips = transit_[g];
    if (!transport_[g].isEmpty() || !trips.isEmpty()) {
      const auto at = std::upper_bound(trips.begin(), trips.end(), t,
                                       [](double time, const Transit& s) { return time < s.t_s; });
      out[g].in_transit = at == trips.begin() ? 0 : std::prev(at)->lots;
      out[g].carriers = at == trips.begin() ? 0 : std::prev(at)->carriers;
      out[g].transport = transport_[g];
    }
  }
  for (const Machine& m : machines_) {
    // Its last change at or before t; every machine is idle at time 0.
    const auto it = std::upper_bound(m.changes.begin(), m.changes.end(), t,
                                     [](double time, const QPair<double, int>& c) { return time < c.first; });
    const int state = it == m.changes.begin() ? 0 : std::prev(it)->second;
    ++out[m.group].states[static_cast<std::size_t>(state)];
  }
  return out;
}

} // namespace gigatwin::gui
