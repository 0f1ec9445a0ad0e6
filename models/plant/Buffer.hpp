#pragma once
// Buffer: the lots waiting in front of a step, first in first out. Its capacity counts waiting
// lots only, not the lots on the step's machines; an unlimited buffer has the largest capacity.

#include "Lot.hpp"

#include <cstdint>
#include <deque>
#include <limits>

namespace gigatwin::models {

class Buffer {
public:
  static constexpr std::int64_t unlimited = std::numeric_limits<std::int64_t>::max();

  explicit Buffer(std::int64_t capacity) : capacity_(capacity) {}

  bool empty() const { return lots_.empty(); }
  bool has_room() const { return static_cast<std::int64_t>(lots_.size()) < capacity_; }
  std::int64_t size() const { return static_cast<std::int64_t>(lots_.size()); }
  std::int64_t capacity() const { return capacity_; }
  void push(const Lot& lot, double now_s) {
    accumulate(now_s);
    lots_.push_back(lot);
    lots_.back().buffered_s = now_s;
  }
  /// The lot waiting longest; the buffer must not be empty.
  const Lot& front() const { return lots_.front(); }
  Lot pop(double now_s) {
    accumulate(now_s);
    Lot lot = lots_.front();
    lots_.pop_front();
    return lot;
  }
  /// Time-average number of waiting lots since the last reset.
  double mean_level(double now_s) const {
    double span = now_s - reset_s_;
    return span > 0 ? (area_ + static_cast<double>(lots_.size()) * (now_s - since_s_)) / span : 0.0;
  }
  void reset_statistics(double now_s) {
    area_ = 0.0;
    since_s_ = reset_s_ = now_s;
  }

private:
  void accumulate(double now_s) {
    area_ += static_cast<double>(lots_.size()) * (now_s - since_s_);
    since_s_ = now_s;
  }

  std::int64_t capacity_;
  std::deque<Lot> lots_;
  double area_ = 0.0; // lots x s since reset_s_
  double since_s_ = 0.0;
  double reset_s_ = 0.0;
};

} // namespace gigatwin::models
