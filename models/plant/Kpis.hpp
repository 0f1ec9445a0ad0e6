#pragma once
// Kpis: the list of per-run KPIs that are summarised over replications — their names (the
// columns of /experiment/summary), units, and how to read them from a RunResult. One list, so
// that the confidence table and the printed report always agree.

#include "plant/RunResult.hpp"

#include <string>
#include <vector>

namespace gigatwin::plant {

struct KpiDefinition {
  const char* name;
  const char* units;
  double (*get)(const RunResult&);
};

/// Units of money KPIs: the scenario's currency, substituted by units_of().
inline constexpr const char* money_units = "<currency>";

const std::vector<KpiDefinition>& summary_kpis();
/// The KPI's units, with the scenario's currency for money.
std::string units_of(const KpiDefinition& kpi, const std::string& currency);

} // namespace gigatwin::plant
