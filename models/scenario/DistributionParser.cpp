#include "scenario/DistributionParser.hpp"

#include "scenario/CsvColumn.hpp"
#include "scenario/DidYouMean.hpp"
#include "core/Distribution.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/Units.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::scenario {

using core::DistributionSpec;

namespace {
struct KindEntry {
  core::DistributionKind kind;
  std::string_view name;
  std::vector<std::string> keys; // besides "dist"
};

const std::vector<KindEntry>& kind_table() {
  static const std::vector<KindEntry> table = {
      {core::DistributionKind::constant, "constant", {"value"}},
      {core::DistributionKind::exponential, "exponential", {"mean", "rate"}},
      {core::DistributionKind::uniform, "uniform", {"min", "max"}},
      {core::DistributionKind::triangular, "triangular", {"min", "mode", "max"}},
      {core::DistributionKind::normal, "normal", {"mean", "sd", "cv"}},
      {core::DistributionKind::lognormal, "lognormal", {"mean", "sd", "cv"}},
      {core::DistributionKind::gamma, "gamma", {"shape", "scale", "mean"}},
      {core::DistributionKind::weibull, "weibull", {"shape", "scale"}},
      {core::DistributionKind::empirical, "empirical", {"values", "csv", "column", "unit"}},
  };
  return table;
}

const KindEntry& entry_of(core::DistributionKind kind) {
  for (const auto& e : kind_table())
    if (e.kind == kind)
      return e;
  return kind_table().front();
}

constexpr std::string_view distribution_expected =
    "a duration (e.g. 45s) or a distribution map (e.g. {dist: exponential, mean: 45s})";
} // namespace

std::string_view distribution_kind_name(core::DistributionKind kind) {
  return entry_of(kind).name;
}

const std::vector<std::string>& distribution_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& e : kind_table())
      v.emplace_back(e.name);
    return v;
  }();
  return names;
}

bool has_positive_mean(const core::DistributionSpec& spec) {
  switch (spec.kind) {
  case core::DistributionKind::constant:
    return spec.a > 0;
  case core::DistributionKind::uniform:
    return spec.b > 0;
  case core::DistributionKind::triangular:
    return spec.c > 0;
  case core::DistributionKind::empirical:
    return std::any_of(spec.values.begin(), spec.values.end(), [](double v) { return v > 0; });
  case core::DistributionKind::exponential:
  case core::DistributionKind::normal:
  case core::DistributionKind::lognormal:
    return spec.a > 0;
  case core::DistributionKind::gamma:
  case core::DistributionKind::weibull:
    return spec.a > 0 && spec.b > 0;
  }
  return false;
}

std::optional<core::DistributionSpec> DistributionParser::parse(const TreeNode& node, const std::string& path) {
  if (node.kind == TreeNode::Kind::scalar) {
    // A bare duration is a constant: the most common case, so it gets the shortest form.
    const auto v = reader_.duration(node, path, Bound::non_negative);
    if (!v)
      return std::nullopt;
    return core::DistributionSpec::constant(*v);
  }
  if (node.kind != TreeNode::Kind::map) {
    reader_.error(node, path, std::string(distribution_expected));
    return std::nullopt;
  }
  const TreeNode* dist = node.find("dist");
  if (!dist) {
    reader_.check_keys(node, path, schema::distribution_keys());
    reader_.error_at(node.pos, child_path(path, "dist"),
                     "key 'dist' (one of " + join_names(distribution_kind_names()) + ")", "nothing");
    return std::nullopt;
  }
  const std::string dist_path = child_path(path, "dist");
  if (dist->kind != TreeNode::Kind::scalar) {
    reader_.check_keys(node, path, schema::distribution_keys());
    reader_.error(*dist, dist_path, "a distribution kind (" + join_names(distribution_kind_names()) + ")");
    return std::nullopt;
  }
  for (const auto& e : kind_table())
    if (e.name == dist->scalar)
      return parse_map(node, path, e.kind);
  reader_.check_keys(node, path, schema::distribution_keys());
  reader_.error(*dist, dist_path, "a distribution kind",
                suggestion_hint(dist->scalar, distribution_kind_names(), "kinds"));
  return std::nullopt;
}

int DistributionParser::one_of(const TreeNode& map, const std::string& path, const std::string& first,
                               std::string_view first_what, const std::string& second,
                               std::string_view second_what) {
  const TreeNode* a = map.find(first);
  const TreeNode* b = map.find(second);
  if (a && b) {
    // Point at whichever was written second.
    const TreeEntry* later = nullptr;
    for (const auto& e : map.entries)
      if (e.key == first || e.key == second)
        later = &e;
    reader_.error_at(later->key_pos, child_path(path, later->key),
                     "only one of '" + first + "' and '" + second + "'", "both");
    return -1;
  }
  if (!a && !b) {
    reader_.error_at(map.pos, path,
                     "key '" + first + "' (" + std::string(first_what) + ") or '" + second + "' (" +
                         std::string(second_what) + ")",
                     "neither");
    return -1;
  }
  return a ? 0 : 1;
}

