#pragma once

// Internal to gigatwin_results: the state behind an appendable 1-D dataset (a SeriesWriter's
// float64 values, a TableStream's rows), shared with the ResultsWriter that created it so that
// commit() can flush and close every one still open.

#include "Hdf5Handle.hpp"

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

namespace gigatwin::results::internal {

struct SeriesState {
  std::string where; // "<results file>: '/runs/3/timeseries/wip'", for messages
  Hdf5Handle dataset;
  Hdf5Handle memory_type;            // one element as it is appended
  std::size_t element_bytes = 0;     // its size in memory
  std::vector<unsigned char> buffer; // elements appended and not yet written
  std::size_t chunk = 0;             // elements a chunk holds: the buffer is written when it has one
  std::size_t written = 0;           // elements already in the file
  bool closed = false;
  std::string deferred_error; // a failure met in a destructor, reported by commit()

  std::size_t buffered() const { return buffer.size() / element_bytes; }
  // Adds one element (element_bytes at `element`); writes the chunk once it is full.
  void push(const void* element) {
    const std::size_t at = buffer.size();
    buffer.resize(at + element_bytes);
    std::memcpy(buffer.data() + at, element, element_bytes);
    if (buffered() >= chunk)
      flush();
  }
  // Appends the buffered elements to the dataset.
  void flush();
  // Flushes, then releases the dataset and the buffer; idempotent.
  void close();
};

} // namespace gigatwin::results::internal
