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
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
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

  /// What it holds, for the twin's checkpoint (the held events too: they were taken).
  nlohmann::json checkpoint() const {
    nlohmann::json held = nlohmann::json::array();
    for (const auto& [seq, payload] : held_)
      held.push_back({seq, payload});
    return {
        {"started", started_}, {"stream", stream_}, {"next", next_}, {"missing", missing_}, {"held", held}};
  }
  void resume(const nlohmann::json& c) {
    const auto bad = [](const std::string& what) { throw std::runtime_error("twin.sequence: " + what); };
    if (!c.is_object() || !c.value("started", nlohmann::json()).is_boolean() ||
        !c.value("stream", nlohmann::json()).is_string() ||
        !c.value("next", nlohmann::json()).is_number_unsigned() ||
        !c.value("missing", nlohmann::json()).is_number_unsigned() ||
        !c.value("held", nlohmann::json()).is_array())
      bad("expected started, stream, next, missing and held");
    std::map<std::uint64_t, std::string> held;
    for (const auto& h : c["held"]) {
      if (!h.is_array() || h.size() != 2 || !h[0].is_number_unsigned() || !h[1].is_string() ||
          h[0].get<std::uint64_t>() < c["next"].get<std::uint64_t>())
        bad("held: expected [sequence number after next, message] pairs");
      held.emplace(h[0].get<std::uint64_t>(), h[1].get<std::string>());
    }
    if (held.size() > max_held)
      bad("held: more than " + std::to_string(max_held) + " events");
    started_ = c["started"].get<bool>();
    stream_ = c["stream"].get<std::string>();
    next_ = c["next"].get<std::uint64_t>();
    missing_ = c["missing"].get<std::int64_t>();
    held_ = std::move(held);
    gap_since_ = std::chrono::steady_clock::now();
  }

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
              {"naive", std::isfinite(r.naive) ? json(r.naive) : json(nullptr)},
              {"bottleneck", f.bottleneck},
              {"bottleneck_share", f.bottleneck_share},
              {"wall_s", f.wall_s}};
  if (f.target > 0) {
    out["target"] = f.target;
    out["miss_probability"] = f.miss_probability;
  }
  return out;
}