std::optional<double> DistributionParser::duration(const TreeNode& map, const std::string& path,
                                                   const std::string& key, Bound bound) {
  const char* what = bound == Bound::positive ? "a duration > 0" : "a duration >= 0";
  const TreeNode* v = reader_.require(map, key, path, what);
  return v ? reader_.duration(*v, child_path(path, key), bound) : std::nullopt;
}

std::optional<double> DistributionParser::number(const TreeNode& map, const std::string& path,
                                                 const std::string& key, Bound bound) {
  const char* what = bound == Bound::positive ? "a number > 0" : "a number >= 0";
  const TreeNode* v = reader_.require(map, key, path, what);
  return v ? reader_.number(*v, child_path(path, key), bound) : std::nullopt;
}

std::optional<core::DistributionSpec> DistributionParser::parse_map(const TreeNode& map, const std::string& path,
                                                              core::DistributionKind kind) {
  const KindEntry& entry = entry_of(kind);
  std::vector<std::string> allowed = {"dist"};
  allowed.insert(allowed.end(), entry.keys.begin(), entry.keys.end());
  reader_.check_keys(map, path, allowed,
                     "a key of " + std::string(kind == core::DistributionKind::exponential ? "an " : "a ") +
                         std::string(entry.name) + " distribution (" + join_names(entry.keys) + ")");
  auto text_of = [&](const std::string& key) { return quote(map.find(key)->scalar); };

  std::optional<core::DistributionSpec> spec;
  switch (kind) {
  case core::DistributionKind::constant:
    if (auto v = duration(map, path, "value", Bound::non_negative))
      spec = core::DistributionSpec::constant(*v);
    break;
  case core::DistributionKind::exponential: {
    const int form = one_of(map, path, "mean", "a duration > 0", "rate", "a rate > 0");
    if (form == 0) {
      if (auto m = duration(map, path, "mean", Bound::positive))
        spec = core::DistributionSpec::exponential(*m);
    } else if (form == 1) {
      if (auto r = reader_.rate(*map.find("rate"), child_path(path, "rate")))
        spec = core::DistributionSpec::exponential(1.0 / *r);
    }
    break;
  }
  case core::DistributionKind::uniform: {
    const auto lo = duration(map, path, "min", Bound::non_negative);
    const auto hi = duration(map, path, "max", Bound::non_negative);
    if (lo && hi) {
      if (*hi < *lo)
        reader_.error(*map.find("max"), child_path(path, "max"),
                      "a duration >= min (" + text_of("min") + ")");
      else
        spec = core::DistributionSpec::uniform(*lo, *hi);
    }
    break;
  }
  case core::DistributionKind::triangular: {
    const auto lo = duration(map, path, "min", Bound::non_negative);
    const auto mode = duration(map, path, "mode", Bound::non_negative);
    const auto hi = duration(map, path, "max", Bound::non_negative);
    if (lo && mode && hi) {
      if (!(*lo < *hi))
        reader_.error(*map.find("max"), child_path(path, "max"), "a duration > min (" + text_of("min") + ")");
      else if (*mode < *lo || *mode > *hi)
        reader_.error(*map.find("mode"), child_path(path, "mode"),
                      "a duration from min to max (" + text_of("min") + " to " + text_of("max") + ")");
      else
        spec = core::DistributionSpec::triangular(*lo, *mode, *hi);
    }
    break;
  }
  case core::DistributionKind::normal:
  case core::DistributionKind::lognormal: {
    // A lognormal with zero spread is a constant in disguise; say so rather than divide by 0.
    const Bound spread = kind == core::DistributionKind::normal ? Bound::non_negative : Bound::positive;
    const auto mean = duration(map, path, "mean", Bound::positive);
    const char* sd_what = spread == Bound::positive ? "a duration > 0" : "a duration >= 0";
    const char* cv_what = spread == Bound::positive ? "a number > 0" : "a number >= 0";
    const int form = one_of(map, path, "sd", sd_what, "cv", cv_what);
    std::optional<double> sd;
    if (form == 0)
      sd = reader_.duration(*map.find("sd"), child_path(path, "sd"), spread);
    else if (form == 1)
      if (auto cv = reader_.number(*map.find("cv"), child_path(path, "cv"), spread); cv && mean)
        sd = *cv * *mean;
    if (mean && sd)
      spec = kind == core::DistributionKind::normal ? core::DistributionSpec::normal(*mean, *sd)
                                              : core::DistributionSpec::lognormal(*mean, *sd);
    break;
  }
  case core::DistributionKind::gamma: {
    const auto shape = number(map, path, "shape", Bound::positive);
    const int form = one_of(map, path, "scale", "a duration > 0", "mean", "a duration > 0");
    std::optional<double> scale;
    if (form == 0)
      scale = reader_.duration(*map.find("scale"), child_path(path, "scale"), Bound::positive);
    else if (form == 1)
      if (auto mean = reader_.duration(*map.find("mean"), child_path(path, "mean"), Bound::positive);
          mean && shape)
        scale = *mean / *shape;
    if (shape && scale)
      spec = core::DistributionSpec::gamma(*shape, *scale);
    break;
  }
  case core::DistributionKind::weibull: {
    const auto shape = number(map, path, "shape", Bound::positive);
    const auto scale = duration(map, path, "scale", Bound::positive);
    if (shape && scale)
      spec = core::DistributionSpec::weibull(*shape, *scale);
    break;
  }
  case core::DistributionKind::empirical:
    spec = parse_empirical(map, path);
    break;
  }
  if (spec) {
    // Conversions (cv * mean, mean / shape, 1 / rate) can overflow even from finite inputs.
    const bool finite = std::isfinite(spec->a) && std::isfinite(spec->b) && std::isfinite(spec->c);
    const bool positive_derived = !(spec->kind == core::DistributionKind::gamma && !(spec->b > 0)) &&
                                  !(spec->kind == core::DistributionKind::lognormal && !(spec->b > 0)) &&
                                  !(spec->kind == core::DistributionKind::exponential && !(spec->a > 0));
    if (!finite || !positive_derived) {
      reader_.error_at(map.pos, path, "parameters that stay finite and positive once converted to seconds",
                       "an overflow or underflow");
      return std::nullopt;
    }
    // The sampler's own rules are the last word; the checks above are meant to imply them.
    if (auto problem = core::check_distribution(*spec)) {
      reader_.error_at(map.pos, path, "parameters the sampler accepts", *problem);
      return std::nullopt;
    }
  }
  return spec;
}

