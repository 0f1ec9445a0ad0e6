#pragma once

#include "results/Table.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gigatwin::results {

// Read-only view of a GigaTwin results file, for the GUI, the merge step, tests and anyone who
// prefers C++ to h5py. Opening checks that the file exists, that its checksum matches (files written
// by ResultsWriter carry one), that it is HDF5, is not truncated and has the root attribute
// format="gigatwin-results"; every failure, then or later (missing object, wrong type, damaged
// data), is a ResultsError naming the file and the object path. Values come back in
// the units stored next to them (see the `units` attributes); nothing is converted.
class ResultsReader {
public:
  // `verify`: check the whole-file checksum GigaTwin writes into the file's header before HDF5
  // parses anything (HDF5 itself can crash on some damaged files). `skip`: open a file that was
  // edited after GigaTwin wrote it (e.g. attributes added with h5py), accepting that risk.
  enum class Checksum { verify, skip };

  explicit ResultsReader(const std::string& path, Checksum checksum = Checksum::verify);
  ResultsReader(ResultsReader&&) noexcept;
  ResultsReader& operator=(ResultsReader&&) noexcept;
  ResultsReader(const ResultsReader&) = delete;
  ResultsReader& operator=(const ResultsReader&) = delete;
  ~ResultsReader();

  const std::string& path() const;

  // True if the group or dataset exists ("/" always does).
  bool has(const std::string& object_path) const;
  bool has_attribute(const std::string& object_path, const std::string& name) const;

  std::string attribute_string(const std::string& object_path, const std::string& name) const;
  // One string per element of a string-array attribute (e.g. a table's `units`).
  std::vector<std::string> attribute_strings(const std::string& object_path, const std::string& name) const;
  std::int64_t attribute_int(const std::string& object_path, const std::string& name) const;
  /// An unsigned 64-bit attribute (the seed), or a signed one that is not negative.
  std::uint64_t attribute_unsigned(const std::string& object_path, const std::string& name) const;
  // Integer attributes are converted.
  double attribute_double(const std::string& object_path, const std::string& name) const;

  std::string read_text(const std::string& path) const;
  Table read_table(const std::string& path) const;
  // Rows [first, first + count) of a table (fewer past its end): a long table (an event trace)
  // read a slice at a time.
  Table read_table_rows(const std::string& path, std::size_t first, std::size_t count) const;
  std::size_t table_rows(const std::string& path) const;
  // Float (or integer) 1-D dataset as float64.
  std::vector<double> read_series(const std::string& path) const;

  // Names of the members of a group, sorted.
  std::vector<std::string> list(const std::string& group_path) const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Whether `path` is an HDF5 file (its signature at the start, or after a user block as in
/// GigaTwin's results files), as HDF5 itself tells; false for text, or a file it cannot read.
bool is_hdf5_file(const std::string& path);

} // namespace gigatwin::results
