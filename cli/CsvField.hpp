#pragma once
// CsvField: one field of a CSV file the CLI writes (exports, fit reports), quoted as RFC 4180
// says when it holds a comma, a quote or a line break — a station group's or product's name is
// the plant's own text.

#include <string>

namespace gigatwin::cli {

/// `text` as a CSV field: as it is, or in double quotes with each quote doubled.
std::string csv_field(const std::string& text);

} // namespace gigatwin::cli
