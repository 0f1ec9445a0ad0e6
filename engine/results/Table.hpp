#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gigatwin::results {

// uint64 is for values that need the whole unsigned range (the master seed); counts are int64.
enum class ColumnType { int64, float64, string, uint64 };

// One column of a results table. `units` follows the project's conventions ("s", "1/h", "kW",
// "" for counts and names); `description` is a short sentence for someone reading the file cold.
struct Column {
  std::string name;
  ColumnType type = ColumnType::float64;
  std::string units;
  std::string description;

  friend bool operator==(const Column&, const Column&) = default;
};

// One cell: its alternative must match the column's type (int64 <-> std::int64_t,
// float64 <-> double, string <-> std::string, UTF-8, uint64 <-> std::uint64_t).
using Cell = std::variant<std::int64_t, double, std::string, std::uint64_t>;

// An in-memory table as stored in a results file: one HDF5 compound dataset, one record per row,
// one member per column. It is a plain value (no HDF5 inside), so models can fill it and tests can
// compare it. Tables are meant for summaries (one row per run, per station, per KPI); long time
// series go to series datasets instead.
struct Table {
  std::string description;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  // Index of the column called `name`, if there is one.
  std::optional<std::size_t> find_column(std::string_view name) const;

  /// Same description, columns and cells; two NaN cells are equal (a KPI that does not apply is
  /// NaN in both of two identical runs).
  friend bool operator==(const Table& a, const Table& b);
};

// The number in `table`'s cell at `row` of `column` (an int64, uint64 or float64 column); NaN for a text
// cell or a missing column. Throws std::out_of_range for a row past the end.
double number_at(const Table& table, std::size_t row, std::string_view column);
// The text in the cell (a string column); empty for a number cell or a missing column.
std::string text_at(const Table& table, std::size_t row, std::string_view column);

// The ColumnType that a cell holds.
ColumnType cell_type(const Cell& cell);

// "int64", "float64", "string" or "uint64", for messages.
std::string_view to_string(ColumnType type);

// Throws ResultsError unless the table is well formed: at least one column, unique non-empty
// column names, every row as wide as the header and every cell of its column's type. `where`
// (usually the dataset path) prefixes the message.
void validate_table(const Table& table, const std::string& where);

} // namespace gigatwin::results
