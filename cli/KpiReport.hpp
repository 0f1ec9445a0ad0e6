#pragma once
// KpiReport: the human-readable KPI summary printed after a run or batch, read back from the
// results file just written (so it shows exactly what the file holds, reused runs included): per
// point, each KPI's mean over replications with its Student-t 95 % half-width, and the station
// and transport tables of the point's first run.

#include "results/ResultsReader.hpp"

#include <ostream>

namespace gigatwin::cli {

void print_kpis(std::ostream& out, const results::ResultsReader& file);

/// A sweep's summary: one line per point with its parameters and the key KPIs (throughput, cycle
/// time, cost per unit, headcount at the end, where the scenario has them) as mean +/- the 95 %
/// half-width, and the runs that failed. `gigatwin inspect` shows everything else.
void print_point_table(std::ostream& out, const results::ResultsReader& file);

} // namespace gigatwin::cli
