#include "results/TableStream.hpp"

#include "results/ResultsError.hpp"
#include "internal/Hdf5Tables.hpp"
#include "internal/SeriesState.hpp"

#include <limits>

namespace gigatwin::results {

TableStream::TableStream(std::shared_ptr<internal::SeriesState> state, std::vector<Column> columns,
                         const std::vector<unsigned>& stored_bytes)
    : AppendedDataset(std::move(state)), columns_(std::move(columns)),
      narrow_min_(columns_.size(), std::numeric_limits<std::int64_t>::min()),
      narrow_max_(columns_.size(), std::numeric_limits<std::int64_t>::max()),
      row_(internal::slot_bytes * columns_.size()) {
  for (std::size_t c = 0; c < stored_bytes.size() && c < columns_.size(); ++c)
    if (stored_bytes[c] == 1 || stored_bytes[c] == 2 || stored_bytes[c] == 4) {
      const unsigned bits = 8 * stored_bytes[c] - 1;
      narrow_max_[c] = (std::int64_t{1} << bits) - 1;
      narrow_min_[c] = -narrow_max_[c] - 1;
    }
}

void TableStream::append(const std::vector<Cell>& row) {
  internal::SeriesState& state = open_state("append to");
  if (row.size() != columns_.size())
    throw ResultsError(state.where + ": a row of " + std::to_string(row.size()) + " cells for " +
                       std::to_string(columns_.size()) + " columns");
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (cell_type(row[c]) != columns_[c].type)
      throw ResultsError(state.where + ": column '" + columns_[c].name + "' holds " +
                         std::string(to_string(columns_[c].type)) + ", not " +
                         std::string(to_string(cell_type(row[c]))));
    if (const auto* v = std::get_if<std::int64_t>(&row[c]); v && (*v < narrow_min_[c] || *v > narrow_max_[c]))
      throw ResultsError(state.where + ": column '" + columns_[c].name + "' is stored in fewer bytes than " +
                         std::to_string(*v) + " needs");
  }
  internal::pack_row(row, row_.data());
  state.push(row_.data());
}

} // namespace gigatwin::results
