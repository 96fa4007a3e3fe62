// Figures for bench/plugins/run.sh (reported, never enforced):
//   plugin_bench load-one ID   start a plugin host and load exporter ID only
//   plugin_bench load-all      start a plugin host and load every exporter
//   plugin_bench render INPUT ID N never|always
//                              render INPUT N times through one C API
//                              context, in-process or isolated; prints the
//                              wall and CPU milliseconds per render (host
//                              and worker) and of a context with one render
#include <fmt/core.h>
#include <kansli/kansli.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <kansli/plugin_host.hpp>
#include <sstream>
#include <string>

namespace {

int discard(void*, const void*, size_t) { return 0; }

// CPU time of this process and its reaped children, in milliseconds.
double cpu_ms() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    getrusage(who, &usage);
    total += (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
             (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
  }
  return total;
}

int usage() {
  fmt::print(stderr, "usage: plugin_bench load-one ID | load-all | render INPUT ID N never|always\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  kansli::HostOptions options{kansli::PluginHost::default_search_path(), true, kansli::Isolation::never};
  if (mode == "load-one" && argc == 3) {
    kansli::PluginHost host(options);
    return host.exporter(argv[2]) ? 0 : 1;
  }
  if (mode == "load-all") {
    kansli::PluginHost host(options);
    return host.load_all().empty() ? 1 : 0;
  }
  if (mode != "render" || argc != 6) return usage();
  std::ifstream file(argv[2], std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string input = buffer.str();
  const int count = std::atoi(argv[4]);
  kansli_context_options context_options;
  kansli_context_options_init(&context_options);
  context_options.isolation =
      std::strcmp(argv[5], "always") == 0 ? KANSLI_ISOLATE_ALWAYS : KANSLI_ISOLATE_NEVER;
  // One context: create, a first render (loads the exporter, starts the
  // worker), `renders` more, destroy (the worker is reaped, so its CPU time
  // counts as the children's). Returns wall and CPU milliseconds.
  auto session = [&](int renders, double& cpu) {
    const double cpu_start = cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    kansli_context* context = kansli_context_create_with(&context_options);
    for (int i = 0; i <= renders; ++i)
      if (kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, argv[3], nullptr, 0, discard,
                        nullptr) != KANSLI_OK) {
        fmt::print(stderr, "{}\n", kansli_last_error(context));
        std::exit(1);
      }
    kansli_context_destroy(context);
    cpu = cpu_ms() - cpu_start;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  double cpu_one = 0, cpu_many = 0;
  const double wall_one = session(0, cpu_one);
  const double wall_many = session(count, cpu_many);
  fmt::print(
      "{} {} x{}: {:.2f} ms wall, {:.2f} ms CPU (host and worker) per render; {:.2f} ms wall, {:.2f} ms CPU "
      "for a context with one render\n",
      argv[3], argv[5], count, (wall_many - wall_one) / count, (cpu_many - cpu_one) / count, wall_one,
      cpu_one);
  return 0;
}
