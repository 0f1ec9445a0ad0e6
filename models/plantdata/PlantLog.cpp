#include "plantdata/PlantLog.hpp"

#include "scenario/TraceSpec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace gigatwin::plantdata {

namespace {

constexpr std::size_t examples_kept = 5;
/// The longest line kept: no event needs more, and one line cannot take a file's memory.
constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

std::string_view trimmed(std::string_view f) {
  const auto first = f.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  return f.substr(first, f.find_last_not_of(" \t") - first + 1);
}

/// The fields of one CSV line: commas separate, double quotes quote ("" inside is one).
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  for (auto& f : fields) { // spaces around a field are not part of it
    const auto first = f.find_first_not_of(" \t");
    const auto last = f.find_last_not_of(" \t");
    f = first == std::string::npos ? std::string() : f.substr(first, last - first + 1);
  }
  return fields;
}

/// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
long days_from_civil(long y, long m, long d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, long& value) {
  if (at + n > s.size())
    return false;
  value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<double> number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return v;
}

bool same_event(const LogEvent& a, const LogEvent& b) {
  return a.time_s == b.time_s && a.kind == b.kind && a.lot == b.lot && a.product == b.product &&
         a.group == b.group && a.machine == b.machine && a.state == b.state && a.pool == b.pool &&
         a.count == b.count;
}

} // namespace

std::int32_t NameTable::intern(std::string_view name) {
  const auto it = ids_.find(name);
  if (it != ids_.end())
    return it->second;
  const auto id = static_cast<std::int32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

std::int32_t NameTable::find(std::string_view name) const {
  const auto it = ids_.find(name);
  return it == ids_.end() ? -1 : it->second;
}

const std::vector<std::string>& log_kinds() {
  static const std::vector<std::string> kinds(scenario::trace_kind_names.begin(),
                                              scenario::trace_kind_names.end());
  return kinds;
}

std::uint8_t log_kind(std::string_view name) {
  const auto& kinds = log_kinds();
  return static_cast<std::uint8_t>(std::find(kinds.begin(), kinds.end(), name) - kinds.begin());
}

bool parse_iso_time(std::string_view s, double& epoch_s) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM); a space may stand for the T.
  long y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi))
    return false;
  std::size_t at = 16;
  double fraction = 0;
  if (at < s.size() && s[at] == ':') {
    if (!digits(s, at + 1, 2, sec))
      return false;
    at += 3;
    if (at < s.size() && (s[at] == '.' || s[at] == ',')) {
      std::size_t end = at + 1;
      double scale = 0.1;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
        fraction += (s[end] - '0') * scale;
        scale /= 10;
        ++end;
      }
      if (end == at + 1)
        return false;
      at = end;
    }
  }
  static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 ||
      mi > 59 || sec > 60)
    return false;
  long offset = 0;
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    long oh = 0, om = 0;
    if (!digits(s, at + 1, 2, oh) || oh > 23)
      return false;
    std::size_t next = at + 3;
    if (next < s.size() && s[next] == ':')
      ++next;
    if (!digits(s, next, 2, om) || om > 59)
      return false;
    offset = (s[at] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    at = next + 2;
  } else {
    return false; // a time without its zone is ambiguous
  }
  if (at != s.size())
    return false;
  epoch_s =
      static_cast<double>(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset) + fraction;
  return true;
}

std::string iso_time(double epoch_s) {
  const long long t = std::llround(epoch_s);
  long long days = t / 86400, rest = t % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // civil_from_days
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, rest / 3600,
                rest / 60 % 60, rest % 60);
  return buf;
}

std::size_t PlantLog::dropped() const {
  std::size_t n = 0;
  for (const auto& [what, p] : problems)
    n += p.count;
  return n;
}

std::string PlantLog::problem_report() const {
  std::ostringstream out;
  for (const auto& [what, p] : problems) {
    out << path << ": " << p.count << " row(s) dropped: " << what << "\n";
    for (const auto& e : p.examples)
      out << "  " << e << "\n";
    if (p.count > p.examples.size())
      out << "  ... and " << p.count - p.examples.size() << " more\n";
  }
  return out.str();
}

