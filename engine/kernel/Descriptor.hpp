#pragma once
// Descriptor: writing to a file descriptor whole — a pipe to a parent process, the twin's event
// journal — through short writes and EINTR. Nothing else of POSIX I/O.

#include <string_view>

namespace gigatwin::kernel {

/// Writes every byte of `bytes` to `fd`, again after a short write or an interrupted one; false
/// when the descriptor refuses (a closed pipe, a full disk), with errno set.
bool write_all(int fd, std::string_view bytes);

} // namespace gigatwin::kernel
