#pragma once
// KpiReport: the human-readable KPI summary printed after a run or batch, read back from the
// results file just written (so it shows exactly what the file holds, reused runs included): per
// point, each KPI's mean over replications with its Student-t 95 % half-width, and the station
// and transport tables of the point's first run.

#include "ResultsReader.hpp"

#include <ostream>

namespace gigatwin::cli {

void print_kpis(std::ostream& out, const results::ResultsReader& file);

} // namespace gigatwin::cli
