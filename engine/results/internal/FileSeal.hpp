#pragma once

// Internal to gigatwin_results: a whole-file checksum kept in the HDF5 user block.
//
// Why: HDF5 1.10 trusts what it reads; a damaged length in a variable-length string, for example,
// makes it copy out of bounds (found by flipping bytes of a results file under ASan). So a file is
// checked before HDF5 parses any of it. The writer reserves the first `user_block_bytes` of the file
// (H5Pset_userblock; HDF5 then starts at that offset and every HDF5 tool, h5py included, skips it),
// and after closing the file writes there a short text header with the length and the FNV-1a 64-bit
// hash of everything after it. FNV-1a detects every single-byte change with certainty (each step is
// a bijection of the state) and other damage with probability 1 - 2^-64.

#include <cstddef>
#include <string>

namespace gigatwin::results::internal {

inline constexpr std::size_t user_block_bytes = 512;

// Writes the header into the user block of the closed file `path`.
void seal_file(const std::string& path);

enum class SealState {
  absent,   // no user block: a file written by other software, or repacked; nothing to verify
  verified, // header found, length and checksum match
};

// Checks the seal of `path`; throws ResultsError("<not_ours><why>") if there is a user block that
// does not hold a valid header, or if the length or checksum differ.
SealState verify_seal(const std::string& path, const std::string& not_ours);

} // namespace gigatwin::results::internal
