#include "TwinSession.hpp"

#include "scenario/Units.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <tuple>

namespace gigatwin::cli {

TwinSession::TwinSession(const scenario::ScenarioSpec& spec, double origin_s, TwinOptions options)
    : spec_(spec), options_(std::move(options)), origin_s_(origin_s), tracker_(spec_, origin_s),
      next_forecast_s_(0), drift_(spec_) {
  using plantdata::WatchedQuantity;
  tracker_.on_process_time = [this](std::uint32_t group, std::uint32_t, double s) {
    watch(group, WatchedQuantity::process_time, s);
  };
  tracker_.on_repair_time = [this](std::uint32_t group, double s) {
    watch(group, WatchedQuantity::time_to_repair, s);
  };
  held_failures_.resize(spec_.station_groups.size());
  tracker_.on_time_between_failures = [this](std::uint32_t group, double calendar_s, double operating_s) {
    if (group >= held_failures_.size())
      return;
    auto& held = held_failures_[group];
    held.push_back({tracker_.now_s() - calendar_s, calendar_s, operating_s});
    std::push_heap(held.begin(), held.end(), std::greater<>());
    release_failures(group);
  };
}

void TwinSession::release_failures(std::uint32_t group) {
  auto& held = held_failures_[group];
  const double open = tracker_.earliest_open_interval(group);
  while (!held.empty() &&
         (held.front().start_s <= open || held.front().start_s < tracker_.now_s() - max_failure_hold_s)) {
    std::pop_heap(held.begin(), held.end(), std::greater<>());
    const HeldFailure f = held.back();
    held.pop_back();
    watch(group, plantdata::WatchedQuantity::time_to_failure,
          drift_.operating_basis(group) ? f.operating_s : f.calendar_s);
  }
}

void TwinSession::watch(std::uint32_t group, plantdata::WatchedQuantity quantity, double seconds) {
  const auto alarm = drift_.observe(group, quantity, seconds);
  if (!alarm)
    return;
  use_refit(*alarm);
  drifts_.push_back({*alarm, tracker_.now_s()});
  if (on_drift)
    on_drift(*alarm, tracker_.now_s());
}

void TwinSession::use_refit(const plantdata::DriftAlarm& alarm) {
  const auto quantity = alarm.quantity;
  // Later forecasts use what the plant shows now (in every mode of the group: the twin cannot
  // tell which the change belongs to).
  for (auto& mode : spec_.station_groups[alarm.group].modes) {
    if (quantity == plantdata::WatchedQuantity::time_to_failure && !mode.failures && mode.robot_failures)
      mode.failures = *mode.robot_failures; // only robots failed: the fit becomes the machine's
    switch (quantity) {
    case plantdata::WatchedQuantity::process_time:
      mode.process_time = alarm.refit;
      mode.process_time_by_product.clear();
      break;
    // The fit of the times between failures describes the machine's downs whatever part failed:
    // it stands for the robots' failures too, which leave the model.
    case plantdata::WatchedQuantity::time_to_failure:
      if (mode.failures)
        mode.failures->time_to_failure = alarm.refit;
      mode.robot_failures.reset();
      break;
    case plantdata::WatchedQuantity::time_to_repair: // whichever part failed, a repair is this
      if (mode.failures)
        mode.failures->time_to_repair = alarm.refit;
      if (mode.robot_failures)
        mode.robot_failures->time_to_repair = alarm.refit;
      break;
    }
  }
}

double TwinSession::completed_at(double t) const {
  // The last mark at or before t; marks are taken as the clock passes each whole hour.
  const auto it = std::upper_bound(marks_.begin(), marks_.end(), t,
                                   [](double v, const auto& mark) { return v < mark.first; });
  if (it == marks_.begin())
    return 0;
  return static_cast<double>(std::prev(it)->second);
}

void TwinSession::advance_to(double t) {
  // Hourly marks of the output so far: actuals and the naive forecast read them.
  while (next_mark_s_ >= 0 && t > next_mark_s_) {
    marks_.emplace_back(next_mark_s_, tracker_.completed());
    next_mark_s_ += 3600;
  }
  // Actuals of the forecasts whose horizon has passed: the output counted so far is the output up
  // to the horizon's end (no event came in between).
  while (first_open_ < records_.size()) {
    ForecastRecord& r = records_[first_open_];
    const double end = r.forecast.from_s + r.forecast.horizon_s;
    if (t <= end)
      break;
    r.actual = static_cast<double>(tracker_.completed()) - r.completed_at_start;
    if (on_actual)
      on_actual(r);
    ++first_open_;
  }
  // The forecast due (when the plant was silent for longer, only the latest of those due: the
  // others would all start from the same state).
  if (first_event_s_ >= 0 && t > next_forecast_s_) {
    while (t > next_forecast_s_ + options_.every_s)
      next_forecast_s_ += options_.every_s;
    make_forecast(next_forecast_s_);
    next_forecast_s_ += options_.every_s;
  }
}

void TwinSession::on_event(const plantdata::LogEvent& event, const plantdata::PlantLog& log) {
  // What falls due before the event's time reads the plant as it was before the event.
  const double t = event.time_s - origin_s_;
  if (std::isfinite(t) && first_event_s_ >= 0 && tracker_.plausible(t))
    advance_to(t);
  tracker_.apply(event, log);
  if (first_event_s_ < 0 && std::isfinite(tracker_.now_s())) {
    first_event_s_ = tracker_.now_s();
    next_mark_s_ = std::ceil(first_event_s_ / 3600.0) * 3600.0;
    // Forecasts from first_s after the first event's hour on, every every_s.
    next_forecast_s_ = std::floor(first_event_s_ / 3600.0) * 3600.0 + options_.first_s;
    marks_.emplace_back(first_event_s_, 0);
  }
}

void TwinSession::forecast_now() {
  if (std::isfinite(tracker_.now_s()))
    make_forecast(tracker_.now_s());
}

std::string read_twin_times(const std::string& every, const std::string& horizon, const std::string& first,
                            TwinOptions& options) {
  for (const auto& [text, value, name] :
       {std::tuple{every, &options.every_s, "--every"}, std::tuple{horizon, &options.horizon_s, "--horizon"},
        std::tuple{first, &options.first_s, "--from"}}) {
    const bool may_be_zero = std::string_view(name) == "--from";
    try {
      *value = scenario::parse_duration(text);
    } catch (const std::exception& e) {
      return std::string(name) + ": expected a time such as 1h or 24h, found '" + text + "' (" + e.what() +
             ")";
    }
    if (!(*value >= 0) || (!may_be_zero && !(*value > 0)))
      return std::string(name) + ": expected a time " + (may_be_zero ? ">= 0" : "> 0") + ", found '" + text +
             "'";
  }
  return "";
}

std::vector<double> shift_and_day_ends(const scenario::ScenarioSpec& spec, double from_s, double horizon_s) {
  std::vector<double> ends;
  constexpr double day = 86400.0;
  const double first_day = std::floor(from_s / day);
  for (double d = first_day; d * day <= from_s + horizon_s + day; ++d) {
    ends.push_back((d + 1) * day - from_s); // midnight
    if (spec.calendars.empty())
      continue;
    const scenario::CalendarSpec& calendar = spec.calendars.front();
    const auto weekday = static_cast<std::size_t>(static_cast<std::int64_t>(d) % 7); // time 0 is a Monday
    if (!calendar.days[weekday])
      continue;
    for (const auto& shift : calendar.shifts)
      ends.push_back(d * day + shift.start_s + shift.length_s - from_s);
  }
  std::vector<double> within;
  for (double e : ends)
    if (e > 1e-6 && e < horizon_s - 1e-6)
      within.push_back(e);
  std::sort(within.begin(), within.end());
  within.erase(std::unique(within.begin(), within.end()), within.end());
  return within;
}

void TwinSession::make_forecast(double at_s) {
  experiment::ForecastRequest request;
  request.state = tracker_.state(at_s);
  request.horizon_s = options_.horizon_s;
  request.checkpoints_s = options_.checkpoints_s.empty()
                              ? shift_and_day_ends(spec_, request.state.time_s, options_.horizon_s)
                              : options_.checkpoints_s;
  request.replications = options_.replications;
  request.seed = options_.seed + static_cast<std::uint64_t>(records_.size());
  request.jobs = options_.jobs;
  request.target = options_.target;
  ForecastRecord r;
  r.index = static_cast<std::int64_t>(records_.size());
  r.completed_at_start = static_cast<double>(tracker_.completed()); // up to at_s: the next event is later
  const double window = std::min(86400.0, at_s - first_event_s_);
  // No output seen yet (the first forecast, at the first event): no naive forecast (NaN).
  r.naive = window > 0 ? (r.completed_at_start - completed_at(at_s - window)) * options_.horizon_s / window
                       : std::nan("");
  try {
    r.forecast = experiment::forecast(spec_, request);
  } catch (const std::exception& e) {
    // A forecast that cannot be made (a state the model refuses, a run that fails) is said and
    // counted; the twin goes on following the plant.
    ++failed_forecasts_;
    if (on_failed_forecast)
      on_failed_forecast(e.what());
    return;
  }
  records_.push_back(std::move(r));
  if (on_forecast)
    on_forecast(records_.back());
}

} // namespace gigatwin::cli

