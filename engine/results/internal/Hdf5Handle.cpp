#include "Hdf5Handle.hpp"

#include "../ResultsError.hpp"

#include <mutex>

namespace gigatwin::results::internal {

void silence_hdf5_errors() {
  static std::once_flag once;
  std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

namespace {
herr_t keep_first_description(unsigned n, const H5E_error2_t* error, void* client) {
  // Walking upwards, entry 0 is where HDF5 detected the problem: the most telling message.
  if (n == 0 && error != nullptr && error->desc != nullptr && error->desc[0] != '\0')
    *static_cast<std::string*>(client) = error->desc;
  return 0;
}
} // namespace

std::string hdf5_error_detail() {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_first_description, &detail);
  H5Eclear2(H5E_DEFAULT);
  return detail.empty() ? std::string("unknown HDF5 error") : detail;
}

void throw_hdf5_error(const std::string& what) {
  throw ResultsError(what + ": " + hdf5_error_detail());
}

Hdf5Handle checked(hid_t id, Hdf5Handle::Closer closer, const std::string& what) {
  if (id < 0)
    throw_hdf5_error(what);
  return Hdf5Handle(id, closer);
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0)
    throw_hdf5_error(what);
}

Hdf5Handle checked_file(hid_t id, const std::string& what) {
  return checked(id, H5Fclose, what);
}
Hdf5Handle checked_group(hid_t id, const std::string& what) {
  return checked(id, H5Gclose, what);
}
Hdf5Handle checked_dataset(hid_t id, const std::string& what) {
  return checked(id, H5Dclose, what);
}
Hdf5Handle checked_object(hid_t id, const std::string& what) {
  return checked(id, H5Oclose, what);
}
Hdf5Handle checked_attribute(hid_t id, const std::string& what) {
  return checked(id, H5Aclose, what);
}
Hdf5Handle checked_type(hid_t id, const std::string& what) {
  return checked(id, H5Tclose, what);
}
Hdf5Handle checked_space(hid_t id, const std::string& what) {
  return checked(id, H5Sclose, what);
}
Hdf5Handle checked_plist(hid_t id, const std::string& what) {
  return checked(id, H5Pclose, what);
}

Hdf5Handle make_vlen_utf8_type() {
  Hdf5Handle type = checked_type(H5Tcopy(H5T_C_S1), "cannot create a string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "cannot create a string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create a string type");
  return type;
}

} // namespace gigatwin::results::internal
