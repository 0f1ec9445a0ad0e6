#include "scenario/LabourParser.hpp"

#include "scenario/CsvColumn.hpp"
#include "scenario/DidYouMean.hpp"
#include "scenario/InputGuard.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/ShiftCalendar.hpp"
#include "scenario/Units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>

namespace gigatwin::scenario {

namespace {
constexpr double hour_s = 3600.0;
/// Shifts walked per calendar at most, so that a calendar of many tiny shifts and many crews
/// cannot stall the loader; far above any real calendar's max(8, 2 x crews) weeks.
constexpr std::int64_t max_walked_shifts = 2'000'000;

/// Hours for messages: "52h", "8.5h".
std::string hours_text(double h) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6gh", h);
  return buf;
}

/// "krw_per_hour" -> "KRW"; "" when the name is not `<3 letters>_per_hour`.
std::string table_currency(const std::string& column) {
  const std::string suffix = "_per_hour";
  if (column.size() != 3 + suffix.size() || column.compare(3, suffix.size(), suffix) != 0)
    return "";
  std::string code = column.substr(0, 3);
  for (char& c : code)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return is_currency_code(code) ? code : "";
}
} // namespace

std::optional<double> LabourParser::premium(const TreeNode& node, const std::string& path) {
  const auto value = reader_.number(node, path, Bound::any);
  if (value && !(*value >= 1.0)) {
    reader_.error(node, path, "a number >= 1 (1 = no premium)");
    return std::nullopt;
  }
  return value;
}

void LabourParser::read_labour(const TreeNode& node, ScenarioSpec& spec, const std::string& currency,
                               const TreeNode* calendars) {
  if (!reader_.expect_map(node, "labour",
                          "a labour map (regular_week, weekly_cap, overtime_premium, night_premium, night, "
                          "minimum_wage, demand_overtime)"))
    return;
  reader_.check_keys(node, "labour", schema::labour_keys());
  LabourLawSpec& law = spec.labour;
  bool regular_ok = true;
  if (const TreeNode* v = node.find("regular_week")) {
    const auto h = reader_.duration(*v, "labour.regular_week", Bound::any);
    if (h && *h > 0.0 && *h <= seconds_per_week) {
      law.regular_week_h = *h / hour_s;
    } else {
      regular_ok = false;
      if (h)
        reader_.error(*v, "labour.regular_week", "a duration in (0, 168h]");
    }
  }
  if (const TreeNode* v = node.find("weekly_cap")) {
    if (const auto cap = reader_.duration(*v, "labour.weekly_cap", Bound::positive)) {
      if (regular_ok && *cap / hour_s < law.regular_week_h) {
        reader_.error(*v, "labour.weekly_cap",
                      "a cap of at least regular_week (" + hours_text(law.regular_week_h) + ")");
      } else {
        law.weekly_cap_h = *cap / hour_s;
        if (regular_ok)
          check_weekly_cap(*v, spec, calendars);
      }
    }
  }
  if (const TreeNode* v = node.find("overtime_premium"))
    if (auto p = premium(*v, "labour.overtime_premium"))
      law.overtime_premium = *p;
  if (const TreeNode* v = node.find("night_premium"))
    if (auto p = premium(*v, "labour.night_premium"))
      law.night_premium = *p;
  if (const TreeNode* v = node.find("night"))
    read_night(*v, law);
  if (const TreeNode* v = node.find("minimum_wage"))
    if (auto w = read_minimum_wage(*v, currency))
      law.minimum_wage_per_h = *w;
  if (const TreeNode* v = node.find("demand_overtime"))
    read_demand_overtime(*v, law);
}

