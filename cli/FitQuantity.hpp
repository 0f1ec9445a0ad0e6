#pragma once
// FitQuantity: one quantity of a plant's log fitted for `gigatwin fit` — a station group's
// process, setup, repair or failure times, or a source's times between releases — with the
// choice among the families (the lowest AIC or BIC; the empirical distribution, where asked,
// when the goodness-of-fit test rejects every family), the bootstrap p-values of the choice,
// and its lines in the terminal, the fitted scenario's comments and the report. Durations in s.
// It does not decide where a fit goes in the scenario (FitCommand) or draw it (FitPlots).

#include "plantdata/DistributionFit.hpp"
#include "plantdata/GoodnessOfFit.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace gigatwin::cli {

struct FitChoice {
  std::size_t min_observations = 30; ///< fewer ended durations: the base's value is kept
  bool bic = false;                  ///< rank by BIC instead of AIC
  int bootstrap = 200;               ///< B for the p-values (0: none)
  bool empirical = false;            ///< the empirical distribution when every family is rejected
  double alpha = 0.01;               ///< ... by the Anderson–Darling test at this level
};

struct Quantity {
  std::string where; ///< a station group, or "source"
  std::string what;  ///< "process time", "setup time", ...
  std::size_t observed = 0, censored = 0;
  std::vector<plantdata::Fit> fits; ///< the chosen first; empty: not fitted
  std::string kept;                 ///< why the base's value was kept
  std::size_t lifted = 0;           ///< zeros of a whole-second log taken as 1/3 s
  std::size_t bootstrap_size = 0;   ///< the bootstrap samples' size (0: no p-values)
  plantdata::Sample sample;         ///< what was fitted (for the report's plots), sorted
  bool whole_seconds = false;       ///< measured in whole seconds (the bootstrap measures its draws so)

  /// "process time: n = 12556 (+1 censored), gamma (shape 4.02, scale 16.4 s; AIC ...), KS D = ..."
  std::string summary() const;
};

/// Every family fitted to `sample` and ranked by the choice's criterion, not yet tested: enough
/// to compare fits (two failure bases, one product against all), and cheap.
Quantity fit_untested(const std::string& where, const std::string& what, plantdata::Sample sample,
                      const FitChoice& choice);
/// The bootstrap tests of a quantity about to be reported: the p-values of its choice and, with
/// `empirical`, the empirical distribution where every family is rejected.
void test_fits(Quantity& q, const FitChoice& choice);
/// Both, for a quantity reported as soon as it is fitted.
Quantity fit_quantity(const std::string& where, const std::string& what, plantdata::Sample sample,
                      const FitChoice& choice);

/// " (p 0.35)" for a p-value, "" for none (NaN): how the terminal, comments and plots show it.
std::string p_text(double p);

/// A name or path as a YAML scalar (quoted where plain text would read as something else).
std::string yaml_scalar(const std::string& text);
/// Text for a comment line: no line breaks or control bytes.
std::string comment_text(std::string text);

/// The report's fits.csv: its header, and one row per family fitted of `q`.
extern const char* const fits_csv_header;
void report_rows(std::ostream& csv, const Quantity& q);

} // namespace gigatwin::cli
