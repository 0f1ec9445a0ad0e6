#include "Hdf5Tables.hpp"

#include "results/ResultsError.hpp"
#include "Hdf5Attributes.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

namespace gigatwin::results::internal {

namespace {

// One column as found in a file: its memory slot and, for fixed-length strings, their size.
struct StoredColumn {
  ColumnType type;
  std::size_t offset = 0;
  std::size_t fixed_string_bytes = 0; // 0: not a fixed-length string
  bool space_padded = false;
};

// Hands variable-length strings back to HDF5 on every path out of a read.
class VlenReclaim {
public:
  VlenReclaim(hid_t type, hid_t space, void* buffer) : type_(type), space_(space), buffer_(buffer) {}
  VlenReclaim(const VlenReclaim&) = delete;
  VlenReclaim& operator=(const VlenReclaim&) = delete;
  ~VlenReclaim() { H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, buffer_); }

private:
  hid_t type_;
  hid_t space_;
  void* buffer_;
};

std::string member_name(hid_t compound, unsigned index, const std::string& where) {
  char* raw = H5Tget_member_name(compound, index);
  if (raw == nullptr)
    throw_hdf5_error(where + ": cannot read a column name");
  std::string name(raw);
  H5free_memory(raw);
  return name;
}

} // namespace

// Every member occupies an 8-byte slot in memory: int64, double and the char* of a variable-length
// string all fit, so a row is 8 * columns bytes and slots are naturally aligned.
Hdf5Handle make_row_type(const std::vector<Column>& columns, bool for_file, const std::string& where,
                         const std::vector<unsigned>& stored_bytes) {
  // As stored, the members are packed one after the other; in memory each has its 8-byte slot.
  std::size_t file_bytes = 0;
  const auto width = [&](std::size_t c) -> std::size_t {
    if (!for_file)
      return slot_bytes;
    const unsigned narrow = c < stored_bytes.size() ? stored_bytes[c] : 0;
    return columns[c].type == ColumnType::int64 && (narrow == 1 || narrow == 2 || narrow == 4) ? narrow : slot_bytes;
  };
  for (std::size_t c = 0; c < columns.size(); ++c)
    file_bytes += width(c);
  Hdf5Handle row = checked_type(H5Tcreate(H5T_COMPOUND, for_file ? file_bytes : slot_bytes * columns.size()),
                                where + ": cannot create the row type");
  Hdf5Handle text = make_vlen_utf8_type();
  std::size_t offset = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    hid_t member = text.get();
    const std::size_t bytes = width(c);
    if (columns[c].type == ColumnType::int64 && bytes != slot_bytes)
      member = bytes == 1 ? H5T_STD_I8LE : bytes == 2 ? H5T_STD_I16LE : H5T_STD_I32LE;
    else if (columns[c].type == ColumnType::int64)
      member = for_file ? H5T_STD_I64LE : H5T_NATIVE_INT64;
    else if (columns[c].type == ColumnType::uint64)
      member = for_file ? H5T_STD_U64LE : H5T_NATIVE_UINT64;
    else if (columns[c].type == ColumnType::float64)
      member = for_file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE;
    check_status(H5Tinsert(row.get(), columns[c].name.c_str(), offset, member),
                 where + ": cannot add column '" + columns[c].name + "' to the row type");
    offset += bytes;
  }
  return row;
}

void pack_row(const std::vector<Cell>& row, unsigned char* slot) {
  for (const Cell& cell : row) {
    if (const auto* i = std::get_if<std::int64_t>(&cell))
      std::memcpy(slot, i, sizeof *i);
    else if (const auto* u = std::get_if<std::uint64_t>(&cell))
      std::memcpy(slot, u, sizeof *u);
    else if (const auto* d = std::get_if<double>(&cell))
      std::memcpy(slot, d, sizeof *d);
    else {
      const char* text = std::get<std::string>(cell).c_str();
      std::memcpy(slot, &text, sizeof text);
    }
    slot += slot_bytes;
  }
}

void write_table_attributes(hid_t dataset, const std::string& description, const std::vector<Column>& columns,
                            const std::string& where) {
  std::vector<std::string> units;
  std::vector<std::string> descriptions;
  for (const Column& column : columns) {
    units.push_back(column.units);
    descriptions.push_back(column.description);
  }
  write_attribute(dataset, "description", description, where);
  write_attribute(dataset, "units", units, where);
  write_attribute(dataset, "column_descriptions", descriptions, where);
}

