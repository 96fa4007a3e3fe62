// Figures for bench/plugins/run.sh (reported, never enforced):
//   plugin_bench load-one ID   start a plugin host and load exporter ID only
//   plugin_bench load-all      start a plugin host and load every exporter
//   plugin_bench render INPUT ID N never|always
//                              render INPUT N times through one C API
//                              context, in-process or isolated; prints the
//                              mean milliseconds per render
#include <fmt/core.h>
#include <kansli/kansli.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <kansli/plugin_host.hpp>
#include <sstream>
#include <string>

namespace {

int discard(void*, const void*, size_t) { return 0; }

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
  kansli_context* context = kansli_context_create_with(&context_options);
  // The first render loads the exporter (and starts the worker): not counted.
  if (kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, argv[3], nullptr, 0, discard,
                    nullptr) != KANSLI_OK) {
    fmt::print(stderr, "{}\n", kansli_last_error(context));
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i)
    kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, argv[3], nullptr, 0, discard,
                  nullptr);
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  fmt::print("{} {} x{}: {:.2f} ms per render\n", argv[3], argv[5], count, elapsed.count() / count);
  kansli_context_destroy(context);
  return 0;
}
