// A worker process (kansli-exporter-worker) running one exporter plugin for
// the host: the host's half of isolation. The worker loads the plugin,
// describes it, then renders one request after another until the host
// closes the connection; each step within a time limit, the whole worker
// within a memory limit. Whatever the plugin does to the worker (crash,
// exit, hang, allocate without bound) comes back as a message.
#ifndef KANSLI_EXPORTER_PROCESS_HPP
#define KANSLI_EXPORTER_PROCESS_HPP

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "exporter_contract.hpp"

namespace kansli {

struct WorkerLimits {
  std::chrono::milliseconds time{60'000};
  // Address space the plugin may add to the worker's; 0: no limit.
  std::uint64_t memory = std::uint64_t(2) << 30;
};

struct WorkerAnswer {
  // The answer's records (contract::wire) up to and with the done record.
  std::string records;
  // Empty when the worker answered; else what happened to it: "crashed:
  // Segmentation fault (signal 11)", "did not finish within ...", ...
  std::string failure;
  // An allocation failed under the memory limit.
  bool memory_exhausted = false;
};

class WorkerProcess {
 public:
  // Starts `worker` on `plugin`; `first` receives the description (or why
  // there is none). Throws std::system_error when it cannot be started.
  WorkerProcess(const std::filesystem::path& worker, const std::filesystem::path& plugin,
                const WorkerLimits& limits, WorkerAnswer& first);
  // Closes the connection: the worker ends; stopped if it does not.
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  // Sends one render request (contract::wire::Request, encoded) and waits
  // for the answer. After a failure the worker is gone (alive() is false).
  WorkerAnswer call(std::string_view request);
  bool alive() const { return pid_ > 0; }

 private:
  WorkerAnswer exchange(std::string_view out);
  void stop();

  pid_t pid_ = -1;
  int socket_ = -1;
  WorkerLimits limits_;
};

}  // namespace kansli

#endif
