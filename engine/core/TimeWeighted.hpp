#pragma once
// TimeWeighted: a time-persistent quantity — WIP in lots, busy machines, headcount, power in
// kW — that holds its value between updates. It integrates the step function value(t) so that
// the time average over [last reset, t_now] can be read at any time. Times are in simulated
// seconds and must not go backwards; the value's unit is the caller's (the integral is in
// that unit times seconds).

namespace gigatwin::core {

class TimeWeighted {
public:
  explicit TimeWeighted(double t0 = 0.0, double value = 0.0);

  /// The quantity becomes `new_value` at time `t`. Throws std::invalid_argument if t is before
  /// the previous update or reset.
  /// Inline: buffers, WIP and power change on every lot.
  void update(double t, double new_value) {
    if (!(t >= t_last_))
      throw_time_went_back(t, "update");
    area_ += value_ * (t - t_last_);
    t_last_ = t;
    value_ = new_value;
    // As std::fmax/fmin, without the library call.
    if (new_value > max_ || max_ != max_)
      max_ = new_value;
    if (new_value < min_ || min_ != min_)
      min_ = new_value;
  }

  /// Integral of the value over [last reset, t_now]; t_now must not precede the last update.
  double integral(double t_now) const;
  /// Time average over [last reset, t_now]. Over an empty window (t_now == reset time) it is
  /// the current value, the limit of the average as the window shrinks.
  double mean(double t_now) const;

  double current() const { return value_; }
  /// Largest / smallest value held since the last reset (the value at the reset included).
  double max() const { return max_; }
  double min() const { return min_; }
  double last_update_time() const { return t_last_; }

  /// Restart the averaging at time t, keeping the current value (e.g. at the end of warm-up).
  void reset(double t);

private:
  [[noreturn]] void throw_time_went_back(double t, const char* what) const;
  double t_start_;
  double t_last_;
  double value_;
  double area_ = 0.0; // integral over [t_start_, t_last_]
  double max_;
  double min_;
};

} // namespace gigatwin::core
