#include "plantdata/DriftWatch.hpp"

#include "plantdata/DistributionFit.hpp"

#include "core/Distribution.hpp"
#include "core/SpecialFunctions.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace gigatwin::plantdata {

const char* quantity_name(WatchedQuantity q) {
  switch (q) {
  case WatchedQuantity::process_time:
    return "process_time";
  case WatchedQuantity::time_to_failure:
    return "time_to_failure";
  case WatchedQuantity::time_to_repair:
    return "time_to_repair";
  }
  return "process_time";
}

double DriftWatch::Reference::cdf(double x) const {
  if (first_of) { // P(min <= x) = 1 - prod (1 - F_i)^n_i
    double survive = 1.0;
    for (const auto& [d, n] : parts)
      survive *= std::pow(1.0 - core::Distribution(d).cdf(x), n);
    return 1.0 - survive;
  }
  double total = 0, sum = 0;
  for (const auto& [d, w] : parts) {
    sum += w * core::Distribution(d).cdf(x);
    total += w;
  }
  return total > 0 ? sum / total : 0.0;
}

double DriftWatch::Reference::mean() const {
  if (parts.size() == 1)
    return core::Distribution(parts.front().first).mean();
  if (first_of) { // the rates add up (exact for exponential parts)
    double rate = 0;
    for (const auto& [d, n] : parts)
      rate += n / core::Distribution(d).mean();
    return rate > 0 ? 1.0 / rate : 0.0;
  }
  double total = 0, sum = 0;
  for (const auto& [d, w] : parts) {
    sum += w * core::Distribution(d).mean();
    total += w;
  }
  return total > 0 ? sum / total : 0.0;
}

DriftWatch::DriftWatch(const scenario::ScenarioSpec& spec) {
  for (const auto& g : spec.station_groups) {
    std::vector<Track> tracks(3);
    const scenario::ModeSpec& mode = g.initial();
    tracks[0].reference = Reference{{{mode.process_time, 1.0}}, false};
    Reference failures{{}, true}, repairs{{}, false};
    if (mode.failures) {
      failures.parts.emplace_back(mode.failures->time_to_failure, 1.0);
      repairs.parts.emplace_back(mode.failures->time_to_repair,
                                 1.0 / core::Distribution(mode.failures->time_to_failure).mean());
    }
    if (mode.robot_failures && mode.robots_per_machine > 0) {
      const auto robots = static_cast<double>(mode.robots_per_machine);
      failures.parts.emplace_back(mode.robot_failures->time_to_failure, robots);
      repairs.parts.emplace_back(mode.robot_failures->time_to_repair,
                                 robots / core::Distribution(mode.robot_failures->time_to_failure).mean());
    }
    if (!failures.parts.empty()) {
      tracks[1].reference = failures;
      tracks[2].reference = repairs;
    }
    operating_.push_back(mode.failures && mode.failures->basis == scenario::FailureBasis::operating);
    // How often each quantity is seen if every machine ran all the time (an upper bound: the
    // interval is, if anything, wide).
    const auto machines = static_cast<double>(std::max<std::int64_t>(g.machines, 1));
    const double process_mean = core::Distribution(mode.process_time).mean();
    if (process_mean > 0)
      tracks[0].limit = decision_interval(machines / process_mean / static_cast<double>(batch));
    if (tracks[1].reference) {
      const double failures_per_s = machines / std::max(tracks[1].reference->mean(), 1e-9);
      tracks[1].limit = tracks[2].limit = decision_interval(failures_per_s);
    }
    tracks_.push_back(std::move(tracks));
  }
}

double DriftWatch::decision_interval(double per_s) {
  // Siegmund: one side's in-control run length ARL(h) = (e^b - b - 1) / (2k^2), b = h + 1.166;
  // two sides alarm twice as often.
  const auto two_sided = [](double h) {
    const double b = h + 1.166;
    return (std::exp(b) - b - 1) / (2 * k * k) / 2;
  };
  const double wanted = per_s * false_alarm_every_s;
  double h = h_min;
  while (two_sided(h) < wanted && h < 40)
    h += 0.1;
  return h;
}

bool DriftWatch::operating_basis(std::uint32_t group) const {
  return group < operating_.size() && operating_[group];
}