namespace gigatwin::cli {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("twin." + key + ": " + what);
}

/// NaN (a quantity not known) is null in JSON.
json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

double read_number(const json& o, const std::string& name, const std::string& key, bool null_is_nan = false) {
  const auto it = o.find(name);
  if (null_is_nan && it != o.end() && it->is_null())
    return std::nan("");
  if (it == o.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    bad(key + name, "expected a number");
  return it->get<double>();
}

const json& read_array(const json& o, const std::string& name, const std::string& key) {
  const auto it = o.find(name);
  if (it == o.end() || !it->is_array())
    bad(key + name, "expected an array");
  return *it;
}

std::int64_t read_count(const json& o, const std::string& name, const std::string& key) {
  const auto it = o.find(name);
  if (it == o.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() > (std::uint64_t{1} << 62))
    bad(key + name, "expected a count");
  return static_cast<std::int64_t>(it->get<std::uint64_t>());
}

json record_json(const ForecastRecord& r) {
  const auto& f = r.forecast;
  json points = json::array();
  for (const auto& p : f.points)
    points.push_back({p.at_s, p.mean, p.low, p.high});
  return {{"index", r.index},
          {"naive", number_or_null(r.naive)},
          {"completed_at_start", r.completed_at_start},
          {"actual", r.actual ? json(*r.actual) : json(nullptr)},
          {"from_s", f.from_s},
          {"horizon_s", f.horizon_s},
          {"replications", f.replications},
          {"points", points},
          {"outputs", f.outputs},
          {"bottleneck", f.bottleneck},
          {"bottleneck_share", f.bottleneck_share},
          {"target", f.target},
          {"miss_probability", number_or_null(f.miss_probability)},
          {"wall_s", f.wall_s}};
}

ForecastRecord read_record(const json& o, const std::string& key) {
  if (!o.is_object())
    bad(key, "expected an object");
  const std::string k = key + ".";
  ForecastRecord r;
  r.index = read_count(o, "index", k);
  r.naive = read_number(o, "naive", k, true);
  r.completed_at_start = read_number(o, "completed_at_start", k);
  if (const double actual = read_number(o, "actual", k, true); !std::isnan(actual))
    r.actual = actual;
  auto& f = r.forecast;
  f.from_s = read_number(o, "from_s", k);
  f.horizon_s = read_number(o, "horizon_s", k);
  f.replications = read_count(o, "replications", k);
  const json& points = read_array(o, "points", k);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const json& p = points[i];
    if (!p.is_array() || p.size() != 4 ||
        !std::all_of(p.begin(), p.end(), [](const json& x) { return x.is_number(); }))
      bad(k + "points[" + std::to_string(i) + "]", "expected [at_s, mean, low, high]");
    f.points.push_back({p[0].get<double>(), p[1].get<double>(), p[2].get<double>(), p[3].get<double>()});
  }
  if (f.points.empty())
    bad(k + "points", "expected at least the horizon's point");
  const json& outputs = read_array(o, "outputs", k);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const json& run = outputs[i];
    if (!run.is_array() || run.size() != f.points.size() ||
        !std::all_of(run.begin(), run.end(), [](const json& x) { return x.is_number(); }))
      bad(k + "outputs[" + std::to_string(i) + "]", "expected one output per point");
    f.outputs.push_back(run.get<std::vector<double>>());
  }
  const auto bottleneck = o.find("bottleneck");
  if (bottleneck == o.end() || !bottleneck->is_string())
    bad(k + "bottleneck", "expected a station group's name");
  f.bottleneck = bottleneck->get<std::string>();
  f.bottleneck_share = read_number(o, "bottleneck_share", k);
  f.target = read_number(o, "target", k);
  f.miss_probability = read_number(o, "miss_probability", k, true);
  f.wall_s = read_number(o, "wall_s", k);
  return r;
}

} // namespace

