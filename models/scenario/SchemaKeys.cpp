#include "scenario/SchemaKeys.hpp"

namespace gigatwin::scenario::schema {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {
      "schema",          "name",     "description",  "horizon",          "warmup",
      "sample_interval", "seed",     "replications", "source",           "station_groups",
      "routing",         "currency", "calendars",    "worker_pools",     "control_tower",
      "rollout",         "extends",  "labour",       "workforce_policy", "energy",
      "products",        "max_wip",  "trace"};
  return keys;
}
const std::vector<std::string>& trace_keys() {
  static const std::vector<std::string> keys = {"enabled", "kinds", "station_groups", "from", "to"};
  return keys;
}
const std::vector<std::string>& source_keys() {
  static const std::vector<std::string> keys = {"saturated", "rate", "interarrival"};
  return keys;
}
const std::vector<std::string>& station_group_keys() {
  static const std::vector<std::string> keys = {
      "name",       "machines",   "process_time", "process_time_by_product",
      "setup",      "failures",   "operators",    "control_tower",
      "power",      "modes",      "mode",         "batch",
      "inspection", "changeover", "position"};
  return keys;
}
const std::vector<std::string>& mode_names() {
  static const std::vector<std::string> names = {"manual", "robotic", "hybrid"};
  return names;
}
const std::vector<std::string>& mode_keys() {
  static const std::vector<std::string> keys = {"process_time",   "process_time_by_product",
                                                "setup",          "failures",
                                                "operators",      "robots",
                                                "robot_failures", "capital_cost",
                                                "depreciation",   "maintenance",
                                                "control_tower",  "power",
                                                "inspection"};
  return keys;
}
const std::vector<std::string>& single_mode_keys() {
  static const std::vector<std::string> keys = {
      "process_time", "process_time_by_product", "setup", "failures",
      "operators",    "control_tower",           "power", "inspection"};
  return keys;
}
const std::vector<std::string>& position_keys() {
  static const std::vector<std::string> keys = {"x", "y"};
  return keys;
}
const std::vector<std::string>& control_tower_keys() {
  static const std::vector<std::string> keys = {"enabled", "outages", "random", "recovery"};
  return keys;
}
const std::vector<std::string>& product_keys() {
  static const std::vector<std::string> keys = {"name", "unit", "source", "parts", "steps"};
  return keys;
}
const std::vector<std::string>& unit_keys() {
  static const std::vector<std::string> keys = {"cells", "energy"};
  return keys;
}
const std::vector<std::string>& changeover_keys() {
  static const std::vector<std::string> keys = {"time", "between"};
  return keys;
}
const std::vector<std::string>& changeover_pair_keys() {
  static const std::vector<std::string> keys = {"from", "to", "time"};
  return keys;
}
const std::vector<std::string>& batch_keys() {
  static const std::vector<std::string> keys = {"size", "min", "max_wait"};
  return keys;
}
const std::vector<std::string>& inspection_keys() {
  static const std::vector<std::string> keys = {"method", "detection", "false_reject", "cost_per_lot"};
  return keys;
}
const std::vector<std::string>& power_keys() {
  static const std::vector<std::string> keys = {
      "busy", "setup", "idle", "blocked", "down", "waiting_operator", "off_shift", "halted"};
  return keys;
}
const std::vector<std::string>& energy_keys() {
  static const std::vector<std::string> keys = {"price", "base_load"};
  return keys;
}
const std::vector<std::string>& recovery_keys() {
  static const std::vector<std::string> keys = {"at", "reference", "window", "tolerance"};
  return keys;
}
const std::vector<std::string>& outage_keys() {
  static const std::vector<std::string> keys = {"at", "for"};
  return keys;
}
const std::vector<std::string>& random_outage_keys() {
  static const std::vector<std::string> keys = {"time_between", "duration"};
  return keys;
}
const std::vector<std::string>& rollout_step_keys() {
  static const std::vector<std::string> keys = {"at", "station_group", "mode"};
  return keys;
}
const std::vector<std::string>& labour_keys() {
  static const std::vector<std::string> keys = {"regular_week",   "weekly_cap", "overtime_premium",
                                                "night_premium",  "night",      "minimum_wage",
                                                "demand_overtime"};
  return keys;
}
const std::vector<std::string>& transport_keys() {
  static const std::vector<std::string> keys = {"type",        "count",    "capacity",     "travel_time",
                                                "return_time", "max_wait", "control_tower"};
  return keys;
}
const std::vector<std::string>& demand_overtime_keys() {
  static const std::vector<std::string> keys = {"max_per_shift", "block"};
  return keys;
}
const std::vector<std::string>& night_keys() {
  static const std::vector<std::string> keys = {"from", "to"};
  return keys;
}
const std::vector<std::string>& minimum_wage_keys() {
  static const std::vector<std::string> keys = {"table", "year"};
  return keys;
}
const std::vector<std::string>& workforce_policy_keys() {
  static const std::vector<std::string> keys = {"reassign", "retraining", "severance_weeks", "hiring"};
  return keys;
}
const std::vector<std::string>& retraining_keys() {
  static const std::vector<std::string> keys = {"duration", "cost", "capacity", "success_rate"};
  return keys;
}
const std::vector<std::string>& hiring_keys() {
  static const std::vector<std::string> keys = {"enabled", "lead_time"};
  return keys;
}
const std::vector<std::string>& named_list_keys() {
  static const std::vector<std::string> keys = {"station_groups", "worker_pools", "calendars"};
  return keys;
}
const std::vector<std::string>& setup_keys() {
  static const std::vector<std::string> keys = {"time", "every"};
  return keys;
}
const std::vector<std::string>& failure_keys() {
  static const std::vector<std::string> keys = {"time_to_failure", "time_to_repair", "basis"};
  return keys;
}
const std::vector<std::string>& routing_keys() {
  static const std::vector<std::string> keys = {"product", "unit", "steps"};
  return keys;
}
const std::vector<std::string>& step_keys() {
  static const std::vector<std::string> keys = {"station_group", "buffer", "scrap", "transport",
                                                "defects",       "reject", "split"};
  return keys;
}
const std::vector<std::string>& operator_keys() {
  static const std::vector<std::string> keys = {"skill", "count", "during"};
  return keys;
}
const std::vector<std::string>& calendar_keys() {
  static const std::vector<std::string> keys = {"name", "shifts", "days", "crews"};
  return keys;
}
const std::vector<std::string>& shift_keys() {
  static const std::vector<std::string> keys = {"start", "length"};
  return keys;
}
const std::vector<std::string>& worker_pool_keys() {
  static const std::vector<std::string> keys = {"name", "skills",      "headcount", "calendar",
                                                "wage", "absenteeism", "attrition"};
  return keys;
}
const std::vector<std::string>& distribution_keys() {
  static const std::vector<std::string> keys = {"dist",  "value",  "mean", "rate",   "min",
                                                "max",   "mode",   "sd",   "cv",     "shape",
                                                "scale", "values", "csv",  "column", "unit"};
  return keys;
}