std::optional<DriftAlarm> DriftWatch::observe(std::uint32_t group, WatchedQuantity quantity, double seconds) {
  if (group >= tracks_.size() || !(seconds >= 0) || !std::isfinite(seconds))
    return std::nullopt;
  Track& t = tracks_[group][static_cast<std::size_t>(quantity)];
  if (!t.reference || std::all_of(t.reference->parts.begin(), t.reference->parts.end(), [](const auto& p) {
        return p.first.kind == core::DistributionKind::constant;
      }))
    return std::nullopt; // nothing to watch against (a constant has no spread to score in)
  t.recent.push_back(seconds);
  if (t.recent.size() > window)
    t.recent.pop_front();
  if (t.refine_at > 0 && ++t.regime_n >= t.refine_at) {
    // Refined with every observation of the new regime: the sums start again against it.
    const std::size_t n = std::min(t.regime_n, t.recent.size());
    const auto fits =
        fit_families(std::vector<double>(t.recent.end() - static_cast<std::ptrdiff_t>(n), t.recent.end()));
    t.refine_at = 2 * t.regime_n <= window ? 2 * t.regime_n : 0;
    if (!fits.empty()) {
      const Fit& best = *std::min_element(fits.begin(), fits.end(),
                                          [](const Fit& a, const Fit& b) { return a.aic < b.aic; });
      DriftAlarm alarm;
      alarm.group = group;
      alarm.quantity = quantity;
      alarm.refined = true;
      alarm.mean_before = t.reference->mean();
      alarm.refit = distribution_of(best);
      alarm.family = family_name(best.family);
      alarm.observations = n;
      alarm.mean_after = core::Distribution(alarm.refit).mean();
      alarm.higher = alarm.mean_after > alarm.mean_before;
      t.reference = Reference{{{alarm.refit, 1.0}}, false};
      t.up = t.down = t.batch_sum = 0;
      t.up_run = t.down_run = t.batch_n = 0;
      return alarm;
    }
  }
  const Reference& reference = *t.reference;
  double u = 0;
  if (seconds == std::floor(seconds) && seconds < 1e9) {
    // A duration between two times written to the second: n = floor(D + V), V uniform (where
    // within its second the first time fell), so P(n <= m) = integral of F over [m, m + 1]. The
    // score is that of a uniform drawn within n's probability (a randomised PIT): standard
    // normal under the scenario again, where the plain one would drift with the rounding.
    const auto up_to = [&](double m) { // P(n <= m), midpoint rule on 16 points
      if (m < 0)
        return 0.0;
      double sum = 0;
      for (int i = 0; i < 16; ++i)
        sum += reference.cdf(m + (i + 0.5) / 16.0);
      return sum / 16.0;
    };
    const double below = up_to(seconds - 1);
    u = below + uniform_(rng_) * (up_to(seconds) - below);
  } else {
    u = reference.cdf(seconds);
  }
  u = std::clamp(u, 1e-9, 1 - 1e-9);
  double z = core::normal_quantile(u);
  if (quantity == WatchedQuantity::process_time) {
    t.batch_sum += z;
    if (++t.batch_n < batch)
      return std::nullopt;
    z = t.batch_sum / std::sqrt(static_cast<double>(t.batch_n));
    t.batch_sum = 0;
    t.batch_n = 0;
  }
  t.up = std::max(0.0, t.up + z - k);
  t.down = std::max(0.0, t.down - z - k);
  // Observations since each sum last stood at zero: where the change began, as the CUSUM sees it.
  const std::size_t seen = quantity == WatchedQuantity::process_time ? batch : 1;
  t.up_run = t.up > 0 ? t.up_run + seen : 0;
  t.down_run = t.down > 0 ? t.down_run + seen : 0;
  const double limit = t.limit;
  if (t.up <= limit && t.down <= limit)
    return std::nullopt;
  DriftAlarm alarm;
  alarm.group = group;
  alarm.quantity = quantity;
  alarm.higher = t.up > limit;
  alarm.mean_before = reference.mean();
  const std::size_t since_change = alarm.higher ? t.up_run : t.down_run;
  t.up = t.down = 0;
  t.up_run = t.down_run = 0;
  if (t.recent.size() < min_refit)
    return std::nullopt; // a change, but too few observations to say what it is yet
  // Fitted to the observations since the change began (the sum's last zero: the CUSUM's
  // estimate of the change point), at least min_refit of the latest: older ones are the old law.
  const std::size_t n = std::clamp(since_change, min_refit, t.recent.size());
  std::vector<double> latest(t.recent.end() - static_cast<std::ptrdiff_t>(n), t.recent.end());
  const auto fits = fit_families(latest);
  if (fits.empty())
    return std::nullopt;
  const Fit& best =
      *std::min_element(fits.begin(), fits.end(), [](const Fit& a, const Fit& b) { return a.aic < b.aic; });
  alarm.refit = distribution_of(best);
  alarm.family = family_name(best.family);
  alarm.observations = latest.size();
  alarm.mean_after = core::Distribution(alarm.refit).mean();
  t.reference = Reference{{{alarm.refit, 1.0}}, false};
  // The window keeps the new regime's observations (the refinements use them); older ones go.
  t.recent.erase(t.recent.begin(), t.recent.end() - static_cast<std::ptrdiff_t>(n));
  t.regime_n = n;
  t.refine_at = 2 * n <= window ? 2 * n : 0;
  return alarm;
}

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error(key + ": " + what);
}

