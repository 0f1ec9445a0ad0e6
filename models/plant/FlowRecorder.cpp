#include "plant/FlowRecorder.hpp"

#include <limits>

namespace gigatwin::plant {

const std::vector<double>& lead_time_probabilities() {
  static const std::vector<double> probabilities = {0.5, 0.9, 0.95, 0.99};
  return probabilities;
}

double FlowRecorder::Station::waiting_probability() const {
  return arrivals > 0 ? static_cast<double>(arrivals_waiting) / static_cast<double>(arrivals)
                      : std::numeric_limits<double>::quiet_NaN();
}

void FlowRecorder::observe(const Observation& o) {
  switch (o.kind) {
  case ObservationKind::lot_released:
    return record<ObservationKind::lot_released>(o);
  case ObservationKind::lot_created:
    return record<ObservationKind::lot_created>(o);
  case ObservationKind::lot_arrived:
    return record<ObservationKind::lot_arrived>(o);
  case ObservationKind::lot_started:
    return record<ObservationKind::lot_started>(o);
  case ObservationKind::lot_moved:
    return record<ObservationKind::lot_moved>(o);
  case ObservationKind::lot_completed:
    return record<ObservationKind::lot_completed>(o);
  case ObservationKind::lot_scrapped:
    return record<ObservationKind::lot_scrapped>(o);
  case ObservationKind::lot_consumed:
    return record<ObservationKind::lot_consumed>(o);
  default:
    return;
  }
}

void FlowRecorder::prepare(std::size_t station_groups, std::size_t products) {
  stations_.assign(station_groups, Station{});
  products_.assign(products, Product{});
}

void FlowRecorder::reset() {
  for (auto& s : stations_)
    s = Station{};
  for (auto& p : products_)
    p = Product{};
  output_ = scrap_ = escaped_ = first_pass_ = 0;
  lead_time_s_.reset();
  lead_time_quantiles_.reset();
  sojourn_all_s_.reset();
}

} // namespace gigatwin::plant
