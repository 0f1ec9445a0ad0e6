#pragma once
// Units of time as scenarios write them: durations `250ms`, `90s`, `1.5min`, `8h`, `30d`, `2w`,
// `5y` (a year is 365 days) and rates `120/h`, `0.5/s`. Internally every duration is in seconds and every
// rate per second. A bare number is refused: "45" could be seconds or minutes, and guessing is how a model
// ends up sixty times too fast. Money per time (wages) is written `15000 KRW/h` or `250KRW/min`: an amount, a
// currency code and a time unit, kept per hour internally. An amount of money (a machine's price) is written
// `250000000 KRW`. Power is written `50kW`, `2.5 MW` or `800W` (kept in kW), an energy price
// `150 KRW/kWh` (kept per kWh).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

inline constexpr double seconds_per_day = 86400.0;
inline constexpr double seconds_per_week = 7 * seconds_per_day;

/// Seconds in one unit: ms, s, min, h, d, w, y (exact names, case-sensitive); nullopt otherwise.
std::optional<double> seconds_per_unit(std::string_view unit);
/// The unit names, in increasing size.
const std::vector<std::string>& time_unit_names();

/// Parses "<number><unit>" (spaces allowed between them) into seconds. The number may carry a
/// sign and an exponent; NaN and infinities are refused. The sign is not checked: callers
/// decide whether a negative duration makes sense. Throws std::invalid_argument whose what()
/// says what is wrong ("missing unit", "unknown unit 'x' ...", "not a number", ...).
double parse_duration(std::string_view text);

/// Parses "<number>/<unit>" into events per second. Same rules as parse_duration.
double parse_rate(std::string_view text);

/// A plain number (no unit): full match, finite. Throws std::invalid_argument.
double parse_number(std::string_view text);

/// Why a quantity did not parse; the loader words its diagnostic from this.
enum class QuantityProblem {
  none,
  empty,
  not_a_number,
  not_finite,
  missing_unit,
  unknown_unit,
  out_of_range
};

struct ParsedQuantity {
  double value = 0.0; ///< s for a duration, 1/s for a rate
  QuantityProblem problem = QuantityProblem::none;
  std::string reason; ///< a short explanation when problem != none
};

ParsedQuantity parse_duration_quantity(std::string_view text);
ParsedQuantity parse_rate_quantity(std::string_view text);

/// Money per unit of time, "<amount> <CUR>/<unit>" (spaces optional around each part).
struct ParsedMoneyRate {
  double per_hour = 0.0; ///< amount per hour, in `currency`
  std::string currency;  ///< the letters as written (not checked against ISO 4217)
  QuantityProblem problem = QuantityProblem::none;
  std::string reason; ///< a short explanation when problem != none
};

/// Parses a money rate; the amount's sign is not checked. "250 KRW/min" gives 15000 per hour.
ParsedMoneyRate parse_money_rate_quantity(std::string_view text);

/// An amount of money, "<amount> <CUR>" (the space optional).
struct ParsedMoney {
  double amount = 0.0;  ///< in `currency`
  std::string currency; ///< the letters as written (not checked against ISO 4217)
  QuantityProblem problem = QuantityProblem::none;
  std::string reason; ///< a short explanation when problem != none
};

/// Parses an amount of money; the amount's sign is not checked.
ParsedMoney parse_money_quantity(std::string_view text);

/// Power "<number> W|kW|MW", in kW; the sign is not checked.
ParsedQuantity parse_power_quantity(std::string_view text);

/// Energy "<number> Wh|kWh|MWh|GWh", in kWh; the sign is not checked.
ParsedQuantity parse_energy_quantity(std::string_view text);

/// An energy price "<amount> <CUR>/Wh|kWh|MWh"; `amount` is per kWh. The sign is not checked.
ParsedMoney parse_energy_price_quantity(std::string_view text);

/// True for an ISO 4217-shaped code: exactly three upper-case ASCII letters.
bool is_currency_code(std::string_view code);

} // namespace gigatwin::scenario
