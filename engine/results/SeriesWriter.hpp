#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

namespace gigatwin::results {

namespace internal {
struct SeriesState;
}

// Appends values (float64, in the units given when it was opened) to one chunked, compressed,
// unlimited 1-D dataset of a results file being written. It keeps at most one chunk in memory and
// writes each full chunk as soon as it fills, so a year-long run never holds its series in memory.
// Obtained from ResultsWriter::open_series; flushed and closed when destroyed or when the writer
// commits, whichever comes first (appending after that throws ResultsError).
class SeriesWriter {
public:
  SeriesWriter(SeriesWriter&&) noexcept;
  SeriesWriter& operator=(SeriesWriter&&) noexcept;
  SeriesWriter(const SeriesWriter&) = delete;
  SeriesWriter& operator=(const SeriesWriter&) = delete;
  ~SeriesWriter();

  void append(double value);
  void append(std::span<const double> values);
  // Writes the buffered values now (a partial chunk); appending may go on afterwards.
  void flush();
  // Flushes and releases the dataset; further appends throw. Errors are thrown here, whereas the
  // destructor can only hand them to ResultsWriter::commit().
  void close();

  // Number of values appended so far (written or buffered).
  std::size_t size() const;
  bool is_open() const;

private:
  friend class ResultsWriter;
  explicit SeriesWriter(std::shared_ptr<internal::SeriesState> state);
  internal::SeriesState& open_state(const char* operation) const;

  std::shared_ptr<internal::SeriesState> state_;
};

} // namespace gigatwin::results
