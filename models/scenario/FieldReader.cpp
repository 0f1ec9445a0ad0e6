#include "scenario/FieldReader.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/Units.hpp"

#include <charconv>
#include <system_error>

namespace gigatwin::scenario {

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

bool is_identifier(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

namespace {
constexpr std::string_view duration_expected = "a duration with a unit (e.g. 45s, 8h)";
constexpr std::string_view rate_expected = "a rate with a unit (e.g. 120/h, 0.5/s)";

std::string bound_text(Bound bound) {
  switch (bound) {
  case Bound::non_negative:
    return " >= 0";
  case Bound::positive:
    return " > 0";
  case Bound::any:
    break;
  }
  return "";
}

bool within(double v, Bound bound) {
  switch (bound) {
  case Bound::non_negative:
    return v >= 0.0;
  case Bound::positive:
    return v > 0.0;
  case Bound::any:
    break;
  }
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

/// The hint for a quantity that did not parse; a missing unit is already said by "expected".
std::string quantity_hint(const ParsedQuantity& q) {
  switch (q.problem) {
  case QuantityProblem::unknown_unit:
  case QuantityProblem::not_finite:
  case QuantityProblem::out_of_range:
    return q.reason;
  default:
    return "";
  }
}
} // namespace

void FieldReader::error(const TreeNode& node, const std::string& path, std::string expected,
                        std::string hint) {
  log_.add(node.pos, path, std::move(expected), describe(node), std::move(hint));
}

void FieldReader::error_at(const SourcePos& pos, const std::string& path, std::string expected,
                           std::string found, std::string hint) {
  log_.add(pos, path, std::move(expected), std::move(found), std::move(hint));
}

bool FieldReader::expect_map(const TreeNode& node, const std::string& path, std::string_view what) {
  if (node.kind == TreeNode::Kind::map)
    return true;
  error(node, path, std::string(what));
  return false;
}

bool FieldReader::expect_sequence(const TreeNode& node, const std::string& path, std::string_view what) {
  if (node.kind == TreeNode::Kind::sequence)
    return true;
  error(node, path, std::string(what));
  return false;
}

void FieldReader::check_keys(const TreeNode& map, const std::string& path,
                             const std::vector<std::string>& allowed, std::string_view expected_what) {
  for (std::size_t i = 0; i < map.entries.size(); ++i) {
    const TreeEntry& e = map.entries[i];
    bool known = false;
    for (const auto& k : allowed)
      known = known || k == e.key;
    if (!known) {
      error_at(e.key_pos, child_path(path, e.key), std::string(expected_what), "unknown key " + quote(e.key),
               suggestion_hint(e.key, allowed, "known keys"));
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (map.entries[j].key == e.key) {
        const SourcePos& first = map.entries[j].key_pos;
        error_at(e.key_pos, child_path(path, e.key), "each key once", "it again",
                 first.origin <= 0 && first.origin == e.key_pos.origin && first.line > 0
                     ? "first written on line " + std::to_string(first.line)
                     : "");
        break;
      }
    }
  }
}

const TreeNode* FieldReader::require(const TreeNode& map, std::string_view key, const std::string& path,
                                     std::string_view what) {
  if (const TreeNode* v = map.find(key))
    return v;
  error_at(map.pos, child_path(path, key), "key '" + std::string(key) + "' (" + std::string(what) + ")",
           "nothing");
  return nullptr;
}

std::optional<std::string> FieldReader::scalar(const TreeNode& node, const std::string& path,
                                               const std::string& expected) {
  if (node.kind == TreeNode::Kind::scalar)
    return node.scalar;
  error(node, path, expected);
  return std::nullopt;
}

std::optional<double> FieldReader::duration(const TreeNode& node, const std::string& path, Bound bound) {
  const auto text = scalar(node, path, std::string(duration_expected));
  if (!text)
    return std::nullopt;
  const ParsedQuantity q = parse_duration_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, std::string(duration_expected), quantity_hint(q));
    return std::nullopt;
  }
  if (!within(q.value, bound)) {
    error(node, path, "a duration" + bound_text(bound));
    return std::nullopt;
  }
  return q.value;
}

std::optional<double> FieldReader::rate(const TreeNode& node, const std::string& path) {
  const auto text = scalar(node, path, std::string(rate_expected));
  if (!text)
    return std::nullopt;
  const ParsedQuantity q = parse_rate_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, std::string(rate_expected), quantity_hint(q));
    return std::nullopt;
  }
  if (!(q.value > 0.0)) {
    error(node, path, "a rate > 0");
    return std::nullopt;
  }
  return q.value;
}

