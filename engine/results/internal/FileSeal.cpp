#include "FileSeal.hpp"

#include "results/ResultsError.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

namespace gigatwin::results::internal {

namespace {

constexpr char magic[] = "GigaTwin results file\n";
constexpr char hdf5_signature[] = "\x89HDF\r\n\x1a\n";
constexpr std::size_t signature_bytes = 8;

struct Digest {
  std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a 64 offset basis
  std::uint64_t bytes = 0;
};

// FNV-1a over the file from `user_block_bytes` to its end.
Digest digest_after_user_block(std::istream& in) {
  Digest digest;
  in.seekg(static_cast<std::streamoff>(user_block_bytes));
  std::vector<char> buffer(std::size_t{1} << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    std::uint64_t hash = digest.hash;
    for (std::size_t i = 0; i < got; ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 0x100000001b3ULL; // FNV-1a 64 prime
    }
    digest.hash = hash;
    digest.bytes += got;
  }
  return digest;
}

std::string header_text(const Digest& digest) {
  char text[160];
  std::snprintf(text, sizeof text, "%schecksum: fnv1a64 %016llx\nbytes: %llu\n", magic,
                static_cast<unsigned long long>(digest.hash), static_cast<unsigned long long>(digest.bytes));
  return text;
}

} // namespace

void seal_file(const std::string& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!file)
    throw ResultsError("cannot reopen " + path + " to seal it");
  const Digest digest = digest_after_user_block(file);
  file.clear();
  file.seekp(0);
  std::string header = header_text(digest);
  header.resize(user_block_bytes, '\0');
  file.write(header.data(), static_cast<std::streamsize>(header.size()));
  file.flush();
  if (!file)
    throw ResultsError("cannot write the checksum into " + path);
}

SealState verify_seal(const std::string& path, const std::string& not_ours) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw ResultsError(not_ours + "cannot read it");
  std::array<char, user_block_bytes + signature_bytes> head{};
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  const auto got = static_cast<std::size_t>(file.gcount());
  if (got >= signature_bytes && std::memcmp(head.data(), hdf5_signature, signature_bytes) == 0)
    return SealState::absent;
  const bool hdf5_after_user_block =
      got == head.size() && std::memcmp(head.data() + user_block_bytes, hdf5_signature, signature_bytes) == 0;
  const bool has_magic = got >= sizeof magic - 1 && std::memcmp(head.data(), magic, sizeof magic - 1) == 0;
  if (!has_magic && !hdf5_after_user_block)
    return SealState::absent; // not ours and not HDF5 at 512: let HDF5 judge it
  if (!has_magic)
    throw ResultsError(not_ours + "its " + std::to_string(user_block_bytes) +
                       "-byte header is not a GigaTwin header (damaged?)");
  unsigned long long expected_hash = 0;
  unsigned long long expected_bytes = 0;
  const std::string text(head.data(), strnlen(head.data(), user_block_bytes));
  if (std::sscanf(text.c_str() + sizeof magic - 1, "checksum: fnv1a64 %16llx\nbytes: %llu", &expected_hash,
                  &expected_bytes) != 2)
    throw ResultsError(not_ours + "its header is damaged");
  file.clear();
  const Digest digest = digest_after_user_block(file);
  // The file is not handed to HDF5 to tell a change from damage (damage is what HDF5 1.10 must
  // not see); its size says most: programs that edit HDF5 files (h5py, h5repack) grow them,
  // truncation shrinks them.
  const std::string now = std::to_string(digest.bytes + user_block_bytes);
  const std::string wrote = std::to_string(expected_bytes + user_block_bytes);
  // Only a grown file is offered a way round the check: a shrunk or garbled one is exactly what
  // HDF5 1.10 must not parse.
  if (digest.bytes > expected_bytes)
    throw ResultsError(not_ours + "it was modified after GigaTwin wrote it (" + now + " bytes now, " + wrote +
                       " when written: another program, such as h5py or h5repack, changed it); gigatwin "
                       "inspect and export read it anyway with --no-verify");
  if (digest.bytes < expected_bytes)
    throw ResultsError(not_ours + "it is truncated or damaged (" + now + " bytes now, " + wrote +
                       " when written)");
  if (digest.hash != expected_hash)
    throw ResultsError(not_ours +
                       "it is damaged or was modified after GigaTwin wrote it (checksum mismatch)");
  return SealState::verified;
}

} // namespace gigatwin::results::internal
