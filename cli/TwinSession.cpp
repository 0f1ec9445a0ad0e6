#include "TwinSession.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "scenario/Units.hpp"
#include <cmath>

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
  tracker_.on_time_between_failures = [this](std::uint32_t group, double calendar_s, double operating_s) {
    watch(group, WatchedQuantity::time_to_failure, drift_.operating_basis(group) ? operating_s : calendar_s);
  };
}

void TwinSession::watch(std::uint32_t group, plantdata::WatchedQuantity quantity, double seconds) {
  const auto alarm = drift_.observe(group, quantity, seconds);
  if (!alarm)
    return;
  // Later forecasts use what the plant shows now (in every mode of the group: the twin cannot
  // tell which the change belongs to).
  for (auto& mode : spec_.station_groups[group].modes) {
    if (quantity == plantdata::WatchedQuantity::time_to_failure && !mode.failures && mode.robot_failures)
      mode.failures = *mode.robot_failures; // only robots failed: the fit becomes the machine's
    switch (quantity) {
    case plantdata::WatchedQuantity::process_time:
      mode.process_time = alarm->refit;
      mode.process_time_by_product.clear();
      break;
    // The fit of the times between failures describes the machine's downs whatever part failed:
    // it stands for the robots' failures too, which leave the model.
    case plantdata::WatchedQuantity::time_to_failure:
      if (mode.failures)
        mode.failures->time_to_failure = alarm->refit;
      mode.robot_failures.reset();
      break;
    case plantdata::WatchedQuantity::time_to_repair: // whichever part failed, a repair is this
      if (mode.failures)
        mode.failures->time_to_repair = alarm->refit;
      if (mode.robot_failures)
        mode.robot_failures->time_to_repair = alarm->refit;
      break;
    }
  }
  drifts_.push_back({*alarm, tracker_.now_s()});
  if (on_drift)
    on_drift(*alarm, tracker_.now_s());
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
  r.naive =
      window > 0 ? (r.completed_at_start - completed_at(at_s - window)) * options_.horizon_s / window : 0;
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
