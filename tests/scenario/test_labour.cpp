// The labour law and workforce policy keys: every key with its conversion worked out by hand,
// the defaults without either section, the minimum wage looked up in the shipped Korean table,
// the weekly cap checked against the calendars the pools use (crew hours counted by hand),
// every refused value with its exact position (lines and columns counted by hand from 1 in the
// text below), key path and expected/found text, and `--set` overrides reaching the new keys.
#include "ScenarioText.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace gigatwin::scenario;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::replace_line;
using gigatwin::test::valid_scenario;

namespace fs = std::filesystem;

namespace {

/// A staffed line under Korean labour law. Line numbers matter to the tests below: keep it as
/// it is. The pool works the 4-crew 3x8 calendar; the 2x12 calendar is used by no pool.
const std::string lawful = R"(schema: 1
name: lawful line
horizon: 7d
currency: KRW
calendars:
  - name: four_crew_3x8
    shifts:
      - {start: 6h, length: 8h}
      - {start: 14h, length: 8h}
      - {start: 22h, length: 8h}
    crews: 4
  - name: two_crew_2x12
    shifts: [{start: 6h, length: 12h}, {start: 18h, length: 12h}]
    crews: 2
worker_pools:
  - name: operators
    skills: [operate]
    headcount: 40
    calendar: four_crew_3x8
    wage: 9000 KRW/h
labour:
  regular_week: 40h
  weekly_cap: 52h
  overtime_premium: 1.5
  night_premium: 1.25
  night: {from: 22h, to: 6h}
  minimum_wage: 7530 KRW/h
workforce_policy:
  reassign: false
  retraining:
    duration: 8w
    cost: 3000000 KRW
    capacity: 20
    success_rate: 0.8
  severance_weeks: 4
  hiring: {enabled: false, lead_time: 4w}
source: {saturated: true}
station_groups:
  - name: winding
    process_time: 45s
    operators: {skill: operate}
routing:
  steps:
    - station_group: winding
)";

std::string lawful_with(int line, const std::string& with) {
  return replace_line(lawful, line, with);
}

/// A folder holding a copy of the shipped minimum-wage table, removed at the end of the test.
class TableDir {
public:
  TableDir() {
    path_ = fs::temp_directory_path() / ("gigatwin-labour-" + std::to_string(::getpid()));
    fs::create_directories(path_);
    fs::copy_file(fs::path(GIGATWIN_SOURCE_DIR) / "data" / "korea-minimum-wage.csv",
                  path_ / "korea-minimum-wage.csv", fs::copy_options::overwrite_existing);
  }
  ~TableDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string dir() const { return path_.string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

private:
  fs::path path_;
};

/// The diagnostics of loading `text` with `base_dir` as its folder, as strings.
std::vector<std::string> errors_in(const std::string& text, const std::string& base_dir,
                                   const std::vector<std::string>& overrides = {}) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics_of(text, overrides, base_dir))
    out.push_back(d.to_string());
  return out;
}

constexpr double hour = 3600.0;
constexpr double week = 7 * 24 * hour;

} // namespace

TEST_CASE("the lawful line's text is where the tests think it is", "[labour]") {
  // Guards the hand-counted positions below against an edit of the text.
  CHECK(lawful_with(12, "  - name: two_crew_2x12") == lawful);
  CHECK(lawful_with(23, "  weekly_cap: 52h") == lawful);
  CHECK(lawful_with(27, "  minimum_wage: 7530 KRW/h") == lawful);
  CHECK(lawful_with(34, "    success_rate: 0.8") == lawful);
  CHECK(lawful_with(35, "  severance_weeks: 4") == lawful);
}

TEST_CASE("without labour or workforce_policy the defaults hold", "[labour]") {
  const ScenarioSpec s = load_scenario_text(valid_scenario, "t.yaml");
  CHECK(s.labour.regular_week_h == 40.0);
  CHECK(s.labour.weekly_cap_h == 0.0); // no cap
  CHECK(s.labour.overtime_premium == 1.0);
  CHECK(s.labour.night_premium == 1.0);
  CHECK(s.labour.night_start_s == 22 * hour);
  CHECK(s.labour.night_end_s == 6 * hour);
  CHECK(s.labour.minimum_wage_per_h == 0.0);
  CHECK(s.workforce_policy.reassign);
  CHECK_FALSE(s.workforce_policy.retraining.has_value());
  CHECK(s.workforce_policy.severance_weeks == 0.0);
  CHECK(s.workforce_policy.hire);
  CHECK(s.workforce_policy.hiring_lead_s == 0.0);
}