std::optional<core::DistributionSpec> DistributionParser::parse_empirical(const TreeNode& map,
                                                                    const std::string& path) {
  const int form = one_of(map, path, "values", "a sequence of durations", "csv", "a CSV file path");
  if (form == 0) {
    for (const char* key : {"column", "unit"})
      for (const auto& e : map.entries)
        if (e.key == key)
          reader_.error_at(e.key_pos, child_path(path, key),
                           "'" + std::string(key) + "' only together with 'csv'", "it with 'values'");
    const TreeNode& seq = *map.find("values");
    const std::string values_path = child_path(path, "values");
    if (!reader_.expect_sequence(seq, values_path, "a sequence of durations (e.g. [40s, 42s, 55s])"))
      return std::nullopt;
    if (seq.items.empty()) {
      reader_.error_at(seq.pos, values_path, "at least one duration", "an empty sequence");
      return std::nullopt;
    }
    std::vector<double> values;
    bool ok = true;
    for (std::size_t i = 0; i < seq.items.size() && !reader_.log().full(); ++i) {
      if (auto v = reader_.duration(seq.items[i], index_path(values_path, i), Bound::non_negative))
        values.push_back(*v);
      else
        ok = false;
    }
    if (!ok || values.size() != seq.items.size())
      return std::nullopt;
    return core::DistributionSpec::empirical(std::move(values));
  }
  if (form != 1)
    return std::nullopt;

  const TreeNode& csv = *map.find("csv");
  const auto file = reader_.text(csv, child_path(path, "csv"), true);
  std::optional<std::string> column = std::string();
  SourcePos column_pos = map.pos;
  if (const TreeNode* c = map.find("column")) {
    column = reader_.text(*c, child_path(path, "column"), true);
    column_pos = c->pos;
  }
  std::optional<double> unit_seconds;
  if (const TreeNode* u = reader_.require(map, "unit", path, "the time unit of the CSV values, e.g. s")) {
    if (u->kind == TreeNode::Kind::scalar)
      unit_seconds = seconds_per_unit(u->scalar);
    if (!unit_seconds)
      reader_.error(*u, child_path(path, "unit"), "a time unit (" + join_names(time_unit_names()) + ")",
                    u->kind == TreeNode::Kind::scalar ? suggestion_hint(u->scalar, time_unit_names(), "units")
                                                      : "");
  }
  if (!file || !column || !unit_seconds)
    return std::nullopt;

  CsvColumnRequest request;
  request.file_path = resolve_data_path(*file, csv.pos, base_dir_, base_file_dirs_);
  request.column = *column;
  request.unit_seconds = *unit_seconds;
  request.key_path = path;
  request.csv_pos = csv.pos;
  request.column_pos = column_pos;
  auto values = read_csv_column(request, reader_.log());
  if (!values)
    return std::nullopt;
  return core::DistributionSpec::empirical(std::move(*values));
}

} // namespace gigatwin::scenario
