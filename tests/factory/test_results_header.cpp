// The experiment header a results file carries, read back as merge does: a file without one is
// refused with a message that says what wrote it.

#include "experiment/ResultsAssembler.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "results/ResultsWriter.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

using gigatwin::results::ResultsError;
using gigatwin::results::ResultsReader;
using gigatwin::results::ResultsWriter;

TEST_CASE("a results file without an experiment key is refused naming its writer", "[results][merge]") {
  const auto dir = std::filesystem::temp_directory_path() / ("gigatwin-header-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "keyless.h5").string();
  {
    ResultsWriter writer(path, true);
    writer.write_text("/scenario", "name: x", "a scenario");
    writer.commit();
  }
  const ResultsReader file(path);
  try {
    (void)gigatwin::experiment::read_header(file);
    FAIL("read_header accepted a file without experiment_key");
  } catch (const ResultsError& e) {
    const std::string message = e.what();
    CHECK(message.find("no experiment_key attribute") != std::string::npos);
    CHECK(message.find(std::string("written by GigaTwin ") + GIGATWIN_VERSION) != std::string::npos);
    CHECK(message.find("older than") == std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