const Shape* Shape::key(const std::string& name) const {
  for (const auto& [k, shape] : keys)
    if (k == name)
      return shape;
  return nullptr;
}

std::vector<std::string> Shape::key_names() const {
  std::vector<std::string> names;
  for (const auto& kv : keys)
    names.push_back(kv.first);
  return names;
}

namespace {
struct ScenarioShapes {
  Shape duration{Shape::Kind::leaf, "a duration", {}, nullptr};
  Shape rate{Shape::Kind::leaf, "a rate", {}, nullptr};
  Shape integer{Shape::Kind::leaf, "an integer", {}, nullptr};
  Shape number{Shape::Kind::leaf, "a number", {}, nullptr};
  Shape text{Shape::Kind::leaf, "a string", {}, nullptr};
  Shape flag{Shape::Kind::leaf, "true or false", {}, nullptr};
  Shape buffer{Shape::Kind::leaf, "an integer or 'unlimited'", {}, nullptr};
  Shape observations{Shape::Kind::sequence, "a sequence of durations", {}, &duration};
  Shape distribution{Shape::Kind::map, "a distribution", {}, nullptr};
  Shape setup{Shape::Kind::map, "a setup", {}, nullptr};
  Shape failures{Shape::Kind::map, "failures", {}, nullptr};
  Shape group{Shape::Kind::map, "a station group", {}, nullptr};
  Shape groups{Shape::Kind::sequence, "a sequence of station groups", {}, &group};
  Shape position{Shape::Kind::map, "a floor position", {}, nullptr};
  Shape source{Shape::Kind::map, "a source", {}, nullptr};
  Shape step{Shape::Kind::map, "a routing step", {}, nullptr};
  Shape transport{Shape::Kind::map, "a transport", {}, nullptr};
  Shape steps{Shape::Kind::sequence, "a sequence of routing steps", {}, &step};
  Shape routing{Shape::Kind::map, "a routing", {}, nullptr};
  Shape wage{Shape::Kind::leaf, "a wage", {}, nullptr};
  Shape names{Shape::Kind::sequence, "a sequence of names", {}, &text};
  Shape operators{Shape::Kind::map, "operators", {}, nullptr};
  Shape shift{Shape::Kind::map, "a shift", {}, nullptr};
  Shape shifts{Shape::Kind::sequence, "a sequence of shifts", {}, &shift};
  Shape calendar{Shape::Kind::map, "a calendar", {}, nullptr};
  Shape calendars{Shape::Kind::sequence, "a sequence of calendars", {}, &calendar};
  Shape pool{Shape::Kind::map, "a worker pool", {}, nullptr};
  Shape pools{Shape::Kind::sequence, "a sequence of worker pools", {}, &pool};
  Shape money{Shape::Kind::leaf, "an amount of money", {}, nullptr};
  Shape money_rate{Shape::Kind::leaf, "money per time", {}, nullptr};
  Shape power_value{Shape::Kind::leaf, "a power", {}, nullptr};
  // One power or one per machine state: a map, so that --set reaches both forms.
  Shape power{Shape::Kind::map, "a power", {}, nullptr};
  Shape energy{Shape::Kind::map, "energy", {}, nullptr};
  Shape parts{Shape::Kind::leaf, "a parts map", {}, nullptr};
  Shape product_times{Shape::Kind::leaf, "a map of product names to process times", {}, nullptr};
  Shape unit{Shape::Kind::map, "a unit", {}, nullptr};
  Shape product{Shape::Kind::map, "a product", {}, nullptr};
  Shape products{Shape::Kind::sequence, "a sequence of products", {}, &product};
  Shape batch{Shape::Kind::map, "a batch", {}, nullptr};
  Shape changeover{Shape::Kind::map, "a changeover", {}, nullptr};
  Shape changeover_pair{Shape::Kind::map, "a changeover pair", {}, nullptr};
  Shape changeover_pairs{Shape::Kind::sequence, "a sequence of changeover pairs", {}, &changeover_pair};
  Shape inspection{Shape::Kind::map, "an inspection", {}, nullptr};
  // `scrap` or {rework: <group>}: a map, so that --set reaches both forms.
  Shape reject{Shape::Kind::map, "a reject rule", {}, nullptr};
  Shape mode{Shape::Kind::map, "a mode", {}, nullptr};
  Shape modes{Shape::Kind::map, "modes", {}, nullptr};
  Shape outage{Shape::Kind::map, "an outage", {}, nullptr};
  Shape outages{Shape::Kind::sequence, "a sequence of outages", {}, &outage};
  Shape random_outages{Shape::Kind::map, "random outages", {}, nullptr};
  Shape recovery{Shape::Kind::map, "recovery measurement", {}, nullptr};
  Shape tower{Shape::Kind::map, "a control tower", {}, nullptr};
  Shape rollout_step{Shape::Kind::map, "a roll-out step", {}, nullptr};
  Shape rollout{Shape::Kind::sequence, "a sequence of roll-out steps", {}, &rollout_step};
  Shape night{Shape::Kind::map, "a night window", {}, nullptr};
  // A money rate or a table lookup {table, year}: a map, so that --set reaches both forms.
  Shape minimum_wage{Shape::Kind::map, "a minimum wage", {}, nullptr};
  Shape demand_overtime{Shape::Kind::map, "overtime on demand", {}, nullptr};
  Shape labour{Shape::Kind::map, "labour law", {}, nullptr};
  Shape retraining{Shape::Kind::map, "retraining", {}, nullptr};
  Shape hiring{Shape::Kind::map, "hiring", {}, nullptr};
  Shape policy{Shape::Kind::map, "a workforce policy", {}, nullptr};
  Shape trace{Shape::Kind::map, "an event trace", {}, nullptr};
  Shape root{Shape::Kind::map, "a scenario", {}, nullptr};

