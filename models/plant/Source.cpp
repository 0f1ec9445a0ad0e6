#include "plant/Source.hpp"

#include "plant/LotRouter.hpp"
#include "plant/PlantContext.hpp"
#include "plant/StationGroup.hpp"

namespace gigatwin::plant {

namespace {
/// The routing's product keeps the stream it had before there were several products.
std::string source_entity(const PlantContext& context, std::size_t product) {
  return product == 0 ? "source" : "source/" + context.spec().products[product].name;
}
} // namespace

Source::Source(PlantContext& context, LotRouter& router, const core::DistributionSpec& interarrival,
               StationGroup& first, std::size_t product)
    : context_(context), router_(router), interarrival_(interarrival), first_(first), product_(product),
      rng_(context.seed(), context.replication(), source_entity(context, product), "interarrival") {}

void Source::start() {
  context_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

void Source::on_arrival() {
  if (first_.can_accept()) {
    first_.accept(router_.new_lot(product_));
  } else {
    ++rejected_;
  }
  context_.kernel().schedule_in(interarrival_.sample(rng_), [this] { on_arrival(); });
}

} // namespace gigatwin::plant
