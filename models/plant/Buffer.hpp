#pragma once
// Buffer: the lots waiting in front of a step, first in first out. Its capacity counts waiting
// lots only, not the lots on the step's machines; an unlimited buffer has the largest capacity.

#include "plant/Lot.hpp"

#include "core/TimeWeighted.hpp"

#include <cstdint>
#include <deque>
#include <limits>

namespace gigatwin::plant {

class Buffer {
public:
  static constexpr std::int64_t unlimited = std::numeric_limits<std::int64_t>::max();

  explicit Buffer(std::int64_t capacity) : capacity_(capacity) {}

  bool empty() const { return lots_.empty(); }
  bool has_room() const { return static_cast<std::int64_t>(lots_.size()) < capacity_; }
  std::int64_t size() const { return static_cast<std::int64_t>(lots_.size()); }
  std::int64_t capacity() const { return capacity_; }
  void push(const Lot& lot, double now_s) {
    lots_.push_back(lot);
    lots_.back().buffered_s = now_s;
    level_.update(now_s, static_cast<double>(lots_.size()));
  }
  /// A lot that waited here when a state was taken: its time in the buffer counts from then,
  /// and it may take the buffer past its capacity (the plant's buffer may be larger).
  void restore(const Lot& lot, double now_s) {
    lots_.push_back(lot);
    level_.update(now_s, static_cast<double>(lots_.size()));
  }
  /// The waiting lots, the longest waiting first.
  const std::deque<Lot>& lots() const { return lots_; }
  /// The lot waiting longest; the buffer must not be empty.
  const Lot& front() const { return lots_.front(); }
  Lot pop(double now_s) {
    Lot lot = lots_.front();
    lots_.pop_front();
    level_.update(now_s, static_cast<double>(lots_.size()));
    return lot;
  }
  /// Time-average number of waiting lots since the last reset (0 over an empty window).
  double mean_level(double now_s) const { return now_s > reset_s_ ? level_.mean(now_s) : 0.0; }
  void reset_statistics(double now_s) {
    level_.reset(now_s);
    reset_s_ = now_s;
  }

private:
  std::int64_t capacity_;
  std::deque<Lot> lots_;
  core::TimeWeighted level_; // lots waiting
  double reset_s_ = 0.0;
};

} // namespace gigatwin::plant
