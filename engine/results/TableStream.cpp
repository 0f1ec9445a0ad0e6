#include "results/TableStream.hpp"

#include "results/ResultsError.hpp"
#include "internal/Hdf5Tables.hpp"
#include "internal/SeriesState.hpp"

namespace gigatwin::results {

TableStream::TableStream(std::shared_ptr<internal::SeriesState> state, std::vector<Column> columns)
    : state_(std::move(state)), columns_(std::move(columns)), row_(internal::slot_bytes * columns_.size()) {}
TableStream::TableStream(TableStream&&) noexcept = default;

TableStream& TableStream::operator=(TableStream&& other) noexcept {
  if (this != &other) {
    TableStream previous(std::move(*this)); // closes the table this one held, on scope exit
    state_ = std::move(other.state_);
    columns_ = std::move(other.columns_);
    row_ = std::move(other.row_);
  }
  return *this;
}

TableStream::~TableStream() {
  if (!state_ || state_->closed)
    return;
  try {
    state_->close();
  } catch (const std::exception& e) {
    state_->deferred_error = e.what();
  }
}

void TableStream::append(const std::vector<Cell>& row) {
  if (!state_ || state_->closed)
    throw ResultsError((state_ ? state_->where : std::string("table")) + ": cannot append to a closed table");
  if (row.size() != columns_.size())
    throw ResultsError(state_->where + ": a row of " + std::to_string(row.size()) + " cells for " +
                       std::to_string(columns_.size()) + " columns");
  for (std::size_t c = 0; c < row.size(); ++c)
    if (cell_type(row[c]) != columns_[c].type)
      throw ResultsError(state_->where + ": column '" + columns_[c].name + "' holds " +
                         std::string(to_string(columns_[c].type)) + ", not " +
                         std::string(to_string(cell_type(row[c]))));
  internal::pack_row(row, row_.data());
  state_->push(row_.data());
}

void TableStream::flush() {
  if (state_ && !state_->closed)
    state_->flush();
}

void TableStream::close() {
  if (state_)
    state_->close();
}

std::size_t TableStream::size() const {
  return state_ ? state_->written + state_->buffered() : 0;
}

bool TableStream::is_open() const {
  return state_ && !state_->closed;
}

} // namespace gigatwin::results
