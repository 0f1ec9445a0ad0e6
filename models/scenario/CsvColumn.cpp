#include "scenario/CsvColumn.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/InputGuard.hpp"
#include "scenario/Units.hpp"
#include "scenario/YamlTree.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace gigatwin::scenario {

std::vector<std::string> split_csv_line(const std::string& line, std::vector<int>& columns) {
  std::vector<std::string> fields;
  columns.clear();
  std::size_t i = 0;
  while (true) {
    std::string field;
    columns.push_back(static_cast<int>(i) + 1);
    while (i < line.size() && line[i] == ' ')
      ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      while (i < line.size() && line[i] != ',')
        ++i;
    } else {
      while (i < line.size() && line[i] != ',')
        field += line[i++];
      while (!field.empty() && (field.back() == ' ' || field.back() == '\t'))
        field.pop_back();
    }
    fields.push_back(std::move(field));
    if (i >= line.size())
      break;
    ++i; // the comma
  }
  return fields;
}

std::string resolve_data_path(const std::string& written, const SourcePos& pos, const std::string& base_dir,
                              const std::vector<std::string>& base_file_dirs) {
  std::filesystem::path resolved(written);
  std::string dir = base_dir;
  if (pos.origin < 0) { // written in an `extends` base: relative to that file
    const auto k = static_cast<std::size_t>(-static_cast<long long>(pos.origin)) - 1;
    if (k < base_file_dirs.size())
      dir = base_file_dirs[k];
  }
  if (resolved.is_relative())
    resolved = std::filesystem::path(dir) / resolved;
  return resolved.lexically_normal().string();
}

std::optional<std::string> read_csv_text(const std::string& file_path, const std::string& key_path,
                                         const SourcePos& pos, DiagnosticLog& log) {
  constexpr std::size_t max_bytes = 16u << 20;
  const BoundedText file = read_bounded(file_path, max_bytes, true);
  if (!file.error.empty()) {
    log.add(pos, key_path, "a readable CSV file", quote(file_path) + " (" + file.error + ")");
    return std::nullopt;
  }
  if (file.too_large) {
    log.add(pos, key_path, "a CSV file of at most 16 MiB", "a larger file " + quote(file_path));
    return std::nullopt;
  }
  std::string content = file.text;
  if (content.rfind("\xEF\xBB\xBF", 0) == 0)
    content.erase(0, 3);
  return content;
}

std::optional<std::vector<double>> read_csv_column(const CsvColumnRequest& request, DiagnosticLog& log) {
  const std::string csv_key = request.key_path + ".csv";
  const std::optional<std::string> text = read_csv_text(request.file_path, csv_key, request.csv_pos, log);
  if (!text)
    return std::nullopt;
  const std::string& content = *text;

  std::istringstream lines(content);
  std::string line;
  int line_number = 0;
  std::optional<std::size_t> column_index;
  std::vector<int> columns;
  std::vector<double> values;
  bool ok = true;
  while (std::getline(lines, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      continue;
    const std::vector<std::string> fields = split_csv_line(line, columns);
    if (!column_index) {
      if (request.column.empty()) {
        if (fields.size() != 1) {
          log.add(request.csv_pos, csv_key, "key 'column' naming one of the CSV's columns",
                  std::to_string(fields.size()) + " columns and no 'column' key",
                  "columns: " + join_names(fields));
          return std::nullopt;
        }
        column_index = 0;
      } else {
        for (std::size_t c = 0; c < fields.size() && !column_index; ++c)
          if (fields[c] == request.column)
            column_index = c;
        if (!column_index) {
          log.add(request.column_pos, request.key_path + ".column",
                  "the name of a column of " + quote(request.file_path), quote(request.column),
                  suggestion_hint(request.column, fields, "columns"));
          return std::nullopt;
        }
      }
      continue;
    }
    if (*column_index >= fields.size() || fields[*column_index].empty())
      continue;
    const std::string& field = fields[*column_index];
    double value = 0.0;
    bool good = true;
    try {
      value = parse_number(field) * request.unit_seconds;
    } catch (const std::invalid_argument&) {
      good = false;
    }
    if (!good || !(value >= 0.0) || value > 1e300) {
      log.add_external(Diagnostic{request.file_path, line_number, columns[*column_index], csv_key,
                                  "a number >= 0 in every row", quote(field), ""});
      ok = false;
      if (log.full())
        break;
      continue;
    }
    values.push_back(value);
  }
  if (!ok)
    return std::nullopt;
  if (!column_index) {
    log.add(request.csv_pos, csv_key, "a CSV file with a header line and at least one value",
            "an empty file " + quote(request.file_path));
    return std::nullopt;
  }
  if (values.empty()) {
    log.add(request.csv_pos, csv_key, "at least one value in the CSV column",
            "none in " + quote(request.file_path));
    return std::nullopt;
  }
  return values;
}

} // namespace gigatwin::scenario
