#pragma once
// TraceTables: the checked reading of an event trace's name tables and filter (docs/EVENTS.md),
// shared by what the app draws from a trace (MachineStates, FloorReplay). A trace is outside
// input: an index that is not a whole number within its table, a duplicate, or a missing column
// is refused with a ResultsError naming the table, never used.

#include <QString>
#include <QStringList>

#include <string>

namespace gigatwin::results {
class ResultsReader;
struct Table;
}

namespace gigatwin::gui {

/// The whole number in `column` of `row`, within [0, limit); throws ResultsError otherwise.
int checked_index(const results::Table& table, std::size_t row, const char* column, qsizetype limit,
                  const std::string& where);
/// A name table (`index`, `name`) as a list by index: every index once.
QStringList trace_names(const results::ResultsReader& file, const std::string& path);
/// The station groups the trace kept (its `station_groups` filter), all of them by default.
QStringList kept_groups(const results::ResultsReader& file, const std::string& trace);
/// The end of the trace's window (its `to_s`; +infinity when it has none).
double trace_end(const results::ResultsReader& file, const std::string& trace);

} // namespace gigatwin::gui
