#include "kernel/Kernel.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/simix.hpp>

#include <algorithm>
#include <csignal>
#include <vector>

namespace gigatwin::kernel {

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
  // SimGrid installs a SIGINT handler that exits the process; keep the caller's handlers, so
  // that an interrupted replication stops cleanly at the end of its slice.
  struct sigaction old_int {};
  struct sigaction old_term {};
  sigaction(SIGINT, nullptr, &old_int);
  sigaction(SIGTERM, nullptr, &old_term);
  // A run stopped early (interrupted, or failed on max_wip) ends with actors still alive, and
  // SimGrid warns that it skips their clean-up: expected, so kept off the user's terminal.
  std::vector<std::string> args = {name, context_factory, "--log=root.thres:warning",
                                   "--log=xbt_cfg.thres:warning", "--log=ker_engine.thres:error"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  int argc = static_cast<int>(args.size());
  argv.push_back(nullptr);
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  auto* zone = sg4::create_empty_zone("factory");
  host_ = zone->create_host("plant", 1e9);
  zone->seal();
}

Kernel::~Kernel() = default;

TimerHandle Kernel::schedule_at(double date_s, EventCalendar::Callback fn, EventPriority priority) {
  ++scheduled_;
  TimerHandle h = calendar_.push(date_s, std::move(fn), priority);
  if (mode_ == TimerMode::direct)
    calendar_.set_external(h, simgrid::kernel::timer::Timer::set(date_s, [this, h] { fire_direct(h); }));
  else if (date_s < armed_date_s_ && !in_batch_)
    arm();
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

void Kernel::fire_direct(TimerHandle handle) {
  // The timers' dates always match the pending events' dates, so the calendar's head is due
  // now; when it is another event of this date, `handle` takes over that event's timer.
  const TimerHandle head = calendar_.head();
  if (head.slot != handle.slot || head.generation != handle.generation)
    calendar_.set_external(handle, calendar_.external(head));
  ++rounds_;
  double date = 0;
  auto fn = calendar_.pop(date);
  now_ = date;
  ++fired_;
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
  if (next_timer >= 0)
    bound = std::min(bound, next_timer);
  if (!wake_dates_s_.empty())
    bound = std::min(bound, *wake_dates_s_.begin());
  in_batch_ = true;
  end_batch_ = false;
  while (!end_batch_ && calendar_.next_date() <= bound) {
    double date = 0;
    auto fn = calendar_.pop(date);
    now_ = date;
    ++fired_;
    fn();
  }
  in_batch_ = false;
  arm();
}

void Kernel::spawn_process(const std::string& name, std::function<void()> code) {
  // From a batch, the actor must run before any later event: end the batch here. If the batch
  // ran ahead of SimGrid's clock, create the actor when SimGrid gets to this date.
  if (in_batch_)
    end_batch_ = true;
  if (sg4::Engine::get_clock() >= now_) {
    sg4::Actor::create(name, host_, std::move(code));
    return;
  }
  simgrid::kernel::timer::Timer::set(now_, [this, name, code = std::move(code)]() mutable {
    sg4::Actor::create(name, host_, std::move(code));
  });
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
  if (slice_s <= 0.0)
    slice_s = end_s;
  while (now_ < end_s) {
    if (stop_requested_)
      return false;
    slice_end_s_ = std::min(end_s, now_ + slice_s);
    engine_->run_until(slice_end_s_);
    now_ = slice_end_s_;
    if (progress)
      progress(now_, end_s);
  }
  return stop_requested_ == 0;
}

} // namespace gigatwin::kernel
