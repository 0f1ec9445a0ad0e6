#include "results/SeriesWriter.hpp"

#include "internal/SeriesState.hpp"

namespace gigatwin::results {

void SeriesWriter::append(double value) {
  internal::SeriesState& state = open_state("append to");
  state.push(&value);
}

void SeriesWriter::append(std::span<const double> values) {
  for (double value : values)
    append(value);
}

} // namespace gigatwin::results
