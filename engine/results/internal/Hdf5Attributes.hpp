#pragma once

// Internal to gigatwin_results: reading and writing attributes and strings, shared by the writer and
// the reader. `where` names the object in messages ("<file>: '/runs/3'").

#include "Hdf5Handle.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gigatwin::results::internal {

// Attributes are replaced if they already exist, so that a caller can override defaults.
void write_attribute(hid_t object, const std::string& name, const std::string& value,
                     const std::string& where);
void write_attribute(hid_t object, const std::string& name, std::int64_t value, const std::string& where);
// An unsigned 64-bit integer attribute (H5T_STD_U64LE).
void write_unsigned_attribute(hid_t object, const std::string& name, std::uint64_t value,
                              const std::string& where);
void write_attribute(hid_t object, const std::string& name, double value, const std::string& where);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values,
                     const std::string& where);

bool has_attribute(hid_t object, const std::string& name, const std::string& where);
std::string read_string_attribute(hid_t object, const std::string& name, const std::string& where);
std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name,
                                                     const std::string& where);
std::int64_t read_int_attribute(hid_t object, const std::string& name, const std::string& where);
// An unsigned integer attribute, or a signed one that is not negative.
std::uint64_t read_unsigned_attribute(hid_t object, const std::string& name, const std::string& where);
double read_double_attribute(hid_t object, const std::string& name, const std::string& where);

// Every string of a string-typed dataset (fixed or variable length), in storage order.
std::vector<std::string> read_string_dataset(hid_t dataset, const std::string& where);

} // namespace gigatwin::results::internal
