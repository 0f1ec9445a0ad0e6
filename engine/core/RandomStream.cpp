#include "core/RandomStream.hpp"

#include <stdexcept>

namespace gigatwin::core {

namespace {
constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;
}

std::uint64_t RandomStream::derive_seed(std::uint64_t master_seed, std::uint64_t replication,
                                        std::string_view entity, std::string_view purpose) {
  // Each input is folded in through the bijection mix64, in a fixed order, so that two inputs
  // differing in one field give different seeds and swapping entity and purpose matters too.
  std::uint64_t h = mix64(master_seed + golden_gamma);
  h = mix64(h ^ mix64(replication + 2 * golden_gamma));
  h = mix64(h ^ hash_name(entity));
  h = mix64(h ^ hash_name(purpose));
  return h;
}

RandomStream::RandomStream(std::uint64_t master_seed, std::uint64_t replication, std::string_view entity,
                           std::string_view purpose) {
  // Seed expansion as recommended by xoshiro's authors: consecutive SplitMix64 outputs. They
  // are mix64 of four distinct values and mix64 is a bijection with mix64(0) = 0, so at most
  // one word can be zero: the state is never all zero.
  std::uint64_t x = derive_seed(master_seed, replication, entity, purpose);
  for (auto& word : s_) {
    x += golden_gamma;
    word = mix64(x);
  }
}

RandomStream RandomStream::from_state(const std::array<std::uint64_t, 4>& state) {
  if (state[0] == 0 && state[1] == 0 && state[2] == 0 && state[3] == 0)
    throw std::invalid_argument("xoshiro256** state must not be all zero");
  RandomStream rs;
  rs.s_ = state;
  return rs;
}

} // namespace gigatwin::core
