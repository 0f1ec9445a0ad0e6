#include "scenario/WorkforceParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/Units.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <utility>

namespace gigatwin::scenario {

namespace {
constexpr std::string_view name_expected = "a name of letters, digits, '_' and '-'";

/// A time of day for messages: "06:00", "13:30:15"; 24 h is "24:00".
std::string clock_text(double t) {
  const double whole = std::floor(t);
  const auto s = static_cast<long long>(whole);
  char buf[48];
  if (whole == t && s % 60 == 0)
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 3600, s % 3600 / 60);
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%06.3f", s / 3600, s % 3600 / 60,
                  static_cast<double>(s % 60) + (t - whole));
  return buf;
}

/// "from 22:00 to 06:00 the next day".
std::string span_text(const ShiftSpec& shift) {
  const double end = shift.start_s + shift.length_s;
  return "from " + clock_text(shift.start_s) + " to " +
         (end <= seconds_per_day ? clock_text(end) : clock_text(end - seconds_per_day) + " the next day");
}

/// The names of `items` that are set, each once, in order (for suggestions).
template <class T> std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const auto& x : items)
    if (!x.name.empty() && std::find(names.begin(), names.end(), x.name) == names.end())
      names.push_back(x.name);
  return names;
}

std::vector<std::string> all_skills(const ScenarioSpec& spec) {
  std::vector<std::string> skills;
  for (const auto& pool : spec.worker_pools)
    for (const auto& skill : pool.skills)
      if (std::find(skills.begin(), skills.end(), skill) == skills.end())
        skills.push_back(skill);
  return skills;
}
} // namespace

const std::vector<std::string>& weekday_names() {
  static const std::vector<std::string> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return names;
}

void WorkforceParser::read_currency(const TreeNode* node, ScenarioSpec& spec) {
  if (!node)
    return;
  const auto code = reader_.text(*node, "currency", true);
  if (code && is_currency_code(*code)) {
    spec.currency = *code;
    return;
  }
  currency_ok_ = false;
  if (!code)
    return;
  std::string upper = *code;
  for (char& c : upper)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  reader_.error(*node, "currency", "an ISO 4217 currency code (three upper-case letters, e.g. USD, EUR, KRW)",
                is_currency_code(upper) ? "did you mean '" + upper + "'?" : "");
}

void WorkforceParser::read_calendars(const TreeNode& node, ScenarioSpec& spec) {
  const std::size_t before = reader_.log().size();
  if (reader_.expect_sequence(node, "calendars", "a sequence of calendars")) {
    for (std::size_t i = 0; i < node.items.size() && !reader_.log().full(); ++i) {
      const std::string path = index_path("calendars", i);
      spec.calendars.push_back(read_calendar(node.items[i], path));
      const std::string& name = spec.calendars.back().name;
      if (name.empty())
        continue;
      for (std::size_t j = 0; j < i; ++j) {
        if (spec.calendars[j].name == name) {
          reader_.error(*node.items[i].find("name"), path + ".name", "a unique calendar name",
                        "also the name of " + index_path("calendars", j));
          break;
        }
      }
    }
  }
  if (reader_.log().size() != before)
    workforce_ok_ = false;
}

CalendarSpec WorkforceParser::read_calendar(const TreeNode& node, const std::string& path) {
  CalendarSpec calendar;
  if (!reader_.expect_map(node, path, "a calendar map (name, shifts, days, crews)"))
    return calendar;
  reader_.check_keys(node, path, schema::calendar_keys());
  if (const TreeNode* v = reader_.require(node, "name", path, name_expected)) {
    if (auto name = reader_.text(*v, path + ".name", true)) {
      if (is_identifier(*name))
        calendar.name = *name;
      else
        reader_.error(*v, path + ".name", std::string(name_expected));
    }
  }
  if (const TreeNode* v = reader_.require(node, "shifts", path, "a sequence of shifts {start, length}"))
    read_shifts(*v, path + ".shifts", calendar);
  if (const TreeNode* v = node.find("days"))
    read_days(*v, path + ".days", calendar);
  if (const TreeNode* v = node.find("crews"))
    if (auto n = reader_.integer(*v, path + ".crews", 1, ScenarioLimits::max_crews))
      calendar.crews = *n;
  return calendar;
}