json TwinSession::checkpoint(const plantdata::PlantLog& log) const {
  json records = json::array();
  for (const auto& r : records_)
    records.push_back(record_json(r));
  json drifts = json::array();
  for (const auto& d : drifts_)
    drifts.push_back({{"alarm", plantdata::drift_alarm_json(d.alarm)}, {"at_s", d.at_s}});
  json marks = json::array();
  for (const auto& [t, n] : marks_)
    marks.push_back({t, n});
  json held = json::array();
  for (std::size_t g = 0; g < held_failures_.size(); ++g)
    for (const auto& f : held_failures_[g])
      held.push_back({g, f.start_s, f.calendar_s, f.operating_s});
  return {{"origin_s", origin_s_},
          {"next_forecast_s", next_forecast_s_},
          {"first_event_s", first_event_s_},
          {"next_mark_s", next_mark_s_},
          {"marks", marks},
          {"records", records},
          {"first_open", first_open_},
          {"failed_forecasts", failed_forecasts_},
          {"drifts", drifts},
          {"drift_watch", drift_.checkpoint()},
          {"held_failures", held},
          {"tracker", tracker_.checkpoint(log)}};
}

double TwinSession::checkpoint_origin(const json& c) {
  if (!c.is_object())
    bad("", "expected an object");
  return read_number(c, "origin_s", "");
}

