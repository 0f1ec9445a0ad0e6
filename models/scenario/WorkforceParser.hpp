#pragma once
// WorkforceParser: reads the people side of a scenario — the `currency` money is counted in,
// shift `calendars`, `worker_pools` (skills, headcount, wage in currency per hour, absenteeism)
// and the `operators` a station group's machines need — into ScenarioSpec. Besides each key's
// own rules it checks what only the whole picture shows: shifts of one calendar that overlap
// (midnight included), a pool naming a calendar that does not exist, and a machine asking for
// more workers of a skill than can ever be on shift at once, which would never start.

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

/// The weekday names `days:` accepts, Monday first (index 0 = Monday, as in CalendarSpec).
const std::vector<std::string>& weekday_names();

class WorkforceParser {
public:
  explicit WorkforceParser(FieldReader& reader) : reader_(reader) {}

  /// The top-level `currency` (nullptr: absent, USD stays).
  void read_currency(const TreeNode* node, ScenarioSpec& spec);
  /// The top-level `calendars` sequence.
  void read_calendars(const TreeNode& node, ScenarioSpec& spec);
  /// The top-level `worker_pools` sequence; read after the currency and the calendars.
  void read_pools(const TreeNode& node, ScenarioSpec& spec);
  /// A station group's `operators` map at `path`; read after the pools. nullopt after a
  /// diagnostic.
  std::optional<OperatorSpec> read_operators(const TreeNode& node, const std::string& path,
                                             const ScenarioSpec& spec);

  /// The currency money values must be written in, or "" when the scenario's own is invalid
  /// (they are then not matched against it, so as not to repeat that error).
  std::string money_currency(const ScenarioSpec& spec) const { return currency_ok_ ? spec.currency : ""; }

private:
  CalendarSpec read_calendar(const TreeNode& node, const std::string& path);
  void read_shifts(const TreeNode& node, const std::string& path, CalendarSpec& calendar);
  void check_overlaps(const TreeNode& node, const std::string& path, const std::vector<ShiftSpec>& shifts);
  void read_days(const TreeNode& node, const std::string& path, CalendarSpec& calendar);
  WorkerPoolSpec read_pool(const TreeNode& node, const std::string& path, const ScenarioSpec& spec);
  void read_skills(const TreeNode& node, const std::string& path, WorkerPoolSpec& pool);
  /// The most workers with `skill` that can be on shift at the same time.
  static std::int64_t most_on_shift(const std::string& skill, const ScenarioSpec& spec);

  FieldReader& reader_;
  bool currency_ok_ = true; ///< false after a bad `currency`: wages are then not matched against it
  /// false after any diagnostic in calendars or pools: operator counts are then not checked
  /// against a headcount that may be wrong.
  bool workforce_ok_ = true;
  /// false when some pool's skills could not be read: a skill missing from the others is then
  /// not reported as unknown, since it may be one of those.
  bool skills_complete_ = true;
};

} // namespace gigatwin::scenario
