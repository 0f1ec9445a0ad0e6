#include "TwinMessages.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>
#include <limits>

namespace gigatwin::gui {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Bounds no real plant comes near: a count beyond them is a damaged message, not a plant.
constexpr double max_count = 1e9;
constexpr int max_stations = 1000;

std::optional<double> finite(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (!v.isDouble() || !std::isfinite(v.toDouble()))
    return std::nullopt;
  return v.toDouble();
}

/// A whole number in [0, max_count].
std::optional<qint64> count(const QJsonObject& o, const char* key) {
  const auto v = finite(o, key);
  if (!v || *v < 0 || *v > max_count || std::floor(*v) != *v)
    return std::nullopt;
  return static_cast<qint64>(*v);
}

/// A count that may be missing (then `fallback`), but not wrong.
std::optional<qint64> count_or(const QJsonObject& o, const char* key, qint64 fallback) {
  return o.contains(QLatin1String(key)) ? count(o, key) : std::optional<qint64>(fallback);
}

std::optional<QDateTime> date(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (!v.isString())
    return std::nullopt;
  const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
  if (!t.isValid())
    return std::nullopt;
  return t.toUTC();
}

/// A number that may be missing or null (NaN then), but not a string or infinite.
std::optional<double> optional_number(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull())
    return nan;
  return finite(o, key);
}

bool valid_station(const QJsonValue& value, QSet<QString>& names) {
  const QJsonObject st = value.toObject();
  const QString name = st.value("name").toString();
  const auto machines = count(st, "machines");
  const auto buffer = count(st, "buffer");
  const QJsonValue capacity = st.value("buffer_capacity");
  if (!value.isObject() || name.isEmpty() || names.contains(name) || !machines || !buffer ||
      !st.value("states").isObject() ||
      !(capacity.isNull() || capacity.isUndefined() || count(st, "buffer_capacity")))
    return false;
  names.insert(name);
  const QJsonObject states = st.value("states").toObject();
  qint64 in_states = 0;
  for (const char* state : state_names()) {
    const auto n = count_or(states, state, 0);
    if (!n)
      return false;
    in_states += *n;
  }
  return in_states <= *machines;
}
} // namespace

std::optional<QJsonObject> twin_json(const QByteArray& payload) {
  if (payload.size() > max_twin_message_bytes)
    return std::nullopt;
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject())
    return std::nullopt;
  return doc.object();
}

std::optional<TwinFloor> parse_floor(const QJsonObject& o) {
  const auto at = date(o, "at");
  const auto wip = count(o, "wip");
  const auto completed = count(o, "completed");
  const auto throughput = finite(o, "throughput");
  const QJsonArray stations = o.value("stations").toArray();
  if (!at || !wip || !completed || !throughput || *throughput < 0 || !finite(o, "time_s") ||
      stations.size() > max_stations)
    return std::nullopt;
  QSet<QString> names;
  for (const auto& st : stations)
    if (!valid_station(st, names))
      return std::nullopt;
  auto sample = parse_sample(o);
  if (!sample)
    return std::nullopt;
  return TwinFloor{*sample, *at, *completed};
}