void write_table_dataset(hid_t file, const std::string& path, const Table& table, hid_t dataset_creation,
                         const std::string& where) {
  validate_table(table, where);
  const std::size_t row_bytes = slot_bytes * table.columns.size();
  Hdf5Handle memory_type = make_row_type(table.columns, false, where);
  Hdf5Handle file_type = make_row_type(table.columns, true, where);

  const hsize_t rows = table.rows.size();
  Hdf5Handle space =
      checked_space(H5Screate_simple(1, &rows, nullptr), where + ": cannot create a dataspace");
  Hdf5Handle creation = checked_plist(H5Pcopy(dataset_creation), where);
  if (rows > 0) {
    // About 64 KiB of rows per chunk: big enough to compress well, small enough to read one run's
    // stations without inflating the whole table.
    const hsize_t chunk = std::clamp<hsize_t>(65536 / row_bytes, 1, rows);
    check_status(H5Pset_chunk(creation.get(), 1, &chunk), where + ": cannot set chunking");
    check_status(H5Pset_shuffle(creation.get()), where + ": cannot set the shuffle filter");
    check_status(H5Pset_deflate(creation.get(), 4), where + ": cannot set compression");
  }
  Hdf5Handle dataset = checked_dataset(
      H5Dcreate2(file, path.c_str(), file_type.get(), space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
      where + ": cannot create dataset");

  if (rows > 0) {
    std::vector<unsigned char> buffer(row_bytes * table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      pack_row(table.rows[r], buffer.data() + r * row_bytes);
    check_status(H5Dwrite(dataset.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                 where + ": cannot write table rows");
  }

  write_table_attributes(dataset.get(), table.description, table.columns, where);
}

std::size_t table_row_count(hid_t dataset, const std::string& where) {
  Hdf5Handle space = checked_space(H5Dget_space(dataset), where);
  const hssize_t rows = H5Sget_simple_extent_npoints(space.get());
  if (rows < 0)
    throw_hdf5_error(where);
  return static_cast<std::size_t>(rows);
}

Table read_table_dataset(hid_t dataset, const std::string& where, std::size_t first, std::size_t count) {
  Hdf5Handle file_type = checked_type(H5Dget_type(dataset), where);
  if (H5Tget_class(file_type.get()) != H5T_COMPOUND)
    throw ResultsError(where + " is not a table (not a compound dataset)");
  Hdf5Handle space = checked_space(H5Dget_space(dataset), where);
  if (H5Sget_simple_extent_ndims(space.get()) > 1)
    throw ResultsError(where + " is not a table (more than one dimension)");
  const hssize_t row_count = H5Sget_simple_extent_npoints(space.get());
  if (row_count < 0)
    throw_hdf5_error(where);
  const int member_count = H5Tget_nmembers(file_type.get());
  if (member_count <= 0)
    throw ResultsError(where + " is not a table (no columns)");

  Table table;
  std::vector<StoredColumn> stored;
  std::vector<Hdf5Handle> member_types;
  std::size_t row_bytes = 0;
  for (unsigned m = 0; m < static_cast<unsigned>(member_count); ++m) {
    Column column;
    column.name = member_name(file_type.get(), m, where);
    const std::string what = where + ": column '" + column.name + "'";
    Hdf5Handle member = checked_type(H5Tget_member_type(file_type.get(), m), what);
    StoredColumn slot;
    slot.offset = row_bytes;
    Hdf5Handle memory_member;
    switch (H5Tget_class(member.get())) {
    case H5T_INTEGER: {
      // Unsigned 64-bit members stay unsigned (the seed); every other integer reads as int64.
      const bool wide_unsigned = H5Tget_sign(member.get()) == H5T_SGN_NONE && H5Tget_size(member.get()) == 8;
      column.type = wide_unsigned ? ColumnType::uint64 : ColumnType::int64;
      memory_member = checked_type(H5Tcopy(wide_unsigned ? H5T_NATIVE_UINT64 : H5T_NATIVE_INT64), what);
      row_bytes += slot_bytes;
      break;
    }
    case H5T_FLOAT:
      column.type = ColumnType::float64;
      memory_member = checked_type(H5Tcopy(H5T_NATIVE_DOUBLE), what);
      row_bytes += slot_bytes;
      break;
    case H5T_STRING: {
      column.type = ColumnType::string;
      const htri_t variable = H5Tis_variable_str(member.get());
      check_status(variable, what);
      if (variable > 0) {
        memory_member = make_vlen_utf8_type();
        check_status(H5Tset_cset(memory_member.get(), H5Tget_cset(member.get())), what);
        row_bytes += slot_bytes;
      } else {
        slot.fixed_string_bytes = H5Tget_size(member.get());
        if (slot.fixed_string_bytes == 0)
          throw_hdf5_error(what);
        slot.space_padded = H5Tget_strpad(member.get()) == H5T_STR_SPACEPAD;
        memory_member = checked_type(H5Tcopy(member.get()), what);
        row_bytes += (slot.fixed_string_bytes + slot_bytes - 1) / slot_bytes * slot_bytes;
      }
      break;
    }
    default:
      throw ResultsError(what + " has a type that is not int64, float64 or string");
    }
    slot.type = column.type;
    stored.push_back(slot);
    member_types.push_back(std::move(memory_member));
    table.columns.push_back(std::move(column));
  }

  Hdf5Handle memory_type =
      checked_type(H5Tcreate(H5T_COMPOUND, row_bytes), where + ": cannot build the row type");
  for (std::size_t c = 0; c < stored.size(); ++c)
    check_status(
        H5Tinsert(memory_type.get(), table.columns[c].name.c_str(), stored[c].offset, member_types[c].get()),
        where + ": cannot build the row type");

  const auto all_rows = static_cast<std::size_t>(row_count);
  first = std::min(first, all_rows);
  const std::size_t rows = std::min(count, all_rows - first);
  // A slice reads through a hyperslab of the file's rows into a buffer of just that many.
  Hdf5Handle memory_space;
  if (rows != all_rows) {
    const hsize_t start = first, n = rows;
    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr), where);
    memory_space = checked_space(H5Screate_simple(1, &n, nullptr), where);
  }
  const hid_t file_selection = rows != all_rows ? space.get() : H5S_ALL;
  const hid_t memory_selection = rows != all_rows ? memory_space.get() : H5S_ALL;
  if (rows > std::numeric_limits<std::size_t>::max() / row_bytes)
    throw ResultsError(where + ": table too large to read (damaged file?)");
  try {
    std::vector<unsigned char> buffer(rows * row_bytes, 0);
    if (rows > 0) {
      VlenReclaim reclaim(memory_type.get(), rows != all_rows ? memory_space.get() : space.get(), buffer.data());
      check_status(H5Dread(dataset, memory_type.get(), memory_selection, file_selection, H5P_DEFAULT,
                           buffer.data()),
                   where + ": cannot read table rows");
      table.rows.reserve(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        const unsigned char* base = buffer.data() + r * row_bytes;
        std::vector<Cell> row;
        row.reserve(stored.size());
        for (const StoredColumn& slot : stored) {
          const unsigned char* at = base + slot.offset;
          if (slot.type == ColumnType::int64) {
            std::int64_t value = 0;
            std::memcpy(&value, at, sizeof value);
            row.emplace_back(value);
          } else if (slot.type == ColumnType::uint64) {
            std::uint64_t value = 0;
            std::memcpy(&value, at, sizeof value);
            row.emplace_back(value);
          } else if (slot.type == ColumnType::float64) {
            double value = 0;
            std::memcpy(&value, at, sizeof value);
            row.emplace_back(value);
          } else if (slot.fixed_string_bytes > 0) {
            const char* text = reinterpret_cast<const char*>(at);
            std::string value(text, strnlen(text, slot.fixed_string_bytes));
            if (slot.space_padded)
              value.erase(value.find_last_not_of(' ') + 1);
            row.emplace_back(std::move(value));
          } else {
            const char* text = nullptr;
            std::memcpy(&text, at, sizeof text);
            row.emplace_back(std::string(text == nullptr ? "" : text));
          }
        }
        table.rows.push_back(std::move(row));
      }
    }
  } catch (const std::bad_alloc&) {
    throw ResultsError(where + ": table too large to read (damaged file?)");
  }

  if (has_attribute(dataset, "description", where))
    table.description = read_string_attribute(dataset, "description", where);
  const auto restore = [&](const char* name, std::string Column::*field) {
    if (!has_attribute(dataset, name, where))
      return;
    const std::vector<std::string> values = read_string_array_attribute(dataset, name, where);
    if (values.size() != table.columns.size())
      return;
    for (std::size_t c = 0; c < values.size(); ++c)
      table.columns[c].*field = values[c];
  };
  restore("units", &Column::units);
  restore("column_descriptions", &Column::description);
  return table;
}

} // namespace gigatwin::results::internal