TEST_CASE("empty labour and workforce_policy maps keep the defaults of their keys", "[labour]") {
  const ScenarioSpec s = load_scenario_text(
      valid_scenario + "labour: {}\nworkforce_policy: {retraining: {duration: 1d}}\n", "t.yaml");
  CHECK(s.labour.regular_week_h == 40.0);
  CHECK(s.labour.weekly_cap_h == 0.0);
  CHECK(s.labour.overtime_premium == 1.0);
  REQUIRE(s.workforce_policy.retraining.has_value());
  const RetrainingSpec& r = *s.workforce_policy.retraining;
  CHECK(r.duration_s == 86400.0);
  CHECK(r.cost_per_worker == 0.0);
  CHECK(r.capacity == 0); // no limit
  CHECK(r.success_rate == 1.0);
  CHECK(s.workforce_policy.hire);
}

TEST_CASE("every labour and policy key is read with its conversion", "[labour]") {
  const ScenarioSpec s = load_scenario_text(lawful, "t.yaml");
  const LabourLawSpec& law = s.labour;
  CHECK(law.regular_week_h == 40.0);
  CHECK(law.weekly_cap_h == 52.0);
  CHECK(law.overtime_premium == 1.5);
  CHECK(law.night_premium == 1.25);
  CHECK(law.night_start_s == 79200.0); // 22 x 3600
  CHECK(law.night_end_s == 21600.0);   // 6 x 3600
  CHECK(law.minimum_wage_per_h == 7530.0);

  const WorkforcePolicySpec& policy = s.workforce_policy;
  CHECK_FALSE(policy.reassign);
  REQUIRE(policy.retraining.has_value());
  CHECK(policy.retraining->duration_s == 4838400.0); // 8 x 604800
  CHECK(policy.retraining->cost_per_worker == 3000000.0);
  CHECK(policy.retraining->capacity == 20);
  CHECK(policy.retraining->success_rate == 0.8);
  CHECK(policy.severance_weeks == 4.0);
  CHECK_FALSE(policy.hire);
  CHECK(policy.hiring_lead_s == 2419200.0); // 4 x 604800

  // Other units: 2.5 days is 60 hours; 125.5 KRW a minute is 7530 KRW an hour; 2340 minutes is
  // 39 hours; half past ten at night is 81000 s.
  const ScenarioSpec t = load_scenario_text(lawful, "t.yaml",
                                            {"labour.weekly_cap=2.5d", "labour.minimum_wage=125.5 KRW/min",
                                             "labour.regular_week=2340min", "labour.night.from=22.5h"});
  CHECK(t.labour.weekly_cap_h == 60.0);
  CHECK(t.labour.minimum_wage_per_h == 7530.0);
  CHECK(t.labour.regular_week_h == 39.0);
  CHECK(t.labour.night_start_s == 81000.0);
  CHECK(t.labour.night_end_s == 21600.0); // untouched
}

TEST_CASE("the minimum wage can be looked up by year in a CSV table", "[labour][csv]") {
  const TableDir table;
  // The rows of data/korea-minimum-wage.csv: 2018 -> 7530 KRW/h, 2026 -> 10320 KRW/h.
  const std::string line = "  minimum_wage: {table: korea-minimum-wage.csv, year: 2018}";
  const ScenarioSpec s = load_scenario_text(lawful_with(27, line), "t.yaml", {}, table.dir());
  CHECK(s.labour.minimum_wage_per_h == 7530.0);
  const ScenarioSpec t =
      load_scenario_text(lawful_with(27, line), "t.yaml", {"labour.minimum_wage.year=2026"}, table.dir());
  CHECK(t.labour.minimum_wage_per_h == 10320.0);
  // An absolute path works from any folder.
  const std::string absolute =
      "  minimum_wage: {table: " + table.dir() + "/korea-minimum-wage.csv, year: 2019}";
  CHECK(load_scenario_text(lawful_with(27, absolute), "t.yaml").labour.minimum_wage_per_h == 8350.0);
}

