#pragma once
// Reads one column of observations from a CSV file for an empirical distribution. The first
// non-empty line is the header; fields are separated by commas and may be double-quoted.
// Empty fields are skipped (columns of a CSV often have different lengths). Problems in the
// file are reported at the CSV's own line and column.

#include "scenario/Diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

struct CsvColumnRequest {
  std::string file_path;   ///< path to open (already resolved against the scenario's folder)
  std::string column;      ///< header name; empty: the file must have exactly one column
  double unit_seconds = 1; ///< seconds per unit of the values
  std::string key_path;    ///< the scenario key that named the file, for messages
  SourcePos csv_pos;       ///< where the scenario names the file
  SourcePos column_pos;    ///< where the scenario names the column
};

/// The path of a data file as written in the scenario: relative to the folder of the file that
/// wrote it (`base_dir`, or the folder of the `extends` base the position comes from).
std::string resolve_data_path(const std::string& written, const SourcePos& pos, const std::string& base_dir,
                              const std::vector<std::string>& base_file_dirs);

/// A CSV file's text (at most 16 MiB, byte-order mark removed), or nullopt after recording a
/// diagnostic at `pos` under `key_path`.
std::optional<std::string> read_csv_text(const std::string& file_path, const std::string& key_path,
                                         const SourcePos& pos, DiagnosticLog& log);

/// The column's values in seconds, or nullopt after recording diagnostics.
std::optional<std::vector<double>> read_csv_column(const CsvColumnRequest& request, DiagnosticLog& log);

/// Splits one CSV line into fields; each field's 1-based starting column goes to `columns`.
std::vector<std::string> split_csv_line(const std::string& line, std::vector<int>& columns);

} // namespace gigatwin::scenario
