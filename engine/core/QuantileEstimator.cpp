#include "core/QuantileEstimator.hpp"

#include <boost/histogram.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace gigatwin::core {

namespace bh = boost::histogram;

namespace {
constexpr std::size_t kept_exactly = 100;

// Bins that double every 128 bins and are evenly spaced within each doubling (an octave), so a
// bin is at most 1/128 = 0.78 % of its lower edge wide. Why not bins evenly spaced in log(x):
// this index is the double's exponent and its top 7 mantissa bits, read off its bits with a
// shift, where log(x) cost a logarithm for every lot at every step (a sixth of the tandem
// line's time). From 2^-10 s (about 1 ms) to 2^30 s (34 years): 40 octaves, 5,120 bins.
class OctaveAxis {
public:
  static constexpr int sub_bits = 7;
  static constexpr int lowest_octave = -10, highest_octave = 30;
  static_assert(0x1p-10 == 1.0 / (1 << -lowest_octave) && 0x1p30 == double(1 << highest_octave));

  static constexpr bool inclusive() noexcept { return true; } // every value has a bin
  static constexpr unsigned options() noexcept { return bh::axis::option::none_t::value; }
  static constexpr int size() noexcept { return (highest_octave - lowest_octave) << sub_bits; }

  int index(double x) const noexcept {
    if (!(x > lowest()))  // at or below the range (and NaN): the first bin
      return 0;
    if (!(x < highest())) // at or above it: the last
      return size() - 1;
    // For x > 0 the bits are the exponent then the mantissa: shifting keeps the exponent and
    // the mantissa's top bits, a number that grows with x by one a bin.
    const auto bits = std::bit_cast<std::uint64_t>(x);
    return static_cast<int>(static_cast<std::int64_t>(bits >> (52 - sub_bits)) - first_bin());
  }
  /// The lower edge of bin i (the upper edge of bin i - 1).
  static double lower_edge(int i) noexcept {
    return std::bit_cast<double>(static_cast<std::uint64_t>(i + first_bin()) << (52 - sub_bits));
  }
  bool operator==(const OctaveAxis&) const noexcept { return true; }
  bool operator!=(const OctaveAxis&) const noexcept { return false; }

  static constexpr double lowest() noexcept { return 0x1p-10; } // 2^lowest_octave
  static constexpr double highest() noexcept { return 0x1p30; } // 2^highest_octave

private:
  static constexpr std::int64_t first_bin() noexcept {
    return static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(lowest()) >> (52 - sub_bits));
  }
};
} // namespace

struct QuantileEstimator::Histogram {
  decltype(bh::make_histogram_with(std::vector<std::int64_t>(), OctaveAxis())) counts =
      bh::make_histogram_with(std::vector<std::int64_t>(), OctaveAxis());
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
  histogram_->counts(x);
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
      const double lo = OctaveAxis::lower_edge(bin.index()), hi = OctaveAxis::lower_edge(bin.index() + 1);
      const double f = std::clamp((target - before) / n, 0.0, 1.0);
      return std::clamp(lo + f * (hi - lo), min_, max_); // even in x, as the bins are
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
      out.push_back({OctaveAxis::lower_edge(bin.index()), OctaveAxis::lower_edge(bin.index() + 1),
                     static_cast<std::int64_t>(*bin)});
  return out;
}

} // namespace gigatwin::core