namespace {

const std::vector<std::string>& schema_columns() {
  static const std::vector<std::string> columns = {"time",    "kind",  "lot",  "product", "station_group",
                                                   "machine", "state", "pool", "count"};
  return columns;
}
enum Column {
  time_col,
  kind_col,
  lot_col,
  product_col,
  group_col,
  machine_col,
  state_col,
  pool_col,
  count_col
};

/// What every row goes through, whatever the file's form: its time, kind and count checked, its
/// names interned, its order on its machine and its likeness to the machine's or the lot's last
/// event checked; a row that fails is dropped and counted with its line.
class RowChecker {
public:
  RowChecker(const std::string& label, PlantLog& log, const EventSink& each)
      : label_(label), log_(log), each_(each) {}

  void problem(std::uint32_t line_no, const std::string& what, const std::string& detail) {
    auto& p = log_.problems[what];
    ++p.count;
    if (p.examples.size() < examples_kept)
      p.examples.push_back(label_ + ":" + std::to_string(line_no) + ": " + detail);
  }

  /// One row, its fields by schema column (empty: absent).
  void take(std::uint32_t line_no, const std::string_view (&field)[9]) {
    LogEvent e;
    e.line = line_no;
    const std::string_view time = field[time_col];
    double t = 0;
    const bool iso = parse_iso_time(time, t);
    auto seconds = iso ? std::nullopt : number(time);
    if (seconds && std::abs(*seconds) > 1e12) // 30,000 years: no plant's clock
      seconds.reset();
    if (!iso && !seconds) {
      problem(line_no, "unparseable time",
              "expected an ISO 8601 time with its zone or a number of seconds, found '" +
                  std::string(time.substr(0, 60)) + "'");
      return;
    }
    if (!iso_times_)
      iso_times_ = iso;
    if (*iso_times_ != iso) {
      problem(line_no, "times in two forms",
              std::string("expected ") + (*iso_times_ ? "an ISO 8601 time" : "a number of seconds") +
                  " like the file's first, found '" + std::string(time.substr(0, 60)) + "'");
      return;
    }
    e.time_s = iso ? t : *seconds;
    const auto& kinds = log_kinds();
    const std::string_view kind = field[kind_col];
    const auto k = std::find(kinds.begin(), kinds.end(), kind);
    if (k == kinds.end()) {
      problem(line_no, "unknown kind",
              "expected an event kind of docs/EVENTS.md, found '" + std::string(kind.substr(0, 60)) + "'");
      return;
    }
    e.kind = static_cast<std::uint8_t>(k - kinds.begin());
    const auto name = [](NameTable& table, std::string_view text) {
      return text.empty() ? std::int32_t{-1} : table.intern(text);
    };
    if (const std::string_view c = field[count_col]; !c.empty()) {
      const auto n = integer(c);
      if (!n || *n < 0) {
        problem(line_no, "bad count",
                "expected a whole number >= 0 in 'count', found '" + std::string(c.substr(0, 60)) + "'");
        return;
      }
      e.count = *n;
    }
    e.lot = name(log_.lots, field[lot_col]);
    e.product = name(log_.products, field[product_col]);
    e.group = name(log_.groups, field[group_col]);
    e.machine = name(log_.machines, field[machine_col]);
    e.state = name(log_.states, field[state_col]);
    e.pool = name(log_.pools, field[pool_col]);
    if (e.machine >= 0) {
      const auto m = static_cast<std::size_t>(e.machine);
      if (m >= machine_time_.size()) {
        machine_time_.resize(m + 1, -INFINITY);
        last_of_machine_.resize(m + 1);
      }
      if (e.time_s < machine_time_[m]) {
        problem(line_no, "time going backwards on a machine",
                "'" + log_.machines.name(e.machine) + "' at " + std::string(time) +
                    ", after an event of it at a later time");
        return;
      }
      if (same_event(e, last_of_machine_[m]) && machine_time_[m] != -INFINITY) {
        problem(line_no, "duplicate event",
                "the same " + std::string(kind) + " of '" + log_.machines.name(e.machine) + "' as line " +
                    std::to_string(last_of_machine_[m].line));
        return;
      }
      machine_time_[m] = e.time_s;
      last_of_machine_[m] = e;
    } else if (e.lot >= 0) {
      const auto it = last_of_lot_.find(e.lot);
      if (it != last_of_lot_.end() && same_event(e, it->second)) {
        problem(line_no, "duplicate event",
                "the same " + std::string(kind) + " of lot '" + log_.lots.name(e.lot) + "' as line " +
                    std::to_string(it->second.line));
        return;
      }
      last_of_lot_[e.lot] = e;
    }
    if (each_)
      each_(e);
    else
      log_.events.push_back(e);
  }

private:
  const std::string& label_;
  PlantLog& log_;
  const EventSink& each_;
  std::optional<bool> iso_times_; // the form of the file's first time
  std::vector<double> machine_time_;
  std::vector<LogEvent> last_of_machine_;
  std::unordered_map<std::int32_t, LogEvent> last_of_lot_;
};

/// A JSON value as the schema's text: a string as it is, a number as written back (integers
/// whole, others to 17 digits), null as absent; false for an array, an object or a boolean.
bool json_text(const nlohmann::json& value, std::string& out) {
  switch (value.type()) {
  case nlohmann::json::value_t::null:
    out.clear();
    return true;
  case nlohmann::json::value_t::string:
    out = value.get_ref<const std::string&>();
    return true;
  case nlohmann::json::value_t::number_integer:
    out = std::to_string(value.get<std::int64_t>());
    return true;
  case nlohmann::json::value_t::number_unsigned:
    out = std::to_string(value.get<std::uint64_t>());
    return true;
  case nlohmann::json::value_t::number_float: {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value.get<double>());
    out = buf;
    return true;
  }
  default:
    return false;
  }
}

