#pragma once
// FitPlots: the P-P and Q-Q plots of a fitted quantity's chosen family, side by side in one SVG
// document for the fit report (`fitted.report/<where>-<quantity>.svg`). P-P: the fitted CDF at
// each sample quantile against its probability — the largest gap from the diagonal is about the
// KS statistic. Q-Q: the fitted quantile against the sample's, in s, min or h by the
// durations' size — the tails show there. Up to 200 points at probabilities (i − ½)/k of the
// durations that ended (censored ones left out, and the subtitle says how many). Written as
// text: the CLI links no graphics library.

#include "FitQuantity.hpp"

#include <string>

namespace gigatwin::cli {

/// The plot of `q`'s first (chosen) fit; requires !q.fits.empty().
std::string fit_plot_svg(const Quantity& q);
/// Its file name: where and what, letters, digits, '.', '_' and '-' kept, anything else '-'
/// ("station3-process-time.svg").
std::string fit_plot_name(const Quantity& q);

} // namespace gigatwin::cli
