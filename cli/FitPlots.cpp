#include "FitPlots.hpp"

#include "results/AxisScale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

namespace gigatwin::cli {

namespace {

constexpr double panel_size = 300, margin_left = 64, margin_top = 64, gap = 96;

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text)
    out += c == '&'   ? "&amp;"
           : c == '<' ? "&lt;"
           : c == '>' ? "&gt;"
           : c == '"' ? "&quot;"
                      : std::string(1, c);
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

struct Point {
  double x, y;
};

/// One square panel at (left, top): axes over [lo, hi] on both sides (the diagonal is y = x),
/// round ticks, labels, the points.
void panel(std::ostream& svg, double left, double top, double lo, double hi, const std::string& title,
           const std::string& x_label, const std::string& y_label, const std::vector<Point>& points) {
  // A range a few ulps wide (a fit of nearly equal values) gets a width a person can read.
  const double scale = std::max({std::abs(lo), std::abs(hi), 1e-12});
  if (!(hi - lo > 1e-9 * scale)) {
    lo -= 0.05 * scale;
    hi += 0.05 * scale;
  }
  const auto range = results::nice_range(lo, hi, 5);
  const double span = range.high - range.low;
  const auto px = [&](double v) { return left + (v - range.low) / span * panel_size; };
  const auto py = [&](double v) { return top + panel_size - (v - range.low) / span * panel_size; };
  const int decimals = results::decimals_for(range.step);
  svg << "<g font-family=\"sans-serif\" font-size=\"12\">\n";
  svg << "<text x=\"" << fixed(left + panel_size / 2, 1) << "\" y=\"" << fixed(top - 12, 1)
      << "\" text-anchor=\"middle\" font-weight=\"bold\">" << escaped(title) << "</text>\n";
  svg << "<rect x=\"" << fixed(left, 1) << "\" y=\"" << fixed(top, 1) << "\" width=\"" << panel_size
      << "\" height=\"" << panel_size << "\" fill=\"white\" stroke=\"#888\"/>\n";
  const auto ticks = static_cast<int>(std::min(50.0, std::round((range.high - range.low) / range.step)));
  for (int i = 0; i <= ticks; ++i) {
    const double t = range.low + i * range.step;
    const std::string label = fixed(t, decimals);
    svg << "<line x1=\"" << fixed(px(t), 1) << "\" y1=\"" << fixed(top, 1) << "\" x2=\"" << fixed(px(t), 1)
        << "\" y2=\"" << fixed(top + panel_size, 1) << "\" stroke=\"#eee\"/>\n";
    svg << "<line x1=\"" << fixed(left, 1) << "\" y1=\"" << fixed(py(t), 1) << "\" x2=\""
        << fixed(left + panel_size, 1) << "\" y2=\"" << fixed(py(t), 1) << "\" stroke=\"#eee\"/>\n";
    svg << "<text x=\"" << fixed(px(t), 1) << "\" y=\"" << fixed(top + panel_size + 16, 1)
        << "\" text-anchor=\"middle\">" << label << "</text>\n";
    svg << "<text x=\"" << fixed(left - 6, 1) << "\" y=\"" << fixed(py(t) + 4, 1) << "\" text-anchor=\"end\">"
        << label << "</text>\n";
  }
  svg << "<line class=\"diagonal\" x1=\"" << fixed(px(range.low), 1) << "\" y1=\"" << fixed(py(range.low), 1)
      << "\" x2=\"" << fixed(px(range.high), 1) << "\" y2=\"" << fixed(py(range.high), 1)
      << "\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>\n";
  svg << "<text x=\"" << fixed(left + panel_size / 2, 1) << "\" y=\"" << fixed(top + panel_size + 36, 1)
      << "\" text-anchor=\"middle\">" << escaped(x_label) << "</text>\n";
  svg << "<text transform=\"translate(" << fixed(left - 46, 1) << ' ' << fixed(top + panel_size / 2, 1)
      << ") rotate(-90)\" text-anchor=\"middle\">" << escaped(y_label) << "</text>\n";
  // Each point keeps its values (data-x, data-y) beside its place: a reader can check the plot.
  for (const auto& p : points)
    svg << "<circle cx=\"" << fixed(px(p.x), 2) << "\" cy=\"" << fixed(py(p.y), 2) << "\" r=\"2.2\" data-x=\""
        << p.x << "\" data-y=\"" << p.y << "\" fill=\"#1f4e79\" fill-opacity=\"0.75\"/>\n";
  svg << "</g>\n";
}

} // namespace