void LabourParser::read_demand_overtime(const TreeNode& node, LabourLawSpec& law) {
  const std::string path = "labour.demand_overtime";
  if (!reader_.expect_map(node, path, "an overtime-on-demand map {max_per_shift, block}"))
    return;
  reader_.check_keys(node, path, schema::demand_overtime_keys());
  const TreeNode* max_node = reader_.require(node, "max_per_shift", path, "a duration in (0, 24h]");
  if (max_node == nullptr)
    return;
  const auto max_s = reader_.duration(*max_node, path + ".max_per_shift", Bound::positive);
  if (!max_s)
    return;
  if (*max_s > seconds_per_day) {
    reader_.error(*max_node, path + ".max_per_shift", "a duration in (0, 24h]");
    return;
  }
  double block_s = std::min(law.demand_overtime_block_s, *max_s); // default: 1 h, or the whole extension
  if (const TreeNode* v = node.find("block")) {
    const auto b = reader_.duration(*v, path + ".block", Bound::positive);
    if (!b)
      return;
    if (*b > *max_s) {
      reader_.error(*v, path + ".block",
                    "a block no longer than max_per_shift (" + hours_text(*max_s / hour_s) + ")");
      return;
    }
    block_s = *b;
  }
  law.demand_overtime_max_s = *max_s;
  law.demand_overtime_block_s = block_s;
}

void LabourParser::read_night(const TreeNode& node, LabourLawSpec& law) {
  if (!reader_.expect_map(node, "labour.night", "a night map {from, to}"))
    return;
  reader_.check_keys(node, "labour.night", schema::night_keys());
  double from = law.night_start_s;
  double to = law.night_end_s;
  bool ok = true;
  for (const char* key : {"from", "to"}) {
    const TreeNode* v = node.find(key);
    if (!v)
      continue;
    const std::string path = child_path("labour.night", key);
    const auto t = reader_.duration(*v, path, Bound::any);
    if (t && !(*t >= 0.0 && *t < seconds_per_day))
      reader_.error(*v, path, "a time of day in [0, 24h)");
    if (!t || !(*t >= 0.0 && *t < seconds_per_day)) {
      ok = false;
      continue;
    }
    (std::string_view(key) == "from" ? from : to) = *t;
  }
  if (!ok)
    return;
  if (from == to) {
    // Equal ends would leave it open whether the night is empty or the whole day.
    const TreeNode* v = node.find("to") ? node.find("to") : node.find("from");
    const std::string path = node.find("to") ? "labour.night.to" : "labour.night.from";
    if (v) {
      reader_.error(*v, path, "a night whose end differs from its start");
      return;
    }
  }
  law.night_start_s = from;
  law.night_end_s = to;
}

std::optional<double> LabourParser::read_minimum_wage(const TreeNode& node, const std::string& currency) {
  const std::string path = "labour.minimum_wage";
  if (node.kind != TreeNode::Kind::map)
    return reader_.money_rate(node, path, currency, "a minimum wage", "9860 {}/h");
  return read_wage_table(node, path, currency);
}

