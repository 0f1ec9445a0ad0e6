#include "results/ResultsWriter.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsFormat.hpp"
#include "internal/FileSeal.hpp"
#include "internal/Hdf5Attributes.hpp"
#include "internal/Hdf5Files.hpp"
#include "internal/Hdf5Handle.hpp"
#include "internal/Hdf5Tables.hpp"
#include "internal/SeriesState.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <system_error>
#include <unistd.h>
#include <vector>

#ifndef GIGATWIN_VERSION
#define GIGATWIN_VERSION "unknown"
#endif

namespace gigatwin::results {

using internal::check_status;
using internal::Hdf5Handle;

namespace {

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string errno_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// Forces the file's bytes to disk before it gets its final name: rename(2) is atomic, but without
// this a power cut could leave the final name pointing at an incomplete file.
void sync_file(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) {
    if (directory)
      return; // best effort: some file systems refuse to open directories
    throw ResultsError("cannot open " + path + " to sync it: " + errno_text(errno));
  }
  const int status = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (status != 0 && !directory)
    throw ResultsError("cannot sync " + path + " to disk: " + errno_text(error));
}

} // namespace

struct ResultsWriter::Impl {
  std::string final_path;
  std::string temporary_path;
  bool temporary_created = false;
  bool overwrite = false;
  bool committed = false;
  Hdf5Handle file;
  Hdf5Handle group_creation;
  Hdf5Handle dataset_creation;
  std::vector<std::shared_ptr<internal::SeriesState>> series;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { discard(); }

  std::string where(const std::string& path) const { return final_path + ": '" + path + "'"; }

  // Closes every open series; reports the first failure (including ones met in destructors).
  void close_all_series() {
    std::string first_error;
    for (const auto& state : series) {
      if (!state->deferred_error.empty() && first_error.empty())
        first_error = state->deferred_error;
      try {
        state->close();
      } catch (const std::exception& e) {
        if (first_error.empty())
          first_error = e.what();
      }
    }
    series.clear();
    if (!first_error.empty())
      throw ResultsError(first_error);
  }

  void discard() noexcept {
    if (committed)
      return;
    for (const auto& state : series) {
      try {
        state->close();
      } catch (...) { // the file is being thrown away
      }
    }
    series.clear();
    file.reset();
    if (temporary_created) {
      std::error_code ignored;
      std::filesystem::remove(temporary_path, ignored);
      temporary_created = false;
    }
  }

  void ensure_group(const std::string& path) {
    const htri_t exists = H5Lexists(file.get(), path.c_str(), H5P_DEFAULT);
    check_status(exists, where(path) + ": cannot look it up");
    if (exists > 0) {
      Hdf5Handle group(H5Gopen2(file.get(), path.c_str(), H5P_DEFAULT), H5Gclose);
      if (!group.valid()) {
        internal::hdf5_error_detail(); // clears the stack
        throw ResultsError(where(path) + " exists and is not a group");
      }
      return;
    }
    // Groups are created one level at a time (rather than with H5Pset_create_intermediate_group) so
    // that every one of them gets our creation properties, without modification times.
    internal::checked_group(
        H5Gcreate2(file.get(), path.c_str(), H5P_DEFAULT, group_creation.get(), H5P_DEFAULT),
        where(path) + ": cannot create group");
  }

