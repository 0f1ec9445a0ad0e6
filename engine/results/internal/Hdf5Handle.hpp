#pragma once

// Internal to gigatwin_results: the only header of the project that includes HDF5. Not part of the
// public API (public headers never include it).

#include <hdf5.h>

#include <string>
#include <utility>

namespace gigatwin::results::internal {

// Owns one HDF5 identifier and releases it with the matching H5?close, so that no error path leaks
// a file, dataset, type, space, attribute or property list (the test suite runs under ASan, and a
// leaked file id would also keep the file open and block the final rename).
class Hdf5Handle {
public:
  using Closer = herr_t (*)(hid_t);

  Hdf5Handle() = default;
  Hdf5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Hdf5Handle(const Hdf5Handle&) = delete;
  Hdf5Handle& operator=(const Hdf5Handle&) = delete;
  Hdf5Handle(Hdf5Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  ~Hdf5Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Closes now; returns false if HDF5 reported a failure (e.g. a flush on file close failed).
  bool reset() {
    bool ok = true;
    if (id_ >= 0 && closer_ != nullptr)
      ok = closer_(id_) >= 0;
    id_ = H5I_INVALID_HID;
    return ok;
  }

private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Turns off HDF5's printing of its error stack to stderr (once per process); errors are reported
// through ResultsError instead.
void silence_hdf5_errors();

// The most specific message on HDF5's current error stack ("truncated file: eof = ...", "unable to
// open file", ...), or "unknown HDF5 error"; clears the stack.
std::string hdf5_error_detail();

// Throws ResultsError("<what>: <hdf5 detail>").
[[noreturn]] void throw_hdf5_error(const std::string& what);

// Wraps a freshly returned identifier; throws with `what` if it is negative.
Hdf5Handle checked(hid_t id, Hdf5Handle::Closer closer, const std::string& what);
// Throws with `what` if an HDF5 call returned a negative status.
void check_status(herr_t status, const std::string& what);

// Shorthands for the common kinds of handle.
Hdf5Handle checked_file(hid_t id, const std::string& what);
Hdf5Handle checked_group(hid_t id, const std::string& what);
Hdf5Handle checked_dataset(hid_t id, const std::string& what);
Hdf5Handle checked_object(hid_t id, const std::string& what);
Hdf5Handle checked_attribute(hid_t id, const std::string& what);
Hdf5Handle checked_type(hid_t id, const std::string& what);
Hdf5Handle checked_space(hid_t id, const std::string& what);
Hdf5Handle checked_plist(hid_t id, const std::string& what);

// A variable-length UTF-8 string type (what h5py writes and reads as `str`).
Hdf5Handle make_vlen_utf8_type();

} // namespace gigatwin::results::internal