std::optional<double> LabourParser::read_wage_table(const TreeNode& node, const std::string& path,
                                                    const std::string& currency) {
  reader_.check_keys(node, path, schema::minimum_wage_keys());
  const TreeNode* table =
      reader_.require(node, "table", path, "a CSV file with columns year and <cur>_per_hour");
  const TreeNode* year_node = reader_.require(node, "year", path, "an integer year");
  std::optional<std::string> file;
  if (table)
    file = reader_.text(*table, path + ".table", true);
  std::optional<std::int64_t> year;
  if (year_node)
    year = reader_.integer(*year_node, path + ".year", 0, 100'000);
  if (!file || !year)
    return std::nullopt;

  const std::string table_path = path + ".table";
  const std::string file_path = resolve_data_path(*file, table->pos, base_dir_, base_file_dirs_);
  const std::optional<std::string> text = read_csv_text(file_path, table_path, table->pos, reader_.log());
  if (!text)
    return std::nullopt;
  const std::string& content = *text;

  std::istringstream lines(content);
  std::string line;
  int line_number = 0;
  std::vector<int> columns;
  std::optional<std::size_t> year_col;
  std::optional<std::size_t> money_col;
  std::map<std::int64_t, double> rows; // year -> wage per hour
  bool header_seen = false;
  bool ok = true;
  while (std::getline(lines, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      continue;
    const std::vector<std::string> fields = split_csv_line(line, columns);
    if (!header_seen) {
      header_seen = true;
      std::string table_cur;
      for (std::size_t c = 0; c < fields.size(); ++c) {
        if (fields[c] == "year" && !year_col)
          year_col = c;
        else if (!money_col && !table_currency(fields[c]).empty()) {
          money_col = c;
          table_cur = table_currency(fields[c]);
        }
      }
      if (!year_col || !money_col) {
        reader_.error_at(table->pos, table_path,
                         "a CSV table with columns 'year' and '<cur>_per_hour' (e.g. krw_per_hour)",
                         "columns " + join_names(fields) + " in " + quote(file_path));
        return std::nullopt;
      }
      // The column's name is the only place the table says its currency.
      if (!currency.empty() && table_cur != currency) {
        reader_.error_at(table->pos, table_path,
                         "a minimum wage table in " + currency + " (the scenario's currency)",
                         "a table in " + table_cur + " (column " + quote(fields[*money_col]) + ")");
        return std::nullopt;
      }
      continue;
    }
    auto cell = [&](std::size_t c, const std::string& expected) -> std::optional<double> {
      const std::string field = c < fields.size() ? fields[c] : "";
      double value = 0.0;
      bool good = !field.empty();
      try {
        if (good)
          value = parse_number(field);
      } catch (const std::invalid_argument&) {
        good = false;
      }
      if (good &&
          (expected == "an integer year in every row" ? value == std::floor(value) && std::fabs(value) < 1e6
                                                      : value >= 0.0 && value <= 1e300))
        return value;
      reader_.log().add_external(Diagnostic{file_path, line_number, c < columns.size() ? columns[c] : 1,
                                            table_path, expected,
                                            field.empty() ? std::string("nothing") : quote(field), ""});
      ok = false;
      return std::nullopt;
    };
    const auto y = cell(*year_col, "an integer year in every row");
    const auto w = cell(*money_col, "an amount >= 0 in every row");
    if (reader_.log().full())
      return std::nullopt;
    if (y && w)
      rows[static_cast<std::int64_t>(*y)] = *w;
  }
  if (!ok)
    return std::nullopt;
  if (rows.empty()) {
    reader_.error_at(table->pos, table_path, "a CSV table with a header line and at least one year",
                     "none in " + quote(file_path));
    return std::nullopt;
  }
  const auto found = rows.find(*year);
  if (found == rows.end()) {
    std::vector<std::string> years;
    for (const auto& kv : rows)
      years.push_back(std::to_string(kv.first));
    reader_.error(*year_node, path + ".year", "a year of the table " + quote(*file),
                  "it lists " + join_names(years));
    return std::nullopt;
  }
  return found->second;
}

void LabourParser::check_weekly_cap(const TreeNode& cap_node, const ScenarioSpec& spec,
                                    const TreeNode* calendars) {
  const double cap_h = spec.labour.weekly_cap_h;
  for (std::size_t c = 0; c < spec.calendars.size() && !reader_.log().full(); ++c) {
    const CalendarSpec& cal = spec.calendars[c];
    const bool used = std::any_of(spec.worker_pools.begin(), spec.worker_pools.end(),
                                  [&](const WorkerPoolSpec& p) { return p.calendar_index == c; });
    if (!used || cal.shifts.empty() || cal.crews < 1)
      continue;
    const std::int64_t weeks = std::max<std::int64_t>(8, 2 * cal.crews);
    std::vector<double> hours(static_cast<std::size_t>(weeks * cal.crews), 0.0); // [week][crew]
    ShiftCalendar walk(cal);
    for (std::int64_t n = 0; n < max_walked_shifts; ++n) {
      const ShiftInstance s = walk.next();
      if (s.nominal_start_s < 0.0)
        continue; // the Sunday-night shift before time 0 started in the week before it: not counted
      if (!(s.start_s < static_cast<double>(weeks) * seconds_per_week))
        break;
      const auto week = static_cast<std::int64_t>(std::floor(s.start_s / seconds_per_week));
      hours[static_cast<std::size_t>(week * cal.crews + s.crew)] += (s.end_s - s.start_s) / hour_s;
    }
    std::size_t worst = 0;
    for (std::size_t k = 1; k < hours.size(); ++k)
      if (hours[k] > hours[worst])
        worst = k;
    // A little slack keeps sums of fractional hours (e.g. 7.2h x 5) from failing a cap they meet.
    if (!(hours[worst] > cap_h + 1e-9))
      continue;
    const auto crews = static_cast<std::size_t>(cal.crews);
    const std::string path = index_path("calendars", c);
    const SourcePos pos =
        calendars && calendars->kind == TreeNode::Kind::sequence && c < calendars->items.size()
            ? calendars->items[c].pos
            : cap_node.pos;
    reader_.error_at(pos, path, "every crew at most " + hours_text(cap_h) + " a week (labour.weekly_cap)",
                     hours_text(hours[worst]) + " for crew " + std::to_string(worst % crews) + " in week " +
                         std::to_string(worst / crews));
  }
}

void LabourParser::read_policy(const TreeNode& node, ScenarioSpec& spec, const std::string& currency) {
  if (!reader_.expect_map(node, "workforce_policy",
                          "a workforce_policy map (reassign, retraining, severance_weeks, hiring)"))
    return;
  reader_.check_keys(node, "workforce_policy", schema::workforce_policy_keys());
  WorkforcePolicySpec& policy = spec.workforce_policy;
  if (const TreeNode* v = node.find("reassign"))
    if (auto b = reader_.boolean(*v, "workforce_policy.reassign"))
      policy.reassign = *b;
  if (const TreeNode* v = node.find("retraining"))
    policy.retraining = read_retraining(*v, currency);
  if (const TreeNode* v = node.find("severance_weeks"))
    if (auto w = reader_.number(*v, "workforce_policy.severance_weeks", Bound::non_negative))
      policy.severance_weeks = *w;
  if (const TreeNode* v = node.find("hiring"))
    read_hiring(*v, policy);
}

std::optional<RetrainingSpec> LabourParser::read_retraining(const TreeNode& node,
                                                            const std::string& currency) {
  const std::string path = "workforce_policy.retraining";
  if (!reader_.expect_map(node, path, "a retraining map (duration, cost, capacity, success_rate)"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::retraining_keys());
  RetrainingSpec r;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "duration", path, "a duration > 0")) {
    if (auto d = reader_.duration(*v, path + ".duration", Bound::positive))
      r.duration_s = *d;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (const TreeNode* v = node.find("cost")) {
    if (auto m = reader_.money(*v, path + ".cost", currency))
      r.cost_per_worker = *m;
    else
      ok = false;
  }
  if (const TreeNode* v = node.find("capacity")) {
    if (auto n = reader_.integer(*v, path + ".capacity", 0))
      r.capacity = *n;
    else
      ok = false;
  }
  if (const TreeNode* v = node.find("success_rate")) {
    const std::string expected = "a probability in (0, 1]";
    const auto p = reader_.number(*v, path + ".success_rate", Bound::any);
    if (p && *p > 0.0 && *p <= 1.0) {
      r.success_rate = *p;
    } else {
      if (p)
        reader_.error(*v, path + ".success_rate", expected,
                      *p == 0.0 ? "no trainee would ever qualify; leave retraining out instead" : "");
      ok = false;
    }
  }
  if (!ok)
    return std::nullopt;
  return r;
}

void LabourParser::read_hiring(const TreeNode& node, WorkforcePolicySpec& policy) {
  const std::string path = "workforce_policy.hiring";
  if (!reader_.expect_map(node, path, "a hiring map {enabled, lead_time}"))
    return;
  reader_.check_keys(node, path, schema::hiring_keys());
  if (const TreeNode* v = node.find("enabled"))
    if (auto b = reader_.boolean(*v, path + ".enabled"))
      policy.hire = *b;
  if (const TreeNode* v = node.find("lead_time"))
    if (auto d = reader_.duration(*v, path + ".lead_time", Bound::non_negative))
      policy.hiring_lead_s = *d;
}

} // namespace gigatwin::scenario