  void ensure_parents(const std::string& path) {
    for (std::size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
      ensure_group(path.substr(0, slash));
  }

  // Checks that `path` names a new object and creates its parents.
  void prepare_new_object(const std::string& path) {
    internal::check_object_path(path, final_path);
    if (path == "/")
      throw ResultsError(final_path + ": '/' is the root group, not a place for a dataset");
    ensure_parents(path);
    const htri_t exists = H5Lexists(file.get(), path.c_str(), H5P_DEFAULT);
    check_status(exists, where(path) + ": cannot look it up");
    if (exists > 0)
      throw ResultsError(where(path) + " already exists");
  }

  void write_dataset_attributes(hid_t dataset, const std::string& path, const std::string& units,
                                const std::string& description) {
    internal::write_attribute(dataset, "units", units, where(path));
    internal::write_attribute(dataset, "description", description, where(path));
  }

  Hdf5Handle compressed_creation(hsize_t chunk, const std::string& path, unsigned level = 4) {
    Hdf5Handle creation = internal::checked_plist(H5Pcopy(dataset_creation.get()), where(path));
    check_status(H5Pset_chunk(creation.get(), 1, &chunk), where(path) + ": cannot set chunking");
    check_status(H5Pset_shuffle(creation.get()), where(path) + ": cannot set the shuffle filter");
    if (level > 0)
      check_status(H5Pset_deflate(creation.get(), level), where(path) + ": cannot set compression");
    return creation;
  }

  void publish(bool overwrite) {
    if (!overwrite) {
      // link(2) fails if the name exists, so a file that appeared while we ran is not replaced.
      if (::link(temporary_path.c_str(), final_path.c_str()) == 0) {
        ::unlink(temporary_path.c_str());
        return;
      }
      if (errno == EEXIST)
        throw ResultsError("refusing to overwrite existing results file " + final_path +
                           " (it appeared during the run; use --force)");
      // Some file systems have no hard links; fall back to rename after a last check.
      std::error_code error;
      if (std::filesystem::exists(final_path, error))
        throw ResultsError("refusing to overwrite existing results file " + final_path + " (use --force)");
    }
    if (std::rename(temporary_path.c_str(), final_path.c_str()) != 0)
      throw ResultsError("cannot rename " + temporary_path + " to " + final_path + ": " + errno_text(errno));
  }
};

ResultsWriter::ResultsWriter(std::string final_path, bool overwrite, std::string created)
    : impl_(std::make_unique<Impl>()) {
  internal::silence_hdf5_errors();
  Impl& impl = *impl_;
  impl.final_path = std::move(final_path);
  impl.overwrite = overwrite;
  if (impl.final_path.empty())
    throw ResultsError("the results file name is empty");
  std::error_code error;
  if (std::filesystem::exists(impl.final_path, error)) {
    if (!overwrite)
      throw ResultsError("refusing to overwrite existing results file " + impl.final_path + " (use --force)");
    if (std::filesystem::is_directory(impl.final_path, error))
      throw ResultsError("cannot write results file " + impl.final_path + ": it is a directory");
  }
  impl.temporary_path = impl.final_path + ".tmp-" + std::to_string(::getpid());

  const std::string what = "cannot create results file " + impl.final_path;
  // The 1.8 object formats: readable by every HDF5 >= 1.8 (h5py, MATLAB, HDFView), and they allow
  // attributes larger than 64 KiB.
  Hdf5Handle access = internal::checked_plist(H5Pcreate(H5P_FILE_ACCESS), what);
  check_status(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), what);
  Hdf5Handle creation = internal::checked_plist(H5Pcreate(H5P_FILE_CREATE), what);
  check_status(H5Pset_obj_track_times(creation.get(), false), what);
  // Room for the checksum header written at commit (see internal/FileSeal.hpp).
  check_status(H5Pset_userblock(creation.get(), internal::user_block_bytes), what);
  impl.group_creation = internal::checked_plist(H5Pcreate(H5P_GROUP_CREATE), what);
  check_status(H5Pset_obj_track_times(impl.group_creation.get(), false), what);
  // Keep up to 32 attributes in the group's header: HDF5 1.10's H5Ocopy crashes on a group whose
  // variable-length string attributes moved to dense storage (more than 8 by default), and a
  // run's group carries more than 8.
  check_status(H5Pset_attr_phase_change(impl.group_creation.get(), 32, 24), what);
  impl.dataset_creation = internal::checked_plist(H5Pcreate(H5P_DATASET_CREATE), what);
  check_status(H5Pset_obj_track_times(impl.dataset_creation.get(), false), what);

