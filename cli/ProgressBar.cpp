#include "ProgressBar.hpp"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace gigatwin::cli {

namespace {
std::string format_duration(double s) {
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}
} // namespace

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressBar::update(double fraction, const std::string& label) {
  if (!enabled_)
    return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && fraction < 1.0))
    return;
  last_draw_ = now;
  fraction = std::clamp(fraction, 0.0, 1.0);
  constexpr int width = 30;
  const int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(width - filled), '.');
  const std::string eta = fraction > 0 ? format_duration(elapsed * (1 - fraction) / fraction) : "?";
  std::fprintf(stderr, "\r[%s] %5.1f%%  %s  elapsed %s  ETA %s\x1b[K", bar.c_str(), 100 * fraction,
               label.c_str(), format_duration(elapsed).c_str(), eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  // Drawing happens in the replication processes, so this object cannot know whether a line
  // was drawn: on a terminal, always clear it.
  if (enabled_) {
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
  }
  drawn_ = false;
}

} // namespace gigatwin::cli
