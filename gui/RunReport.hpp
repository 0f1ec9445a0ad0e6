#pragma once
// RunReport: a run's report as a PDF (Qt's own PDF writer), for people who were not at the
// screen — the scenario and the run's settings, the KPIs with their 95 % intervals (labels,
// units and scale as the app shows them), the time charts, the station table and the labour
// flows with the pool table. Read from a results file alone, so any run of any file can be
// reported; A4 landscape. It does not re-run anything or include the event trace.

#include <QString>

namespace gigatwin::gui {

struct RunReportOptions {
  QString results;              ///< the results file
  QString run = "p0000-r0000"; ///< the run whose charts, stations and labour flows are shown
  QString pdf;                  ///< where to write it
  QString compare_run;          ///< a run whose labour flows are drawn beside `run`'s ("": none)
};

/// Writes the report; false with `error` set when the file cannot be read or the PDF written
/// (nothing is left behind then: the PDF is written to a temporary name and renamed).
bool write_run_report(const RunReportOptions& options, QString* error);

} // namespace gigatwin::gui
