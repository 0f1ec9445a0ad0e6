#pragma once

#include <stdexcept>
#include <string>

namespace gigatwin::results {

// Any failure of the results store: a file that cannot be created, read or renamed, a damaged or
// foreign file, a missing object, a type mismatch. The message always names the file and, where
// there is one, the object path inside it, so that a user can act on it without a debugger.
class ResultsError : public std::runtime_error {
public:
  explicit ResultsError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace gigatwin::results
