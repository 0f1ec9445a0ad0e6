#include "scenario/Units.hpp"

#include "scenario/DidYouMean.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace gigatwin::scenario {

namespace {
struct UnitEntry {
  std::string_view name;
  double seconds;
};
// A year is 365 days: depreciation periods and yearly costs are written in years, and a
// calendar year (leap or not) would make the same text mean two durations.
constexpr UnitEntry unit_table[] = {{"ms", 0.001},  {"s", 1.0},      {"min", 60.0},    {"h", 3600.0},
                                    {"d", 86400.0}, {"w", 604800.0}, {"y", 31536000.0}};

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

/// Reads the longest number at the start of `text`; `rest` gets what follows.
ParsedQuantity leading_number(std::string_view text, std::string_view& rest) {
  ParsedQuantity out;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  // from_chars refuses a leading '+', which people do write.
  if (first != last && *first == '+' && (last - first) > 1 && *(first + 1) != '-')
    ++first;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::invalid_argument || ptr == first) {
    out.problem = QuantityProblem::not_a_number;
    out.reason = "it does not start with a number";
    return out;
  }
  if (ec == std::errc::result_out_of_range) {
    out.problem = QuantityProblem::out_of_range;
    out.reason = "the number is out of range";
    return out;
  }
  if (!std::isfinite(value)) {
    out.problem = QuantityProblem::not_finite;
    out.reason = "the number must be finite";
    return out;
  }
  out.value = value;
  rest = std::string_view(ptr, static_cast<std::size_t>(last - ptr));
  return out;
}

std::string unknown_unit_reason(std::string_view unit) {
  std::string reason = "unknown unit '" + std::string(unit) + "'";
  if (auto best = did_you_mean(unit, time_unit_names()))
    reason += ", did you mean '" + *best + "'?";
  else
    reason += "; units are " + join_names(time_unit_names());
  return reason;
}

ParsedQuantity finish(ParsedQuantity q, double scaled) {
  if (!std::isfinite(scaled)) {
    q.problem = QuantityProblem::out_of_range;
    q.reason = "the value is out of range";
    return q;
  }
  q.value = scaled;
  return q;
}
} // namespace

std::optional<double> seconds_per_unit(std::string_view unit) {
  for (const auto& u : unit_table)
    if (u.name == unit)
      return u.seconds;
  return std::nullopt;
}

const std::vector<std::string>& time_unit_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& u : unit_table)
      v.emplace_back(u.name);
    return v;
  }();
  return names;
}

namespace {
/// A number and the trimmed text after it (its unit), or the reason there is no number.
ParsedQuantity number_and_unit(std::string_view text, std::string_view& unit) {
  text = trim(text);
  ParsedQuantity q;
  if (text.empty()) {
    q.problem = QuantityProblem::empty;
    q.reason = "it is empty";
    return q;
  }
  q = leading_number(text, unit);
  unit = trim(unit);
  return q;
}
} // namespace

ParsedQuantity parse_duration_quantity(std::string_view text) {
  std::string_view unit;
  ParsedQuantity q = number_and_unit(text, unit);
  if (q.problem != QuantityProblem::none)
    return q;
  if (unit.empty()) {
    q.problem = QuantityProblem::missing_unit;
    q.reason = "missing unit; units are " + join_names(time_unit_names());
    return q;
  }
  const auto factor = seconds_per_unit(unit);
  if (!factor) {
    q.problem = QuantityProblem::unknown_unit;
    q.reason = unknown_unit_reason(unit);
    return q;
  }
  return finish(q, q.value * *factor);
}

ParsedQuantity parse_rate_quantity(std::string_view text) {
  std::string_view rest;
  ParsedQuantity q = number_and_unit(text, rest);
  if (q.problem != QuantityProblem::none)
    return q;
  if (rest.empty()) {
    q.problem = QuantityProblem::missing_unit;
    q.reason = "missing unit; write events per unit of time, e.g. 120/h";
    return q;
  }
  if (rest.front() != '/') {
    q.problem = QuantityProblem::unknown_unit;
    q.reason = "a rate is written number/unit, e.g. 120/h";
    return q;
  }
  const std::string_view unit = trim(rest.substr(1));
  if (unit.empty()) {
    q.problem = QuantityProblem::missing_unit;
    q.reason = "missing unit after '/'; units are " + join_names(time_unit_names());
    return q;
  }
  const auto factor = seconds_per_unit(unit);
  if (!factor) {
    q.problem = QuantityProblem::unknown_unit;
    q.reason = unknown_unit_reason(unit);
    return q;
  }
  return finish(q, q.value / *factor);
}

