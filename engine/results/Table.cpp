#include "results/Table.hpp"

#include <limits>

#include <cmath>

#include "results/ResultsError.hpp"

#include <set>

namespace gigatwin::results {

std::optional<std::size_t> Table::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name)
      return i;
  return std::nullopt;
}

ColumnType cell_type(const Cell& cell) {
  switch (cell.index()) {
  case 0:
    return ColumnType::int64;
  case 1:
    return ColumnType::float64;
  case 3:
    return ColumnType::uint64;
  default:
    return ColumnType::string;
  }
}

std::string_view to_string(ColumnType type) {
  switch (type) {
  case ColumnType::int64:
    return "int64";
  case ColumnType::float64:
    return "float64";
  case ColumnType::string:
    return "string";
  case ColumnType::uint64:
    return "uint64";
  }
  return "?";
}

void validate_table(const Table& table, const std::string& where) {
  if (table.columns.empty())
    throw ResultsError(where + ": a table needs at least one column");
  std::set<std::string, std::less<>> names;
  for (const Column& column : table.columns) {
    if (column.name.empty())
      throw ResultsError(where + ": a table column has an empty name");
    if (!names.insert(column.name).second)
      throw ResultsError(where + ": duplicate table column '" + column.name + "'");
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.size() != table.columns.size())
      throw ResultsError(where + ": row " + std::to_string(r) + " has " + std::to_string(row.size()) +
                         " cells but the table has " + std::to_string(table.columns.size()) + " columns");
    for (std::size_t c = 0; c < row.size(); ++c) {
      const ColumnType type = cell_type(row[c]);
      if (type != table.columns[c].type)
        throw ResultsError(where + ": row " + std::to_string(r) + ", column '" + table.columns[c].name +
                           "' holds a " + std::string(to_string(type)) + " but the column is " +
                           std::string(to_string(table.columns[c].type)));
    }
  }
}

bool operator==(const Table& a, const Table& b) {
  if (a.description != b.description || a.columns != b.columns || a.rows.size() != b.rows.size())
    return false;
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    if (a.rows[r].size() != b.rows[r].size())
      return false;
    for (std::size_t c = 0; c < a.rows[r].size(); ++c) {
      const Cell& x = a.rows[r][c];
      const Cell& y = b.rows[r][c];
      const auto* dx = std::get_if<double>(&x);
      const auto* dy = std::get_if<double>(&y);
      if (dx && dy && std::isnan(*dx) && std::isnan(*dy))
        continue;
      if (x != y)
        return false;
    }
  }
  return true;
}

double number_at(const Table& table, std::size_t row, std::string_view column) {
  const auto c = table.find_column(column);
  if (!c)
    return std::numeric_limits<double>::quiet_NaN();
  const Cell& cell = table.rows.at(row).at(*c);
  if (const auto* d = std::get_if<double>(&cell))
    return *d;
  if (const auto* i = std::get_if<std::int64_t>(&cell))
    return static_cast<double>(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&cell))
    return static_cast<double>(*u);
  return std::numeric_limits<double>::quiet_NaN();
}

std::string text_at(const Table& table, std::size_t row, std::string_view column) {
  const auto c = table.find_column(column);
  if (!c)
    return {};
  const auto* s = std::get_if<std::string>(&table.rows.at(row).at(*c));
  return s ? *s : std::string();
}

} // namespace gigatwin::results
