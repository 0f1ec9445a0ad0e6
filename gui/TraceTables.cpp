#include "TraceTables.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <cmath>
#include <limits>

namespace gigatwin::gui {

int checked_index(const results::Table& table, std::size_t row, const char* column, qsizetype limit,
                  const std::string& where) {
  const double v = results::number_at(table, row, column);
  if (!(v >= 0) || v != std::floor(v) || v >= static_cast<double>(limit))
    throw results::ResultsError(where + " row " + std::to_string(row) + ": '" + column +
                                "' is not an index of the trace (damaged trace?)");
  return static_cast<int>(v);
}

QStringList trace_names(const results::ResultsReader& file, const std::string& path) {
  const results::Table t = file.read_table(path);
  const std::string where = file.path() + ": '" + path + "'";
  QStringList out;
  QVector<bool> seen(static_cast<qsizetype>(t.rows.size()), false);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const int i = checked_index(t, r, "index", static_cast<qsizetype>(t.rows.size()), where);
    if (seen[i])
      throw results::ResultsError(where + " names index " + std::to_string(i) + " twice (damaged trace?)");
    seen[i] = true;
    while (out.size() <= i)
      out << QString();
    out[i] = QString::fromStdString(results::text_at(t, r, "name"));
  }
  return out;
}

QStringList kept_groups(const results::ResultsReader& file, const std::string& trace) {
  const QStringList all = trace_names(file, trace + "/station_groups");
  if (!file.has_attribute(trace, "station_groups"))
    return all;
  const QString filter = QString::fromStdString(file.attribute_string(trace, "station_groups"));
  if (filter == "all")
    return all;
  QStringList kept;
  for (const QString& g : filter.split(',', Qt::SkipEmptyParts))
    if (all.contains(g.trimmed()))
      kept << g.trimmed();
  return kept;
}

double trace_end(const results::ResultsReader& file, const std::string& trace) {
  return file.has_attribute(trace, "to_s") ? file.attribute_double(trace, "to_s")
                                            : std::numeric_limits<double>::infinity();
}

} // namespace gigatwin::gui