void WorkforceParser::read_shifts(const TreeNode& node, const std::string& path, CalendarSpec& calendar) {
  if (!reader_.expect_sequence(node, path, "a sequence of shifts {start, length}"))
    return;
  if (node.items.empty()) {
    reader_.error_at(node.pos, path, "at least one shift", "an empty sequence");
    return;
  }
  std::vector<ShiftSpec> shifts; // in written order while checking
  for (std::size_t k = 0; k < node.items.size() && !reader_.log().full(); ++k) {
    const TreeNode& item = node.items[k];
    const std::string shift_path = index_path(path, k);
    if (!reader_.expect_map(item, shift_path, "a shift map {start, length}"))
      continue;
    reader_.check_keys(item, shift_path, schema::shift_keys());
    ShiftSpec shift;
    bool ok = true;
    // A start of 24h or more is another day's shift, and a shift longer than a day would
    // overlap itself: both bounds keep "the day's shifts" a well-defined daily pattern.
    if (const TreeNode* v = reader_.require(item, "start", shift_path, "a duration in [0, 24h)")) {
      const auto start = reader_.duration(*v, shift_path + ".start", Bound::any);
      if (start && !(*start >= 0.0 && *start < seconds_per_day))
        reader_.error(*v, shift_path + ".start", "a duration in [0, 24h)");
      if (start && *start >= 0.0 && *start < seconds_per_day)
        shift.start_s = *start;
      else
        ok = false;
    } else {
      ok = false;
    }
    if (const TreeNode* v = reader_.require(item, "length", shift_path, "a duration in (0, 24h]")) {
      const auto length = reader_.duration(*v, shift_path + ".length", Bound::any);
      if (length && !(*length > 0.0 && *length <= seconds_per_day))
        reader_.error(*v, shift_path + ".length", "a duration in (0, 24h]");
      if (length && *length > 0.0 && *length <= seconds_per_day)
        shift.length_s = *length;
      else
        ok = false;
    } else {
      ok = false;
    }
    if (ok)
      shifts.push_back(shift);
  }
  if (shifts.size() != node.items.size())
    return; // overlaps only make sense among valid shifts
  check_overlaps(node, path, shifts);
  std::stable_sort(shifts.begin(), shifts.end(),
                   [](const ShiftSpec& a, const ShiftSpec& b) { return a.start_s < b.start_s; });
  calendar.shifts = std::move(shifts);
}

void WorkforceParser::check_overlaps(const TreeNode& node, const std::string& path,
                                     const std::vector<ShiftSpec>& shifts) {
  const std::size_t n = shifts.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return shifts[a].start_s < shifts[b].start_s; });
  // Around the clock each shift must end before the next one starts; the last of the day is
  // followed by the first of the next day, 24 h later. With two shifts both gaps join the
  // same pair, which is reported once.
  std::vector<std::pair<std::size_t, std::size_t>> reported;
  for (std::size_t p = 0; p < n; ++p) {
    const std::size_t a = order[p];
    const std::size_t b = order[(p + 1) % n];
    const double next_start = shifts[b].start_s + (p + 1 == n ? seconds_per_day : 0.0);
    if (shifts[a].start_s + shifts[a].length_s <= next_start)
      continue;
    const std::size_t first = std::min(a, b);
    const std::size_t later = std::max(a, b);
    if (std::find(reported.begin(), reported.end(), std::make_pair(first, later)) != reported.end())
      continue;
    reported.emplace_back(first, later);
    reader_.error_at(node.items[later].pos, index_path(path, later),
                     "a shift that does not overlap shifts[" + std::to_string(first) + "] (" +
                         span_text(shifts[first]) + ")",
                     "a shift " + span_text(shifts[later]));
  }
}

void WorkforceParser::read_days(const TreeNode& node, const std::string& path, CalendarSpec& calendar) {
  if (!reader_.expect_sequence(node, path, "a sequence of weekdays (mon, tue, wed, thu, fri, sat, sun)"))
    return;
  // A calendar worked on no day is a pool never on shift; headcount 0 says that plainly.
  if (node.items.empty()) {
    reader_.error_at(node.pos, path, "at least one weekday", "an empty sequence");
    return;
  }
  const auto& names = weekday_names();
  std::array<std::optional<std::size_t>, 7> written_at; // item index per weekday
  for (std::size_t k = 0; k < node.items.size(); ++k) {
    const TreeNode& item = node.items[k];
    const std::string day_path = index_path(path, k);
    const auto it = item.kind == TreeNode::Kind::scalar ? std::find(names.begin(), names.end(), item.scalar)
                                                        : names.end();
    if (it == names.end()) {
      std::string hint;
      if (item.kind == TreeNode::Kind::scalar)
        if (auto best = did_you_mean(item.scalar, names))
          hint = "did you mean '" + *best + "'?";
      reader_.error(item, day_path, "a weekday (mon, tue, wed, thu, fri, sat, sun)", hint);
      continue;
    }
    const auto day = static_cast<std::size_t>(it - names.begin());
    if (written_at[day]) {
      reader_.error_at(item.pos, day_path, "each weekday once", quote(item.scalar) + " again",
                       "first at " + index_path(path, *written_at[day]));
      continue;
    }
    written_at[day] = k;
  }
  for (std::size_t d = 0; d < 7; ++d)
    calendar.days[d] = written_at[d].has_value();
}

