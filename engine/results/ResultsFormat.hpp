#pragma once

#include <cstdint>
#include <string_view>

namespace gigatwin::results {

// The marks that make an HDF5 file a GigaTwin results file; the layout itself is described in
// README.md, "Results file (HDF5)", and checked by tests/results/check_layout.py.
inline constexpr std::string_view results_format = "gigatwin-results";
inline constexpr std::string_view format_attribute = "format";
// Bumped whenever a reader of the previous version would misread a file.
inline constexpr std::int64_t results_format_version = 1;

} // namespace gigatwin::results
