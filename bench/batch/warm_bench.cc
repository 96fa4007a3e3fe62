// Figures for bench/batch/run.sh (reported, never enforced): warm renders
// through the C API on one context shared by THREADS threads (issue 13).
//   warm_bench INPUT EXPORTER N THREADS [per-thread]
// Renders INPUT N times (after one render that loads the exporter) and
// prints the wall milliseconds per document and documents per second.
// `per-thread`: one context per thread instead, for comparison.
#include <fmt/core.h>
#include <kansli/kansli.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

int discard(void*, const void*, size_t) { return 0; }

}  // namespace

int main(int argc, char** argv) {
  const bool per_thread = argc == 6 && std::string(argv[5]) == "per-thread";
  if (argc != 5 && !per_thread) {
    fmt::print(stderr, "usage: warm_bench INPUT EXPORTER N THREADS [per-thread]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string input = buffer.str();
  const char* exporter = argv[2];
  const long count = std::atol(argv[3]);
  const int threads = std::atoi(argv[4]);
  if (input.empty() || count < 1 || threads < 1) return 2;

  auto render = [&](kansli_context* context) {
    return kansli_render(context, input.data(), input.size(), KANSLI_INPUT_TEXT, exporter, nullptr, 0,
                         discard, nullptr);
  };
  std::vector<kansli_context*> contexts(per_thread ? threads : 1);
  for (auto& context : contexts) {
    context = kansli_context_create(nullptr);
    if (!context) return 1;
    // Warm: the exporter loaded.
    if (render(context) != KANSLI_OK) {
      fmt::print(stderr, "{}\n", kansli_last_error(context));
      return 1;
    }
  }
  std::atomic<long> next{0};
  std::atomic<bool> failed{false};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      kansli_context* context = contexts[per_thread ? t : 0];
      while (next.fetch_add(1) < count)
        if (render(context) != KANSLI_OK) failed = true;
    });
  for (auto& thread : pool) thread.join();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  for (auto* context : contexts) kansli_context_destroy(context);
  if (failed) return 1;
  fmt::print("{} x {} on {}, {} thread(s): {:.2f} ms per document, {:.0f} documents/s\n", count, exporter,
             per_thread ? "a warm context per thread" : "one warm context", threads,
             ms / static_cast<double>(count), 1000.0 * static_cast<double>(count) / ms);
  return 0;
}
