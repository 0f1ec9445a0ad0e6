#include "results/DisplayUnits.hpp"

#include "results/ResultsReader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <utility>

namespace gigatwin::results {

DisplayUnit display_unit(std::string_view stored) {
  if (stored == "s")
    return {1.0 / 3600.0, "h"};
  if (stored == "1")
    return {100.0, "%"};
  if (stored == "a")
    return {1.0, "years"};
  if (stored == "1/1e6")
    return {1.0, "per million"};
  return {1.0, std::string(stored)};
}

DisplayUnit display_unit(std::string_view kpi, std::string_view stored_units, std::string_view lot_noun) {
  DisplayUnit shown = display_unit(stored_units);
  constexpr std::string_view of_output[] = {"throughput", "output", "cost_per_unit", "kwh_per_unit",
                                            "lost_output"};
  if (std::find(std::begin(of_output), std::end(of_output), kpi) != std::end(of_output))
    shown.units = name_lots(shown.units, lot_noun);
  return shown;
}

std::string plural(std::string_view product) {
  std::string p(product);
  std::replace(p.begin(), p.end(), '_', ' ');
  const auto ends = [&](std::string_view tail) {
    return p.size() >= tail.size() && p.compare(p.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (p.empty() || ends("s"))
    return p;
  if (ends("sh") || ends("ch") || ends("x"))
    return p + "es";
  if (ends("y") && p.size() > 1 && std::string_view("aeiou").find(p[p.size() - 2]) == std::string_view::npos)
    return p.substr(0, p.size() - 1) + "ies";
  return p + "s";
}

std::string name_lots(std::string_view units, std::string_view lot_noun) {
  std::string out(units);
  if (lot_noun.empty())
    return out;
  std::string singular(lot_noun);
  std::replace(singular.begin(), singular.end(), '_', ' ');
  // Whole words only: "lots" first, then "lot" (so "lots" never becomes "packss").
  const auto word_at = [&](std::size_t at, std::size_t n) {
    const auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    return (at == 0 || !letter(out[at - 1])) && (at + n == out.size() || !letter(out[at + n]));
  };
  for (const auto& [word, replacement] : {std::pair<std::string, std::string>{"lots", plural(lot_noun)},
                                          std::pair<std::string, std::string>{"lot", singular}}) {
    for (std::size_t at = out.find(word); at != std::string::npos; at = out.find(word, at)) {
      if (word_at(at, word.size())) {
        out.replace(at, word.size(), replacement);
        at += replacement.size();
      } else {
        at += word.size();
      }
    }
  }
  return out;
}

std::string lot_noun(const Table& products) {
  std::string noun;
  int with_output = 0;
  for (std::size_t r = 0; r < products.rows.size(); ++r)
    if (number_at(products, r, "output") > 0) {
      ++with_output;
      noun = text_at(products, r, "name");
    }
  return with_output == 1 ? noun : std::string();
}

std::string plain_number(double v, int significant) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  if (v == 0)
    return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
  const int decimals = std::clamp(significant - 1 - magnitude, 0, 15);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (decimals > 0) { // 3.500000 reads as 3.5
    while (s.back() == '0')
      s.pop_back();
    if (s.back() == '.')
      s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string lot_noun(const ResultsReader& file, const std::string& run_group) {
  return file.has(run_group + "/products") ? lot_noun(file.read_table(run_group + "/products"))
                                           : std::string();
}

std::string lot_noun(const ResultsReader& file) {
  for (const auto& run : file.has("/runs") ? file.list("/runs") : std::vector<std::string>{})
    if (file.has("/runs/" + run + "/products"))
      return lot_noun(file.read_table("/runs/" + run + "/products"));
  return {};
}

} // namespace gigatwin::results
