// The workforce keys: currency, calendars, worker_pools and station groups' operators. Valid
// forms with their conversions worked out by hand, every refused value with its exact
// position (lines and columns counted by hand from 1 in the text below), key path and
// expected/found text, and `--set` overrides reaching the new keys.
#include "ScenarioText.hpp"
#include "scenario/Units.hpp"

using namespace gigatwin::scenario;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::replace_line;
using gigatwin::test::valid_scenario;

namespace {

/// A staffed three-step line. Line numbers matter to the tests below: keep it as it is.
/// Workers with a skill on shift at once (shifts of one calendar never overlap, so one crew
/// at most): operate = ceil(40 / 4) = 10; setup = 10 + ceil(3 / 1) = 13; repair = 3.
const std::string staffed = R"(schema: 1
name: staffed line
horizon: 7d
currency: KRW
calendars:
  - name: four_crew_3x8
    shifts:
      - {start: 6h, length: 8h}
      - {start: 22h, length: 8h}
      - {start: 14h, length: 8h}
    crews: 4
  - name: day
    shifts: [{start: 8h, length: 9h}]
    days: [mon, tue, wed, thu, fri]
worker_pools:
  - name: operators
    skills: [operate, setup]
    headcount: 40
    calendar: four_crew_3x8
    wage: 250 KRW/min
    absenteeism: 0.03
  - name: technicians
    skills: [repair, setup]
    headcount: 3
    calendar: day
    wage: 20000KRW/h
source: {saturated: true}
station_groups:
  - name: winding
    machines: 2
    process_time: 45s
    setup: {time: 10min, every: 100}
    operators: {skill: operate, count: 2, during: processing}
  - name: stacking
    process_time: 50s
    operators:
      skill: setup
      count: 13
      during: setup
  - name: packing
    process_time: 30s
    operators: {skill: operate}
routing:
  steps:
    - station_group: winding
    - station_group: stacking
    - station_group: packing
)";

std::string staffed_with(int line, const std::string& with) {
  return replace_line(staffed, line, with);
}

constexpr double hour = 3600.0;

} // namespace

TEST_CASE("the staffed line's text is where the tests think it is", "[workforce]") {
  // Guards the hand-counted positions below against an edit of the text.
  CHECK(staffed_with(4, "currency: KRW") == staffed);
  CHECK(staffed_with(13, "    shifts: [{start: 8h, length: 9h}]") == staffed);
  CHECK(staffed_with(18, "    headcount: 40") == staffed);
  CHECK(staffed_with(38, "      count: 13") == staffed);
  CHECK(staffed_with(42, "    operators: {skill: operate}") == staffed);
}

TEST_CASE("every workforce key is read in its written form", "[workforce]") {
  const ScenarioSpec s = load_scenario_text(staffed, "t.yaml");
  CHECK(s.currency == "KRW");

  REQUIRE(s.calendars.size() == 2);
  const CalendarSpec& crews = s.calendars[0];
  CHECK(crews.name == "four_crew_3x8");
  // Written 6h, 22h, 14h; stored sorted by start: 6 h, 14 h, 22 h, each 8 h long.
  REQUIRE(crews.shifts.size() == 3);
  CHECK(crews.shifts[0].start_s == 6 * hour);
  CHECK(crews.shifts[1].start_s == 14 * hour);
  CHECK(crews.shifts[2].start_s == 22 * hour);
  for (const auto& shift : crews.shifts)
    CHECK(shift.length_s == 8 * hour);
  CHECK(crews.days == std::array<bool, 7>{true, true, true, true, true, true, true}); // default: all
  CHECK(crews.crews == 4);
  const CalendarSpec& day = s.calendars[1];
  REQUIRE(day.shifts.size() == 1);
  CHECK(day.shifts[0].start_s == 8 * hour);
  CHECK(day.shifts[0].length_s == 9 * hour);
  CHECK(day.days == std::array<bool, 7>{true, true, true, true, true, false, false}); // Monday first
  CHECK(day.crews == 1);                                                              // default

  REQUIRE(s.worker_pools.size() == 2);
  const WorkerPoolSpec& ops = s.worker_pools[0];
  CHECK(ops.name == "operators");
  CHECK(ops.skills == std::vector<std::string>{"operate", "setup"});
  CHECK(ops.headcount == 40);
  CHECK(ops.calendar == "four_crew_3x8");
  CHECK(ops.calendar_index == std::optional<std::size_t>(0));
  CHECK(ops.wage_per_h == 15000.0); // 250 KRW/min x 60 min/h
  CHECK(ops.absenteeism == 0.03);
  const WorkerPoolSpec& tech = s.worker_pools[1];
  CHECK(tech.skills == std::vector<std::string>{"repair", "setup"});
  CHECK(tech.headcount == 3);
  CHECK(tech.calendar_index == std::optional<std::size_t>(1));
  CHECK(tech.wage_per_h == 20000.0); // written without a space
  CHECK(tech.absenteeism == 0.0);    // default

  REQUIRE(s.station_groups.size() == 3);
  REQUIRE(s.station_groups[0].initial().operators);
  CHECK(s.station_groups[0].initial().operators->skill == "operate");
  CHECK(s.station_groups[0].initial().operators->count == 2);
  CHECK(s.station_groups[0].initial().operators->during == OperatorPhase::processing);
  REQUIRE(s.station_groups[1].initial().operators); // block map form; count 13 is exactly the bound
  CHECK(s.station_groups[1].initial().operators->skill == "setup");
  CHECK(s.station_groups[1].initial().operators->count == 13);
  CHECK(s.station_groups[1].initial().operators->during == OperatorPhase::setup);
  REQUIRE(s.station_groups[2].initial().operators);
  CHECK(s.station_groups[2].initial().operators->count == 1);                    // default
  CHECK(s.station_groups[2].initial().operators->during == OperatorPhase::both); // default
}