TEST_CASE("a year the table lacks is refused, listing the years it has", "[labour][csv]") {
  const TableDir table;
  // "  minimum_wage: {year: " is 23 characters: the year is at column 24.
  const auto errors =
      errors_in(lawful_with(27, "  minimum_wage: {year: 2030, table: korea-minimum-wage.csv}"), table.dir());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "t.yaml:27:24: error: labour.minimum_wage.year: expected a year of the table "
                     "'korea-minimum-wage.csv', found '2030' (it lists 2015, 2016, 2017, 2018, 2019, 2020, "
                     "2021, 2022, 2023, 2024, 2025, 2026)");
}

TEST_CASE("a minimum wage in another currency than the scenario's is refused", "[labour][csv]") {
  const TableDir table;
  // valid_scenario has 14 lines: currency is line 15, labour 16, minimum_wage 17.
  // "  minimum_wage: {table: " is 24 characters: the path is at column 25.
  const std::string usd = valid_scenario + "currency: USD\nlabour:\n";
  auto errors = errors_in(usd + "  minimum_wage: {table: korea-minimum-wage.csv, year: 2018}\n", table.dir());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        "t.yaml:17:25: error: labour.minimum_wage.table: expected a minimum wage table in USD (the "
        "scenario's currency), found a table in KRW (column 'krw_per_hour')");
  // The money-rate form: "  minimum_wage: " is 16 characters.
  CHECK(only_error(usd + "  minimum_wage: 7530 KRW/h\n") ==
        "t.yaml:17:17: error: labour.minimum_wage: expected a minimum wage in USD (the scenario's currency), "
        "found '7530 KRW/h'");
}

TEST_CASE("a table without a year or money column, or with a bad row, is refused", "[labour][csv]") {
  const TableDir table;
  table.write("bad.csv", "year,amount\n2018,1\n");
  table.write("rows.csv", "year,krw_per_hour\n2018,7530\n2019,lots\n");
  const std::string head = valid_scenario + "currency: KRW\nlabour:\n";
  auto errors = errors_in(head + "  minimum_wage: {table: bad.csv, year: 2018}\n", table.dir());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        "t.yaml:17:25: error: labour.minimum_wage.table: expected a CSV table with columns 'year' "
        "and '<cur>_per_hour' (e.g. krw_per_hour), found columns year, amount in '" +
            (fs::path(table.dir()) / "bad.csv").string() + "'");
  // The bad cell is reported in the CSV itself: line 3, column 6 ("2019," is 5 characters).
  errors = errors_in(head + "  minimum_wage: {table: rows.csv, year: 2018}\n", table.dir());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        (fs::path(table.dir()) / "rows.csv").string() +
            ":3:6: error: labour.minimum_wage.table: expected an amount >= 0 in every row, found "
            "'lots'");
}

TEST_CASE("the weekly cap is checked against the calendars the pools use", "[labour][calendar]") {
  // Every calendar walks from the Sunday night shift before time 0 (crew 0, cut at 0), which
  // started in the week before and is not counted; the k-th shift goes to crew k mod crews.
  //
  // 4-crew 3x8, every day: week 0 holds shifts k = 1..21; crew 1 gets k = 1, 5, 9, 13, 17, 21
  // (6 x 8h = 48h), crews 2, 3 and 0 get 5 each (40h). 48h <= 52h: the lawful line loads.
  CHECK_NOTHROW(load_scenario_text(lawful, "t.yaml"));
  // ... and a 45h cap fails on crew 1 in week 0 (the first of the worst crew-weeks). The
  // calendar item starts on line 6, column 5.
  CHECK(only_error(lawful, {"labour.weekly_cap=45h"}) ==
        "t.yaml:6:5: error: calendars[0]: expected every crew at most 45h a week (labour.weekly_cap), found "
        "48h "
        "for crew 1 in week 0");
  // 2-crew 2x12, every day: week 0 holds k = 1..14, 7 shifts of 12h per crew = 84h, and so does
  // every later week; the first worst is crew 0 in week 0. The unused calendar passed above.
  CHECK(only_error(lawful, {"worker_pools[0].calendar=two_crew_2x12"}) ==
        "t.yaml:12:5: error: calendars[1]: expected every crew at most 52h a week (labour.weekly_cap), found "
        "84h "
        "for crew 0 in week 0");
  // A one-crew day calendar of 9h, Monday to Friday: 45h a week against a cap of 44h. No
  // night shift crosses midnight, so nothing is skipped.
  const std::string day = valid_scenario + R"(calendars:
  - name: day
    shifts: [{start: 8h, length: 9h}]
    days: [mon, tue, wed, thu, fri]
worker_pools:
  - {name: office, skills: [plan], headcount: 3, calendar: day}
labour: {weekly_cap: 44h}
)";
  CHECK(only_error(day) == "t.yaml:16:5: error: calendars[0]: expected every crew at most 44h a week "
                           "(labour.weekly_cap), found 45h for crew 0 in week 0");
  CHECK(load_scenario_text(day, "t.yaml", {"labour.weekly_cap=45h"}).labour.weekly_cap_h == 45.0);
}

