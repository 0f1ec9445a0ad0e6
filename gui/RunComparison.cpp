#include "RunComparison.hpp"

#include "Display.hpp"

#include "results/DisplayUnits.hpp"
#include "results/ResultsReader.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>
#include <map>

namespace gigatwin::gui {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// A point number from "p0003" or "p0003-r0001" (-1 when it is neither).
int point_of(const QString& id) {
  bool ok = false;
  const int p = id.mid(1, 4).toInt(&ok);
  return id.startsWith('p') && ok ? p : -1;
}

struct Shown {
  double value = nan;
  double half_width = nan;
};

} // namespace

RunComparison::RunComparison(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  hint_ = new QLabel(
      "Tick runs or points' means in the list of the Runs tab to compare them here, side by side.");
  hint_->setWordWrap(true);
  layout->addWidget(hint_);
  table_ = new QTableWidget;
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  layout->addWidget(table_, 1);
}

void RunComparison::clear() {
  ids_.clear();
  kpis_.clear();
  table_->clear();
  table_->setRowCount(0);
  table_->setColumnCount(0);
}

void RunComparison::compare(const results::ResultsReader& file, const QStringList& ids) {
  clear();
  ids_ = ids;
  if (ids.isEmpty())
    return;
  const bool has_ci = file.has("/experiment/confidence");
  const results::Table ci = has_ci ? file.read_table("/experiment/confidence") : results::Table{};
  const results::Table summary =
      file.has("/experiment/summary") ? file.read_table("/experiment/summary") : results::Table{};
  const results::Table points =
      file.has("/experiment/points") ? file.read_table("/experiment/points") : results::Table{};

  // The rows: the KPIs with intervals, in the file's order, with their units.
  std::map<QString, QString> units;
  for (std::size_t r = 0; r < ci.rows.size(); ++r) {
    const QString kpi = QString::fromStdString(results::text_at(ci, r, "kpi"));
    if (!units.count(kpi)) {
      kpis_ << kpi;
      units[kpi] = QString::fromStdString(results::text_at(ci, r, "units"));
    }
  }
  // What the line makes, for "packs/h".
  const QString noun = QString::fromStdString(results::lot_noun(file));

  std::vector<std::map<QString, Shown>> columns(static_cast<std::size_t>(ids.size()));
  QStringList titles;
  for (qsizetype c = 0; c < ids.size(); ++c) {
    const QString& id = ids[c];
    const int point = point_of(id);
    auto& column = columns[static_cast<std::size_t>(c)];
    if (id.endsWith(" mean")) {
      for (std::size_t r = 0; r < ci.rows.size(); ++r)
        if (static_cast<int>(results::number_at(ci, r, "point")) == point)
          column[QString::fromStdString(results::text_at(ci, r, "kpi"))] = {
              results::number_at(ci, r, "mean"), results::number_at(ci, r, "half_width")};
    } else {
      for (std::size_t r = 0; r < summary.rows.size(); ++r)
        if (QString::fromStdString(results::text_at(summary, r, "run")) == id)
          for (const QString& kpi : kpis_)
            if (summary.find_column(kpi.toStdString()))
              column[kpi] = {results::number_at(summary, r, kpi.toStdString()), nan};
    }
    QString title = id.endsWith(" mean") ? QString("%1 (mean)").arg(id.left(5)) : id;
    for (std::size_t r = 0; r < points.rows.size(); ++r)
      if (static_cast<int>(results::number_at(points, r, "point")) == point) {
        const QString parameters = QString::fromStdString(results::text_at(points, r, "parameters"));
        if (!parameters.isEmpty()) // one parameter a line: the column stays narrow
          title += "\n" + QString(parameters).replace("; ", "\n");
      }
    titles << title;
  }

  // KPIs that are 0 or do not apply in every column (no cost in a scenario without costs, no
  // layoffs without workers) say nothing about the difference: left out.
  QStringList shown_kpis;
  for (const QString& kpi : kpis_)
    for (const auto& column : columns)
      if (const auto it = column.find(kpi);
          it != column.end() && !std::isnan(it->second.value) && it->second.value != 0) {
        shown_kpis << kpi;
        break;
      }
  const auto left_out = kpis_.size() - shown_kpis.size();
  kpis_ = shown_kpis;

  table_->setColumnCount(static_cast<int>(ids.size()));
  table_->setHorizontalHeaderLabels(titles);
  table_->setRowCount(static_cast<int>(kpis_.size()));
  QStringList labels;
  for (int row = 0; row < kpis_.size(); ++row) {
    const QString& kpi = kpis_[row];
    const display::KpiView view = display::kpi_view(kpi, units[kpi], noun);
    labels << view.label + (view.units.isEmpty() ? QString() : " [" + view.units + "]");
    const auto first = columns.front().find(kpi);
    const double base = first == columns.front().end() ? nan : first->second.value;
    for (int c = 0; c < ids.size(); ++c) {
      const auto& column = columns[static_cast<std::size_t>(c)];
      const auto it = column.find(kpi);
      const Shown s = it == column.end() ? Shown{} : it->second;
      QString text = std::isnan(s.value) ? QString("—") : display::number(s.value * view.factor);
      if (!std::isnan(s.value) && !std::isnan(s.half_width))
        text += " ± " + display::number(s.half_width * view.factor, 2);
      QString tip = kpi;
      if (c > 0 && !std::isnan(s.value) && !std::isnan(base)) {
        const double diff = (s.value - base) * view.factor;
        const QString sign = diff > 0 ? "+" : "";
        text +=
            base != 0
                ? QString("  (%1%2 %)").arg(sign, display::number(100 * (s.value - base) / std::abs(base), 3))
                : QString("  (%1%2)").arg(sign, display::number(diff));
        tip += QString(": %1%2 %3 against the first column").arg(sign, display::number(diff), view.units);
      }
      auto* cell = new QTableWidgetItem(text);
      cell->setData(Qt::UserRole, s.value);
      cell->setToolTip(tip);
      cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      table_->setItem(row, c, cell);
    }
  }
  table_->setVerticalHeaderLabels(labels);
  hint_->setText(
      QString("%1 column(s); the differences are to the first, %2.%3")
          .arg(ids.size())
          .arg(titles.front().section('\n', 0, 0))
          .arg(left_out
                   ? QString(" %1 KPI(s) 0 or not applicable in every column are left out.").arg(left_out)
                   : QString()));
}

std::optional<double> RunComparison::value(const QString& kpi, int column) const {
  const auto row = kpis_.indexOf(kpi);
  if (row < 0 || column < 0 || column >= table_->columnCount())
    return std::nullopt;
  const QTableWidgetItem* cell = table_->item(static_cast<int>(row), column);
  if (!cell)
    return std::nullopt;
  const double v = cell->data(Qt::UserRole).toDouble();
  return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

} // namespace gigatwin::gui