TEST_CASE("a scenario without workforce keys gets their defaults", "[workforce]") {
  const ScenarioSpec s = load_scenario_text(valid_scenario, "t.yaml");
  CHECK(s.currency == "USD");
  CHECK(s.calendars.empty());
  CHECK(s.worker_pools.empty());
  CHECK_FALSE(s.station_groups[0].initial().operators);
  CHECK_FALSE(s.station_groups[1].initial().operators);

  // A pool's optional keys: no calendar (always on shift), wage 0, no absenteeism. A calendar
  // no pool uses is allowed.
  const ScenarioSpec p =
      load_scenario_text(valid_scenario + "calendars: [{name: unused, shifts: [{start: 0h, length: 24h}]}]\n"
                                          "worker_pools: [{name: crew, skills: [press], headcount: 0}]\n",
                         "t.yaml");
  REQUIRE(p.calendars.size() == 1);
  CHECK(p.calendars[0].shifts[0].length_s == 24 * hour); // 24 h is the longest shift allowed
  REQUIRE(p.worker_pools.size() == 1);
  CHECK(p.worker_pools[0].headcount == 0);
  CHECK(p.worker_pools[0].calendar.empty());
  CHECK_FALSE(p.worker_pools[0].calendar_index);
  CHECK(p.worker_pools[0].wage_per_h == 0.0);
  CHECK(p.worker_pools[0].absenteeism == 0.0);
}

TEST_CASE("wages in every time unit are converted to per hour", "[workforce]") {
  struct Case {
    const char* text;
    double per_hour;
  };
  // amount x 3600 / (seconds per unit): 1 KRW/s = 3600/h, 1/ms = 3.6e6/h, a day has 24 h and
  // a week 168 h.
  const Case cases[] = {{"15000 KRW/h", 15000.0},  {"15000KRW/h", 15000.0},    {"250 KRW/min", 15000.0},
                        {"250KRW/min", 15000.0},   {"0.5 KRW/s", 1800.0},      {"0.001 KRW/ms", 3600.0},
                        {"360000 KRW/d", 15000.0}, {"2520000 KRW/w", 15000.0}, {"+1.5e4 KRW / h", 15000.0},
                        {"0 KRW/h", 0.0}};
  for (const auto& c : cases) {
    INFO(c.text);
    const ScenarioSpec s = load_scenario_text(staffed_with(26, std::string("    wage: ") + c.text), "t.yaml");
    CHECK(s.worker_pools[1].wage_per_h == Approx(c.per_hour).epsilon(1e-15));
  }
  // The parser itself: an 'E' after the amount starts the currency, not an exponent.
  const ParsedMoneyRate eur = parse_money_rate_quantity("15EUR/h");
  CHECK(eur.problem == QuantityProblem::none);
  CHECK(eur.currency == "EUR");
  CHECK(eur.per_hour == 15.0);
  CHECK(is_currency_code("KRW"));
  CHECK_FALSE(is_currency_code("Krw"));
  CHECK_FALSE(is_currency_code("KRWX"));
}