/// Reads the log's lines (`next_line` gives one at a time, without its end) into `log`: names,
/// counts and problems; each event kept goes to `each`, or into log.events when `each` is empty.
/// CSV with a header, or JSON lines (one object a line) when the first line that is not blank
/// starts with `{`.
template <class NextLine>
void read_lines(NextLine next_line, const std::string& label, const LogFormat& format, PlantLog& log,
                const EventSink& each) {
  std::uint32_t line_no = 0;
  bool too_long = false; // the line read was cut at max_line_bytes
  const auto counted_line = [&](std::string_view& line) {
    if (!next_line(line, too_long))
      return false;
    ++line_no;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") // a spreadsheet's byte-order mark
      line.remove_prefix(3);
    return true;
  };
  const auto blank = [](std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
  };
  // The name each schema column has in the file (the mapping's, or its own).
  std::vector<std::string> names;
  for (const auto& column : schema_columns()) {
    const auto mapped = format.columns.find(column);
    names.push_back(mapped == format.columns.end() ? column : mapped->second);
  }
  std::string_view first;
  while (counted_line(first) && blank(first)) {
  }
  if (blank(first))
    throw PlantLogError(label +
                        ": expected a header line (time,kind,...) or JSON lines, found an empty file");
  RowChecker rows(label, log, each);
  const auto too_long_row = [&] {
    if (too_long)
      rows.problem(line_no, "line too long",
                   "expected a line of at most " + std::to_string(max_line_bytes >> 20) +
                       " MiB, found a longer one");
    return too_long;
  };
  std::string_view field[9];

  if (trimmed(first).front() == '{') {
    // JSON lines: every line an object with the schema's keys (others ignored).
    std::string text[9];
    std::string_view line = first;
    do {
      if (blank(line))
        continue;
      ++log.rows;
      if (too_long_row())
        continue;
      nlohmann::json object;
      try {
        object = nlohmann::json::parse(line);
      } catch (const nlohmann::json::parse_error& e) {
        rows.problem(line_no, "not a JSON object",
                     "column " + std::to_string(e.byte) + ": " + std::string(e.what()).substr(0, 160));
        continue;
      } catch (const nlohmann::json::exception& e) { // a number too large for a double, ...
        rows.problem(line_no, "not a JSON object", std::string(e.what()).substr(0, 160));
        continue;
      }
      if (!object.is_object()) {
        rows.problem(line_no, "not a JSON object",
                     "expected an object {\"time\": ..., \"kind\": ...}, found " +
                         std::string(object.type_name()));
        continue;
      }
      bool ok = true;
      for (std::size_t c = 0; c < 9 && ok; ++c) {
        const auto it = object.find(names[c]);
        if (it == object.end()) {
          text[c].clear();
        } else if (!json_text(*it, text[c])) {
          rows.problem(line_no, "bad value",
                       "expected a string or a number for '" + names[c] + "', found " +
                           std::string(it->type_name()));
          ok = false;
        }
        field[c] = trimmed(text[c]);
      }
      if (!ok)
        continue;
      if (field[time_col].empty() || field[kind_col].empty()) {
        rows.problem(line_no, "missing time or kind",
                     "expected the keys '" + names[time_col] + "' and '" + names[kind_col] + "'");
        continue;
      }
      rows.take(line_no, field);
    } while (counted_line(line));
    return;
  }

  // CSV: the header says which field holds which column of the schema.
  if (too_long)
    throw PlantLogError(label + ":" + std::to_string(line_no) + ": expected a header line of at most " +
                        std::to_string(max_line_bytes >> 20) + " MiB, found a longer one");
  const std::string_view header_line = first;
  const std::vector<std::string> header = split_csv(header_line);
  std::vector<std::optional<std::size_t>> at(9);
  for (std::size_t c = 0; c < 9; ++c) {
    std::vector<std::string> accepted = {names[c]};
    if (c == time_col && !format.columns.count("time"))
      accepted.push_back("time [s]"); // the simulator's own trace, exported
    for (std::size_t i = 0; i < header.size(); ++i)
      if (std::find(accepted.begin(), accepted.end(), header[i]) != accepted.end())
        at[c] = i;
  }
  for (std::size_t required : {std::size_t{time_col}, std::size_t{kind_col}})
    if (!at[required])
      throw PlantLogError(label + ":" + std::to_string(line_no) + ": expected a column '" + names[required] +
                          "' in the header, found " + std::string(header_line.substr(0, 200)));
  std::size_t needed = 0;
  for (const auto& a : at)
    if (a)
      needed = std::max(needed, *a + 1);
  std::string_view line;
  std::vector<std::string_view> f;
  std::vector<std::string> quoted; // the fields of a line with quotes, which f then views
  while (counted_line(line)) {
    if (blank(line))
      continue;
    ++log.rows;
    if (too_long_row())
      continue;
    // Most lines have no quotes: their fields are views into the line, nothing copied.
    if (line.find('"') == std::string_view::npos) {
      f.clear();
      std::size_t from = 0;
      for (;;) {
        const std::size_t comma = line.find(',', from);
        f.push_back(trimmed(
            line.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from)));
        if (comma == std::string_view::npos)
          break;
        from = comma + 1;
      }
    } else {
      quoted = split_csv(line);
      f.assign(quoted.begin(), quoted.end());
    }
    if (f.size() < needed) {
      rows.problem(line_no, "too few fields",
                   "expected at least " + std::to_string(needed) + " fields, found " +
                       std::to_string(f.size()));
      continue;
    }
    for (std::size_t c = 0; c < 9; ++c)
      field[c] = at[c] ? f[*at[c]] : std::string_view();
    rows.take(line_no, field);
  }
}

} // namespace

