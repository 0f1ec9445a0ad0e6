#include "results/AppendedDataset.hpp"

#include "results/ResultsError.hpp"
#include "internal/SeriesState.hpp"

namespace gigatwin::results {

namespace internal {

void SeriesState::flush() {
  if (closed || buffer.empty())
    return;
  const hsize_t start = written;
  const hsize_t count = buffered();
  const hsize_t new_size = start + count;
  check_status(H5Dset_extent(dataset.get(), &new_size), where + ": cannot extend the series");
  Hdf5Handle file_space = checked_space(H5Dget_space(dataset.get()), where);
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr),
               where);
  Hdf5Handle memory_space = checked_space(H5Screate_simple(1, &count, nullptr), where);
  check_status(H5Dwrite(dataset.get(), memory_type.get(), memory_space.get(), file_space.get(), H5P_DEFAULT,
                        buffer.data()),
               where + ": cannot append to the dataset");
  written = new_size;
  buffer.clear();
}

void SeriesState::close() {
  if (closed)
    return;
  // Closed even if the flush fails, so that the file can still be closed and removed.
  try {
    flush();
  } catch (...) {
    closed = true;
    dataset.reset();
    std::vector<unsigned char>().swap(buffer);
    throw;
  }
  closed = true;
  const bool ok = dataset.reset();
  std::vector<unsigned char>().swap(buffer);
  if (!ok)
    throw_hdf5_error(where + ": cannot close the series");
}

} // namespace internal

AppendedDataset::AppendedDataset(std::shared_ptr<internal::SeriesState> state) : state_(std::move(state)) {}
AppendedDataset::AppendedDataset(AppendedDataset&&) noexcept = default;

AppendedDataset& AppendedDataset::operator=(AppendedDataset&& other) noexcept {
  if (this != &other) {
    AppendedDataset previous(std::move(*this)); // closes the dataset this one held, on scope exit
    state_ = std::move(other.state_);
  }
  return *this;
}

AppendedDataset::~AppendedDataset() {
  if (!state_ || state_->closed)
    return;
  try {
    state_->close();
  } catch (const std::exception& e) {
    state_->deferred_error = e.what();
  }
}

internal::SeriesState& AppendedDataset::open_state(const char* operation) const {
  if (!state_)
    throw ResultsError(std::string("cannot ") + operation + " a moved-from dataset");
  if (state_->closed)
    throw ResultsError(state_->where + ": cannot " + operation + " a closed dataset");
  return *state_;
}

void AppendedDataset::flush() {
  open_state("flush").flush();
}

void AppendedDataset::close() {
  if (state_)
    state_->close();
}

std::size_t AppendedDataset::size() const {
  return state_ ? state_->written + state_->buffered() : 0;
}

bool AppendedDataset::is_open() const {
  return state_ && !state_->closed;
}

} // namespace gigatwin::results
