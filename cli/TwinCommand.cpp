#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ForecastLog.hpp"
#include "LivePublisher.hpp"
#include "PendingFile.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"
#include "TraceExport.hpp"
#include "TwinFloor.hpp"
#include "TwinLink.hpp"
#include "TwinSession.hpp"

#include "plantdata/PlantLog.hpp"
#include "plantdata/PlantStateFile.hpp"
#include "scenario/Units.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <unistd.h>
#include <vector>

namespace gigatwin::cli {

namespace {

volatile std::sig_atomic_t stop_flag = 0;
void on_stop_signal(int) {
  stop_flag = 1;
}

/// Puts the plant's events back in the order of their sequence numbers (at least once, a
/// message the broker lost a connection with comes again, after newer ones): an event waits
/// while one before it is missing, up to `max_wait` or `max_held` events; then the gap is given
/// up (counted missing). An event already passed on is delivered again: dropped. A number far
/// below the next expected starts a new sequence (the plant's publisher started again).
class SequenceOrder {
public:
  enum class Verdict { hold, again };
  /// Takes event `seq`; returns hold (kept: take ready() ones) or again (drop it).
  /// `stream` names the publisher's run (empty: not given): a new one starts a new sequence.
  Verdict take(const std::string& stream, std::uint64_t seq, std::string payload) {
    if (!started_ || stream != stream_ || (seq < next_ && next_ - seq > restart_gap)) {
      started_ = true;
      stream_ = stream;
      next_ = seq;
      held_.clear();
    }
    if (seq < next_ || held_.count(seq))
      return Verdict::again;
    if (held_.empty() && seq != next_) // a gap opens: how long it may stay open counts from now
      gap_since_ = std::chrono::steady_clock::now();
    held_.emplace(seq, std::move(payload));
    return Verdict::hold;
  }
  /// The next event in order, if it is here (or the gap before it has been given up).
  bool ready(std::string& payload) {
    if (held_.empty())
      return false;
    if (held_.begin()->first != next_) {
      const bool waited = std::chrono::steady_clock::now() - gap_since_ > max_wait;
      if (!waited && held_.size() < max_held)
        return false;
      missing_ += static_cast<std::int64_t>(held_.begin()->first - next_);
      next_ = held_.begin()->first;
    }
    payload = std::move(held_.begin()->second);
    held_.erase(held_.begin());
    ++next_;
    if (!held_.empty() && held_.begin()->first != next_) // the next gap is open from now
      gap_since_ = std::chrono::steady_clock::now();
    return true;
  }
  std::int64_t missing() const { return missing_; }
  std::size_t held() const { return held_.size(); }

private:
  static constexpr std::uint64_t restart_gap = 1 << 20;
  static constexpr std::size_t max_held = 4096;
  static constexpr std::chrono::seconds max_wait{3};
  bool started_ = false;
  std::string stream_;
  std::uint64_t next_ = 0;
  std::map<std::uint64_t, std::string> held_;
  std::chrono::steady_clock::time_point gap_since_;
  std::int64_t missing_ = 0;
};

/// A message larger than this is no plant event: dropped and counted, never parsed.
constexpr std::size_t max_message_bytes = 64 * 1024;

using nlohmann::json;

json forecast_json(const ForecastRecord& r, double origin_s) {
  const auto& f = r.forecast;
  json points = json::array();
  for (const auto& p : f.points)
    points.push_back({{"at", plantdata::iso_time(origin_s + p.at_s)},
                      {"at_s", p.at_s},
                      {"mean", p.mean},
                      {"low", p.low},
                      {"high", p.high}});
  json out = {{"forecast", r.index},
              {"from", plantdata::iso_time(origin_s + f.from_s)},
              {"from_s", f.from_s},
              {"horizon_s", f.horizon_s},
              {"replications", f.replications},
              {"output", points},
              {"interval", 0.9},
              {"naive", r.naive},
              {"bottleneck", f.bottleneck},
              {"bottleneck_share", f.bottleneck_share},
              {"wall_s", f.wall_s}};
  if (f.target > 0) {
    out["target"] = f.target;
    out["miss_probability"] = f.miss_probability;
  }
  return out;
}

std::string read_secret(const std::string& file, std::string& error) {
  std::ifstream in(file);
  if (!in) {
    error = "cannot read the password file '" + file + "'";
    return "";
  }
  std::string secret;
  std::getline(in, secret);
  return secret;
}

} // namespace

int twin_command(const TwinArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin twin: " << message << "\n";
    return exit_bad_input;
  };
  TwinOptions options;
  if (const std::string error = read_twin_times(args.every, args.horizon, args.first, options);
      !error.empty())
    return refuse(error);
  options.replications = args.replications;
  options.jobs = args.jobs;
  options.target = args.target;
  std::string why;
  if (broker_uri(args.mqtt, why).empty())
    return refuse("--mqtt: " + why);
  for (const auto& [topic, name] :
       {std::pair{args.plant_topic, "--plant-topic"}, std::pair{args.topic, "--topic"}})
    if (topic.empty() || topic.find_first_of("#+") != std::string::npos || topic.back() == '/')
      return refuse(std::string(name) +
                    ": expected a topic prefix without wildcards (# +) or a trailing '/', found '" + topic +
                    "'");
  if (args.topic == args.plant_topic || args.topic.rfind(args.plant_topic + "/", 0) == 0)
    return refuse("--topic: the twin publishes under a prefix of its own, not the plant's ('" +
                  args.plant_topic + "')");
  TraceEpoch epoch;
  if (std::string error; !parse_trace_epoch(args.start_date, epoch, error))
    return refuse("--start-date: " + error);
  std::string password;
  if (!args.password_file.empty()) {
    std::string error;
    password = read_secret(args.password_file, error);
    if (!error.empty())
      return refuse("--mqtt-password-file: " + error);
  } else if (const char* env = std::getenv("GIGATWIN_MQTT_PASSWORD")) {
    password = env;
  }
  if (!args.log.empty() && !output_folder_or_report("twin", args.log, args.force))
    return exit_bad_input;
  if (!args.checkpoint.empty() && !output_folder_or_report("twin", args.checkpoint, true))
    return exit_bad_input;
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  options.seed = args.seed.value_or(loaded->seed);
  const scenario::ScenarioSpec spec = *loaded;