void WorkforceParser::read_pools(const TreeNode& node, ScenarioSpec& spec) {
  const std::size_t before = reader_.log().size();
  skills_complete_ = node.kind == TreeNode::Kind::sequence;
  if (reader_.expect_sequence(node, "worker_pools", "a sequence of worker pools")) {
    for (std::size_t i = 0; i < node.items.size() && !reader_.log().full(); ++i) {
      const std::string path = index_path("worker_pools", i);
      spec.worker_pools.push_back(read_pool(node.items[i], path, spec));
      const std::string& name = spec.worker_pools.back().name;
      if (name.empty())
        continue;
      for (std::size_t j = 0; j < i; ++j) {
        if (spec.worker_pools[j].name == name) {
          reader_.error(*node.items[i].find("name"), path + ".name", "a unique worker pool name",
                        "also the name of " + index_path("worker_pools", j));
          break;
        }
      }
    }
  }
  if (reader_.log().size() != before)
    workforce_ok_ = false;
}

WorkerPoolSpec WorkforceParser::read_pool(const TreeNode& node, const std::string& path,
                                          const ScenarioSpec& spec) {
  WorkerPoolSpec pool;
  if (!reader_.expect_map(
          node, path,
          "a worker pool map (name, skills, headcount, calendar, wage, absenteeism, attrition)")) {
    skills_complete_ = false;
    return pool;
  }
  reader_.check_keys(node, path, schema::worker_pool_keys());
  if (const TreeNode* v = reader_.require(node, "name", path, name_expected)) {
    if (auto name = reader_.text(*v, path + ".name", true)) {
      if (is_identifier(*name))
        pool.name = *name;
      else
        reader_.error(*v, path + ".name", std::string(name_expected));
    }
  }
  const std::size_t before_skills = reader_.log().size();
  if (const TreeNode* v = reader_.require(node, "skills", path, "a sequence of skill names"))
    read_skills(*v, path + ".skills", pool);
  if (reader_.log().size() != before_skills)
    skills_complete_ = false;
  if (const TreeNode* v = reader_.require(node, "headcount", path, "an integer >= 0"))
    if (auto n = reader_.integer(*v, path + ".headcount", 0, ScenarioLimits::max_headcount))
      pool.headcount = *n;
  if (const TreeNode* v = node.find("calendar")) {
    if (auto name = reader_.text(*v, path + ".calendar", true)) {
      for (std::size_t c = 0; c < spec.calendars.size() && !pool.calendar_index; ++c)
        if (spec.calendars[c].name == *name)
          pool.calendar_index = c;
      if (pool.calendar_index) {
        pool.calendar = *name;
      } else {
        const auto calendars = names_of(spec.calendars);
        reader_.error(*v, path + ".calendar", "the name of a calendar",
                      spec.calendars.empty() ? "the scenario has no calendars"
                                             : suggestion_hint(*name, calendars, "calendars"));
      }
    }
  }
  if (const TreeNode* v = node.find("wage"))
    if (auto wage = reader_.wage(*v, path + ".wage", currency_ok_ ? spec.currency : ""))
      pool.wage_per_h = *wage;
  if (const TreeNode* v = node.find("absenteeism"))
    if (auto p = reader_.probability_below_one(*v, path + ".absenteeism"))
      pool.absenteeism = *p;
  if (const TreeNode* v = node.find("attrition")) // a rate per worker, e.g. 8/y
    if (auto r = reader_.rate(*v, path + ".attrition"))
      pool.attrition_per_year = *r * 365.0 * 86400.0;
  return pool;
}

