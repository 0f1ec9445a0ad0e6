#pragma once
// LotRouter: where a lot goes and how lots enter and leave the line — the one thing the plant's
// components ask about lots beyond their own step. It knows each step's station group and the
// transport into it, the step after each step (the next of its product, its consumer's
// assembly, or sink_step), and keeps the count of lots in the system as they are released,
// split, assembled, finished and scrapped. The Factory is the router of a run.

#include "plant/Lot.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gigatwin::plant {

class StationGroup;
class Transport;

class LotRouter {
public:
  /// A new lot of product `product` enters the system (released by its source).
  virtual Lot new_lot(std::size_t product) = 0;
  /// `lot` leaves the system and `n` lots of its product and state enter it, appended to `out`
  /// (at station group `at_group`, as observations name it).
  virtual void split(const Lot& lot, std::int64_t n, std::vector<Lot>& out, std::int32_t at_group) = 0;
  /// The parts leave the system and one lot of `product` made of them enters it.
  virtual Lot assemble(std::size_t product, const std::vector<Lot>& parts) = 0;
  /// `lot` leaves through the sink as good output.
  virtual void lot_finished(const Lot& lot) = 0;
  virtual void lot_scrapped(const Lot& lot) = 0;

  /// Where step `step` is done, and the transport carrying lots into it (nullptr: none).
  virtual StationGroup& group_of_step(std::size_t step) const = 0;
  virtual Transport* transport_into(std::size_t step) const = 0;
  /// The step a lot goes to after `step`, or sink_step.
  virtual std::uint32_t next_step(std::size_t step) const = 0;

protected:
  ~LotRouter() = default;
};

} // namespace gigatwin::plant
