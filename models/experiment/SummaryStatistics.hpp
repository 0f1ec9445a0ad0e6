#pragma once
// SummaryStatistics: the experiment-level tables computed from /experiment/summary (one row per
// run) alone — so that a batch, a resumed batch and a merge of shards, which all end with the
// same summary rows, end with the same statistics. Intervals are Student-t over replications.

#include "results/Table.hpp"

#include <cstdint>

namespace gigatwin::experiment {

/// /experiment/confidence: per point and KPI, the mean over replications with its Student-t
/// half-width at `level` (NaN with fewer than 2 replications); units from the summary's columns.
results::Table confidence_table(const results::Table& summary, double level = 0.95);

/// /experiment/differences: per point other than `baseline` and per KPI, the mean of the paired
/// differences point - baseline over the replications both have (common random numbers make them
/// pairs), with the Student-t half-width of that mean.
results::Table difference_table(const results::Table& summary, std::int64_t baseline, double level = 0.95);

} // namespace gigatwin::experiment