void TwinSession::resume(const json& c, plantdata::PlantLog& log) {
  if (!c.is_object())
    bad("", "expected an object");
  if (read_number(c, "origin_s", "") != origin_s_)
    bad("origin_s", "expected the session's own origin");
  std::vector<ForecastRecord> records;
  const json& items = read_array(c, "records", "");
  for (std::size_t i = 0; i < items.size(); ++i) {
    records.push_back(read_record(items[i], "records[" + std::to_string(i) + "]"));
    if (records.back().index != static_cast<std::int64_t>(i))
      bad("records[" + std::to_string(i) + "].index", "expected " + std::to_string(i));
  }
  const auto first_open = static_cast<std::size_t>(read_count(c, "first_open", ""));
  if (first_open > records.size())
    bad("first_open", "expected at most the number of records");
  std::vector<DriftRecord> drifts;
  const json& drift_items = read_array(c, "drifts", "");
  for (std::size_t i = 0; i < drift_items.size(); ++i) {
    const std::string key = "drifts[" + std::to_string(i) + "]";
    if (!drift_items[i].is_object() || !drift_items[i].contains("alarm"))
      bad(key, "expected an alarm and its time");
    drifts.push_back({plantdata::read_drift_alarm_json(drift_items[i]["alarm"], "twin." + key + ".alarm",
                                                       spec_.station_groups.size()),
                      read_number(drift_items[i], "at_s", key + ".")});
  }
  std::vector<std::pair<double, std::int64_t>> marks;
  const json& mark_items = read_array(c, "marks", "");
  for (std::size_t i = 0; i < mark_items.size(); ++i) {
    const json& m = mark_items[i];
    if (!m.is_array() || m.size() != 2 || !m[0].is_number() || !m[1].is_number_integer() ||
        (!marks.empty() && m[0].get<double>() < marks.back().first))
      bad("marks[" + std::to_string(i) + "]", "expected [time, good lots out] in time order");
    marks.emplace_back(m[0].get<double>(), m[1].get<std::int64_t>());
  }
  std::vector<std::vector<HeldFailure>> held(held_failures_.size());
  const json& held_items = read_array(c, "held_failures", "");
  for (std::size_t i = 0; i < held_items.size(); ++i) {
    const json& h = held_items[i];
    if (!h.is_array() || h.size() != 4 || !h[0].is_number_unsigned() ||
        h[0].get<std::uint64_t>() >= held.size() || !std::all_of(h.begin() + 1, h.end(), [](const json& x) {
          return x.is_number() && std::isfinite(x.get<double>());
        }))
      bad("held_failures[" + std::to_string(i) + "]", "expected [group, start, calendar s, operating s]");
    auto& heap = held[h[0].get<std::size_t>()];
    heap.push_back({h[1].get<double>(), h[2].get<double>(), h[3].get<double>()});
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  }
  const double next_forecast = read_number(c, "next_forecast_s", "");
  const double first_event = read_number(c, "first_event_s", "");
  const double next_mark = read_number(c, "next_mark_s", "");
  const std::int64_t failed = read_count(c, "failed_forecasts", "");
  if (!c.contains("drift_watch") || !c.contains("tracker"))
    bad("", "expected the drift watch and the tracker");
  plantdata::DriftWatch drift = drift_;
  drift.resume(c["drift_watch"]);
  tracker_.resume(c["tracker"], log); // the last that can fail: the tracker is unchanged if it does

  drift_ = std::move(drift);
  for (const auto& d : drifts)
    use_refit(d.alarm);
  records_ = std::move(records);
  held_failures_ = std::move(held);
  first_open_ = first_open;
  drifts_ = std::move(drifts);
  marks_ = std::move(marks);
  next_forecast_s_ = next_forecast;
  first_event_s_ = first_event;
  next_mark_s_ = next_mark;
  failed_forecasts_ = failed;
}

} // namespace gigatwin::cli
