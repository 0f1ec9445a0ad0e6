#pragma once
// LineDiscovery: what a lot-level plant log shows of the line's structure, for `gigatwin
// discover` — the station groups and the machines seen in each; each product's routing (the
// most common sequence of groups its lots went through, among the lots seen whole and never
// reworked), the lots judged at each step (finished, scrapped, sent back and where to), the most
// lots seen waiting before a step and whether a lot upstream was ever blocked by it; where lots
// are split and into how many; which products are assembled from which, and how many of each;
// each product's releases (saturated when its lots enter as a machine takes them); batches
// (lots a machine started at once and finished at once) and setups.
//
// What a log cannot show, this does not guess: machines never seen working, buffer capacities
// that were never reached, transport (carriers' kinds and times), workers, failures' laws (see
// StationObservations and `gigatwin fit`), inspection's detection against its false rejects.
// Memory: the lots in the plant at a time (each its route so far) and those whose end the log
// lost, not the log.

#include "plantdata/PlantLog.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace gigatwin::plantdata {

struct DiscoveredStep {
  std::string group;
  std::size_t finished = 0, scrapped = 0, reworked = 0; ///< lots judged here
  std::map<std::string, std::size_t> rework_to;         ///< group -> lots sent back there
  std::size_t max_waiting = 0; ///< the most lots seen waiting before the step at once
  std::size_t blocked = 0;     ///< lots finished upstream that could not come in (a full buffer)
  std::int64_t split = 1;      ///< lots a good lot finished here goes on as (the most common)
};

struct DiscoveredProduct {
  std::string name;
  std::vector<DiscoveredStep> steps; ///< its routing, in order (empty: no lot seen whole)
  std::size_t routes_seen = 0;       ///< lots seen whole, never reworked
  std::size_t usual_route = 0;       ///< of them, those that went the routing's way
  std::size_t released = 0;
  /// Releases as a saturated source makes them: at the moment a first-step machine started the
  /// lot, that machine having been busy up to then (its first lot, or a start at its last finish,
  /// or blocked since) — an idle machine taking a lot that just came is not saturation.
  std::size_t released_as_started = 0;
  std::size_t created = 0;                   ///< lots made by an assembly
  std::map<std::string, std::int64_t> parts; ///< product -> lots of it in one lot of this one
  bool saturated() const { return released > 0 && released_as_started * 10 >= released * 9; }
};

struct DiscoveredGroup {
  std::string name;
  std::set<std::string> machines;                     ///< the machines seen working (not carriers)
  std::size_t started = 0;                            ///< lots started (a batch counts each lot)
  std::size_t batches = 0;                            ///< starts of one or more lots at once
  std::int64_t largest_batch = 1, smallest_batch = 1; ///< lots started at once
  double longest_wait_s = 0;                          ///< arrival at the step to start, the longest seen
  std::size_t setups = 0;                             ///< spans in `setup`
};

struct DiscoveredLine {
  std::vector<DiscoveredGroup> groups;     ///< in the order the log first names them
  std::vector<DiscoveredProduct> products; ///< in the order the log first names them
  double start_s = 0, end_s = 0;
};

class LineObserver {
public:
  explicit LineObserver(const PlantLog& names);
  void add(const LogEvent& event);
  DiscoveredLine finish();

private:
  struct Lot {
    std::int32_t product = -1;
    std::vector<std::int32_t> route; ///< groups, in the order the lot reached them
    bool reworked = false, from_split = false;
    std::int32_t waiting_at = -1; ///< the group whose buffer it waits in
    std::int32_t arrived_at = -1; ///< the group it last arrived at (times may be any number)
    double arrived_s = 0;
    std::int32_t sent_back_from = -1; ///< the group that rejected it, until it arrives again
    bool released_known = false;      ///< released_s holds its release, not yet matched to a start
    std::int32_t blocked_on = -1;     ///< the machine it is finished on but could not leave
    double released_s = 0;
  };
  struct Machine {
    std::int32_t group = -1;
    double last_start_s = 0;
    std::int64_t run = 0;               ///< lots started at last_start_s (0: none yet)
    std::vector<std::int32_t> run_lots; ///< those lots
    std::vector<double> run_finishes;   ///< the finishes seen of them
    bool in_setup = false;
    bool worked = false; ///< it has finished a lot
    double last_finish_s = 0;
    bool blocked = false; ///< holding a finished lot it could not pass on
  };
  using Route = std::vector<std::int32_t>;
  struct ProductSeen {
    std::map<Route, std::size_t> routes, prefixes, suffixes; ///< whole; before a split; after one
    std::size_t released = 0, released_as_started = 0, created = 0;
    std::map<std::int32_t, std::size_t> created_at; ///< group -> lots assembled there
  };
  struct StepSeen {
    std::size_t finished = 0, scrapped = 0, reworked = 0, blocked = 0, waiting = 0, max_waiting = 0;
    std::map<std::int32_t, std::size_t> rework_to;
    std::map<std::int64_t, std::size_t> splits; ///< lots made -> times
  };
  Lot& lot(const LogEvent& e);
  void end_lot(std::int32_t id, bool whole);
  void close_batch(Machine& m);
  ProductSeen& product(std::int32_t p);
  StepSeen& step(std::int32_t product, std::int32_t group) { return steps_[{product, group}]; }
  DiscoveredGroup& group(std::int32_t g);

  const PlantLog& names_;
  std::uint8_t released_, arrived_, started_, finished_, blocked_, completed_, scrapped_, reworked_,
      consumed_, created_, state_, moved_;
  std::unordered_map<std::int32_t, Lot> lots_;
  std::vector<Machine> machines_;
  std::vector<ProductSeen> products_;
  std::map<std::pair<std::int32_t, std::int32_t>, StepSeen> steps_;
  std::vector<DiscoveredGroup> groups_;
  std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> parts_consumed_; ///< (part, group) -> lots
  double start_s_ = 0, end_s_ = 0;
  bool any_ = false;
};

} // namespace gigatwin::plantdata