void WorkforceParser::read_skills(const TreeNode& node, const std::string& path, WorkerPoolSpec& pool) {
  if (!reader_.expect_sequence(node, path, "a sequence of skill names"))
    return;
  if (node.items.empty()) {
    reader_.error_at(node.pos, path, "at least one skill", "an empty sequence");
    return;
  }
  for (std::size_t k = 0; k < node.items.size(); ++k) {
    const TreeNode& item = node.items[k];
    const std::string skill_path = index_path(path, k);
    const auto skill = reader_.text(item, skill_path, true);
    if (!skill)
      continue;
    if (!is_identifier(*skill)) {
      reader_.error(item, skill_path, "a skill name of letters, digits, '_' and '-'");
      continue;
    }
    const auto first = std::find(pool.skills.begin(), pool.skills.end(), *skill);
    if (first != pool.skills.end()) {
      // pool.skills holds the valid skills in written order; find where the first one was.
      std::size_t first_at = 0;
      for (std::size_t j = 0; j < k; ++j)
        if (node.items[j].kind == TreeNode::Kind::scalar && node.items[j].scalar == *skill) {
          first_at = j;
          break;
        }
      reader_.error_at(item.pos, skill_path, "each skill once in a pool", quote(*skill) + " again",
                       "first at " + index_path(path, first_at));
      continue;
    }
    pool.skills.push_back(*skill);
  }
}

std::int64_t WorkforceParser::most_on_shift(const std::string& skill, const ScenarioSpec& spec) {
  // Shifts of one calendar never overlap, so one crew at most is on shift at a time; crews
  // are split as evenly as possible, so the largest has ceil(headcount / crews) workers.
  std::int64_t most = 0;
  for (const auto& pool : spec.worker_pools) {
    if (std::find(pool.skills.begin(), pool.skills.end(), skill) == pool.skills.end())
      continue;
    if (!pool.calendar_index) {
      most += pool.headcount;
      continue;
    }
    const std::int64_t crews = spec.calendars[*pool.calendar_index].crews;
    most += pool.headcount / crews + (pool.headcount % crews != 0 ? 1 : 0);
  }
  return most;
}

std::optional<OperatorSpec> WorkforceParser::read_operators(const TreeNode& node, const std::string& path,
                                                            const ScenarioSpec& spec) {
  if (!reader_.expect_map(node, path, "an operators map {skill, count, during}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::operator_keys());
  OperatorSpec op;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "skill", path, "a skill of a worker pool")) {
    if (auto skill = reader_.text(*v, path + ".skill", true)) {
      const auto skills = all_skills(spec);
      if (std::find(skills.begin(), skills.end(), *skill) != skills.end() || !skills_complete_) {
        op.skill = *skill;
      } else {
        reader_.error(*v, path + ".skill", "a skill of a worker pool",
                      spec.worker_pools.empty() ? "the scenario has no worker_pools"
                                                : suggestion_hint(*skill, skills, "skills"));
        ok = false;
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  const TreeNode* count_node = node.find("count");
  if (count_node) {
    if (auto n = reader_.integer(*count_node, path + ".count", 1))
      op.count = *n;
    else
      ok = false;
  }
  if (const TreeNode* v = node.find("during")) {
    static const std::vector<std::string> phases = {"processing", "setup", "both"};
    const std::string text = v->kind == TreeNode::Kind::scalar ? v->scalar : "";
    if (text == "processing") {
      op.during = OperatorPhase::processing;
    } else if (text == "setup") {
      op.during = OperatorPhase::setup;
    } else if (text == "both") {
      op.during = OperatorPhase::both;
    } else {
      reader_.error(*v, path + ".during", "processing, setup or both",
                    v->kind == TreeNode::Kind::scalar ? suggestion_hint(text, phases, "phases") : "");
      ok = false;
    }
  }
  if (!ok)
    return std::nullopt;
  // A machine needing more people than can ever be on shift together would wait forever; a
  // headcount that is itself in error is not a fair measure, so that case waits for the fix.
  if (workforce_ok_) {
    const std::int64_t most = most_on_shift(op.skill, spec);
    if (op.count > most) {
      const std::string expected =
          "at most " + std::to_string(most) + " (workers with skill '" + op.skill + "' on shift at once)";
      if (count_node)
        reader_.error(*count_node, path + ".count", expected);
      else
        reader_.error_at(node.pos, path + ".count", expected, "1 (the default)");
      return std::nullopt;
    }
  }
  return op;
}

} // namespace gigatwin::scenario
