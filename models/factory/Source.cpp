#include "Source.hpp"

#include "Factory.hpp"
#include "StationGroup.hpp"

namespace gigatwin::models {

Source::Source(Factory& factory, const engine::DistributionSpec& interarrival, StationGroup& first)
    : factory_(factory), interarrival_(interarrival), first_(first),
      rng_(factory.seed(), factory.replication(), "source", "interarrival") {}

void Source::start() {
  factory_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

void Source::on_arrival() {
  if (first_.can_accept()) {
    first_.accept(factory_.new_lot());
  } else {
    ++rejected_;
  }
  factory_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

} // namespace gigatwin::models