  ScenarioShapes() {
    for (const auto& k : distribution_keys()) {
      const Shape* s = &duration;
      if (k == "dist" || k == "csv" || k == "column" || k == "unit")
        s = &text;
      else if (k == "rate")
        s = &rate;
      else if (k == "cv" || k == "shape")
        s = &number;
      else if (k == "values")
        s = &observations;
      distribution.keys.emplace_back(k, s);
    }
    setup.keys = {{"time", &distribution}, {"every", &integer}};
    failures.keys = {{"time_to_failure", &distribution}, {"time_to_repair", &distribution}, {"basis", &text}};
    group.keys = {{"name", &text},
                  {"machines", &integer},
                  {"process_time", &distribution},
                  {"process_time_by_product", &product_times},
                  {"setup", &setup},
                  {"failures", &failures},
                  {"operators", &operators},
                  {"control_tower", &flag},
                  {"modes", &modes},
                  {"mode", &text},
                  {"power", &power},
                  {"batch", &batch},
                  {"inspection", &inspection},
                  {"changeover", &changeover},
                  {"position", &position}};
    position.keys = {{"x", &number}, {"y", &number}};
    batch.keys = {{"size", &integer}, {"min", &integer}, {"max_wait", &duration}};
    changeover.keys = {{"time", &distribution}, {"between", &changeover_pairs}};
    changeover_pair.keys = {{"from", &text}, {"to", &text}, {"time", &distribution}};
    inspection.keys = {
        {"method", &text}, {"detection", &number}, {"false_reject", &number}, {"cost_per_lot", &money}};
    reject.keys = {{"rework", &text}};
    for (const auto& k : power_keys())
      power.keys.emplace_back(k, &power_value);
    energy.keys = {{"price", &text}, {"base_load", &power_value}};
    mode.keys = {{"process_time", &distribution},
                 {"process_time_by_product", &product_times},
                 {"setup", &setup},
                 {"failures", &failures},
                 {"operators", &operators},
                 {"robots", &integer},
                 {"robot_failures", &failures},
                 {"capital_cost", &money},
                 {"depreciation", &duration},
                 {"maintenance", &money_rate},
                 {"control_tower", &flag},
                 {"power", &power},
                 {"inspection", &inspection}};
    for (const auto& name : mode_names())
      modes.keys.emplace_back(name, &mode);
    outage.keys = {{"at", &duration}, {"for", &duration}};
    random_outages.keys = {{"time_between", &distribution}, {"duration", &distribution}};
    recovery.keys = {{"at", &text}, {"reference", &duration}, {"window", &duration}, {"tolerance", &number}};
    tower.keys = {
        {"enabled", &flag}, {"outages", &outages}, {"random", &random_outages}, {"recovery", &recovery}};
    rollout_step.keys = {{"at", &duration}, {"station_group", &text}, {"mode", &text}};
    operators.keys = {{"skill", &text}, {"count", &integer}, {"during", &text}};
    shift.keys = {{"start", &duration}, {"length", &duration}};
    calendar.keys = {{"name", &text}, {"shifts", &shifts}, {"days", &names}, {"crews", &integer}};
    pool.keys = {{"name", &text}, {"skills", &names},       {"headcount", &integer}, {"calendar", &text},
                 {"wage", &wage}, {"absenteeism", &number}, {"attrition", &rate}};
    night.keys = {{"from", &duration}, {"to", &duration}};
    minimum_wage.keys = {{"table", &text}, {"year", &integer}};
    labour.keys = {
        {"regular_week", &duration},          {"weekly_cap", &duration}, {"overtime_premium", &number},
        {"night_premium", &number},           {"night", &night},         {"minimum_wage", &minimum_wage},
        {"demand_overtime", &demand_overtime}};
    demand_overtime.keys = {{"max_per_shift", &duration}, {"block", &duration}};
    retraining.keys = {
        {"duration", &duration}, {"cost", &money}, {"capacity", &integer}, {"success_rate", &number}};
    hiring.keys = {{"enabled", &flag}, {"lead_time", &duration}};
    policy.keys = {
        {"reassign", &flag}, {"retraining", &retraining}, {"severance_weeks", &number}, {"hiring", &hiring}};
    trace.keys = {{"enabled", &flag},
                  {"kinds", &names},
                  {"station_groups", &names},
                  {"from", &duration},
                  {"to", &duration}};
    source.keys = {{"saturated", &flag}, {"rate", &rate}, {"interarrival", &distribution}};
    step.keys = {{"station_group", &text}, {"buffer", &buffer}, {"scrap", &number}, {"transport", &transport},
                 {"defects", &number},     {"reject", &reject}, {"split", &integer}};
    transport.keys = {{"type", &text},
                      {"count", &integer},
                      {"capacity", &integer},
                      {"travel_time", &distribution},
                      {"return_time", &distribution},
                      {"max_wait", &duration},
                      {"control_tower", &flag}};
    unit.keys = {{"cells", &number}, {"energy", &text}};
    routing.keys = {{"product", &text}, {"unit", &unit}, {"steps", &steps}};
    root.keys = {{"schema", &integer},
                 {"name", &text},
                 {"description", &text},
                 {"horizon", &duration},
                 {"warmup", &duration},
                 {"sample_interval", &duration},
                 {"seed", &integer},
                 {"replications", &integer},
                 {"max_wip", &integer},
                 {"source", &source},
                 {"station_groups", &groups},
                 {"routing", &routing},
                 {"currency", &text},
                 {"calendars", &calendars},
                 {"worker_pools", &pools},
                 {"control_tower", &tower},
                 {"rollout", &rollout},
                 {"labour", &labour},
                 {"workforce_policy", &policy},
                 {"energy", &energy},
                 {"products", &products},
                 {"trace", &trace}};
    product.keys = {
        {"name", &text}, {"unit", &unit}, {"source", &source}, {"parts", &parts}, {"steps", &steps}};
  }
};
} // namespace

const Shape& scenario_shape() {
  static const ScenarioShapes shapes;
  return shapes.root;
}

} // namespace gigatwin::scenario::schema
