#include <fcntl.h>
#include <fmt/core.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <kansli/output_file.hpp>
#include <random>
#include <set>
#include <shared_mutex>
#include <thread>

namespace kansli {

namespace {

// Blocks the signals that end a process by default (SIGINT, SIGTERM, SIGHUP,
// SIGXFSZ, ...) in this thread while a named temporary file exists: one that
// arrives meanwhile takes effect once the file is renamed or removed. Faults
// (SIGSEGV, ...) stay unblocked; SIGKILL cannot be blocked.
class DeferSignals {
 public:
  DeferSignals() {
    sigset_t all;
    sigfillset(&all);
    for (int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT}) sigdelset(&all, fault);
    pthread_sigmask(SIG_BLOCK, &all, &saved_);
  }
  ~DeferSignals() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  DeferSignals(const DeferSignals&) = delete;
  DeferSignals& operator=(const DeferSignals&) = delete;

 private:
  sigset_t saved_;
};

// Held shared by every thread while an output file has a temporary name,
// exclusively by the signal thread of end_on_signals_without_leftovers
// before it ends the process.
std::shared_mutex& naming_window() {
  static std::shared_mutex mutex;
  return mutex;
}

// The signals that end a process and that a user sends to stop it.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, signal);
  return set;
}

std::string failure(const char* what, const std::filesystem::path& path) {
  return fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno));
}

// A new, empty name beside the target: ".NAME.XXXXXXXX.tmp". `make` creates
// it (O_EXCL or linkat) and returns false with errno set when it cannot.
template <typename Make>
bool make_temp_name(const std::filesystem::path& directory, const std::filesystem::path& path,
                    std::string& temp, Make make) {
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    temp = (directory / fmt::format(".{}.{:08x}.tmp", path.filename().string(), random())).string();
    if (make(temp)) return true;
    if (errno != EEXIST) return false;
  }
  return false;
}

// Writes all of `bytes` to `fd`; false on failure (errno says why).
bool write_bytes(int fd, std::string_view bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

// Writes all of `bytes` to `fd` and flushes them to disk; false on failure
// (errno says why).
bool write_all(int fd, std::string_view bytes) { return write_bytes(fd, bytes) && ::fsync(fd) == 0; }

// Gives the unnamed file `fd` a temporary name beside `path` (`temp`);
// false with errno set when it cannot (no /proc, say).
bool name_unnamed(int fd, const std::filesystem::path& directory, const std::filesystem::path& path,
                  std::string& temp) {
  const std::string proc_path = fmt::format("/proc/self/fd/{}", fd);
  return make_temp_name(directory, path, temp, [&](const std::string& name) {
    return ::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0 ||
           (errno != EEXIST &&
            ::linkat(AT_FDCWD, proc_path.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0);
  });
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  return path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
}

// Why `path` may not be replaced, or an empty string. Only a regular file
// (or nothing) is replaced: renaming over a device would put a file where
// /dev/null was (as root), and a FIFO or socket is no place for a document.
// Standard output is the way to those.
std::string not_replaceable(const std::filesystem::path& path) {
  if (struct stat st{}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return fmt::format("cannot replace {}: {}", path.string(),
                       S_ISDIR(st.st_mode) ? "it is a directory"
                                           : "it is not a regular file (a device, FIFO or socket); "
                                             "write to standard output instead (-o -)");
  return {};
}

Problems problem_at(const std::filesystem::path& path, std::string reason) {
  if (reason.empty()) return {};
  return {{path.string(), 0, 0, {}, std::move(reason)}};
}

// Flushes `directory` to disk, so that renames in it are durable.
void flush_directory(const std::filesystem::path& directory) {
  if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

// Gives `temp` its final name and makes the rename durable; removes `temp`
// when that fails.
std::string replace(const std::string& temp, const std::filesystem::path& path,
                    const std::filesystem::path& directory) {
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = failure("replace", path);
    ::unlink(temp.c_str());
    return reason;
  }
  flush_directory(directory);
  return {};
}

}  // namespace

// The reason writing failed, or an empty string.
static std::string write_or_reason(const std::filesystem::path& path, std::string_view bytes) {
  if (auto reason = not_replaceable(path); !reason.empty()) return reason;
  const auto directory = directory_of(path);
  std::string temp;

  // An unnamed file in the target's directory (O_TMPFILE): whatever ends the
  // process while it is written leaves nothing behind. It gets a name only
  // for the instant between linkat and rename, with signals deferred. The
  // kernel applies the umask (0666 & ~umask) as for any new document.
  if (const int fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666); fd >= 0) {
    if (!write_all(fd, bytes)) {
      const std::string reason = failure("write", path);
      ::close(fd);
      return reason;
    }
    DeferSignals defer;
    std::shared_lock window(naming_window());
    if (name_unnamed(fd, directory, path, temp)) {
      const std::string reason = ::close(fd) == 0 ? replace(temp, path, directory) : failure("write", path);
      if (!reason.empty()) ::unlink(temp.c_str());
      return reason;
    }
    ::close(fd);
    // No way to name it (no /proc): write again the plain way below.
  } else if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
    return failure("write", path);
  }

  // Without O_TMPFILE: a named temporary file created with O_EXCL, with
  // signals deferred for as long as it exists.
  DeferSignals defer;
  std::shared_lock window(naming_window());
  int fd = -1;
  if (!make_temp_name(directory, path, temp, [&](const std::string& name) {
        fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        return fd >= 0;
      }))
    return failure("write", path);
  if (!write_all(fd, bytes)) {
    const std::string reason = failure("write", path);
    ::close(fd);
    ::unlink(temp.c_str());
    return reason;
  }
  if (::close(fd) != 0) {
    const std::string reason = failure("write", path);
    ::unlink(temp.c_str());
    return reason;
  }
  return replace(temp, path, directory);
}

