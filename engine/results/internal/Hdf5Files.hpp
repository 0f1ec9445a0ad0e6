#pragma once

// Internal to gigatwin_results: opening existing results files and walking their groups, shared by
// the reader and ResultsWriter::copy_runs_from.

#include "Hdf5Handle.hpp"

#include <string>
#include <vector>

namespace gigatwin::results::internal {

// Opens `path` read-only after checking, in this order, that it exists, that its checksum header
// matches (if it has one and `verify_checksum`; see FileSeal.hpp), that it is HDF5, opens (a
// truncated or damaged superblock fails here) and carries the root attribute
// format="gigatwin-results".
// Each failure is a ResultsError saying "<path> is not a GigaTwin results file: <why>" (or that it
// does not exist).
Hdf5Handle open_results_file(const std::string& path, bool verify_checksum);

// Throws unless `path` is "/" or an absolute path without empty components or a trailing '/'.
void check_object_path(const std::string& path, const std::string& file_name);

// True if every link along `path` exists and the last one leads to an object ("/" always exists).
bool object_exists(hid_t file, const std::string& path, const std::string& file_name);

// Names of the links in group `path`, sorted (byte order).
std::vector<std::string> list_children(hid_t file, const std::string& path, const std::string& file_name);

} // namespace gigatwin::results::internal
