#pragma once
// RunComparison: any number of runs and sweep points side by side — a column each, a row per KPI
// (in the units the app shows them in: hours, %, packs/h), a run's value or a point's mean with
// its 95 % interval over its replications, and in every column after the first its difference
// to the first. Columns are titled with what their point changed ("p0002: machines=4"). Read from
// the results file's summary and confidence tables; nothing is recomputed.

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QTableWidget;

namespace gigatwin::results {
class ResultsReader;
}

namespace gigatwin::gui {

class RunComparison : public QWidget {
  Q_OBJECT
public:
  explicit RunComparison(QWidget* parent = nullptr);

  /// Compares `ids` of `file`: runs ("p0001-r0002") and points' means ("p0001 mean"). Throws
  /// results::ResultsError for a damaged file.
  void compare(const results::ResultsReader& file, const QStringList& ids);
  void clear();
  QStringList compared() const { return ids_; }
  QTableWidget* table() const { return table_; }
  /// The number shown for `kpi` in column `column`, in the file's units (nullopt: none).
  std::optional<double> value(const QString& kpi, int column) const;

private:
  QLabel* hint_ = nullptr;
  QTableWidget* table_ = nullptr;
  QStringList ids_;
  QStringList kpis_; ///< the table's rows
};

} // namespace gigatwin::gui
