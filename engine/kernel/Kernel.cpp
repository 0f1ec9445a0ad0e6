#include "Kernel.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/simix.hpp>

#include <algorithm>
#include <csignal>
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

Kernel::Kernel(const std::string& name) {
  std::vector<std::string> args = {name, context_factory, "--log=root.thres:warning", "--log=xbt_cfg.thres:warning"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  auto* zone = sg4::create_empty_zone("factory");
  host_ = zone->create_host("plant", 1e9);
  zone->seal();
}

Kernel::~Kernel() = default;

void Kernel::cancel(TimerHandle& handle) {
  if (handle != nullptr) {
    handle->remove();
    handle = nullptr;
  }
}

void Kernel::spawn_process(const std::string& name, std::function<void()> code) {
  sg4::Actor::create(name, host_, std::move(code));
}

void Kernel::sleep_until(double date_s) { sg4::this_actor::sleep_until(date_s); }

void Kernel::in_kernel(const std::function<void()>& fn) {
  simgrid::kernel::actor::simcall_answered([this, &fn] {
    now_ = sg4::Engine::get_clock();
    fn();
  });
}

bool Kernel::run_until(double end_s, double slice_s, const ProgressCallback& progress) {
  if (slice_s <= 0.0)
    slice_s = end_s;
  while (now_ < end_s) {
    if (stop_requested_)
      return false;
    double target = std::min(end_s, now_ + slice_s);
    engine_->run_until(target);
    now_ = target;
    if (progress)
      progress(now_, end_s);
  }
  return stop_requested_ == 0;
}

} // namespace gigatwin::engine
