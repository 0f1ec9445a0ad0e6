#pragma once
// CompareChart: one KPI of the pinned baseline and of the last run side by side — two bars with
// their 95 % confidence-interval whiskers (when the runs had replications) and the difference in
// the title — so that a planner reads at a glance whether a lever's effect is larger than the
// noise.

#include <QString>
#include <QWidget>

#include <optional>
#include <utility>

class QChartView;

namespace gigatwin::gui {

class CompareChart : public QWidget {
  Q_OBJECT
public:
  explicit CompareChart(QWidget* parent = nullptr);
  /// (mean, half-width; NaN without replications) of each; either may be missing.
  void show(const QString& kpi, const QString& units, std::optional<std::pair<double, double>> baseline,
            std::optional<std::pair<double, double>> variant);
  /// Bars drawn now (0 to 2).
  int bars() const { return bars_; }
  QString title() const;

private:
  QChartView* view_ = nullptr;
  int bars_ = 0;
};

} // namespace gigatwin::gui
