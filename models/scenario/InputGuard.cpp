#include "scenario/InputGuard.hpp"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace gigatwin::scenario {

std::optional<NestingExcess> find_excess_nesting(std::string_view text, int max_depth) {
  std::vector<std::size_t> indents; // open block indentation levels
  int flow_depth = 0;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    // A lone '\r' may end a line too, so both count as line ends.
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos)
      end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++line_number;

    std::size_t pos = 0;
    while (pos < line.size() && line[pos] == ' ')
      ++pos;
    const bool blank = pos == line.size() || line[pos] == '#';
    int block_depth = static_cast<int>(indents.size());
    if (!blank && flow_depth == 0) {
      while (!indents.empty() && indents.back() > pos)
        indents.pop_back();
      if (indents.empty() || indents.back() < pos)
        indents.push_back(pos);
      block_depth = static_cast<int>(indents.size());
      // "- - - x", "? ? x" and "- ? x" each open a collection without a new line.
      while (pos < line.size() && (line[pos] == '-' || line[pos] == '?' || line[pos] == ':') &&
             (pos + 1 == line.size() || line[pos + 1] == ' ')) {
        ++block_depth;
        ++pos;
        while (pos < line.size() && line[pos] == ' ')
          ++pos;
      }
    }
    if (block_depth > max_depth)
      return NestingExcess{line_number, static_cast<int>(pos) + 1};

    for (std::size_t i = pos; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
        break;
      if (c == '[' || c == '{') {
        ++flow_depth;
        if (block_depth + flow_depth > max_depth)
          return NestingExcess{line_number, static_cast<int>(i) + 1};
      } else if ((c == ']' || c == '}') && flow_depth > 0) {
        --flow_depth;
      }
    }
    if (end == text.size())
      break;
    start = end + 1;
    if (text[end] == '\r' && start < text.size() && text[start] == '\n')
      ++start;
  }
  return std::nullopt;
}

BoundedText read_bounded(const std::string& path, std::size_t max_bytes, bool regular_only) {
  BoundedText out;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) {
    out.error = ec.message();
    return out;
  }
  if (std::filesystem::is_directory(status)) {
    out.error = "it is a directory";
    return out;
  }
  if (regular_only && !std::filesystem::is_regular_file(status)) {
    out.error = "it is not a regular file";
    return out;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.error = errno != 0 ? std::strerror(errno) : "cannot open";
    return out;
  }
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    out.text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.text.size() > max_bytes) {
      out.too_large = true;
      return out;
    }
  }
  if (in.bad())
    out.error = "read error";
  return out;
}

} // namespace gigatwin::scenario