PlantLog read_plant_log(const std::string& path, const LogFormat& format) {
  PlantLog log;
  read_plant_log(path, format, log, {});
  return log;
}

void read_plant_log(const std::string& path, const LogFormat& format, PlantLog& log, const EventSink& each) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw PlantLogError(path + ": cannot read the plant log (missing or unreadable)");
  log = PlantLog{};
  log.path = path;
  std::string buffer;
  std::streambuf& bytes = *in.rdbuf();
  read_lines(
      [&](std::string_view& line, bool& too_long) {
        // A line at a time, at most max_line_bytes of it kept: one hostile line cannot take the
        // memory a whole file would.
        buffer.clear();
        too_long = false;
        int c = bytes.sbumpc();
        if (c == std::char_traits<char>::eof())
          return false;
        for (; c != std::char_traits<char>::eof() && c != '\n'; c = bytes.sbumpc()) {
          if (buffer.size() < max_line_bytes)
            buffer.push_back(static_cast<char>(c));
          else
            too_long = true;
        }
        line = buffer;
        return true;
      },
      path, format, log, each);
  if (in.bad())
    throw PlantLogError(path + ": the plant log could not be read to its end");
}

PlantLog read_plant_log_text(std::string_view text, const std::string& label, const LogFormat& format) {
  PlantLog log;
  log.path = label;
  std::size_t at = 0;
  read_lines(
      [&](std::string_view& line, bool& too_long) {
        if (at >= text.size())
          return false;
        const std::size_t end = std::min(text.find('\n', at), text.size());
        line = text.substr(at, end - at);
        too_long = line.size() > max_line_bytes;
        at = end + 1;
        return true;
      },
      label, format, log, {});
  return log;
}

void read_plant_log_lines(const std::function<bool(std::string& line)>& next, const std::string& label,
                          const LogFormat& format, PlantLog& log, const EventSink& each) {
  log.path = label;
  std::string buffer;
  read_lines(
      [&](std::string_view& line, bool& too_long) {
        if (!next(buffer))
          return false;
        too_long = buffer.size() > max_line_bytes;
        if (too_long)
          buffer.resize(max_line_bytes);
        line = buffer;
        return true;
      },
      label, format, log, each);
}

} // namespace gigatwin::plantdata