double finite_number(const json& o, const std::string& name, const std::string& key) {
  const auto it = o.find(name);
  if (it == o.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    bad(key + "." + name, "expected a number");
  return it->get<double>();
}

} // namespace

json distribution_json(const core::DistributionSpec& d) {
  return {{"kind", std::string(core::to_string(d.kind))},
          {"a", d.a},
          {"b", d.b},
          {"c", d.c},
          {"values", d.values}};
}

core::DistributionSpec read_distribution_json(const json& v, const std::string& key) {
  if (!v.is_object())
    bad(key, "expected a distribution (an object)");
  core::DistributionSpec d;
  const auto kind = v.find("kind");
  bool known = false;
  for (int k = 0;
       kind != v.end() && kind->is_string() && k <= static_cast<int>(core::DistributionKind::empirical); ++k)
    if (core::to_string(static_cast<core::DistributionKind>(k)) == kind->get<std::string>()) {
      d.kind = static_cast<core::DistributionKind>(k);
      known = true;
    }
  if (!known)
    bad(key + ".kind", "expected a distribution's kind (exponential, weibull, ...)");
  d.a = finite_number(v, "a", key);
  d.b = finite_number(v, "b", key);
  d.c = finite_number(v, "c", key);
  const auto values = v.find("values");
  if (values == v.end() || !values->is_array())
    bad(key + ".values", "expected an array");
  for (const auto& x : *values) {
    if (!x.is_number() || !std::isfinite(x.get<double>()))
      bad(key + ".values", "expected numbers");
    d.values.push_back(x.get<double>());
  }
  try {
    (void)core::Distribution(d).mean(); // its parameters make a distribution
  } catch (const std::exception& e) {
    bad(key, std::string("not a valid distribution: ") + e.what());
  }
  return d;
}

json drift_alarm_json(const DriftAlarm& a) {
  return {{"group", a.group},
          {"quantity", quantity_name(a.quantity)},
          {"mean_before", a.mean_before},
          {"mean_after", a.mean_after},
          {"refit", distribution_json(a.refit)},
          {"family", a.family},
          {"observations", a.observations},
          {"higher", a.higher},
          {"refined", a.refined}};
}

DriftAlarm read_drift_alarm_json(const json& v, const std::string& key, std::size_t groups) {
  if (!v.is_object())
    bad(key, "expected a drift alarm (an object)");
  DriftAlarm a;
  const auto group = v.find("group");
  if (group == v.end() || !group->is_number_unsigned() || group->get<std::uint64_t>() >= groups)
    bad(key + ".group", "expected a station group's index below " + std::to_string(groups));
  a.group = static_cast<std::uint32_t>(group->get<std::uint64_t>());
  const auto quantity = v.find("quantity");
  bool known = false;
  for (auto q :
       {WatchedQuantity::process_time, WatchedQuantity::time_to_failure, WatchedQuantity::time_to_repair})
    if (quantity != v.end() && quantity->is_string() && quantity->get<std::string>() == quantity_name(q)) {
      a.quantity = q;
      known = true;
    }
  if (!known)
    bad(key + ".quantity", "expected process_time, time_to_failure or time_to_repair");
  a.mean_before = finite_number(v, "mean_before", key);
  a.mean_after = finite_number(v, "mean_after", key);
  a.refit = read_distribution_json(v.contains("refit") ? v["refit"] : json(), key + ".refit");
  const auto family = v.find("family");
  const auto observations = v.find("observations");
  const auto higher = v.find("higher");
  if (family == v.end() || !family->is_string())
    bad(key + ".family", "expected a string");
  if (observations == v.end() || !observations->is_number_unsigned())
    bad(key + ".observations", "expected a count");
  if (higher == v.end() || !higher->is_boolean())
    bad(key + ".higher", "expected true or false");
  a.family = family->get<std::string>();
  a.observations = observations->get<std::size_t>();
  a.higher = higher->get<bool>();
  const auto refined = v.find("refined");
  if (refined == v.end() || !refined->is_boolean())
    bad(key + ".refined", "expected true or false");
  a.refined = refined->get<bool>();
  return a;
}

