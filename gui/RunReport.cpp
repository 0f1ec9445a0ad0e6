#include "RunReport.hpp"

#include "ChartsPanel.hpp"
#include "Display.hpp"
#include "LabourFlowView.hpp"
#include "LabourFlows.hpp"
#include "TraceTables.hpp"

#include "results/DisplayUnits.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <cmath>
#include <limits>
#include <vector>

namespace gigatwin::gui {

namespace {
using results::number_at;
using results::text_at;

QString text(const results::Table& t, std::size_t row, const char* column) {
  return QString::fromStdString(text_at(t, row, column));
}

/// Draws rows of cells from `top`; the first row bold; numbers right-aligned, the first column
/// and the `text_columns` last ones left-aligned. Returns the y below the table.
double draw_table(QPainter& p, double left, double top, const std::vector<double>& widths,
                  const std::vector<QStringList>& rows, std::size_t text_columns = 0) {
  const QFontMetricsF fm(p.font());
  const double h = fm.height() * 1.35;
  double y = top;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    QFont font = p.font();
    font.setBold(r == 0);
    p.setFont(font);
    double x = left;
    for (std::size_t c = 0; c < widths.size() && c < static_cast<std::size_t>(rows[r].size()); ++c) {
      const QRectF cell(x + 3, y, widths[c] - 6, h);
      const QString s =
          QFontMetricsF(font).elidedText(rows[r][static_cast<qsizetype>(c)], Qt::ElideRight, cell.width());
      const bool text = c == 0 || c + text_columns >= widths.size();
      p.drawText(cell, (text ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, s);
      x += widths[c];
    }
    if (r == 0)
      p.drawLine(QPointF(left, y + h), QPointF(x, y + h));
    y += h;
  }
  QFont font = p.font();
  font.setBold(false);
  p.setFont(font);
  return y;
}

double heading(QPainter& p, const QRectF& page, const QString& title) {
  QFont font = p.font();
  const double size = font.pointSizeF();
  font.setPointSizeF(size * 1.5);
  font.setBold(true);
  p.setFont(font);
  const double h = QFontMetricsF(font).height() * 1.4;
  p.drawText(QRectF(page.left(), page.top(), page.width(), h), Qt::AlignLeft | Qt::AlignVCenter, title);
  font.setPointSizeF(size);
  font.setBold(false);
  p.setFont(font);
  return page.top() + h;
}
} // namespace

bool write_run_report(const RunReportOptions& o, QString* error) {
  const auto fail = [&](const QString& why) {
    if (error)
      *error = why;
    return false;
  };
  try {
    const results::ResultsReader file(o.results.toStdString());
    const std::string group = "/runs/" + o.run.toStdString();
    if (!file.has(group + "/stations"))
      return fail("The file has no completed run " + o.run + ": nothing to report");
    const int point = o.run.mid(1, 4).toInt();

    QSaveFile out(o.pdf); // the report appears whole or not at all
    if (!out.open(QIODevice::WriteOnly))
      return fail("Cannot write " + o.pdf + ": " + out.errorString());
    {
      QPdfWriter pdf(&out);
      pdf.setPageSize(QPageSize(QPageSize::A4));
      pdf.setPageOrientation(QPageLayout::Landscape);
      pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
      pdf.setResolution(96); // a pixel of the app is a point of the page, near enough
      const QString scenario = file.has_attribute("/scenario", "name")
                                   ? QString::fromStdString(file.attribute_string("/scenario", "name"))
                                   : QString("?");
      pdf.setTitle("GigaTwin run report — " + scenario);
      pdf.setCreator("GigaTwin");
      QPainter p(&pdf);
      const QRectF page(0, 0, pdf.width(), pdf.height());

      // 1. The scenario, the run and its KPIs.
      double y = heading(p, page, "GigaTwin run report — " + scenario);
      const double horizon = file.attribute_double(group, "horizon_s");
      const double warmup =
          file.has_attribute(group, "warmup_s") ? file.attribute_double(group, "warmup_s") : 0.0;
      const QString created = file.has_attribute("/", "created")
                                  ? QString::fromStdString(file.attribute_string("/", "created"))
                                  : QString();
      const QStringList facts = {
          "Results file: " + o.results + (created.isEmpty() ? QString() : " (written " + created + ")"),
          QString("Run shown below: %1 — %2 days simulated, the first %3 days a warm-up (not measured)")
              .arg(o.run, display::number(horizon / 86400.0), display::number(warmup / 86400.0)),
      };
      for (const QString& f : facts) {
        p.drawText(QRectF(page.left(), y, page.width(), 20), Qt::AlignLeft | Qt::AlignVCenter, f);
        y += 20;
      }
      y += 8;
      const std::string noun = results::lot_noun(file, group);
      std::vector<QStringList> kpis = {{"KPI", "mean", "± 95 %", "runs", "units", "meaning"}};
      QString currency; // the summary's money columns are in it
      QMap<QString, QString> meaning;
      if (file.has("/experiment/summary"))
        for (const auto& c : file.read_table_rows("/experiment/summary", 0, 0).columns) {
          meaning[QString::fromStdString(c.name)] = QString::fromStdString(c.description);
          if (c.name == "labour_cost")
            currency = QString::fromStdString(c.units);
        }
      if (file.has("/experiment/confidence")) {
        const results::Table ci = file.read_table("/experiment/confidence");
        for (std::size_t r = 0; r < ci.rows.size(); ++r) {
          if (checked_index(ci, r, "point", 100000, o.results.toStdString()) != point)
            continue;
          const QString kpi = text(ci, r, "kpi");
          const double mean = number_at(ci, r, "mean"), hw = number_at(ci, r, "half_width");
          if (std::isnan(mean) || (mean == 0 && !(hw > 0) && kpi != "output" && kpi != "throughput"))
            continue; // does not apply to this scenario
          const display::KpiView view =
              display::kpi_view(kpi, text(ci, r, "units"), QString::fromStdString(noun));
          // Money and energy in k, M, bn, as the app shows them.
          const display::Scaled s = display::scaled(std::abs(mean * view.factor), view.units, currency);
          const double f = view.factor * s.factor;
          kpis.push_back({view.label, display::number(mean * f),
                          std::isnan(hw) ? "–" : display::number(hw * f, 2),
                          display::number(number_at(ci, r, "n")), s.units, meaning.value(kpi)});
        }
      }
      const double w = page.width();
      draw_table(p, page.left(), y, {w * 0.2, w * 0.1, w * 0.07, w * 0.05, w * 0.09, w * 0.49}, kpis, 2);

      // 2. The time charts, as the app draws them.
      pdf.newPage();
      y = heading(p, page, "Over time (" + o.run + ")");
      ChartsPanel charts;
      charts.setAttribute(Qt::WA_DontShowOnScreen);
      charts.show_run(file, group, QString::fromStdString(noun));
      charts.resize(static_cast<int>(page.width()), static_cast<int>(page.bottom() - y));
      charts.show();
      charts.render(&p, QPoint(0, static_cast<int>(y)));
      charts.hide();

      // 3. The stations.
      pdf.newPage();
      y = heading(p, page, "Stations (" + o.run + "): shares of machine time over the measured period");
      const results::Table st = file.read_table(group + "/stations");
      std::vector<QStringList> rows = {{"station group", "machines", "busy %", "setup %", "blocked %",
                                        "starved %", "down %", "no operator %", "wait [h]", "at the step [h]",
                                        "output"}};
      const auto pct = [&](std::size_t r, const char* c) {
        return QString::number(100 * number_at(st, r, c), 'f', 1); // shares to a tenth of a per cent
      };
      for (std::size_t r = 0; r < st.rows.size(); ++r)
        rows.push_back({text(st, r, "name"), display::number(number_at(st, r, "machines")),
                        pct(r, "utilization"), pct(r, "setup"), pct(r, "blocked"), pct(r, "starved"),
                        pct(r, "down"), pct(r, "waiting_operator"),
                        display::number(number_at(st, r, "wait_mean") / 3600.0, 3),
                        display::number(number_at(st, r, "time_at_step_mean") / 3600.0, 3),
                        display::number(number_at(st, r, "output"))});
      draw_table(p, page.left(), y,
                 {w * 0.19, w * 0.07, w * 0.07, w * 0.07, w * 0.08, w * 0.08, w * 0.07, w * 0.12, w * 0.08,
                  w * 0.1, w * 0.07},
                 rows);

      // 4. The people.
      if (file.has(group + "/pools")) {
        pdf.newPage();
        y = heading(p, page, "Labour flows (" + o.run + ")");
        const results::Table pools = file.read_table(group + "/pools");
        const double table_h =
            (static_cast<double>(pools.rows.size()) + 1) * QFontMetricsF(p.font()).height() * 1.35 + 10;
        const QRectF area(page.left(), y, page.width(), page.bottom() - y - table_h);
        LabourFlowView view, other;
        view.set_flows(LabourFlows::of_run(file, o.run),
                       o.compare_run.isEmpty() ? QString() : "Run " + o.run);
        if (o.compare_run.isEmpty() || !file.has("/runs/" + o.compare_run.toStdString() + "/pools")) {
          view.draw(p, area);
        } else { // two runs side by side (e.g. manual against the roll-out)
          other.set_flows(LabourFlows::of_run(file, o.compare_run), "Run " + o.compare_run);
          view.draw(p, QRectF(area.left(), area.top(), area.width() / 2 - 6, area.height()));
          other.draw(p, QRectF(area.center().x() + 6, area.top(), area.width() / 2 - 6, area.height()));
        }
        std::vector<QStringList> pool_rows = {{"worker pool", "at the start", "hired", "reassigned",
                                               "retrained", "moved in", "laid off", "quit", "at the end"}};
        for (std::size_t r = 0; r < pools.rows.size(); ++r) {
          const auto n = [&](const char* c) { return display::number(number_at(pools, r, c)); };
          pool_rows.push_back({text(pools, r, "name"), n("headcount_start"), n("hires"), n("reassigned_out"),
                               n("retrained_out"), n("moved_in"), n("layoffs"), n("attrition"),
                               n("headcount")});
        }
        draw_table(p, page.left(), page.bottom() - table_h,
                   {w * 0.2, w * 0.1, w * 0.1, w * 0.1, w * 0.1, w * 0.1, w * 0.1, w * 0.1, w * 0.1},
                   pool_rows);
      }
      p.end();
    }
    if (!out.commit())
      return fail("Cannot write " + o.pdf + ": " + out.errorString());
    return true;
  } catch (const results::ResultsError& e) {
    return fail(QString::fromStdString(e.what()));
  }
}

} // namespace gigatwin::gui
