#pragma once

#include "results/AppendedDataset.hpp"
#include "results/Table.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace gigatwin::results {

// Appends rows to one table of a results file being written (a chunked, compressed, unlimited
// compound dataset, read back like any table), for tables too long to hold in memory: an event
// trace. Numbers only (int64, uint64, float64 columns): a row costs no allocation. At most one
// chunk is held in memory; it is written as soon as it fills. Obtained from
// ResultsWriter::open_table_stream; closed when destroyed or when the writer commits.
class TableStream : public AppendedDataset {
public:
  // One cell per column, of the column's type, within what a narrow column's width holds (throws
  // ResultsError otherwise: HDF5 would clip it without a word).
  void append(const std::vector<Cell>& row);

private:
  friend class ResultsWriter;
  TableStream(std::shared_ptr<internal::SeriesState> state, std::vector<Column> columns,
              const std::vector<unsigned>& stored_bytes);

  std::vector<Column> columns_;
  std::vector<std::int64_t> narrow_min_, narrow_max_; // per column: what its stored width holds
  std::vector<unsigned char> row_; // one packed row, reused
};

} // namespace gigatwin::results