Problems write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  return problem_at(path, write_or_reason(path, bytes));
}

namespace {

// Reads the whole of the unnamed file `fd` back (for the rare file system
// where it cannot be named); false on failure.
bool read_back(int fd, std::string& bytes) {
  bytes.clear();
  char buffer[65536];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    bytes.append(buffer, static_cast<size_t>(n));
    offset += n;
  }
}

// Puts a group of waiting files in place: see OutputGroup.
void commit_group(std::vector<OutputGroup::Waiting>& group) {
  if (group.empty()) return;
  std::vector<std::string> reasons(group.size());
  // One flush per file system, then each file's own flush, which finds
  // nothing left to write unless the first failed.
  std::set<dev_t> flushed;
  for (const auto& file : group)
    if (struct stat st{}; ::fstat(file.fd, &st) == 0 && flushed.insert(st.st_dev).second) ::syncfs(file.fd);
  for (size_t i = 0; i < group.size(); ++i)
    if (::fsync(group[i].fd) != 0) reasons[i] = failure("write", group[i].path);

  std::set<std::filesystem::path> directories;
  std::vector<size_t> unnameable;
  {
    DeferSignals defer;
    std::shared_lock window(naming_window());
    for (size_t i = 0; i < group.size(); ++i) {
      if (!reasons[i].empty()) continue;
      const auto& path = group[i].path;
      const auto directory = directory_of(path);
      std::string temp;
      if (!name_unnamed(group[i].fd, directory, path, temp)) {
        unnameable.push_back(i);
        continue;
      }
      if (::rename(temp.c_str(), path.c_str()) != 0) {
        reasons[i] = failure("replace", path);
        ::unlink(temp.c_str());
        continue;
      }
      directories.insert(directory);
    }
  }
  for (size_t i : unnameable) {
    std::string bytes;
    reasons[i] = read_back(group[i].fd, bytes) ? write_or_reason(group[i].path, bytes)
                                               : failure("write", group[i].path);
  }
  for (auto& file : group) ::close(file.fd);
  for (const auto& directory : directories) flush_directory(directory);
  for (size_t i = 0; i < group.size(); ++i) group[i].done(problem_at(group[i].path, std::move(reasons[i])));
}

}  // namespace

void OutputGroup::write(const std::filesystem::path& path, std::string_view bytes, Done done) {
  if (auto reason = not_replaceable(path); !reason.empty()) return done(problem_at(path, std::move(reason)));
  const int fd = ::open(directory_of(path).c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
      return done(problem_at(path, failure("write", path)));
    return done(write_file_atomically(path, bytes));
  }
  if (!write_bytes(fd, bytes)) {
    auto problems = problem_at(path, failure("write", path));
    ::close(fd);
    return done(problems);
  }
  std::lock_guard lock(mutex_);
  waiting_.push_back({fd, path, std::move(done)});
  if (waiting_.size() < group_size_) return;
  full_.push_back(std::move(waiting_));
  waiting_.clear();
  if (!committer_.joinable()) committer_ = std::thread(&OutputGroup::commit_full_groups, this);
  work_.notify_one();
}

void OutputGroup::commit_full_groups() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [this] { return stopping_ || !full_.empty(); });
    if (full_.empty()) return;
    std::vector<Waiting> group = std::move(full_.front());
    full_.pop_front();
    committing_ = true;
    lock.unlock();
    commit_group(group);
    lock.lock();
    committing_ = false;
    idle_.notify_all();
  }
}

void OutputGroup::commit() {
  std::vector<Waiting> rest;
  {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return full_.empty() && !committing_; });
    rest.swap(waiting_);
  }
  commit_group(rest);
}

OutputGroup::~OutputGroup() {
  commit();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  if (committer_.joinable()) committer_.join();
}

void end_on_signals_without_leftovers() {
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals] {
    int signal = 0;
    while (sigwait(&signals, &signal) != 0) {
    }
    // No thread is between naming and renaming an output once this is held;
    // none can start to while the process ends.
    naming_window().lock();
    std::signal(signal, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signal);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    ::raise(signal);
  }).detach();
}

}  // namespace kansli