TEST_CASE("shifts across midnight and touching shifts are accepted", "[workforce]") {
  // 22:00-06:00 ends exactly when 06:00-22:00 starts, and that one ends when the first starts.
  const ScenarioSpec s = load_scenario_text(
      staffed_with(13, "    shifts: [{start: 22h, length: 8h}, {start: 6h, length: 16h}]"), "t.yaml");
  REQUIRE(s.calendars[1].shifts.size() == 2);
  CHECK(s.calendars[1].shifts[0].start_s == 6 * hour);
  CHECK(s.calendars[1].shifts[1].start_s == 22 * hour);
  CHECK(s.calendars[1].shifts[1].length_s == 8 * hour);
}

TEST_CASE("crews and pools without a calendar set how many can be on shift", "[workforce]") {
  // 3 crews: the largest gets ceil(40 / 3) = 14 of the operators; setup: 14 + 3 = 17.
  const std::string three_crews = staffed_with(11, "    crews: 3");
  CHECK(load_scenario_text(replace_line(three_crews, 38, "      count: 17"), "t.yaml")
            .station_groups[1]
            .initial().operators->count == 17);
  CHECK(only_error(replace_line(three_crews, 38, "      count: 18")) ==
        "t.yaml:38:14: error: station_groups[1].operators.count: expected at most 17 (workers with skill "
        "'setup' on shift at once), found '18'");
  // Without its calendar (line 19 dropped) the operators pool is always on shift: all 40 of
  // them, so setup allows 40 + 3 = 43.
  const std::string always_on = replace_line(staffed, 19, "", true);
  CHECK(load_scenario_text(replace_line(always_on, 37, "      count: 43"), "t.yaml")
            .station_groups[1]
            .initial().operators->count == 43);
  CHECK(only_error(replace_line(always_on, 37, "      count: 44")) ==
        "t.yaml:37:14: error: station_groups[1].operators.count: expected at most 43 (workers with skill "
        "'setup' on shift at once), found '44'");
}

TEST_CASE("operators.count above the workers ever on shift is refused", "[workforce]") {
  // 13 workers with 'setup' can be on shift at once (see the text); 14 never could.
  CHECK(only_error(staffed_with(38, "      count: 14")) ==
        "t.yaml:38:14: error: station_groups[1].operators.count: expected at most 13 (workers with skill "
        "'setup' on shift at once), found '14'");
  // The default count of 1 against a pool of nobody: reported at the operators map ('{' at column 44).
  const std::string nobody = "name: n\nhorizon: 1d\nsource: {saturated: true}\n"
                             "worker_pools: [{name: p, skills: [x], headcount: 0}]\n"
                             "station_groups:\n  - {name: g, process_time: 1s, operators: {skill: x}}\n"
                             "routing: {steps: [{station_group: g}]}\n";
  CHECK(only_error(nobody) == "t.yaml:6:44: error: station_groups[0].operators.count: expected at most 0 "
                              "(workers with skill 'x' on shift at once), found 1 (the default)");
}

TEST_CASE("a negative headcount is refused", "[workforce]") {
  // "    headcount: " is 15 characters. The bad pool makes the operator counts unchecked, so
  // this is the only diagnostic.
  CHECK(only_error(staffed_with(18, "    headcount: -3")) ==
        "t.yaml:18:16: error: worker_pools[0].headcount: expected an integer from 0 to 1000000, found '-3'");
}