  impl.file = Hdf5Handle(H5Fcreate(impl.temporary_path.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                         H5Fclose);
  if (!impl.file.valid())
    internal::throw_hdf5_error(what + " (as " + impl.temporary_path + ")");
  impl.temporary_created = true;

  const std::string root = impl.where("/");
  internal::write_attribute(impl.file.get(), std::string(format_attribute), std::string(results_format),
                            root);
  internal::write_attribute(impl.file.get(), "format_version", results_format_version, root);
  internal::write_attribute(impl.file.get(), "software_version", std::string(GIGATWIN_VERSION), root);
  unsigned hdf5_major = 0, hdf5_minor = 0, hdf5_release = 0;
  check_status(H5get_libversion(&hdf5_major, &hdf5_minor, &hdf5_release), what);
  internal::write_attribute(impl.file.get(), "hdf5_version",
                            std::to_string(hdf5_major) + "." + std::to_string(hdf5_minor) + "." +
                                std::to_string(hdf5_release),
                            root);
  internal::write_attribute(impl.file.get(), "created", created.empty() ? utc_now_iso8601() : created, root);
}

ResultsWriter::ResultsWriter(ResultsWriter&&) noexcept = default;
ResultsWriter& ResultsWriter::operator=(ResultsWriter&&) noexcept = default;
ResultsWriter::~ResultsWriter() = default;

ResultsWriter::Impl& ResultsWriter::writable(const char* operation) const {
  if (!impl_)
    throw ResultsError(std::string("cannot ") + operation + ": the results writer was moved from");
  if (impl_->committed)
    throw ResultsError(impl_->final_path + ": cannot " + operation + " after commit");
  if (!impl_->file.valid())
    throw ResultsError(impl_->final_path + ": cannot " + operation + " after a failed commit");
  return *impl_;
}

namespace {
/// Opens the existing object `object_path` and hands it to `write(object, where)`.
template <class Write>
void on_existing_object(hid_t file, const std::string& final_path, const std::string& object_path,
                        Write write) {
  const std::string where = final_path + ": '" + object_path + "'";
  if (!internal::object_exists(file, object_path, final_path))
    throw ResultsError(where + " does not exist (set_attribute creates nothing)");
  Hdf5Handle object =
      internal::checked_object(H5Oopen(file, object_path.c_str(), H5P_DEFAULT), where + ": cannot open");
  write(object.get(), where);
}

template <class T>
void set_attribute_on(hid_t file, const std::string& final_path, const std::string& object_path,
                      const std::string& name, const T& value) {
  on_existing_object(file, final_path, object_path, [&](hid_t object, const std::string& where) {
    internal::write_attribute(object, name, value, where);
  });
}
} // namespace

void ResultsWriter::set_attribute(const std::string& object_path, const std::string& name,
                                  const std::string& value) {
  Impl& impl = writable("set an attribute");
  set_attribute_on(impl.file.get(), impl.final_path, object_path, name, value);
}

void ResultsWriter::set_attribute(const std::string& object_path, const std::string& name,
                                  const char* value) {
  set_attribute(object_path, name, std::string(value == nullptr ? "" : value));
}

void ResultsWriter::set_attribute(const std::string& object_path, const std::string& name,
                                  std::int64_t value) {
  Impl& impl = writable("set an attribute");
  set_attribute_on(impl.file.get(), impl.final_path, object_path, name, value);
}

void ResultsWriter::set_unsigned_attribute(const std::string& object_path, const std::string& name,
                                           std::uint64_t value) {
  Impl& impl = writable("set an attribute");
  on_existing_object(impl.file.get(), impl.final_path, object_path,
                     [&](hid_t object, const std::string& where) {
                       internal::write_unsigned_attribute(object, name, value, where);
                     });
}

void ResultsWriter::set_attribute(const std::string& object_path, const std::string& name, double value) {
  Impl& impl = writable("set an attribute");
  set_attribute_on(impl.file.get(), impl.final_path, object_path, name, value);
}

void ResultsWriter::set_integer_attribute(const std::string& object_path, const std::string& name,
                                          bool in_range, std::int64_t value) {
  Impl& impl = writable("set an attribute");
  if (!in_range)
    throw ResultsError(impl.where(object_path) + ": attribute '" + name + "' does not fit in int64");
  set_attribute(object_path, name, value);
}

void ResultsWriter::create_group(const std::string& path) {
  Impl& impl = writable("create a group");
  internal::check_object_path(path, impl.final_path);
  if (path == "/")
    return;
  impl.ensure_parents(path);
  impl.ensure_group(path);
}

void ResultsWriter::write_text(const std::string& path, const std::string& text,
                               const std::string& description) {
  Impl& impl = writable("write");
  impl.prepare_new_object(path);
  Hdf5Handle type = internal::make_vlen_utf8_type();
  Hdf5Handle space = internal::checked_space(H5Screate(H5S_SCALAR), impl.where(path));
  Hdf5Handle dataset =
      internal::checked_dataset(H5Dcreate2(impl.file.get(), path.c_str(), type.get(), space.get(),
                                           H5P_DEFAULT, impl.dataset_creation.get(), H5P_DEFAULT),
                                impl.where(path) + ": cannot create dataset");
  const char* data = text.c_str();
  check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data),
               impl.where(path) + ": cannot write text");
  impl.write_dataset_attributes(dataset.get(), path, "", description);
}

