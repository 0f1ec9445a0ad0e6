#include "Hdf5Attributes.hpp"

#include "results/ResultsError.hpp"

#include <cstring>
#include <functional>
#include <new>

namespace gigatwin::results::internal {

namespace {

Hdf5Handle replace_attribute(hid_t object, const std::string& name, hid_t type, hid_t space,
                             const std::string& where) {
  const htri_t exists = H5Aexists(object, name.c_str());
  check_status(exists, where + ": cannot query attribute '" + name + "'");
  if (exists > 0)
    check_status(H5Adelete(object, name.c_str()), where + ": cannot replace attribute '" + name + "'");
  return checked_attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                           where + ": cannot create attribute '" + name + "'");
}

void write_scalar(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                  const void* value, const std::string& where) {
  Hdf5Handle space = checked_space(H5Screate(H5S_SCALAR), where + ": cannot create a dataspace");
  Hdf5Handle attribute = replace_attribute(object, name, file_type, space.get(), where);
  check_status(H5Awrite(attribute.get(), memory_type, value),
               where + ": cannot write attribute '" + name + "'");
}

Hdf5Handle open_attribute(hid_t object, const std::string& name, const std::string& where) {
  const htri_t exists = H5Aexists(object, name.c_str());
  check_status(exists, where + ": cannot query attribute '" + name + "'");
  if (exists == 0)
    throw ResultsError(where + " has no attribute '" + name + "'");
  return checked_attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                           where + ": cannot open attribute '" + name + "'");
}

// Reads `count` strings of `file_type` through `read(memory_type, buffer)`, for attributes and datasets
// alike. Variable-length buffers are handed back to HDF5 even when the read fails half way.
std::vector<std::string> read_strings(hid_t file_type, hid_t space, hsize_t count,
                                      const std::function<herr_t(hid_t, void*)>& read,
                                      const std::string& what) {
  if (H5Tget_class(file_type) != H5T_STRING)
    throw ResultsError(what + ": not a string");
  std::vector<std::string> out;
  const htri_t variable = H5Tis_variable_str(file_type);
  check_status(variable, what);
  try {
    if (variable > 0) {
      Hdf5Handle memory_type = make_vlen_utf8_type();
      check_status(H5Tset_cset(memory_type.get(), H5Tget_cset(file_type)), what);
      std::vector<char*> pointers(count, nullptr);
      const herr_t status = read(memory_type.get(), pointers.data());
      if (status >= 0)
        for (char* p : pointers)
          out.emplace_back(p == nullptr ? "" : p);
      H5Dvlen_reclaim(memory_type.get(), space, H5P_DEFAULT, pointers.data());
      check_status(status, what);
    } else {
      const std::size_t size = H5Tget_size(file_type);
      if (size == 0)
        throw_hdf5_error(what);
      Hdf5Handle memory_type = checked_type(H5Tcopy(file_type), what);
      std::vector<char> bytes(count * size, '\0');
      check_status(read(memory_type.get(), bytes.data()), what);
      const bool space_padded = H5Tget_strpad(file_type) == H5T_STR_SPACEPAD;
      for (hsize_t i = 0; i < count; ++i) {
        const char* start = bytes.data() + i * size;
        std::string s(start, strnlen(start, size));
        if (space_padded)
          s.erase(s.find_last_not_of(' ') + 1);
        out.push_back(std::move(s));
      }
    }
  } catch (const std::bad_alloc&) {
    throw ResultsError(what + ": too large to read (damaged file?)");
  }
  return out;
}

std::vector<std::string> read_string_attribute_values(hid_t object, const std::string& name,
                                                      const std::string& where) {
  const std::string what = where + ": attribute '" + name + "'";
  Hdf5Handle attribute = open_attribute(object, name, where);
  Hdf5Handle type = checked_type(H5Aget_type(attribute.get()), what);
  Hdf5Handle space = checked_space(H5Aget_space(attribute.get()), what);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0)
    throw_hdf5_error(what);
  const hid_t attribute_id = attribute.get();
  return read_strings(
      type.get(), space.get(), static_cast<hsize_t>(count),
      [attribute_id](hid_t memory_type, void* buffer) { return H5Aread(attribute_id, memory_type, buffer); },
      what);
}

