#pragma once

#include "results/Table.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace gigatwin::results {

namespace internal {
struct SeriesState;
}

// Appends rows to one table of a results file being written (a chunked, compressed, unlimited
// compound dataset, read back like any table), for tables too long to hold in memory: an event
// trace. Numbers only (int64, uint64, float64 columns): a row costs no allocation. At most one
// chunk is held in memory; it is written as soon as it fills. Obtained from
// ResultsWriter::open_table_stream; closed when destroyed or when the writer commits.
class TableStream {
public:
  TableStream(TableStream&&) noexcept;
  TableStream& operator=(TableStream&&) noexcept;
  TableStream(const TableStream&) = delete;
  TableStream& operator=(const TableStream&) = delete;
  ~TableStream();

  // One cell per column, of the column's type (throws ResultsError otherwise).
  void append(const std::vector<Cell>& row);
  // Writes the buffered rows now; appending may go on afterwards.
  void flush();
  // Flushes and releases the dataset; further appends throw.
  void close();
  // Rows appended so far (written or buffered).
  std::size_t size() const;
  bool is_open() const;

private:
  friend class ResultsWriter;
  TableStream(std::shared_ptr<internal::SeriesState> state, std::vector<Column> columns);

  std::shared_ptr<internal::SeriesState> state_;
  std::vector<Column> columns_;
  std::vector<unsigned char> row_; // one packed row, reused
};

} // namespace gigatwin::results
