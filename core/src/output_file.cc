#include <kansli/output_file.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kansli {

// The reason writing failed, or an empty string.
static std::string write_or_reason(const std::filesystem::path& path, std::string_view bytes) {
  const auto directory = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  // A new file beside the target, created with O_EXCL under a random name,
  // so the kernel applies the umask (0666 & ~umask) like for any document.
  std::string temp;
  int fd = -1;
  std::random_device random;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = (directory / fmt::format(".{}.{:08x}.tmp", path.filename().string(), random())).string();
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
  auto fail = [&](const char* what) {
    const std::string reason = fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno));
    ::close(fd);
    ::unlink(temp.c_str());
    return reason;
  };
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
  // Make the rename itself durable.
  if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

Problems write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  if (auto reason = write_or_reason(path, bytes); !reason.empty()) return {{path.string(), 0, 0, {}, std::move(reason)}};
  return {};
}

}  // namespace kansli
