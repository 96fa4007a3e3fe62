// Load + validate + compose for each example: the core's share of a render.
// Run: build/bench/core/bench_core
#include <kansli/compose.hpp>
#include <kansli/load.hpp>
#include <kansli/validate.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void load_validate_compose(benchmark::State& state, const std::filesystem::path& path) {
  const std::string bytes = read(path);
  const auto format = *kansli::input_format_for(path);
  for (auto _ : state) {
    auto loaded = kansli::load_document(bytes, format, path.string());
    if (!loaded || !kansli::validate(*loaded).empty()) {
      state.SkipWithError("example does not validate");
      return;
    }
    auto ir = kansli::compose(loaded->document).value;
    benchmark::DoNotOptimize(ir);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path examples = std::filesystem::path(KANSLI_SOURCE_DIR) / "examples";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(examples))
    if (entry.path().extension() == ".txtpb") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    benchmark::RegisterBenchmark(("load_validate_compose/" + file.stem().string()).c_str(),
                                 [file](benchmark::State& state) { load_validate_compose(state, file); })
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
