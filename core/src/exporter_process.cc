#include "exporter_process.hpp"

#include <fmt/core.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>
#include <vector>

extern char** environ;

namespace kansli {

namespace wire = contract::wire;

namespace {

std::string seconds(std::chrono::milliseconds time) {
  const auto ms = time.count();
  return ms % 1000 == 0 ? fmt::format("{} s", ms / 1000) : fmt::format("{:.3g} s", ms / 1000.0);
}

// Is there a whole done record in `records`? Notes a memory record.
bool complete(std::string_view records, bool& memory) {
  size_t pos = 0;
  wire::Tag tag;
  std::string_view payload;
  while (wire::next_record(records, pos, tag, payload)) {
    if (tag == wire::Tag::memory) memory = true;
    if (tag == wire::Tag::done) return true;
  }
  return false;
}

}  // namespace

WorkerProcess::WorkerProcess(const std::filesystem::path& worker, const std::filesystem::path& plugin,
                             const WorkerLimits& limits, WorkerAnswer& first)
    : limits_(limits) {
  // One socket both ways: send() with MSG_NOSIGNAL, so a worker that died
  // cannot kill the host with SIGPIPE.
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    throw std::system_error(errno, std::generic_category(), "socketpair");
  socket_ = pair[0];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pair[1], 0);
  posix_spawn_file_actions_adddup2(&actions, pair[1], wire::kAnswerFd);
  // What a plugin prints goes to standard error, never into a document.
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  // Nothing else of the host's: no file, pipe or socket it holds open.
  posix_spawn_file_actions_addclosefrom_np(&actions, wire::kAnswerFd + 1);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int signal : {SIGPIPE, SIGINT, SIGTERM, SIGSEGV, SIGABRT}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  // Its own process group: a time-out stops whatever the plugin started.
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  const std::string worker_path = worker.string(), plugin_path = plugin.string(),
                    memory = std::to_string(limits.memory);
  std::vector<char*> argv{const_cast<char*>(worker_path.c_str()), const_cast<char*>(plugin_path.c_str()),
                          const_cast<char*>(memory.c_str()), nullptr};
  const int spawned = ::posix_spawn(&pid_, worker_path.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pair[1]);
  if (spawned != 0) {
    pid_ = -1;
    ::close(socket_);
    throw std::system_error(spawned, std::generic_category(), "cannot start " + worker_path);
  }
  first = exchange({});
}

WorkerProcess::~WorkerProcess() {
  if (pid_ <= 0) return;
  // End of input: the worker leaves its loop and exits.
  ::shutdown(socket_, SHUT_RDWR);
  ::close(socket_);
  for (int i = 0; i < 50; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    ::usleep(i < 10 ? 100 : 2000);
  }
  ::kill(-pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

void WorkerProcess::stop() {
  ::kill(-pid_, SIGKILL);
  ::close(socket_);
  socket_ = -1;
}

WorkerAnswer WorkerProcess::call(std::string_view request) {
  if (pid_ <= 0) return {{}, "the worker is not running", false};
  return exchange(wire::record(wire::Tag::request, request));
}

WorkerAnswer WorkerProcess::exchange(std::string_view out) {
  WorkerAnswer answer;
  const auto deadline = std::chrono::steady_clock::now() + limits_.time;
  size_t sent = 0;
  bool timed_out = false, ended = false, done = false;
  char buffer[64 * 1024];
  while (!done) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
            .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{socket_, static_cast<short>(POLLIN | (sent < out.size() ? POLLOUT : 0)), 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      ended = true;
      break;
    }
    if ((p.revents & POLLOUT) && sent < out.size()) {
      const ssize_t n = ::send(socket_, out.data() + sent, out.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) sent += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR) sent = out.size();  // Gone: the read below tells.
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(socket_, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0) {
        // Never more than the largest answer a worker can give.
        if (answer.records.size() + static_cast<size_t>(n) > KANSLI_EXPORTER_MAX_OUTPUT + (1 << 20)) {
          answer.failure = "sent more than the output limit";
          break;
        }
        answer.records.append(buffer, static_cast<size_t>(n));
        done = complete(answer.records, answer.memory_exhausted);
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        ended = true;
        break;
      }
    }
  }
  if (done) return answer;

  const std::string memory_limit = fmt::format("{} MiB", limits_.memory >> 20);
  complete(answer.records, answer.memory_exhausted);
  if (timed_out || !answer.failure.empty()) stop();
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  if (timed_out) {
    answer.failure =
        fmt::format("did not finish within the time limit of {}; stopped", seconds(limits_.time));
  } else if (!answer.failure.empty()) {
  } else if (answer.memory_exhausted) {
    answer.failure = fmt::format("exceeded the memory limit of {}", memory_limit);
  } else if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    answer.failure = fmt::format("crashed: {} (signal {})", strsignal(signal), signal);
  } else {
    answer.failure =
        fmt::format("ended the process with exit status {} before it finished (an exporter must return)",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  (void)ended;
  answer.records.clear();
  return answer;
}

}  // namespace kansli
