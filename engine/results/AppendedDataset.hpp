#pragma once

#include <cstddef>
#include <memory>

namespace gigatwin::results {

namespace internal {
struct SeriesState;
}

// What a SeriesWriter and a TableStream share: the hold on one appendable dataset of a results
// file being written — moving it, flushing, closing (when destroyed, or when the writer
// commits), counting what was appended. Not used on its own.
class AppendedDataset {
public:
  AppendedDataset(AppendedDataset&&) noexcept;
  AppendedDataset& operator=(AppendedDataset&&) noexcept;
  AppendedDataset(const AppendedDataset&) = delete;
  AppendedDataset& operator=(const AppendedDataset&) = delete;
  ~AppendedDataset();

  // Writes the buffered elements now (a partial chunk); appending may go on afterwards.
  void flush();
  // Flushes and releases the dataset; further appends throw. Errors are thrown here, whereas the
  // destructor can only hand them to ResultsWriter::commit().
  void close();
  // Elements appended so far (written or buffered).
  std::size_t size() const;
  bool is_open() const;

protected:
  explicit AppendedDataset(std::shared_ptr<internal::SeriesState> state);
  // The open dataset; throws ResultsError naming `operation` if it was moved from or closed.
  internal::SeriesState& open_state(const char* operation) const;

private:
  std::shared_ptr<internal::SeriesState> state_;
};

} // namespace gigatwin::results
