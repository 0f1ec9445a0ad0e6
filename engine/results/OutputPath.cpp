#include "results/OutputPath.hpp"

#include <cctype>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace gigatwin::results {

namespace fs = std::filesystem;

namespace {
std::string lowercase_first(std::string text) {
  if (!text.empty())
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

/// The folder the file goes in, and whether it still has to be created.
std::pair<fs::path, bool> checked_folder(const std::string& path) {
  if (path.empty())
    throw BadOutputPath("--out: expected a results file name, found nothing");
  std::error_code ec;
  if (path.back() == '/' || fs::is_directory(path, ec))
    throw BadOutputPath("--out: expected a results file name, found the folder '" + path +
                        "' (give a file name inside it, e.g. '" +
                        (fs::path(path) / "results.h5").lexically_normal().string() + "')");
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    throw BadOutputPath("--out: expected a results file name, found '" + path +
                        "', which is not a regular file (a device, a pipe or a socket)");
  const fs::path parent = fs::path(path).parent_path();
  const fs::path folder = parent.empty() ? fs::path(".") : parent;
  // The nearest existing ancestor decides whether the missing folders can be made.
  fs::path existing = folder;
  while (!existing.empty() && !fs::exists(existing, ec))
    existing = existing.has_parent_path() && existing.parent_path() != existing ? existing.parent_path()
                                                                                : fs::path();
  if (existing.empty())
    existing = ".";
  if (!fs::is_directory(existing, ec))
    throw BadOutputPath("--out '" + path + "': '" + existing.string() + "' is a file, not a folder");
  if (::access(existing.c_str(), W_OK | X_OK) != 0)
    throw BadOutputPath("--out '" + path + "': cannot write in the folder '" + existing.string() +
                        "': " + lowercase_first(std::error_code(errno, std::generic_category()).message()));
  return {folder, existing != folder};
}
} // namespace

void check_output_path(const std::string& path) {
  (void)checked_folder(path);
}

void prepare_output_path(const std::string& path) {
  const auto [folder, missing] = checked_folder(path);
  if (!missing)
    return;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    throw BadOutputPath("--out '" + path + "': cannot create the folder '" + folder.string() +
                        "': " + ec.message());
}

} // namespace gigatwin::results