std::string fit_plot_name(const Quantity& q) {
  std::string name = q.where + "-" + q.what;
  for (char& c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      c = '-';
  return name + ".svg";
}

std::string fit_plot_svg(const Quantity& q) {
  const plantdata::Fit& fit = q.fits.front();
  std::vector<double> x = q.sample.observed;
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size(), k = std::min<std::size_t>(n, 200);
  // Durations in a unit a person reads: s up to 3 min, min up to 3 h, h beyond.
  const double top = x.empty() ? 0 : x.back();
  const double unit = top <= 180 ? 1 : top <= 10800 ? 60 : 3600;
  const std::string unit_name = unit == 1 ? "s" : unit == 60 ? "min" : "h";
  std::vector<Point> pp, qq;
  double q_lo = 1e300, q_hi = -1e300;
  for (std::size_t i = 0; i < k; ++i) {
    const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(k);
    // The sample's quantile at p: the order statistic ceil(p n) (1-based).
    const auto at =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(p * static_cast<double>(n))), 1, n);
    const double sample_q = x[at - 1];
    pp.push_back({plantdata::fitted_cdf(fit, sample_q), p});
    const double fitted_q = plantdata::fitted_quantile(fit, p);
    if (std::isfinite(fitted_q)) {
      qq.push_back({fitted_q / unit, sample_q / unit});
      q_lo = std::min({q_lo, fitted_q / unit, sample_q / unit});
      q_hi = std::max({q_hi, fitted_q / unit, sample_q / unit});
    }
  }
  const double width = margin_left + 2 * panel_size + gap + 24, height = margin_top + 16 + panel_size + 56;
  std::ostringstream svg;
  svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << width << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height << "\">\n";
  svg << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  std::string heading = q.where + " " + q.what + ": " + plantdata::family_name(fit.family);
  if (fit.family != plantdata::Family::empirical)
    for (const auto& [key, value] : fit.parameters)
      heading += (key == fit.parameters.front().first ? " (" : ", ") + key + " " +
                 plantdata::decimal(key == "shape" ? value : value / unit, 4) +
                 (key == "shape" ? "" : " " + unit_name);
  if (fit.family != plantdata::Family::empirical && !fit.parameters.empty())
    heading += ")";
  std::string sub = "n = " + std::to_string(n) +
                    (q.censored ? " ended (" + std::to_string(q.censored) + " censored, not shown)" : "") +
                    ", KS D = " + plantdata::decimal(fit.ks, 3) + p_text(fit.ks_p) +
                    ", AD A² = " + plantdata::decimal(fit.ad, 3) + p_text(fit.ad_p);
  svg << "<text x=\"16\" y=\"22\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">"
      << escaped(heading)
      << "</text>\n<text x=\"16\" y=\"40\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#444\">"
      << escaped(sub) << "</text>\n";
  panel(svg, margin_left, margin_top + 16, 0, 1, "P-P", "fitted CDF", "sample probability", pp);
  if (!qq.empty())
    panel(svg, margin_left + panel_size + gap, margin_top + 16, q_lo, q_hi, "Q-Q",
          "fitted quantile (" + unit_name + ")", "sample quantile (" + unit_name + ")", qq);
  svg << "</svg>\n";
  return svg.str();
}

} // namespace gigatwin::cli
