#pragma once
// KpiReport: the human-readable KPI summary printed after a run — per KPI the mean over
// replications with a Student-t 95 % half-width when there are several, and the station table
// of the first replication.

#include "RunResult.hpp"
#include "ScenarioSpec.hpp"

#include <ostream>
#include <vector>

namespace gigatwin::cli {

void print_kpis(std::ostream& out, const models::ScenarioSpec& spec,
                const std::vector<models::RunResult>& runs);

} // namespace gigatwin::cli
