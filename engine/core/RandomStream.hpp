#pragma once
// RandomStream: one named, reproducible source of random numbers. A stream is identified by
// (master seed, replication, entity, purpose), e.g. (42, 3, "coating-2", "process_time");
// these four are hashed into the 256-bit state of xoshiro256**. The same four inputs give the
// same sequence on every machine and compiler (only integer arithmetic and a fixed string hash,
// FNV-1a 64, are involved), which is what gives common random numbers across scenarios: an
// entity draws the same numbers whatever else changed in the factory. Streams with different
// names are statistically independent for all practical purposes. Unitless; a stream is not
// thread-safe (each entity owns its own).

#include <array>
#include <cstdint>
#include <string_view>

namespace gigatwin::core {

class RandomStream {
public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t master_seed, std::uint64_t replication, std::string_view entity,
               std::string_view purpose);

  /// A stream started from an explicit xoshiro256** state (must not be all zero); for tests
  /// against the reference generator and for restoring a saved state.
  static RandomStream from_state(const std::array<std::uint64_t, 4>& state);

  /// The 64-bit seed the four names are reduced to; the state is four SplitMix64 outputs of it.
  static std::uint64_t derive_seed(std::uint64_t master_seed, std::uint64_t replication,
                                   std::string_view entity, std::string_view purpose);

  /// FNV-1a 64 of the bytes of `name`: fixed and platform-independent, unlike std::hash.
  static constexpr std::uint64_t hash_name(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char ch : name) {
      h ^= static_cast<std::uint8_t>(ch);
      h *= 0x100000001b3ULL;
    }
    return h;
  }

  /// SplitMix64's output function: a bijection of 64-bit integers with good avalanche.
  static constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on the open interval (0,1): (k + 0.5) / 2^52 with k the top 52 bits. Every value
  /// is exact in a double, the smallest is 2^-53 and the largest 1 - 2^-53, so log(u) and
  /// log(1-u) are always finite. (With 53 bits, k + 0.5 would round up to 2^53, i.e. to 1.)
  double uniform01() { return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52; }

  // UniformRandomBitGenerator, so the stream can drive std::shuffle and the like.
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return next_u64(); }

  const std::array<std::uint64_t, 4>& state() const { return s_; }

private:
  RandomStream() = default;
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::array<std::uint64_t, 4> s_{};
};

} // namespace gigatwin::core
