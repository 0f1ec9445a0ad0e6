#include "scenario/TransportParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SchemaKeys.hpp"

namespace gigatwin::scenario {

namespace {
/// Carriers (AGVs or conveyor places) each hold simulation state: bound them per transport.
constexpr std::int64_t max_carriers = 100'000;
constexpr std::int64_t max_lots_per_trip = 1'000'000;
} // namespace

std::optional<core::DistributionSpec> TransportParser::time(const TreeNode& node, const std::string& path,
                                                      bool positive_mean) {
  auto dist = distributions_.parse(node, path);
  if (dist && positive_mean && !has_positive_mean(*dist)) {
    // A trip that takes no time would let lots cross the plant in an instant, in a loop.
    reader_.error(node, path, "a travel time with a mean > 0");
    return std::nullopt;
  }
  return dist;
}

std::optional<TransportSpec> TransportParser::read(const TreeNode& node, const std::string& path) {
  if (!reader_.expect_map(node, path,
                          "a transport map {type: agv | conveyor, count, capacity, travel_time, return_time, "
                          "max_wait, control_tower}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::transport_keys());
  TransportSpec t;
  bool ok = true;
  const TreeNode* type = reader_.require(node, "type", path, "agv or conveyor");
  if (type == nullptr)
    return std::nullopt;
  static const std::vector<std::string> types = {"agv", "conveyor"};
  if (type->kind == TreeNode::Kind::scalar && type->scalar == "agv") {
    t.kind = TransportKind::agv;
  } else if (type->kind == TreeNode::Kind::scalar && type->scalar == "conveyor") {
    t.kind = TransportKind::conveyor;
  } else {
    reader_.error(*type, path + ".type", "agv or conveyor",
                  type->kind == TreeNode::Kind::scalar ? suggestion_hint(type->scalar, types, "transports")
                                                       : "");
    return std::nullopt;
  }
  const bool agv = t.kind == TransportKind::agv;
  t.depends_on_control_tower = agv; // AGVs are dispatched by the central system; a belt just runs

  if (const TreeNode* v = node.find("count")) {
    if (!agv) {
      reader_.error(*v, path + ".count", "no 'count' for a conveyor (its capacity is the lots on the belt)");
      ok = false;
    } else if (auto n = reader_.integer(*v, path + ".count", 1, max_carriers)) {
      t.carriers = *n;
    } else {
      ok = false;
    }
  }
  const TreeNode* capacity =
      agv ? node.find("capacity") : reader_.require(node, "capacity", path, "the lots on the belt at once");
  if (capacity) {
    if (auto n = reader_.integer(*capacity, path + ".capacity", 1, agv ? max_lots_per_trip : max_carriers))
      (agv ? t.lots_per_trip : t.carriers) = *n;
    else
      ok = false;
  } else if (!agv) {
    ok = false;
  }
  if (const TreeNode* v = reader_.require(node, "travel_time", path, "a distribution")) {
    if (auto d = time(*v, path + ".travel_time", true))
      t.travel_time = *d;
    else
      ok = false;
  } else {
    ok = false;
  }
  t.return_time = agv ? t.travel_time : core::DistributionSpec::constant(0.0);
  if (const TreeNode* v = node.find("return_time")) {
    if (!agv) {
      reader_.error(*v, path + ".return_time",
                    "no 'return_time' for a conveyor (the belt comes back by itself)");
      ok = false;
    } else if (auto d = time(*v, path + ".return_time", false)) {
      t.return_time = *d;
    } else {
      ok = false;
    }
  }
  if (const TreeNode* v = node.find("max_wait")) {
    if (!agv) {
      reader_.error(*v, path + ".max_wait", "no 'max_wait' for a conveyor (each lot goes on the belt alone)");
      ok = false;
    } else if (auto w = reader_.duration(*v, path + ".max_wait", Bound::non_negative)) {
      t.max_wait_s = *w;
    } else {
      ok = false;
    }
  }
  if (const TreeNode* v = node.find("control_tower")) {
    if (auto flag = reader_.boolean(*v, path + ".control_tower"))
      t.depends_on_control_tower = *flag;
    else
      ok = false;
  }
  return ok ? std::optional<TransportSpec>(t) : std::nullopt;
}

} // namespace gigatwin::scenario