std::optional<TwinForecast> parse_forecast(const QJsonObject& o) {
  TwinForecast f;
  const auto index = count(o, "forecast");
  const auto from = date(o, "from");
  const auto horizon = finite(o, "horizon_s");
  const auto naive = optional_number(o, "naive");
  const auto share = optional_number(o, "bottleneck_share");
  if (!index || !from || !horizon || *horizon <= 0 || !naive || !share || !o.value("output").isArray())
    return std::nullopt;
  f.index = static_cast<int>(*index);
  f.from = *from;
  f.horizon_s = *horizon;
  f.naive = *naive;
  f.bottleneck_share = std::isnan(*share) ? 0.0 : *share;
  f.bottleneck = o.value("bottleneck").toString();
  for (const auto& v : o.value("output").toArray()) {
    const QJsonObject p = v.toObject();
    const auto at = date(p, "at");
    const auto mean = finite(p, "mean"), low = finite(p, "low"), high = finite(p, "high");
    if (!at || !mean || !low || !high || *low > *high || *at < f.from ||
        (!f.output.isEmpty() && *at < f.output.back().at))
      return std::nullopt;
    f.output.push_back({*at, *mean, *low, *high});
  }
  if (f.output.isEmpty())
    return std::nullopt;
  if (o.contains("target")) {
    const auto target = finite(o, "target"), miss = finite(o, "miss_probability");
    if (!target || !miss || *miss < 0 || *miss > 1)
      return std::nullopt;
    f.target = *target;
    f.miss_probability = *miss;
  }
  return f;
}

std::optional<TwinActual> parse_actual(const QJsonObject& o) {
  const auto index = count(o, "forecast");
  const auto from = date(o, "from");
  const auto horizon = finite(o, "horizon_s");
  const auto actual = finite(o, "actual");
  const auto mean = finite(o, "forecast_mean"), low = finite(o, "low"), high = finite(o, "high");
  const auto naive = optional_number(o, "naive");
  if (!index || !from || !horizon || *horizon <= 0 || !actual || !mean || !low || !high || *low > *high ||
      !naive || !o.value("covered").isBool())
    return std::nullopt;
  return TwinActual{static_cast<int>(*index),    *from, *horizon, *actual, *mean, *low, *high,
                    o.value("covered").toBool(), *naive};
}

std::optional<TwinDrift> parse_drift(const QJsonObject& o) {
  TwinDrift d;
  d.station_group = o.value("station_group").toString();
  d.quantity = o.value("quantity").toString();
  const QString direction = o.value("direction").toString();
  const auto at = date(o, "at");
  const auto before = finite(o, "mean_before_s"), after = finite(o, "mean_after_s");
  const auto observations = count_or(o, "observations", 0);
  const QJsonValue refined = o.value("refined");
  static const QSet<QString> quantities = {"process_time", "time_to_failure", "time_to_repair"};
  if (d.station_group.isEmpty() || !quantities.contains(d.quantity) ||
      (direction != "up" && direction != "down") || !at || !before || !after || *before < 0 || *after < 0 ||
      !observations || !(refined.isUndefined() || refined.isBool()))
    return std::nullopt;
  d.at = *at;
  d.up = direction == "up";
  d.mean_before_s = *before;
  d.mean_after_s = *after;
  d.refit_family = o.value("refit_family").toString();
  d.observations = static_cast<int>(*observations);
  d.refined = refined.toBool(false);
  return d;
}

QString quantity_words(const QString& quantity) {
  return QString(quantity).replace('_', ' ');
}

std::optional<TwinStatus> parse_status(const QJsonObject& o) {
  TwinStatus s;
  s.state = o.value("state").toString();
  const auto received = count_or(o, "events_received", 0), applied = count_or(o, "events_applied", 0),
             dropped = count_or(o, "events_dropped", 0), forecasts = count_or(o, "forecasts", 0),
             drifts = count_or(o, "drifts", 0), failed = count_or(o, "forecasts_failed", 0),
             lots = count_or(o, "lots_in_plant", -1);
  if (s.state.isEmpty() || !received || !applied || !dropped || !forecasts || !drifts || !failed || !lots)
    return std::nullopt;
  if (o.contains("plant_time")) {
    const auto t = date(o, "plant_time");
    if (!t)
      return std::nullopt;
    s.plant_time = *t;
  }
  s.events_received = *received;
  s.events_applied = *applied;
  s.events_dropped = *dropped;
  s.forecasts = *forecasts;
  s.drifts = *drifts;
  s.forecasts_failed = *failed;
  s.lots_in_plant = *lots;
  s.error = o.value("error").toString();
  return s;
}

} // namespace gigatwin::gui