TEST_CASE("an unknown skill is refused with a suggestion", "[workforce]") {
  // "    operators: {skill: " is 23 characters.
  CHECK(only_error(staffed_with(42, "    operators: {skill: operat}")) ==
        "t.yaml:42:24: error: station_groups[2].operators.skill: expected a skill of a worker pool, found "
        "'operat' (did you mean 'operate'?)");
  CHECK(only_error(staffed_with(42, "    operators: {skill: welding}")) ==
        "t.yaml:42:24: error: station_groups[2].operators.skill: expected a skill of a worker pool, found "
        "'welding' (skills: operate, setup, repair)");
  // Block form: "      skill: " is 13 characters.
  CHECK(only_error(staffed_with(37, "      skill: setpu")) ==
        "t.yaml:37:14: error: station_groups[1].operators.skill: expected a skill of a worker pool, found "
        "'setpu' (did you mean 'setup'?)");
  CHECK(only_error(replace_line(valid_scenario, 8, "    process_time: 45s\n    operators: {skill: x}")) ==
        "t.yaml:9:24: error: station_groups[0].operators.skill: expected a skill of a worker pool, found 'x' "
        "(the scenario has no worker_pools)");
}

TEST_CASE("a shift longer than a day or starting outside the day is refused", "[workforce]") {
  // "    shifts: [{start: 8h, length: " is 33 characters.
  CHECK(only_error(staffed_with(13, "    shifts: [{start: 8h, length: 25h}]")) ==
        "t.yaml:13:34: error: calendars[1].shifts[0].length: expected a duration in (0, 24h], found '25h'");
  CHECK(only_error(staffed_with(13, "    shifts: [{start: 8h, length: 0s}]")) ==
        "t.yaml:13:34: error: calendars[1].shifts[0].length: expected a duration in (0, 24h], found '0s'");
  // "    shifts: [{start: " is 21 characters.
  CHECK(only_error(staffed_with(13, "    shifts: [{start: 24h, length: 1h}]")) ==
        "t.yaml:13:22: error: calendars[1].shifts[0].start: expected a duration in [0, 24h), found '24h'");
  CHECK(only_error(staffed_with(13, "    shifts: [{start: -1h, length: 1h}]")) ==
        "t.yaml:13:22: error: calendars[1].shifts[0].start: expected a duration in [0, 24h), found '-1h'");
  CHECK(only_error(staffed_with(13, "    shifts: []")) ==
        "t.yaml:13:13: error: calendars[1].shifts: expected at least one shift, found an empty sequence");
}

TEST_CASE("overlapping shifts are refused, naming both", "[workforce]") {
  // Across midnight: 22:00 + 8 h runs to 06:00 the next day, past the 05:00 start. Reported at
  // the later written shift, whose '{' is at column 40.
  CHECK(only_error(staffed_with(13, "    shifts: [{start: 22h, length: 8h}, {start: 5h, length: 8h}]")) ==
        "t.yaml:13:40: error: calendars[1].shifts[1]: expected a shift that does not overlap shifts[0] (from "
        "22:00 to 06:00 the next day), found a shift from 05:00 to 13:00");
  // Within the day: the third shift (13:00-21:00) starts before the first (06:00-14:00) ends;
  // it still ends before the 22:00 shift starts.
  CHECK(only_error(staffed_with(10, "      - {start: 13h, length: 8h}")) ==
        "t.yaml:10:9: error: calendars[0].shifts[2]: expected a shift that does not overlap shifts[0] (from "
        "06:00 to 14:00), found a shift from 13:00 to 21:00");
  // Two shifts that overlap on both sides of the clock are one problem, told once.
  CHECK(only_error(staffed_with(13, "    shifts: [{start: 0h, length: 20h}, {start: 10h, length: 20h}]")) ==
        "t.yaml:13:40: error: calendars[1].shifts[1]: expected a shift that does not overlap shifts[0] (from "
        "00:00 to 20:00), found a shift from 10:00 to 06:00 the next day");
  // Equal starts overlap; minutes show when they are not whole hours.
  CHECK(
      only_error(staffed_with(13, "    shifts: [{start: 8.5h, length: 1h}, {start: 510min, length: 2h}]")) ==
      "t.yaml:13:41: error: calendars[1].shifts[1]: expected a shift that does not overlap shifts[0] (from "
      "08:30 to 09:30), found a shift from 08:30 to 10:30");
}

TEST_CASE("an unknown calendar is refused with a suggestion", "[workforce]") {
  // "    calendar: " is 14 characters.
  CHECK(
      only_error(staffed_with(25, "    calendar: dya")) ==
      "t.yaml:25:15: error: worker_pools[1].calendar: expected the name of a calendar, found 'dya' (did you "
      "mean 'day'?)");
  CHECK(
      only_error(valid_scenario + "worker_pools: [{name: p, skills: [x], headcount: 1, calendar: day}]\n") ==
      "t.yaml:15:63: error: worker_pools[0].calendar: expected the name of a calendar, found 'day' (the "
      "scenario has no calendars)");
}