namespace {
/// The part shared by money and money-per-time: a number, then letters (the currency code).
/// `rest` is what follows the letters, trimmed; with no letters, what follows the number.
struct AmountAndCurrency {
  QuantityProblem problem = QuantityProblem::none;
  std::string reason;
  double amount = 0.0;
  std::string currency; ///< empty when no letters follow the number
  std::string_view rest;
};

AmountAndCurrency amount_and_currency(std::string_view text) {
  AmountAndCurrency out;
  text = trim(text);
  if (text.empty()) {
    out.problem = QuantityProblem::empty;
    out.reason = "it is empty";
    return out;
  }
  const ParsedQuantity amount = leading_number(text, out.rest);
  if (amount.problem != QuantityProblem::none) {
    out.problem = amount.problem;
    out.reason = amount.reason;
    return out;
  }
  out.amount = amount.value;
  out.rest = trim(out.rest);
  std::size_t letters = 0;
  while (letters < out.rest.size() && ((out.rest[letters] >= 'A' && out.rest[letters] <= 'Z') ||
                                       (out.rest[letters] >= 'a' && out.rest[letters] <= 'z')))
    ++letters;
  if (letters > 0) {
    out.currency = std::string(out.rest.substr(0, letters));
    out.rest = trim(out.rest.substr(letters));
  }
  return out;
}
} // namespace

namespace {
/// Sets `out`'s problem and reason; returns it, so a parser can `return fail(out, ...)`.
template <class Out> Out failed(Out& out, QuantityProblem problem, std::string reason) {
  out.problem = problem;
  out.reason = std::move(reason);
  return out;
}
} // namespace

ParsedMoneyRate parse_money_rate_quantity(std::string_view text) {
  ParsedMoneyRate out;
  const AmountAndCurrency parsed = amount_and_currency(text);
  if (parsed.problem != QuantityProblem::none)
    return failed(out, parsed.problem, parsed.reason);
  std::string_view rest = parsed.rest;
  if (parsed.currency.empty())
    return failed(out, QuantityProblem::missing_unit,
                  rest.empty() || rest.front() == '/'
                      ? "missing currency; write e.g. 15000 KRW/h"
                      : "money per time is written amount currency/unit, e.g. 15000 KRW/h");
  out.currency = parsed.currency;
  if (rest.empty())
    return failed(out, QuantityProblem::missing_unit,
                  "missing time unit; write money per time, e.g. 15000 " + out.currency + "/h");
  if (rest.front() != '/')
    return failed(out, QuantityProblem::unknown_unit,
                  "money per time is written amount currency/unit, e.g. 15000 KRW/h");
  const std::string_view unit = trim(rest.substr(1));
  if (unit.empty())
    return failed(out, QuantityProblem::missing_unit,
                  "missing unit after '/'; units are " + join_names(time_unit_names()));
  const auto factor = seconds_per_unit(unit);
  if (!factor)
    return failed(out, QuantityProblem::unknown_unit, unknown_unit_reason(unit));
  // amount * 3600 / factor keeps whole amounts per minute or hour exact (250 * 3600 / 60).
  const double per_hour = parsed.amount * 3600.0 / *factor;
  if (!std::isfinite(per_hour))
    return failed(out, QuantityProblem::out_of_range, "the value is out of range");
  out.per_hour = per_hour;
  return out;
}

ParsedMoney parse_money_quantity(std::string_view text) {
  ParsedMoney out;
  const AmountAndCurrency parsed = amount_and_currency(text);
  if (parsed.problem != QuantityProblem::none)
    return failed(out, parsed.problem, parsed.reason);
  const std::string_view rest = parsed.rest;
  if (parsed.currency.empty())
    return failed(out, QuantityProblem::missing_unit,
                  rest.empty() ? "missing currency; write e.g. 250000000 KRW"
                               : "money is written amount currency, e.g. 250000000 KRW");
  out.currency = parsed.currency;
  if (!rest.empty())
    return failed(out, QuantityProblem::unknown_unit,
                  rest.front() == '/' ? "an amount of money, not money per time"
                                      : "money is written amount currency, e.g. 250000000 KRW");
  out.amount = parsed.amount;
  return out;
}

