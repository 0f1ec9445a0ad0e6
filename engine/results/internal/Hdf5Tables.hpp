#pragma once

// Internal to gigatwin_results: a Table <-> one HDF5 compound dataset.

#include "../Table.hpp"
#include "Hdf5Handle.hpp"

#include <string>

namespace gigatwin::results::internal {

// Creates dataset `path` (its parent group must exist) holding `table`, chunked and compressed
// when it has rows, with the attributes description, units[] and column_descriptions[].
// `where` names the dataset in messages.
void write_table_dataset(hid_t file, const std::string& path, const Table& table, hid_t dataset_creation,
                         const std::string& where);

// Reads any 1-D compound dataset whose members are integers, floats or strings; units and column
// descriptions are restored when the attributes are present and have one entry per column.
Table read_table_dataset(hid_t dataset, const std::string& where);

} // namespace gigatwin::results::internal
