#include "Hdf5Handle.hpp"

#include "results/ResultsError.hpp"

#include <cctype>
#include <mutex>

namespace gigatwin::results::internal {

void silence_hdf5_errors() {
  static std::once_flag once;
  std::call_once(once, [] {
    // HDF5's own atexit handler closes every file id still registered; a file whose close failed
    // (its last flush met a full disk) is still registered in a broken state, and HDF5 1.10 then
    // crashes inside H5F__close_cb at exit. Every id of ours is closed by its Hdf5Handle, so the
    // handler has nothing to do but that crash. Must come before any other HDF5 call.
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  });
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
  if (detail.empty())
    return "unknown HDF5 error";
  // The file driver's messages carry the system's error ("file write failed: time = ..., errno =
  // 28, error message = 'No space left on device', buf = ..."): a person needs only that part.
  const std::string marker = "error message = '";
  if (const auto at = detail.find(marker); at != std::string::npos) {
    const auto from = at + marker.size();
    if (const auto to = detail.find('\'', from); to != std::string::npos && to > from) {
      std::string system = detail.substr(from, to - from);
      system[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(system[0])));
      return system;
    }
  }
  return detail;
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
