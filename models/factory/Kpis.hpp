#pragma once
// Kpis: the list of per-run KPIs that are summarised over replications — their names (the
// columns of /experiment/summary), units, and how to read them from a RunResult. One list, so
// that the confidence table and the printed report always agree.

#include "RunResult.hpp"

#include <vector>

namespace gigatwin::models {

struct KpiDefinition {
  const char* name;
  const char* units;
  double (*get)(const RunResult&);
};

const std::vector<KpiDefinition>& summary_kpis();

} // namespace gigatwin::models