template <class T>
T read_number_attribute(hid_t object, const std::string& name, const std::string& where, hid_t memory_type,
                        bool accept_float) {
  const std::string what = where + ": attribute '" + name + "'";
  Hdf5Handle attribute = open_attribute(object, name, where);
  Hdf5Handle type = checked_type(H5Aget_type(attribute.get()), what);
  Hdf5Handle space = checked_space(H5Aget_space(attribute.get()), what);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class != H5T_INTEGER && !(accept_float && type_class == H5T_FLOAT))
    throw ResultsError(what + " is not " + (accept_float ? "a number" : "an integer"));
  if (H5Sget_simple_extent_npoints(space.get()) != 1)
    throw ResultsError(what + " is not a single value");
  T value{};
  check_status(H5Aread(attribute.get(), memory_type, &value), what);
  return value;
}

} // namespace

void write_attribute(hid_t object, const std::string& name, const std::string& value,
                     const std::string& where) {
  Hdf5Handle type = make_vlen_utf8_type();
  const char* text = value.c_str();
  write_scalar(object, name, type.get(), type.get(), &text, where);
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value, const std::string& where) {
  write_scalar(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, where);
}

void write_unsigned_attribute(hid_t object, const std::string& name, std::uint64_t value,
                              const std::string& where) {
  write_scalar(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value, where);
}

void write_attribute(hid_t object, const std::string& name, double value, const std::string& where) {
  write_scalar(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value, where);
}

void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values,
                     const std::string& where) {
  Hdf5Handle type = make_vlen_utf8_type();
  const hsize_t count = values.size();
  Hdf5Handle space =
      checked_space(H5Screate_simple(1, &count, nullptr), where + ": cannot create a dataspace");
  Hdf5Handle attribute = replace_attribute(object, name, type.get(), space.get(), where);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values)
    pointers.push_back(value.c_str());
  check_status(H5Awrite(attribute.get(), type.get(), pointers.data()),
               where + ": cannot write attribute '" + name + "'");
}

bool has_attribute(hid_t object, const std::string& name, const std::string& where) {
  const htri_t exists = H5Aexists(object, name.c_str());
  check_status(exists, where + ": cannot query attribute '" + name + "'");
  return exists > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name, const std::string& where) {
  std::vector<std::string> values = read_string_attribute_values(object, name, where);
  if (values.size() != 1)
    throw ResultsError(where + ": attribute '" + name + "' is not a single string");
  return std::move(values.front());
}

std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name,
                                                     const std::string& where) {
  return read_string_attribute_values(object, name, where);
}

std::int64_t read_int_attribute(hid_t object, const std::string& name, const std::string& where) {
  return read_number_attribute<std::int64_t>(object, name, where, H5T_NATIVE_INT64, false);
}

std::uint64_t read_unsigned_attribute(hid_t object, const std::string& name, const std::string& where) {
  // Files of earlier versions keep such values as int64: read those too, refusing a negative one
  // rather than letting HDF5's conversion clamp it.
  bool is_unsigned = false;
  {
    Hdf5Handle attribute = open_attribute(object, name, where);
    Hdf5Handle type = checked_type(H5Aget_type(attribute.get()), where + ": attribute '" + name + "'");
    is_unsigned = H5Tget_class(type.get()) == H5T_INTEGER && H5Tget_sign(type.get()) == H5T_SGN_NONE;
  }
  if (is_unsigned)
    return read_number_attribute<std::uint64_t>(object, name, where, H5T_NATIVE_UINT64, false);
  const auto value = read_number_attribute<std::int64_t>(object, name, where, H5T_NATIVE_INT64, false);
  if (value < 0)
    throw ResultsError(where + ": attribute '" + name + "' is negative (" + std::to_string(value) +
                       "), expected an unsigned integer");
  return static_cast<std::uint64_t>(value);
}

double read_double_attribute(hid_t object, const std::string& name, const std::string& where) {
  return read_number_attribute<double>(object, name, where, H5T_NATIVE_DOUBLE, true);
}

std::vector<std::string> read_string_dataset(hid_t dataset, const std::string& where) {
  Hdf5Handle type = checked_type(H5Dget_type(dataset), where);
  Hdf5Handle space = checked_space(H5Dget_space(dataset), where);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0)
    throw_hdf5_error(where);
  return read_strings(
      type.get(), space.get(), static_cast<hsize_t>(count),
      [dataset](hid_t memory_type, void* buffer) {
        return H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      where);
}

} // namespace gigatwin::results::internal