ParsedQuantity parse_power_quantity(std::string_view text) {
  std::string_view unit;
  ParsedQuantity q = number_and_unit(text, unit);
  if (q.problem != QuantityProblem::none)
    return q;
  static const std::vector<std::string> units = {"W", "kW", "MW"};
  const double factor = unit == "W" ? 1e-3 : unit == "kW" ? 1.0 : unit == "MW" ? 1e3 : 0.0;
  if (factor == 0.0) {
    q.problem = unit.empty() ? QuantityProblem::missing_unit : QuantityProblem::unknown_unit;
    q.reason = unit.empty() ? "missing unit; power units are W, kW, MW"
                            : "unknown unit '" + std::string(unit) + "'; power units are W, kW, MW";
    if (auto best = did_you_mean(unit, units); best && !unit.empty())
      q.reason = "unknown unit '" + std::string(unit) + "', did you mean '" + *best + "'?";
    return q;
  }
  return finish(q, q.value * factor);
}

ParsedQuantity parse_energy_quantity(std::string_view text) {
  std::string_view unit;
  ParsedQuantity q = number_and_unit(text, unit);
  if (q.problem != QuantityProblem::none)
    return q;
  const double factor = unit == "Wh"    ? 1e-3
                        : unit == "kWh" ? 1.0
                        : unit == "MWh" ? 1e3
                        : unit == "GWh" ? 1e6
                                        : 0.0;
  if (factor == 0.0) {
    q.problem = unit.empty() ? QuantityProblem::missing_unit : QuantityProblem::unknown_unit;
    q.reason = (unit.empty() ? std::string("missing unit") : "unknown unit '" + std::string(unit) + "'") +
               "; energy units are Wh, kWh, MWh, GWh";
    return q;
  }
  return finish(q, q.value * factor);
}

ParsedMoney parse_energy_price_quantity(std::string_view text) {
  ParsedMoney out;
  const AmountAndCurrency parsed = amount_and_currency(text);
  if (parsed.problem != QuantityProblem::none)
    return failed(out, parsed.problem, parsed.reason);
  if (parsed.currency.empty())
    return failed(out, QuantityProblem::missing_unit, "missing currency; write e.g. 150 KRW/kWh");
  out.currency = parsed.currency;
  const std::string_view rest = parsed.rest;
  const std::string_view unit =
      rest.empty() || rest.front() != '/' ? std::string_view() : trim(rest.substr(1));
  const double per_kwh = unit == "Wh" ? 1e3 : unit == "kWh" ? 1.0 : unit == "MWh" ? 1e-3 : 0.0;
  if (per_kwh == 0.0)
    return failed(out, rest.empty() ? QuantityProblem::missing_unit : QuantityProblem::unknown_unit,
                  "an energy price is written amount currency/energy unit (Wh, kWh, MWh), e.g. 150 " +
                      out.currency + "/kWh");
  out.amount = parsed.amount * per_kwh;
  if (!std::isfinite(out.amount))
    return failed(out, QuantityProblem::out_of_range, "the value is out of range");
  return out;
}

bool is_currency_code(std::string_view code) {
  if (code.size() != 3)
    return false;
  for (char c : code)
    if (c < 'A' || c > 'Z')
      return false;
  return true;
}

double parse_duration(std::string_view text) {
  const ParsedQuantity q = parse_duration_quantity(text);
  if (q.problem != QuantityProblem::none)
    throw std::invalid_argument("'" + std::string(text) + "' is not a duration: " + q.reason);
  return q.value;
}

double parse_rate(std::string_view text) {
  const ParsedQuantity q = parse_rate_quantity(text);
  if (q.problem != QuantityProblem::none)
    throw std::invalid_argument("'" + std::string(text) + "' is not a rate: " + q.reason);
  return q.value;
}

double parse_number(std::string_view text) {
  const std::string_view t = trim(text);
  std::string_view rest;
  const ParsedQuantity q =
      t.empty() ? ParsedQuantity{0.0, QuantityProblem::empty, "it is empty"} : leading_number(t, rest);
  if (q.problem != QuantityProblem::none)
    throw std::invalid_argument("'" + std::string(text) + "' is not a number: " + q.reason);
  if (!rest.empty())
    throw std::invalid_argument("'" + std::string(text) + "' is not a number: unexpected '" +
                                std::string(rest) + "' after the number");
  return q.value;
}

} // namespace gigatwin::scenario
