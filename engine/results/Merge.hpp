#pragma once

#include "results/Table.hpp"

#include <span>

namespace gigatwin::results {

// Joins the rows of tables that share one header (same column names, types and units, in the same
// order), e.g. the per-part /experiment/summary tables of a sharded batch, in the order given.
// Descriptions are taken from the first table. Throws ResultsError naming the first mismatch, or if
// `tables` is empty.
Table concat_tables(std::span<const Table> tables);

} // namespace gigatwin::results
