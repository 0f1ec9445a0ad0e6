#include "plant/Source.hpp"

#include "plant/Factory.hpp"
#include "plant/StationGroup.hpp"

namespace gigatwin::plant {

namespace {
/// The routing's product keeps the stream it had before there were several products.
std::string source_entity(const Factory& factory, std::size_t product) {
  return product == 0 ? "source" : "source/" + factory.spec().products[product].name;
}
} // namespace

Source::Source(Factory& factory, const core::DistributionSpec& interarrival, StationGroup& first,
               std::size_t product)
    : factory_(factory), interarrival_(interarrival), first_(first), product_(product),
      rng_(factory.seed(), factory.replication(), source_entity(factory, product), "interarrival") {}

void Source::start() {
  factory_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

void Source::on_arrival() {
  if (first_.can_accept()) {
    first_.accept(factory_.new_lot(product_));
  } else {
    ++rejected_;
  }
  factory_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

} // namespace gigatwin::plant
