#pragma once

#include "results/SeriesWriter.hpp"
#include "results/TableStream.hpp"
#include "results/Table.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>

namespace gigatwin::results {

// Integers other than std::int64_t (and bool), which set_attribute stores as int64.
template <class T>
concept OtherInteger = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, std::int64_t>;

// Writes one GigaTwin results file (HDF5). Everything goes to "<final_path>.tmp-<pid>" and only
// commit() renames it (rename(2), atomic) to final_path, so a crashed or failed run never leaves a
// half-written file under the final name and never touches an existing one: if final_path exists
// and overwrite is false the constructor refuses before writing anything, and destroying the writer
// without commit() removes the temporary file.
//
// The root gets format="gigatwin-results", format_version, software_version and created (UTC,
// ISO 8601) at construction; set_attribute("/", ...) may override them. Object paths are absolute
// ("/runs/3/stations"); missing parent groups are created. Every dataset gets a `units` and a
// `description` attribute. Objects carry no modification times, so the same calls produce the
// same bytes (apart from `created`). At commit a checksum of the whole file is written into its
// first 512 bytes (an HDF5 user block, which HDF5 tools skip), so that ResultsReader refuses a
// damaged file before HDF5 parses it. Not thread-safe; one writer per file.
class ResultsWriter {
public:
  /// `created` (ISO 8601) is the root's creation time; empty: now. Pinning it here rather than
  /// overwriting the attribute later keeps the first value's bytes out of the file (HDF5 leaves
  /// a replaced string in the heap), so that equal content gives equal bytes.
  ResultsWriter(std::string final_path, bool overwrite, std::string created = {});
  ResultsWriter(ResultsWriter&&) noexcept;
  ResultsWriter& operator=(ResultsWriter&&) noexcept;
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;
  ~ResultsWriter();

  // Sets (or replaces) an attribute of an existing group or dataset ("/" for the root); creates
  // nothing else.
  void set_attribute(const std::string& object_path, const std::string& name, const std::string& value);
  void set_attribute(const std::string& object_path, const std::string& name, const char* value);
  void set_attribute(const std::string& object_path, const std::string& name, std::int64_t value);
  void set_attribute(const std::string& object_path, const std::string& name, double value);
  // An unsigned 64-bit attribute (H5T_STD_U64LE), for values that need the whole range (the seed).
  void set_unsigned_attribute(const std::string& object_path, const std::string& name, std::uint64_t value);
  // Any other integer type (int, unsigned, std::size_t, ...) is stored as int64; out of range throws.
  template <OtherInteger T>
  void set_attribute(const std::string& object_path, const std::string& name, T value) {
    set_integer_attribute(object_path, name, std::in_range<std::int64_t>(value),
                          static_cast<std::int64_t>(value));
  }

  // Creates a group (and its parents) if it does not exist yet, e.g. to attach run attributes first.
  void create_group(const std::string& path);

  // A scalar variable-length UTF-8 string dataset (units "").
  void write_text(const std::string& path, const std::string& text, const std::string& description);

  // A compound dataset, one record per row; attributes description, units (one string per column)
  // and column_descriptions. Chunked and compressed when it has rows.
  void write_table(const std::string& path, const Table& table);

  // A 1-D float64 dataset holding `values` (chunked and compressed when non-empty).
  void write_series(const std::string& path, std::span<const double> values, const std::string& units,
                    const std::string& description);

  // An unlimited, chunked (`chunk` values per chunk), compressed 1-D float64 dataset filled through
  // the returned SeriesWriter.
  SeriesWriter open_series(const std::string& path, const std::string& units, const std::string& description,
                           std::size_t chunk = 4096);

  // An unlimited, chunked (`chunk_rows` rows a chunk), compressed table of numeric `columns`,
  // filled row by row through the returned TableStream (an event trace). `stored_bytes` (per
  // column; 0: 8) stores int64 columns whose values fit in 1, 2 or 4 bytes narrower; they read
  // back as int64. Long tables favour speed: the fastest deflate level.
  TableStream open_table_stream(const std::string& path, const std::string& description,
                                const std::vector<Column>& columns, std::size_t chunk_rows = 8192,
                                const std::vector<unsigned>& stored_bytes = {});

  // Copies every group under /runs of the results file `part_path` into this file (same names).
  // Throws, before copying anything, if a run id already exists here. A part without /runs adds
  // nothing.
  void copy_runs_from(const std::string& part_path);
  // Copies the group /runs/<run_id> of the results file `source_path` into this file; throws if
  // the source lacks it or this file has it already. `source_verified`: the caller has checked
  // the source's checksum already (copying many runs out of one large file reads it once).
  void copy_run_from(const std::string& source_path, const std::string& run_id, bool source_verified = false);

  // Closes every open series, closes the file, writes its checksum, makes it durable (fsync) and
  // renames it to final_path (without --force, never over a file that appeared meanwhile).
  // Afterwards every write throws; if commit throws, the writer is unusable and the temporary file
  // is removed on destruction.
  void commit();

  const std::string& final_path() const;
  // Where the file is being written until commit().
  const std::string& temporary_path() const;
  bool committed() const;

private:
  struct Impl;
  Impl& writable(const char* operation) const;
  void set_integer_attribute(const std::string& object_path, const std::string& name, bool in_range,
                             std::int64_t value);

  std::unique_ptr<Impl> impl_;
};

} // namespace gigatwin::results