void ResultsWriter::write_table(const std::string& path, const Table& table) {
  Impl& impl = writable("write");
  validate_table(table, impl.where(path)); // before creating any parent group
  impl.prepare_new_object(path);
  internal::write_table_dataset(impl.file.get(), path, table, impl.dataset_creation.get(), impl.where(path));
}

void ResultsWriter::write_series(const std::string& path, std::span<const double> values,
                                 const std::string& units, const std::string& description) {
  Impl& impl = writable("write");
  impl.prepare_new_object(path);
  const hsize_t size = values.size();
  Hdf5Handle space = internal::checked_space(H5Screate_simple(1, &size, nullptr), impl.where(path));
  Hdf5Handle creation = size > 0
                            ? impl.compressed_creation(std::min<hsize_t>(size, 4096), path)
                            : internal::checked_plist(H5Pcopy(impl.dataset_creation.get()), impl.where(path));
  Hdf5Handle dataset =
      internal::checked_dataset(H5Dcreate2(impl.file.get(), path.c_str(), H5T_IEEE_F64LE, space.get(),
                                           H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                                impl.where(path) + ": cannot create dataset");
  if (size > 0)
    check_status(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 impl.where(path) + ": cannot write series");
  impl.write_dataset_attributes(dataset.get(), path, units, description);
}

SeriesWriter ResultsWriter::open_series(const std::string& path, const std::string& units,
                                        const std::string& description, std::size_t chunk) {
  Impl& impl = writable("write");
  if (chunk == 0)
    throw ResultsError(impl.where(path) + ": a series needs a chunk of at least one value");
  impl.prepare_new_object(path);
  const hsize_t initial = 0;
  const hsize_t unlimited = H5S_UNLIMITED;
  Hdf5Handle space = internal::checked_space(H5Screate_simple(1, &initial, &unlimited), impl.where(path));
  Hdf5Handle creation = impl.compressed_creation(chunk, path);
  auto state = std::make_shared<internal::SeriesState>();
  state->where = impl.where(path);
  state->chunk = chunk;
  state->element_bytes = sizeof(double);
  state->memory_type = internal::checked_type(H5Tcopy(H5T_NATIVE_DOUBLE), impl.where(path));
  state->dataset =
      internal::checked_dataset(H5Dcreate2(impl.file.get(), path.c_str(), H5T_IEEE_F64LE, space.get(),
                                           H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                                impl.where(path) + ": cannot create dataset");
  impl.write_dataset_attributes(state->dataset.get(), path, units, description);
  state->buffer.reserve(chunk * state->element_bytes);
  // Closed series are dropped here so that a run opening many short series does not accumulate them.
  std::erase_if(impl.series, [](const auto& s) { return s->closed && s->deferred_error.empty(); });
  impl.series.push_back(state);
  return SeriesWriter(std::move(state));
}

TableStream ResultsWriter::open_table_stream(const std::string& path, const std::string& description,
                                             const std::vector<Column>& columns, std::size_t chunk_rows,
                                             const std::vector<unsigned>& stored_bytes) {
  Impl& impl = writable("write");
  const std::string where = impl.where(path);
  if (chunk_rows == 0)
    throw ResultsError(where + ": a table needs a chunk of at least one row");
  Table header{description, columns, {}};
  validate_table(header, where);
  for (const Column& column : columns)
    if (column.type == ColumnType::string)
      throw ResultsError(where + ": column '" + column.name + "' is text; a streamed table holds numbers only");
  if (!stored_bytes.empty() && stored_bytes.size() != columns.size())
    throw ResultsError(where + ": " + std::to_string(stored_bytes.size()) + " stored widths for " +
                       std::to_string(columns.size()) + " columns");
  for (std::size_t c = 0; c < stored_bytes.size(); ++c) {
    const unsigned b = stored_bytes[c];
    const bool narrow = b == 1 || b == 2 || b == 4;
    if ((b != 0 && b != 8 && !narrow) || (narrow && columns[c].type != ColumnType::int64))
      throw ResultsError(where + ": column '" + columns[c].name + "' cannot be stored in " + std::to_string(b) +
                         " bytes (1, 2 or 4 for int64 columns, 8 for any)");
  }
  impl.prepare_new_object(path);
  const hsize_t initial = 0;
  const hsize_t unlimited = H5S_UNLIMITED;
  Hdf5Handle space = internal::checked_space(H5Screate_simple(1, &initial, &unlimited), where);
  Hdf5Handle creation = impl.compressed_creation(chunk_rows, path, 1);
  Hdf5Handle file_type = internal::make_row_type(columns, true, where, stored_bytes);
  auto state = std::make_shared<internal::SeriesState>();
  state->where = where;
  state->chunk = chunk_rows;
  state->memory_type = internal::make_row_type(columns, false, where);
  state->element_bytes = internal::slot_bytes * columns.size();
  state->dataset = internal::checked_dataset(H5Dcreate2(impl.file.get(), path.c_str(), file_type.get(), space.get(),
                                                        H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                                             where + ": cannot create dataset");
  internal::write_table_attributes(state->dataset.get(), description, columns, where);
  state->buffer.reserve(chunk_rows * state->element_bytes);
  std::erase_if(impl.series, [](const auto& s) { return s->closed && s->deferred_error.empty(); });
  impl.series.push_back(state);
  return TableStream(std::move(state), columns, stored_bytes);
}

namespace {
// HDF5 1.10 crashes inside H5Ocopy when the disk fills up during the copy, so the room a copy
// needs (at most the source file's size) is checked first: a full disk, or a file-size limit
// (RLIMIT_FSIZE), then gives one clear message instead.
// `share`: the part of the source being copied (one run of n: 1/n).
void check_room_for(const std::string& source_path, const std::string& temporary_path,
                    const std::string& final_path, double share = 1.0) {
  std::error_code error;
  const auto source_size = static_cast<std::uintmax_t>(
      static_cast<double>(std::filesystem::file_size(source_path, error)) * share);
  if (error)
    return;                                // opening it will say what is wrong
  const std::uintmax_t margin = 64 * 1024; // the copy's metadata and the file's own growth
  const std::uintmax_t needed = source_size + margin;
  const auto kb = [](std::uintmax_t bytes) { return std::to_string((bytes + 1023) / 1024) + " kB"; };
  struct statvfs fs {};
  if (::statvfs(temporary_path.c_str(), &fs) == 0) {
    const auto available = static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize;
    if (available < needed)
      throw ResultsError("cannot write results file " + final_path + ": no space left on device (" +
                         kb(needed) + " needed to add the runs of " + source_path + ", " + kb(available) +
                         " free)");
  }
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    const auto size = std::filesystem::file_size(temporary_path, error);
    if (!error && size + needed > limit.rlim_cur)
      throw ResultsError("cannot write results file " + final_path + ": file size limit exceeded (" +
                         kb(limit.rlim_cur) + " allowed by ulimit -f)");
  }
}
} // namespace

void ResultsWriter::copy_runs_from(const std::string& part_path) {
  Impl& impl = writable("copy runs");
  check_room_for(part_path, impl.temporary_path, impl.final_path);
  Hdf5Handle part = internal::open_results_file(part_path, true);
  if (!internal::object_exists(part.get(), "/runs", part_path))
    return;
  const std::vector<std::string> runs = internal::list_children(part.get(), "/runs", part_path);
  for (const std::string& run : runs)
    if (internal::object_exists(impl.file.get(), "/runs/" + run, impl.final_path))
      throw ResultsError("cannot copy the runs of " + part_path + " into " + impl.final_path +
                         ": duplicate run id '" + run + "' (/runs/" + run + " is already there)");
  if (runs.empty())
    return;
  impl.ensure_group("/runs");
  for (const std::string& run : runs) {
    const std::string path = "/runs/" + run;
    check_status(H5Ocopy(part.get(), path.c_str(), impl.file.get(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT),
                 "cannot copy " + path + " of " + part_path + " into " + impl.final_path);
  }
}

void ResultsWriter::copy_run_from(const std::string& source_path, const std::string& run_id,
                                  bool source_verified) {
  Impl& impl = writable("copy a run");
  Hdf5Handle source = internal::open_results_file(source_path, !source_verified);
  const std::string path = "/runs/" + run_id;
  if (!internal::object_exists(source.get(), path, source_path))
    throw ResultsError(source_path + ": '" + path + "' does not exist");
  // One run of several: its share of the file is what the copy needs.
  const auto runs = internal::list_children(source.get(), "/runs", source_path).size();
  check_room_for(source_path, impl.temporary_path, impl.final_path, 1.0 / static_cast<double>(runs));
  if (internal::object_exists(impl.file.get(), path, impl.final_path))
    throw ResultsError(impl.where(path) + " already exists");
  impl.ensure_group("/runs");
  check_status(H5Ocopy(source.get(), path.c_str(), impl.file.get(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT),
               "cannot copy " + path + " of " + source_path + " into " + impl.final_path);
}

void ResultsWriter::commit() {
  Impl& impl = writable("commit");
  try {
    impl.close_all_series();
    if (!impl.file.reset())
      internal::throw_hdf5_error("cannot write results file " + impl.final_path);
    internal::seal_file(impl.temporary_path);
    sync_file(impl.temporary_path, false);
    impl.publish(impl.overwrite);
  } catch (...) {
    // A commit that failed half way must not be retried into a file with missing data: the writer
    // becomes unusable and its temporary file is removed on destruction.
    impl.file.reset();
    throw;
  }
  impl.committed = true;
  const std::filesystem::path parent = std::filesystem::path(impl.final_path).parent_path();
  sync_file(parent.empty() ? std::string(".") : parent.string(), true);
}

const std::string& ResultsWriter::final_path() const {
  return impl_->final_path;
}
const std::string& ResultsWriter::temporary_path() const {
  return impl_->temporary_path;
}
bool ResultsWriter::committed() const {
  return impl_ && impl_->committed;
}

} // namespace gigatwin::results
