#include "scenario/DidYouMean.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace gigatwin::scenario {

namespace {
char fold(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_folded(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size())
    return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (fold(text[i]) != fold(prefix[i]))
      return false;
  return true;
}
} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Names compared here are short keys; an unknown key of a fuzzer's choosing may be long, so
  // the quadratic table is only built for words of reasonable length.
  constexpr std::size_t max_len = 256;
  if (a.size() > max_len || b.size() > max_len)
    return std::numeric_limits<std::size_t>::max();
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i)
    at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j)
    at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      std::size_t best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        best = std::min(best, at(i - 2, j - 2) + 1);
      at(i, j) = best;
    }
  }
  return at(n, m);
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty())
    return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_score = std::numeric_limits<std::size_t>::max();
  for (const auto& candidate : candidates) {
    if (candidate.empty()) // e.g. a station group whose name was refused: nothing to suggest
      continue;
    const std::size_t distance = edit_distance(word, candidate);
    // Two edits turn any two-letter word into any other: demand that fewer edits than the
    // word has letters were needed.
    std::size_t score = std::numeric_limits<std::size_t>::max();
    if (distance <= 2 && distance < word.size())
      score = distance;
    // A prefix ("sample" for "sample_interval", "horizon_s" for "horizon") counts as three
    // edits, so that a true near-miss wins over it.
    else if (word.size() >= 2 && (starts_with_folded(candidate, word) || starts_with_folded(word, candidate)))
      score = 3;
    if (score < best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return best;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty())
      out += ", ";
    out += n;
  }
  return out;
}

std::string suggestion_hint(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view known_label) {
  if (auto best = did_you_mean(word, candidates))
    return "did you mean '" + *best + "'?";
  if (candidates.empty())
    return "";
  return std::string(known_label) + ": " + join_names(candidates);
}

} // namespace gigatwin::scenario
