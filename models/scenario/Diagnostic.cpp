#include "scenario/Diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace gigatwin::scenario {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0)
      out += ":" + std::to_string(column);
  }
  out += ": error: ";
  if (!key_path.empty())
    out += key_path + ": ";
  out += "expected " + expected + ", found " + found;
  if (!hint.empty())
    out += " (" + hint + ")";
  return out;
}

namespace {
std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty())
      out += '\n';
    out += d.to_string();
  }
  return out;
}
} // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

int DiagnosticLog::add_file(std::string label) {
  other_files_.push_back(std::move(label));
  return -static_cast<int>(other_files_.size());
}

std::string DiagnosticLog::label_of(const SourcePos& pos) const {
  if (pos.origin < 0) {
    const auto k = static_cast<std::size_t>(-static_cast<long long>(pos.origin)) - 1;
    return k < other_files_.size() ? other_files_[k] : file_label_;
  }
  return pos.origin == 0 ? file_label_ : std::string("--set");
}

void DiagnosticLog::add(const SourcePos& pos, std::string key_path, std::string expected, std::string found,
                        std::string hint) {
  push(pos.origin == 0  ? 0
       : pos.origin < 0 ? 1
                        : 2,
       Diagnostic{label_of(pos), pos.line, pos.column, std::move(key_path), std::move(expected),
                  std::move(found), std::move(hint)});
}

void DiagnosticLog::add_external(Diagnostic diagnostic) {
  push(1, std::move(diagnostic));
}

void DiagnosticLog::push(int rank, Diagnostic diagnostic) {
  if (full()) {
    truncated_ = true;
    return;
  }
  entries_.push_back(Entry{rank, static_cast<int>(entries_.size()), std::move(diagnostic)});
}

std::vector<Diagnostic> DiagnosticLog::sorted() const {
  std::vector<const Entry*> order;
  for (const auto& e : entries_)
    order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const Entry* x, const Entry* y) {
    // Overrides are numbered by line, so sorting by line keeps them in command-line order.
    return std::tie(x->rank, x->diagnostic.file, x->diagnostic.line, x->diagnostic.column, x->order) <
           std::tie(y->rank, y->diagnostic.file, y->diagnostic.line, y->diagnostic.column, y->order);
  });
  std::vector<Diagnostic> out;
  for (const Entry* e : order)
    out.push_back(e->diagnostic);
  if (truncated_)
    out.push_back(Diagnostic{file_label_, 0, 0, "", "at most " + std::to_string(max_diagnostics) + " errors",
                             "more", "fix these first; the rest were not listed"});
  return out;
}

void DiagnosticLog::throw_error() const {
  throw ScenarioError(sorted());
}

} // namespace gigatwin::scenario
