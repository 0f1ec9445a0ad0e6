#include "Hdf5Files.hpp"

#include "results/ResultsError.hpp"
#include "../ResultsFormat.hpp"
#include "FileSeal.hpp"
#include "Hdf5Attributes.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace gigatwin::results::internal {

Hdf5Handle open_results_file(const std::string& path, bool verify_checksum) {
  silence_hdf5_errors();
  std::error_code error;
  if (!std::filesystem::exists(path, error))
    throw ResultsError("results file " + path + " does not exist");
  const std::string not_ours = path + " is not a GigaTwin results file: ";
  if (!std::filesystem::is_regular_file(path, error))
    throw ResultsError(not_ours + "not a regular file");
  const bool sealed = verify_checksum && verify_seal(path, not_ours) == SealState::verified;
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0)
    throw ResultsError(not_ours + hdf5_error_detail());
  if (is_hdf5 == 0)
    throw ResultsError(not_ours + "not an HDF5 file");
  Hdf5Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid())
    throw ResultsError(not_ours + "cannot open it (" + hdf5_error_detail() + ")");
  const std::string format_name(format_attribute);
  try {
    if (!has_attribute(file.get(), format_name, path))
      throw ResultsError(not_ours + "the root has no '" + std::string(format_attribute) + "' attribute");
    const std::string format = read_string_attribute(file.get(), format_name, path);
    if (format != results_format)
      throw ResultsError(not_ours + "its format is '" + format + "', not '" + std::string(results_format) +
                         "'");
    // A file without the header is not one GigaTwin wrote, whatever its attributes claim: another
    // program wrote it, or rewrote it without its user block.
    if (verify_checksum && !sealed)
      throw ResultsError(not_ours + "it lacks the 512-byte header GigaTwin writes first (another program "
                                    "wrote it, or rewrote it without its user block); gigatwin inspect and "
                                    "export read it anyway with --no-verify");
  } catch (const ResultsError& e) {
    const std::string message = e.what();
    if (message.starts_with(not_ours))
      throw;
    throw ResultsError(not_ours + message);
  }
  return file;
}

void check_object_path(const std::string& path, const std::string& file_name) {
  const bool ok = path == "/" || (path.size() > 1 && path.front() == '/' && path.back() != '/' &&
                                  path.find("//") == std::string::npos);
  if (!ok)
    throw ResultsError(file_name + ": '" + path + "' is not an absolute object path like /runs/3/stations");
}

bool object_exists(hid_t file, const std::string& path, const std::string& file_name) {
  check_object_path(path, file_name);
  if (path == "/")
    return true;
  // H5Lexists fails (rather than answering false) when an intermediate group is missing, so walk down.
  std::size_t end = 0;
  while (end != std::string::npos) {
    end = path.find('/', end + 1);
    const std::string prefix = path.substr(0, end);
    const htri_t exists = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
    if (exists < 0)
      throw_hdf5_error(file_name + ": cannot look up '" + prefix + "'");
    if (exists == 0)
      return false;
  }
  const htri_t exists = H5Oexists_by_name(file, path.c_str(), H5P_DEFAULT);
  if (exists < 0)
    throw_hdf5_error(file_name + ": cannot look up '" + path + "'");
  return exists > 0;
}

namespace {
herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* client) noexcept {
  try {
    static_cast<std::vector<std::string>*>(client)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}
} // namespace

std::vector<std::string> list_children(hid_t file, const std::string& path, const std::string& file_name) {
  check_object_path(path, file_name);
  const std::string where = file_name + ": '" + path + "'";
  Hdf5Handle group = checked_group(H5Gopen2(file, path.c_str(), H5P_DEFAULT), where + " is not a group");
  std::vector<std::string> names;
  hsize_t index = 0;
  check_status(H5Literate(group.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names),
               where + ": cannot list its members");
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace gigatwin::results::internal
