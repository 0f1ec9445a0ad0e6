#pragma once
// Diagnostic: one problem found in a scenario, told the way a compiler tells it: where
// (file:line:column, 1-based), which key (`station_groups[1].process_time.mean`), what was
// expected and what was found. ScenarioError carries every diagnostic of one load, so that a
// user fixes all problems in one pass instead of one per run. DiagnosticLog collects them while
// the loader keeps going.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace gigatwin::scenario {

struct Diagnostic {
  std::string file;     ///< scenario file label, "--set" for an override, or a CSV path
  int line = 0;         ///< 1-based; 0 when the problem has no position (e.g. unreadable file)
  int column = 0;       ///< 1-based; 0 when unknown
  std::string key_path; ///< e.g. "routing.steps[0].buffer"; empty for document-level problems
  std::string expected;
  std::string found;
  std::string hint; ///< optional, e.g. "did you mean 'horizon'?"

  /// "FILE:LINE:COLUMN: error: KEY_PATH: expected EXPECTED, found FOUND (HINT)"; the position
  /// is left out when line is 0, the key path when it is empty, the hint when it is empty.
  std::string to_string() const;
};

/// Thrown by the loader when a scenario has at least one problem; what() lists them all, one
/// per line.
class ScenarioError : public std::runtime_error {
public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

/// Where a node of the scenario came from. origin 0 is the scenario file, origin k >= 1 the
/// k-th `--set` override (then line is k and column counts within that override's text), origin
/// -k the k-th base file it `extends` (DiagnosticLog::add_file).
struct SourcePos {
  int origin = 0;
  int line = 0;   ///< 1-based, 0 = unknown
  int column = 0; ///< 1-based, 0 = unknown
};

/// Collects the diagnostics of one load. It caps their number so that a pathological input
/// cannot make the error report itself huge, and sorts them by position when done.
class DiagnosticLog {
public:
  static constexpr std::size_t max_diagnostics = 100;

  explicit DiagnosticLog(std::string file_label) : file_label_(std::move(file_label)) {}

  const std::string& file_label() const { return file_label_; }
  /// Registers another scenario file (a base the scenario extends) and returns the origin its
  /// positions carry: -1 for the first, -2 for the second, ...
  int add_file(std::string label);
  /// The label printed for a position: the file label, a base file's label, or "--set" for an
  /// override.
  std::string label_of(const SourcePos& pos) const;

  void add(const SourcePos& pos, std::string key_path, std::string expected, std::string found,
           std::string hint = "");
  /// A diagnostic about another file (a CSV of observations); sorted after the scenario file's.
  void add_external(Diagnostic diagnostic);

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  bool full() const { return entries_.size() >= max_diagnostics; }

  /// The diagnostics sorted by (scenario file, base and CSV files, overrides), then line and column.
  std::vector<Diagnostic> sorted() const;
  [[noreturn]] void throw_error() const;

private:
  struct Entry {
    int rank; // 0 scenario file, 1 other files (bases, CSV), 2 overrides
    int order;
    Diagnostic diagnostic;
  };
  void push(int rank, Diagnostic diagnostic);

  std::string file_label_;
  std::vector<std::string> other_files_; ///< base file labels, origin -1 first
  std::vector<Entry> entries_;
  bool truncated_ = false;
};

} // namespace gigatwin::scenario
