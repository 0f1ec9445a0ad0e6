#include "core/QuantileEstimator.hpp"

#include <boost/histogram.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace gigatwin::core {

namespace bh = boost::histogram;

namespace {
constexpr std::size_t kept_exactly = 100;
constexpr unsigned bins_per_decade = 200;
constexpr double lowest = 1e-3, highest = 1e9; // s: a millisecond to thirty years
using LogAxis = bh::axis::regular<double, bh::axis::transform::log>;

LogAxis log_axis() {
  const auto decades = static_cast<unsigned>(std::lround(std::log10(highest / lowest)));
  return LogAxis(decades * bins_per_decade, lowest, highest);
}
} // namespace

struct QuantileEstimator::Histogram {
  decltype(bh::make_histogram_with(std::vector<std::int64_t>(), log_axis())) counts =
      bh::make_histogram_with(std::vector<std::int64_t>(), log_axis());
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
    : probabilities_(other.probabilities_), count_(other.count_), min_(other.min_), max_(other.max_),
      first_(other.first_), histogram_(other.histogram_ ? std::make_unique<Histogram>(*other.histogram_)
                                                        : std::make_unique<Histogram>()) {}

QuantileEstimator& QuantileEstimator::operator=(const QuantileEstimator& other) {
  if (this != &other)
    *this = QuantileEstimator(other);
  return *this;
}

// A moved-from estimator holds no histogram: it answers as an empty one and counts anew.
QuantileEstimator::QuantileEstimator(QuantileEstimator&& other) noexcept
    : probabilities_(other.probabilities_), count_(std::exchange(other.count_, 0)), min_(other.min_),
      max_(other.max_), first_(std::move(other.first_)), histogram_(std::move(other.histogram_)) {
  other.first_.clear();
}

QuantileEstimator& QuantileEstimator::operator=(QuantileEstimator&& other) noexcept {
  if (this != &other) {
    probabilities_ = other.probabilities_;
    count_ = std::exchange(other.count_, 0);
    min_ = other.min_;
    max_ = other.max_;
    first_ = std::move(other.first_);
    other.first_.clear();
    histogram_ = std::move(other.histogram_);
  }
  return *this;
}
QuantileEstimator::~QuantileEstimator() = default;

void QuantileEstimator::reset() {
  count_ = 0;
  min_ = max_ = 0;
  first_.clear();
  histogram_ = std::make_unique<Histogram>();
}

void QuantileEstimator::add(double x) {
  if (count_ == 0 || x < min_)
    min_ = x;
  if (count_ == 0 || x > max_)
    max_ = x;
  ++count_;
  if (first_.size() < kept_exactly)
    first_.push_back(x);
  if (!histogram_) // moved from
    histogram_ = std::make_unique<Histogram>();
  // Out of the axis' range: into its end bins (the exact min and max bound what is read back).
  histogram_->counts(std::clamp(x, lowest * 1.0000001, highest * 0.9999999));
}

double QuantileEstimator::quantile(std::size_t i) const {
  return quantile_at(probabilities_.at(i));
}

double QuantileEstimator::quantile_at(double p) const {
  if (count_ == 0 || (!histogram_ && static_cast<std::size_t>(count_) > kept_exactly))
    return std::numeric_limits<double>::quiet_NaN();
  if (static_cast<std::size_t>(count_) <= kept_exactly) {
    // The sample quantile, linear between order statistics.
    std::vector<double> sorted = first_;
    std::sort(sorted.begin(), sorted.end());
    const double at = p * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(at));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
  }
  const double target = p * static_cast<double>(count_);
  double before = 0;
  for (auto&& bin : bh::indexed(histogram_->counts)) {
    const auto n = static_cast<double>(*bin);
    if (n > 0 && before + n >= target) {
      const double lo = bin.bin().lower(), hi = bin.bin().upper();
      const double f = std::clamp((target - before) / n, 0.0, 1.0);
      return std::clamp(lo * std::pow(hi / lo, f), min_, max_); // even in log x, as the bins are
    }
    before += n;
  }
  return max_;
}

std::vector<QuantileEstimator::Bin> QuantileEstimator::bins() const {
  std::vector<Bin> out;
  if (!histogram_)
    return out;
  for (auto&& bin : bh::indexed(histogram_->counts))
    if (*bin > 0)
      out.push_back({bin.bin().lower(), bin.bin().upper(), static_cast<std::int64_t>(*bin)});
  return out;
}

} // namespace gigatwin::core
