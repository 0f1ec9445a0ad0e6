#pragma once

#include "results/AppendedDataset.hpp"

#include <span>

namespace gigatwin::results {

// Appends values (float64, in the units given when it was opened) to one chunked, compressed,
// unlimited 1-D dataset of a results file being written. It keeps at most one chunk in memory and
// writes each full chunk as soon as it fills, so a year-long run never holds its series in memory.
// Obtained from ResultsWriter::open_series; flushed and closed when destroyed or when the writer
// commits, whichever comes first (appending after that throws ResultsError).
class SeriesWriter : public AppendedDataset {
public:
  void append(double value);
  void append(std::span<const double> values);

private:
  friend class ResultsWriter;
  using AppendedDataset::AppendedDataset;
};

} // namespace gigatwin::results
