#include "FitQuantity.hpp"

#include "CsvField.hpp"

#include "scenario/ScenarioEdits.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gigatwin::cli {

namespace {

std::string parameters_text(const plantdata::Fit& fit) {
  if (fit.family == plantdata::Family::empirical)
    return std::to_string(fit.values.size()) + " values";
  std::string out;
  for (const auto& [key, value] : fit.parameters)
    out +=
        (out.empty() ? "" : ", ") + key + " " + plantdata::decimal(value, 4) + (key == "shape" ? "" : " s");
  return out;
}

/// The report's number: 17 digits (what other tools check the fits against), empty for none.
std::string number(double v) {
  return std::isnan(v) ? "" : plantdata::decimal(v, 17);
}

} // namespace

std::string p_text(double p) {
  return std::isnan(p) ? "" : " (p " + plantdata::decimal(p, 2) + ")";
}

const char* const fits_csv_header =
    "where,quantity,n,censored,family,parameter_1,value_1,low_1,high_1,parameter_2,value_2,low_2,high_2,"
    "log_likelihood,aic,bic,ks,chosen,ad,ks_p,ad_p,bootstrap_size\n";

std::string Quantity::summary() const {
  std::ostringstream s;
  s << what << ": n = " << observed;
  if (censored)
    s << " (+" << censored << " censored)";
  if (fits.empty())
    return s.str() + ", " + kept;
  const auto& best = fits.front();
  s << ", " << plantdata::family_name(best.family) << " (" << parameters_text(best);
  if (best.family != plantdata::Family::empirical) {
    s << "; AIC " << plantdata::decimal(best.aic, 8);
    if (fits.size() > 1 && fits[1].family != plantdata::Family::empirical)
      s << ", " << plantdata::family_name(fits[1].family) << " +"
        << plantdata::decimal(fits[1].aic - best.aic, 3);
  } else {
    s << "; every family rejected";
  }
  s << "), KS D = " << plantdata::decimal(best.ks, 3) << p_text(best.ks_p)
    << ", AD A² = " << plantdata::decimal(best.ad, 3) << p_text(best.ad_p);
  if (!std::isnan(best.ad_p) && bootstrap_size < observed)
    s << " (p of " << bootstrap_size << " drawn)";
  if (lifted)
    s << ", " << lifted << " zeros taken as 1/3 s";
  return s.str();
}

Quantity fit_untested(const std::string& where, const std::string& what, plantdata::Sample sample,
                      const FitChoice& choice) {
  Quantity q;
  q.where = where;
  q.what = what;
  q.observed = sample.observed.size();
  q.censored = sample.censored.size();
  if (q.observed < choice.min_observations) {
    q.kept = q.observed == 0 ? "none in the log: the base's kept"
                             : "fewer than " + std::to_string(choice.min_observations) + ": the base's kept";
    return q;
  }
  // A log in whole seconds: the bootstrap measures its draws the same way.
  q.whole_seconds = std::all_of(sample.observed.begin(), sample.observed.end(),
                                [](double v) { return v >= 0 && v == std::floor(v); });
  q.lifted = plantdata::lift_rounded_zeros(sample.observed);
  std::sort(sample.observed.begin(), sample.observed.end());
  q.fits = plantdata::fit_families(sample);
  if (choice.bic)
    std::stable_sort(q.fits.begin(), q.fits.end(),
                     [](const plantdata::Fit& a, const plantdata::Fit& b) { return a.bic < b.bic; });
  if (q.fits.empty())
    q.kept = "no family fits (every value the same?): the base's kept";
  q.sample = std::move(sample);
  return q;
}

void test_fits(Quantity& q, const FitChoice& choice) {
  if (q.observed < choice.min_observations)
    return; // not fitted: the base's kept
  // The p-values of the choice; with `empirical`, of each family in turn until one is not
  // rejected (the seed is the position, so the report is the same from run to run).
  const plantdata::BootstrapOptions options{choice.bootstrap, 2000, 1, q.whole_seconds};
  bool every_rejected = !q.fits.empty();
  for (std::size_t k = 0; k < q.fits.size() && (k == 0 || choice.empirical); ++k) {
    auto& fit = q.fits[k];
    auto these = options;
    these.seed = k + 1;
    const auto p = plantdata::bootstrap_p_values(fit, q.sample, these);
    fit.ks_p = p.ks;
    fit.ad_p = p.ad;
    q.bootstrap_size = std::max(q.bootstrap_size, p.size);
    // Rejected when p <= alpha: with p = (1 + #)/(1 + B) that happens with probability alpha
    // exactly under the family when alpha (1 + B) is a whole number.
    if (!(p.ad <= choice.alpha)) { // not rejected (or not testable): it stands
      every_rejected = false;
      if (choice.empirical)
        std::rotate(q.fits.begin(), q.fits.begin() + static_cast<std::ptrdiff_t>(k),
                    q.fits.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      break;
    }
  }
  if (choice.empirical && (every_rejected || q.fits.empty())) {
    q.fits.insert(q.fits.begin(), plantdata::fit_empirical(q.sample));
    q.kept.clear();
  }
}

Quantity fit_quantity(const std::string& where, const std::string& what, plantdata::Sample sample,
                      const FitChoice& choice) {
  Quantity q = fit_untested(where, what, std::move(sample), choice);
  test_fits(q, choice);
  return q;
}

std::string yaml_scalar(const std::string& text) {
  return scenario::emit_flow_yaml(scenario::scalar_node(text));
}

std::string comment_text(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = ' ';
  return text;
}

void report_rows(std::ostream& csv, const Quantity& q) {
  for (std::size_t k = 0; k < q.fits.size(); ++k) {
    const auto& f = q.fits[k];
    csv << csv_field(q.where) << ',' << csv_field(q.what) << ',' << q.observed << ',' << q.censored << ','
        << plantdata::family_name(f.family);
    for (std::size_t p = 0; p < 2; ++p) {
      if (p < f.parameters.size())
        csv << ',' << f.parameters[p].first << ',' << number(f.parameters[p].second) << ','
            << number(f.intervals[p].first) << ',' << number(f.intervals[p].second);
      else if (p == 0 && f.family == plantdata::Family::empirical)
        csv << ",values," << f.values.size() << ",,";
      else
        csv << ",,,,";
    }
    csv << ',' << number(f.log_likelihood) << ',' << number(f.aic) << ',' << number(f.bic) << ','
        << number(f.ks) << ',' << (k == 0 ? 1 : 0) << ',' << number(f.ad) << ',' << number(f.ks_p) << ','
        << number(f.ad_p) << ',' << (std::isnan(f.ad_p) ? std::size_t{0} : q.bootstrap_size) << '\n';
  }
}

} // namespace gigatwin::cli