TEST_CASE("refused labour values name their position, key path and rule", "[labour]") {
  // "  weekly_cap: " is 14 characters.
  CHECK(only_error(lawful_with(23, "  weekly_cap: 35h")) ==
        "t.yaml:23:15: error: labour.weekly_cap: expected a cap of at least regular_week (40h), found '35h'");
  // "  overtime_premium: " is 20 characters.
  CHECK(only_error(lawful_with(24, "  overtime_premium: 0.9")) ==
        "t.yaml:24:21: error: labour.overtime_premium: expected a number >= 1 (1 = no premium), found '0.9'");
  CHECK(only_error(lawful_with(25, "  night_premium: 0")) ==
        "t.yaml:25:18: error: labour.night_premium: expected a number >= 1 (1 = no premium), found '0'");
  // "  regular_week: " is 16 characters; a week has 168 hours.
  CHECK(only_error(lawful_with(22, "  regular_week: 169h"), {"labour.weekly_cap=200h"}) ==
        "t.yaml:22:17: error: labour.regular_week: expected a duration in (0, 168h], found '169h'");
  // "  night: {from: 22h, to: " is 25 characters; then "  night: {from: " is 16.
  CHECK(
      only_error(lawful_with(26, "  night: {from: 22h, to: 22h}")) ==
      "t.yaml:26:26: error: labour.night.to: expected a night whose end differs from its start, found '22h'");
  CHECK(only_error(lawful_with(26, "  night: {from: 24h, to: 6h}")) ==
        "t.yaml:26:17: error: labour.night.from: expected a time of day in [0, 24h), found '24h'");
  // An unknown key is reported at the key, with the nearest known one.
  CHECK(only_error(lawful_with(25, "  night_premuim: 1.25")) ==
        "t.yaml:25:3: error: labour.night_premuim: expected a known key, found unknown key 'night_premuim' "
        "(did "
        "you mean 'night_premium'?)");
}

TEST_CASE("overtime on demand: its limits are read and checked", "[labour]") {
  // Line 27 is the minimum wage; demand_overtime is written after it.
  const auto with = [](const std::string& map) {
    return lawful_with(27, "  minimum_wage: 7530 KRW/h\n  demand_overtime: " + map);
  };
  const ScenarioSpec s = load_scenario_text(with("{max_per_shift: 4h, block: 30min}"), "t.yaml");
  CHECK(s.labour.demand_overtime_max_s == 4 * hour);
  CHECK(s.labour.demand_overtime_block_s == 1800.0);
  // Without a block: 1 h blocks, or one block of the whole extension when that is shorter.
  CHECK(load_scenario_text(with("{max_per_shift: 2h}"), "t.yaml").labour.demand_overtime_block_s == hour);
  CHECK(load_scenario_text(with("{max_per_shift: 45min}"), "t.yaml").labour.demand_overtime_block_s ==
        2700.0);
  // Without the section nobody works overtime on demand.
  CHECK(load_scenario_text(lawful, "t.yaml").labour.demand_overtime_max_s == 0.0);

  // "  demand_overtime: {max_per_shift: " is 35 characters, "..., block: " after "4h" is 46.
  CHECK(only_error(with("{max_per_shift: 25h}")) ==
        "t.yaml:28:36: error: labour.demand_overtime.max_per_shift: expected a duration in (0, 24h], found "
        "'25h'");
  CHECK(only_error(with("{max_per_shift: 4h, block: 5h}")) ==
        "t.yaml:28:47: error: labour.demand_overtime.block: expected a block no longer than max_per_shift "
        "(4h), "
        "found '5h'");
  CHECK(only_error(with("{block: 1h}")) == "t.yaml:28:20: error: labour.demand_overtime.max_per_shift: "
                                           "expected key 'max_per_shift' (a duration in "
                                           "(0, 24h]), found nothing");
}

