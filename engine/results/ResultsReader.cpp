#include "results/ResultsReader.hpp"

#include "internal/Hdf5Attributes.hpp"
#include "internal/Hdf5Files.hpp"
#include "internal/Hdf5Handle.hpp"
#include "internal/Hdf5Tables.hpp"
#include "results/ResultsError.hpp"

#include <new>

namespace gigatwin::results {

using internal::Hdf5Handle;

struct ResultsReader::Impl {
  std::string path;
  Hdf5Handle file;

  std::string where(const std::string& object_path) const { return path + ": '" + object_path + "'"; }

  Hdf5Handle open_object(const std::string& object_path) const {
    if (!internal::object_exists(file.get(), object_path, path))
      throw ResultsError(where(object_path) + " does not exist");
    return internal::checked_object(H5Oopen(file.get(), object_path.c_str(), H5P_DEFAULT),
                                    where(object_path) + ": cannot open");
  }

  Hdf5Handle open_dataset(const std::string& object_path) const {
    if (!internal::object_exists(file.get(), object_path, path))
      throw ResultsError(where(object_path) + " does not exist");
    return internal::checked_dataset(H5Dopen2(file.get(), object_path.c_str(), H5P_DEFAULT),
                                     where(object_path) + " is not a dataset");
  }
};

ResultsReader::ResultsReader(const std::string& path, Checksum checksum) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->file = internal::open_results_file(path, checksum == Checksum::verify);
}

ResultsReader::ResultsReader(ResultsReader&&) noexcept = default;
ResultsReader& ResultsReader::operator=(ResultsReader&&) noexcept = default;
ResultsReader::~ResultsReader() = default;

const std::string& ResultsReader::path() const {
  return impl_->path;
}

bool ResultsReader::has(const std::string& object_path) const {
  return internal::object_exists(impl_->file.get(), object_path, impl_->path);
}

bool ResultsReader::has_attribute(const std::string& object_path, const std::string& name) const {
  if (!has(object_path))
    return false;
  return internal::has_attribute(impl_->open_object(object_path).get(), name, impl_->where(object_path));
}

std::string ResultsReader::attribute_string(const std::string& object_path, const std::string& name) const {
  return internal::read_string_attribute(impl_->open_object(object_path).get(), name,
                                         impl_->where(object_path));
}

std::vector<std::string> ResultsReader::attribute_strings(const std::string& object_path,
                                                          const std::string& name) const {
  return internal::read_string_array_attribute(impl_->open_object(object_path).get(), name,
                                               impl_->where(object_path));
}

std::int64_t ResultsReader::attribute_int(const std::string& object_path, const std::string& name) const {
  return internal::read_int_attribute(impl_->open_object(object_path).get(), name, impl_->where(object_path));
}

std::uint64_t ResultsReader::attribute_unsigned(const std::string& object_path,
                                                const std::string& name) const {
  return internal::read_unsigned_attribute(impl_->open_object(object_path).get(), name,
                                           impl_->where(object_path));
}

double ResultsReader::attribute_double(const std::string& object_path, const std::string& name) const {
  return internal::read_double_attribute(impl_->open_object(object_path).get(), name,
                                         impl_->where(object_path));
}

std::string ResultsReader::read_text(const std::string& path) const {
  Hdf5Handle dataset = impl_->open_dataset(path);
  std::vector<std::string> strings = internal::read_string_dataset(dataset.get(), impl_->where(path));
  if (strings.size() != 1)
    throw ResultsError(impl_->where(path) + " is not a single text");
  return std::move(strings.front());
}

Table ResultsReader::read_table(const std::string& path) const {
  Hdf5Handle dataset = impl_->open_dataset(path);
  return internal::read_table_dataset(dataset.get(), impl_->where(path));
}

Table ResultsReader::read_table_rows(const std::string& path, std::size_t first, std::size_t count) const {
  Hdf5Handle dataset = impl_->open_dataset(path);
  return internal::read_table_dataset(dataset.get(), impl_->where(path), first, count);
}

std::size_t ResultsReader::table_rows(const std::string& path) const {
  Hdf5Handle dataset = impl_->open_dataset(path);
  return internal::table_row_count(dataset.get(), impl_->where(path));
}

std::vector<double> ResultsReader::read_series(const std::string& path) const {
  const std::string where = impl_->where(path);
  Hdf5Handle dataset = impl_->open_dataset(path);
  Hdf5Handle type = internal::checked_type(H5Dget_type(dataset.get()), where);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_FLOAT && type_class != H5T_INTEGER)
    throw ResultsError(where + " is not a numeric series");
  Hdf5Handle space = internal::checked_space(H5Dget_space(dataset.get()), where);
  if (H5Sget_simple_extent_ndims(space.get()) != 1)
    throw ResultsError(where + " is not a one-dimensional series");
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0)
    internal::throw_hdf5_error(where);
  std::vector<double> values;
  try {
    values.resize(static_cast<std::size_t>(count));
  } catch (const std::bad_alloc&) {
    throw ResultsError(where + ": series too large to read (damaged file?)");
  }
  if (count > 0)
    internal::check_status(
        H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        where + ": cannot read series");
  return values;
}

std::vector<std::string> ResultsReader::list(const std::string& group_path) const {
  return internal::list_children(impl_->file.get(), group_path, impl_->path);
}

bool is_hdf5_file(const std::string& path) {
  internal::silence_hdf5_errors();
  return H5Fis_hdf5(path.c_str()) > 0;
}

} // namespace gigatwin::results
