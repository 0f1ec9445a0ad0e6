#pragma once

// Internal to gigatwin_results: the state behind a SeriesWriter, shared with the ResultsWriter that
// created it so that commit() can flush and close every series still open.

#include "Hdf5Handle.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gigatwin::results::internal {

struct SeriesState {
  std::string where; // "<results file>: '/runs/3/timeseries/wip'", for messages
  Hdf5Handle dataset;
  std::vector<double> buffer;
  std::size_t chunk = 0;
  std::size_t written = 0; // values already in the file
  bool closed = false;
  std::string deferred_error; // a failure met in a destructor, reported by commit()

  // Appends the buffered values to the dataset.
  void flush();
  // Flushes, then releases the dataset and the buffer; idempotent.
  void close();
};

} // namespace gigatwin::results::internal
