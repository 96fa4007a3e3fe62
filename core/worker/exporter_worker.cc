// kansli-exporter-worker: runs one exporter plugin for the kansli host, so
// that the plugin's crash, exit, hang or runaway allocation ends this
// process and not the host. Started by the host only (exporter_process.cc):
//
//   kansli-exporter-worker PLUGIN MEMORY_LIMIT_BYTES
//
// Talks to the host over one socket (standard input and file descriptor 3;
// the protocol is in exporter_contract.hpp); standard output is the host's
// standard error. Small on purpose: no Protobuf, no kansli core, so that
// starting it costs little; the plugin brings its own libraries.
#include <dlfcn.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "exporter_contract.hpp"

namespace {

namespace wire = kansli::contract::wire;

void write_all(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(wire::kAnswerFd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);
    data.remove_prefix(static_cast<size_t>(n));
  }
}

// Header and payload written apart: no copy of a large output.
void send(wire::Tag tag, std::string_view payload) {
  write_all(wire::record_header(tag, payload.size()));
  write_all(payload);
}

void answered() { send(wire::Tag::done, {}); }

[[noreturn]] void fail(const std::string& message) {
  send(wire::Tag::error, message);
  answered();
  // Not exit(): the plugin's destructors have nothing more to say.
  _exit(0);
}

// A failed allocation under the memory limit: tell the host, then let the
// allocation fail as usual (std::bad_alloc).
void on_out_of_memory() {
  std::set_new_handler(nullptr);
  send(wire::Tag::memory, {});
  throw std::bad_alloc();
}

// The address space this process uses now, in bytes.
unsigned long long address_space() {
  unsigned long long pages = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%llu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  return pages * static_cast<unsigned long long>(::sysconf(_SC_PAGESIZE));
}

// Reads exactly `size` bytes; false at the end of input.
bool read_exactly(char* into, size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(0, into, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    into += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The next request record; false at the end of input.
bool read_request(wire::Request& request) {
  char header[wire::kHeaderSize];
  wire::Tag tag;
  std::uint64_t size = 0;
  if (!read_exactly(header, sizeof header) || !wire::parse_header({header, sizeof header}, tag, size) ||
      tag != wire::Tag::request || size > (std::uint64_t(4) << 30))
    return false;
  std::string data(size, '\0');
  if (!read_exactly(data.data(), size)) return false;
  request = {};
  return wire::decode(data, request);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "kansli-exporter-worker: started by kansli only\n");
    return 2;
  }
  const std::string plugin = argv[1];
  const unsigned long long memory_limit = std::strtoull(argv[2], nullptr, 10);

  void* library = ::dlopen(plugin.c_str(), RTLD_LAZY | RTLD_LOCAL);
  if (!library) fail(std::string("not a loadable shared library: ") + ::dlerror());
  auto entry = reinterpret_cast<kansli_exporter_entry_fn>(::dlsym(library, KANSLI_EXPORTER_ENTRY_SYMBOL));
  if (!entry)
    fail(std::string("no entry point '") + KANSLI_EXPORTER_ENTRY_SYMBOL + "': not a kansli exporter");
  const kansli_exporter_descriptor* descriptor = nullptr;
  try {
    descriptor = entry();
  } catch (const std::exception& e) {
    fail(std::string("entry point failed: ") + kansli::contract::valid_utf8(e.what()));
  } catch (...) {
    fail("entry point failed with an unknown exception");
  }
  kansli::contract::Description description;
  if (auto error = kansli::contract::describe(descriptor, description); !error.empty()) fail(error);
  std::fflush(stdout);
  send(wire::Tag::description, wire::encode(description));
  answered();

  // The limit counts from here: what the exporter may add.
  if (memory_limit > 0) {
    const rlim_t limit = address_space() + memory_limit;
    const rlimit value{limit, limit};
    ::setrlimit(RLIMIT_AS, &value);
  }
  wire::Request request;
  while (read_request(request)) {
    std::set_new_handler(&on_out_of_memory);
    auto result = kansli::contract::call_render(*descriptor, request.ir, request.source, request.options);
    std::set_new_handler(nullptr);
    request = {};
    std::fflush(stdout);
    if (result.ok)
      send(wire::Tag::bytes, result.bytes);
    else
      send(wire::Tag::error, result.error);
    answered();
  }
  _exit(0);
}
