#pragma once
// Spelling suggestions for unknown names ("did you mean 'horizon'?"): a word is suggested when
// it is at most two edits away (insertion, deletion, substitution, or swap of neighbours, case
// ignored) or when one word is a prefix of the other.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

/// Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a
/// substring), case-insensitive for ASCII letters.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The best candidate for `word`, if any is close enough; ties go to the earlier candidate.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean 'x'?" or, without a close candidate, "known: a, b, c" (empty if no candidates).
std::string suggestion_hint(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view known_label = "known");

/// "a, b, c" for messages.
std::string join_names(const std::vector<std::string>& names);

} // namespace gigatwin::scenario