TEST_CASE("refused workforce policy values name their position, key path and rule", "[labour][policy]") {
  // "    success_rate: " is 18 characters.
  CHECK(only_error(lawful_with(34, "    success_rate: 0")) ==
        "t.yaml:34:19: error: workforce_policy.retraining.success_rate: expected a probability in (0, 1], "
        "found "
        "'0' (no trainee would ever qualify; leave retraining out instead)");
  CHECK(only_error(lawful_with(34, "    success_rate: 1.2")) ==
        "t.yaml:34:19: error: workforce_policy.retraining.success_rate: expected a probability in (0, 1], "
        "found "
        "'1.2'");
  // "    capacity: " is 14 characters; "  severance_weeks: " is 19.
  CHECK(only_error(lawful_with(33, "    capacity: -1")) ==
        "t.yaml:33:15: error: workforce_policy.retraining.capacity: expected an integer >= 0, found '-1'");
  CHECK(only_error(lawful_with(35, "  severance_weeks: -2")) ==
        "t.yaml:35:20: error: workforce_policy.severance_weeks: expected a number >= 0, found '-2'");
  // "    cost: " is 10 characters.
  CHECK(only_error(lawful_with(32, "    cost: 3000000 USD")) ==
        "t.yaml:32:11: error: workforce_policy.retraining.cost: expected an amount in KRW (the scenario's "
        "currency), found '3000000 USD'");
  // A retraining without its duration is reported at its map: valid_scenario has 14 lines, so
  // retraining is on line 16; "  retraining: " is 14 characters.
  CHECK(
      only_error(valid_scenario + "workforce_policy:\n  retraining: {capacity: 5}\n") ==
      "t.yaml:16:15: error: workforce_policy.retraining.duration: expected key 'duration' (a duration > 0), "
      "found nothing");
  CHECK(only_error(lawful_with(35, "  severance_week: 4")) ==
        "t.yaml:35:3: error: workforce_policy.severance_week: expected a known key, found unknown key "
        "'severance_week' (did you mean 'severance_weeks'?)");
  // "  hiring: {enabled: false, lead_time: " is 38 characters.
  CHECK(only_error(lawful_with(36, "  hiring: {enabled: false, lead_time: -1d}")) ==
        "t.yaml:36:39: error: workforce_policy.hiring.lead_time: expected a duration >= 0, found '-1d'");
}

TEST_CASE("overrides reach the labour and policy keys", "[labour][overrides]") {
  const ScenarioSpec s =
      load_scenario_text(lawful, "t.yaml",
                         {"labour.weekly_cap=60h", "workforce_policy.severance_weeks=8",
                          "workforce_policy.retraining.capacity=0", "workforce_policy.hiring.enabled=true",
                          "labour.night_premium=2"});
  CHECK(s.labour.weekly_cap_h == 60.0);
  CHECK(s.workforce_policy.severance_weeks == 8.0);
  CHECK(s.workforce_policy.retraining->capacity == 0);
  CHECK(s.workforce_policy.hire);
  CHECK(s.labour.night_premium == 2.0);
  // On a scenario without the sections, --set creates them; the rest keeps its defaults.
  const ScenarioSpec t = load_scenario_text(valid_scenario, "t.yaml",
                                            {"labour.weekly_cap=60h", "workforce_policy.severance_weeks=8"});
  CHECK(t.labour.weekly_cap_h == 60.0);
  CHECK(t.labour.regular_week_h == 40.0);
  CHECK(t.workforce_policy.severance_weeks == 8.0);
  CHECK(t.workforce_policy.reassign);
}

TEST_CASE("overrides on labour keys are validated like the file", "[labour][overrides]") {
  // "labour.weekly_cap=" is 18 characters: the value is at column 19.
  CHECK(only_error(lawful, {"labour.weekly_cap=35h"}) ==
        "--set:1:19: error: labour.weekly_cap: expected a cap of at least regular_week (40h), found '35h'");
  // A misspelt key is refused before anything changes, with a suggestion.
  CHECK(only_error(lawful, {"labour.weekly_cpa=60h"}) ==
        "--set:1:8: error: labour.weekly_cpa: expected a known key, found unknown key 'weekly_cpa' (did you "
        "mean "
        "'weekly_cap'?)");
  CHECK(
      only_error(lawful, {"workforce_policy.retraining.success_rate=0"})
          .rfind(
              "--set:1:42: error: workforce_policy.retraining.success_rate: expected a probability in (0, 1]",
              0) == 0);
}
