#include "PendingFile.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace gigatwin::cli {

namespace fs = std::filesystem;

PendingFile::PendingFile(std::string target)
    : target_(std::move(target)), temporary_(target_ + ".part-" + std::to_string(::getpid())) {
  std::error_code ec;
  fs::remove(temporary_, ec);
}

PendingFile::~PendingFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void PendingFile::commit() {
  std::error_code ec;
  fs::rename(temporary_, target_, ec);
  if (ec)
    throw std::runtime_error("cannot write " + target_ + ": " + ec.message());
  committed_ = true;
}

void write_whole(const std::string& path, const std::string& text) {
  PendingFile pending(path);
  {
    std::ofstream out(pending.path(), std::ios::binary);
    out << text;
    out.flush();
    if (!out)
      throw std::runtime_error("cannot write " + path);
  }
  pending.commit();
}

} // namespace gigatwin::cli
