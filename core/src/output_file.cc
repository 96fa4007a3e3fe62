#include <kansli/output_file.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kansli {

std::string write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const auto directory = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::string temp = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
  auto fail = [&](const char* what) {
    const std::string reason = fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno));
    ::close(fd);
    ::unlink(temp.c_str());
    return reason;
  };
  // mkstemp creates 0600; output is an ordinary document (0666 & ~umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("write");
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("write");
  if (::close(fd) != 0) {
    const std::string reason = fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    ::unlink(temp.c_str());
    return reason;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = fmt::format("cannot replace {}: {}", path.string(), std::strerror(errno));
    ::unlink(temp.c_str());
    return reason;
  }
  return {};
}

}  // namespace kansli