std::optional<double> FieldReader::number(const TreeNode& node, const std::string& path, Bound bound) {
  const std::string expected = "a number" + bound_text(bound);
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  double value = 0.0;
  try {
    value = parse_number(*text);
  } catch (const std::invalid_argument&) {
    // A duration where a plain number belongs (shape: 2s) deserves a pointed hint.
    const bool has_unit = parse_duration_quantity(*text).problem == QuantityProblem::none;
    error(node, path, expected, has_unit ? "this is a plain number, without a unit" : "");
    return std::nullopt;
  }
  if (!within(value, bound)) {
    error(node, path, expected);
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::wage(const TreeNode& node, const std::string& path,
                                        const std::string& currency) {
  return money_rate(node, path, currency, "a wage", "20 {}/h");
}

namespace {
/// `example` with "{}" replaced by the currency (USD when the scenario's own is invalid).
std::string money_example(std::string_view example, const std::string& currency) {
  std::string out(example);
  if (const auto at = out.find("{}"); at != std::string::npos)
    out.replace(at, 2, currency.empty() ? std::string("USD") : currency);
  return out;
}
} // namespace

std::optional<double> FieldReader::money_rate(const TreeNode& node, const std::string& path,
                                              const std::string& currency, std::string_view noun,
                                              std::string_view example) {
  const std::string what(noun);
  const std::string expected = what + " as money per time (e.g. " + money_example(example, currency) + ")";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  const ParsedMoneyRate q = parse_money_rate_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, expected, q.reason);
    return std::nullopt;
  }
  if (!currency.empty() && q.currency != currency) {
    error(node, path, what + " in " + currency + " (the scenario's currency)");
    return std::nullopt;
  }
  if (!(q.per_hour >= 0.0)) {
    error(node, path, what + " >= 0");
    return std::nullopt;
  }
  return q.per_hour;
}

std::optional<double> FieldReader::power(const TreeNode& node, const std::string& path) {
  const std::string expected = "a power (e.g. 50kW, 2MW)";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  const ParsedQuantity q = parse_power_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, expected, q.reason);
    return std::nullopt;
  }
  if (!(q.value >= 0.0)) {
    error(node, path, "a power >= 0");
    return std::nullopt;
  }
  return q.value;
}

std::optional<double> FieldReader::energy_price(const TreeNode& node, const std::string& path,
                                                const std::string& currency) {
  const std::string expected = "an energy price (e.g. " + money_example("150 {}/kWh", currency) + ")";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  const ParsedMoney q = parse_energy_price_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, expected, q.reason);
    return std::nullopt;
  }
  if (!currency.empty() && q.currency != currency) {
    error(node, path, "an energy price in " + currency + " (the scenario's currency)");
    return std::nullopt;
  }
  if (!(q.amount >= 0.0)) {
    error(node, path, "an energy price >= 0");
    return std::nullopt;
  }
  return q.amount;
}

std::optional<double> FieldReader::money(const TreeNode& node, const std::string& path,
                                         const std::string& currency) {
  const std::string expected = "an amount of money (e.g. " + money_example("250000000 {}", currency) + ")";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  const ParsedMoney q = parse_money_quantity(*text);
  if (q.problem != QuantityProblem::none) {
    error(node, path, expected, q.reason);
    return std::nullopt;
  }
  if (!currency.empty() && q.currency != currency) {
    error(node, path, "an amount in " + currency + " (the scenario's currency)");
    return std::nullopt;
  }
  if (!(q.amount >= 0.0)) {
    error(node, path, "an amount of money >= 0");
    return std::nullopt;
  }
  return q.amount;
}

std::optional<double> FieldReader::probability_below_one(const TreeNode& node, const std::string& path) {
  const std::string expected = "a probability in [0, 1)";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  double value = 0.0;
  try {
    value = parse_number(*text);
  } catch (const std::invalid_argument&) {
    error(node, path, expected);
    return std::nullopt;
  }
  if (!(value >= 0.0 && value < 1.0)) {
    error(node, path, expected);
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> FieldReader::integer(const TreeNode& node, const std::string& path,
                                                 std::int64_t min, std::int64_t max,
                                                 const std::string& expected_wording) {
  const std::string expected = !expected_wording.empty() ? expected_wording
                               : max == std::numeric_limits<std::int64_t>::max()
                                   ? "an integer >= " + std::to_string(min)
                                   : "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  std::string_view t = trimmed(*text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-')
    t.remove_prefix(1);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || value < min || value > max) {
    error(node, path, expected, ec == std::errc::result_out_of_range ? "it is out of range" : "");
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> FieldReader::unsigned_integer(const TreeNode& node, const std::string& path) {
  const std::string expected =
      "an integer from 0 to " + std::to_string(std::numeric_limits<std::uint64_t>::max());
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  std::string_view t = trimmed(*text);
  if (t.size() > 1 && t.front() == '+' && t[1] != '-')
    t.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
    error(node, path, expected, ec == std::errc::result_out_of_range ? "it is out of range" : "");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FieldReader::boolean(const TreeNode& node, const std::string& path) {
  const std::string expected = "true or false";
  const auto text = scalar(node, path, expected);
  if (!text)
    return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE")
    return true;
  if (*text == "false" || *text == "False" || *text == "FALSE")
    return false;
  error(node, path, expected);
  return std::nullopt;
}

std::optional<std::string> FieldReader::text(const TreeNode& node, const std::string& path, bool non_empty) {
  const std::string expected = non_empty ? "a non-empty string" : "a string";
  const auto value = scalar(node, path, expected);
  if (!value)
    return std::nullopt;
  if (non_empty && value->empty()) {
    error(node, path, expected);
    return std::nullopt;
  }
  return value;
}

} // namespace gigatwin::scenario
