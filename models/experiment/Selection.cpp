#include "experiment/Selection.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gigatwin::experiment {

double kn_eta(double alpha, std::size_t k, std::size_t first) {
  if (k < 2)
    return 0;
  return 0.5 * (std::pow(2 * alpha / static_cast<double>(k - 1), -2.0 / static_cast<double>(first - 1)) - 1);
}

SelectionOutcome select_smallest(std::size_t k, const SelectionSettings& s, const Observe& observe) {
  if (k < 1)
    throw std::invalid_argument("selection among no system");
  if (!(s.alpha > 0 && s.alpha < 1) || !(s.delta > 0) || s.first < 2 || s.max_per_system < s.first)
    throw std::invalid_argument(
        "selection needs 0 < alpha < 1, delta > 0, first >= 2 and a budget of at least first");
  SelectionOutcome out;
  out.observations.assign(k, 0);
  out.means.assign(k, 0);
  out.eliminated_at.assign(k, 0);
  std::vector<std::vector<double>> x(k);
  const auto take = [&](const std::vector<std::pair<std::size_t, std::size_t>>& wanted) {
    const std::vector<double> values = observe(wanted);
    if (values.size() != wanted.size())
      throw std::runtime_error("selection: the observer gave " + std::to_string(values.size()) +
                               " values for " + std::to_string(wanted.size()));
    for (std::size_t j = 0; j < wanted.size(); ++j)
      x[wanted[j].first].push_back(values[j]);
  };
  std::vector<std::pair<std::size_t, std::size_t>> first;
  for (std::size_t n = 0; n < s.first; ++n)
    for (std::size_t i = 0; i < k; ++i)
      first.emplace_back(i, n);
  take(first);
  const auto mean = [&](std::size_t i, std::size_t r) {
    double sum = 0;
    for (std::size_t j = 0; j < r; ++j)
      sum += x[i][j];
    return sum / static_cast<double>(r);
  };
  const auto finish = [&](const std::vector<std::size_t>& in, bool guaranteed) {
    for (std::size_t i = 0; i < k; ++i) {
      out.observations[i] = x[i].size();
      out.means[i] = mean(i, x[i].size());
    }
    out.chosen = *std::min_element(in.begin(), in.end(), [&](std::size_t a, std::size_t b) {
      return mean(a, x[a].size()) < mean(b, x[b].size());
    });
    out.guaranteed = guaranteed;
    return out;
  };
  std::vector<std::size_t> in(k);
  for (std::size_t i = 0; i < k; ++i)
    in[i] = i;
  if (k == 1)
    return finish(in, true);
  // First-stage variances of the pairwise differences (common random numbers allowed).
  const double n0 = static_cast<double>(s.first);
  const double h2 = 2 * kn_eta(s.alpha, k, s.first) * (n0 - 1);
  std::vector<std::vector<double>> s2(k, std::vector<double>(k, 0));
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t l = i + 1; l < k; ++l) {
      const double d = mean(i, s.first) - mean(l, s.first);
      double sum = 0;
      for (std::size_t j = 0; j < s.first; ++j)
        sum += std::pow(x[i][j] - x[l][j] - d, 2);
      s2[i][l] = s2[l][i] = sum / (n0 - 1);
    }
  // Past N = max floor(h² S²/δ²) observations the continuation region is closed: the best mean wins.
  double most = 0;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t l = 0; l < k; ++l)
      if (i != l)
        most = std::max(most, std::floor(h2 * s2[i][l] / (s.delta * s.delta)));
  std::size_t r = s.first;
  for (std::size_t stage = 1;; ++stage) {
    if (static_cast<double>(r) > most)
      return finish(in, true);
    std::vector<std::size_t> kept;
    for (std::size_t i : in) {
      bool keep = true;
      for (std::size_t l : in) {
        if (l == i)
          continue;
        const double w = std::max(0.0, s.delta / (2 * static_cast<double>(r)) *
                                           (h2 * s2[i][l] / (s.delta * s.delta) - static_cast<double>(r)));
        keep = keep && mean(i, r) <= mean(l, r) + w;
      }
      if (keep)
        kept.push_back(i);
      else
        out.eliminated_at[i] = stage;
    }
    in = kept;
    if (in.size() == 1)
      return finish(in, true);
    if (r >= s.max_per_system)
      return finish(in, false);
    std::vector<std::pair<std::size_t, std::size_t>> more;
    for (std::size_t i : in)
      more.emplace_back(i, r);
    take(more);
    ++r;
  }
}

} // namespace gigatwin::experiment
