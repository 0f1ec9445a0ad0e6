#include "OutputPath.hpp"

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace gigatwin::results {

namespace fs = std::filesystem;

void prepare_output_path(const std::string& path) {
  if (path.empty())
    throw BadOutputPath("--out: expected a results file name, found nothing");
  std::error_code ec;
  if (path.back() == '/' || fs::is_directory(path, ec))
    throw BadOutputPath("--out: expected a results file name, found the folder '" + path +
                        "' (give a file name inside it, e.g. '" + (fs::path(path) / "results.h5").lexically_normal().string() +
                        "')");
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
                        "': " + std::error_code(errno, std::generic_category()).message());
  if (existing != folder) {
    fs::create_directories(folder, ec);
    if (ec)
      throw BadOutputPath("--out '" + path + "': cannot create the folder '" + folder.string() + "': " +
                          ec.message());
  }
}

} // namespace gigatwin::results
