#pragma once
// Source: lots arriving at the first step with random interarrival times (s). A lot that finds
// neither an idle machine nor room in the first buffer is rejected (lost demand, counted). A
// saturated source has no Source object: the first step creates lots itself and never starves.

#include "core/RandomStream.hpp"
#include "kernel/Kernel.hpp"

#include "core/Distribution.hpp"

#include <cstdint>

namespace gigatwin::plant {

class PlantContext;
class LotRouter;
class StationGroup;

class Source {
public:
  /// Releases lots of product `product` into `first`, its first step.
  Source(PlantContext& context, LotRouter& router, const core::DistributionSpec& interarrival,
         StationGroup& first, std::size_t product);
  void start();
  std::int64_t rejected() const { return rejected_; }
  void reset_counts() { rejected_ = 0; }

private:
  void on_arrival();

  PlantContext& context_;
  LotRouter& router_;
  core::Distribution interarrival_;
  StationGroup& first_;
  std::size_t product_;
  core::RandomStream rng_;
  std::int64_t rejected_ = 0;
};

} // namespace gigatwin::plant
