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
// `first` and `count` read a slice of the rows (past the end: fewer, or none).
Table read_table_dataset(hid_t dataset, const std::string& where, std::size_t first = 0,
                         std::size_t count = static_cast<std::size_t>(-1));
std::size_t table_row_count(hid_t dataset, const std::string& where);

// Every member occupies an 8-byte slot in memory: int64, double and the char* of a variable-length
// string all fit, so a row is 8 * columns bytes and slots are naturally aligned.
inline constexpr std::size_t slot_bytes = 8;
// The compound type of one row of `columns`: in memory (slots) or as stored (little-endian).
// `stored_bytes` (as stored, per column; empty or 0: 8) narrows int64 columns to 1, 2 or 4 bytes.
Hdf5Handle make_row_type(const std::vector<Column>& columns, bool for_file, const std::string& where,
                         const std::vector<unsigned>& stored_bytes = {});
// Packs `row` (cells of the columns' types) into 8-byte slots at `slot`.
void pack_row(const std::vector<Cell>& row, unsigned char* slot);
// The attributes every table carries: description, units[] and column_descriptions[].
void write_table_attributes(hid_t dataset, const std::string& description, const std::vector<Column>& columns,
                            const std::string& where);

} // namespace gigatwin::results::internal