TEST_CASE("a wage in another currency or malformed is refused", "[workforce]") {
  // "    wage: " is 10 characters.
  CHECK(only_error(staffed_with(26, "    wage: 20 USD/h")) ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage in KRW (the scenario's currency), found "
        "'20 USD/h'");
  // Without `currency:` the scenario counts in USD.
  CHECK(
      only_error(valid_scenario + "worker_pools: [{name: p, skills: [x], headcount: 1, wage: 20 KRW/h}]\n") ==
      "t.yaml:15:59: error: worker_pools[0].wage: expected a wage in USD (the scenario's currency), found "
      "'20 KRW/h'");
  CHECK(only_error(staffed_with(26, "    wage: 15000")) ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage as money per time (e.g. 20 KRW/h), found "
        "'15000' (missing currency; write e.g. 15000 KRW/h)");
  CHECK(only_error(staffed_with(26, "    wage: 15000 KRW")) ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage as money per time (e.g. 20 KRW/h), found "
        "'15000 KRW' (missing time unit; write money per time, e.g. 15000 KRW/h)");
  CHECK(only_error(staffed_with(26, "    wage: 15000 KRW/hr")) ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage as money per time (e.g. 20 KRW/h), found "
        "'15000 KRW/hr' (unknown unit 'hr', did you mean 'h'?)");
  CHECK(only_error(staffed_with(26, "    wage: -5 KRW/h")) ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage >= 0, found '-5 KRW/h'");
}

TEST_CASE("a currency that is not an ISO 4217 code is refused", "[workforce]") {
  // The wages are then not matched against it, so this is the only diagnostic.
  CHECK(only_error(staffed_with(4, "currency: krw")) ==
        "t.yaml:4:11: error: currency: expected an ISO 4217 currency code (three upper-case letters, e.g. "
        "USD, EUR, KRW), found 'krw' (did you mean 'KRW'?)");
  CHECK(only_error(staffed_with(4, "currency: WON!")) ==
        "t.yaml:4:11: error: currency: expected an ISO 4217 currency code (three upper-case letters, e.g. "
        "USD, EUR, KRW), found 'WON!'");
  CHECK(only_error(staffed_with(4, "currency: EURO")) ==
        "t.yaml:4:11: error: currency: expected an ISO 4217 currency code (three upper-case letters, e.g. "
        "USD, EUR, KRW), found 'EURO'");
}

TEST_CASE("absenteeism must be below 1", "[workforce]") {
  // "    absenteeism: " is 17 characters.
  CHECK(only_error(staffed_with(21, "    absenteeism: 1.0")) ==
        "t.yaml:21:18: error: worker_pools[0].absenteeism: expected a probability in [0, 1), found '1.0'");
  CHECK(only_error(staffed_with(21, "    absenteeism: -0.1")) ==
        "t.yaml:21:18: error: worker_pools[0].absenteeism: expected a probability in [0, 1), found '-0.1'");
}

TEST_CASE("names must be unique among pools and calendars, skills within a pool", "[workforce]") {
  // "  - name: " is 10 characters.
  CHECK(only_error(staffed_with(22, "  - name: operators")) ==
        "t.yaml:22:11: error: worker_pools[1].name: expected a unique worker pool name, found 'operators' "
        "(also "
        "the name of worker_pools[0])");
  // Both pools now point at the first calendar: ceil(40 / 4) + ceil(3 / 4) = 11 with 'setup'
  // on shift at once, so the stacking count goes down to 11 to leave one problem.
  CHECK(
      only_error(replace_line(
          replace_line(staffed_with(12, "  - name: four_crew_3x8"), 25, "    calendar: four_crew_3x8"), 38,
          "      count: 11")) ==
      "t.yaml:12:11: error: calendars[1].name: expected a unique calendar name, found 'four_crew_3x8' (also "
      "the name of calendars[0])");
  // "    skills: [operate, " is 22 characters.
  CHECK(only_error(staffed_with(17, "    skills: [operate, operate]")) ==
        "t.yaml:17:23: error: worker_pools[0].skills[1]: expected each skill once in a pool, found 'operate' "
        "again (first at worker_pools[0].skills[0])");
  CHECK(only_error(staffed_with(17, "    skills: []")) ==
        "t.yaml:17:13: error: worker_pools[0].skills: expected at least one skill, found an empty sequence");
  CHECK(only_error(staffed_with(17, "    skills: [operate, set up]")) ==
        "t.yaml:17:23: error: worker_pools[0].skills[1]: expected a skill name of letters, digits, '_' and "
        "'-', "
        "found 'set up'");
}

TEST_CASE("weekdays must be known and given once", "[workforce]") {
  // "    days: [mon, " is 16 characters.
  CHECK(only_error(staffed_with(14, "    days: [mon, tues, wed]")) ==
        "t.yaml:14:17: error: calendars[1].days[1]: expected a weekday (mon, tue, wed, thu, fri, sat, sun), "
        "found 'tues' (did you mean 'tue'?)");
  // "    days: [mon, tue, " is 21 characters.
  CHECK(only_error(staffed_with(14, "    days: [mon, tue, mon]")) ==
        "t.yaml:14:22: error: calendars[1].days[2]: expected each weekday once, found 'mon' again (first at "
        "calendars[1].days[0])");
  CHECK(only_error(staffed_with(14, "    days: []")) ==
        "t.yaml:14:11: error: calendars[1].days: expected at least one weekday, found an empty sequence");
}

TEST_CASE("other bad workforce values are refused at their key", "[workforce]") {
  // "    operators: {skill: operate, during: " is 40 characters.
  CHECK(only_error(staffed_with(42, "    operators: {skill: operate, during: setp}")) ==
        "t.yaml:42:41: error: station_groups[2].operators.during: expected processing, setup or both, found "
        "'setp' (did you mean 'setup'?)");
  // "    crews: " is 11 characters.
  CHECK(only_error(staffed_with(11, "    crews: 0")) ==
        "t.yaml:11:12: error: calendars[0].crews: expected an integer from 1 to 1000, found '0'");
  CHECK(only_error(staffed_with(11, "    crew: 4")) ==
        "t.yaml:11:5: error: calendars[0].crew: expected a known key, found unknown key 'crew' (did you mean "
        "'crews'?)");
  // A pool without headcount: reported at the pool map (its first key, 16:5).
  CHECK(only_error(replace_line(staffed, 18, "", true)) ==
        "t.yaml:16:5: error: worker_pools[0].headcount: expected key 'headcount' (an integer >= 0), found "
        "nothing");
}

TEST_CASE("overrides reach the workforce keys", "[workforce][overrides]") {
  // 12 operators in 2 crews (both overridden): 6 on shift; setup then allows 6 + 3 = 9 >= 6.
  const ScenarioSpec s = load_scenario_text(
      staffed, "t.yaml",
      {"worker_pools[0].headcount=12", "station_groups[1].operators.count=6", "calendars[1].days=[sat, sun]",
       "calendars[0].crews=2", "station_groups[2].operators.during=setup", "worker_pools[1].wage=30 KRW/min",
       "worker_pools[0].absenteeism=0.1", "calendars[1].shifts[0].length=10h"});
  CHECK(s.worker_pools[0].headcount == 12);
  CHECK(s.station_groups[1].initial().operators->count == 6);
  CHECK(s.calendars[1].days == std::array<bool, 7>{false, false, false, false, false, true, true});
  CHECK(s.calendars[0].crews == 2);
  CHECK(s.station_groups[2].initial().operators->during == OperatorPhase::setup);
  CHECK(s.worker_pools[1].wage_per_h == 1800.0); // 30 x 60
  CHECK(s.worker_pools[0].absenteeism == 0.1);
  CHECK(s.calendars[1].shifts[0].length_s == 10 * hour);

  // A new currency needs wages in it.
  const ScenarioSpec eur = load_scenario_text(
      staffed, "t.yaml",
      {"currency=EUR", "worker_pools[0].wage=25 EUR/h", "worker_pools[1].wage=0.5EUR/min"});
  CHECK(eur.currency == "EUR");
  CHECK(eur.worker_pools[0].wage_per_h == 25.0);
  CHECK(eur.worker_pools[1].wage_per_h == 30.0);
  const auto d = diagnostics_of(staffed, {"currency=EUR"});
  REQUIRE(d.size() == 2);
  CHECK(d[0].to_string() ==
        "t.yaml:20:11: error: worker_pools[0].wage: expected a wage in EUR (the scenario's "
        "currency), found '250 KRW/min'");
  CHECK(d[1].to_string() ==
        "t.yaml:26:11: error: worker_pools[1].wage: expected a wage in EUR (the scenario's "
        "currency), found '20000KRW/h'");
}

TEST_CASE("overrides on workforce keys are validated like the file", "[workforce][overrides]") {
  // "station_groups[1].operators.count=" is 34 characters: the value is at column 35. With 12
  // operators in 4 crews, 3 + 3 have 'setup' on shift at once.
  CHECK(only_error(staffed, {"worker_pools[0].headcount=12", "station_groups[1].operators.count=7"}) ==
        "--set:2:35: error: station_groups[1].operators.count: expected at most 6 (workers with skill "
        "'setup' on "
        "shift at once), found '7'");
  // Moving the first shift to 05:00 makes the 22:00 shift (to 06:00) overlap it; the shifts
  // themselves are still where the file wrote them.
  CHECK(only_error(staffed, {"calendars[0].shifts[0].start=5h"}) ==
        "t.yaml:9:9: error: calendars[0].shifts[1]: expected a shift that does not overlap shifts[0] (from "
        "05:00 to 13:00), found a shift from 22:00 to 06:00 the next day");
  // "worker_pools[0]." is 16 characters.
  CHECK(
      only_error(staffed, {"worker_pools[0].headcont=3"}) ==
      "--set:1:17: error: worker_pools[0].headcont: expected a known key, found unknown key 'headcont' (did "
      "you mean 'headcount'?)");
  CHECK(
      only_error(staffed, {"currency=won"}) ==
      "--set:1:10: error: currency: expected an ISO 4217 currency code (three upper-case letters, e.g. USD, "
      "EUR, KRW), found 'won' (did you mean 'WON'?)");
  CHECK(only_error(staffed, {"worker_pools[2].headcount=1"}) ==
        "--set:1:1: error: worker_pools[2]: expected an index below 2, found 2");
}

TEST_CASE("overrides may add a workforce to a scenario without one", "[workforce][overrides]") {
  const ScenarioSpec s =
      load_scenario_text(valid_scenario, "t.yaml",
                         {"calendars=[{name: day, shifts: [{start: 8h, length: 8h}], crews: 2}]",
                          "worker_pools=[{name: crew, skills: [press], headcount: 5, calendar: day}]",
                          "station_groups[0].operators.skill=press", "station_groups[0].operators.count=3"});
  REQUIRE(s.worker_pools.size() == 1);
  CHECK(s.worker_pools[0].calendar_index == std::optional<std::size_t>(0));
  REQUIRE(s.station_groups[0].initial().operators); // the operators map did not exist: created
  CHECK(s.station_groups[0].initial().operators->skill == "press");
  CHECK(s.station_groups[0].initial().operators->count == 3); // ceil(5 / 2) = 3 on shift at once
  CHECK(s.resolved_yaml.find("operators:") != std::string::npos);
}

TEST_CASE("a pool's attrition is a rate per worker, converted to per year", "[workforce]") {
  const std::string text =
      "schema: 1\nname: t\nhorizon: 10d\nsource: {saturated: true}\n"
      "worker_pools:\n  - {name: ops, skills: [operate], headcount: 10, attrition: 0.12/y}\n"
      "station_groups:\n  - {name: m, process_time: 1min}\nrouting: {steps: [{station_group: m}]}\n";
  auto spec = gigatwin::scenario::load_scenario_text(text, "t.yaml");
  REQUIRE(spec.worker_pools.size() == 1);
  CHECK(spec.worker_pools[0].attrition_per_year == Approx(0.12));
  auto weekly = gigatwin::scenario::load_scenario_text(text, "t.yaml", {"worker_pools[0].attrition=1/w"});
  CHECK(weekly.worker_pools[0].attrition_per_year == Approx(365.0 / 7.0));
  CHECK_THROWS_AS(gigatwin::scenario::load_scenario_text(text, "t.yaml", {"worker_pools[0].attrition=-1/y"}),
                  gigatwin::scenario::ScenarioError);
}
