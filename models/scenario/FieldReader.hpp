#pragma once
// FieldReader: reads typed values (durations, rates, integers, ...) out of YamlTree nodes for
// the validator. Each reader either returns the value or records a diagnostic naming the key
// path, what the schema expects and what the file has, and returns nullopt, so that the
// validator can carry on and report every problem in one pass.

#include "scenario/Diagnostic.hpp"
#include "scenario/YamlTree.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

std::string child_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);
/// True for a non-empty name of letters, digits, '_' and '-' (station groups, calendars, skills).
bool is_identifier(std::string_view name);

/// Which values a number may take.
enum class Bound { any, non_negative, positive };

class FieldReader {
public:
  explicit FieldReader(DiagnosticLog& log) : log_(log) {}

  DiagnosticLog& log() { return log_; }

  /// True if `node` is a map; otherwise records "expected <what>, found ...".
  bool expect_map(const TreeNode& node, const std::string& path, std::string_view what);
  /// True if `node` is a sequence; otherwise records a diagnostic.
  bool expect_sequence(const TreeNode& node, const std::string& path, std::string_view what);
  /// Records unknown keys (with a spelling suggestion) and keys written twice.
  void check_keys(const TreeNode& map, const std::string& path, const std::vector<std::string>& allowed,
                  std::string_view expected_what = "a known key");
  /// The value of a required key, or nullptr after recording "expected key 'k' (<what>), found
  /// nothing" at the map's position.
  const TreeNode* require(const TreeNode& map, std::string_view key, const std::string& path,
                          std::string_view what);

  std::optional<double> duration(const TreeNode& node, const std::string& path, Bound bound);
  std::optional<double> rate(const TreeNode& node, const std::string& path); ///< > 0, per second
  std::optional<double> number(const TreeNode& node, const std::string& path, Bound bound);
  /// Money per time (`15000 KRW/h`) >= 0, per hour. Its currency must be `currency`; an empty
  /// `currency` (the scenario's own is invalid) skips that check so as not to repeat the error.
  std::optional<double> wage(const TreeNode& node, const std::string& path, const std::string& currency);
  /// Like wage, for any money per time; `noun` names it in diagnostics ("a maintenance cost") and
  /// `example` shows it written with the currency left out ("2000000 {}/y" -> "2000000 KRW/y").
  std::optional<double> money_rate(const TreeNode& node, const std::string& path, const std::string& currency,
                                   std::string_view noun, std::string_view example);
  /// An amount of money (`250000000 KRW`) >= 0, in `currency` (empty: not checked, as for wage).
  std::optional<double> money(const TreeNode& node, const std::string& path, const std::string& currency);
  /// Power (`50kW`, `2 MW`, `800W`) >= 0, in kW.
  std::optional<double> power(const TreeNode& node, const std::string& path);
  /// An energy price (`150 KRW/kWh`) >= 0 in `currency`, per kWh.
  std::optional<double> energy_price(const TreeNode& node, const std::string& path,
                                     const std::string& currency);
  /// A probability in [0, 1).
  std::optional<double> probability_below_one(const TreeNode& node, const std::string& path);
  /// An integer in [min, max]; `expected` replaces the default wording of the diagnostic.
  std::optional<std::int64_t> integer(const TreeNode& node, const std::string& path, std::int64_t min,
                                      std::int64_t max = std::numeric_limits<std::int64_t>::max(),
                                      const std::string& expected = "");
  std::optional<std::uint64_t> unsigned_integer(const TreeNode& node, const std::string& path);
  std::optional<bool> boolean(const TreeNode& node, const std::string& path);
  /// A scalar as text; `non_empty` refuses "".
  std::optional<std::string> text(const TreeNode& node, const std::string& path, bool non_empty);

  void error(const TreeNode& node, const std::string& path, std::string expected, std::string hint = "");
  void error_at(const SourcePos& pos, const std::string& path, std::string expected, std::string found,
                std::string hint = "");

private:
  /// The scalar text of `node`, or nullopt after recording that `expected` was wanted.
  std::optional<std::string> scalar(const TreeNode& node, const std::string& path,
                                    const std::string& expected);

  DiagnosticLog& log_;
};

} // namespace gigatwin::scenario
