#pragma once
// ResultsTables: the layout of GigaTwin's KPI tables in a results file — which columns, in which
// units, with which descriptions — filled from RunResults. Keeping the column lists here, in one
// place, is what makes every table self-describing and every file alike.

#include "plant/RunResult.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "plant/WorkforceLedger.hpp"

#include "results/Table.hpp"

#include <string>
#include <vector>

namespace gigatwin::experiment {

/// /runs/<id>/stations: one row per station group.
results::Table station_table(const plant::RunResult& run);
/// /runs/<id>/transports: one row per transport (AGVs or conveyor) between steps.
results::Table transport_table(const plant::RunResult& run);
/// /runs/<id>/part_buffers: one row per input buffer of an assembly step.
results::Table part_buffer_table(const plant::RunResult& run);
/// /runs/<id>/products: one row per product.
results::Table product_table(const plant::RunResult& run);
/// The good lots' lead times as a histogram: its non-empty bins (128 an octave).
results::Table lead_time_histogram_table(const plant::RunResult& run);
/// /runs/<id>/outages: one row per control-tower outage.
results::Table outage_table(const plant::RunResult& run);
/// /runs/<id>/pools: one row per worker pool; money in `currency`.
results::Table pool_table(const plant::RunResult& run, const std::string& currency);
/// /runs/<id>/workforce: the ledger's events.
results::Table ledger_table(const std::vector<plant::LedgerEvent>& events);
/// /experiment/summary: one row per run, in the order given; money in `currency`.
results::Table summary_table(const std::vector<plant::RunResult>& runs, const std::vector<std::string>& run_ids,
                             const std::vector<std::int64_t>& points, const std::string& currency);

/// /experiment/points: one row per sweep point, its overrides and its scenario's hash.
/// One column per sweep parameter (named after it) holds the point's value of that parameter.
/// `overrides`: per point, its key=value overrides (may be empty: the column is then left out).
results::Table point_table(const std::vector<std::string>& labels, const std::vector<scenario::ScenarioSpec>& specs,
                           const std::vector<std::string>& parameter_names = {},
                           const std::vector<std::vector<std::string>>& point_values = {},
                           const std::vector<std::vector<std::string>>& overrides = {});

} // namespace gigatwin::experiment