  std::unique_ptr<TwinLink> link;
  try {
    link = std::make_unique<TwinLink>(TwinLinkConfig{args.mqtt, args.mqtt_user, password, args.mqtt_ca,
                                                     args.client_id, args.plant_topic, args.topic});
  } catch (const std::exception& e) {
    std::cerr << "gigatwin twin: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);

  // Counts of what came in: every message is one of these.
  std::int64_t received = 0, oversized = 0, malformed = 0, redelivered = 0, requests = 0;
  SequenceOrder sequence;
  std::int64_t announced = -1; // events the plant says it sent ("done")
  std::optional<TwinSession> twin;
  double origin = 0;
  plantdata::PlantLog log;
  std::string failure;
  const auto status_json = [&](const std::string& state) {
    json ignored = json::object();
    std::int64_t ignored_total = 0;
    if (twin)
      for (const auto& [reason, n] : twin->tracker().ignored()) {
        ignored[reason] = n;
        ignored_total += n;
      }
    json problems = json::object();
    std::int64_t dropped = 0;
    for (const auto& [what, p] : log.problems) {
      problems[what] = p.count;
      dropped += static_cast<std::int64_t>(p.count);
    }
    json s = {{"state", state},
              {"events_received", received},
              {"events_applied", twin ? twin->tracker().events_applied() : 0},
              {"events_ignored", ignored_total},
              {"events_dropped", dropped + malformed + oversized + redelivered},
              {"redelivered", redelivered},
              {"sequence_missing", sequence.missing()},
              {"held_for_order", sequence.held()},
              {"ignored", ignored},
              {"dropped", problems},
              {"malformed", malformed},
              {"oversized", oversized},
              {"forecasts", twin ? twin->records().size() : 0},
              {"drifts", twin ? twin->drifts().size() : 0},
              {"forecasts_failed", twin ? twin->failed_forecasts() : 0},
              {"requests", requests},
              {"publish_failures", link->publish_failures()}};
    if (twin)
      s["lots_lost"] = twin->tracker().lots_lost();
    if (twin && std::isfinite(twin->tracker().now_s())) {
      s["plant_time"] = plantdata::iso_time(origin + twin->tracker().now_s());
      s["lots_in_plant"] = twin->tracker().lots();
    }
    if (!failure.empty())
      s["error"] = failure;
    return s.dump();
  };
  const auto save = [&] {
    if (!twin)
      return;
    try {
      if (!args.log.empty())
        write_forecast_log(args.log, twin->records(), twin->drifts(), spec, args.start_date);
      if (!args.checkpoint.empty())
        write_whole(args.checkpoint,
                    plantdata::plant_state_json(twin->tracker().state(), spec, args.start_date));
    } catch (const std::exception& e) {
      std::cerr << "gigatwin twin: " << e.what() << "\n";
    }
  };
  // The floor as the twin knows it, for viewers (the desktop app): at most once a second of wall
  // time, when events came since the last.
  auto last_floor = std::chrono::steady_clock::now();
  std::int64_t floor_events = -1;
  std::deque<std::pair<double, std::int64_t>> recent_output; // (plant time, good lots out)
  const auto publish_floor = [&] {
    if (!twin || !std::isfinite(twin->tracker().now_s()) || twin->tracker().events_applied() == floor_events)
      return;
    floor_events = twin->tracker().events_applied();
    last_floor = std::chrono::steady_clock::now();
    const double now = twin->tracker().now_s();
    recent_output.emplace_back(now, twin->tracker().completed());
    while (recent_output.size() > 2 && recent_output[1].first <= now - 3600)
      recent_output.pop_front();
    FloorTotals totals{.completed = twin->tracker().completed()};
    if (const double span = now - recent_output.front().first; span > 0)
      totals.throughput_per_h =
          static_cast<double>(totals.completed - recent_output.front().second) * 3600 / span;
    try {
      link->publish("floor", floor_json(twin->tracker().state(), spec, origin, totals), true);
    } catch (const std::exception& e) {
      std::cerr << "gigatwin twin: " << e.what() << "\n";
    }
  };
  link->publish("status", status_json("following"), true);
  if (!args.quiet)
    std::cerr << "gigatwin twin: following " << args.plant_topic << "/events at " << args.mqtt
              << ", publishing under " << args.topic << "/\n";

  auto last_status = std::chrono::steady_clock::now();
  auto last_message = last_status;
  const auto next_line = [&](std::string& line) {
    for (;;) {
      if (stop_flag)
        return false;
      if (sequence.ready(line))
        return true;
      if (announced >= 0 && received - redelivered >= announced && sequence.held() == 0)
        return false; // the plant is done and every event it sent is in
      if (announced >= 0 && std::chrono::steady_clock::now() - last_message > std::chrono::seconds(10))
        return false; // done, and nothing more for 10 s: what never came is counted missing
      if (std::chrono::steady_clock::now() - last_floor > std::chrono::seconds(1))
        publish_floor();
      if (std::chrono::steady_clock::now() - last_status > std::chrono::seconds(5)) {
        link->publish("status", status_json("following"), true);
        last_status = std::chrono::steady_clock::now();
      }
      TwinMessage message;
      if (!link->next(message, std::chrono::milliseconds(200)))
        continue;
      last_message = std::chrono::steady_clock::now();
      switch (message.topic) {
      case TwinMessage::Topic::event: {
        ++received;
        const std::string& p = message.payload;
        if (p.size() > max_message_bytes) {
          ++oversized;
          continue;
        }
        const json event = json::parse(p, nullptr, false);
        if (!event.is_object() || p.find_first_of("\r\n") != std::string::npos) {
          // One JSON object on one line is an event; anything else is not. The first few are
          // shown (cut short, their control characters as '?').
          if (++malformed <= 5 && !args.quiet) {
            std::string shown = p.substr(0, 80);
            for (char& c : shown)
              if (static_cast<unsigned char>(c) < 0x20)
                c = '?';
            std::cerr << "gigatwin twin: message " << received << " on " << args.plant_topic
                      << "/events is not one JSON object: '" << shown << (p.size() > 80 ? "...'" : "'")
                      << "\n";
          }
          continue;
        }
        // A sequence number, when the plant sends one: events go on in its order, and one
        // delivered again is dropped.
        if (const auto seq = event.find("seq"); seq != event.end() && seq->is_number_unsigned()) {
          const auto stream = event.find("stream");
          const std::string run =
              stream != event.end() && stream->is_string() ? stream->get<std::string>() : "";
          if (sequence.take(run, seq->get<std::uint64_t>(), p) == SequenceOrder::Verdict::again)
            ++redelivered;
          continue; // passed on by ready() at the loop's top
        }
        line = p;
        return true;
      }
      case TwinMessage::Topic::plant_status: {
        const json s = json::parse(message.payload, nullptr, false);
        if (args.until_done && s.is_object() && s.value("state", "") == "done" && s.contains("events") &&
            s["events"].is_number_integer())
          announced = s["events"].get<std::int64_t>();
        continue;
      }
      case TwinMessage::Topic::request:
        ++requests;
        if (twin) {
          try {
            twin->forecast_now();
          } catch (const std::exception& e) {
            std::cerr << "gigatwin twin: " << e.what() << "\n";
          }
        }
        continue;
      case TwinMessage::Topic::other:
        continue;
      }
    }
  };
  const auto each = [&](const plantdata::LogEvent& e) {
    if (!twin) {
      origin = log_origin_s(e.time_s, args.start_date);
      twin.emplace(spec, origin, options);
      twin->on_forecast = [&](const ForecastRecord& r) {
        link->publish("forecast", forecast_json(r, origin).dump(), true);
        if (!args.quiet)
          std::cerr << "gigatwin twin: forecast " << r.index << " from "
                    << plantdata::iso_time(origin + r.forecast.from_s) << ": "
                    << r.forecast.points.back().mean << " lots in " << r.forecast.horizon_s / 3600.0
                    << " h (90 %: " << r.forecast.points.back().low << " to " << r.forecast.points.back().high
                    << "), bottleneck " << r.forecast.bottleneck << "\n";
        save();
      };
      twin->on_drift = [&](const plantdata::DriftAlarm& a, double at_s) {
        const json d = {{"station_group", spec.station_groups[a.group].name},
                        {"quantity", plantdata::quantity_name(a.quantity)},
                        {"at", plantdata::iso_time(origin + at_s)},
                        {"at_s", at_s},
                        {"direction", a.higher ? "up" : "down"},
                        {"mean_before_s", a.mean_before},
                        {"mean_after_s", a.mean_after},
                        {"refit_family", a.family},
                        {"observations", a.observations}};
        link->publish("drift", d.dump(), true);
        if (!args.quiet)
          std::cerr << "gigatwin twin: drift at " << plantdata::iso_time(origin + at_s) << ": "
                    << spec.station_groups[a.group].name << " " << plantdata::quantity_name(a.quantity) << " "
                    << (a.higher ? "up" : "down") << ", mean " << a.mean_before << " s -> " << a.mean_after
                    << " s; forecasts use the new fit\n";
        save();
      };
      twin->on_failed_forecast = [&](const std::string& why) {
        std::cerr << "gigatwin twin: a forecast failed: " << why << "\n";
        link->publish("status", status_json("following"), true);
      };
      twin->on_actual = [&](const ForecastRecord& r) {
        json a = {{"forecast", r.index},
                  {"from", plantdata::iso_time(origin + r.forecast.from_s)},
                  {"horizon_s", r.forecast.horizon_s},
                  {"actual", *r.actual},
                  {"forecast_mean", r.forecast.points.back().mean},
                  {"low", r.forecast.points.back().low},
                  {"high", r.forecast.points.back().high},
                  {"covered", r.covered()},
                  {"naive", r.naive}};
        link->publish("actual", a.dump(), false);
        save();
      };
    }
    twin->on_event(e, log);
    if (std::chrono::steady_clock::now() - last_floor > std::chrono::seconds(1))
      publish_floor();
  };
  int code = exit_ok;
  try {
    plantdata::read_plant_log_lines(next_line, "mqtt:" + args.plant_topic + "/events", {}, log, each);
  } catch (const std::exception& e) {
    failure = e.what();
    std::cerr << "gigatwin twin: " << e.what() << "\n";
    code = exit_runtime_failure;
  }
  save();
  publish_floor();
  const std::string final_state = !failure.empty() ? "failed" : stop_flag ? "stopped" : "done";
  link->close(status_json(final_state));
  if (!args.quiet) {
    std::cerr << "gigatwin twin: " << final_state << ": " << received << " events received, "
              << (twin ? twin->tracker().events_applied() : 0) << " applied, " << malformed + oversized
              << " malformed, " << (twin ? twin->records().size() : 0) << " forecasts\n";
  }
  std::cout << status_json(final_state) << "\n";
  return stop_flag ? exit_interrupted : code;
}

} // namespace gigatwin::cli
