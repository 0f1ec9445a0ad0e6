#include "results/Merge.hpp"

#include "results/ResultsError.hpp"

namespace gigatwin::results {

Table concat_tables(std::span<const Table> tables) {
  if (tables.empty())
    throw ResultsError("concat_tables: no table to concatenate");
  Table joined;
  joined.description = tables.front().description;
  joined.columns = tables.front().columns;
  std::size_t total = 0;
  for (const Table& table : tables)
    total += table.rows.size();
  joined.rows.reserve(total);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    const std::string which = "concat_tables: table " + std::to_string(t);
    if (table.columns.size() != joined.columns.size())
      throw ResultsError(which + " has " + std::to_string(table.columns.size()) + " columns, table 0 has " +
                         std::to_string(joined.columns.size()));
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const Column& mine = table.columns[c];
      const Column& first = joined.columns[c];
      if (mine.name != first.name || mine.type != first.type || mine.units != first.units)
        throw ResultsError(which + ", column " + std::to_string(c) + ": '" + mine.name + "' (" +
                           std::string(to_string(mine.type)) + ", " + mine.units + ") differs from '" +
                           first.name + "' (" + std::string(to_string(first.type)) + ", " + first.units +
                           ") in table 0");
    }
    validate_table(table, which);
    joined.rows.insert(joined.rows.end(), table.rows.begin(), table.rows.end());
  }
  return joined;
}

} // namespace gigatwin::results