/// What a checkpoint must share with the scenario it is taken back with: the names of its
/// station groups (with their machines), products and steps.
json scenario_fingerprint(const scenario::ScenarioSpec& spec) {
  json groups = json::array(), products = json::array(), steps = json::array();
  for (const auto& g : spec.station_groups)
    groups.push_back({g.name, g.machines});
  for (const auto& p : spec.products)
    products.push_back(p.name);
  for (const auto& st : spec.steps)
    steps.push_back({st.product, st.group_index});
  return {{"station_groups", groups}, {"products", products}, {"steps", steps}};
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
  if (args.resume && args.checkpoint.empty())
    return refuse("--resume: carries on from the --checkpoint's files; give --checkpoint FILE");
  // The twin's own checkpoint beside the plant's state, and the events that came after it.
  const std::string session_file = args.checkpoint.empty() ? "" : args.checkpoint + ".twin";
  const std::string journal_file = args.checkpoint.empty() ? "" : args.checkpoint + ".journal";
  const bool resuming = args.resume && std::filesystem::exists(session_file);
  // A twin carrying on rewrites its own forecast log with what it had and what comes.
  if (!args.log.empty() && !output_folder_or_report("twin", args.log, args.force || resuming))
    return exit_bad_input;
  if (!args.checkpoint.empty() && !output_folder_or_report("twin", args.checkpoint, true))
    return exit_bad_input;
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  options.seed = args.seed.value_or(loaded->seed);
  const scenario::ScenarioSpec spec = *loaded;

  json resumed;                                             // the checkpoint carried on from
  std::deque<std::pair<std::uint64_t, std::string>> replay; // its journal's events after it
  std::uint64_t taken = 0; // the number of the next event to take (the journal's numbering)
  if (resuming) {
    std::ifstream in(session_file);
    std::stringstream text;
    text << in.rdbuf();
    resumed = json::parse(text.str(), nullptr, false);
    if (!in || resumed.is_discarded() || !resumed.is_object())
      return refuse(session_file +
                    ": not a twin checkpoint (one JSON object); start without --resume to begin anew");
    if (resumed.value("scenario", json()) != scenario_fingerprint(spec))
      return refuse(session_file +
                    ": a checkpoint of another plant (station groups, products or steps differ from " +
                    args.scenario + ")");
    if (!resumed.value("taken", json()).is_number_unsigned())
      return refuse(session_file + ": taken: expected the number of the next event");
    taken = resumed["taken"].get<std::uint64_t>();
    // Events the plant sent after the checkpoint: every whole line numbered from `taken` on (a
    // kill can cut the last short).
    std::ifstream journal(journal_file);
    std::uint64_t expected = taken;
    for (std::string line; std::getline(journal, line);) {
      const json j = json::parse(line, nullptr, false);
      if (!j.is_object() || !j.value("i", json()).is_number_unsigned())
        continue;
      const auto number = j["i"].get<std::uint64_t>();
      if (number < expected)
        continue;
      expected = number + 1;
      replay.emplace_back(number,
                          j.value("m", json()).is_string() ? j["m"].get<std::string>() : std::string("\n"));
    }
  } else if (!journal_file.empty()) {
    std::error_code ignored;
    std::filesystem::remove(journal_file, ignored); // another twin's events: not this one's
  }

  std::unique_ptr<TwinLink> link;
  try {
    link = std::make_unique<TwinLink>(
        TwinLinkConfig{args.mqtt, args.mqtt_user, password, args.mqtt_ca, args.client_id, args.plant_topic,
                       args.topic, journal_file, replay.empty() ? taken : replay.back().first + 1});
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
  // Saved between events (never while one is half applied): the forecast log, the plant's
  // state, the twin's own checkpoint; then the journal keeps only the events not yet taken.
  bool save_due = false;
  const auto save = [&] {
    save_due = false;
    if (!twin)
      return;
    try {
      if (!args.log.empty())
        write_forecast_log(args.log, twin->records(), twin->drifts(), spec, args.start_date);
      if (!args.checkpoint.empty()) {
        write_whole(args.checkpoint,
                    plantdata::plant_state_json(twin->tracker().state(), spec, args.start_date));
        json problems = json::object();
        for (const auto& [what, p] : log.problems)
          problems[what] = {{"count", p.count}, {"examples", p.examples}};
        const json checkpoint = {{"format", "gigatwin twin checkpoint 1"},
                                 {"scenario", scenario_fingerprint(spec)},
                                 {"taken", taken},
                                 {"counts",
                                  {{"received", received},
                                   {"oversized", oversized},
                                   {"malformed", malformed},
                                   {"redelivered", redelivered},
                                   {"requests", requests}}},
                                 {"problems", problems},
                                 {"sequence", sequence.checkpoint()},
                                 {"session", twin->checkpoint(log)}};
        write_whole(session_file, checkpoint.dump());
        if (replay.empty()) // replayed events are still only in the journal
          link->trim_journal();
      }
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
  auto last_status = std::chrono::steady_clock::now();
  auto last_message = last_status;
  const auto next_line = [&](std::string& line) {
    for (;;) {
      if (save_due)
        save();
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
      if (!replay.empty()) { // the journal's events after the checkpoint come first
        message.topic = TwinMessage::Topic::event;
        message.number = replay.front().first;
        message.payload = std::move(replay.front().second);
        replay.pop_front();
      } else if (!link->next(message, std::chrono::milliseconds(200))) {
        continue;
      }
      last_message = std::chrono::steady_clock::now();
      if (message.topic == TwinMessage::Topic::event)
        taken = message.number + 1;
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
  const auto attach = [&] {
    twin->on_forecast = [&](const ForecastRecord& r) {
      link->publish("forecast", forecast_json(r, origin).dump(), true);
      if (!args.quiet)
        std::cerr << "gigatwin twin: forecast " << r.index << " from "
                  << plantdata::iso_time(origin + r.forecast.from_s) << ": " << r.forecast.points.back().mean
                  << " lots in " << r.forecast.horizon_s / 3600.0
                  << " h (90 %: " << r.forecast.points.back().low << " to " << r.forecast.points.back().high
                  << "), bottleneck " << r.forecast.bottleneck << "\n";
      save_due = true;
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
                      {"observations", a.observations},
                      {"refined", a.refined}};
      link->publish("drift", d.dump(), true);
      if (!args.quiet)
        std::cerr << "gigatwin twin: drift at " << plantdata::iso_time(origin + at_s) << ": "
                  << spec.station_groups[a.group].name << " " << plantdata::quantity_name(a.quantity) << " "
                  << (a.refined  ? "refit refined"
                      : a.higher ? "up"
                                 : "down")
                  << ", mean " << a.mean_before << " s -> " << a.mean_after
                  << " s; forecasts use the new fit\n";
      save_due = true;
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
                {"naive", std::isfinite(r.naive) ? json(r.naive) : json(nullptr)}};
      link->publish("actual", a.dump(), false);
      save_due = true;
    };
  };
  const auto each = [&](const plantdata::LogEvent& e) {
    if (!twin) {
      origin = log_origin_s(e.time_s, args.start_date);
      twin.emplace(spec, origin, options);
      attach();
    }
    twin->on_event(e, log);
    if (std::chrono::steady_clock::now() - last_floor > std::chrono::seconds(1))
      publish_floor();
  };
  if (resuming) {
    try {
      const json& c = resumed;
      const json& counts = c.value("counts", json::object());
      for (const auto& [name, value] :
           {std::pair{"received", &received}, std::pair{"oversized", &oversized},
            std::pair{"malformed", &malformed}, std::pair{"redelivered", &redelivered},
            std::pair{"requests", &requests}}) {
        if (!counts.value(name, json()).is_number_unsigned())
          throw std::runtime_error(std::string("twin.counts.") + name + ": expected a count");
        *value = counts[name].get<std::int64_t>();
      }
      sequence.resume(c.value("sequence", json()));
      if (!c.value("problems", json()).is_object())
        throw std::runtime_error("twin.problems: expected an object");
      for (const auto& [what, p] : c["problems"].items()) {
        if (!p.value("count", json()).is_number_unsigned() || !p.value("examples", json()).is_array())
          throw std::runtime_error("twin.problems." + what + ": expected a count and examples");
        auto& problem = log.problems[what];
        problem.count = p["count"].get<std::size_t>();
        for (const auto& example : p["examples"])
          if (example.is_string())
            problem.examples.push_back(example.get<std::string>());
      }
      if (!c.contains("session"))
        throw std::runtime_error("twin.session: missing");
      origin = TwinSession::checkpoint_origin(c["session"]);
      twin.emplace(spec, origin, options);
      twin->resume(c["session"], log);
      attach();
    } catch (const std::exception& e) {
      link->close(R"({"state":"failed"})");
      return refuse(session_file + ": " + e.what());
    }
    if (!args.quiet)
      std::cerr << "gigatwin twin: carrying on from " << session_file << ": plant time "
                << (std::isfinite(twin->tracker().now_s())
                        ? plantdata::iso_time(origin + twin->tracker().now_s())
                        : std::string("(no event yet)"))
                << ", " << twin->tracker().events_applied() << " events applied, " << twin->records().size()
                << " forecasts; " << replay.size() << " events from the journal\n";
  }
  link->publish("status", status_json("following"), true);
  if (!args.quiet)
    std::cerr << "gigatwin twin: following " << args.plant_topic << "/events at " << args.mqtt
              << ", publishing under " << args.topic << "/\n";

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
