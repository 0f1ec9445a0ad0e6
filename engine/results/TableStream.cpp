#include "results/TableStream.hpp"

#include "results/ResultsError.hpp"
#include "internal/Hdf5Tables.hpp"
#include "internal/SeriesState.hpp"

namespace gigatwin::results {

TableStream::TableStream(std::shared_ptr<internal::SeriesState> state, std::vector<Column> columns)
    : AppendedDataset(std::move(state)), columns_(std::move(columns)),
      row_(internal::slot_bytes * columns_.size()) {}

void TableStream::append(const std::vector<Cell>& row) {
  internal::SeriesState& state = open_state("append to");
  if (row.size() != columns_.size())
    throw ResultsError(state.where + ": a row of " + std::to_string(row.size()) + " cells for " +
                       std::to_string(columns_.size()) + " columns");
  for (std::size_t c = 0; c < row.size(); ++c)
    if (cell_type(row[c]) != columns_[c].type)
      throw ResultsError(state.where + ": column '" + columns_[c].name + "' holds " +
                         std::string(to_string(columns_[c].type)) + ", not " +
                         std::string(to_string(cell_type(row[c]))));
  internal::pack_row(row, row_.data());
  state.push(row_.data());
}

} // namespace gigatwin::results
