#include "QuantileEstimator.hpp"

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/extended_p_square.hpp>
#include <boost/accumulators/statistics/stats.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gigatwin::engine {

namespace acc = boost::accumulators;

struct QuantileEstimator::Markers {
  explicit Markers(const std::vector<double>& probabilities)
      : set(acc::tag::extended_p_square::probabilities = probabilities) {}
  acc::accumulator_set<double, acc::stats<acc::tag::extended_p_square>> set;
};

QuantileEstimator::QuantileEstimator(std::vector<double> probabilities)
    : probabilities_(std::move(probabilities)) {
  if (probabilities_.empty())
    throw std::invalid_argument("QuantileEstimator: no probabilities");
  for (std::size_t i = 0; i < probabilities_.size(); ++i)
    if (!(probabilities_[i] > 0 && probabilities_[i] < 1) ||
        (i > 0 && probabilities_[i] <= probabilities_[i - 1]))
      throw std::invalid_argument("QuantileEstimator: probabilities must increase within (0, 1)");
  reset();
}

QuantileEstimator::QuantileEstimator(const QuantileEstimator& other)
    : probabilities_(other.probabilities_), count_(other.count_), first_(other.first_),
      markers_(std::make_unique<Markers>(*other.markers_)) {}

QuantileEstimator& QuantileEstimator::operator=(const QuantileEstimator& other) {
  if (this != &other) {
    probabilities_ = other.probabilities_;
    count_ = other.count_;
    first_ = other.first_;
    markers_ = std::make_unique<Markers>(*other.markers_);
  }
  return *this;
}

QuantileEstimator::QuantileEstimator(QuantileEstimator&&) noexcept = default;
QuantileEstimator& QuantileEstimator::operator=(QuantileEstimator&&) noexcept = default;
QuantileEstimator::~QuantileEstimator() = default;

void QuantileEstimator::reset() {
  count_ = 0;
  first_.clear();
  markers_ = std::make_unique<Markers>(probabilities_);
}

void QuantileEstimator::add(double x) {
  ++count_;
  if (first_.size() < 2 * probabilities_.size() + 3)
    first_.push_back(x);
  markers_->set(x);
}

double QuantileEstimator::quantile(std::size_t i) const {
  if (count_ == 0)
    return std::numeric_limits<double>::quiet_NaN();
  // Before every marker has an observation the P² estimate is not defined yet: answer from the
  // observations themselves (the sample quantile, linear between order statistics).
  if (static_cast<std::size_t>(count_) <= first_.size() && first_.size() < 2 * probabilities_.size() + 3) {
    std::vector<double> sorted = first_;
    std::sort(sorted.begin(), sorted.end());
    const double at = probabilities_.at(i) * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(at));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
  }
  return acc::extended_p_square(markers_->set)[i];
}

} // namespace gigatwin::engine