json DriftWatch::checkpoint() const {
  json groups = json::array();
  for (const auto& tracks : tracks_) {
    json quantities = json::array();
    for (const Track& t : tracks) {
      json reference = nullptr;
      if (t.reference) {
        json parts = json::array();
        for (const auto& [d, weight] : t.reference->parts)
          parts.push_back({{"distribution", distribution_json(d)}, {"weight", weight}});
        reference = {{"parts", parts}, {"first_of", t.reference->first_of}};
      }
      quantities.push_back({{"reference", reference},
                            {"up", t.up},
                            {"down", t.down},
                            {"batch_sum", t.batch_sum},
                            {"batch_n", t.batch_n},
                            {"limit", t.limit},
                            {"up_run", t.up_run},
                            {"regime_n", t.regime_n},
                            {"refine_at", t.refine_at},
                            {"down_run", t.down_run},
                            {"recent", t.recent}});
    }
    groups.push_back(quantities);
  }
  std::ostringstream random;
  random << rng_;
  return {{"groups", groups}, {"random", random.str()}};
}

void DriftWatch::resume(const json& c) {
  const std::string key = "drift_watch";
  if (!c.is_object() || !c.contains("groups") || !c["groups"].is_array() ||
      c["groups"].size() != tracks_.size())
    bad(key + ".groups", "expected one entry per station group (" + std::to_string(tracks_.size()) + ")");
  std::vector<std::vector<Track>> tracks = tracks_;
  for (std::size_t g = 0; g < tracks.size(); ++g) {
    const json& quantities = c["groups"][g];
    const std::string gkey = key + ".groups[" + std::to_string(g) + "]";
    if (!quantities.is_array() || quantities.size() != tracks[g].size())
      bad(gkey, "expected " + std::to_string(tracks[g].size()) + " quantities");
    for (std::size_t q = 0; q < tracks[g].size(); ++q) {
      const json& o = quantities[q];
      const std::string qkey = gkey + "[" + std::to_string(q) + "]";
      if (!o.is_object())
        bad(qkey, "expected an object");
      Track& t = tracks[g][q];
      t = Track{};
      const json& reference = o.contains("reference") ? o["reference"] : json();
      if (!reference.is_null()) {
        if (!reference.is_object() || !reference.contains("parts") || !reference["parts"].is_array() ||
            !reference.contains("first_of") || !reference["first_of"].is_boolean())
          bad(qkey + ".reference", "expected parts and first_of");
        Reference r{{}, reference["first_of"].get<bool>()};
        for (std::size_t p = 0; p < reference["parts"].size(); ++p) {
          const json& part = reference["parts"][p];
          const std::string pkey = qkey + ".reference.parts[" + std::to_string(p) + "]";
          if (!part.is_object())
            bad(pkey, "expected an object");
          r.parts.emplace_back(
              read_distribution_json(part.contains("distribution") ? part["distribution"] : json(),
                                     pkey + ".distribution"),
              finite_number(part, "weight", pkey));
        }
        t.reference = std::move(r);
      }
      t.up = finite_number(o, "up", qkey);
      t.down = finite_number(o, "down", qkey);
      t.batch_sum = finite_number(o, "batch_sum", qkey);
      t.limit = finite_number(o, "limit", qkey);
      for (const auto& [name, run] :
           {std::pair{"up_run", &t.up_run}, std::pair{"down_run", &t.down_run},
            std::pair{"regime_n", &t.regime_n}, std::pair{"refine_at", &t.refine_at}}) {
        const auto v = o.find(name);
        if (v == o.end() || !v->is_number_unsigned())
          bad(qkey + "." + name, "expected a count");
        *run = v->get<std::size_t>();
      }
      if (t.limit < h_min)
        bad(qkey + ".limit", "expected a decision interval of at least " + std::to_string(h_min));
      const auto n = o.find("batch_n");
      if (n == o.end() || !n->is_number_unsigned() || n->get<std::size_t>() >= batch)
        bad(qkey + ".batch_n", "expected a count below " + std::to_string(batch));
      t.batch_n = n->get<std::size_t>();
      const auto recent = o.find("recent");
      if (recent == o.end() || !recent->is_array() || recent->size() > window)
        bad(qkey + ".recent", "expected at most " + std::to_string(window) + " observations");
      for (const auto& x : *recent) {
        if (!x.is_number() || !(x.get<double>() >= 0) || !std::isfinite(x.get<double>()))
          bad(qkey + ".recent", "expected durations in s");
        t.recent.push_back(x.get<double>());
      }
    }
  }
  std::mt19937_64 rng;
  if (!c.contains("random") || !c["random"].is_string())
    bad(key + ".random", "expected the random stream's state");
  std::istringstream random(c["random"].get<std::string>());
  random >> rng;
  if (!random)
    bad(key + ".random", "expected the random stream's state");
  tracks_ = std::move(tracks);
  rng_ = rng;
}

} // namespace gigatwin::plantdata
