#pragma once
// LiveSample: one line of the machine-readable progress stream (`gigatwin run --progress=json`)
// that the GUI reads — a time-series sample of a running replication and the state of every
// station group at that moment (machines per state, lots in the input buffer, mode), as one
// JSON object on one line. Times in s, rates in lots/h, power in kW.

#include "plant/Factory.hpp"

#include <cstdint>
#include <string>

namespace gigatwin::experiment {

/// {"type":"sample","point":..,"replication":..,"time_s":..,"end_s":..,"throughput":..,"wip":..,
///  "headcount":..,"layoffs":..,"robots":..,"power_kw":..,"cost_per_unit":..(null before the first
///  good lot),"stations":[{"name":..,"mode":..,
///  "machines":..,"buffer":..,"buffer_capacity":..(null: unlimited),"states":{"busy":..,...}},...]}
std::string live_sample_json(const plant::Factory& factory, const plant::SeriesSample& sample, std::int64_t point,
                             std::int64_t replication, double end_s);

/// `text` as a JSON string literal (quotes and escapes included).
std::string json_string(const std::string& text);

} // namespace gigatwin::experiment
