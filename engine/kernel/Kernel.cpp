#include "Kernel.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/simix.hpp>

#include <algorithm>
#include <vector>

namespace gigatwin::engine {

namespace {
// Sanitizer builds switch to thread contexts: ASan cannot follow raw stack switches of an
// uninstrumented SimGrid. Results do not depend on the context factory.
#ifdef GIGATWIN_SANITIZED
constexpr const char* context_factory = "--cfg=contexts/factory:thread";
#else
constexpr const char* context_factory = "--cfg=contexts/factory:raw";
#endif
} // namespace

Kernel::Kernel(TimerMode mode, const std::string& name) : mode_(mode) {
  std::vector<std::string> args = {name, context_factory, "--log=root.thres:warning",
                                   "--log=xbt_cfg.thres:warning"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  int argc = static_cast<int>(args.size());
  argv.push_back(nullptr);
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  auto* zone = sg4::create_empty_zone("factory");
  host_ = zone->create_host("plant", 1e9);
  zone->seal();
}

Kernel::~Kernel() = default;

TimerHandle Kernel::schedule_at(double date_s, EventCalendar::Callback fn) {
  ++scheduled_;
  if (mode_ == TimerMode::direct) {
    TimerHandle h = calendar_.allocate(std::move(fn));
    calendar_.set_external(
        h, simgrid::kernel::timer::Timer::set(date_s, [this, h, date_s] { fire_direct(h, date_s); }));
    return h;
  }
  TimerHandle h = calendar_.push(date_s, std::move(fn));
  if (date_s < armed_date_s_) arm();
  return h;
}

void Kernel::cancel(TimerHandle& handle) {
  if (calendar_.live(handle)) {
    if (mode_ == TimerMode::direct)
      static_cast<simgrid::kernel::timer::Timer*>(calendar_.external(handle))->remove();
    calendar_.cancel(handle);
  }
  handle = {};
}

void Kernel::fire_direct(TimerHandle handle, double date_s) {
  now_ = date_s;
  ++fired_;
  ++rounds_;
  auto fn = calendar_.take(handle);
  fn();
}

void Kernel::arm() {
  if (armed_ != nullptr) {
    armed_->remove();
    armed_ = nullptr;
  }
  armed_date_s_ = calendar_.next_date();
  if (armed_date_s_ < std::numeric_limits<double>::infinity())
    armed_ = simgrid::kernel::timer::Timer::set(armed_date_s_, [this] {
      armed_ = nullptr;
      armed_date_s_ = std::numeric_limits<double>::infinity();
      run_batch();
    });
}

void Kernel::run_batch() {
  ++rounds_;
  // Nothing else can happen in SimGrid before its next timer, the next process wake-up or the
  // end of the slice: every event up to that date can be handled here, in order.
  double bound = slice_end_s_;
  const double next_timer = simgrid::kernel::timer::Timer::next();
  if (next_timer >= 0) bound = std::min(bound, next_timer);
  if (!wake_dates_s_.empty()) bound = std::min(bound, *wake_dates_s_.begin());
  while (calendar_.next_date() <= bound && stop_requested_ == 0) {
    double date = 0;
    auto fn = calendar_.pop(date);
    now_ = date;
    ++fired_;
    fn();
  }
  arm();
}

void Kernel::spawn_process(const std::string& name, std::function<void()> code) {
  sg4::Actor::create(name, host_, std::move(code));
}

void Kernel::sleep_until(double date_s) {
  // Processes start and wake only between batches, so the set is never read mid-change.
  auto it = wake_dates_s_.insert(date_s);
  sg4::this_actor::sleep_until(date_s);
  wake_dates_s_.erase(it);
}

void Kernel::in_kernel(const std::function<void()>& fn) {
  simgrid::kernel::actor::simcall_answered([this, &fn] {
    now_ = std::max(now_, sg4::Engine::get_clock());
    fn();
  });
}

bool Kernel::run_until(double end_s, double slice_s, const ProgressCallback& progress) {
  if (slice_s <= 0.0) slice_s = end_s;
  while (now_ < end_s) {
    if (stop_requested_) return false;
    slice_end_s_ = std::min(end_s, now_ + slice_s);
    engine_->run_until(slice_end_s_);
    now_ = slice_end_s_;
    if (progress) progress(now_, end_s);
  }
  return stop_requested_ == 0;
}

} // namespace gigatwin::engine
